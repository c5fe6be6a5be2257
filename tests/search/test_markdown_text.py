"""``markdown_to_text`` skips the patterns a text cannot match; the result is the one applying
every pattern gives."""

from __future__ import annotations

import html
import random

from newsarchive.search import document
from newsarchive.search.document import markdown_to_text

from .conftest import REPO


def _every_pattern(markdown: str) -> str:
    text = document._LINK.sub(r"\1", markdown)
    text = document._HEADING.sub("", text)
    text = document._QUOTE.sub("", text)
    text = document._LIST.sub("", text)
    text = document._EMPHASIS.sub(r"\2", text)
    text = document._TAG.sub("", text)
    text = document._ESCAPE.sub(r"\1", text)
    return html.unescape(text).strip()


def test_skipping_patterns_changes_nothing() -> None:
    rng = random.Random(5)
    alphabet = "ab *_`#>-+1.)[]()!</\\&amp;\n  x"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(20000)]
    texts += [
        "# Title\n\n> quoted **bold** and _it_ `code` [link](http://x) <b>tag</b> \\*star\\*",
        "Plain words only, no markers at all.",
        "1. first\n2) second\n- third\n* fourth",
    ]
    texts += [p.read_text("utf-8", errors="replace") for p in (REPO / "samples").rglob("*.txt")]
    for text in texts:
        assert markdown_to_text(text) == _every_pattern(text), repr(text[:80])
