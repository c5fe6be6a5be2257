"""One type per name across the archive (no model: the inputs are articles' entity lists)."""

from __future__ import annotations

from newsarchive.entities import EntityExtractor
from newsarchive.entities.archive import (
    archive_acronyms,
    archive_spellings,
    archive_types,
    resolve_archive,
)
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


def test_each_article_votes_with_the_weight_of_its_evidence() -> None:
    # Two articles of prose call "Harwick" a person once each; one results table lists it in
    # five rows (three votes a row): all its mentions together make it a club.
    articles = [
        ArticleEntities(people=["Harwick"], weights={"Harwick": 1.0}),
        ArticleEntities(people=["Harwick"], weights={"Harwick": 1.0}),
        ArticleEntities(organizations=["Harwick"], weights={"Harwick": 15.0}),
    ]
    assert archive_types(articles) == {"harwick": "organizations"}
    # Lists without weights (an older manifest) count one vote an article.
    assert archive_types([ArticleEntities(people=["Harwick"]), *articles[1:2],
                          ArticleEntities(organizations=["Harwick"])]) == {"harwick": "people"}


def test_an_article_weighs_a_name_by_the_mentions_that_typed_it(
    extractor: EntityExtractor,
) -> None:
    text = (
        "Harbour Talks\n\nTalia Brenmoor met Oskar Lindqvist in Lisbon on Monday. Brenmoor said "
        "the talks went well, and Talia Brenmoor will return to Lisbon in May."
    )
    (found,) = list(extractor.extract([text]))
    assert found.people == ["Oskar Lindqvist", "Talia Brenmoor"]
    assert found.weights["Talia Brenmoor"] == 2.0  # its own two mentions; the surname is folded
    assert "Oskar Lindqvist" not in found.weights  # one mention: the default weight, 1
    assert found.weights["Lisbon"] == 2.0


def test_an_acronym_used_alone_goes_to_the_long_name_the_archive_knows() -> None:
    defined = ArticleEntities(
        organizations=["Kessel Ferry Authority"], aliases={"Kessel Ferry Authority": ["KFA"]}
    )
    alone = ArticleEntities(organizations=["KFA"], places=["Dunmere"], weights={"KFA": 3})
    both = ArticleEntities(organizations=["KFA", "Kessel Ferry Authority"])
    out = resolve_archive([defined, alone, both])
    assert out[0] is defined
    assert out[1].organizations == ["Kessel Ferry Authority"] and out[1].places == ["Dunmere"]
    assert out[1].aliases == {"Kessel Ferry Authority": ["KFA"]}
    assert out[1].weights == {"Kessel Ferry Authority": 3}
    assert out[2].organizations == ["Kessel Ferry Authority"]
    # The acronym's type follows the long name's once it is one name ("KFA" read as a person).
    out = resolve_archive([defined, ArticleEntities(people=["KFA"])])
    assert out[1].organizations == ["Kessel Ferry Authority"] and out[1].people == []


def test_an_acronym_of_two_things_is_left_alone_and_spellings_are_one_thing() -> None:
    assert archive_acronyms(
        [
            ArticleEntities(aliases={"Kessel Trade Organisation": ["KTO"]}),
            ArticleEntities(aliases={"Kessel Tourism Organisation": ["KTO"]}),
            ArticleEntities(aliases={"Port Alden Harbour Authority": ["PAHA"]}),
            ArticleEntities(aliases={"Port & Harbour Board": ["PHB"]}),
            ArticleEntities(aliases={"Port and Harbour Board": ["PHB"]}),
            ArticleEntities(aliases={"Port and Harbour Board": ["PHB"]}),
            ArticleEntities(aliases={"Anna Marsh": ["Marsh"]}),  # not an acronym
        ]
    ) == {"paha": "Port Alden Harbour Authority", "phb": "Port and Harbour Board"}


def test_a_name_written_two_ways_has_one_spelling() -> None:
    articles = [
        ArticleEntities(organizations=["Port & Harbour Board"]),
        ArticleEntities(organizations=["Port and Harbour Board"], aliases={}),
        ArticleEntities(organizations=["Port and Harbour Board", "PHB"],
                        aliases={"Port & Harbour Board": ["PHB"]}),
    ]
    assert archive_spellings(articles) == {"port & harbour board": "Port and Harbour Board"}
    out = resolve_archive(articles)
    assert [a.organizations for a in out] == [["Port and Harbour Board"]] * 3


def test_one_article_repeating_a_misreading_does_not_outvote_two_articles() -> None:
    # One article reads a person's full name as an organisation three times; two articles
    # read it as a person once each. A name of several words counts an article by the square
    # root of its evidence (1.73 < 2).
    articles = [
        ArticleEntities(organizations=["Talia Brenmoor"], weights={"Talia Brenmoor": 3.0}),
        ArticleEntities(people=["Talia Brenmoor"]),
        ArticleEntities(people=["Talia Brenmoor"]),
    ]
    assert archive_types(articles) == {"talia brenmoor": "people"}
    # A single word (a town in prose, the club in a results table) keeps the full weight.
    articles = [ArticleEntities(organizations=["Harwick"], weights={"Harwick": 3.0}),
                ArticleEntities(places=["Harwick"]), ArticleEntities(places=["Harwick"])]
    assert archive_types(articles) == {"harwick": "organizations"}
    # Far more evidence in one article still counts: a table of ten rows against two articles.
    articles[0] = ArticleEntities(organizations=["Harwick Rovers"],
                                  weights={"Harwick Rovers": 10.0})
    articles[1:] = [ArticleEntities(people=["Harwick Rovers"])] * 2
    assert archive_types(articles) == {"harwick rovers": "organizations"}
