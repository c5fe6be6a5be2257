"""Web archives: each HTML page record of a ``.warc`` / ``.warc.gz`` becomes an article
(``retrieved`` = ``WARC-Date``, url = ``WARC-Target-URI``, report path ``file@OFFSET``); redirects
and non-HTML records are passed over; a truncated record fails alone."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive import frontmatter

from .helpers import ingest

FERRY = (
    "Kessin Ferry Adds Evening Crossing",
    [
        "Kessin Ferries will add an evening crossing to Norvik from next week, the operator "
        "said on Thursday.",
        "The new sailing leaves Kessin at nine and returns at half past ten & no later.",
    ],
)
LIBRARY = (
    "Ardan Library Opens Late",
    [
        "The Ardan Regional Library will stay open until ten on weekdays from June, director "
        "Bo Lindahl said."
    ],
)


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{text.replace('&', '&amp;')}</p>" for text in paragraphs)
    return (
        f"<html><head><title>{title}</title><meta name='date' content='2024-05-02'>"
        "<meta property='og:site_name' content='Kessin Post'></head>"
        f"<body><nav>Home | News</nav><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def write_warc(gzipped: bool) -> tuple[bytes, list[int]]:
    """Two pages, a redirect, an image and a request; returns the bytes and record offsets."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    offsets: list[int] = []

    def response(url: str, status: str, kind: str, payload: bytes, when: str) -> None:
        offsets.append(buffer.tell())
        headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": when},
        )
        writer.write_record(record)

    response("https://kessinpost.example/ferry", "200 OK", "text/html; charset=utf-8",
             page(*FERRY), "2024-05-03T08:00:00Z")
    response("https://kessinpost.example/old", "301 Moved Permanently", "text/html", b"",
             "2024-05-03T08:01:00Z")
    response("https://kessinpost.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n",
             "2024-05-03T08:02:00Z")
    offsets.append(buffer.tell())
    request = io.BytesIO(b"GET /library HTTP/1.1\r\n\r\n")
    writer.write_record(
        writer.create_warc_record("https://kessinpost.example/library", "request", payload=request)
    )
    response("https://kessinpost.example/library", "200 OK", "text/html",
             page(*LIBRARY), "2024-05-03T08:03:00Z")
    return buffer.getvalue(), offsets


def test_warc_pages_become_articles_and_the_rest_is_passed_over(tmp_path: Path) -> None:
    data, offsets = write_warc(gzipped=False)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "crawl.warc").write_bytes(data)
    result = ingest([raw], tmp_path / "out")
    assert result.status == 0, result.stderr
    assert [(r.path, r.status) for r in result.records] == [
        (f"{raw}/crawl.warc@{offsets[0]}", "converted"),
        (f"{raw}/crawl.warc@{offsets[4]}", "converted"),
    ]
    text = (tmp_path / "out/2024/05/kessin-ferry-adds-evening-crossing.md").read_text()
    record_bytes = data[offsets[0] : offsets[1] - 4]  # the record, without the blank lines after
    meta, body = frontmatter.split(text)
    entities = meta.pop("entities")
    assert set(entities) == {"people", "organizations", "places", "other"}
    assert meta == {
        "title": "Kessin Ferry Adds Evening Crossing",
        "slug": "kessin-ferry-adds-evening-crossing",
        "date": dt.date(2024, 5, 2),
        "retrieved": dt.datetime(2024, 5, 3, 8, 0, tzinfo=dt.UTC),
        "source": {"provider": "Kessin Post", "url": "https://kessinpost.example/ferry"},
        "summary": " ".join(FERRY[1]),
        "words": 32,
        "raw": {
            "path": f"crawl.warc@{offsets[0]}",
            "sha256": hashlib.sha256(record_bytes).hexdigest(),
        },
    }
    assert body == "\n\n".join(FERRY[1]).replace("&", "&amp;") + "\n"
    library, _ = frontmatter.load(tmp_path / "out/2024/05/ardan-library-opens-late.md")
    assert library["source"]["url"] == "https://kessinpost.example/library"
    assert str(library["retrieved"]) == "2024-05-03 08:03:00+00:00"
    again = ingest([raw], tmp_path / "out")
    assert [r.status for r in again.records] == ["unchanged", "unchanged"]


def test_a_truncated_record_fails_alone(tmp_path: Path) -> None:
    data, offsets = write_warc(gzipped=False)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "cut.warc").write_bytes(data[:-120])
    result = ingest([raw], tmp_path / "out")
    assert result.status == 1
    assert [(r.path, r.status) for r in result.records] == [
        (f"{raw}/cut.warc@{offsets[0]}", "converted"),
        (f"{raw}/cut.warc@{offsets[4]}", "failed"),
    ]
    assert result.stderr.splitlines() == [
        f"newsarchive: {raw}/cut.warc@{offsets[4]}: record is truncated (the file ends inside it)"
    ]


def test_gzipped_per_record_and_as_a_whole(tmp_path: Path) -> None:
    data, offsets = write_warc(gzipped=True)
    plain, plain_offsets = write_warc(gzipped=False)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.warc.gz").write_bytes(data)
    (raw / "b.warc.gz").write_bytes(gzip.compress(plain))
    result = ingest([raw], tmp_path / "out")
    assert result.status == 0, result.stderr
    assert [(r.path, r.status) for r in result.records] == [
        (f"{raw}/a.warc.gz@{offsets[0]}", "converted"),
        (f"{raw}/a.warc.gz@{offsets[4]}", "converted"),
        (f"{raw}/b.warc.gz@{plain_offsets[0]}", "duplicate"),  # offsets of the unpacked WARC
        (f"{raw}/b.warc.gz@{plain_offsets[4]}", "duplicate"),
    ]


def test_a_file_that_is_no_warc_fails_with_one_line(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "notes.warc").write_bytes(b"just some text\n")
    result = ingest([raw], tmp_path / "out")
    assert result.status == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"newsarchive: {raw}/notes.warc: not a WARC file (")
