"""Markdown settings that treat article text as data.

Scraped text is untrusted. Ingest escapes it, but a hand-edited or foreign Markdown file must not
be able to put markup on a page either: raw HTML is rendered as text and links or images with a
script-capable scheme lose their target.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http:", "https:", "mailto:", "ftp:")


def is_safe_url(url: str) -> bool:
    """A relative URL, a fragment or one of :data:`SAFE_SCHEMES`; no ``javascript:``/``data:``."""
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    if ":" not in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True
    return cleaned.startswith(SAFE_SCHEMES)


class _DropUnsafeUrls(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attr]


class EscapeRawHtml(Extension):
    """Render raw HTML in Markdown as visible text and drop ``javascript:``-style URLs."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeUrls(md), "newsarchive_drop_unsafe_urls", 0)
