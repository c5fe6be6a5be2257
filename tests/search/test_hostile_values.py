"""Words, names and filter values spelt like JavaScript built-ins (``__proto__``, ``constructor``,
``toString``, ``hasOwnProperty``), very long queries, lone surrogates and direction marks: the
browser engine answers exactly as ``newsarchive search`` does, and never fails."""

from __future__ import annotations

from pathlib import Path

import yaml

from newsarchive.search.build import build_search
from newsarchive.search.searcher import Filters, search

from .conftest import run_js

BUILT_INS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]


def write(folder: Path, key: str, meta: dict, body: str) -> None:
    path = folder / f"{key}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{yaml.safe_dump(meta)}---\n{body}\n", encoding="utf-8")


def test_built_in_names_and_odd_queries(tmp_path: Path) -> None:
    content = tmp_path / "articles"
    for i, word in enumerate(BUILT_INS):
        write(content, f"2024/0{i + 1}/story-{i}", {
            "title": f"The {word} register at Port Alden",
            "date": f"2024-0{i + 1}-1{i}",
            "source": {"provider": word},
            "entities": {"people": [word, "Talia Brenmoor"], "organizations": [word]},
        }, f"Harbour clerks filed the {word} register. The {word} value was checked twice.")
    write(content, "2024/06/plain", {"title": "Quay Lights", "date": "2024-06-01"},
          "Quay lights were repaired at Port Alden harbour.")
    index, out = tmp_path / "index", tmp_path / "search"
    build_search(content, index, out)

    queries: list = [*BUILT_INS, "__proto__ harbour", '"the constructor register"',
                     "hasOwn*", "proto* OR tostring", "-valueOf harbour", "x" * 3000,
                     "harbour \ufffd quay", "\u202eharbour\u200f", "constructr"]
    filtered = [
        {"q": "", "filters": {"entity": [f"people/{slug}"]}}
        for slug in ("proto", "constructor", "tostring", "__proto__", "hasownproperty")
    ] + [
        {"q": "", "filters": {"provider": [word]}} for word in BUILT_INS
    ] + [
        {"q": "register", "filters": {"entity": ["people/constructor"], "year": ["toString"]}},
        {"q": "register", "filters": {"entity": ["people/constructor"], "year": ["2024"]}},
    ]
    js = run_js(out, [q if isinstance(q, str) else q for q in queries + filtered], tmp=tmp_path)
    for spec, got in zip(queries + filtered, js, strict=True):
        q = spec if isinstance(spec, str) else spec["q"]
        f = {} if isinstance(spec, str) else spec["filters"]
        want = search(index, q, filters=Filters(
            entities=tuple(f.get("entity", ())), providers=tuple(f.get("provider", ())),
            years=tuple(f.get("year", ())),
        ), suggest=True)
        assert got["total"] == want.total, spec
        assert [h["id"] for h in got["hits"]] == [h.id for h in want.hits], spec
        assert (got.get("suggestions") or []) == want.suggestions, spec
    # a lone surrogate (a broken query string) is just not a word
    assert search(index, "harbour \ud800 quay").total == search(index, "harbour quay").total
    by_query = dict(zip([q if isinstance(q, str) else repr(q) for q in queries], js, strict=False))
    assert by_query["__proto__"]["total"] == 1 and by_query["constructor"]["total"] == 1
    provider_rows = js[len(queries) + 5 : len(queries) + 5 + len(BUILT_INS)]
    assert [row["total"] for row in provider_rows] == [1] * len(BUILT_INS)
