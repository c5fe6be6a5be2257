"""The grouping library on its own: order, merging by slug, co-occurrence, timelines, pages."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from newsarchive.entities.config import EntityConfig
from newsarchive.ingest.manifest import ALIASES_FILENAME, Entry, Manifest, read_aliases
from newsarchive.ingest.manifest import FILENAME as MANIFEST_NAME
from newsarchive.site.aliases import AliasBook, load_entities_config, load_manifest_aliases
from newsarchive.site.catalog import ArticleInfo, build_catalog, display_order, letters
from newsarchive.site.pages import Page, groups, is_cut, paginate
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


def test_related_entities_are_the_first_of_the_full_order_for_any_limit():
    """Each entity's related list is the head of every co-mentioned entity ordered by shared
    articles (most first), then name, then key: ties at the cut included, any limit."""
    rng = random.Random(7)
    pool = [f"Name {c}" for c in "ABCDEFGHIJKLMNOP"]
    articles = [
        art(str(i), dt.date(2024, 1, 1 + i % 28), people=rng.sample(pool, rng.randint(1, 6)),
            orgs=rng.sample(pool, rng.randint(0, 3)))
        for i in range(60)
    ]
    for limit in (0, 1, 3, 10, 40):
        catalog = build_catalog(articles, related_limit=limit)
        for key, entity in catalog.by_key.items():
            shared = {
                other: sum(1 for i in entity.articles for j in catalog.by_key[other].articles
                           if i == j)
                for other in catalog.by_key if other != key
            }
            expected = sorted(
                ((other, n) for other, n in shared.items() if n),
                key=lambda kv: (-kv[1], catalog.by_key[kv[0]].sort_name, kv[0]),
            )[:limit]
            assert [(e.key, n) for e, n in entity.related] == expected, (key, limit)


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


def _named(cut: bool, size: int, taken: set[str]) -> str:
    """A fresh anchor that is (or is not) a cut for ``size``."""
    name = next(f"a{i}" for i in itertools.count()
                if f"a{i}" not in taken and is_cut(f"a{i}", size) == cut)
    taken.add(name)
    return name


def test_paginate_urls():
    """Older pages are cut after the items that are cuts, named by the cut before them (the
    oldest group numbered), and a group longer than the page size is cut from its oldest item."""
    taken: set[str] = set()
    plain = [_named(False, 4, taken) for _ in range(11)]
    cut = _named(True, 4, taken)
    oldest_first = plain[:5] + [cut] + plain[5:]  # groups: n1..n5 + cut, then n6..n11
    n = oldest_first
    pages = paginate(oldest_first[::-1], 4, "people/ana")
    assert [(p.url, list(p.items), p.newer_url, p.older_url) for p in pages] == [
        ("people/ana.html", n[11:7:-1], None, f"people/ana--{cut}.html"),
        (f"people/ana--{cut}.html", n[9:5:-1], "people/ana.html", "people/ana-3.html"),
        ("people/ana-3.html", [cut, n[4]], f"people/ana--{cut}.html", "people/ana-2.html"),
        ("people/ana-2.html", n[3::-1], "people/ana-3.html", None),
    ]
    assert [p.oldest_url for p in pages] == ["people/ana-2.html", "people/ana-2.html", None, None]
    assert [p.label for p in pages] == ["Newest", "Older", "Older", "Older"]
    assert paginate([], 20, "x")[0].url == "x.html"
    assert len(paginate(list(range(20)), 20, "x")) == 1
    # a rest shorter than half a page stays with the page before it
    long = [_named(False, 4, taken) for _ in range(13)]
    sizes = [len(p.items) for p in paginate(long[::-1], 4, "x")]
    assert sizes == [4, 5, 4, 4]


def _group_sets(newest_first: list[int], size: int) -> set[frozenset[int]]:
    oldest_first = newest_first[::-1]
    return {frozenset(oldest_first[s:e])
            for _, s, e in groups([str(i) for i in oldest_first], size)}


def test_older_pages_stay_put_wherever_an_item_arrives():
    """An item arriving anywhere in a list (not only at the newest end) changes at most two
    groups into at most two others; of the older pages, only those of these groups and at most
    two neighbours (their links) change. Numbered runs would move every page newer than it."""
    rng = random.Random(7)
    size = 5
    for _ in range(400):
        before = sorted(rng.sample(range(10**6), rng.randint(0, 300)), reverse=True)
        new = rng.randrange(10**6)
        while new in before:
            new = rng.randrange(10**6)
        after = sorted([*before, new], reverse=True)
        old = {p.url: p for p in paginate(before, size, "x", anchor=str)}
        now = {p.url: p for p in paginate(after, size, "x", anchor=str)}
        changed = {u for u in old.keys() | now.keys() if old.get(u) != now.get(u)} - {"x.html"}
        moved = _group_sets(before, size) ^ _group_sets(after, size)
        assert len(moved) <= 4, (len(before), new)
        in_moved = {u for u, p in [*old.items(), *now.items()]
                    if not p.first and any(set(p.items) <= g for g in moved)}
        assert len(changed - in_moved) <= 2, (len(before), new, changed - in_moved)
        assert {i for p in now.values() for i in p.items} == set(after)


def test_an_arrival_before_the_oldest_changes_a_handful_of_pages():
    """An item older than all 1,000 of a list changes a handful of its 200-odd pages (runs
    numbered from the oldest would move every one of them)."""
    size = 5
    before = list(range(1000, 0, -1))
    after = sorted([*before, 0], reverse=True)  # arrives older than everything
    old = {p.url: p for p in paginate(before, size, "x", anchor=str)}
    now = {p.url: p for p in paginate(after, size, "x", anchor=str)}
    changed = {u for u in old.keys() | now.keys() if old.get(u) != now.get(u)}
    assert 1 <= len(changed) <= 6 and len(old) > 150

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
    # the archive lists under a form an article folded ("Ruiz"): the name it folded into is
    # another name of the entity
    articles = [art("2024/01/a", None, people=["Ruiz"])]
    assert book.aliases_for("Ruiz", ["Ruiz"], [0], articles) == ["Ana Ruiz"]


def test_aliases_are_read_from_the_manifest_ingest_writes(tmp_path):
    """The site keeps only each record's aliases of the manifest ingest writes, and all of them."""
    manifest = Manifest(tmp_path / MANIFEST_NAME)
    for n in range(3):
        manifest.articles[f"2024/01/story-{n}"] = Entry(
            raw_path=f"wire/{n}.txt", raw_sha256="a" * 64, output_sha256="b" * 64, story_id=None,
            body_sha256="c" * 64, fingerprint="f",
            aliases={"Halvard Mining Union": ["HMU"], "Orla Brenning": ["Brenning"]} if n else {},
            entities={"people": ["Orla Brenning"], "organizations": ["Halvard Mining Union"]},
            weights={"Orla Brenning": 2.0, "raw_path": 1.0}, phrases=["Halvard Mining Union"],
        )
    manifest.save()
    book = AliasBook()
    load_manifest_aliases(manifest.path, book)
    expected = {"Halvard Mining Union": ["HMU"], "Orla Brenning": ["Brenning"]}
    assert book.per_article == {"2024/01/story-1": expected, "2024/01/story-2": expected}
    # they came from the record of the aliases alone that ingest writes beside the manifest
    assert read_aliases(manifest.path) == (book.per_article, True)
    # a manifest the record is not of (a run cut off between the two): the manifest's own
    record = (tmp_path / ALIASES_FILENAME).read_bytes()
    manifest.articles["2024/01/story-0"].aliases = {"Orla Brenning": ["Ms Brenning"]}
    manifest.path.write_bytes(manifest.to_bytes())
    found, from_record = read_aliases(manifest.path)
    assert not from_record and found["2024/01/story-0"] == {"Orla Brenning": ["Ms Brenning"]}
    manifest.save()  # the manifest is as it is: only the record is written again
    assert (tmp_path / ALIASES_FILENAME).read_bytes() != record
    assert read_aliases(manifest.path) == (found, True)


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
    taken: set[str] = set()
    plain = {f"d{i}": _named(False, 3, taken) for i in range(1, 12)}  # one group: numbered

    def pages(dated: int, undated: int) -> dict[str, Page]:
        items = [f"d{i}" for i in range(dated, 0, -1)] + [f"u{i}" for i in range(undated)]
        return {p.url: p for p in paginate(items, 3, "x", undated, anchor=plain.get)}

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
