"""The layout registry: ``--format`` choices, the folder walk, and files that hold many articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive import frontmatter
from newsarchive.cli import build_parser
from newsarchive.ingest import layout
from newsarchive.ingest.layout import Layout, Part, RawFile
from newsarchive.ingest.model import Article, Block

from .helpers import ingest


class LinesLayout(Layout):
    """A test layout: every non-empty line ``Title | body`` of a ``.lines`` file is an article."""

    name = "lines"
    extensions = (".lines",)

    def parse(self, file: RawFile) -> list[Part]:
        parts = []
        for number, line in enumerate(file.data.split(b"\n"), start=1):
            if not line.strip():
                continue
            title, _, body = line.decode("utf-8").partition(" | ")
            if not body:
                parts.append(Part(f":{number}", error=f"line {number} has no body"))
                continue
            article = Article(title=title, blocks=[Block("p", body)], layout=self.name)
            parts.append(Part(f":{number}", article, raw=line))
        return parts


FEED = (
    "Norvik Council Backs Tram Extension | The Norvik council voted to extend the tram line.\n"
    "Kessin Ferry Adds Evening Crossing | The Kessin ferry will sail at nine from next week.\n"
)
THIRD = "Ardan Library Opens Late | The Ardan library stays open until ten on Thursdays.\n"


@pytest.fixture
def lines_layout() -> Iterator[LinesLayout]:
    registered = layout.register(LinesLayout())
    try:
        yield registered
    finally:
        layout.unregister(registered.name)


def format_choices() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    ingest_parser = sub.choices["ingest"]  # type: ignore[index]
    action = next(a for a in ingest_parser._actions if a.dest == "format")
    return list(action.choices)


def test_format_choices_are_auto_and_the_registered_layouts(lines_layout: LinesLayout) -> None:
    assert format_choices() == ["auto", *layout.names()]
    assert format_choices() == [
        "auto", "menafn", "plain", "newsplease", "trafilatura", "warc", "lines",
    ]


def test_builtin_layouts_and_reserved_names() -> None:
    assert layout.names() == ["menafn", "plain", "newsplease", "trafilatura", "warc"]
    with pytest.raises(ValueError):
        layout.register(layout.PlainLayout())  # taken
    with pytest.raises(ValueError):
        layout.register(type("Auto", (LinesLayout,), {"name": "auto"})())


def test_auto_asks_the_layouts_of_the_extension_fallback_last(lines_layout: LinesLayout) -> None:
    menafn_page = RawFile("a.txt", b"Title\n\n(MENAFN- Ardan Daily) Body text.\n")
    plain_page = RawFile("b.txt", b"Title\n\nBody text.\n")
    assert layout.REGISTRY.choose(menafn_page).name == "menafn"
    assert layout.REGISTRY.choose(plain_page).name == "plain"
    assert layout.REGISTRY.choose(RawFile("c.lines", FEED.encode())).name == "lines"
    assert layout.REGISTRY.choose(plain_page, "lines").name == "lines"  # --format wins
    assert layout.REGISTRY.claims_name("x.lines")
    assert not layout.REGISTRY.claims_name("x.lines", "plain")


def write_feed(tmp_path: Path, text: str = FEED) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "feed.lines").write_text(text, encoding="utf-8")
    (raw / "notes.md").write_text("Not an input\n\nNo layout reads .md files.\n", encoding="utf-8")
    return raw


def test_a_file_of_two_articles_gives_two_records_and_two_files(
    tmp_path: Path, lines_layout: LinesLayout
) -> None:
    raw = write_feed(tmp_path)
    out = tmp_path / "articles"
    first = ingest([raw], out)
    assert first.status == 0, first.stderr
    paths = [record.path for record in first.records]
    assert paths == [f"{raw}/feed.lines:1", f"{raw}/feed.lines:2"]
    assert [record.status for record in first.records] == ["converted", "converted"]
    outputs = sorted(out.rglob("*.md"))
    assert [p.name for p in outputs] == [
        "kessin-ferry-adds-evening-crossing.md",
        "norvik-council-backs-tram-extension.md",
    ]
    meta, _ = frontmatter.load(out / "undated" / "norvik-council-backs-tram-extension.md")
    assert meta["raw"]["path"] == "feed.lines:1"
    manifest = json.loads((out / ".newsarchive.json").read_text(encoding="utf-8"))
    entries = sorted((e["raw_path"], e["position"]) for e in manifest["articles"].values())
    assert entries == [("feed.lines", ":1"), ("feed.lines", ":2")]

    again = ingest([raw], out)
    assert [(r.path, r.status) for r in again.records] == [
        (f"{raw}/feed.lines:1", "unchanged"),
        (f"{raw}/feed.lines:2", "unchanged"),
    ]
    assert sorted(out.rglob("*.md")) == outputs


def test_a_new_line_converts_only_itself_and_a_bad_line_fails_alone(
    tmp_path: Path, lines_layout: LinesLayout
) -> None:
    raw = write_feed(tmp_path)
    out = tmp_path / "articles"
    assert ingest([raw], out).status == 0
    write_feed(tmp_path, FEED + "A line without a body\n" + THIRD)
    result = ingest([raw], out)
    assert [(r.path.rsplit("/", 1)[-1], r.status) for r in result.records] == [
        ("feed.lines:1", "unchanged"),
        ("feed.lines:2", "unchanged"),
        ("feed.lines:3", "failed"),
        ("feed.lines:4", "converted"),
    ]
    assert result.status == 1
    assert result.stderr.strip() == f"newsarchive: {raw}/feed.lines:3: line 3 has no body"


def test_a_forced_format_reads_only_its_own_files(
    tmp_path: Path, lines_layout: LinesLayout
) -> None:
    raw = write_feed(tmp_path)
    (raw / "story.txt").write_text("Ardan Tide Gauge Fixed\n\nThe gauge works again.\n")
    result = ingest([raw], tmp_path / "articles", layout="lines")
    assert [r.path.rsplit("/", 1)[-1] for r in result.records] == ["feed.lines:1", "feed.lines:2"]
    both = ingest([raw], tmp_path / "all")
    assert len(both.records) == 3
