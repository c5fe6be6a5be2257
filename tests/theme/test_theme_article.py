"""Article pages: dates, provider, ids, entity chips, provenance and JSON-LD, from a real build.

Expected values are read from the fixture's own front matter and the project's slug functions,
so the tests say "the page shows what the article file says", not "the page equals a snapshot".
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from pathlib import Path
from typing import Any

import pytest

from newsarchive.frontmatter import load
from newsarchive.slug import entity_slug, slugify

from .conftest import FIXTURES, ThemeSite
from .support import Node

MENAFN = "2024/03/harbour-authority-signs-dredging-deal"
HOSTILE = "2024/05/tidelog-fix-shows-tags-as-text"
UNDATED = "undated/clean-coast-volunteers-clear-beach"
TYPES = ("people", "organizations", "places", "other")


def front(article_id: str) -> dict[str, Any]:
    meta, _ = load(FIXTURES / "articles" / f"{article_id}.md")
    return meta


def target(site: ThemeSite, page: str, href: str) -> Path:
    """The file a relative ``href`` on output page ``page`` points to."""
    assert "://" not in href and not href.startswith("/"), href
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    return site.output / joined


def json_ld(doc: Node) -> dict[str, Any]:
    scripts = doc.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].raw_text())


def provenance(doc: Node) -> dict[str, Node]:
    dl = doc.find("dl", cls="provenance")
    dts = dl.find_all("dt")
    dds = dl.find_all("dd")
    assert len(dts) == len(dds)
    return {dt_.text(): dd for dt_, dd in zip(dts, dds, strict=True)}


def human_date(value: dt.date) -> str:
    """The one date format of the site (and of search results): "12 March 2024"."""
    return f"{value.day} {value:%B %Y}"


@pytest.fixture(scope="module")
def menafn(theme_site: ThemeSite) -> tuple[str, Node, dict[str, Any]]:
    page = f"articles/{MENAFN}.html"
    return page, theme_site.page(page), front(MENAFN)


def test_title_dates_and_word_count(menafn: tuple[str, Node, dict[str, Any]]) -> None:
    _, doc, meta = menafn
    assert doc.find("h1").text() == meta["title"]
    header_meta = doc.find(cls="article__meta")
    published = header_meta.find("time", cls="meta__date")
    assert published.attrs["datetime"] == meta["date"].isoformat()
    assert published.text() == human_date(meta["date"])
    retrieved: dt.datetime = meta["retrieved"]
    expected = f"Retrieved {human_date(retrieved)} {retrieved:%H:%M} UTC"
    assert expected in header_meta.text()
    assert f"{meta['words']} words" in header_meta.text()
    assert doc.find("title").text().startswith(meta["title"])


def test_provider_links_to_its_source_page(
    theme_site: ThemeSite, menafn: tuple[str, Node, dict[str, Any]]
) -> None:
    page, doc, meta = menafn
    provider = meta["source"]["provider"]
    links = [a for a in doc.find_all("a") if a.text() == provider]
    assert links, "provider is not linked"
    for link in links:
        path = target(theme_site, page, link.attrs["href"])
        assert path.name == f"{slugify(provider)}.html" and path.parent.name == "sources"
        assert path.is_file()


def test_provenance_box_shows_ids_and_hash(menafn: tuple[str, Node, dict[str, Any]]) -> None:
    _, doc, meta = menafn
    rows = provenance(doc)
    source = meta["source"]
    assert rows["Network"].text() == source["network"]
    assert rows["Provider"].text() == source["provider"]
    assert rows["Source id"].text() == source["id"]
    assert rows["Story id"].text() == source["article_id"]
    assert rows["Published"].text() == human_date(meta["date"])
    sha = meta["raw"]["sha256"]
    abbr = rows["Raw SHA-256"].find("abbr")
    assert abbr.attrs["title"] == sha and abbr.text() == sha[:12] + "…"
    assert rows["Raw file"].text() == meta["raw"]["path"]
    assert rows["Archive id"].text() == MENAFN


def test_original_link_is_marked_external(menafn: tuple[str, Node, dict[str, Any]]) -> None:
    _, doc, meta = menafn
    links = [a for a in doc.find_all("a") if a.attrs.get("href") == meta["source"]["url"]]
    assert links
    for link in links:
        rel = link.attrs["rel"].split()
        assert "noopener" in rel and "nofollow" in rel


def test_entity_chips_grouped_by_type_link_to_entity_pages(
    theme_site: ThemeSite, menafn: tuple[str, Node, dict[str, Any]]
) -> None:
    page, doc, meta = menafn
    for kind in TYPES:
        names = meta["entities"].get(kind) or []
        groups = doc.find_all(cls=f"entity-group--{kind}")
        if not names:
            assert not groups
            continue
        chips = groups[0].find_all("a", cls="chip")
        assert [c.text() for c in chips] == names
        for chip, name in zip(chips, names, strict=True):
            assert f"chip--{kind}" in chip.classes
            path = target(theme_site, page, chip.attrs["href"])
            assert path == theme_site.output / kind / f"{entity_slug(name)}.html"
            assert path.is_file(), f"{name}: no entity page {path}"


def test_json_ld_news_article(menafn: tuple[str, Node, dict[str, Any]]) -> None:
    _, doc, meta = menafn
    data = json_ld(doc)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == meta["title"]
    assert data["datePublished"] == meta["date"].isoformat()
    assert data["publisher"]["name"] == meta["source"]["provider"]
    assert data["isBasedOn"] == meta["source"]["url"]
    assert data["wordCount"] == meta["words"]
    expected = [n for kind in TYPES for n in (meta["entities"].get(kind) or [])]
    assert [m["name"] for m in data["mentions"]] == expected
    assert "url" not in data, "relative builds must not claim an absolute URL"


def test_published_build_has_canonical_and_absolute_json_ld(
    theme_site_published: ThemeSite,
) -> None:
    doc = theme_site_published.page(f"articles/{MENAFN}.html")
    expected = f"https://archive.test/articles/{MENAFN}.html"
    canonical = doc.find_all("link", rel="canonical")
    assert [c.attrs["href"] for c in canonical] == [expected]
    data = json_ld(doc)
    assert data["url"] == expected
    person = next(m for m in data["mentions"] if m["@type"] == "Person")
    assert person["url"] == f"https://archive.test/people/{entity_slug(person['name'])}.html"


def test_local_build_has_no_canonical(theme_site: ThemeSite) -> None:
    for path in theme_site.html_files():
        doc = theme_site.page(str(path.relative_to(theme_site.output)))
        assert not doc.find_all("link", rel="canonical"), path


def test_hostile_text_stays_text(theme_site: ThemeSite) -> None:
    page = f"articles/{HOSTILE}.html"
    doc = theme_site.page(page)
    meta = front(HOSTILE)
    assert doc.find("h1").text() == meta["title"]
    scripts = doc.find_all("script")
    assert all(s.attrs.get("type") == "application/ld+json" for s in scripts)
    assert not any(k.startswith("on") for node in doc.iter() for k in node.attrs)
    assert not doc.find_all("b") and not doc.find_all("img")
    hrefs = [a.attrs.get("href", "") for a in doc.find_all("a")]
    assert not any(h.strip().lower().startswith("javascript:") for h in hrefs)
    # the unusable original address is still shown, as text
    assert provenance(doc)["Original"].text() == meta["source"]["url"]
    # JSON-LD keeps the exact title, and "</script" cannot close the block early
    raw = doc.find("script", type="application/ld+json").raw_text()
    assert "</" not in raw
    assert json.loads(raw)["headline"] == meta["title"]
    assert doc.find(cls="article__dek").text() == meta["summary"]


def test_undated_article_says_undated(theme_site: ThemeSite) -> None:
    doc = theme_site.page(f"articles/{UNDATED}.html")
    meta = front(UNDATED)
    assert "date" not in meta
    header_meta = doc.find(cls="article__meta")
    assert "Undated" in header_meta.text()
    assert not header_meta.find_all("time")
    assert provenance(doc)["Published"].text() == "Undated"
    assert "datePublished" not in json_ld(doc)
    # no sentinel year leaks anywhere onto the page
    assert "0001" not in doc.text() and " 1 Jan" not in doc.text()


def test_standfirst_only_when_it_adds_something(
    theme_site: ThemeSite, menafn: tuple[str, Node, dict[str, Any]]
) -> None:
    _, doc, meta = menafn
    body = doc.find(cls="article__body").text()
    assert meta["summary"] in body  # this summary repeats the lead ...
    assert not doc.find_all(cls="article__dek")  # ... so it is not printed twice
    assert doc.find("meta", name="description").attrs["content"] == meta["summary"]
    hostile = theme_site.page(f"articles/{HOSTILE}.html")
    assert front(HOSTILE)["summary"] not in hostile.find(cls="article__body").text()
    assert hostile.find_all(cls="article__dek")


def test_published_home_describes_the_site_and_its_search(
    theme_site_published: ThemeSite, theme_site: ThemeSite
) -> None:
    data = json_ld(theme_site_published.page("index.html"))
    assert data["@type"] == "WebSite" and data["url"] == "https://archive.test/"
    target = data["potentialAction"]["target"]
    assert target == "https://archive.test/search.html?q={search_term_string}"
    assert not theme_site.page("index.html").find_all("script", type="application/ld+json")
