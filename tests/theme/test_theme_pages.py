"""Every page the theme renders: landmarks, one <h1>, skip link, search form, no remote resources,
working internal links; plus the home page, its pagination and the archive."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsarchive.frontmatter import load
from newsarchive.slug import entity_slug

from .conftest import FIXTURES, ThemeSite
from .support import Node, parse_html


def resolve(site: ThemeSite, page: str, href: str) -> Path:
    """The output file a relative ``href`` on ``page`` points to (fragment dropped)."""
    assert not urlsplit(href).scheme and not href.startswith("/"), href
    return site.output / posixpath.normpath(
        posixpath.join(posixpath.dirname(page), href.split("#")[0])
    )


RESOURCE_TAGS = {"link", "script", "img", "iframe", "source", "video", "audio", "embed", "object"}


def pages(site: ThemeSite) -> list[tuple[str, Node]]:
    names = [p.relative_to(site.output).as_posix() for p in site.html_files()]
    return [(name, site.page(name)) for name in names]


@dataclass(frozen=True)
class Built:
    output: Path
    pages: list[tuple[str, Node]]


@pytest.fixture(scope="module", params=["theme_site", "sample_site"])
def built(request: pytest.FixtureRequest) -> Built:
    """Every page of the theme fixture build and of the demo archive (tests/conftest.py)."""
    site = request.getfixturevalue(request.param)
    output = Path(site.output)
    names = [p.relative_to(output).as_posix() for p in sorted(output.rglob("*.html"))]
    found = [(n, parse_html((output / n).read_text(encoding="utf-8"))) for n in names]
    assert len(found) > 20, f"{request.param}: the build is missing pages"
    return Built(output, found)


def fixture_articles() -> list[dict]:
    return [load(p)[0] for p in sorted((FIXTURES / "articles").rglob("*.md"))]


def test_landmarks_heading_and_skip_link(built: Built) -> None:
    for name, doc in built.pages:
        mains = doc.find_all("main")
        assert len(mains) == 1, name
        assert len(doc.find_all("h1")) == 1, f"{name}: needs exactly one <h1>"
        assert doc.find_all("header", cls="site-header") and doc.find_all("footer")
        assert doc.find_all("nav", **{"aria-label": "Main"}), name
        skip = doc.find("a", cls="skip-link")
        target_id = skip.attrs["href"].removeprefix("#")
        assert skip.attrs["href"].startswith("#")
        assert doc.find_all(id=target_id) == [mains[0]], f"{name}: skip link target"
        # the skip link comes first so keyboard users meet it before anything else
        first_link = doc.find_all("a")[0]
        assert first_link is skip, name


def test_head_basics(built: Built) -> None:
    for name, doc in built.pages:
        html = doc.find("html")
        assert html.attrs.get("lang"), name
        assert doc.find_all("meta", charset="utf-8"), name
        assert doc.find("meta", name="viewport").attrs["content"].startswith("width=device-width")
        assert doc.find("title").text(), name
        assert doc.find("meta", name="description").attrs["content"].strip(), name
        ids = Counter(n.attrs["id"] for n in doc.iter() if "id" in n.attrs)
        assert not [i for i, n in ids.items() if n > 1], f"{name}: duplicate ids"


def test_search_form_in_every_header(built: Built) -> None:
    for name, doc in built.pages:
        form = doc.find("header", cls="site-header").find("form", role="search")
        assert form.attrs["action"].endswith("search.html"), name
        field = form.find("input", name="q")
        assert field.attrs["type"] == "search" and field.attrs.get("aria-label"), name


def test_no_resource_leaves_the_site(built: Built) -> None:
    for name, doc in built.pages:
        for node in doc.iter():
            for attr in ("src", "href", "srcset", "poster", "data"):
                value = node.attrs.get(attr)
                if value is None or (attr == "href" and node.tag not in RESOURCE_TAGS):
                    continue
                parts = urlsplit(value)
                assert not parts.scheme and not parts.netloc, f"{name}: <{node.tag} {attr}={value}>"
        for style in doc.find_all("style"):
            assert "url(" not in style.raw_text() and "@import" not in style.raw_text(), name


def test_only_the_original_link_and_addresses_in_the_text_point_outside(built: Built) -> None:
    for name, doc in built.pages:
        for a in doc.find_all("a"):
            href = a.attrs.get("href", "")
            if urlsplit(href).scheme or href.startswith("//"):
                in_body = any("article__body" in n.classes for n in a.ancestors())
                assert "original-link" in a.classes or in_body, f"{name}: external link {href}"
                assert urlsplit(href).scheme in ("http", "https"), f"{name}: {href}"
                assert "nofollow" in a.attrs.get("rel", ""), name


def test_internal_links_resolve(
    built: Built,
) -> None:
    ids = {name: {n.attrs["id"] for n in d.iter() if "id" in n.attrs} for name, d in built.pages}
    for name, doc in built.pages:
        for node in doc.iter():
            value = node.attrs.get("href") if node.tag in ("a", "link") else node.attrs.get("src")
            if not value or urlsplit(value).scheme or value.startswith("//"):
                continue
            path, _, fragment = value.partition("#")
            path = path.split("?")[0]
            if not path:
                assert fragment in ids[name], f"{name}: no #{fragment}"
                continue
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            target = built.output / rel
            assert target.is_file(), f"{name}: {value} -> {rel} is not a file"
            if fragment and rel.endswith(".html"):
                assert fragment in ids[rel], f"{name}: {value} has no target"


def test_nav_marks_the_current_section(theme_site: ThemeSite) -> None:
    doc = theme_site.page("people/index.html")
    nav = doc.find("nav", cls="site-nav")
    assert [a.text() for a in nav.find_all("a") if "aria-current" in a.attrs] == ["People"]
    nav = theme_site.page("index.html").find("nav", cls="site-nav")
    assert not [a for a in nav.find_all("a") if "aria-current" in a.attrs]


def test_home_lists_latest_with_summaries_and_top_entities(theme_site: ThemeSite) -> None:
    doc = theme_site.page("index.html")
    articles = fixture_articles()
    dated = sorted((a for a in articles if "date" in a), key=lambda a: a["date"], reverse=True)
    cards = doc.find("main").find_all("article", cls="article-card")
    # DEFAULT_PAGINATION = 2 in the test build: the two newest dated articles come first
    assert [c.find(cls="article-card__title").text() for c in cards] == [
        a["title"] for a in dated[:2]
    ]
    assert cards[0].find(cls="article-card__summary").text() == dated[0]["summary"]
    # big search box
    hero = doc.find(cls="search-hero")
    assert hero.find("form", role="search").find("input", name="q")
    # top people with their article counts, most mentioned first
    counts = Counter(n for a in articles for n in (a.get("entities", {}).get("people") or []))
    panel = doc.find(id="top-people").parent
    chips = panel.find_all("a", cls="chip")
    shown = [(c.text().rsplit(" ", 1)[0], int(c.find(cls="count").text())) for c in chips]
    assert shown[0] == counts.most_common(1)[0]
    assert dict(shown) == dict(counts)
    for chip in chips:
        name = chip.text().rsplit(" ", 1)[0]
        path = resolve(theme_site, "index.html", chip.attrs["href"])
        assert path == theme_site.output / "people" / f"{entity_slug(name)}.html"


def test_home_pagination(theme_site: ThemeSite) -> None:
    """The home page shows the newest articles; "Older" links walk the older pages, cut where
    their articles say and named by their dates, down to the oldest dated article's page
    (index-2.html), then the undated articles' pages; together they list every article."""
    articles = fixture_articles()
    doc = theme_site.page("index.html")
    nav = doc.find("nav", cls="pagination")
    assert nav.find("a", rel="next")
    assert not nav.find_all("a", rel="prev")
    seen: list[str] = []
    walked: list[str] = []
    url: str | None = "index.html"
    while url:
        walked.append(url)
        page = theme_site.page(url)
        seen += [a.attrs["href"] for a in page.find("main").find_all("a")
                 if "articles/" in a.attrs.get("href", "") and a.attrs["href"] not in seen]
        older = page.find("nav", cls="pagination").find_all("a", rel="next")
        url = older[0].attrs["href"].split("/")[-1] if older else None
    assert len(seen) == len(articles)
    dated_walk = [u for u in walked if "undated" not in u]
    assert dated_walk[-1] == "index-2.html"  # the oldest dated page is always index-2.html
    oldest = theme_site.page("index-2.html")
    assert oldest.find("h1").text() == "Latest articles"
    assert oldest.find("nav", cls="pagination").find("a", rel="prev")
    # an older page is named by the dates of its oldest and newest articles
    days = [t.attrs["datetime"] for t in oldest.find("main").find_all("time")]
    label = oldest.find("span", cls="pagination__current").text()
    first = dt.date.fromisoformat(min(days)[:10])
    assert label.startswith(f"{first.day} {first.strftime('%B %Y')}")

def test_archive_lists_every_article_once(theme_site: ThemeSite) -> None:
    doc = theme_site.page("archives.html")
    articles = fixture_articles()
    links = [a.text() for a in doc.find("main").find_all("a") if "articles/" in a.attrs["href"]]
    assert sorted(links) == sorted(a["title"] for a in articles)
    undated = doc.find(id="undated")
    assert [a["title"] for a in articles if "date" not in a] == [
        a.text() for a in undated.find_all("a") if "articles/undated/" in a.attrs["href"]
    ]
    years = {a["date"].year for a in articles if "date" in a}
    for year in years:
        assert doc.find_all(id=f"y{year}")


def test_about_page(theme_site: ThemeSite) -> None:
    doc = theme_site.page("pages/about.html")
    assert doc.find("h1").text() == "About this archive"
    assert "Provenance" in doc.find("main").text()
    nav_labels = [a.text() for a in doc.find("nav", cls="site-nav").find_all("a")]
    assert nav_labels[-1] == "About"


def test_stylesheet_is_linked_relative(theme_site: ThemeSite) -> None:
    for name in ("index.html", "articles/2024/03/harbour-authority-signs-dredging-deal.html"):
        doc = theme_site.page(name)
        sheets = [n.attrs["href"] for n in doc.find_all("link", rel="stylesheet")]
        assert len(sheets) == 1
        assert resolve(theme_site, name, sheets[0]) == theme_site.output / "theme/css/style.css"
        assert resolve(theme_site, name, sheets[0]).is_file()


def test_published_pages_only_point_at_their_own_site(theme_site_published: ThemeSite) -> None:
    """With an absolute SITEURL, resources are absolute too, but never on another host."""
    absolute = 0
    for name, doc in pages(theme_site_published):
        for node in doc.iter():
            if node.tag not in RESOURCE_TAGS:
                continue
            for attr in ("href", "src"):
                value = node.attrs.get(attr)
                if value and (urlsplit(value).scheme or value.startswith("//")):
                    absolute += 1
                    assert value.startswith("https://archive.test/"), f"{name}: {value}"
    assert absolute, "the published build should use absolute URLs"


def test_archive_calendar_counts_articles_per_month(theme_site: ThemeSite) -> None:
    doc = theme_site.page("archives.html")
    expected = Counter((a["date"].year, a["date"].month) for a in fixture_articles() if "date" in a)
    table = doc.find("table", cls="archive-calendar")
    shown = {}
    for row in table.find("tbody").find_all("tr"):
        year = int(row.find("th").text())
        for month, cell in enumerate(row.find_all("td")[:12], start=1):
            links = cell.find_all("a")
            if links:
                shown[(year, month)] = int(links[0].text())
                path = resolve(theme_site, "archives.html", links[0].attrs["href"])
                assert path == theme_site.output / "archives" / f"{year}" / f"{month:02d}.html"
    assert shown == dict(expected)


def test_large_archive_shows_only_the_calendar(theme_site_published: ThemeSite) -> None:
    doc = theme_site_published.page("archives.html")
    assert doc.find_all("table", cls="archive-calendar")
    assert not doc.find_all(cls="archive")
    assert len(fixture_articles()) > 2
