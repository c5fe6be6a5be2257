"""Markdown settings that treat article text as data.

Scraped text is untrusted. Ingest escapes it, but a hand-edited or foreign Markdown file must not
be able to put markup on a page either: raw HTML is rendered as text and links or images with a
script-capable scheme lose their target.

Plain web addresses in the text (``https://…``, ``http://…``) become links, built as elements
after Markdown has parsed the text (so nothing in the text is ever read as markup): only
``http``/``https`` with a host, trailing punctuation left outside, ``rel="nofollow noopener"``
like every other absolute link in an article body, and escaped by the serializer like any text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import unescape
from urllib.parse import urlsplit

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


#: ``rel`` of every absolute link in an article body.
EXTERNAL_REL = "nofollow noopener"
#: A candidate address: the scheme, then anything up to white space, a quote or an angle bracket.
#: Character references in the text (``&amp;``) reach this stage as Markdown's stash
#: placeholders, which are read back (:meth:`_LinkBareUrls._tokens`).
_CANDIDATE = re.compile(r"(?<![\w/.@-])https?://(?:[^\s<>\"\x02\x03]|\x02wzxhzdk:\d+\x03)+", re.I)
_PLACEHOLDER = re.compile(r"\x02wzxhzdk:(\d+)\x03")
_CHAR_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)
_TRAILING = set(".,:;!?'\"*_~…“”‘’«»")
_PAIRS = {")": "(", "]": "[", "}": "{"}
#: Elements whose text is never linked (already a link, or code shown as typed).
_NO_LINKS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style"})


def is_web_address(url: str) -> bool:
    """An absolute ``http``/``https`` URL with a host and no white space or markup characters."""
    if any(ch <= " " or ch in '<>"\\`' for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class _LinkBareUrls(Treeprocessor):
    """``https://…`` in text and tails becomes ``<a href rel="nofollow noopener">``."""

    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in _NO_LINKS:
            if element.tag == "a" and is_web_address(element.get("href") or ""):
                element.set("rel", EXTERNAL_REL)
            return
        if element.text:
            element.text, links = self._split(element.text)
            for position, link in enumerate(links):
                element.insert(position, link)
        for child in list(element):
            self._walk(child)
            if child.tail:
                child.tail, links = self._split(child.tail)
                at = list(element).index(child) + 1
                for offset, link in enumerate(links):
                    element.insert(at + offset, link)

    def _tokens(self, raw: str) -> list[tuple[str, str]]:
        """(raw piece, text it stands for) for each character or placeholder of ``raw``; stops
        at a placeholder that is not a character reference, or that stands for a character no
        address holds."""
        tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(raw):
            found = _PLACEHOLDER.match(raw, position)
            if found:
                blocks = self.md.htmlStash.rawHtmlBlocks
                number = int(found.group(1))
                stored = blocks[number] if number < len(blocks) else None
                if not isinstance(stored, str) or not _CHAR_REFERENCE.fullmatch(stored):
                    break
                text = unescape(stored)
                if any(ch <= " " or ch in '<>"\\`' for ch in text):
                    break
                tokens.append((found.group(0), text))
                position = found.end()
            else:
                tokens.append((raw[position], raw[position]))
                position += 1
        return tokens

    @staticmethod
    def _trim(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Leave sentence punctuation and unmatched closing brackets outside the address."""
        while tokens:
            last = tokens[-1][1]
            text = "".join(t for _, t in tokens)
            if last in _TRAILING or (
                last in _PAIRS and text.count(_PAIRS[last]) < text.count(last)
            ):
                tokens = tokens[:-1]
                continue
            break
        return tokens

    def _split(self, text: str) -> tuple[str, list[etree.Element]]:
        """``text`` up to its first address, and the links (each carrying the text after it as
        its tail)."""
        if "://" not in text:  # every candidate holds it: most text is done in one look
            return text, []
        lead: str | None = None
        links: list[etree.Element] = []
        done = 0
        for match in _CANDIDATE.finditer(text):
            if match.start() < done:
                continue
            tokens = self._trim(self._tokens(match.group(0)))
            url = "".join(t for _, t in tokens)
            if not is_web_address(url):
                continue
            end = match.start() + sum(len(r) for r, _ in tokens)
            before = text[done : match.start()]
            if links:
                links[-1].tail = before
            else:
                lead = before
            link = etree.Element("a", {"href": url, "rel": EXTERNAL_REL, "class": "bare-url"})
            link.text = url
            links.append(link)
            done = end
        if not links:
            return text, []
        links[-1].tail = text[done:]
        return lead or "", links


class EscapeRawHtml(Extension):
    """Render raw HTML in Markdown as visible text, drop ``javascript:``-style URLs, and link
    plain web addresses."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeUrls(md), "newsarchive_drop_unsafe_urls", 0)
        # after "unescape" (0): backslash escapes in an address are plain characters again
        md.treeprocessors.register(_LinkBareUrls(md), "newsarchive_link_bare_urls", -1)
