"""Helpers for the ingest tests: fixture paths, a Pelican-configured Markdown renderer and an
in-process ingest runner."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown

from newsarchive.ingest.pipeline import Options, run
from newsarchive.ingest.report import Record

#: The ``entities:`` block of an article's front matter (its names depend on the model).
ENTITY_BLOCK = re.compile(
    r"^entities:\n  people: \[.*\]\n  organizations: \[.*\]\n  places: \[.*\]\n  other: \[.*\]\n",
    re.MULTILINE,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "raw"


def pelican_markdown() -> markdown.Markdown:
    """Python-Markdown configured exactly as Pelican 4.12 configures it by default."""
    from pelican.settings import DEFAULT_CONFIG

    config = DEFAULT_CONFIG["MARKDOWN"]
    return markdown.Markdown(
        extensions=list(config["extension_configs"]),
        extension_configs=config["extension_configs"],
        output_format=config["output_format"],
    )


class BlockCollector(HTMLParser):
    """(tag, text) for every element; text with character references resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("p", "h2"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "h2"):
            self.blocks.append((tag, "".join(self._text)))

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def render_html(text: str) -> BlockCollector:
    collector = BlockCollector()
    collector.feed(pelican_markdown().convert(text))
    collector.close()
    return collector


@dataclass
class IngestResult:
    out: Path
    records: list[Record]
    status: int
    stderr: str

    def record(self, name: str) -> Record:
        matches = [r for r in self.records if r.path.endswith(name)]
        assert len(matches) == 1, (name, self.records)
        return matches[0]


def ingest(paths: list[Path | str], out: Path, **kwargs: object) -> IngestResult:
    stream = io.StringIO()
    options = Options(paths=[str(p) for p in paths], out=out, quiet=True, **kwargs)  # type: ignore[arg-type]
    records, status = run(options, stream)
    return IngestResult(out, records or [], status, stream.getvalue())


