"""Run a query on the Whoosh index: the reference ranking the browser reproduces."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsarchive.search.index import open_index
from newsarchive.search.query import parse, to_whoosh


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
        """The ``search --json`` record (DESIGN.md contract)."""
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

    def as_dict(self) -> dict[str, object]:
        return {"query": self.query, "total": self.total, "hits": [asdict(h) for h in self.hits]}


def search(
    index_dir: str | Path, text: str, *, limit: int = 10, prefix: bool = False
) -> SearchResult:
    """Whoosh's default BM25F ranking of the query; ties go to the lower document number."""
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        q = to_whoosh(searcher.reader(), parse(text, prefix=prefix))
        if q is None:
            return SearchResult(text, 0)
        # limit=None: Whoosh scores every match and sorts by (-score, docnum). Its top-N
        # collector prunes with matcher.replace()/block quality, which can drop documents that
        # belong in the top N (a two-word AND on a 2,000-article index lost its best hits).
        results = searcher.search(q.query, limit=None, mask=q.mask)
        hits = []
        for rank, hit in enumerate(results[:limit], start=1):
            stored = hit.fields()
            hits.append(
                Hit(
                    rank=rank,
                    id=stored["id"],
                    title=stored.get("title", ""),
                    url=stored.get("url", ""),
                    score=float(hit.score),
                    docnum=hit.docnum,
                    date=stored.get("date", ""),
                    provider=stored.get("provider", ""),
                )
            )
        return SearchResult(text, len(results), hits)
