"""The grouping library on its own: order, merging by slug, co-occurrence, timelines, pages."""

from __future__ import annotations

import datetime as dt

from newsarchive.entities.config import EntityConfig
from newsarchive.site.aliases import AliasBook, load_entities_config, load_manifest_aliases
from newsarchive.site.catalog import ArticleInfo, build_catalog, display_order, letters
from newsarchive.site.pages import Page, paginate
from newsarchive.site.timeline import build_timeline, render_svg


def art(key, date, people=(), orgs=(), places=(), provider=None):
    return ArticleInfo(key=key, date=date,
                       entities={"people": list(people), "organizations": list(orgs),
                                 "places": list(places), "other": []},
                       provider=provider)


def test_display_order_newest_first_ties_by_id_undated_last():
    articles = [
        art("b", dt.date(2024, 1, 2)), art("u2", None), art("a", dt.date(2024, 1, 2)),
        art("c", dt.datetime(2024, 3, 1, 10, 0)), art("u1", None), art("d", dt.date(2023, 5, 1)),
    ]
    assert [articles[i].key for i in display_order(articles)] == ["c", "a", "b", "d", "u1", "u2"]


def test_same_slug_names_are_one_entity_named_by_majority_then_alphabet():
    articles = [
        art("1", dt.date(2024, 1, 1), people=["Ana Ruiz"]),
        art("2", dt.date(2024, 1, 2), people=["ANA RUIZ"]),
        art("3", dt.date(2024, 1, 3), people=["Ana Ruiz", "Ana  Ruiz"]),
        art("4", dt.date(2024, 1, 4), people=["Zed"], places=["Ana Ruiz"]),
    ]
    catalog = build_catalog(articles)
    person = catalog.by_key[("people", "ana-ruiz")]
    # "Ana Ruiz" in 2 articles, "ANA RUIZ" in 1; the double spelling in article 3 counts once.
    assert person.name == "Ana Ruiz"
    assert [articles[i].key for i in person.articles] == ["3", "2", "1"]
    assert person.aliases == ["Ana  Ruiz", "ANA RUIZ"]
    # The same words as a place are a different entity.
    assert catalog.by_key[("places", "ana-ruiz")].count == 1
    tie = build_catalog([art("1", None, people=["Bo Li"]), art("2", None, people=["BO LI"])])
    assert tie.by_key[("people", "bo-li")].name == "BO LI"


def test_cooccurrence_counts_and_limit():
    articles = [
        art("1", dt.date(2024, 1, 1), people=["A"], orgs=["X", "Y"]),
        art("2", dt.date(2024, 1, 2), people=["A"], orgs=["X"]),
        art("3", dt.date(2024, 1, 3), people=["A", "B"]),
    ]
    catalog = build_catalog(articles, related_limit=2)
    a = catalog.by_key[("people", "a")]
    assert [(e.url, n) for e, n in a.related] == [("organizations/x.html", 2),
                                                  ("people/b.html", 1)]
    x = catalog.by_key[("organizations", "x")]
    assert [(e.url, n) for e, n in x.related] == [("people/a.html", 2), ("organizations/y.html", 1)]


def test_sources_months_and_undated_groups():
    articles = [
        art("1", dt.date(2024, 1, 1), provider="Wire One"),
        art("2", dt.date(2024, 2, 1), provider="WIRE ONE"),
        art("3", dt.date(2023, 12, 5)),
        art("4", None, provider="Bay Post"),
    ]
    catalog = build_catalog(articles)
    assert [(s.url, s.name, s.count) for s in catalog.sources] == [
        ("sources/bay-post.html", "Bay Post", 1), ("sources/wire-one.html", "WIRE ONE", 2)
    ]
    assert [articles[i].key for i in catalog.unsourced] == ["3"]
    assert [(y.year, [(m.url, m.count) for m in y.months]) for y in catalog.years] == [
        (2024, [("archives/2024/02.html", 1), ("archives/2024/01.html", 1)]),
        (2023, [("archives/2023/12.html", 1)]),
    ]
    assert [articles[i].key for i in catalog.undated] == ["4"]


def test_letters_groups_digits_first():
    catalog = build_catalog([art("1", None, orgs=["Zeta", "alpha", "3M Group", "Ápex"])])
    groups = letters(catalog.entities["organizations"])
    assert [(k, [e.name for e in v]) for k, v in groups] == [
        ("#", ["3M Group"]), ("A", ["alpha", "Ápex"]), ("Z", ["Zeta"])
    ]


def test_timeline_months_with_gaps_and_year_fallback():
    dates = [dt.date(2024, 1, 3), dt.date(2024, 1, 9), dt.date(2024, 4, 1), None]
    timeline = build_timeline(dates)
    assert [(b.period, b.count) for b in timeline.bars] == [
        ("2024-01", 2), ("2024-02", 0), ("2024-03", 0), ("2024-04", 1)
    ]
    assert timeline.undated == 1 and timeline.total == 4
    svg = render_svg(timeline, "Articles <per> month")
    assert svg.count('<g class="bar"') == 4
    assert "Articles &lt;per&gt; month" in svg
    long = build_timeline([dt.date(2015, 6, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)],
                          max_months=60)
    assert long.unit == "year"
    assert [(b.period, b.count) for b in long.bars][0] == ("2015", 1)
    assert len(long.bars) == 10 and long.bars[-1].count == 2
    assert render_svg(build_timeline([None]), "x") == ""


def test_paginate_urls():
    # newest first: 4 is the newest item, 0 the oldest
    pages = paginate([4, 3, 2, 1, 0], 2, "people/ana")
    assert [(p.url, list(p.items), p.newer_url, p.older_url) for p in pages] == [
        ("people/ana.html", [4, 3], None, "people/ana-3.html"),
        ("people/ana-3.html", [3, 2], "people/ana.html", "people/ana-2.html"),
        ("people/ana-2.html", [1, 0], "people/ana-3.html", None),
    ]
    assert [(p.oldest, p.newest, p.total) for p in pages] == [(4, 5, 5), (3, 4, None),
                                                              (1, 2, None)]
    assert paginate([], 20, "x")[0].url == "x.html"
    assert len(paginate(list(range(20)), 20, "x")) == 1


def test_older_pages_stay_put_as_the_list_grows():
    """Adding items at the newest end changes only the first page and the newest older page
    (and adds at most one page); every other older page keeps its URL, items and links."""
    size = 3
    for n in range(0, 40):
        before = {p.url: p for p in paginate(list(range(n, 0, -1)), size, "x")}
        after = {p.url: p for p in paginate(list(range(n + 1, 0, -1)), size, "x")}
        changed = {url for url, page in before.items() if after.get(url) != page}
        assert set(before) <= set(after) and len(after) - len(before) <= 1
        newest_older = max((p.number for p in after.values() if not p.first), default=None)
        allowed = {"x.html"} | ({f"x-{newest_older}.html", f"x-{newest_older - 1}.html"}
                                if newest_older else set())
        assert changed <= allowed, (n, changed)
        items = [i for page in after.values() for i in page.items]
        assert set(items) == set(range(1, n + 2))  # every item on some page


def test_alias_sources(tmp_path):
    manifest = tmp_path / ".newsarchive.json"
    manifest.write_text('{"version": 1, "articles": {"2024/01/a": {"aliases": '
                        '{"Ana Ruiz": ["Ruiz", "Ms Ruiz"]}}, "2024/01/b": {}}}', encoding="utf-8")
    entities = tmp_path / "entities.yml"
    entities.write_text(
        "aliases:\n  A. Ruiz: Ana Ruiz\n"
        "merges:\n  Port Authority: [PA, The Authority]\n  Ana Ruiz: [Ana Ruiz Perez]\n",
        encoding="utf-8",
    )
    book = AliasBook()
    load_manifest_aliases(manifest, book)
    load_entities_config(EntityConfig.load(entities), book)
    articles = [art("2024/01/a", None, people=["Ana Ruiz"]), art("2024/01/b", None)]
    assert book.aliases_for("Ana Ruiz", ["Ana Ruiz"], [0, 1], articles) == [
        "A. Ruiz", "Ana Ruiz Perez", "Ms Ruiz", "Ruiz"
    ]
    assert book.aliases_for("Port Authority", ["Port Authority"], [], articles) == [
        "PA", "The Authority"
    ]


def test_broken_manifest_warns_and_gives_no_aliases(tmp_path, capsys):
    bad_json = tmp_path / "m.json"
    bad_json.write_text("{nope", encoding="utf-8")
    book = AliasBook()
    load_manifest_aliases(bad_json, book)
    assert book.per_article == {} and book.everywhere == {}
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "m.json" in err[0]


def test_undated_items_have_pages_of_their_own():
    """Undated items (last in a list) are paged apart from the dated runs, so a new undated
    article moves only undated pages, and a new dated one only the pages at the newest end."""
    def pages(dated: int, undated: int) -> dict[str, Page]:
        items = [f"d{i}" for i in range(dated, 0, -1)] + [f"u{i}" for i in range(undated)]
        return {p.url: p for p in paginate(items, 3, "x", undated)}

    base = pages(10, 7)
    assert list(base) == ["x.html", "x-4.html", "x-3.html", "x-2.html", "x--undated.html",
                          "x--undated-2.html", "x--undated-3.html"]
    assert list(base["x.html"].items) == ["d10", "d9", "d8"]
    assert list(base["x-2.html"].items) == ["d3", "d2", "d1"]
    assert base["x-2.html"].older_url == "x--undated.html"
    assert list(base["x--undated-3.html"].items) == ["u6"]
    assert base["x--undated.html"].newer_url == "x-2.html"
    more_undated = pages(10, 8)
    assert {u for u, p in base.items() if more_undated.get(u) != p} == {"x.html",
                                                                          "x--undated-3.html"}
    more_dated = pages(11, 7)
    assert {u for u, p in base.items() if more_dated.get(u) != p} == {"x.html"}
    # few dated items: the first page fills up with undated ones
    few = pages(1, 5)
    assert list(few["x.html"].items) == ["d1", "u0", "u1"]
    assert list(few["x--undated.html"].items) == ["u2", "u3", "u4"]
    assert few["x.html"].older_url == "x--undated.html"
