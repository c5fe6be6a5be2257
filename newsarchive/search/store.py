"""Open the article index for reading: all that ``newsarchive search`` needs of the index module
(which also writes and updates it, and imports what that takes only when it does)."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

INDEX_NAME = "articles"
#: The vocabulary of the ``v/`` shards (prefix key -> ``[word, documents, ...]``), which the
#: export also writes beside the index with the ids of the segments it was made from, so that
#: "did you mean" reads one file instead of every segment's words.
VOCABULARY_FILE = "newsarchive-vocabulary.marshal"


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


def vocabulary_bytes(segment_ids: list[str], vocabulary: dict[str, list[Any]]) -> bytes:
    """The :data:`VOCABULARY_FILE` of an index of these segments."""
    return marshal.dumps((segment_ids, dict(vocabulary)))


def read_vocabulary(index_dir: str | Path, reader: Any) -> dict[str, list[Any]] | None:
    """The vocabulary the last export wrote beside the index, if it was made from the very
    segments ``reader`` reads (segment ids are random: an index rebuilt has others); else
    ``None``, and the words are read from the segments."""
    try:
        ids, vocabulary = marshal.loads((Path(index_dir) / VOCABULARY_FILE).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    # an index of no articles has no segment (its one reader names none)
    segments = (leaf.segment() for leaf, _ in reader.leaf_readers())
    current = [segment.segment_id() for segment in segments if segment is not None]
    return vocabulary if ids == current and isinstance(vocabulary, dict) else None
