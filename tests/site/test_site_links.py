"""Every link inside the built sites resolves to a FILE (file:// semantics); nothing is fetched
from another site. Also the checker itself, on small hand-made sites, so it can be trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.site.linkcheck import check_site


def test_fixture_site_links_all_resolve(fixture_site):
    report = check_site(fixture_site.output)
    assert report.pages > 30 and report.links > 500
    assert report.ok, report.summary()
    # Only the articles' "original" links leave the site, and only as plain links.
    assert {url for _, url in report.external} == {
        "https://menafn.com/1107000001/Harbour-Budget-Approved-for-Port-Alden",
        "https://menafn.com/1107000002/Dredging-Tender-Opens-at-Port-Alden",
        "https://menafn.com/1107000005/Tidewater-Accord-Signed",
        "https://example.org/harbour-wire/delmar-wins",
    }


def test_published_site_links_resolve_with_only_canonical_and_feeds_absolute(
    fixture_site_published,
):
    report = check_site(fixture_site_published.output, site_url="https://archive.test")
    assert report.ok, report.summary()
    assert report.pages > 30 and report.links > 500
    # Without knowing the site's address every absolute own-site URL counts as foreign: proof
    # that the hosted build links absolutely, and only to its own address.
    strict = check_site(fixture_site_published.output)
    assert strict.broken
    assert all(url.startswith("https://archive.test/") for _, url, _ in strict.broken)


def test_sample_site_links_all_resolve(sample_site):
    report = check_site(sample_site.output)
    assert report.ok, report.summary()


def make_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ('<a href="people/">x</a>', "points to a folder, not a file"),
        ('<a href="people">x</a>', "points to a folder, not a file"),
        ('<a href="missing.html">x</a>', "no such file"),
        ('<a href="/index.html">x</a>', "root-relative path does not work from file://"),
        ('<a href="../outside.html">x</a>', "points outside the site"),
        ('<script src="https://cdn.example/x.js"></script>', "request to another site"),
        ('<img src="//cdn.example/x.png">', "request to another site"),
        ('<link rel="stylesheet" href="http://fonts.example/f.css">', "request to another site"),
        ('<link rel="canonical" href="https://site.example/index.html">',
         "request to another site"),
        ('<a href="javascript:alert(1)">x</a>', "javascript: URL"),
        ('<a href="#nowhere">x</a>', "no element with id 'nowhere' on the page"),
        ('<a href="people/a.html#nowhere">x</a>', "no element with id 'nowhere' in people/a.html"),
    ],
)
def test_checker_flags_bad_links(tmp_path, link, reason):
    make_site(tmp_path, {"index.html": f"<p id='top'>{link}</p>", "people/a.html": "<h1>A</h1>"})
    report = check_site(tmp_path)
    assert [why for _, _, why in report.broken] == [reason]


def test_checker_accepts_good_links(tmp_path):
    make_site(tmp_path, {
        "index.html": (
            '<a href="people/a.html?x=1#top">a</a> <a href="#here" id="here">h</a> '
            '<a href="search.html?q=harbour">s</a> <a href="https://example.org/">ext</a> '
            '<img src="img/a%20b.svg" srcset="img/a%20b.svg 1x"> '
            '<a href="mailto:x@example.org">m</a>'
            '<form action="search.html"></form>'
        ),
        "people/a.html": '<h1 id="top">A</h1><link rel="stylesheet" href="../s.css">',
        "search.html": "search",
        "s.css": "body{background:url('img/a%20b.svg')}",
        "img/a b.svg": "<svg/>",
    })
    report = check_site(tmp_path)
    assert report.ok, report.summary()
    assert report.external == [("index.html", "https://example.org/")]
