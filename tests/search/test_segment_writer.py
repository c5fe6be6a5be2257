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

from newsarchive.search.document import read_article
from newsarchive.search.index import INDEX_NAME
from newsarchive.search.postings import read_segment
from newsarchive.search.schema import build_schema
from newsarchive.search.segment import write_segment

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
    writer = ix.writer()
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
