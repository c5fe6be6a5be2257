"""Queries nobody picked by hand, the way an outside check runs them: in Chromium from file://,
opened as ``search.html?q=…``, typed into the search box, and sent from the header search form of
an article page. The page must show the CLI's top 10 (``newsarchive search QUERY --json``) in the
same order, and Whoosh's total as the result count.

The queries are generated from the sample index itself (seeded), across every kind the query
language has: common, rare and capitalised words, pairs and triples, stop words, numbers,
punctuation, accents, OR, exclusions, phrases, no-result and stop-word-only queries, stray spaces
and trailing punctuation. Expected values come from the CLI and the Whoosh index of the same
build, never from the page.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.cli import main as cli_main
from newsarchive.frontmatter import load
from newsarchive.search.index import open_index
from newsarchive.search.query import analyze
from newsarchive.search.searcher import search

from .helpers import ARTIFACTS
from .test_search_browser import Session, new_session

pytestmark = pytest.mark.browser

SEED = 20261127
STOP = ["the", "of", "and", "to", "in", "for", "with", "on", "by", "a", "is", "at"]
#: Query forms an outside check is likely to try whatever the archive holds.
FORMS = ["harbour's", "U.S.", "ten-year", "e-mail", "Théâtre", "THÉÂTRE", "theatre", "café"]


# ---------------------------------------------------------------- truth: CLI and Whoosh


def cli_top10(index_dir: Path, query: str) -> list[str]:
    """Ids printed by ``newsarchive search QUERY --json --index DIR`` (the real CLI code path).

    The query goes after ``--`` so that one starting with ``-`` is not read as an option.
    """
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli_main(["search", "--json", "--index", str(index_dir), "--", query])
    assert code == 0, f"newsarchive search {query!r} exited {code}"
    return [hit["id"] for hit in json.loads(out.getvalue())]


def shown_count(status: str) -> int:
    """The result count the page states ("12 results for …", "No results for …")."""
    m = re.match(r"(\d+) results? for ", status)
    if m:
        return int(m.group(1))
    assert status.startswith("No results for "), status
    return 0


# ---------------------------------------------------------------- query generation


def generate_queries(content: Path, index_dir: Path) -> list[str]:
    """About 60 queries drawn (seeded) from the sample articles and their index statistics."""
    rng = random.Random(SEED)
    titles: list[str] = []
    bodies: list[str] = []
    for path in sorted(content.rglob("*.md")):
        meta, body = load(path)
        titles.append(str(meta.get("title", "")))
        bodies.append(body)
    text = "\n".join(titles + bodies)
    surface = re.findall(r"[^\W\d_]+", text)
    with open_index(index_dir).searcher() as searcher:
        reader = searcher.reader()
        n_docs = reader.doc_count_all()

        def df(word: str) -> int:
            toks = analyze(word)
            if len(toks) != 1:
                return 0
            return len(
                {
                    d
                    for f in ("title", "body", "entities")
                    if (f, toks[0]) in reader
                    for d in reader.postings(f, toks[0]).all_ids()
                }
            )

        lower = sorted({w.lower() for w in surface if len(w) > 2 and analyze(w)})
        freq = {w: df(w) for w in lower}
    common = [w for w in sorted(lower, key=lambda w: (-freq[w], w)) if freq[w] < n_docs][:12]
    mid = [w for w in lower if 3 <= freq[w] <= max(3, n_docs // 3)]
    rare = [w for w in lower if freq[w] == 1]
    capitals = sorted({w for t in titles for w in re.findall(r"\b[A-Z][a-z]{3,}\b", t)})
    numbers = sorted({n for n in re.findall(r"\b\d[\d,.]*\d\b|\b\d\b", text)})
    joined = sorted(set(re.findall(r"\b\w+(?:['’.-]\w+)+\b", text)))
    accented = sorted({w for w in surface if re.search(r"[^\x00-\x7f]", w)})

    def title_run(n: int, *, with_stop: bool = False) -> str:
        """``n`` consecutive words of a title (optionally one that holds a stop word)."""
        pool = [t.split() for t in titles if len(t.split()) >= n]
        for _ in range(200):
            words = rng.choice(pool)
            start = rng.randrange(len(words) - n + 1)
            run = [w.strip(",.:;!?'\"") for w in words[start : start + n]]
            has_stop = any(w.lower() in STOP for w in run)
            if all(run) and has_stop == with_stop:
                return " ".join(run)
        raise AssertionError(f"no {n}-word title run (stop word: {with_stop})")

    picks = rng.sample
    q: list[str] = []
    q += common[:3] + picks(common[3:], 2)  # common single words
    q += picks(rare, 5)  # words of one article
    q += picks(capitals, 3) + [rng.choice(capitals).upper()]  # as written in titles, and shouting
    q += [
        f"{a} {b}"
        for a, b in (picks(mid, 2), picks(common, 2), (rng.choice(rare), rng.choice(common)))
    ]
    q += [title_run(2), title_run(2).lower()]
    q += [" ".join(picks(common, 3)), title_run(3), " ".join(picks(mid, 3))]
    q += [f"{rng.choice(STOP)} {w}" for w in picks(mid, 2)] + [f"The {rng.choice(capitals)}"]
    q += picks(numbers, 3) + [f"{rng.choice(numbers)} {rng.choice(common)}"]
    q += FORMS + picks(joined, 3) + picks(accented, min(2, len(accented)))
    q += [f"{a} OR {b}" for a, b in (picks(rare, 2), picks(mid, 2))]
    q += [f"{rng.choice(rare)} OR {rng.choice(mid)} {rng.choice(common)}"]
    q += [f"{a} -{b}" for a, b in (picks(common, 2), picks(common, 2))]
    q += [f'{rng.choice(common)} -"{title_run(2)}"']
    q += [f'"{title_run(2)}"', f'"{title_run(3)}"', f'"{title_run(3, with_stop=True)}"']
    q += [f'"{title_run(2)}" {rng.choice(common)}']
    q += ["zqxjvv", f"{rng.choice(common)} zqxjvv"]  # nothing matches
    q += [" ".join(picks(STOP, 3)), "The"]  # stop words only
    q += [f"  {a}   {b}  " for a, b in (picks(common, 2),)]  # stray spaces
    q += [
        f"{rng.choice(mid)}?",
        f"{rng.choice(common)}!",
        f"{rng.choice(rare)}.",
        f"{rng.choice(mid)},",
    ]  # trailing punctuation
    return list(dict.fromkeys(q))


@pytest.fixture(scope="module")
def expected(sample_site) -> dict[str, tuple[list[str], int]]:
    """query -> (CLI top-10 ids, Whoosh total)."""
    queries = generate_queries(sample_site.articles, sample_site.index_dir)
    out = {}
    for query in queries:
        top = cli_top10(sample_site.index_dir, query)
        total = search(sample_site.index_dir, query).total
        out[query] = (top, total)
    answered = sum(1 for top, _ in out.values() if top)
    # A run where (almost) nothing matches, or everything does, would prove little.
    assert len(out) >= 55, len(out)
    assert len(out) // 2 < answered < len(out), f"{answered} of {len(out)} queries answered"
    assert any(total > 10 for _, total in out.values()), "no query has more than one page"
    return out


# ---------------------------------------------------------------- page driver


def open_query(session: Session, query: str) -> tuple[list[str], int]:
    """Open ``search.html?q=QUERY`` and return what it shows, without waiting for images and
    styles to finish loading (the answer is what counts)."""
    session.page.goto(
        session.root_url + "search.html?q=" + quote(query, safe=""), wait_until="commit"
    )
    session.page.wait_for_selector("#search-app.search-app--ready")
    return settle(session, query)


def settle(session: Session, query: str) -> tuple[list[str], int]:
    """Wait until the page shows the answer to ``query``; return (data-id order, count)."""
    session.settle(query.strip())
    return session.result_ids(), shown_count(session.status())


def clear_box(session: Session) -> None:
    """Empty the box and submit it (no debounce wait between queries)."""
    session.page.evaluate(
        "() => { document.getElementById('search-q').value = '';"
        " document.getElementById('search-form').requestSubmit(); }"
    )
    session.page.wait_for_function(
        "!document.getElementById('search-status').textContent"
        " && !document.getElementById('search-app').hasAttribute('aria-busy')"
    )


def mismatches(seen: dict[str, tuple[list[str], int]], expected) -> list[str]:
    out = []
    for query, (ids, count) in seen.items():
        top, total = expected[query]
        if ids != top or count != total:
            out.append(f"{query!r}: page {count} {ids}\n    cli   {total} {top}")
    return out


@pytest.fixture(scope="module")
def bundle_session(chromium, offline_folder):
    s = new_session(chromium, offline_folder.as_uri() + "/", offline_folder)
    yield s
    s.page.context.close()


# ---------------------------------------------------------------- tests


def test_url_queries_equal_cli(bundle_session: Session, sample_site, expected) -> None:
    """``search.html?q=…`` on the unzipped bundle and on plain output/, both from file://."""
    plain = new_session(
        bundle_session.page.context.browser, sample_site.output.as_uri() + "/", sample_site.output
    )
    try:
        # Every query on the bundle; every fourth on plain output/ (the same files, unzipped).
        for session, queries in ((bundle_session, list(expected)), (plain, list(expected)[::4])):
            seen = {}
            for query in queries:
                seen[query] = open_query(session, query)
                assert session.page.input_value("#search-q") == query
            bad = mismatches(seen, expected)
            assert not bad, f"{session.root_url}: {len(bad)} of {len(seen)} differ:\n" + "\n".join(
                bad
            )
            session.assert_clean()
    finally:
        plain.page.context.close()


def test_typed_queries_equal_cli(bundle_session: Session, expected) -> None:
    """Typed key by key into the search box (search-as-you-type), and submitted with Enter."""
    session = bundle_session
    session.open()
    typed, submitted = {}, {}
    for i, query in enumerate(expected):
        clear_box(session)
        box = session.page.locator("#search-q")
        box.press_sequentially(query)
        typed[query] = settle(session, query)
        if i % 4 == 0:
            box.press("Enter")
            submitted[query] = settle(session, query)
    bad = mismatches(typed, expected) + mismatches(submitted, expected)
    assert not bad, f"{len(bad)} typed queries differ:\n" + "\n".join(bad)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    session.page.screenshot(path=str(ARTIFACTS / "search-outside-typed.png"), full_page=True)
    session.assert_clean()


def test_header_search_form_equals_cli(bundle_session: Session, sample_site, expected) -> None:
    """The header search box of an article page leads to search.html?q= with the CLI's results."""
    session = bundle_session
    article = sorted(sample_site.articles.rglob("*.md"))[0]
    page_rel = "articles/" + (
        article.relative_to(sample_site.articles).with_suffix(".html").as_posix()
    )
    rng = random.Random(SEED)
    picked = rng.sample(sorted(expected), 6)
    for query in picked:
        session.page.goto(session.root_url + page_rel)
        box = session.page.locator("header form[role=search] input[name=q]")
        box.fill(query)
        with session.page.expect_navigation():
            box.press("Enter")
        assert session.page.url.split("?")[0].endswith("/search.html"), session.page.url
        session.page.wait_for_selector("#search-app.search-app--ready")
        ids, count = settle(session, query)
        assert (ids, count) == expected[query], f"header search {query!r}"
    session.assert_clean()


def test_result_page_a_reader_sees(bundle_session: Session, http_root, sample_site, expected):
    """Titles link to existing article pages, dates and sources are shown, query words are
    marked, on file:// and over http."""
    stored = {}
    with open_index(sample_site.index_dir).searcher() as searcher:
        for doc in searcher.all_stored_fields():
            stored[doc["id"]] = doc
    counts = Counter({q: total for q, (_, total) in expected.items()})
    query = next(
        q
        for q, _ in counts.most_common()
        if " " in q.strip() and '"' not in q and "-" not in q and "OR" not in q
    )
    terms = set(analyze(query))
    http = new_session(bundle_session.page.context.browser, http_root, sample_site.output)
    try:
        for session, mode in ((bundle_session, "file"), (http, "http")):
            session.open("?q=" + quote(query, safe=""))
            settle(session, query)
            rows = session.page.eval_on_selector_all(
                "#search-results > li",
                """els => els.map(e => ({
                    id: e.dataset.id,
                    href: e.querySelector('a.search-hit__link').getAttribute('href'),
                    title: e.querySelector('a.search-hit__link').textContent,
                    date: (e.querySelector('.meta__date') || {}).textContent || '',
                    datetime: (e.querySelector('time') || {getAttribute: () => ''})
                        .getAttribute('datetime') || '',
                    source: (e.querySelector('.meta__source') || {}).textContent || '',
                    marks: e.querySelectorAll('mark').length}))""",
            )
            assert [r["id"] for r in rows] == expected[query][0]
            excerpts = {h.id: h.excerpt for h in search(sample_site.index_dir, query).hits}
            marked = 0
            for row in rows:
                doc = stored[row["id"]]
                target = (sample_site.output / row["href"]).resolve()
                assert target.is_file(), row["href"]
                assert row["href"].removeprefix("./") == doc["url"], row
                assert row["title"] == doc["title"]
                assert row["datetime"] == (doc.get("date") or ""), row
                assert row["date"] and (row["date"] != "Undated") == bool(doc.get("date")), row
                assert row["source"] == (doc.get("provider") or ""), row
                # Every token of the title whose term is a query term is marked, and the
                # excerpt marks the words the CLI's excerpt wraps in [[ ]].
                title_marks = sum(1 for t in analyze(doc["title"]) if t in terms)
                assert row["marks"] == title_marks + excerpts[row["id"]].count("[["), row
                marked += row["marks"]
            assert marked, f"nothing highlighted for {query!r}"
            session.page.screenshot(
                path=str(ARTIFACTS / f"search-outside-results-{mode}.png"), full_page=True
            )
            with session.page.expect_navigation():
                session.page.locator("#search-results a.search-hit__link").first.click()
            assert rows[0]["title"] in (session.page.locator("h1").first.text_content() or "")
            session.assert_clean()
    finally:
        http.page.context.close()


def unfinished_words(index_dir: Path, count: int) -> list[str]:
    """Cut-off title words (seeded pick) that the CLI answers with nothing but that complete, as
    a prefix, to words of the index."""
    with open_index(index_dir).searcher() as searcher:
        titles = sorted(doc["title"] for doc in searcher.all_stored_fields())
    words = sorted({w for t in titles for w in re.findall(r"[A-Za-z]{7,}", t)})
    random.Random(SEED).shuffle(words)
    out = []
    for word in words:
        cut = word[:5]
        if (
            analyze(cut)
            and not search(index_dir, cut).total
            and search(index_dir, cut, prefix=True).total
        ):
            out.append(cut)
        if len(out) == count:
            break
    assert len(out) == count, f"only {out} found"
    return out


def test_finished_query_is_never_completed(bundle_session: Session, sample_site) -> None:
    """A cut-off word opened from the URL or submitted with Enter shows the CLI's answer (none);
    completion is offered as a button, and typing (search-as-you-type) completes it."""
    session = bundle_session
    for word in unfinished_words(sample_site.index_dir, 2):
        completed = search(sample_site.index_dir, word, prefix=True)
        assert cli_top10(sample_site.index_dir, word) == []
        session.open("?q=" + quote(word))
        assert settle(session, word) == ([], 0)
        offer = session.page.locator(".search-empty__action", has_text="starting with")
        offer.wait_for()
        assert f"({completed.total} result" in (offer.text_content() or "")
        offer.click()
        session.page.wait_for_selector("#search-note:not([hidden])")
        assert session.result_ids() == [h.id for h in completed.hits]
        assert shown_count(session.status()) == completed.total
        # Typed: completed while typing; Enter makes it a finished query again.
        clear_box(session)
        box = session.page.locator("#search-q")
        box.press_sequentially(word)
        assert settle(session, word) == ([h.id for h in completed.hits], completed.total)
        box.press("Enter")
        assert settle(session, word) == ([], 0)
    session.assert_clean()


def test_header_box_on_search_page_searches_in_place(bundle_session: Session, expected) -> None:
    """On search.html the header box drives the same search: typing shows results, Enter
    keeps the page."""
    session = bundle_session
    session.open()
    header = session.page.locator("header form[role=search] input[name=q]")
    picked = random.Random(SEED + 1).sample(sorted(q for q in expected if expected[q][0]), 4)
    for query in picked:
        header.fill(query)
        assert settle(session, query) == expected[query], f"header box {query!r}"
        assert session.page.input_value("#search-q") == query
        url = session.page.url
        header.press("Enter")
        assert settle(session, query) == expected[query]
        assert session.page.url == url
    session.assert_clean()
