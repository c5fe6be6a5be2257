"""Search fixtures: generated archives indexed and exported once per session, and Node runs of
the browser's search client (theme/static/js/engine.js) on their shards."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsarchive.search.build import build_search
from newsarchive.search.index import open_index
from newsarchive.search.searcher import search
from newsarchive.search.store import document_order

from .synth import write_archive

REPO = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().parent / "run_queries.js"
NODE = "/usr/bin/node"


@dataclass(frozen=True)
class Archive:
    content: Path
    index: Path
    search: Path


def make_archive(root: Path, count: int, seed: int) -> Archive:
    content = root / "content" / "articles"
    write_archive(content, count, seed)
    archive = Archive(content, root / "index", root / "output" / "search")
    build_search(archive.content, archive.index, archive.search)
    return archive


def run_js(
    search_dir: Path, queries: list[Any], *, limit: int = 10, prefix: bool = False, tmp: Path
) -> list[dict[str, Any]]:
    """Run the queries (strings, or ``{q, filters, sort}``) through engine.js in Node (a fresh
    engine per query)."""
    key = json.dumps([queries, limit, prefix], sort_keys=True)
    qfile = tmp / f"queries-{abs(hash(key))}.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    cmd = [NODE, str(RUNNER), str(search_dir), str(qfile), "--limit", str(limit)]
    if prefix:
        cmd.append("--prefix")
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert proc.returncode == 0, f"node failed: {proc.stderr[-3000:]}"
    return json.loads(proc.stdout)


DRIVER = Path(__file__).resolve().parent / "drive.js"


def drive(search_dir: Path, calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run engine calls (search/suggest/facets) on ONE warm engine in Node, in order."""
    request = json.dumps({"dir": str(search_dir), "calls": calls}, ensure_ascii=False)
    proc = subprocess.run(
        [NODE, str(DRIVER)],
        input=request,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert proc.returncode == 0, f"node failed: {proc.stderr[-3000:]}"
    return json.loads(proc.stdout)


@pytest.fixture(scope="session")
def small_archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """250 generated articles: small enough that Whoosh pre-loads ORs of 3+ clauses."""
    return make_archive(tmp_path_factory.mktemp("search-small"), 250, seed=3)


@pytest.fixture(scope="session")
def large_archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """2,000 generated articles with Zipf-distributed words."""
    return make_archive(tmp_path_factory.mktemp("search-large"), 2000, seed=11)


def index_facts(index: Path, queries: list[str]) -> tuple[object, ...]:
    """Everything a ranking depends on: doc order, collection statistics (field-length totals,
    document count, deletions, a few document frequencies) and the top hits with their scores.
    A query ending in ``*`` is searched as a prefix."""
    with open_index(index).searcher() as s:
        reader = s.reader()
        numbers = document_order(index, s.doc_count_all())  # as a clean build numbers them
        order = [s.stored_fields(n)["id"]
                 for n in sorted(range(s.doc_count_all()), key=numbers.canonical)]
        totals = {f: reader.field_length(f) for f in ("title", "body", "entities")}
        dfs = {t: reader.doc_frequency("body", t) for t in ("harbour", "the", "ka")}
        counts = (s.doc_count_all(), s.doc_count())
    hits = [
        [(h.id, h.score) for h in search(index, q, prefix=q.endswith("*")).hits] for q in queries
    ]
    return order, totals, dfs, counts, hits
