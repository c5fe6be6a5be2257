"""Open the article index for reading: all that ``newsarchive search`` needs of the index module
(which also writes and updates it, and imports what that takes only when it does)."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

INDEX_NAME = "articles"


class IndexMissingError(FileNotFoundError):
    """There is no article index in the folder (run ``newsarchive build`` first)."""


def open_index(index_dir: str | Path) -> Index:
    """Open the article index for reading (raises :class:`IndexMissingError`)."""
    path = Path(index_dir)
    if not path.is_dir() or not whoosh_index.exists_in(str(path), indexname=INDEX_NAME):
        raise IndexMissingError(f"no search index in {path} (run 'newsarchive build' to create it)")
    # Without memory mapping: Whoosh copies each mapped compound segment whole into memory when it
    # opens it (a third of a second and hundreds of MB at 10k articles), where reading the few
    # blocks a query needs through the file costs next to nothing.
    return FileStorage(str(path), supports_mmap=False).open_index(INDEX_NAME)
