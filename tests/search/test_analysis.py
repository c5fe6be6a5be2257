"""Index-time analysis gives exactly the postings of Whoosh's own StemmingAnalyzer chain."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from whoosh.fields import TEXT

from newsarchive.search.analysis import FastText, findall_pattern, term_spans
from newsarchive.search.schema import FIELD_BOOSTS, TOKEN_PATTERN, build_schema, make_analyzer

from .conftest import REPO
from .synth import write_archive

AWKWARD = [
    "",
    "   \n\t",
    "The the THE a I x",  # stop words and one-letter words only
    "İstanbul straße ǅemal ﬁnance Σίσυφος ΣΑΣ",  # lower-casing that changes length
    "U.S. e.g. 3.14 v1.2.3 a..b .leading trailing. _under_score_ 2024-05-02",
    "naïve café re\u0301sume\u0301 x\u0307y",  # combining marks split words
    "Ｆｕｌｌｗｉｄｔｈ ١٢٣ ４５ क्षत्रिय 東京タワー",
    "running hopping troubled relational conditional generously",
    "dredging dredged dredges dredger harbour harbours harboured",
]


def _fields() -> list[tuple[FastText, TEXT]]:
    schema = build_schema()
    return [
        (schema[name], TEXT(analyzer=make_analyzer(), field_boost=FIELD_BOOSTS[name]))
        for name in ("title", "body", "entities")
    ]


def _texts(tmp_path: Path) -> list[str]:
    texts = list(AWKWARD)
    texts += [
        p.read_text("utf-8", errors="replace") for p in sorted((REPO / "samples").rglob("*.txt"))
    ]
    write_archive(tmp_path / "synth", 30, seed=2)
    texts += [p.read_text("utf-8") for p in sorted((tmp_path / "synth").rglob("*.md"))]
    rng = random.Random(7)
    alphabet = "aAzZ09_.-'’ \n\tİıßﬁ\u0307éÉΣσς२٣東ＡǅØøĳ"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(3000)]
    return texts


def test_fast_postings_equal_whoosh_postings(tmp_path: Path) -> None:
    texts = _texts(tmp_path)
    assert len(texts) > 3000
    compared = 0
    for fast, reference in _fields():
        for text in texts:
            assert list(fast.index(text)) == list(reference.index(text)), repr(text[:80])
            compared += 1
    assert compared == 3 * len(texts)
    # the awkward texts exercise repeated terms and non-ASCII terms
    items = list(_fields()[1][0].index(" ".join(AWKWARD)))
    assert any(freq > 1 for _, freq, _, _ in items)
    assert any(not term.isascii() for term, _, _, _ in items)


def test_term_spans_equal_whoosh_tokens_with_chars(tmp_path: Path) -> None:
    analyzer = make_analyzer()
    pattern = re.compile(TOKEN_PATTERN, re.UNICODE)
    texts = _texts(tmp_path)
    for text in texts:
        expected = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]
        assert term_spans(text, pattern) == expected, repr(text[:80])


def test_findall_pattern_keeps_escaped_parentheses() -> None:
    assert findall_pattern(r"\w+(\.?\w+)*").pattern == r"\w+(?:\.?\w+)*"
    assert findall_pattern(r"\(x(y)\)").findall("(xy) (x)") == ["(xy)"]


def test_token_findall_with_and_without_dots(tmp_path: Path) -> None:
    """The token pattern's ``findall`` takes a shortcut for text with no dot before a word."""
    fast = findall_pattern(TOKEN_PATTERN)
    plain = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)
    texts = _texts(tmp_path) + [t.replace(".", " ") for t in _texts(tmp_path)]
    texts += ["end. Next", "a.b", "x.\u0307y", "v1.2.3", "..", "a._b", "١.٢", "ﬁ.ﬁ"]
    assert any("." in t and re.search(r"\.\w", t) is None for t in texts)
    for text in texts:
        assert fast.findall(text) == plain.findall(text), repr(text[:80])


@pytest.mark.parametrize("value", [["harbour", "vote"], ("Harbour",)])
def test_token_lists_still_go_through_whoosh(value: list[str] | tuple[str, ...]) -> None:
    fast, reference = _fields()[1]
    assert list(fast.index(value)) == list(reference.index(value))
