"""Scraper JSON through the layout registry: news-please ``.json`` and trafilatura ``.json`` /
``.jsonl``. Every field lands in its front matter key (checked byte for byte, entities aside);
a broken file or line is one line naming it and the reason, and the rest still converts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from newsarchive.ingest import layout, scraped
from newsarchive.ingest.layout import RawFile
from newsarchive.ingest.model import Block, InputError

from .helpers import ENTITY_BLOCK, IngestResult, ingest

SCRAPERS = Path(__file__).resolve().parent / "fixtures" / "scrapers"
EXPECTED: dict[str, tuple[str, str]] = {
    "newsplease-dredging-deal.json": (
        "2024/03/harbour-authority-signs-dredging-deal-with-delmar-marine",
        """---
title: "Harbour Authority Signs Dredging Deal With Delmar Marine"
slug: "harbour-authority-signs-dredging-deal-with-delmar-marine"
date: 2024-03-12
retrieved: 2024-03-14T09:42:00Z
source:
  provider: "coastlineledger.example"
  url: "https://coastlineledger.example/news/dredging-deal"
  authors: ["Mara Quill", "Jonas Fell"]
  language: "en"
ENTITIES
summary: "Delmar Marine will dredge the inner basin of Port Alden for ten years."
words: 55
raw:
  path: "newsplease-dredging-deal.json"
  sha256: "SHA"
---

The Port Alden Harbour Authority has signed a ten-year dredging contract with Delmar Marine \
Holdings, chairwoman Ines Varga-Holt said on Tuesday.

The agreement covers the inner basin and the northern approach channel.

## What the deal covers

Delmar Marine will begin work in May, chief executive Tobias Reinholt said. Costs are \
&lt;not&gt; disclosed &amp; will stay so.
""",
    ),
    "trafilatura-feed.jsonl:1": (
        "2024/05/kessin-ferry-adds-evening-crossing",
        """---
title: "Kessin Ferry Adds Evening Crossing"
slug: "kessin-ferry-adds-evening-crossing"
date: 2024-05-02
source:
  provider: "Kessin Post"
  url: "https://kessinpost.example/ferry-evening"
  authors: ["Ilse Brandt", "Piet Andersson"]
  language: "en"
  fingerprint: "c8e1f7a2d90b4e31"
ENTITIES
summary: "Kessin Ferries will add an evening crossing to Norvik from next week, the operator \
said on Thursday. The new sailing leaves Kessin at nine and returns at half past ten."
words: 30
raw:
  path: "trafilatura-feed.jsonl:1"
  sha256: "SHA"
---

Kessin Ferries will add an evening crossing to Norvik from next week, the operator said on \
Thursday.

The new sailing leaves Kessin at nine and returns at half past ten.
""",
    ),
    "trafilatura-feed.jsonl:4": (
        "2024/05/the-ardan-regional-library-will-stay-open-until-ten-on-weekdays-from-june",
        """---
title: "The Ardan Regional Library will stay open until ten on weekdays from June"
slug: "the-ardan-regional-library-will-stay-open-until-ten-on-weekdays-from-june"
date: 2024-05-03
source:
  provider: "ardandaily.example"
  url: "https://ardandaily.example/library-hours"
  fingerprint: "9a4477b0c1d2e3f4"
ENTITIES
summary: "The Ardan Regional Library will stay open until ten on weekdays from June. Director \
Bo Lindahl said demand from students had grown."
words: 22
raw:
  path: "trafilatura-feed.jsonl:4"
  sha256: "SHA"
title_source: "derived"
---

The Ardan Regional Library will stay open until ten on weekdays from June. Director Bo Lindahl \
said demand from students had grown.
""",
    ),
    "trafilatura-tram.json": (
        "2024/04/norvik-council-backs-tram-extension",
        """---
title: "Norvik Council Backs Tram Extension"
slug: "norvik-council-backs-tram-extension"
date: 2024-04-04
source:
  provider: "norvikcourier.example"
  url: "https://norvikcourier.example/tram"
  authors: ["Hedda Marr"]
  fingerprint: "0011223344556677"
ENTITIES
summary: "The Norvik council voted on Thursday to extend the tram line to the lake district. - \
Two new stops - Trams every ten minutes"
words: 22
raw:
  path: "trafilatura-tram.json"
  sha256: "SHA"
---

The Norvik council voted on Thursday to extend the tram line to the lake district.

\\- Two new stops

\\- Trams every ten minutes
""",
    ),
}


@pytest.fixture(scope="module")
def scrapers_run(tmp_path_factory: pytest.TempPathFactory) -> IngestResult:
    work = tmp_path_factory.mktemp("scrapers")
    shutil.copytree(SCRAPERS, work / "scrapers")
    return ingest([work / "scrapers"], work / "articles")


def _raw_sha(name: str) -> str:
    path, _, line = name.partition(":")
    data = (SCRAPERS / path).read_bytes()
    if line:
        data = data.split(b"\n")[int(line) - 1]
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scraper_record_converts_exactly(scrapers_run: IngestResult, name: str) -> None:
    article_id, expected = EXPECTED[name]
    record = scrapers_run.record("scrapers/" + name)
    assert record.status == "converted", record
    text = (scrapers_run.out / f"{article_id}.md").read_text(encoding="utf-8")
    match = ENTITY_BLOCK.search(text)
    assert match is not None, text
    assert text[: match.start()] + "ENTITIES\n" + text[match.end() :] == expected.replace(
        "SHA", _raw_sha(name)
    )


def test_broken_files_and_lines_fail_alone(scrapers_run: IngestResult) -> None:
    assert scrapers_run.status == 1
    failed = {
        "broken.json": "file is not valid JSON (Invalid control character at: line 1 column 48)",
        "trafilatura-feed.jsonl:2": "line is not valid JSON (Expecting ',' delimiter: column 47)",
        "trafilatura-feed.jsonl:5": "no article text (field 'text' is missing or empty)",
        "trafilatura-feed.jsonl:6": "line is a JSON array, not an article object",
    }
    for name, reason in failed.items():
        record = scrapers_run.record("scrapers/" + name)
        assert (record.status, record.error, record.output) == ("failed", reason, None)
    assert scrapers_run.stderr.splitlines() == [
        f"newsarchive: {scrapers_run.record('scrapers/' + name).path}: {reason}"
        for name, reason in failed.items()
    ]
    assert not any(r.path.endswith(":3") for r in scrapers_run.records)  # the blank line


def test_auto_detects_each_scraper_and_format_forces_one() -> None:
    newsplease = RawFile("a.json", (SCRAPERS / "newsplease-dredging-deal.json").read_bytes())
    trafilatura = RawFile("b.json", (SCRAPERS / "trafilatura-tram.json").read_bytes())
    feed = RawFile("c.jsonl", (SCRAPERS / "trafilatura-feed.jsonl").read_bytes())
    assert layout.REGISTRY.choose(newsplease).name == "newsplease"
    assert layout.REGISTRY.choose(trafilatura).name == "trafilatura"
    assert layout.REGISTRY.choose(feed).name == "trafilatura"
    assert layout.REGISTRY.choose(RawFile("d.json", b"{oops")).name == "trafilatura"


def test_forced_newsplease_on_other_json_names_the_missing_field() -> None:
    trafilatura = RawFile("b.json", (SCRAPERS / "trafilatura-tram.json").read_bytes())
    with pytest.raises(InputError, match="field 'maintext' is missing or empty"):
        layout.REGISTRY.get("newsplease").parse(trafilatura)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-14 09:42:00", dt.datetime(2024, 3, 14, 9, 42, tzinfo=dt.UTC)),
        ("2024-03-14T12:42:00+03:00", dt.datetime(2024, 3, 14, 9, 42, tzinfo=dt.UTC)),
        ("2024-03-14T09:42:00Z", dt.datetime(2024, 3, 14, 9, 42, tzinfo=dt.UTC)),
        ("2024-03-14", dt.datetime(2024, 3, 14, tzinfo=dt.UTC)),
    ],
)
def test_retrieved_is_utc(value: str, expected: dt.datetime) -> None:
    record = {"title": "T", "maintext": "Body.", "date_download": value}
    assert scraped.to_article(record, scraped.NEWSPLEASE).retrieved == expected


def test_publication_day_is_the_publishers_own() -> None:
    record = {"title": "T", "text": "Body.", "date": "2024-05-03T23:30:00-05:00"}
    assert scraped.to_article(record, scraped.TRAFILATURA).date == dt.date(2024, 5, 3)
    with pytest.raises(InputError, match="field 'date' is not a date: 'last Tuesday'"):
        scraped.to_article({"text": "Body.", "date": "last Tuesday"}, scraped.TRAFILATURA)


def test_paragraphs_are_kept_one_per_line_never_joined() -> None:
    text = "\n".join(["A paragraph of moderate length that says one thing about the port."] * 3)
    article = scraped.to_article({"title": "T", "text": text}, scraped.TRAFILATURA)
    assert article.blocks == [Block("p", text.split("\n")[0])] * 3


def test_jsonl_records_hash_their_own_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    line = json.dumps({"title": "Norvik Tram", "text": "The tram runs late on Fridays."})
    (feed / "a.jsonl").write_text(line + "\n")
    result = ingest([feed], tmp_path / "out")
    assert result.status == 0
    text = (tmp_path / "out/undated/norvik-tram.md").read_text()
    assert f'sha256: "{hashlib.sha256(line.encode()).hexdigest()}"' in text
