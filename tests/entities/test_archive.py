"""One type per name across the archive (no model: the inputs are articles' entity lists)."""

from __future__ import annotations

from newsarchive.entities.archive import archive_types, resolve_archive
from newsarchive.entities.model import ArticleEntities


def test_the_archive_majority_wins_and_unchanged_articles_are_kept() -> None:
    articles = [
        ArticleEntities(organizations=["Dunmere"], people=["Edda Marrowfield"]),
        ArticleEntities(places=["Dunmere"]),
        ArticleEntities(organizations=["Dunmere", "Kessel Ferries"]),
    ]
    out = resolve_archive(articles)
    assert [a.organizations for a in out] == [
        ["Dunmere"],
        ["Dunmere"],
        ["Dunmere", "Kessel Ferries"],
    ]
    assert out[1].places == []
    assert out[0] is articles[0] and out[2] is articles[2]


def test_ties_follow_the_vote_rule() -> None:
    # One article each: the gazetteer breaks the tie for a known place ...
    assert archive_types(
        [ArticleEntities(people=["Lisbon"]), ArticleEntities(places=["Lisbon"])]
    ) == {"lisbon": "places"}
    # ... otherwise the earliest article's type.
    assert archive_types(
        [ArticleEntities(organizations=["Norvane"]), ArticleEntities(people=["Norvane"])]
    ) == {"norvane": "organizations"}


def test_names_compare_by_key() -> None:
    out = resolve_archive(
        [
            ArticleEntities(places=["KESSELFORD"]),
            ArticleEntities(organizations=["Kesselford"]),
            ArticleEntities(organizations=["Kesselford"]),
        ]
    )
    assert out[0].organizations == ["KESSELFORD"] and out[0].places == []
