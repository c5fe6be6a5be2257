"""Body blocks to Markdown whose rendering is exactly the input text.

Input text is data. Python-Markdown (with the extensions Pelican enables by default: extra,
codehilite, meta) must never turn it into HTML, links, emphasis, code, lists, headings, tables,
definition lists, footnotes, abbreviations, attribute lists or metadata. So:

* ``&``, ``<``, ``>`` become character references everywhere (never raw HTML, autolinks or
  blockquotes);
* the backslash-escapable characters that start inline syntax (`` \\ ` * _ { } [ ] | ``) are
  backslash-escaped everywhere;
* at the start of a paragraph, characters that start block syntax (``#``, ``+``, ``-``, ``=``,
  ``~``, ``:``, a number followed by ``.``) are escaped, so a line never becomes a heading, list,
  rule, fence or definition;
* the first line of the body never looks like ``Key: value`` (the meta extension would eat it).

Everything else stays readable, so the Markdown file is still pleasant to edit by hand.
"""

from __future__ import annotations

import re

from newsarchive.ingest.model import Block

_INLINE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "{": "\\{",
        "}": "\\}",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
    }
)
_LEADING_NUMBER = re.compile(r"^(\d+)\.")
_LEADING_ENTITY = {"#": "\\#", "+": "\\+", "-": "\\-", "=": "&#61;", "~": "&#126;", ":": "&#58;"}
_META_LINE = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):")


def escape(text: str, *, heading: bool = False) -> str:
    """Escape one paragraph of plain text (a single line) for Markdown.

    In a heading every ``#`` is escaped: an ATX heading drops trailing ``#`` characters.
    """
    out = text.translate(_INLINE)
    if heading:
        out = out.replace("#", "\\#")
    elif out and out[0] in _LEADING_ENTITY:
        out = _LEADING_ENTITY[out[0]] + out[1:]
    out = _LEADING_NUMBER.sub(r"\1\\.", out)
    return out


def render_body(blocks: list[Block]) -> str:
    """Markdown for the body: one paragraph per block, ``## `` headings, italic captions."""
    parts: list[str] = []
    for block in blocks:
        plain = " ".join(block.text.split())
        if block.kind == "h":
            parts.append("## " + escape(plain, heading=True))
            continue
        text = escape(plain)
        if block.kind == "caption":
            parts.append(f"*{text}*")
        else:
            parts.append(text)
    if parts:
        parts[0] = _guard_meta(parts[0])
    return "\n\n".join(parts) + "\n"


def _guard_meta(first: str) -> str:
    """Replace the colon of a leading ``Word:`` by a reference so the meta extension ignores it."""
    match = _META_LINE.match(first)
    if match is None:
        return first
    return first[: match.end() - 1] + "&#58;" + first[match.end() :]
