"""``Ranking`` scores exactly as Whoosh's ``BM25F``: same floats, same order, on a segmented
index of the archive and on segments Whoosh itself wrote, one of them without a field."""

from __future__ import annotations

from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.scoring import BM25F

from newsarchive.search.index import open_index
from newsarchive.search.query import parse, to_whoosh
from newsarchive.search.ranking import Ranking
from newsarchive.search.schema import SEARCH_FIELDS, build_schema

from . import queries as querygen
from .conftest import Archive


def _top(index: object, weighting: object, text: str, limit: int | None) -> list[object]:
    with index.searcher(weighting=weighting) as searcher:  # type: ignore[attr-defined]
        q = to_whoosh(searcher.reader(), parse(text, prefix=text.endswith("*")))
        if q is None:
            return []
        return list(searcher.search(q.query, limit=limit, mask=q.mask).top_n)


def test_scores_equal_whooshs_bm25f_on_every_kind_of_query(large_archive: Archive) -> None:
    index = open_index(large_archive.index)
    with index.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) > 4  # a segmented index
    queries = querygen.generate(large_archive.content, large_archive.index, seed=21, count=90)
    matched = 0
    for text in queries:
        for limit in (None, 3):  # every match, and the top-N collector that prunes by bounds
            ours = _top(index, Ranking(), text, limit)
            assert ours == _top(index, BM25F(), text, limit), (text, limit)
            matched += bool(ours)
    assert matched > len(queries)


def test_field_lengths_are_whooshs_for_every_article(large_archive: Archive) -> None:
    index = open_index(large_archive.index)
    ranking = Ranking()
    with index.searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            for name in SEARCH_FIELDS:
                length = ranking.field_length(reader, name)
                assert [length(d) for d in range(reader.doc_count_all())] == [
                    reader.doc_field_length(d, name, 1) for d in range(reader.doc_count_all())
                ]


def test_a_segment_whoosh_wrote_without_a_field(tmp_path: Path) -> None:
    """Two segments written by Whoosh's own writer; in the first no article has entities, so
    it has no length column for them; in the second only the last article has."""
    storage = FileStorage(str(tmp_path))
    index = storage.create_index(build_schema(), indexname="articles")
    rows = [
        [("kessel harbour deal", "the harbour of Kessel signed a deal", ""),
         ("varnholm mill", "a mill in Varnholm and a harbour", "")],
        [("harbour pact", "Dorova harbour pact signed at the harbour", ""),
         ("mill strike", "workers at the mill", ""),
         ("harbour", "a short one", "Lena Korvini Kessel Harbour Authority")],
    ]
    for n, segment in enumerate(rows):
        writer = index.writer()
        for m, (title, body, entities) in enumerate(segment):
            fields = {"id": f"{n}-{m}", "title": title, "body": body}
            if entities:
                fields["entities"] = entities
            writer.add_document(**fields)
        writer.commit(merge=False)
    ranking = Ranking()
    with index.searcher() as searcher:
        readers = [r for r, _ in searcher.reader().leaf_readers()]
        assert len(readers) == 2
        for reader in readers:
            for name in SEARCH_FIELDS:
                length = ranking.field_length(reader, name)
                assert [length(d) for d in range(reader.doc_count_all())] == [
                    reader.doc_field_length(d, name, 1) for d in range(reader.doc_count_all())
                ]
    for text in ("harbour", "kessel", "harbour mill", "korvini", '"harbour pact"', "mil*"):
        for limit in (None, 2):
            assert _top(index, Ranking(), text, limit) == _top(index, BM25F(), text, limit)
    assert _top(index, Ranking(), "harbour", None)
