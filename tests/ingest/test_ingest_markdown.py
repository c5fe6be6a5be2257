"""Body text must render through Pelican's Markdown as exactly the same text, never as markup."""

from __future__ import annotations

import random

import pytest

from newsarchive.ingest.markdown import escape, render_body
from newsarchive.ingest.model import Block

from .helpers import render_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "# not a heading",
    "## neither",
    "* not a list",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "2024. A year that starts a line",
    "> not a quote",
    "[link](javascript:alert(1))",
    "![image](x.png)",
    "<https://example.invalid/>",
    "a `code` span and ``double``",
    "```",
    "~~~",
    "&amp; &lt; &#60; &copy; & < >",
    "**bold** and __bold__ and _em_ and *em*",
    "snake_case_name and 2*3*4",
    "---",
    "***",
    "===",
    ": a definition",
    "| a | b |",
    "Term {: #id .class }",
    "A paragraph {.cls}",
    "*[HTML]: Hyper Text",
    "[^1]: footnote",
    "a\\b and a trailing backslash \\",
    "\\*escaped already\\*",
    "Title: looks like metadata",
    "<!-- comment -->",
    "<div markdown=\"1\">*x*</div>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_paragraph_renders_as_the_same_text(text: str) -> None:
    html = render_html(render_body([Block("p", text)]))
    assert html.tags == ["p"]
    assert html.blocks == [("p", text)]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_heading_and_caption_render_as_the_same_text(text: str) -> None:
    blocks = [Block("p", "Lead."), Block("h", text), Block("caption", text)]
    html = render_html(render_body(blocks))
    assert html.tags == ["p", "h2", "p", "em"]
    assert html.blocks == [("p", "Lead."), ("h2", text), ("p", text)]


def test_random_mixtures_of_markdown_characters_render_verbatim() -> None:
    alphabet = list("#*_-+>|[]()!`\\<>&{}:.=~ 1aZ;'\"") + ["&amp;", "1. ", "<b>", "](", "{: "]
    rng = random.Random(20240314)
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        text = " ".join(text.split())
        if not text:
            continue
        html = render_html(render_body([Block("p", text), Block("h", text)]))
        assert html.tags == ["p", "h2"], text
        assert html.blocks == [("p", text), ("h2", text)], text


def test_plain_prose_stays_readable() -> None:
    text = "The Ten-Year deal (worth 4.5 million crowns) starts in May. Really?"
    assert escape(text) == text


def test_meta_extension_does_not_swallow_a_leading_key_value_line() -> None:
    body = render_body([Block("p", "Update: the port reopened."), Block("p", "Second.")])
    html = render_html(body)
    assert html.blocks == [("p", "Update: the port reopened."), ("p", "Second.")]
