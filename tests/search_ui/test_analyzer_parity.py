"""analyzer.js must analyse text exactly like Whoosh's StemmingAnalyzer.

The browser looks terms up in shards exported from the Whoosh index; a single differently
spelled term is a missing result. Every expected value here is computed live from Whoosh and
compared with analyzer.js running in real Node; the committed vectors are checked against Whoosh
too, so they cannot go stale silently.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from whoosh.analysis import RegexTokenizer
from whoosh.lang.porter import stem

from newsarchive.search.analysis import ACRONYMS, SHORT_GAP, STOP_GAPS, STOP_LIST
from newsarchive.search.schema import TOKEN_PATTERN, make_analyzer

from .helpers import REPO, run_analyzer

VECTORS = REPO / "tests" / "fixtures" / "stemmer" / "vectors.json"
MAKE_TABLES = REPO / "tests" / "fixtures" / "stemmer" / "make_tables.py"
WORD = re.compile(r"\w")
MAX_CP = 0x110000


@pytest.fixture(scope="module")
def vectors() -> dict:
    return json.loads(VECTORS.read_text(encoding="utf-8"))


def _first_differences(pairs, limit: int = 20) -> list:
    return [p for p in pairs if p[1] != p[2]][:limit]


def _whoosh_tokens(text: str) -> list[list]:
    return [
        [t.text, t.pos, t.startchar, t.endchar]
        for t in make_analyzer()(text, positions=True, chars=True)
    ]


def test_vectors_match_live_whoosh(vectors: dict) -> None:
    """The committed fixture still says what Whoosh says (regenerate with make_vectors.py)."""
    stale = [(w, s, stem(w)) for w, s in vectors["stems"].items() if stem(w) != s][:20]
    assert not stale, f"vectors.json is stale (word, file, whoosh): {stale}"
    for case in vectors["analyzer"]:
        assert _whoosh_tokens(case["text"]) == case["tokens"], case["text"]
    assert len(vectors["stems"]) >= 50_000


def test_stem_parity_on_generated_vocabulary(vectors: dict) -> None:
    words = sorted(vectors["stems"])
    js = run_analyzer({"op": "stem", "words": words})
    diffs = _first_differences((w, stem(w), j) for w, j in zip(words, js, strict=True))
    assert not diffs, f"stem differs (word, whoosh, js): {diffs}"


def test_stem_parity_after_lowercasing(vectors: dict) -> None:
    words = sorted(vectors["lowered_stems"])
    js = run_analyzer({"op": "stem", "words": [w.lower() for w in words]})
    diffs = _first_differences((w, stem(w.lower()), j) for w, j in zip(words, js, strict=True))
    assert not diffs, f"stem(lower(word)) differs (word, whoosh, js): {diffs}"


def test_analyzer_parity_on_texts(vectors: dict) -> None:
    texts = [case["text"] for case in vectors["analyzer"]]
    js = run_analyzer({"op": "analyze", "texts": texts})
    for text, got in zip(texts, js, strict=True):
        assert got == _whoosh_tokens(text), f"analyze differs for {text!r}"


def test_known_quirks() -> None:
    """The Whoosh variant, not stock Porter: the reason a stock JS stemmer cannot be used."""
    words = ["hopping", "running", "troubled", "u.s", "fundamentally", "generalizations"]
    assert run_analyzer({"op": "stem", "words": words}) == [stem(w) for w in words]
    assert [stem(w) for w in words[:4]] == ["hopp", "runn", "troubl", "u."]
    # Stop words are dropped but leave their own gap in the positions (analysis.GapStopFilter):
    # "of" and "in" give different gaps, so phrases tell them apart.
    text = "The U.S. and the harbour of Calloway"
    assert run_analyzer({"op": "analyze", "texts": [text]})[0] == _whoosh_tokens(text)
    g = STOP_GAPS
    assert [t[1] for t in _whoosh_tokens(text)] == [
        g["the"], g["the"] + 1 + g["and"] + g["the"], g["the"] + 2 + g["and"] + g["the"] + g["of"]
    ]
    assert g["of"] != g["in"] and min(g.values()) > SHORT_GAP


def test_acronyms_are_kept_as_themselves() -> None:
    """A stop word written in capitals (2 to 5 letters) is an acronym: kept, not stemmed."""
    text = "Oil US, tell us; IT it; THE and The; WHO; USA; Us"
    tokens = _whoosh_tokens(text)
    assert [t[0] for t in tokens] == ["oil", "US", "tell", "IT", "THE", "who", "usa"]
    assert run_analyzer({"op": "analyze", "texts": [text]})[0] == tokens
    assert {w.upper() for w in STOP_LIST if 2 <= len(w) <= 5} == ACRONYMS


def test_word_character_sweep_every_code_point() -> None:
    """analyzer.js's \\w table equals Python's re \\w on all 1,114,112 code points."""
    bits = run_analyzer({"op": "wordbits"})
    assert len(bits) == MAX_CP
    wrong = [
        f"U+{cp:04X}"
        for cp in range(MAX_CP)
        if (bits[cp] == "1") != (WORD.match(chr(cp)) is not None)
    ]
    assert not wrong, f"\\w differs at {wrong[:30]} ({len(wrong)} code points)"


def _sweep_code_points() -> list[int]:
    """Every BMP code point but surrogates, and every 31st astral one (the \\w table itself
    is checked on all code points above)."""
    bmp = [cp for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    return bmp + list(range(0x10000, MAX_CP, 31))


def test_tokenizer_sweep_code_points() -> None:
    """Each code point between two letters tokenises like Whoosh's RegexTokenizer (the very
    compiled expression StemmingAnalyzer uses)."""
    expression = RegexTokenizer(TOKEN_PATTERN).expression
    cps = _sweep_code_points()
    got = run_analyzer({"op": "tokenize", "texts": ["a" + chr(cp) + "b" for cp in cps]})
    wrong = []
    for cp, tokens in zip(cps, got, strict=True):
        expected = [m.group(0) for m in expression.finditer("a" + chr(cp) + "b")]
        if tokens != expected:
            wrong.append(f"U+{cp:04X}")
    assert not wrong, f"tokens differ at {wrong[:30]} ({len(wrong)} code points)"
    assert len(cps) > 90_000


def _token_code_points() -> list[int]:
    """Code points that can occur inside a token: there lower() parity matters."""
    return [cp for cp in range(MAX_CP) if WORD.match(chr(cp)) or cp in (0x2E, 0x2A)]


def test_lowercase_sweep_token_code_points() -> None:
    """lower() equals str.lower() for every token code point alone and in every final-sigma
    context (CPython's rule reads the neighbours' cased / case-ignorable properties)."""
    cps = _token_code_points()
    strings = []
    for cp in cps:
        c = chr(cp)
        strings += [c, "A\u03a3" + c, "A\u03a3" + c + "A", "A" + c + "\u03a3", c + "\u03a3"]
    got = run_analyzer({"op": "lower", "strings": strings})
    wrong = [(s, s.lower(), g) for s, g in zip(strings, got, strict=True) if s.lower() != g]
    assert not wrong, f"lower differs (input, python, js): {wrong[:20]} ({len(wrong)})"
    assert len(cps) > 130_000


def test_unicode_tables_are_current() -> None:
    """The tables inside analyzer.js are what make_tables.py derives from this Python."""
    proc = subprocess.run(
        [sys.executable, str(MAKE_TABLES), "--check"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_sample_site_vocabulary_parity(sample_site) -> None:
    """Every field text the sample index was built from analyses identically (terms, positions,
    offsets), and those Whoosh analyses cover the index's whole lexicon: so every term of the
    real index vocabulary went through the comparison."""
    from newsarchive.search.document import read_article
    from newsarchive.search.index import open_index
    from newsarchive.search.schema import SEARCH_FIELDS, build_schema

    schema = build_schema()
    texts: dict[str, list[str]] = {name: [] for name in SEARCH_FIELDS}
    for path in sorted(sample_site.articles.rglob("*.md")):
        fields = read_article(path, sample_site.articles).whoosh_fields()
        for name in SEARCH_FIELDS:
            texts[name].append(fields[name])

    covered: dict[str, set[str]] = {}
    for name in SEARCH_FIELDS:
        analyzer = schema[name].analyzer
        js = run_analyzer({"op": "analyze", "texts": texts[name]})
        covered[name] = set()
        for text, got in zip(texts[name], js, strict=True):
            expected = [
                [t.text, t.pos, t.startchar, t.endchar]
                for t in analyzer(text, positions=True, chars=True)
            ]
            if got != expected:
                diff = [(e, g) for e, g in zip(expected, got, strict=False) if e != g][:5]
                pytest.fail(f"{name}: analyze differs on {text[:60]!r}...: {diff}")
            covered[name].update(t[0] for t in expected)

    with open_index(sample_site.index_dir).reader() as reader:
        for name in SEARCH_FIELDS:
            lexicon = {t.decode("utf-8") for t in reader.lexicon(name)}
            assert lexicon, f"empty {name} lexicon"
            assert lexicon == covered[name], f"{name}: lexicon not covered"
    words = {w for name in SEARCH_FIELDS for w in covered[name]}
    assert len(words) > 500
