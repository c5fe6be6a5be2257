"""Open the article index for reading: all that ``newsarchive search`` needs of the index module
(which also writes and updates it, and imports what that takes only when it does)."""

from __future__ import annotations

import bisect
import json
import marshal
from dataclasses import dataclass
from functools import cached_property
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


#: Written beside the index when its last segment holds articles found late (see
#: :mod:`newsarchive.search.index`): that segment's id and, for each of its documents in order,
#: the number a clean build gives it.
ORDER_FILE = "newsarchive-order.json"


@dataclass(frozen=True)
class DocumentOrder:
    """Where each Whoosh document number stands in the order of a clean build (every article in
    path order). Documents ``0 .. regular - 1`` are the path-ordered segments' and keep their
    order; the late segment's documents follow them in Whoosh's numbering and take the clean
    numbers ``late`` (rising) among them."""

    regular: int
    late: tuple[int, ...] = ()
    segment: str = ""

    def canonical(self, docnum: int) -> int:
        """The clean build's number of Whoosh's document ``docnum``."""
        if not self.late:
            return docnum
        if docnum >= self.regular:
            return self.late[docnum - self.regular]
        # a late document j stands after late[j] - j path-ordered ones
        return docnum + bisect.bisect_right(self._before, docnum)

    @cached_property
    def _before(self) -> list[int]:
        return [number - j for j, number in enumerate(self.late)]


def document_order(index_dir: str | Path, doc_count: int) -> DocumentOrder:
    """The order of the index at ``index_dir`` of ``doc_count`` documents (Whoosh's own when it
    has no late segment)."""
    try:
        data = json.loads((Path(index_dir) / ORDER_FILE).read_text("utf-8"))
        late = tuple(int(n) for n in data["canonical"])
        segment = str(data["segment"])
    except FileNotFoundError:
        return DocumentOrder(doc_count)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{ORDER_FILE} is not readable ({exc})") from None
    return DocumentOrder(doc_count - len(late), late, segment)
