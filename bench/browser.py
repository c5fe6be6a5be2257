"""Query payload and latency in headless Chromium: our search client vs Pagefind.

``python -m bench.browser --ours OUTPUT --pagefind PFDIR --queries '["a", "b"]'`` prints JSON.
Each query runs in a fresh browser context (empty cache): "cold" is the time of its first search
(the engine fetches what it needs), "warm" the same search repeated on that page; the payload is
every byte the page loaded for the search (scripts, shards, Pagefind's wasm, index chunks and the
fragments of the top 10 results, which its result list needs to show titles), not the page HTML.
Ours runs from file:// and from http on 127.0.0.1; Pagefind only from http (it cannot use
file://).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from newsarchive.search.export import CLIENT_SCRIPTS

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OURS_PAGE = "_bench-search.html"
PF_PAGE = "_bench-pagefind.html"

OURS_HTML = """<!doctype html><meta charset="utf-8"><title>bench</title>
{scripts}
<script>
window.engine = NewsarchiveSearch.open("search/");
window.runQuery = async function (q) {
  const t0 = performance.now();
  const r = await window.engine.search(q, {limit: 10});
  return {ms: performance.now() - t0, total: r.total, ids: r.hits.map(h => h.id),
          shardBytes: window.engine.loadedShards().reduce((a, s) => a + s.bytes, 0)};
};
window.benchReady = true;
</script>
"""

PF_HTML = """<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="module">
import * as pagefind from "./_pagefind/pagefind.js";
window.runQuery = async function (q) {
  const t0 = performance.now();
  await pagefind.init();
  const s = await pagefind.search(q);
  const data = await Promise.all(s.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - t0, total: s.results.length, ids: data.map(d => d.url)};
};
window.benchReady = true;
</script>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _measure(browser: Any, url: str, queries: list[str], local_js: int) -> dict[str, Any]:
    cold, warm, payloads, totals = [], [], [], []
    for q in queries:
        context = browser.new_context()
        page = context.new_page()
        loaded: list[int] = []

        def on_response(response: Any, sink: list[int] = loaded) -> None:
            if response.url.split("?")[0].endswith((OURS_PAGE, PF_PAGE)):
                return
            with contextlib.suppress(Exception):  # a redirect or aborted request has no body
                sink.append(len(response.body()))

        page.on("response", on_response)
        page.goto(url)
        page.wait_for_function("window.benchReady === true")
        first = page.evaluate("q => window.runQuery(q)", q)
        second = page.evaluate("q => window.runQuery(q)", q)
        page.wait_for_timeout(50)
        payload = sum(loaded)
        if not loaded and "shardBytes" in first:  # file:// pages report no response bodies
            payload = local_js + first["shardBytes"]
        cold.append(first["ms"])
        warm.append(second["ms"])
        payloads.append(payload)
        totals.append({"query": q, "total": first["total"], "top": first["ids"][:3]})
        context.close()
    return {
        "first_query_bytes": payloads[0],
        "median_query_bytes": statistics.median(payloads),
        "cold_ms_median": statistics.median(cold),
        "cold_ms_max": max(cold),
        "warm_ms_median": statistics.median(warm),
        "queries": totals,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--ours", help="our built output folder (with search/)")
    parser.add_argument("--pagefind", help="folder holding _pagefind/ (bundle of the same pages)")
    parser.add_argument("--queries", required=True, help="JSON list of queries")
    args = parser.parse_args(argv)
    queries = json.loads(args.queries)

    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            if args.ours:
                out = Path(args.ours)
                page = out / OURS_PAGE
                tags = "\n".join(f'<script src="theme/js/{n}"></script>' for n in CLIENT_SCRIPTS)
                page.write_text(OURS_HTML.replace("{scripts}", tags), encoding="utf-8")
                local_js = sum((out / "theme/js" / n).stat().st_size for n in CLIENT_SCRIPTS)
                try:
                    for mode in ("file", "http"):
                        try:
                            if mode == "file":
                                results["ours_file"] = _measure(
                                    browser, page.resolve().as_uri(), queries, local_js
                                )
                            else:
                                with serve(out) as base:
                                    results["ours_http"] = _measure(
                                        browser, base + OURS_PAGE, queries, local_js
                                    )
                        except Exception as exc:
                            results[f"ours_{mode}"] = {"error": f"{type(exc).__name__}: {exc}"}
                finally:
                    page.unlink()
            if args.pagefind:
                root = Path(args.pagefind)
                (root / PF_PAGE).write_text(PF_HTML, encoding="utf-8")
                try:
                    with serve(root) as base:
                        results["pagefind_http"] = _measure(browser, base + PF_PAGE, queries, 0)
                except Exception as exc:
                    results["pagefind_http"] = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            browser.close()
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
