"""The hosted build (publishconf.py): canonical URLs, Atom feeds, sitemap; none offline."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sitehtml import parse

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_links(path) -> list[str]:
    root = ET.parse(path).getroot()
    return [
        entry.find(f"{ATOM}link").attrib["href"] for entry in root.findall(f"{ATOM}entry")
    ]


def test_entity_feed_lists_dated_articles_newest_first(fixture_site_published):
    links = feed_links(fixture_site_published.output / "feeds/people/ines-varga-holt.atom.xml")
    # Her six articles minus the undated ferry notice, which has no date to give a feed entry.
    assert links == [
        "https://archive.test/articles/2024/04/tidewater-accord-signed.html",
        "https://archive.test/articles/2024/03/delmar-wins-dredging-contract.html",
        "https://archive.test/articles/2024/01/dredging-tender-opens.html",
        "https://archive.test/articles/2024/01/harbour-budget-approved.html",
        "https://archive.test/articles/2023/11/etc-passwd.html",
    ]
    page = parse(fixture_site_published.read("people/ines-varga-holt.html"))
    alternates = [link.attrs["href"] for link in page.find_all("link")
                  if link.attrs.get("rel") == "alternate"]
    assert "https://archive.test/feeds/people/ines-varga-holt.atom.xml" in alternates


def test_whole_archive_feed_has_every_dated_article(fixture_site_published):
    links = feed_links(fixture_site_published.output / "feeds/all.atom.xml")
    assert len(links) == 6
    assert not any("undated" in link for link in links)
    assert links[0].endswith("/2024/04/tidewater-accord-signed.html")


def test_every_entity_has_a_feed(fixture_site_published):
    output = fixture_site_published.output
    pages = {p.relative_to(output).with_suffix("").as_posix()
             for kind in ("people", "organizations", "places", "other")
             for p in (output / kind).glob("*.html")
             if p.stem not in ("index", "by-count") and "--" not in p.stem
             and not p.stem.rsplit("-", 1)[-1].isdigit()}
    feeds = {p.relative_to(output / "feeds").as_posix().removesuffix(".atom.xml")
             for p in (output / "feeds").rglob("*.atom.xml")} - {"all"}
    assert feeds == pages
    assert len(pages) == 9


def test_sitemap_lists_every_page_once(fixture_site_published):
    output = fixture_site_published.output
    root = ET.parse(output / "sitemap.xml").getroot()
    locs = [url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")]
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    expected = ["https://archive.test/" + p for p in pages if p != "search.html"]
    assert locs == expected


def test_canonical_urls_in_hosted_build(fixture_site_published):
    page = parse(fixture_site_published.read("people/ines-varga-holt-2.html"))
    canonical = [link.attrs["href"] for link in page.find_all("link")
                 if link.attrs.get("rel") == "canonical"]
    assert canonical == ["https://archive.test/people/ines-varga-holt-2.html"]


def test_offline_build_has_no_feeds_sitemap_or_absolute_links(fixture_site):
    output = fixture_site.output
    assert not (output / "feeds").exists()
    assert not (output / "sitemap.xml").exists()
    for path in output.rglob("*.html"):
        page = parse(path.read_text(encoding="utf-8"))
        for element in page.find_all("link") + page.find_all("script") + page.find_all("img"):
            url = element.attrs.get("href") or element.attrs.get("src") or ""
            assert not url.startswith(("http:", "https:", "//")), (path, url)


def test_hostile_text_stays_text_in_feeds_sitemap_and_json_ld(fixture_site_published):
    """The fixture article titled ``../../etc/passwd <script>alert(1)</script>`` with a hostile
    provider and entity names: every feed and the sitemap parse as XML with the title as text,
    and every JSON-LD block parses as JSON without ending its script early."""
    import json

    out = fixture_site_published.output
    titles = []
    for feed in sorted(out.rglob("*.atom.xml")):
        root = ET.parse(feed).getroot()  # a broken escape would not parse
        titles += [t.text or "" for t in root.iter(f"{ATOM}title")]
        assert not list(root.iter("script")), feed
    assert "../../etc/passwd <script>alert(1)</script>" in titles
    ET.parse(out / "sitemap.xml")
    for page in sorted(out.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for block in text.split('<script type="application/ld+json">')[1:]:
            data = json.loads(block.split("</script>", 1)[0])
            assert isinstance(data, dict), page
