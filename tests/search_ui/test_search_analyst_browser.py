"""The analyst's search page in Chromium from file:// (the unzipped offline bundle): excerpts,
browsing by entities without a query, date ranges, sorts, "did you mean" and the CSV export all
equal ``newsarchive search`` on the same build (``--json`` / ``--csv``)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from .test_search_browser import Session, new_session, pick_queries, stored_fields

pytestmark = pytest.mark.browser

PAGE_DONE = """() => {
  const app = document.getElementById('search-app');
  const status = document.getElementById('search-status').textContent;
  return !app.hasAttribute('aria-busy') && status.length > 0;
}"""

ROWS_JS = """els => els.map(e => {
  const p = e.querySelector('.search-hit__excerpt');
  let text = '';
  if (p) p.childNodes.forEach(n => {
    text += n.nodeName === 'MARK' ? '[[' + n.textContent + ']]' : n.textContent;
  });
  return {id: e.dataset.id, excerpt: text};
})"""


def cli(index_dir: Path, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "newsarchive", "search", *args, "--index", str(index_dir)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def page(chromium, offline_folder) -> Session:
    s = new_session(chromium, offline_folder.as_uri() + "/", offline_folder)
    yield s
    s.page.context.close()


def _open(session: Session, query_string: str) -> list[dict[str, str]]:
    session.open(query_string)
    session.page.wait_for_function(PAGE_DONE, timeout=15_000)
    return session.page.eval_on_selector_all("#search-results > li", ROWS_JS)


def _entities(index_dir: Path) -> list[tuple[str, str]]:
    """Two entities that share at least two articles."""
    pairs: Counter[tuple[str, str]] = Counter()
    for doc in stored_fields(index_dir).values():
        keys = sorted(
            f"{kind}/{slug}"
            for kind in ("people", "organizations", "places", "other")
            for slug in filter(None, (doc.get(kind) or "").split(","))
        )
        pairs.update((a, b) for i, a in enumerate(keys) for b in keys[i + 1 :])
    return [p for p, n in pairs.most_common() if n >= 2]


def test_excerpts_and_sorts_equal_cli(page: Session, sample_site) -> None:
    for query in pick_queries(sample_site.index_dir):
        for sort in ("relevance", "oldest"):
            expected = json.loads(cli(sample_site.index_dir, query, "--json", "--sort", sort))
            rows = _open(page, f"?q={quote(query)}&sort={sort}")
            assert [r["id"] for r in rows] == [e["id"] for e in expected], (query, sort)
            assert [r["excerpt"] for r in rows] == [e["excerpt"] for e in expected], query
            assert any("[[" in r["excerpt"] for r in rows), query
            assert page.page.input_value("#search-sort") == sort
    page.assert_clean()


def test_browse_two_entities_without_a_query(page: Session, sample_site) -> None:
    pair = _entities(sample_site.index_dir)[0]
    expected = json.loads(
        cli(sample_site.index_dir, "--entity", pair[0], "--entity", pair[1], "--json")
    )
    assert len(expected) >= 2
    rows = _open(page, f"?entity={quote(pair[0])}&entity={quote(pair[1])}")
    assert [r["id"] for r in rows] == [e["id"] for e in expected]
    assert [r["excerpt"] for r in rows] == [e["excerpt"] for e in expected]
    dates = [e["date"] for e in expected if e["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert "match the filters" in page.status()
    page.assert_clean()


def test_date_range_with_and_without_query(page: Session, sample_site) -> None:
    stored = stored_fields(sample_site.index_dir).values()
    dates = sorted(d["date"] for d in stored if d.get("date"))
    lo, hi = dates[len(dates) // 4], dates[3 * len(dates) // 4]
    expected = json.loads(cli(sample_site.index_dir, "--from", lo, "--to", hi, "--json",
                              "--limit", "10"))
    rows = _open(page, f"?from={lo}&to={hi}")
    assert [r["id"] for r in rows] == [e["id"] for e in expected]
    assert all(lo <= e["date"] <= hi for e in expected)
    assert page.page.input_value("#search-from") == lo
    query = pick_queries(sample_site.index_dir)[0]
    expected = json.loads(cli(sample_site.index_dir, query, "--from", lo, "--json"))
    rows = _open(page, f"?q={quote(query)}&from={lo}")
    assert [r["id"] for r in rows] == [e["id"] for e in expected]
    page.assert_clean()


def test_did_you_mean_offers_the_cli_words(page: Session, sample_site) -> None:
    from newsarchive.search.searcher import search

    word = pick_queries(sample_site.index_dir)[0]
    typo = word[0] + word[2] + word[1] + word[3:]  # swap two letters
    result = search(sample_site.index_dir, typo, suggest=True)
    assert result.total == 0 and result.suggestions, typo
    page.open()
    page.type_query(typo)
    page.page.wait_for_selector(".search-didyoumean button")
    offered = page.page.eval_on_selector_all(
        ".search-didyoumean button", "els => els.map(e => e.textContent)"
    )
    assert offered == result.suggestions[0]["suggestions"]
    page.page.locator(".search-didyoumean button").first.click()
    page.page.wait_for_function(
        "() => document.querySelectorAll('#search-results > li').length > 0"
    )
    page.assert_clean()


def test_csv_export_equals_cli_csv(page: Session, sample_site) -> None:
    query = pick_queries(sample_site.index_dir)[0]
    expected = cli(sample_site.index_dir, query, "--csv")
    _open(page, f"?q={quote(query)}")
    href = page.page.get_attribute("#search-export", "href") or ""
    prefix = "data:text/csv;charset=utf-8,"
    assert href.startswith(prefix)
    assert unquote(href[len(prefix) :]) == expected
    assert page.page.locator("#search-export").is_visible()
    page.assert_clean()


def test_built_in_names_in_the_address_keep_the_page_working(page: Session) -> None:
    """Query and filter values spelt like JavaScript built-ins list nothing, and break nothing."""
    rows = _open(page, "?q=__proto__&entity=people/constructor&entity=__proto__/toString"
                       "&provider=hasOwnProperty&year=valueOf&sort=constructor")
    assert rows == []
    rows = _open(page, "?entity=constructor/__proto__")
    assert rows == []
    page.assert_clean()
