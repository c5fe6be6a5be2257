"""The parsed form of one article, shared by the parsers, the renderer and the pipeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class InputError(ValueError):
    """The raw file cannot become an article; the message is the one-line reason shown."""


@dataclass(frozen=True)
class Block:
    """One body block. ``kind`` is ``"p"`` (paragraph), ``"h"`` (sub-heading), ``"caption"``
    or ``"byline"`` (rendered as a paragraph; not part of the summary).

    ``text`` is plain text (never Markdown): escaping happens only when rendering, so NER, the
    summary and the word count all see exactly what a reader sees.
    """

    kind: str
    text: str


@dataclass(frozen=True)
class Source:
    """Where an article comes from; fields that the input does not give are None."""

    network: str | None  # "MENAFN" for the MENAFN pages; None for other sources
    provider: str | None = None
    id: str | None = None
    article_id: str | None = None
    url: str | None = None
    authors: list[str] | None = None  # from scraper metadata
    language: str | None = None  # from scraper metadata
    fingerprint: str | None = None  # trafilatura's hash of the text


@dataclass
class Article:
    """What a parser extracts from one raw file, before slugs, entities and rendering."""

    title: str
    blocks: list[Block]
    layout: str
    date: dt.date | None = None
    retrieved: dt.datetime | None = None
    source: Source | None = None
    dateline: str | None = None  # the wire dateline at the start of the lead, kept in the text
    notes: list[str] = field(default_factory=list)  # warnings shown for this article
    title_source: str | None = None  # "derived" when the input had no title line
    description: str | None = None  # the publisher's own summary, from scraper metadata

    def plain_text(self) -> str:
        """Title, blank line, body paragraphs joined by blank lines: the text NER sees."""
        return "\n\n".join([self.title, *(block.text for block in self.blocks)])

    def body_text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)
