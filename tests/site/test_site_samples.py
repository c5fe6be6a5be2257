"""The demo archive (samples/raw, ingested with the real spaCy model) builds into a complete site:
a page per article at its id, a page per entity with the right count, source pages, no dead links.

Expected values come from the ingested front matter, counted here independently of the plugin.
"""

from __future__ import annotations

from collections import defaultdict

from sitehtml import parse

from newsarchive.frontmatter import load
from newsarchive.slug import entity_slug, slugify


def ingested(site) -> dict[str, dict]:
    return {
        path.relative_to(site.articles).with_suffix("").as_posix(): load(path)[0]
        for path in sorted(site.articles.rglob("*.md"))
    }


def test_every_article_has_its_page(sample_site):
    articles = ingested(sample_site)
    assert articles
    for article_id, meta in articles.items():
        page = sample_site.output / "articles" / f"{article_id}.html"
        assert page.is_file(), article_id
        assert article_id.startswith("undated/") == ("date" not in meta)


def test_every_entity_has_a_page_with_its_count(sample_site):
    mentions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article_id, meta in ingested(sample_site).items():
        for kind, names in (meta.get("entities") or {}).items():
            for name in names or []:
                mentions[(kind, entity_slug(name))].add(article_id)
    assert mentions
    for (kind, slug), ids in mentions.items():
        page = parse((sample_site.output / kind / f"{slug}.html").read_text(encoding="utf-8"))
        assert page.find("strong", "entity-count__value").attrs["data-count"] == str(len(ids))
    for kind in ("people", "organizations", "places", "other"):
        pages = {p.stem for p in (sample_site.output / kind).glob("*.html")}
        assert {"index", "by-count"} <= pages


def test_source_pages_cover_every_provider(sample_site):
    providers: dict[str, int] = defaultdict(int)
    for meta in ingested(sample_site).values():
        provider = (meta.get("source") or {}).get("provider")
        if provider:
            providers[slugify(provider, fallback="source")] += 1
    for slug, count in providers.items():
        page = parse(sample_site.read(f"sources/{slug}.html"))
        assert page.find("main").find("strong").attrs["data-count"] == str(count)
    listed = parse(sample_site.read("sources/index.html")).find("ul", "source-list")
    assert len(listed.find_all("li")) == len(providers)
