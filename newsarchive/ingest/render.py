"""One parsed article plus its slug and entities -> the bytes of its Markdown file."""

from __future__ import annotations

import re
from typing import Any

from newsarchive import frontmatter
from newsarchive.ingest.markdown import render_body
from newsarchive.ingest.model import Article

SUMMARY_CHARS = 300
_WORD = re.compile(r"[^\W_]")
ENTITY_KINDS = ("people", "organizations", "places", "other")


def summary(article: Article, limit: int = SUMMARY_CHARS) -> str:
    """The publisher's description, else the first body paragraph(s) without the wire dateline,
    cut at a word boundary with " …".

    Headings and image captions are skipped: a summary is the story's own opening sentences.
    """
    if article.description:  # the publisher's summary, as the scraper recorded it
        return _cut(article.description, limit)
    texts = [block.text for block in article.blocks if block.kind == "p"]
    if texts and article.dateline and texts[0].startswith(article.dateline):
        texts[0] = texts[0][len(article.dateline) :].strip()
    return _cut(" ".join(t for t in texts if t), limit)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else text[:limit]
    return cut.rstrip(" ,;:-–—") + " …"


def word_count(article: Article) -> int:
    """Whitespace-separated tokens of the body (headings, captions, dateline included) that
    contain a letter or digit, so dashes and bullets do not count as words."""
    return sum(1 for token in article.body_text().split() if _WORD.search(token))


def metadata(
    article: Article,
    *,
    slug: str,
    entities: dict[str, list[str]],
    raw_path: str,
    raw_sha256: str,
) -> dict[str, Any]:
    """The front matter mapping, keys in the contract's order (README, "Ingest"); absent values are
    None."""
    source = None
    if article.source is not None:
        source = {
            "network": article.source.network,
            "provider": article.source.provider,
            "id": article.source.id,
            "article_id": article.source.article_id,
            "url": article.source.url,
            "authors": article.source.authors,
            "language": article.source.language,
            "fingerprint": article.source.fingerprint,
        }
        if all(value is None for value in source.values()):
            source = None
    return {
        "title": article.title,
        "slug": slug,
        "date": article.date,
        "retrieved": article.retrieved,
        "source": source,
        "entities": {kind: list(entities.get(kind, [])) for kind in ENTITY_KINDS},
        "summary": summary(article),
        "words": word_count(article),
        "raw": {"path": raw_path, "sha256": raw_sha256},
        "title_source": article.title_source,
    }


def render(article: Article, meta: dict[str, Any]) -> bytes:
    return (frontmatter.dump(meta) + "\n" + render_body(article.blocks)).encode("utf-8")
