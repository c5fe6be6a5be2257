"""The one-pass segment writer writes the segment Whoosh's ``SegmentWriter`` writes, byte for
byte (but for the modification times in its directory), and the export's cache it builds in
memory equals the one read back from the segment."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.codec import whoosh3
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from newsarchive.search import segment as segment_module
from newsarchive.search.blocks import TermBlocks
from newsarchive.search.document import read_article
from newsarchive.search.index import INDEX_NAME
from newsarchive.search.postings import read_segment
from newsarchive.search.schema import SEARCH_FIELDS, build_schema
from newsarchive.search.segment import Reuse, codec, write_segment

from .synth import write_archive


def _documents(content: Path) -> list[dict]:
    docs = [read_article(p, content).whoosh_fields() for p in sorted(content.rglob("*.md"))]
    # awkward values: an empty body, a title of stop words only, long repeated words
    docs[0]["body"] = ""
    docs[1]["title"] = "The of and"
    docs[2]["body"] = "harbour " * 700 + "Zürich straße naïve U.S. e-mail US it IT"
    return docs


def _parts(path: Path) -> list[tuple[str, int, int, bytes]]:
    """The files inside a compound segment file: name, offset, length and bytes, in order (its
    directory also holds each file's modification time, which is all that may differ)."""
    storage = CompoundStorage(FileStorage(str(path.parent)).open_file(path.name), use_mmap=False)
    try:
        return [
            (name, info["offset"], info["length"], storage.open_file(name).read())
            for name, info in storage._dir.items()
        ]
    finally:
        storage.close()


@pytest.mark.parametrize("count", [7, 300])
def test_segment_bytes_equal_whoosh_segment_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    content = tmp_path / "articles"
    write_archive(content, count, seed=31)
    docs = _documents(content)
    monkeypatch.setattr(whoosh3.W3Segment, "_random_id", staticmethod(lambda size=16: "fixedid"))

    whoosh_dir = tmp_path / "whoosh"
    whoosh_dir.mkdir()
    ix = whoosh_index.create_in(str(whoosh_dir), build_schema(), indexname=INDEX_NAME)
    writer = ix.writer(codec=codec())
    for fields in docs:
        writer.add_document(**fields)
    writer.commit(mergetype=lambda w, segments: list(segments))
    (expected,) = TOC.read(ix.storage, INDEX_NAME).segments

    ours_dir = tmp_path / "ours"
    segment, cache = write_segment(str(ours_dir), build_schema(), INDEX_NAME, iter(docs))
    assert segment.segid == expected.segid == "fixedid"
    assert segment.doc_count_all() == expected.doc_count_all() == count
    assert segment._fieldlengths == expected._fieldlengths
    name = f"{INDEX_NAME}_fixedid.seg"
    assert sorted(p.name for p in ours_dir.iterdir()) == [name]
    assert _parts(ours_dir / name) == _parts(whoosh_dir / name)

    with ix.reader() as reader:
        read = read_segment(reader)
    assert (cache.docs, cache.lengths, cache.stored) == (read.docs, read.lengths, read.stored)
    assert [list(t) for t in cache.terms.values()] == [list(t) for t in read.terms.values()]
    assert cache.terms == read.terms


#: How a segment written again differs from the old one: an article edited, articles added
#: after the others or among them, one removed, and an edit with an addition.
CHANGES = {
    "edit": lambda old, extra: [*old[:5], _edited(old[5]), *old[6:]],
    "append": lambda old, extra: [*old, *extra],
    "insert": lambda old, extra: [*old[:20], extra[0], *old[20:]],
    "remove": lambda old, extra: [*old[:12], *old[13:]],
    "edit and append": lambda old, extra: [_edited(old[0]), *old[1:], extra[1]],
}


def _edited(doc: dict) -> dict:
    return dict(doc, body=doc["body"] + " Quortellian harbour dues rose again.",
                sha256="edited-" + doc["sha256"])


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_segment_written_again_copies_its_unchanged_terms_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    content = tmp_path / "articles"
    write_archive(content, 302, seed=32)  # common words fill several blocks of 128
    docs = _documents(content)
    old_docs, extra = docs[:300], docs[300:]
    new_docs = CHANGES[change](old_docs, extra)
    ids = iter(["oldid", "fixedid", "fixedid"])
    monkeypatch.setattr(whoosh3.W3Segment, "_random_id", staticmethod(lambda size=16: next(ids)))
    old_segment, old_cache = write_segment(
        str(tmp_path / "old"), build_schema(), INDEX_NAME, iter(old_docs)
    )
    fresh, fresh_cache = write_segment(
        str(tmp_path / "fresh"), build_schema(), INDEX_NAME, iter(new_docs)
    )
    copied: list[bytes] = []
    real_copy = TermBlocks.copy

    def counted(self: TermBlocks, tbytes: bytes, row: bytes, chunk: bytes) -> None:
        copied.append(tbytes)
        real_copy(self, tbytes, row, chunk)

    monkeypatch.setattr(TermBlocks, "copy", counted)
    analysed: list[str] = []
    real_analyse = segment_module.term_positions

    def analyse(text: str, pattern: object) -> dict:
        analysed.append(text)
        return real_analyse(text, pattern)

    monkeypatch.setattr(segment_module, "term_positions", analyse)

    def key(fields: dict) -> tuple[str, str]:
        return fields["id"], fields["sha256"]

    reuse = Reuse.of(str(tmp_path / "old"), old_segment, old_cache, [key(d) for d in old_docs])
    ours, cache = write_segment(
        str(tmp_path / "ours"), build_schema(), INDEX_NAME,
        (dict(d, _key=key(d)) for d in new_docs), reuse,
    )
    name = f"{INDEX_NAME}_fixedid.seg"
    assert ours.segid == fresh.segid == "fixedid"
    assert _parts(tmp_path / "ours" / name) == _parts(tmp_path / "fresh" / name)
    assert cache.terms == fresh_cache.terms and cache.lengths == fresh_cache.lengths
    # the terms of kept documents are copied (renumbered, when an insert or a removal moved
    # them), not encoded again, and only the documents new or changed are analysed
    assert len(copied) > 1_000
    old_keys = {key(d) for d in old_docs}
    fresh_docs = [d for d in new_docs if key(d) not in old_keys]
    assert sorted(analysed) == sorted(
        d[f] for d in fresh_docs for f in SEARCH_FIELDS if isinstance(d.get(f), str)
    )
