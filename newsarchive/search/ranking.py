"""Whoosh's BM25F, with each segment's field lengths read whole: what ``newsarchive search``
ranks with.

Whoosh's own ``BM25FScorer`` is made once per term, field and segment, and for each it sums the
field's length over every segment again (the average field length) and looks the term up once
more for its best possible score, a bound only the top-N collectors' pruning asks for. Then, for
every matching article, it reads the article's length byte from the segment's length column
through the file, one seek and read each. On the bench's 10,000-article index (32 segments),
that is a quarter to two fifths of a query's work for a word in thousands of articles.

:class:`Ranking` is the same model with the same parameters and the same formula
(``whoosh.scoring.bm25``) on the same numbers: the average field length is worked out once per
search, the bound only when asked, and each segment's length column is read in one piece the
first time one of its articles is scored (a byte per article and field). The scores are
bit-identical to ``BM25F``'s (``tests/search/test_ranking.py``), so the browser's ranking, which
mirrors Whoosh's, still agrees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util.numeric import byte_to_length

#: A length byte's field length (Whoosh's ``doc_field_length``: none for byte 0).
_LENGTHS: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]


def _one(docnum: int) -> int:
    """The length Whoosh gives every article of a segment without a length column."""
    return 1


def _from_column(column: bytes) -> Callable[[int], int | None]:
    """``docnum -> field length`` from a segment's length bytes, one per article."""

    def length(docnum: int) -> int | None:
        return _LENGTHS[column[docnum]]

    return length


class Ranking(BM25F):
    """``BM25F()`` with the per-search memos above; make one per search (it keeps them)."""

    def __init__(self) -> None:
        super().__init__()
        self._average: dict[tuple[int, str], float] = {}
        self._lengths: dict[tuple[int, str], Callable[[int], int | None]] = {}

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: float = 1) -> Any:
        if not searcher.schema[fieldname].scorable or fieldname in self._field_B:
            return super().scorer(searcher, fieldname, text, qf)
        return _Scorer(self, searcher, fieldname, text, qf)

    def average_length(self, parent: Any, fieldname: str) -> float:
        """``BM25FScorer``'s ``avgfl``: the field's length over the whole index per article."""
        key = (id(parent), fieldname)
        if key not in self._average:
            self._average[key] = parent.avg_field_length(fieldname) or 1
        return self._average[key]

    def field_length(self, reader: Any, fieldname: str) -> Callable[[int], int | None]:
        """A segment's ``docnum -> field length``, as ``reader.doc_field_length(docnum,
        fieldname, 1)`` answers, from its length column read in one piece."""
        key = (id(reader), fieldname)
        found = self._lengths.get(key)
        if found is None:
            # Whoosh's length column: a byte per article up to the last with a value.
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if column is None:
                found = _one
            else:
                count = reader.doc_count_all()
                raw = column._dbfile.get(column._basepos, min(column._count, count))
                found = _from_column(raw.ljust(count, b"\0"))
            self._lengths[key] = found
        return found


class _Scorer(BM25FScorer):
    """``BM25FScorer`` of one term in one field of one segment, set up from the memos."""

    def __init__(self, model: Ranking, searcher: Any, fieldname: str, text: bytes,
                 qf: float) -> None:
        parent = searcher.get_parent()
        self.idf = parent.idf(fieldname, text)
        self.avgfl = model.average_length(parent, fieldname)
        self.B = model.B
        self.K1 = model.K1
        self.qf = qf
        self.dfl = model.field_length(searcher.reader(), fieldname)
        self._term = (searcher, fieldname, text)

    def max_quality(self) -> float:
        """The bound ``setup`` would have worked out, worked out when a collector asks."""
        searcher, fieldname, text = self._term
        info = searcher.term_info(fieldname, text)
        return self._score(info.max_weight(), info.min_length())
