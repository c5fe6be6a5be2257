"""Ranking parity: the browser's engine.js in Node ranks exactly like ``newsarchive search``."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsarchive.search.searcher import CSV_HEADER, Filters, search

from . import queries as querygen
from .conftest import REPO, Archive, run_js

REL = 1e-9


def _filters(spec: dict[str, Any] | None) -> Filters:
    spec = spec or {}
    return Filters(
        entities=tuple(spec.get("entity", [])),
        providers=tuple(spec.get("provider", [])),
        years=tuple(spec.get("year", [])),
        date_from=spec.get("from", ""),
        date_to=spec.get("to", ""),
    )


def _compare(
    index: Path, js_results: list[dict[str, Any]], limit: int = 10, prefix: bool = False
) -> list[str]:
    problems = []
    for js in js_results:
        q = js["query"]
        py = search(
            index, q, limit=limit, prefix=prefix, filters=_filters(js.get("filters")),
            sort=js.get("sort") or "relevance", suggest=True,
        )
        label = f"{q!r} {js.get('filters') or ''} {js.get('sort') or ''}".strip()
        py_ids = [h.id for h in py.hits]
        js_ids = [h["id"] for h in js["hits"]]
        if py_ids != js_ids:
            problems.append(f"{label}: ids differ\n  whoosh {py_ids}\n  js     {js_ids}")
            continue
        if py.total != js["total"]:
            problems.append(f"{label}: total whoosh {py.total} js {js['total']}")
        if py.suggestions != (js.get("suggestions") or []):
            problems.append(f"{label}: did you mean {py.suggestions} js {js.get('suggestions')}")
        for a, b in zip(py.hits, js["hits"], strict=True):
            if not math.isclose(a.score, b["score"], rel_tol=REL, abs_tol=0.0):
                problems.append(f"{label}: {a.id} score whoosh {a.score!r} js {b['score']!r}")
            if a.excerpt != b["excerpt"]:
                problems.append(
                    f"{label}: {a.id} excerpt\n  py {a.excerpt!r}\n  js {b['excerpt']!r}"
                )
        rows = io.StringIO()
        writer = csv.writer(rows, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        writer.writerows(h.csv_row() for h in py.hits)
        if rows.getvalue() != js["csv"]:
            problems.append(f"{label}: csv differs\n{rows.getvalue()}\n{js['csv']}")
    return problems


def _check(archive: Archive, queries: list[str], tmp: Path, **kw: Any) -> None:
    js = run_js(archive.search, queries, tmp=tmp, **kw)
    problems = _compare(archive.index, js, **kw)
    hits = sum(1 for r in js if r["hits"])
    assert not problems, f"{len(problems)} of {len(queries)} queries differ:\n" + "\n".join(
        problems[:25]
    )
    # a parity run where nothing matches would prove nothing
    assert hits > len(queries) // 2, f"only {hits} of {len(queries)} queries matched anything"


def test_parity_large_archive(large_archive: Archive, tmp_path: Path) -> None:
    queries = querygen.generate(large_archive.content, large_archive.index, seed=5, count=260)
    _check(large_archive, queries, tmp_path)


def test_parity_small_archive(small_archive: Archive, tmp_path: Path) -> None:
    queries = querygen.generate(small_archive.content, small_archive.index, seed=9, count=120)
    _check(small_archive, queries, tmp_path)


def test_parity_deep_pages(large_archive: Archive, tmp_path: Path) -> None:
    """Beyond the top 10: the whole ranking of broad queries, where ties are most frequent."""
    queries = querygen.generate(large_archive.content, large_archive.index, seed=21, count=40)
    _check(large_archive, queries, tmp_path, limit=200)


def test_parity_prefix_mode(large_archive: Archive, tmp_path: Path) -> None:
    """As-you-type: the last bare word is completed the same way in Python and in JS."""
    queries = querygen.generate(large_archive.content, large_archive.index, seed=33, count=60)
    partial = [q[: max(2, len(q) - 2)] for q in queries]
    _check(large_archive, partial, tmp_path, prefix=True)


def test_parity_sample_archive(sample_site: Any, tmp_path: Path) -> None:
    """The demo archive as built by ``newsarchive build`` (plugin glue included)."""
    archive = Archive(sample_site.articles, sample_site.index_dir, sample_site.output / "search")
    assert (archive.search / "manifest.js").is_file(), "the build did not export search/"
    queries = querygen.generate(archive.content, archive.index, seed=2, count=80)
    _check(archive, queries, tmp_path)


def test_cli_json_equals_js(large_archive: Archive, tmp_path: Path) -> None:
    """A few queries through the real ``newsarchive search --json`` subprocess."""
    queries = ["harbour authority", "port OR market", '"harbour authority"', "signing -deal"]
    js = {r["query"]: r for r in run_js(large_archive.search, queries, tmp=tmp_path)}
    for q in queries:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "newsarchive",
                "search",
                q,
                "--index",
                str(large_archive.index),
                "--json",
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=REPO,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        cli = json.loads(proc.stdout)
        assert [r["rank"] for r in cli] == list(range(1, len(cli) + 1))
        assert set(cli[0]) == {
            "rank", "id", "title", "url", "score", "date", "provider", "excerpt"
        } if cli else True
        assert [r["id"] for r in cli] == [h["id"] for h in js[q]["hits"]], q
        for r, h in zip(cli, js[q]["hits"], strict=True):
            assert r["url"] == f"articles/{r['id']}.html"
            assert math.isclose(r["score"], h["score"], rel_tol=REL), q
            assert r["excerpt"] == h["excerpt"], q
        assert cli, f"{q!r} found nothing in the generated archive"


@pytest.mark.parametrize("query", ["the", "the of and", '"the of"', "-harbour", ",,, !!", ""])
def test_queries_that_match_nothing(large_archive: Archive, tmp_path: Path, query: str) -> None:
    """Stop words only, punctuation only, exclusions only: no results on both sides."""
    assert search(large_archive.index, query).hits == []
    [js] = run_js(large_archive.search, [query], tmp=tmp_path)
    assert js["hits"] == [] and js["total"] == 0


TRICKY = [
    "",
    "   ",
    "OR",
    "OR harbour",
    "harbour OR",
    "harbour OR OR port",
    "a OR b c",
    "-",
    "--port",
    "- port",
    "port -",
    '"',
    '""',
    '"harbour',
    'harbour"port',
    '-"harbour authority" deal',
    "port* deal",
    "*",
    "**",
    "p*",
    "po*",
    "PORT*",
    "port**",
    "café*",
    "e-mail*",
    "u.s.*",
    "harbour\u0085port",
    "harbour\u00a0port",
    "harbour\ufeffport",
    "harbour\tport\n",
    "deal deal DEAL",
    "deal OR deal",
    "-deal -deal port",
    "the OR port",
    "port OR the OR deal",
    "Zürich-Nord straße",
    "3,000 10.5 covid-19",
    "AT&T",
    "U.S.-based",
    "x OR -y z",
    "oil US",
    "US OR IT",
    '"bank of england"',
    '"bank in the england"',
    '"the bank of england"',
    '"US oil"',
]


def _py_parse(q: str, prefix: bool) -> dict[str, object]:
    from newsarchive.search.query import parse

    p = parse(q, prefix=prefix)

    def item(it: object) -> dict[str, object]:
        d = {"type": it.type, "words": it.words}
        if it.type == "prefix":
            d["stem"] = it.stem
        if it.type == "phrase":
            d["offsets"] = it.offsets
        return d

    return {
        "groups": [[item(it) for it in g] for g in p.groups],
        "exclude": [item(it) for it in p.exclude],
        "words": p.words,
    }


@pytest.mark.parametrize("prefix", [False, True])
def test_parser_parity(small_archive: Archive, prefix: bool) -> None:
    """query.py and query.js parse every tricky query into the same tree."""
    from .conftest import drive

    calls = [{"method": "parse", "args": [q, {"prefix": prefix}]} for q in TRICKY]
    results = drive(small_archive.search, calls)
    for q, res in zip(TRICKY, results, strict=True):
        assert res["result"] == _py_parse(q, prefix), repr(q)
