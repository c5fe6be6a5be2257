"""Turn one article file into the fields the index stores: plain text, facets, provenance hash.

The index reads the Markdown files itself (not Pelican's output) so that ``newsarchive search``
and the export work without Pelican, and so the text searched is the article text, not HTML.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsarchive.article import ENTITY_TYPES, ArticleError, article_key, normalise
from newsarchive.digests import sha256_hex as file_sha256
from newsarchive.slug import entity_slug

__all__ = ["ArticleDoc", "ArticleError", "article_key", "markdown_to_text", "read_article"]

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_QUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)
_LIST = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>&|~\"'])")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|`+)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def markdown_to_text(markdown: str) -> str:
    """Plain text of an article body: markers, escapes and link targets gone, paragraphs kept."""
    # Each pattern runs only on text holding the characters it needs to match: Python's regular
    # expressions try every position, and most articles have no emphasis, links or headings.
    text = _LINK.sub(r"\1", markdown) if "](" in markdown else markdown
    if "#" in text:
        text = _HEADING.sub("", text)
    if ">" in text:
        text = _QUOTE.sub("", text)
    text = _LIST.sub("", text)
    if "*" in text or "_" in text or "`" in text:
        text = _EMPHASIS.sub(r"\2", text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text).strip()


@dataclass(frozen=True)
class ArticleDoc:
    """Everything the index keeps about one article."""

    id: str
    sha256: str
    title: str
    body: str
    date: str
    year: str
    provider: str
    summary: str
    url: str
    entities: dict[str, list[str]] = field(default_factory=dict)

    def whoosh_fields(self) -> dict[str, Any]:
        """Keyword arguments for ``writer.add_document``/``update_document``."""
        names = [name for kind in ENTITY_TYPES for name in self.entities.get(kind, [])]
        fields: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "entities": "\n".join(names),
            "year": self.year,
            "url": self.url,
            "summary": self.summary,
            "entity_names": json.dumps(self.entities, ensure_ascii=False, sort_keys=True),
            "sha256": self.sha256,
        }
        if self.date:  # indexed for date ranges: an undated article has no date term
            fields["date"] = self.date
        if self.provider:
            fields["provider"] = self.provider
        for kind in ENTITY_TYPES:
            slugs = sorted({entity_slug(n) for n in self.entities.get(kind, [])})
            if slugs:
                fields[kind] = ",".join(slugs)
        return fields


def fields_from_stored(stored: dict[str, Any]) -> dict[str, Any]:
    """An indexed article's :meth:`ArticleDoc.whoosh_fields` again, from what its segment
    stored: every field is stored but ``entities``, which is the names of ``entity_names``
    joined as ``whoosh_fields`` joins them. A segment written again because a neighbour changed
    then reads none of its unchanged articles again."""
    fields = dict(stored)
    entities = json.loads(stored.get("entity_names") or "{}")
    fields["entities"] = "\n".join(name for kind in ENTITY_TYPES for name in entities.get(kind, []))
    return fields


def read_article(path: Path, content_dir: Path, data: bytes | None = None) -> ArticleDoc:
    """Parse one Markdown article into an :class:`ArticleDoc` (raises :class:`ArticleError`).

    The front matter is read by :func:`newsarchive.article.normalise`, exactly as the site's
    reader reads it, so the id, URL, title, date and entities are the site's. ``data`` is the
    file's bytes when the caller already read them (to hash them first).
    """
    from newsarchive import frontmatter  # here: YAML is not needed to search the index

    if data is None:
        data = path.read_bytes()
    try:
        meta, body = frontmatter.split(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ArticleError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except frontmatter.FrontMatterError as exc:
        raise ArticleError(str(exc)) from exc
    found = normalise(meta, article_key(path.relative_to(content_dir).as_posix()))
    return ArticleDoc(
        id=found.key,
        sha256=file_sha256(data),
        title=found.title,
        body=markdown_to_text(body),
        date=found.date_text,
        year=found.year_text,
        provider=found.provider,
        summary=found.summary,
        url=found.url,
        entities={k: v for k, v in found.entities.items() if v},
    )
