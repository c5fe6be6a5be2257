"""Entity, index, source and archive pages of a real Pelican build of tests/fixtures/site.

The fixture has seven hand-written articles (ENTITY_PAGE_SIZE = 2 in this build). Expected values
are worked out by hand in the comments and, for co-occurrences, also recomputed here by brute force
from the fixture files (every pair of entities x every article), independently of the plugin's
one-pass grouping.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from sitehtml import article_ids, parse

from newsarchive.frontmatter import load
from newsarchive.slug import entity_slug

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE_ARTICLES = FIXTURES / "site" / "content" / "articles"

# Ines Varga-Holt's articles, newest first (dates from the fixture front matter); the undated
# ferry notice comes last, the 2023 one (written "Ines Varga Holt", same slug) before it.
IVH_ORDER = [
    "2024/04/tidewater-accord-signed",  # 2024-04-02
    "2024/03/delmar-wins-dredging-contract",  # 2024-03-12
    "2024/01/dredging-tender-opens",  # 2024-01-28
    "2024/01/harbour-budget-approved",  # 2024-01-15
    "2023/11/etc-passwd",  # 2023-11-05
    "undated/ferry-timetable-notice",  # no date
]


def fixture_front_matter() -> dict[str, dict]:
    return {
        path.relative_to(FIXTURE_ARTICLES).with_suffix("").as_posix(): load(path)[0]
        for path in sorted(FIXTURE_ARTICLES.rglob("*.md"))
    }


def brute_force_cooccurrence() -> dict[tuple[str, str], dict[tuple[str, str], int]]:
    """For every ordered pair of entity keys, the number of articles that mention both."""
    keys_per_article = [
        {(kind, entity_slug(name)) for kind, names in meta["entities"].items() for name in names}
        for meta in fixture_front_matter().values()
    ]
    every = sorted(set().union(*keys_per_article))
    result: dict[tuple[str, str], dict[tuple[str, str], int]] = {key: {} for key in every}
    for a, b in itertools.permutations(every, 2):
        n = sum(1 for keys in keys_per_article if a in keys and b in keys)
        if n:
            result[a][b] = n
    return result


def entity_page(site, url: str):
    return parse(site.read(url))


def listed_articles(site, base: str) -> list[str]:
    """The articles of a list, newest first, following its "Older" links from the first page
    (the first page and the newest older page may share articles; each is counted once)."""
    ids: list[str] = []
    url: str | None = f"{base}.html"
    while url:
        page = entity_page(site, url)
        listing = (page.find_all("section", "entity-articles") or page.find_all("main"))[0]
        ids += [i for i in article_ids(listing) if i not in ids]
        older = [a for a in page.find_all("a") if a.attrs.get("rel") == "next"]
        url = older[0].attrs["href"].replace("../", "") if older else None
    return ids


def test_entity_pages_list_articles_newest_first_across_pages(fixture_site):
    assert listed_articles(fixture_site, "people/ines-varga-holt") == IVH_ORDER
    first = entity_page(fixture_site, "people/ines-varga-holt.html")
    assert article_ids(first.find("section", "entity-articles")) == IVH_ORDER[:2]
    # none of her dated articles ends a run (newsarchive.site.pages), so her older pages are
    # one group counted from the oldest dated article: -2 holds the oldest two, -3 the one left
    # that the first page does not show; the undated article has a page of its own
    def listed(url: str) -> list[str]:
        return article_ids(entity_page(fixture_site, url).find("main"))

    assert listed("people/ines-varga-holt-2.html") == IVH_ORDER[3:5]
    assert listed("people/ines-varga-holt-3.html") == IVH_ORDER[2:3]
    assert listed("people/ines-varga-holt--undated.html") == IVH_ORDER[5:]
    assert not (fixture_site.output / "people/ines-varga-holt-4.html").exists()


def test_entity_page_shows_count_and_merged_name(fixture_site):
    page = entity_page(fixture_site, "people/ines-varga-holt.html")
    # Five articles say "Ines Varga-Holt", one "Ines Varga Holt": one entity, the commoner name.
    assert page.find("h1").text() == "Ines Varga-Holt"
    assert page.find("strong", "entity-count__value").attrs["data-count"] == "6"


def test_every_entity_has_pages_with_its_article_count(fixture_site):
    expected: dict[tuple[str, str], list[str]] = {}
    for article_id, meta in fixture_front_matter().items():
        for kind, names in meta["entities"].items():
            for key in {(kind, entity_slug(name)) for name in names}:
                expected.setdefault(key, []).append(article_id)
    for (kind, slug), ids in expected.items():
        assert sorted(listed_articles(fixture_site, f"{kind}/{slug}")) == sorted(ids), slug
        page = entity_page(fixture_site, f"{kind}/{slug}.html")
        assert page.find("strong", "entity-count__value").attrs["data-count"] == str(len(ids))


def test_aliases_from_manifest_entities_yml_and_merged_spellings(fixture_site):
    def aliases(url: str) -> list[str]:
        return [e.text() for e in entity_page(fixture_site, url).find_all("span", "alias")]

    # Manifest: "Varga-Holt" folded into the full name in the Delmar article; the other spelling.
    assert aliases("people/ines-varga-holt.html") == ["Ines Varga Holt", "Varga-Holt"]
    # entities.yml: two aliases and one merge.
    assert aliases("organizations/port-alden-harbour-authority.html") == [
        "Harbour Authority",
        "PAHA",
    ]
    assert aliases("organizations/delmar-marine-holdings.html") == ["Delmar Marine"]
    assert aliases("people/tobias-reinholt.html") == []


def related(site, url: str) -> list[tuple[str, int]]:
    section = entity_page(site, url).find("section", "entity-related")
    out = []
    for item in section.find_all("li", "related-list__item"):
        href = item.find("a").attrs["href"].removeprefix("../")
        count = int(item.find("span", "related-list__count").attrs["data-count"])
        out.append((href, count))
    return out


def test_related_entities_with_cooccurrence_counts(fixture_site):
    # By hand: Port Alden is in 5 of her 6 articles, the Harbour Authority in 4, then three
    # entities in 2 (A-Z by name), then three in 1 ("<script>..." sorts before letters).
    assert related(fixture_site, "people/ines-varga-holt.html") == [
        ("places/port-alden.html", 5),
        ("organizations/port-alden-harbour-authority.html", 4),
        ("organizations/delmar-marine-holdings.html", 2),
        ("places/kessel-bay.html", 2),
        ("people/tobias-reinholt.html", 2),
        ("other/script-alert-1-script.html", 1),
        ("people/marit-solberg-ade.html", 1),
        ("other/tidewater-accord.html", 1),
    ]


def test_cooccurrence_counts_match_brute_force_for_every_entity(fixture_site):
    for (kind, slug), others in brute_force_cooccurrence().items():
        shown = related(fixture_site, f"{kind}/{slug}.html") if others else []
        expected = {f"{k}/{s}.html": n for (k, s), n in others.items()}
        assert dict(shown) == expected, slug
        counts = [n for _, n in shown]
        assert counts == sorted(counts, reverse=True)


def test_timeline_svg_has_one_bar_per_month_with_values(fixture_site):
    page = entity_page(fixture_site, "people/ines-varga-holt.html")
    svg = page.find("svg", "timeline-chart")
    bars = [(g.attrs["data-period"], int(g.attrs["data-count"])) for g in svg.find_all("g", "bar")]
    # Nov 2023 .. Apr 2024, empty months included; the undated article is not a bar.
    assert bars == [
        ("2023-11", 1), ("2023-12", 0), ("2024-01", 2),
        ("2024-02", 0), ("2024-03", 1), ("2024-04", 1),
    ]
    for g in svg.find_all("g", "bar"):
        label = g.find("title").text()
        n = int(g.attrs["data-count"])
        assert label.endswith(f": {n} article" + ("" if n == 1 else "s"))
        values = [t.text() for t in g.find_all("text") if "bar__value" in t.classes]
        assert values == ([str(n)] if n else [])
    # Text alternative: the non-empty months and the undated one.
    rows = [(tr.find("th").text(), tr.find("td").text())
            for tr in page.find("details", "timeline-table").find("tbody").find_all("tr")]
    assert rows == [("November 2023", "1"), ("January 2024", "2"), ("March 2024", "1"),
                    ("April 2024", "1"), ("Undated", "1")]


def index_entries(site, url: str) -> list[tuple[str, str]]:
    page = entity_page(site, url)
    main = page.find("main")
    out = []
    for a in main.find_all("a"):
        href = a.attrs.get("href", "")
        if href.endswith(".html") and "/" in href.removeprefix("../") and "index" not in href \
                and "by-count" not in href:
            out.append((href.removeprefix("../"), a.text()))
    return out


def test_type_index_a_to_z_and_by_count(fixture_site):
    az = index_entries(fixture_site, "people/index.html")
    # People by surname, printed surname first, as printed indexes do.
    assert az == [
        ("people/tobias-reinholt.html", "Reinholt, Tobias"),
        ("people/marit-solberg-ade.html", "Solberg-Ade, Marit"),
        ("people/ines-varga-holt.html", "Varga-Holt, Ines"),
    ]
    # Most articles first; the 2-2 tie alphabetical.
    assert [href for href, _ in index_entries(fixture_site, "people/by-count.html")] == [
        "people/ines-varga-holt.html", "people/marit-solberg-ade.html",
        "people/tobias-reinholt.html",
    ]
    page = entity_page(fixture_site, "people/by-count.html")
    ranking = page.find("ol", "entity-ranking")
    counts = [int(s.attrs["data-count"]) for s in ranking.find_all("span")]
    assert counts == [6, 2, 2]


def test_single_article_entities_are_listed_under_their_letter(fixture_site):
    page = entity_page(fixture_site, "other/index.html")
    groups = [(g.attrs["id"], [a.text() for a in g.find_all("a")])
              for g in page.find_all("section", "az-group")]
    assert groups == [("letter-S", ["<script>alert(1)</script>"]),
                      ("letter-T", ["Tidewater Accord"])]
    letters = [a.text() for a in page.find("nav", "az-nav").find_all("a")]
    assert letters == ["S", "T"]


def test_source_pages(fixture_site):
    index = entity_page(fixture_site, "sources/index.html")
    entries = [(a.attrs["href"], a.text()) for a in index.find("ul", "source-list").find_all("a")]
    assert entries == [
        ("../sources/coastline-ledger-cl.html", "Coastline Ledger (CL)"),
        ("../sources/harbour-wire.html", "Harbour Wire"),
        ("../sources/quayside-img-src-x-onerror-alert-1-post.html",
         "Quayside <img src=x onerror=alert(1)> Post"),
    ]
    assert "1 article has no recorded provider" in index.find("main").text()
    ids = listed_articles(fixture_site, "sources/coastline-ledger-cl")
    assert ids == ["2024/04/tidewater-accord-signed", "2024/01/dredging-tender-opens",
                   "2024/01/harbour-budget-approved"]


def test_date_archives_per_year_and_month(fixture_site):
    year = entity_page(fixture_site, "archives/2024.html")
    months = [(a.attrs["href"], a.text()) for a in year.find("ul", "month-list").find_all("a")]
    assert months == [("../archives/2024/04.html", "April 2024"),
                      ("../archives/2024/03.html", "March 2024"),
                      ("../archives/2024/01.html", "January 2024")]
    january = entity_page(fixture_site, "archives/2024/01.html")
    assert article_ids(january.find("main")) == ["2024/01/dredging-tender-opens",
                                                 "2024/01/harbour-budget-approved"]
    assert (fixture_site.output / "archives/2023/11.html").is_file()
    undated = entity_page(fixture_site, "archives/undated.html")
    assert article_ids(undated.find("main")) == ["undated/ferry-timetable-notice"]
    # No archive for the sentinel date Pelican needs internally.
    years = sorted(p.name for p in (fixture_site.output / "archives").glob("*.html"))
    assert years == ["2023.html", "2024.html", "undated.html"]


def test_undated_article_is_browsable_and_shows_no_date(fixture_site):
    html = fixture_site.read("articles/undated/ferry-timetable-notice.html")
    page = parse(html)
    assert "Ferry Timetable Notice" in page.find("h1").text()
    assert "0001" not in html and "datetime=\"1-" not in html
    assert all(t.attrs.get("datetime", "")[:4] != "0001" for t in page.find_all("time"))
    home = fixture_site.read("index.html")
    assert "articles/undated/ferry-timetable-notice.html" in home


def _items(html: str) -> dict[str, str]:
    """Each listed article's ``<li>`` markup on a page, by the article's link."""
    found: dict[str, str] = {}
    for listing in re.findall(r'<ol class="article-list" role="list">(.*?)</ol>', html, re.S):
        for item in re.findall(r"<li>(.*?)</li>\s*(?=<li>|$)", listing, re.S):
            link = re.search(r'class="article-card__title"><a href="([^"]+)"', item)
            assert link, item[:200]
            found.setdefault(link.group(1), item)
            assert found[link.group(1)] == item, f"{link.group(1)} is listed two ways"
    return found


def test_an_article_is_listed_alike_on_every_entity_and_source_page(fixture_site):
    """An entity's first page, its older pages and a source's pages (one folder deep) show an
    article's item the same way, so the build renders it once for all of them; an older page's
    headings go h1, h2, h3 like an entity's first page."""
    seen: dict[str, str] = {}
    older_pages = 0
    for folder in ("people", "organizations", "places", "sources"):
        for path in sorted((fixture_site.output / folder).glob("*.html")):
            html = path.read_text(encoding="utf-8")
            for link, item in _items(html).items():
                assert seen.setdefault(link, item) == item, f"{path.name}: {link}"
            if "page--older" in html:
                older_pages += 1
                levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", html)]
                steps = [b - a for a, b in zip(levels, levels[1:], strict=False)]
                assert levels[:3] == [1, 2, 3] and max(steps) <= 1, (path.name, levels)
    assert older_pages >= 3 and len(seen) >= 6
