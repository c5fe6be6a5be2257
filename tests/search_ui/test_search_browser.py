"""The search page in real Chromium, on the sample archive, from file:// (the unzipped offline
bundle) and over http: results equal `newsarchive search --json`, filters count like Whoosh,
results open real article pages, and the page loads only the shards a query needs.

Expected values come from the CLI and the Whoosh index of the same build, never from this page.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from newsarchive.search.index import open_index
from newsarchive.search.schema import make_analyzer

from .helpers import ARTIFACTS

pytestmark = pytest.mark.browser

SETTLED_JS = """([q]) => {
  const app = document.getElementById('search-app');
  const status = document.getElementById('search-status').textContent;
  return !app.hasAttribute('aria-busy') && status.includes('\\u201c' + q + '\\u201d');
}"""


# ---------------------------------------------------------------- truth: CLI and Whoosh


@functools.lru_cache(maxsize=256)
def cli_ids(index_dir: Path, query: str, limit: int = 10) -> list[str]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsarchive",
            "search",
            query,
            "--json",
            "--limit",
            str(limit),
            "--index",
            str(index_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return [hit["id"] for hit in json.loads(proc.stdout)]  # cached: callers must not mutate


def stored_fields(index_dir: Path) -> dict[str, dict[str, Any]]:
    with open_index(index_dir).searcher() as searcher:
        return {doc["id"]: doc for doc in searcher.all_stored_fields()}


def pick_queries(index_dir: Path) -> list[str]:
    """Queries derived from the sample index itself (so they keep working as samples change):
    the most common title word, two words of one title, and a quoted two-word phrase."""
    stored = stored_fields(index_dir)
    ana = make_analyzer()
    titles = [stored[k]["title"] for k in sorted(stored)]
    counts: Counter[str] = Counter()
    for title in titles:
        for word in {w.lower() for w in re.findall(r"[A-Za-z]+", title)}:
            if len(word) > 3 and list(ana(word)):
                counts[word] += 1
    common = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    middle = titles[len(titles) // 2]
    pair = " ".join(re.findall(r"[A-Za-z]{4,}", middle)[:2]).lower()
    # Two adjacent indexed words of one title, as typed there.
    phrase = ""
    for title in titles:
        toks = [(t.pos, t.startchar, t.endchar) for t in ana(title, positions=True, chars=True)]
        for a, b in zip(toks, toks[1:], strict=False):
            if b[0] == a[0] + 1 and b[2] - a[1] > 8 and '"' not in title[a[1] : b[2]]:
                phrase = '"' + title[a[1] : b[2]] + '"'
                break
        if phrase:
            break
    return [common, pair, phrase]


# ---------------------------------------------------------------- page driver


@dataclass
class Session:
    page: Any
    root_url: str
    root_dir: Path
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, query_string: str = "") -> None:
        self.page.goto(self.root_url + "search.html" + query_string)
        self.page.wait_for_selector("#search-app.search-app--ready")

    def type_query(self, query: str) -> None:
        box = self.page.locator("#search-q")
        box.fill("")
        box.press_sequentially(query, delay=15)
        self.settle(query)

    def settle(self, query: str) -> None:
        self.page.wait_for_function(SETTLED_JS, arg=[query], timeout=15_000)

    def result_ids(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "#search-results > li", "els => els.map(e => e.getAttribute('data-id'))"
        )

    def status(self) -> str:
        return self.page.locator("#search-status").text_content() or ""

    def loaded_files(self, since: int = 0) -> list[tuple[str, int]]:
        """(path relative to the site, bytes on disk) of every file requested since `since`."""
        out = []
        for url in self.requests[since:]:
            rel = unquote(urlsplit(url).path)
            rel = rel[len(unquote(urlsplit(self.root_url).path)) :]
            path = self.root_dir / rel
            out.append((rel, path.stat().st_size if path.is_file() else -1))
        return out

    def assert_clean(self) -> None:
        assert not self.errors, f"console errors / failed requests: {self.errors}"


def _cancelled_icon(request: Any) -> bool:
    """The page icon's fetch that Chromium itself cancels when the test moves on to the next
    page before it finished (``net::ERR_ABORTED``). A missing icon still fails: on file:// that
    is ``net::ERR_FILE_NOT_FOUND``, over http a 404."""
    return urlsplit(request.url).path.endswith("/favicon.svg") and "ERR_ABORTED" in str(
        request.failure
    )


def new_session(browser: Any, root_url: str, root_dir: Path) -> Session:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    s = Session(page, root_url, root_dir)
    page.on(
        "console",
        lambda m: (
            s.errors.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: s.errors.append(f"pageerror: {e}"))
    page.on(
        "requestfailed",
        lambda r: None if _cancelled_icon(r) else s.errors.append(f"failed: {r.url} {r.failure}"),
    )
    page.on(
        "response",
        lambda r: s.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.on("request", lambda r: s.requests.append(r.url))
    return s


@pytest.fixture(params=["file", "http"])
def session(request, chromium, offline_folder, http_root, sample_site):
    if request.param == "file":
        s = new_session(chromium, offline_folder.as_uri() + "/", offline_folder)
    else:
        s = new_session(chromium, http_root, sample_site.output)
    s.mode = request.param
    yield s
    s.page.context.close()


# ---------------------------------------------------------------- tests


def test_typed_queries_equal_cli_top10(session: Session, sample_site) -> None:
    queries = pick_queries(sample_site.index_dir)
    session.open()
    report = []
    for query in queries:
        expected = cli_ids(sample_site.index_dir, query)
        assert expected, f"derived query {query!r} has no CLI results"
        before = len(session.requests)
        session.type_query(query)
        assert session.result_ids() == expected, f"query {query!r}"
        total = len(cli_ids(sample_site.index_dir, query, limit=100_000))
        assert session.status().startswith(f"{total} result"), session.status()
        assert "q=" in session.page.url
        files = session.loaded_files(before)
        report.append({"query": query, "files": files, "bytes": sum(b for _, b in files)})
    # Shards of a plain query: the manifest, term, doc and suggestion shards, never facets.
    first = session.loaded_files(0)
    names = [name for name, _ in first]
    assert any(n.endswith("search/manifest.js") for n in names)
    assert any("/search/t/" in "/" + n for n in names)
    assert not any("/search/f/" in "/" + n for n in names), names
    assert all(size >= 0 for _, size in first), first
    # Query times on a fresh engine in this page: cold (shards loaded) and warm (cached).
    timings = session.page.evaluate(
        """async (queries) => {
          const out = [];
          for (const q of queries) {
            const engine = NewsarchiveSearch.open(document.getElementById('search-app')
              .getAttribute('data-search-base'));
            const t0 = performance.now();
            await engine.search(q);
            const t1 = performance.now();
            await engine.search(q);
            out.push({query: q, cold_ms: t1 - t0, warm_ms: performance.now() - t1});
          }
          return out;
        }""",
        queries,
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / f"search-ui-payload-{session.mode}.json"
    out.write_text(
        json.dumps({"initial+queries": first, "per_query": report, "timings": timings}, indent=1)
    )
    for t in timings:
        print(f"  {t['query']!r}: cold {t['cold_ms']:.1f} ms, warm {t['warm_ms']:.1f} ms")
    print(f"\n[{session.mode}] loaded {len(first)} files, {sum(b for _, b in first)} bytes")
    for item in report:
        print(f"  {item['query']!r}: {len(item['files'])} new files, {item['bytes']} bytes")
    session.page.screenshot(path=str(ARTIFACTS / f"search-ui-{session.mode}.png"), full_page=True)
    session.assert_clean()


def test_filter_counts_and_results_match_whoosh(session: Session, sample_site) -> None:
    query = pick_queries(sample_site.index_dir)[0]
    all_ids = cli_ids(sample_site.index_dir, query, limit=100_000)
    stored = stored_fields(sample_site.index_dir)
    session.open("?q=" + query)
    session.settle(query)
    before = len(session.requests)
    session.page.click("#search-filters > summary")
    session.page.wait_for_selector("#search-facets .search-facet")
    facet_files = [n for n, _ in session.loaded_files(before)]
    assert facet_files and all("/search/" in "/" + n for n in facet_files), facet_files

    def shown(kind: str) -> dict[str, int]:
        rows = session.page.eval_on_selector_all(
            f"#search-facets .search-facet[data-facet='{kind}']",
            "els => els.map(e => [e.dataset.value, e.querySelector('.count').textContent])",
        )
        return {value: int(count) for value, count in rows}

    providers = Counter(stored[i].get("provider") for i in all_ids if stored[i].get("provider"))
    years = Counter(stored[i]["year"] for i in all_ids)
    entities: Counter[str] = Counter()
    for i in all_ids:
        for kind in ("people", "organizations", "places", "other"):
            for slug in filter(None, (stored[i].get(kind) or "").split(",")):
                entities[f"{kind}/{slug}"] += 1
    assert shown("provider") == dict(providers)
    assert shown("year") == dict(years)
    assert shown("entity") == dict(entities)

    # Apply the most common provider: the results are Whoosh's ranking restricted to it.
    value = sorted(providers.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    session.page.locator(
        "#search-facets .search-facet[data-facet='provider']", has_text=value
    ).first.click()
    session.page.wait_for_function(
        "([n]) => document.getElementById('search-status').textContent.startsWith(n + ' result')"
        " && !document.getElementById('search-app').hasAttribute('aria-busy')",
        arg=[providers[value]],
    )
    expected = [i for i in all_ids if stored[i].get("provider") == value][:10]
    assert session.result_ids() == expected
    # Sources are ORed, so the source counts stay those of the unfiltered query; years and
    # names are now counted within the chosen source.
    session.page.wait_for_selector("#search-facets .search-facet[aria-pressed='true']")
    assert shown("provider") == dict(providers)
    in_source = [i for i in all_ids if stored[i].get("provider") == value]
    assert shown("year") == dict(Counter(stored[i]["year"] for i in in_source))
    assert "provider=" in session.page.url
    session.page.screenshot(
        path=str(ARTIFACTS / f"search-ui-filtered-{session.mode}.png"), full_page=True
    )
    session.assert_clean()


def test_keyboard_opens_a_result(session: Session, sample_site) -> None:
    query = pick_queries(sample_site.index_dir)[1]
    expected = cli_ids(sample_site.index_dir, query)
    session.open()
    session.page.keyboard.press("/")
    assert session.page.evaluate("document.activeElement.id") == "search-q"
    session.type_query(query)
    # Suggestions (if any) come first in the arrow-key order, then the result titles.
    n_suggest = session.page.locator("#search-suggest:not([hidden]) a").count()
    for _ in range(n_suggest + 1):
        session.page.keyboard.press("ArrowDown")
    focused = session.page.evaluate(
        "document.activeElement.closest('li[data-id]')?.getAttribute('data-id')"
    )
    assert focused == expected[0]
    with session.page.expect_navigation():
        session.page.keyboard.press("Enter")
    url = session.page.url
    assert url.split("?")[0].endswith(f"articles/{expected[0]}.html")
    title = stored_fields(sample_site.index_dir)[expected[0]]["title"]
    assert title in (session.page.locator("h1").first.text_content() or "")
    session.assert_clean()


def test_bookmarked_url_restores_query_and_filter(session: Session, sample_site) -> None:
    query = pick_queries(sample_site.index_dir)[0]
    all_ids = cli_ids(sample_site.index_dir, query, limit=100_000)
    stored = stored_fields(sample_site.index_dir)
    year = sorted(Counter(stored[i]["year"] for i in all_ids).items(), key=lambda kv: -kv[1])[0][0]
    session.open(f"?q={query}&year={year}")
    session.settle(query)
    assert session.page.input_value("#search-q") == query
    assert session.result_ids() == [i for i in all_ids if stored[i]["year"] == year][:10]
    assert session.page.locator("#search-active-filters button").count() == 1
    # Escape clears the box and the URL.
    session.page.focus("#search-q")
    if session.page.locator("#search-suggest").is_visible():
        session.page.keyboard.press("Escape")
        assert session.page.input_value("#search-q") == query
        assert not session.page.locator("#search-suggest").is_visible()
    session.page.keyboard.press("Escape")
    assert session.page.input_value("#search-q") == ""
    session.page.wait_for_function("!location.search.includes('q=')")
    # The year filter stays: without a query the page lists that year's articles, newest
    # first, like `newsarchive search --year YEAR`.
    from newsarchive.search.searcher import Filters, search

    browse = [h.id for h in search(sample_site.index_dir, "", filters=Filters(years=(year,))).hits]
    session.page.wait_for_function(
        "() => document.getElementById('search-status').textContent.includes('match the filters')"
    )
    assert session.result_ids() == browse
    session.assert_clean()


def test_no_results_names_the_word_to_drop(session: Session, sample_site) -> None:
    word = pick_queries(sample_site.index_dir)[0]
    query = f"{word} zqxjvv"
    assert cli_ids(sample_site.index_dir, query) == []
    session.open()
    session.type_query(query)
    session.page.wait_for_selector("#search-empty:not([hidden]) .search-empty__action")
    action = session.page.locator(".search-empty__action", has_text="zqxjvv")
    assert action.count() == 1
    session.page.screenshot(path=str(ARTIFACTS / f"search-ui-empty-{session.mode}.png"))
    action.click()
    session.settle(word)
    assert session.result_ids() == cli_ids(sample_site.index_dir, word)
    session.assert_clean()


def test_entity_suggestion_jumps_to_entity_page(session: Session, sample_site) -> None:
    query = pick_queries(sample_site.index_dir)[0]
    session.open()
    session.type_query(query)
    link = session.page.locator("#search-suggest-list a").first
    link.wait_for()
    href = link.get_attribute("href")
    assert re.match(r"^\./(people|organizations|places|other)/[^/]+\.html$", href or ""), href
    with session.page.expect_navigation():
        link.click()
    assert (session.root_dir / href[2:]).is_file()
    session.assert_clean()


def test_without_javascript_the_page_points_to_indexes(chromium, offline_folder) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(offline_folder.as_uri() + "/search.html?q=anything")
    text = page.locator("main").inner_text()
    assert "Search needs JavaScript" in text
    for href in ["people/index.html", "organizations/index.html", "places/index.html"]:
        link = page.locator(f"main a[href$='{href}']")
        assert link.count() == 1
        assert (offline_folder / href).is_file()
    assert not page.locator("#search-results").is_visible()
    context.close()


def test_highlights_are_query_words(session: Session, sample_site) -> None:
    """Every <mark> is a token whose Whoosh term is a query term; titles miss none."""
    query = pick_queries(sample_site.index_dir)[1]
    ana = make_analyzer()
    wanted = {t.text for t in ana(query)}
    session.open()
    session.type_query(query)
    marks = session.page.eval_on_selector_all(
        "#search-results mark", "els => els.map(e => e.textContent)"
    )
    assert marks
    for text in marks:
        assert [t.text for t in ana(text)][0] in wanted, text
    titles = session.page.eval_on_selector_all(
        "#search-results .search-hit__link",
        "els => els.map(e => [e.textContent, e.querySelectorAll('mark').length])",
    )
    for title, n in titles:
        assert n == sum(1 for t in ana(title) if t.text in wanted), title
    session.assert_clean()


def test_unfinished_last_word_is_completed(session: Session, sample_site) -> None:
    """When the typed query matches nothing, the last word is completed as a prefix: the
    results are then those of the CLI's search with prefix=True."""
    from newsarchive.search.searcher import search

    stored = stored_fields(sample_site.index_dir)
    ana = make_analyzer()
    prefix = ""
    for title in sorted(stored[k]["title"] for k in stored):
        for word in re.findall(r"[A-Za-z]{7,}", title):
            candidate = word[:5].lower()
            if not list(ana(candidate)) or cli_ids(sample_site.index_dir, candidate):
                continue
            if search(sample_site.index_dir, candidate, prefix=True).hits:
                prefix = candidate
                break
        if prefix:
            break
    assert prefix, "no unfinished word found in the sample titles"
    expected = [h.id for h in search(sample_site.index_dir, prefix, prefix=True).hits]
    session.open()
    session.type_query(prefix)
    assert session.result_ids() == expected
    assert session.page.locator("#search-note").is_visible()
    session.assert_clean()
