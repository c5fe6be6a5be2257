"""Party names: one organisation page per party, whatever form an article names it by.

The small model labels a party's members ("Coastals", "Free Reformers") NORP, a people's or
group's name, and the party alone by a title word ("Labour", which is also "Labour Minister").
The texts are self-written; parties and people are fictional (a title word is a title word).
"""

from __future__ import annotations

from newsarchive.entities import EntityConfig, EntityExtractor
from newsarchive.entities.archive import archive_types, resolve_archive
from newsarchive.entities.document import later_mentions, party_forms
from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.model import ArticleEntities
from newsarchive.entities.ner import Mention
from newsarchive.entities.normalize import clean
from newsarchive.entities.repair import repair
from newsarchive.entities.resolve import resolve


def at(text: str, surface: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(surface, label, start, start + len(surface))


# -- article level ------------------------------------------------------------------------------


def test_a_group_name_is_kept_without_a_vote_and_a_demonym_not_at_all() -> None:
    text = "The Coastals met Ukrainian and South Korean envoys in Coastal Dunmere on Monday."
    result = resolve(
        text,
        [
            at(text, "Coastals", "NORP"),
            at(text, "Coastal", "NORP", nth=1),  # an adjective: no group's name
            at(text, "Ukrainian", "NORP"),
            at(text, "South Korean", "NORP"),
            at(text, "Dunmere", "GPE"),
        ],
        EntityConfig.empty(),
    )
    # Not listed in the article (the archive decides), but kept at weight 0 for the archive.
    assert result.organizations == [] and result.people == [] and result.other == []
    assert result.weights == {"Coastals": 0}


def test_members_and_the_bare_name_fold_into_the_party() -> None:
    text = (
        "The Coastal Party met on Monday. The Coastals said the plan was costed. "
        "Labour Party leaders met in Dunmere, and Labour said it would vote against."
    )
    result = resolve(
        text,
        [
            at(text, "The Coastal Party", "ORG"),
            at(text, "Coastals", "NORP"),
            at(text, "Labour Party", "ORG"),
            at(text, "Dunmere", "GPE"),
            at(text, "Labour", "ORG", nth=1),
        ],
        EntityConfig.empty(),
    )
    assert result.organizations == ["Coastal Party", "Labour Party"]
    assert result.aliases == {"Coastal Party": ["Coastals"], "Labour Party": ["Labour"]}


def test_a_department_word_alone_is_kept_only_for_the_archive() -> None:
    assert clean("Labour", "organizations") is not None
    assert clean("Labour", "people") is None
    text = "Labour said on Monday that Education would get more money."
    result = resolve(
        text, [at(text, "Labour", "ORG"), at(text, "Education", "ORG")], EntityConfig.empty()
    )
    assert result.organizations == []
    assert result.weights == {"Education": 0, "Labour": 0}
    # read as a person or a place ("Labour said"), it is kept the same way, not dropped
    for label in ("PERSON", "GPE", "NORP"):
        result = resolve(text, [at(text, "Labour", label)], EntityConfig.empty())
        assert (result.people, result.places, result.organizations) == ([], [], [])
        assert result.weights == {"Labour": 0}, label


def test_the_halves_of_a_party_name_are_joined() -> None:
    text = "The Free Reformers will target 40 seats, party leader Anna Fenwold said."
    fixed = repair(
        text,
        [at(text, "The Free", "ORG"), at(text, "Reformers", "NORP"), at(text, "Anna Fenwold",
                                                                          "PERSON")],
    )
    assert [(m.text, m.label) for m in fixed] == [
        ("The Free Reformers", "ORG"),
        ("Anna Fenwold", "PERSON"),
    ]
    # a demonym stays apart
    text = "Kessel Shipping Ukrainians"
    fixed = repair(text, [at(text, "Kessel Shipping", "ORG"), at(text, "Ukrainians", "NORP")])
    assert [m.label for m in fixed] == ["ORG", "NORP"]
    # nor after a possessive, nor a singular ("Anna Marsh's French")
    text = "Kessel's Reformers and Kessel French"
    fixed = repair(text, [at(text, "Kessel's", "ORG"), at(text, "Reformers", "NORP"),
                          at(text, "Kessel", "ORG", nth=1), at(text, "French", "NORP")])
    assert [m.label for m in fixed] == ["ORG", "NORP", "ORG", "NORP"]
    # a party's word in the singular ("Free Democrat leader") is that word, as the model reads
    # it whole elsewhere: no organisation "Free"
    text = "The Free Democrat leader Anna Fenwold spoke."
    fixed = repair(text, [at(text, "Free", "ORG"), at(text, "Democrat", "NORP"),
                          at(text, "Anna Fenwold", "PERSON")])
    assert [(m.text, m.label) for m in fixed] == [
        ("Free Democrat", "NORP"), ("Anna Fenwold", "PERSON"),
    ]


def test_party_forms_are_found_where_the_model_missed_them() -> None:
    import spacy

    nlp = spacy.blank("en")
    assert party_forms("Coastal Party") == ["Coastal", "Coastals"]
    assert party_forms("Kessel Holdings") == [] and party_forms("Party") == []
    text = "The Coastal Party backed it. Coastal MP Anna Fenwold and the Coastals agreed."
    found = later_mentions(
        nlp.make_doc(text), text, [at(text, "Coastal Party", "ORG")], nlp.make_doc
    )
    assert [(m.text, m.label, m.votes) for m in found] == [
        ("Coastal", "ORG", 0),
        ("Coastals", "ORG", 0),
    ]


def test_political_group_names_are_no_demonyms() -> None:
    places = gazetteer()
    # "Democratic Republic of the Congo" says what kind of state it is, not whose
    assert not places.is_demonym("Democrats", strict=True)
    assert not places.is_demonym("Republicans", strict=True)
    assert places.is_demonym("South Koreans", strict=True) and places.is_demonym("Americans")


# -- archive level ------------------------------------------------------------------------------


def test_names_read_as_nothing_are_listed_only_where_the_archive_knows_the_party() -> None:
    articles = [
        # folded into the party where an article names both
        ArticleEntities(organizations=["Coastal Party"], aliases={"Coastal Party": ["Coastals"]}),
        # alone: the party's page
        ArticleEntities(people=["Anna Fenwold"], weights={"Coastals": 0}),
        ArticleEntities(weights={"Labour": 0}),
        ArticleEntities(organizations=["Labour Party"], aliases={"Labour Party": ["Labour"]}),
        # a group no article reads as an organisation: no page ("Muslims", "Europeans")
        ArticleEntities(places=["Dunmere"], weights={"Kesselites": 0}),
        ArticleEntities(weights={"Kesselites": 0, "Education": 0}),
    ]
    out = resolve_archive(articles)
    assert [a.organizations for a in out] == [
        ["Coastal Party"],
        ["Coastal Party"],
        ["Labour Party"],
        ["Labour Party"],
        [],
        [],
    ]
    assert out[1].people == ["Anna Fenwold"] and out[4].places == ["Dunmere"]
    assert out[0] is articles[0] and out[4] is articles[4]


def test_a_group_read_once_as_an_organisation_is_one_everywhere() -> None:
    articles = [
        ArticleEntities(organizations=["Free Reformers", "Kesselites", "Saintsmen"]),
        ArticleEntities(weights={"Free Reformers": 0, "Kesselites": 0, "Saintsmen": 0}),
        ArticleEntities(weights={"Kesselites": 0}),
        ArticleEntities(organizations=["Saintsmen"]),
    ]
    # one word ("European", "Muslims") only when at least as many articles read it as do not
    assert [a.organizations for a in resolve_archive(articles)] == [
        ["Free Reformers", "Kesselites", "Saintsmen"],
        ["Free Reformers", "Saintsmen"],
        [],
        ["Saintsmen"],
    ]


def test_a_short_form_takes_its_long_names_type() -> None:
    # "Free Refs" read as a person in three articles, "Free Reformers" an organisation in one
    # article that names both: every article lists the organisation.
    articles = [
        ArticleEntities(organizations=["Free Reformers"], people=["Free Refs"]),
        ArticleEntities(people=["Free Refs"]),
        ArticleEntities(people=["Free Refs"]),
        ArticleEntities(people=["Free Refs"], weights={"Free Reformers": 0}),
    ]
    out = resolve_archive(articles)
    assert all(a.organizations == ["Free Reformers"] and a.people == [] for a in out)
    # the short form's own ballots count only for a name no article names itself
    assert archive_types([ArticleEntities(people=["Free Refs"])]) == {"free refs": "people"}


def test_party_names_in_prose_are_one_page_each(extractor: EntityExtractor) -> None:
    texts = [
        "Rail plan backed\n\nThe Labour Party said on Monday it would back the plan. Labour MP "
        "Anna Fenwold told the chamber the scheme was overdue. The Conservatives said the cost "
        "was too high.",
        "Tax pledge\n\nThe Conservative Party has picked Ida Varnholm as its chairman. The "
        "Conservatives hope she will unite the party.",
        "Poll\n\nA new poll puts Labour three points ahead of the Conservatives.",
    ]
    out = resolve_archive(list(extractor.extract(texts)))
    assert [a.organizations for a in out] == [
        ["Conservative Party", "Labour Party"],
        ["Conservative Party"],
        ["Conservative Party", "Labour Party"],
    ]


def test_a_nickname_mapped_in_entities_yml_votes_for_the_party() -> None:
    config = EntityConfig.from_mapping(
        {"aliases": {"Gullies": "Harbour Party", "Gully": "Harbour Party"}}
    )
    text = "The Gullies promised a tax cut, Gully leader Orla Tremayne said. The Coastals agreed."
    result = resolve(
        text,
        [at(text, "Gullies", "NORP"), at(text, "Gully", "NORP"),
         at(text, "Orla Tremayne", "PERSON"), at(text, "Coastals", "NORP")],
        config,
    )
    assert result.people == ["Orla Tremayne"]
    assert result.organizations == ["Harbour Party"]
    assert result.weights == {"Coastals": 0, "Harbour Party": 2}


def test_a_short_form_beside_a_group_name_read_as_nothing_is_the_organisation() -> None:
    # "Free Refs" read as a person, "Free Reformers" only ever as a group (NORP): one article
    # names both, so both are the organisation everywhere.
    articles = [
        ArticleEntities(people=["Free Refs"], weights={"Free Reformers": 0}),
        ArticleEntities(people=["Anna Holm", "Free Refs"]),
        ArticleEntities(weights={"Free Reformers": 0}),
    ]
    out = resolve_archive(articles)
    assert [(a.people, a.organizations) for a in out] == [
        ([], ["Free Reformers"]),
        (["Anna Holm"], ["Free Reformers"]),
        ([], ["Free Reformers"]),
    ]


def test_a_party_nickname_goes_to_the_party_the_archive_names() -> None:
    # "Tories" read as nothing (a group's name, NORP) in one article and as an organisation in
    # another: both are the "Conservative Party" another article names.
    articles = [
        ArticleEntities(organizations=["Conservative Party"], people=["Ida Varnholm"]),
        ArticleEntities(people=["Ida Varnholm"], weights={"Tories": 0}),
        ArticleEntities(organizations=["Tories", "Tory"]),
    ]
    out = resolve_archive(articles)
    assert [a.organizations for a in out] == [["Conservative Party"]] * 3
    assert out[2].aliases == {"Conservative Party": ["Tories", "Tory"]}


def test_a_party_nickname_joins_the_members_name_or_stays_where_no_party_is_named() -> None:
    members = resolve_archive([
        ArticleEntities(organizations=["Conservatives"]),
        ArticleEntities(organizations=["Tories"]),
    ])
    assert [a.organizations for a in members] == [["Conservatives"], ["Conservatives"]]
    alone = resolve_archive([ArticleEntities(organizations=["Tories"]),
                             ArticleEntities(organizations=["Harbour Party"])])
    assert [a.organizations for a in alone] == [["Tories"], ["Harbour Party"]]


def test_a_party_nickname_in_prose_is_the_party(extractor: EntityExtractor) -> None:
    texts = [
        "Party picks chairman\n\nThe Conservative Party has picked Ida Varnholm as its chairman "
        "after a vote in Dunmere on Monday.",
        "Tax pledge\n\nThe Tories promised to cut fuel duty on Tuesday. Tory leader Ida Varnholm "
        "said the plan was costed, and the Tories would publish it next week.",
    ]
    out = resolve_archive(list(extractor.extract(texts)))
    assert [a.organizations for a in out] == [["Conservative Party"], ["Conservative Party"]]


def test_a_party_named_by_its_members_or_its_word_alone_is_the_party_everywhere() -> None:
    # No article names "Coastal Party" beside "Coastals" or "Coastal": the archive names the
    # party once, and the forms the model reads as nothing (weight 0) go to it everywhere. A
    # form read as an organisation ("Assembly", beside an "Assembly Party") keeps its own name.
    articles = [
        ArticleEntities(organizations=["Coastal Party", "Assembly Party"]),
        ArticleEntities(people=["Ida Varnholm"], weights={"Coastals": 0}),
        ArticleEntities(weights={"Coastal": 0}),
        ArticleEntities(organizations=["Assembly"]),
    ]
    out = resolve_archive(articles)
    assert [a.organizations for a in out] == [
        ["Assembly Party", "Coastal Party"], ["Coastal Party"], ["Coastal Party"], ["Assembly"]
    ]
    assert out[3] is articles[3]


def test_a_cut_short_name_read_as_a_person_is_the_one_organisation_it_fits() -> None:
    articles = [
        ArticleEntities(organizations=["Moderate Liberals"]),
        ArticleEntities(people=["Mod Libs", "Ida Varnholm"]),
        ArticleEntities(people=["Mod Lib"]),
        # a place is no short form of the show named after it
        ArticleEntities(organizations=["Tarrow Hillbillies"], places=["Tarrow Hills"]),
        ArticleEntities(people=["Tarrow Hills"]),
    ]
    out = resolve_archive(articles)
    assert [(a.people, a.organizations) for a in out[:3]] == [
        ([], ["Moderate Liberals"]),
        (["Ida Varnholm"], ["Moderate Liberals"]),
        ([], ["Moderate Liberals"]),
    ]
    assert out[3].places == ["Tarrow Hills"] and out[4].organizations == []


def test_a_name_with_its_country_or_its_people_is_one_name_as_most_articles_write_it() -> None:
    # "Ghana Ferries" and "Ghanaian Ferries" are one company; the country's form is no cut short
    # of the people's, and the form more articles write names the page (a tie: the longer).
    ghana, ghanaian = ("Ghana Ferries", "Ghanaian Ferries")
    articles = [ArticleEntities(organizations=[ghana], places=[town])
                for town in ("Accra", "Tema", "Kumasi")]
    articles.append(ArticleEntities(organizations=[ghanaian]))
    out = resolve_archive(articles)
    assert {name for a in out for name in a.organizations} == {ghana}
    assert out[0] is articles[0]
    out = resolve_archive([articles[0], articles[3]])
    assert {name for a in out for name in a.organizations} == {ghanaian}
    out = resolve_archive([articles[0], articles[3], articles[3]])
    assert {name for a in out for name in a.organizations} == {ghanaian}


def test_the_first_word_the_model_left_out_of_a_group_name_is_put_back() -> None:
    text = ("Mr Tremayne said the Coastal Reformers would vote no; the Ukrainian Reformers and "
            "the Ukrainians abstained, and the Harbour Gullies left.")
    fixed = repair(text, [at(text, "Reformers", "NORP"), at(text, "Reformers", "NORP", nth=1),
                          at(text, "Ukrainians", "NORP"), at(text, "Harbour Gullies", "ORG")])
    assert [m.text for m in fixed] == [
        "Coastal Reformers",  # the word between "the" and the group's name
        "Reformers",  # a demonym is no part of the name
        "Ukrainians",  # a people, not a group's name
        "Harbour Gullies",
    ]
