"""The browser's search client and Python share every rule through the manifest, never a copy.

* ``tests/fixtures/search_vectors.json`` holds Python's answers for the codec (FNV-1a, the fold,
  varints, document gaps); the Python functions and codec.js (in Node) must both give them.
* engine.js, opened in Node on a real export, takes the stop list, the minimum word size, the
  query scanner's spaces, BM25F's parameters, the score rounding and the entity types from the
  manifest, and the manifest holds exactly the Python values.
* No client script spells one of those values itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from newsarchive.article import TYPE_LABELS
from newsarchive.search.analysis import ACRONYMS, MIN_WORD_CHARS, STOP_LIST
from newsarchive.search.export import (
    CLIENT_SCRIPTS,
    FNV_OFFSET,
    FNV_PRIME,
    FOLD_FORM,
    FORMAT_VERSION,
    client_rules,
    fnv1a,
    fold,
    varint_b64,
)
from newsarchive.search.postings import deltas
from newsarchive.search.query import analyze, scan, space_characters
from newsarchive.search.schema import BM25F_B, BM25F_K1
from newsarchive.search.searcher import SCORE_DECIMALS

from .conftest import NODE, REPO, Archive

FIXTURES = REPO / "tests" / "fixtures"
VECTORS = FIXTURES / "search_vectors.json"
CLIENT_DRIVER = Path(__file__).resolve().parent / "client_driver.js"
JS_DIR = REPO / "theme" / "static" / "js"


def _node(request: dict[str, Any]) -> Any:
    proc = subprocess.run(
        [NODE, str(CLIENT_DRIVER)],
        input=json.dumps(request, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"node failed: {proc.stderr[-3000:]}"
    return json.loads(proc.stdout)


def _vectors() -> dict[str, list[dict[str, Any]]]:
    return json.loads(VECTORS.read_text(encoding="utf-8"))


def test_vectors_file_is_current() -> None:
    proc = subprocess.run(
        [sys.executable, str(FIXTURES / "make_search_vectors.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_python_codec_gives_the_vectors() -> None:
    v = _vectors()
    assert [fnv1a(c["text"]) for c in v["fnv1a"]] == [c["hash"] for c in v["fnv1a"]]
    assert [fold(c["text"]) for c in v["fold"]] == [c["folded"] for c in v["fold"]]
    assert [varint_b64(c["numbers"]) for c in v["varints"]] == [c["b64"] for c in v["varints"]]
    assert [deltas(c["docs"]) for c in v["deltas"]] == [c["gaps"] for c in v["deltas"]]


def test_js_codec_gives_the_vectors(small_archive: Archive) -> None:
    v = _vectors()
    js = _node({"op": "vectors", "dir": str(small_archive.search), "vectors": str(VECTORS)})
    assert js["fnv1a"] == [c["hash"] for c in v["fnv1a"]]
    assert js["fold"] == [c["folded"] for c in v["fold"]]
    assert js["varints"] == [c["numbers"] for c in v["varints"]]
    assert js["deltas"] == [c["docs"] for c in v["deltas"]]


def test_engine_takes_the_python_rules_from_the_manifest(small_archive: Archive) -> None:
    spaces = space_characters()
    spaced = "one" + "".join(f"{c}w{i}" for i, c in enumerate(spaces)) + "\ufeffx\u180ey"
    kept = "harbour dredging U.S. e-mail Zürich"
    probe = {
        "stopText": " ".join(sorted(STOP_LIST)).title(),
        "acronymText": " ".join(sorted(STOP_LIST)).upper(),
        "shortText": "x 7 é _",
        "keptText": kept,
        "spacedQuery": spaced,
    }
    js = _node({"op": "rules", "dir": str(small_archive.search), "probe": probe})
    manifest = js["manifest"]
    assert js["formatVersion"] == manifest["version"] == FORMAT_VERSION
    assert {k: manifest[k] for k in client_rules()} == json.loads(json.dumps(client_rules()))
    assert manifest["bm25f"] == {"K1": BM25F_K1, "B": BM25F_B} == {"K1": 1.2, "B": 0.75}
    assert js["scale"] == 10**SCORE_DECIMALS
    assert manifest["analyzer"]["minChars"] == MIN_WORD_CHARS
    assert js["stopTerms"] == [] and js["shortTerms"] == []
    # stop words in capitals are acronyms, kept as themselves on both sides
    assert js["acronymTerms"] == analyze(probe["acronymText"]) == sorted(ACRONYMS)
    assert js["keptTerms"] == analyze(kept)
    assert js["chunks"] == [c.text for c in scan(spaced)]
    assert js["typeLabels"] == TYPE_LABELS


URL_PARAMS = {"from", "to"}


def _code(path: Path) -> str:
    """A client script without its comments and without the generated Unicode tables."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"// BEGIN TABLES.*?// END TABLES", "", text, flags=re.DOTALL)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    return re.sub(r"(?m)^\s*//.*$", "", text)


def test_client_scripts_hold_no_copy_of_a_shared_rule() -> None:
    scripts = sorted(JS_DIR.glob("*.js"))
    assert {p.name for p in scripts} >= set(CLIENT_SCRIPTS)
    rules = client_rules()
    words = set(rules["entityTypes"]) | {rules["undated"], FOLD_FORM}
    words |= set(rules["typeLabels"].values()) | set(rules["typeSingular"].values())
    words |= {w.capitalize() for w in rules["typeSingular"].values()}
    numbers = [
        rf"\b{re.escape(str(BM25F_K1))}\b",
        rf"\b{re.escape(str(BM25F_B))}\b",
        rf"\b1e-?{SCORE_DECIMALS}\b",
        rf"(?i)\b(0x0*{FNV_OFFSET:x}|{FNV_OFFSET}|0x0*{FNV_PRIME:x}|{FNV_PRIME})\b",
        r"(?i)\\u0300|\\u036f|\b0x0*30[0-9a-f]\b",
    ]
    for path in scripts:
        code = _code(path)
        quoted = {w for w in words if f'"{w}"' in code or f"'{w}'" in code}
        assert not quoted, f"{path.name} spells shared values itself: {sorted(quoted)}"
        # A stop word may be a token of the client's own ("or" is a query chunk kind), a list of
        # them is a copy of the stop list.
        # "from" and "to" are also the page's URL parameters (search.html?from=&to=).
        stops = {w for w in STOP_LIST - URL_PARAMS if f'"{w}"' in code or f"'{w}'" in code}
        assert len(stops) < 3, f"{path.name} holds a stop list: {sorted(stops)}"
        for pattern in numbers:
            found = re.search(pattern, code)
            assert not found, f"{path.name} spells a shared constant: {found.group(0)!r}"


def test_every_manifest_key_the_client_reads_is_exported(small_archive: Archive) -> None:
    manifest = json.loads(
        re.match(
            rb'^NewsarchiveSearch\.load\("manifest",(.*),\d+\);\n\Z',
            (small_archive.search / "manifest.js").read_bytes(),
            re.DOTALL,
        ).group(1)
    )
    for path in sorted(JS_DIR.glob("*.js")):
        read = set(re.findall(r"\b(?:m|manifest)\.([A-Za-z]\w*)", _code(path)))
        assert read <= set(manifest), f"{path.name} reads {sorted(read - set(manifest))}"


def test_search_page_loads_the_client_scripts_in_order() -> None:
    page = (REPO / "theme" / "templates" / "search.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<script src="[^"]*/js/([\w.-]+)"></script>', page)
    assert loaded == [*CLIENT_SCRIPTS, "search-ui.js"]


def test_the_written_out_spaces_are_every_space_of_this_python() -> None:
    import sys

    every = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert space_characters() == every
