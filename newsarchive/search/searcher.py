"""Run a query on the Whoosh index: the reference ranking the browser reproduces."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.search.index import open_index
from newsarchive.search.query import parse, to_whoosh

#: Scores are compared and reported to this many decimals (engine.js reads it from the manifest).
SCORE_DECIMALS = 9
_SCALE = 10**SCORE_DECIMALS


def score_key(score: float) -> int:
    """The score as an integer number of 1e-9 units: the value results are ordered by.

    Whoosh adds a document's per-term and per-field scores in the order of each segment's
    matcher tree, so one article can score a few units in the last place differently in an
    index split into segments than in one written in a single pass. Rounding first makes such
    articles tie, and ties go to the lower document number, so the order does not depend on
    how the index is segmented (and the browser, which adds in single-segment order, agrees).
    """
    return math.floor(score * _SCALE + 0.5)


@dataclass(frozen=True)
class Hit:
    rank: int
    id: str
    title: str
    url: str
    score: float
    docnum: int
    date: str = ""
    provider: str = ""

    def as_json(self) -> dict[str, object]:
        """The ``search --json`` record (its keys are a contract: README, "Search")."""
        return {
            "rank": self.rank,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "score": self.score,
        }


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)


def search(
    index_dir: str | Path, text: str, *, limit: int = 10, prefix: bool = False
) -> SearchResult:
    """Whoosh's default BM25F ranking of the query; ties (equal to :data:`SCORE_DECIMALS`
    decimals) go to the lower document number."""
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        q = to_whoosh(searcher.reader(), parse(text, prefix=prefix))
        if q is None:
            return SearchResult(text, 0)
        # limit=None: Whoosh scores every match and sorts by (-score, docnum). Its top-N
        # collector prunes with matcher.replace()/block quality, which can drop documents that
        # belong in the top N (a two-word AND on a 2,000-article index lost its best hits).
        results = searcher.search(q.query, limit=None, mask=q.mask)
        ranked = sorted(
            ((score_key(score), docnum) for score, docnum in results.top_n),
            key=lambda item: (-item[0], item[1]),
        )
        hits = []
        for rank, (key, docnum) in enumerate(ranked[:limit], start=1):
            stored = searcher.stored_fields(docnum)
            hits.append(
                Hit(
                    rank=rank,
                    id=stored["id"],
                    title=stored.get("title", ""),
                    url=stored.get("url", ""),
                    score=key / _SCALE,
                    docnum=docnum,
                    date=stored.get("date", ""),
                    provider=stored.get("provider", ""),
                )
            )
        return SearchResult(text, len(results), hits)
