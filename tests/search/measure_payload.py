"""Measure the client index on a generated archive: bytes each kind of query loads, and times.

Not a test (speed targets stay out of the suite). Usage, from the repository root:

    .venv/bin/python -m tests.search.measure_payload /tmp/archive-10k --articles 10000

The archive (Markdown, Whoosh index, exported shards) is generated once under the folder and
reused on later runs. Each query runs twice on one engine in Node: cold (shards loaded from
disk) and warm (shards cached).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

from newsarchive.search.build import build_search
from newsarchive.search.export import CLIENT_SCRIPTS
from newsarchive.search.index import open_index

from .synth import write_archive

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "drive.js"


def _queries(index: Path) -> dict[str, str]:
    with open_index(index).searcher() as s:
        r = s.reader()
        by_df = sorted(
            (r.doc_frequency("body", t), t.decode() if isinstance(t, bytes) else t)
            for t in r.lexicon("body")
        )
    n = len(by_df)
    common = [t for _, t in by_df[-2:]]
    tenth = [t for _, t in by_df[-12:-10]]
    mid = [t for _, t in by_df[n // 2 : n // 2 + 2]]
    return {
        "two most common": " ".join(common),
        "two common": " ".join(tenth),
        "rare + common": f"{by_df[n // 10][1]} {common[0]}",
        "two median": " ".join(mid),
        "single common": common[0],
        "OR": f"{tenth[0]} OR {mid[0]}",
        "NOT": f"{common[0]} -{tenth[0]}",
        "prefix": common[0][:3] + "*",
        "phrase (common words)": f'"{tenth[0]} {tenth[1]}"',
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=99)
    args = parser.parse_args()
    content, index, out = args.folder / "articles", args.folder / "index", args.folder / "search"
    if not content.is_dir():
        write_archive(content, args.articles, args.seed)
    start = time.perf_counter()
    report = build_search(content, index, out)
    print(f"index + export: {time.perf_counter() - start:.1f}s ({len(report.index.added)} added)")
    files = list(out.rglob("*.js"))
    print(f"export: {len(files)} files, {sum(f.stat().st_size for f in files)} bytes")
    scripts = sum((REPO / "theme/static/js" / f).stat().st_size for f in CLIENT_SCRIPTS)
    print(f"scripts ({' + '.join(CLIENT_SCRIPTS)}): {scripts} bytes")
    for label, q in _queries(index).items():
        calls = [{"method": "search", "args": [q, {"limit": 10}]}] * 2
        proc = subprocess.run(
            ["node", str(DRIVER)],
            input=json.dumps({"dir": str(out), "calls": calls}),
            capture_output=True,
            text=True,
            check=True,
        )
        cold, warm = json.loads(proc.stdout)
        loaded = sum(s["bytes"] for s in cold["shards"])
        kinds: dict[str, int] = {}
        for s in cold["shards"]:
            kind = s["name"].split("/")[0] if "/" in s["name"] else "manifest"
            kinds[kind] = kinds.get(kind, 0) + s["bytes"]
        print(
            f"{label:22} {q!r:34} hits={cold['result']['total']:6} shards={loaded:7} "
            f"with scripts={loaded + scripts:7} {kinds} "
            f"cold={cold['ms']:.0f}ms warm={warm['ms']:.0f}ms"
        )


if __name__ == "__main__":
    main()
