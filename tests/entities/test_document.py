"""Whole-article evidence: type vote, missed mentions, gazetteers, result tables, late acronyms.

Article texts are self-written with fictional people, clubs and towns; only countries are real,
because the gazetteers are the point. Where a test relies on what the small model does with a
span, it asserts that first, so a different model fails loudly instead of passing by luck.
"""

from __future__ import annotations

import pytest

from newsarchive.entities import ArticleEntities, EntityConfig, EntityExtractor
from newsarchive.entities.document import complete, without_description
from newsarchive.entities.gazetteer import CITY_POPULATION, gazetteer
from newsarchive.entities.lexicon import english_words
from newsarchive.entities.ner import LAYOUT_VOTES, Mention, mentions_of, run_docs
from newsarchive.entities.press import press_review_mentions
from newsarchive.entities.resolve import resolve
from newsarchive.entities.vote import decide


def extract_one(extractor: EntityExtractor, text: str) -> ArticleEntities:
    (result,) = list(extractor.extract([text]))
    return result


def labels(text: str, misread: list[Mention]) -> list[tuple[str, str]]:
    """Each mention's name and label once the article's layout and gazetteers correct the
    model's ``misread`` ones."""
    return [(m.text, m.label) for m in complete(text, misread)]


def assert_relabelled(text: str, expected: list[tuple[str, str, str]]) -> None:
    """Each ``(name, the model's label, the label the article's words give it)``: the model's
    reading of the name in ``text`` is corrected to the last."""
    misread = [at(text, name, label) for name, label, _ in expected]
    assert labels(text, misread) == [(name, fixed) for name, _, fixed in expected]


def corrected(text: str, misread: list[Mention]) -> ArticleEntities:
    """What the article rules make of the model's ``misread`` mentions of ``text``."""
    return resolve(text, complete(text, misread), EntityConfig.empty())


def at(text: str, surface: str, label: str, nth: int = 0, votes: int = 1) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(surface, label, start, start + len(surface), votes=votes)


# -- type vote ----------------------------------------------------------------------------------


def test_type_vote_is_weighted_majority_with_explicit_ties() -> None:
    assert (
        decide("Norvane", [(0, "people", 1), (9, "organizations", 1), (20, "organizations", 1)])
        == "organizations"
    )
    # A dateline's double vote outweighs one label against it.
    assert decide("Dunmere", [(0, "places", 2), (9, "organizations", 1)]) == "places"
    # Tie: the earliest mention's type ...
    assert decide("Norvane", [(30, "organizations", 1), (5, "people", 1)]) == "people"
    # ... unless the gazetteer knows the name as a place.
    assert decide("Lisbon", [(5, "people", 1), (30, "places", 1)]) == "places"
    # Mentions found only by matching the name carry no vote.
    assert decide("Norvane", [(5, "people", 0), (30, "organizations", 1)]) == "organizations"


def test_one_type_per_name_within_an_article() -> None:
    text = "Norvane hired crews. Norvane sold tickets. Norvane expects growth."
    found = [
        at(text, "Norvane", "PERSON"),
        at(text, "Norvane", "ORG", 1),
        at(text, "Norvane", "ORG", 2),
    ]
    result = resolve(text, found, EntityConfig.empty())
    assert result.organizations == ["Norvane"] and result.people == []


# -- later mentions the model missed ------------------------------------------------------------


def test_missed_mentions_of_a_name_are_found_by_matching(extractor: EntityExtractor) -> None:
    text = (
        "Ferry Operator Expands\n\nCalverly Lines will add two routes next spring. Passengers "
        "praised the crossing, and Calverly Lines staff said bookings doubled."
    )
    nlp = extractor.nlp()
    ((_, doc),) = list(run_docs(nlp, [text]))
    model = [m for m in mentions_of(doc, text) if m.text == "Calverly Lines"]
    assert len(model) == 1  # the model sees one of the two mentions
    completed = complete(text, mentions_of(doc, text), doc, nlp.make_doc)
    found = [m for m in completed if m.text == "Calverly Lines"]
    assert sorted(m.start for m in found) == [
        text.index("Calverly Lines"),
        text.index("Calverly Lines", text.index("Calverly Lines") + 1),
    ]
    assert {m.label for m in found} == {"ORG"}
    assert [m.votes for m in found if m not in model] == [0]


def test_matching_respects_word_boundaries(extractor: EntityExtractor) -> None:
    text = "Kessel Bay\n\nKessel Bay opened a pier. The Kesselbay Trust and Kessel Bayside agreed."
    nlp = extractor.nlp()
    ((_, doc),) = list(run_docs(nlp, [text]))
    seed = [at(text, "Kessel Bay", "GPE", 1)]
    completed = complete(text, seed, doc, nlp.make_doc)
    starts = [m.start for m in completed if m.text == "Kessel Bay"]
    assert starts == [0, text.index("Kessel Bay", 1)]


# -- country names ------------------------------------------------------------------------------


def test_country_short_forms_are_one_place() -> None:
    places = gazetteer()
    for form in ("US", "U.S.", "USA", "United States", "United States of America"):
        assert places.place(form).name == "U.S.", form
    for form in ("UK", "Britain", "United Kingdom", "Great Britain"):
        assert places.place(form).name == "Britain", form
    assert places.place("Russian Federation").name == "Russia"
    # the name wires write: "Congo", not GeoNames' "Republic of the Congo"
    assert places.place("Republic of the Congo").name == places.place("Congo").name == "Congo"
    assert places.place("Korea, Republic of") is None  # inverted ISO forms are never written
    assert places.place("South Korea").name == "South Korea"
    assert places.place("EU") is None and places.organization("EU") == "European Union"
    # initials of the names a country goes by, not of its official name
    assert places.place("UAE").name == "United Arab Emirates"
    # two letters only for a country of some size: "A.S." opens a club's name, "PR" is public
    # relations, more often than they are American Samoa or Puerto Rico
    assert places.place("N.Z.").name == places.place("NZ").name == "New Zealand"
    assert places.place("A.S.") is None and places.place("PR") is None
    assert places.place("Islamic Republic of Afghanistan").name == "Afghanistan"
    for initials in ("IRA", "ARE", "SAR"):  # "Islamic Republic of ...", "Arab Republic of ..."
        assert places.place(initials) is None, initials
    for form in ("UN", "U.N.", "United Nations"):
        assert places.place(form) is None and places.organization(form) == "U.N.", form


def test_country_forms_in_an_article(extractor: EntityExtractor) -> None:
    text = (
        "Trade Talks Resume\n\nOfficials from the United States and the United Kingdom met "
        "in Lisbon on Monday. The U.S. delegation said the UK and the US would sign a deal "
        "with the EU by spring, and Britain agreed."
    )
    result = extract_one(extractor, text)
    assert "U.S." in result.places and "Britain" in result.places
    assert not {"US", "United States", "UK", "United Kingdom"} & set(result.places)
    assert set(result.aliases["U.S."]) >= {"United States"}
    assert "European Union" in result.organizations
    assert "EU" not in result.places


# -- demonyms -----------------------------------------------------------------------------------


def test_demonyms_are_never_places(extractor: EntityExtractor) -> None:
    text = (
        "Embassies Warn Citizens\n\nThe Ukrainian and South Korean embassies in Dunmere warned "
        "their citizens on Tuesday. A Ukrainian official said the roads to Poland were closed."
    )
    nlp = extractor.nlp()
    ((_, doc),) = list(run_docs(nlp, [text]))
    assert ("Ukrainian", "GPE") in {(m.text, m.label) for m in mentions_of(doc, text)}
    result = extract_one(extractor, text)
    assert "Poland" in result.places
    assert not {"Ukrainian", "South Korean"} & set(result.places + result.other)
    places = gazetteer()
    assert places.is_demonym("Ukrainian") and places.is_demonym("South Korean")
    assert not places.is_demonym("Ukraine") and not places.is_demonym("Jordan")


def test_a_peoples_name_read_as_a_person_or_a_club_has_no_page() -> None:
    places = gazetteer()
    # from the countries' data, with plurals and the man and the men; nations of Britain too
    for demonym in ("Dutch", "Welsh", "Scottish", "Scots", "English", "Irishman", "Dutchmen"):
        assert places.is_demonym(demonym), demonym
    assert not places.is_demonym("Wales") and not places.is_demonym("Kessel")
    text = "The Welsh led the Scots at half-time. Scottish fans sang in Dunmere."
    misread = [
        at(text, "Welsh", "PERSON"),
        at(text, "Scots", "ORG"),
        at(text, "Scottish", "GPE"),
        at(text, "Dunmere", "GPE"),
    ]
    assert labels(text, misread) == [
        ("Welsh", "NORP"), ("Scots", "NORP"), ("Scottish", "NORP"), ("Dunmere", "GPE"),
    ]
    # A person of the article has the word as a name: the lone word may be them.
    text = "Novelist Marta Welsh read in Dunmere. Welsh signed copies."
    named = [at(text, "Marta Welsh", "PERSON"), at(text, "Welsh", "PERSON", 1)]
    assert ("Welsh", "PERSON") in {(m.text, m.label) for m in complete(text, named)}


def test_a_town_the_model_calls_a_person_after_in_is_a_place() -> None:
    text = "Orla Kemp sang in Lisbon on Friday. Lisbon cheered her."
    misread = [
        at(text, "Orla Kemp", "PERSON"),
        at(text, "Lisbon", "PERSON"),
        at(text, "Lisbon", "PERSON", 1),
    ]
    fixed = labels(text, misread)
    # after "in" a place; at the start of a sentence the article's vote decides
    assert fixed == [("Orla Kemp", "PERSON"), ("Lisbon", "GPE"), ("Lisbon", "PERSON")]
    # someone in the article is called so: the model may be right
    text = "Rita Lisbon sang in Lisbon on Friday."
    named = [at(text, "Rita Lisbon", "PERSON"), at(text, "Lisbon", "PERSON", 1)]
    assert ("Lisbon", "PERSON") in {(m.text, m.label) for m in complete(text, named)}


def test_a_name_between_the_and_a_noun_is_what_the_noun_belongs_to() -> None:
    """"The Kessby lab": the name of a thing, not a person; a town where the gazetteer knows
    one. "The Varrick administration" is a person's, and so is "the Brenmoor government" in an
    article that names Hal Brenmoor."""
    text = "Samples went to the Kessby lab. Staff at the Lisbon office agreed."
    misread = [at(text, "Kessby", "PERSON"), at(text, "Lisbon", "PERSON")]
    found = corrected(text, misread)
    assert (found.people, found.organizations, found.places) == ([], ["Kessby"], ["Lisbon"])
    text = "The Varrick administration said no. Aides to the Varrick camp agreed."
    held = corrected(text, [at(text, "Varrick", "PERSON"), at(text, "Varrick", "PERSON", 1)])
    assert (held.people, held.organizations) == (["Varrick"], [])
    text = "Hal Brenmoor spoke. The Brenmoor lab, his own, was shut."
    named = corrected(text, [at(text, "Hal Brenmoor", "PERSON"), at(text, "Brenmoor", "PERSON", 1)])
    assert (named.people, named.organizations) == (["Hal Brenmoor"], [])


def test_capitals_no_gazetteer_knows_as_a_place_are_no_place() -> None:
    """A company's initials the model reads as a place ("with QTN on the software") are an
    organisation; a country's initials and ISO code ("US", "NZ"), a US state's code ("N.H.")
    and a big city's initials ("LA") stay places."""
    text = "Quellnet and QTN signed. Officials in the US, NZ, N.H. and LA backed QTN and Q.L.B."
    misread = [at(text, name, "GPE") for name in ("QTN", "US", "NZ", "N.H.", "LA")]
    misread += [at(text, "QTN", "LOC", 1), at(text, "Q.L.B.", "GPE")]
    fixed = labels(text, misread)
    assert fixed == [("QTN", "ORG"), ("US", "GPE"), ("NZ", "GPE"), ("N.H.", "GPE"),
                     ("LA", "GPE"), ("QTN", "ORG"), ("Q.L.B.", "ORG")]


#: Misreadings the article rules correct: (text, the model's mentions as (surface, label, nth),
#: what the article then lists, the aliases it keeps).
CORRECTED = {
    # "UK" left out of "the UK Harbour Alliance", its house-style acronym read as a place; a
    # country's initials in a span of their own, and a place a lookup knows, stay places
    "country initials in front, house-style acronym": (
        "Vote\n\nOrla Brannock has left the UK Harbour Alliance. She said Ukha had lost its way. "
        "Officials of the US Ferry Board and the US Lisbon office disagreed.",
        [("Harbour Alliance", "ORG", 0), ("Ukha", "GPE", 0), ("US", "GPE", 0),
         ("Ferry Board", "ORG", 0), ("Lisbon", "GPE", 0)],
        {"organizations": ["Ferry Board", "UK Harbour Alliance"], "places": ["Lisbon", "U.S."]},
        {"UK Harbour Alliance": ["Ukha"]},
    ),
    # a dateline's date read into the place, its town missed; the name a bracketed acronym
    # stands for, missed
    "dateline date, bracketed acronym's name": (
        "Freight deal\n\nDUNMERE, Kesselland 2024-03-12\n\nShares in Kessel Freight Lines "
        "(KFL) rose on Tuesday. KFL said the deal would close in May.",
        [("Kesselland 2024-03-12", "GPE", 0), ("KFL", "ORG", 0), ("KFL", "ORG", 1)],
        {"organizations": ["Kessel Freight Lines"], "places": ["Dunmere", "Kesselland"]},
        {"Kessel Freight Lines": ["KFL"]},
    ),
    # "Home" and "Shadow" are title words; "Home" alone no organisation
    "home secretary": (
        "Plan\n\nShadow Home Secretary Harriet Quell said Home Secretary Oskar Brannlund "
        "had failed. The Home Office disagreed.",
        [("Shadow Home Secretary Harriet Quell", "PERSON", 0), ("Home", "ORG", 1),
         ("Oskar Brannlund", "PERSON", 0), ("Home Office", "ORG", 0)],
        {"people": ["Harriet Quell", "Oskar Brannlund"], "organizations": ["Home Office"]},
        {},
    ),
    # a ministry's name cut at its commas; "Quellnet", named on its own, is a company beside
    # the department, not part of its name
    "ministry cut at its commas": (
        "Ports\n\nThe Ministry of Harbours, Ferries and Canals and the Department of Trade and "
        "Quellnet met. Quellnet said the talks went well.",
        [("Ministry of Harbours", "ORG", 0), ("Ferries", "ORG", 0), ("Canals", "ORG", 0),
         ("Department of Trade", "ORG", 0), ("Quellnet", "ORG", 0), ("Quellnet", "ORG", 1)],
        {"organizations": [
            "Department of Trade", "Ministry of Harbours, Ferries and Canals", "Quellnet",
        ]},
        {},
    ),
    # British departments' acronyms keep lower-case joiners ("DfES"): their capitals are the
    # initials of the words that are not joiners
    "mixed-case acronyms": (
        "Plan\n\nThe Department for Harbour Safety and the Ministry of Canals (MoC) met. DfHS "
        "officials said MoC staff agreed.",
        [("Department for Harbour Safety", "ORG", 0), ("Ministry of Canals", "ORG", 0),
         ("MoC", "ORG", 0), ("DfHS", "ORG", 0), ("MoC", "ORG", 1)],
        {"organizations": ["Department for Harbour Safety", "Ministry of Canals"]},
        {"Department for Harbour Safety": ["DfHS"], "Ministry of Canals": ["MoC"]},
    ),
    # the words a bracketed acronym spells are its organisation's whole name, whatever the
    # model found inside them: a cut of the name, a place
    "acronym's whole name": (
        "Homes\n\nThe Office of the Deputy Harbour Master (ODHM) and the Campaign to Protect "
        "Rural Kesselland (CPRK) met. ODHM staff agreed.",
        [("The Office of the", "ORG", 0), ("ODHM", "PERSON", 0), ("Kesselland", "GPE", 0),
         ("CPRK", "ORG", 0), ("ODHM", "PERSON", 1)],
        {"people": [], "places": [], "organizations": [
            "Campaign to Protect Rural Kesselland", "Office of the Deputy Harbour Master",
        ]},
        {"Campaign to Protect Rural Kesselland": ["CPRK"],
         "Office of the Deputy Harbour Master": ["ODHM"]},
    ),
    # a lower-case word of what the organisation is between its name and its acronym
    # ("union") is not a word of the name; what the model found of the name gives way to it
    "acronym's name before its noun": (
        "Pay\n\nThe Harbour and Dock Workers union (HDW) said pay was too low. HDW members "
        "agreed.",
        [("Dock Workers", "ORG", 0), ("HDW", "ORG", 0), ("HDW", "ORG", 1)],
        {"organizations": ["Harbour and Dock Workers"]},
        {"Harbour and Dock Workers": ["HDW"]},
    ),
    # an acronym may leave out the last word of its name when that word says what the name is
    # ("Union"); the model's pieces of the name give way to the whole
    "acronym without its name's kind": (
        "Pay\n\nThe Port and Harbour Staff Union (PHS) said pay was too low. PHS members "
        "agreed.",
        [("The Port", "ORG", 0), ("Harbour Staff Union", "ORG", 0), ("PHS", "ORG", 0),
         ("PHS", "ORG", 1)],
        {"organizations": ["Port and Harbour Staff Union"]},
        {"Port and Harbour Staff Union": ["PHS"]},
    ),
    # the capitalised parts of a hyphenated name give its initials; a weekday or month the
    # model read into a name after "on", "in" is no part of it ("Theresa May" keeps hers)
    "hyphenated name's initials, a day read into a name": (
        "Deal\n\nVarn-Kessler agreed to buy Orrin Marine, VK said. The Harbour Board on "
        "Monday backed the deal, and Orrin Marine in May will vote on it.",
        [("Varn-Kessler", "ORG", 0), ("Orrin Marine", "ORG", 0), ("VK", "ORG", 0),
         ("The Harbour Board on Monday", "ORG", 0), ("Orrin Marine in May", "ORG", 0)],
        {"organizations": ["Harbour Board", "Orrin Marine", "Varn-Kessler"]},
        {"Varn-Kessler": ["VK"]},
    ),
    # a date right after a name is not the rest of a name the model cut in two, even where
    # the two cleaned together give a name the article has ("the Orrin Games")
    "a date after a name": (
        "Gold\n\nVarna Holt won gold at the Orrin Games. She left the Orrin Games last August "
        "and the Kessel Open four times.",
        [("Varna Holt", "PERSON", 0), ("the Orrin Games", "EVENT", 0),
         ("the Orrin Games", "EVENT", 1), ("last August", "DATE", 0),
         ("the Kessel Open", "EVENT", 0), ("four", "CARDINAL", 0)],
        {"people": ["Varna Holt"], "other": ["Kessel Open", "Orrin Games"]},
        {},
    ),
    # a given name and more the model read as an organisation is the person the article
    # calls by its last word; not a company of no given name, nor one the sentence calls a
    # company ("parts maker Petra Quell"; the last word of the sentence before says nothing)
    "full name read as an organisation, its surname a person": (
        "Quits\n\nBrennholt quits\n\nKessel Air is a small airline. Carla Brennholt has left "
        "it. Ms Brennholt ran it for six years. Varnholm Lines and Mr Lines disagreed. Pumps "
        "from parts maker Petra Quell failed, and Quell said it would pay.",
        [("Brennholt", "ORG", 0), ("Carla Brennholt", "ORG", 0), ("Kessel Air", "ORG", 0),
         ("Ms Brennholt", "PERSON", 0), ("Varnholm Lines", "ORG", 0), ("Mr Lines", "PERSON", 0),
         ("Petra Quell", "ORG", 0), ("Quell", "PERSON", 0)],
        {"people": ["Carla Brennholt", "Lines", "Quell"],
         "organizations": ["Kessel Air", "Petra Quell", "Varnholm Lines"]},
        {"Carla Brennholt": ["Brennholt"]},
    ),
    # an organisation's name after its owner's possessive is the name: where the owner is
    # a person the article names or a given name and more, not a place's ("Varnholm's")
    "owner's possessive": (
        "Vote\n\nAnna Fenwold's Harbour Party will stand in Varnholm, and Varnholm's Ferry "
        "Company will not. Fenwold said so.",
        [("Anna Fenwold's Harbour Party", "ORG", 0), ("Varnholm", "GPE", 0),
         ("Varnholm's Ferry Company", "ORG", 0), ("Fenwold", "PERSON", 0)],
        {"people": ["Fenwold"], "organizations": ["Harbour Party", "Varnholm's Ferry Company"]},
        {},
    ),
    # what an apposition after a name says it is outweighs the model's reading; a person
    # described by an organisation's noun ("the union leader", "an adviser to the union")
    # stays a person
    "described as an organisation": (
        "Strike\n\nQuellfield, the biggest public sector union, said its members would walk "
        "out. Harbourwatch, a civil rights group, agreed. Tom Varn, the union leader, spoke. "
        "Kessgate, an adviser to the union, did not.",
        [("Quellfield", "PERSON", 0), ("Harbourwatch", "GPE", 0), ("Tom Varn", "PERSON", 0),
         ("Kessgate", "PERSON", 0)],
        {"people": ["Kessgate", "Tom Varn"], "organizations": ["Harbourwatch", "Quellfield"],
         "places": []},
        {},
    ),
    # the lower-case noun right before a name says what it is: an organisation after
    # "service" or "union", a person (a given name and more) after a job word
    "noun or job right before a name": (
        "Talks\n\nThe conciliation service Quellas and the media union Bextu met. Treasury "
        "spokesman Vance Cobble and union leader Ida Holmqvist were there.",
        [("Quellas", "PERSON", 0), ("Bextu", "PERSON", 0), ("Vance Cobble", "ORG", 0),
         ("Ida Holmqvist", "PERSON", 0)],
        {"people": ["Ida Holmqvist", "Vance Cobble"], "organizations": ["Bextu", "Quellas"]},
        {},
    ),
    # the professions news puts before a name are job words too: the name after one is a
    # person, and one opening the model's span is left out of the name
    "profession before a name": (
        "Code\n\nThe system was written by Norvanian programmer Henrik Lindahl. Musician Tomas "
        "Quell and lawyer Ida Brenholm backed it.",
        [("Henrik Lindahl", "ORG", 0), ("Musician Tomas Quell", "PERSON", 0),
         ("Ida Brenholm", "ORG", 0)],
        {"people": ["Henrik Lindahl", "Ida Brenholm", "Tomas Quell"], "organizations": []},
        {},
    ),
    # a designator alone for the organisation the article names with it, first or last
    "the Bank": (
        "Rates\n\nThe Bank of Kesselland kept rates on hold, the Commerce Department said. "
        "In its report, the Bank said prices would rise. Department officials agreed.",
        [("Bank of Kesselland", "ORG", 0), ("Commerce Department", "ORG", 0), ("Bank", "ORG", 1),
         ("Department", "ORG", 1)],
        {"organizations": ["Bank of Kesselland", "Commerce Department"]},
        {"Bank of Kesselland": ["Bank"], "Commerce Department": ["Department"]},
    ),
    # an acronym written as a word, in brackets after a name with a comma in it
    "house-style acronym after a listed name": (
        "Talks\n\nThe Advisory, Conciliation and Harbour Service (Achs) met. Achs said the "
        "talks would go on.",
        [("Conciliation and Harbour Service", "ORG", 0), ("Achs", "PERSON", 0),
         ("Achs", "PERSON", 1)],
        {"people": [], "organizations": ["Advisory, Conciliation and Harbour Service"]},
        {"Advisory, Conciliation and Harbour Service": ["Achs"]},
    ),
    # a peer is a person, named with the title however the model cut it; an office ("Lord
    # Chancellor") is not
    "peer's title": (
        "Vote\n\nLord Quellbury said the bill was flawed. Baroness Varnholm agreed, and the "
        "Lord Chancellor disagreed.",
        [("Lord Quellbury", "ORG", 0), ("Varnholm", "ORG", 0), ("Lord Chancellor", "ORG", 0)],
        {"people": ["Baroness Varnholm", "Lord Quellbury"]},
        {},
    ),
    # a company's name without the words that say what it does, all its mentions (the model
    # read one as a person); not a group's name beside its arm ("Capital"), nor a first word
    # two of the article's companies share
    "company's name without its trade": (
        "Deal\n\nShares in Halvex Telecom plc rose. Halvex said sales grew, and Dunmere "
        "Software signed with Dunmere Cargo and Brannock Capital. Dunmere and Brannock were "
        "glad. Halvex thanked staff.",
        [("Halvex Telecom plc", "ORG", 0), ("Halvex", "PERSON", 1), ("Dunmere Software", "ORG", 0),
         ("Dunmere Cargo", "ORG", 0), ("Brannock Capital", "ORG", 0), ("Dunmere", "ORG", 2),
         ("Brannock", "ORG", 1), ("Halvex", "ORG", 2)],
        {"people": [], "organizations": ["Brannock", "Brannock Capital", "Dunmere",
                                         "Dunmere Cargo", "Dunmere Software", "Halvex Telecom"]},
        {"Halvex Telecom": ["Halvex"]},
    ),
    # a ministry's name with the list of what it is for is one name, whether the model read
    # it as one span or stopped before its last words
    "ministry's list read whole or cut short": (
        "Canals\n\nThe Department for Harbours, Ferries and Canal Affairs said the Ministry of "
        "Quays, Locks and Weirs had agreed. MQLW officials said so too.",
        [("The Department for Harbours, Ferries and Canal Affairs", "ORG", 0),
         ("Ministry of Quays", "ORG", 0), ("Locks", "ORG", 0), ("MQLW", "ORG", 0)],
        {"organizations": ["Department for Harbours, Ferries and Canal Affairs",
                           "Ministry of Quays, Locks and Weirs"]},
        {"Ministry of Quays, Locks and Weirs": ["MQLW"]},
    ),
    # a department word is a party before what only a party has (its MPs, backbenchers,
    # government), found where the model read nothing and outvoting a person's reading; not
    # before an office ("Health Secretary"), nor opening a sentence ("Foreign candidates")
    "department word before a party's members": (
        "Levy vote\n\nThe Labour government lost the levy vote after a rebellion by Labour "
        "backbenchers. Foreign candidates may stand. Health Secretary Ida Holm said Labour had "
        "promised it.",
        [("Labour", "PERSON", 2), ("Ida Holm", "PERSON", 0)],
        {"people": ["Ida Holm"], "organizations": ["Labour"]},
        {},
    ),
    # a one-word name heading "the ..." is no person ("back to the Kesselship, he said"); a
    # name before a noun may be ("the Varnholm government"), and so may a royal title or the
    # plural of a surname the article gives a person ("the Brannocks")
    "the name itself": (
        "Return\n\nHe may go back to the Kesselship, he said, and the Quellers were pleased. "
        "The Varnholm government fell, the Queen said, and Ida Brannock blamed the Brannocks.",
        [("Kesselship", "PERSON", 0), ("Quellers", "PERSON", 0), ("Varnholm", "PERSON", 0),
         ("Queen", "PERSON", 0), ("Ida Brannock", "PERSON", 0), ("Brannocks", "PERSON", 0)],
        {"people": ["Brannocks", "Ida Brannock", "Queen", "Varnholm"],
         "organizations": ["Kesselship", "Quellers"]},
        {},
    ),
    # the name two countries share goes to the one the article names, and only then
    "name two countries share": (
        "Exports\n\nSouth Korea said exports rose. Korea's shipyards led the gain.",
        [("South Korea", "GPE", 0), ("Korea", "GPE", 1)],
        {"places": ["South Korea"]},
        {"South Korea": ["Korea"]},
    ),
    "name two countries share, both named": (
        "Talks\n\nNorth Korea and South Korea met. Korea's future was discussed.",
        [("North Korea", "GPE", 0), ("South Korea", "GPE", 0), ("Korea", "GPE", 2)],
        {"places": ["Korea", "North Korea", "South Korea"]},
        {},
    ),
    # the plural noun before "such as" or "including" says what the names it lists are; a
    # word that is a job as well as a kind of company ("producer") leaves a person a person
    "listed after such as, a producer": (
        "Funds\n\nDevelopment agencies, including Calder Forward and the Harwick Agency, will "
        "run it, with drug makers such as Quellix. Producer Tomas Quell agreed.",
        [("Calder Forward", "PERSON", 0), ("the Harwick Agency", "ORG", 0),
         ("Quellix", "GPE", 0), ("Tomas Quell", "PERSON", 0)],
        {"people": ["Tomas Quell"],
         "organizations": ["Calder Forward", "Harwick Agency", "Quellix"]},
        {},
    ),
    # "like" lists them too, and a market report lists companies as its "blue chips"
    "listed after like, blue chips": (
        "Shares\n\nBrokers said blue chips like Orrin Lamps and Harwick Cement would rise, as "
        "would lenders like Kessel Trust.",
        [("Orrin Lamps", "PERSON", 0), ("Harwick Cement", "PERSON", 0),
         ("Kessel Trust", "PERSON", 0)],
        {"people": [], "organizations": ["Harwick Cement", "Kessel Trust", "Orrin Lamps"]},
        {},
    ),
    # a paper named after what it is ("the news weekly", "the daily")
    "a paper after its kind": (
        "Report\n\nThe news weekly Kessel Vox said so, and the daily Varn Ekko agreed.",
        [("Kessel Vox", "PERSON", 0), ("Varn Ekko", "PERSON", 0)],
        {"people": [], "organizations": ["Kessel Vox", "Varn Ekko"]},
        {},
    ),
    # what a player "played for" or "signed for" is a club, a town's name too; a country is
    # its national side, and a given name and more the model read as a person stays one
    "played for": (
        "Transfer\n\nAnna Marsh, who played for Lisbon and Porto City, signed for Harwick. "
        "She played for Norway and once played for Ida Holm.",
        [("Anna Marsh", "PERSON", 0), ("Lisbon", "GPE", 0), ("Porto City", "FAC", 0),
         ("Harwick", "PERSON", 0), ("Norway", "GPE", 0), ("Ida Holm", "PERSON", 0)],
        {"people": ["Anna Marsh", "Ida Holm"], "places": ["Norway"],
         "organizations": ["Harwick", "Lisbon", "Porto City"]},
        {},
    ),
    # a one-word name before a person's name in the possessive is their club or company, not a
    # person; not before a monarch's name ("Brandt's Orla III", a play)
    "owner of a person": (
        "Derby\n\nKessmark's Anna Marsh scored, and Brandt's Orla III opened in Dunmere.",
        [("Kessmark", "PERSON", 0), ("Anna Marsh", "PERSON", 0), ("Brandt", "PERSON", 0),
         ("Dunmere", "GPE", 0)],
        {"people": ["Anna Marsh", "Brandt"], "organizations": ["Kessmark"],
         "places": ["Dunmere"]},
        {},
    ),
    # ... also what the model read as a place no lookup knows, whose other readings in the
    # article the possessive outweighs
    "owner of a person read as a place": (
        "Derby\n\nVarnsport's Anna Marsh scored as Varnsport won. Varnsport led at once.",
        [("Varnsport", "GPE", 0), ("Anna Marsh", "PERSON", 0), ("Varnsport", "GPE", 1),
         ("Varnsport", "GPE", 2)],
        {"people": ["Anna Marsh"], "organizations": ["Varnsport"], "places": []},
        {},
    ),
    # a name after "the state of" is a place whatever the model read, a group's name too, and
    # so is one before "airport", read as a company or an event; a people's adjective before
    # "capital" stays an adjective
    "state of, airport": (
        "Quake\n\nA quake hit the state of Harwickshire. Flights left Kesselby airport for "
        "the Norwegian capital, and landed at Dunholt airport.",
        [("Harwickshire", "NORP", 0), ("Kesselby", "ORG", 0), ("Norwegian", "NORP", 0),
         ("Dunholt", "EVENT", 0)],
        {"places": ["Dunholt", "Harwickshire", "Kesselby"], "organizations": [], "other": []},
        {},
    ),
    # a town a place lookup knows, right after "capital" or "port", where the model read
    # nothing (and the longest name it knows there); not a word it does not know
    "capital Lisbon": (
        "Talks\n\nTalks went on near the Kessel capital Lisbon On Monday. The town Council met "
        "at the port Dunholt.",
        [],
        {"places": ["Lisbon"], "organizations": []},
        {},
    ),
    # a town a place lookup knows is no product or work, whatever the model read; a name no
    # lookup knows keeps the model's reading
    "town as a product": (
        "Islands\n\nThey claimed Sardinia, Lisbon and Cyprus, and the Kesselby ferry.",
        [("Sardinia", "GPE", 0), ("Lisbon", "PRODUCT", 0), ("Cyprus", "GPE", 0),
         ("Kesselby", "PRODUCT", 0)],
        {"places": ["Cyprus", "Lisbon", "Sardinia"], "other": ["Kesselby"]},
        {},
    ),
    # a street or square the article says something happens on or in, where the model read
    # nothing; not a name that goes on, nor a given name and more
    "street": (
        "Markets\n\nShares fell on Orrin Street and a rally met in Kessel Square. The Orrin "
        "Street Journal said so, traders on Harwick Road's floor agreed, as did Ida Lane, and "
        "fans met Tove Lane in Anna Lane and in Varn Street Station.",
        [("Ida Lane", "PERSON", 0)],
        {"places": ["Harwick Road", "Kessel Square", "Orrin Street"], "people": ["Ida Lane"]},
        {},
    ),
    # only a person is called "Mr" or "Dr."
    "honorific": (
        "Launch\n\nMr Quellan said Dunmere Soft would ship. Dr. Varnholm agreed with Quellan.",
        [("Quellan", "ORG", 0), ("Dunmere Soft", "ORG", 0), ("Dr. Varnholm", "ORG", 0),
         ("Quellan", "ORG", 1)],
        {"people": ["Quellan", "Varnholm"], "organizations": ["Dunmere Soft"]},
        {},
    ),
    # a demonym before a title and a name read as one person: the person; not before a
    # company's name
    "demonym before a title": (
        "State visit\n\nIcelandic President Anna Marsh met Belgian King Alvar and "
        "British Kessel Airways staff.\n",
        [("Icelandic President Anna Marsh", "PERSON", 0), ("Belgian King Alvar", "PERSON", 0),
         ("British Kessel Airways", "ORG", 0)],
        {"people": ["Anna Marsh", "King Alvar"], "organizations": ["British Kessel Airways"]},
        {},
    ),
    # a party's word before a ministry (one organisation to the model) is no part of it; not
    # before a ministry of one word, nor in the party's own name or office
    "party word before a ministry": (
        "Budget Attacked\n\nLiberal Democrat Treasury spokesman Ivo Renn said the plan was "
        "flawed, Labour Home Office minister Ada Quell disagreed, and the Labor Department, "
        "the Labour Party and Conservative Central Office said nothing.\n",
        [("Democrat Treasury", "ORG", 0), ("Labour Home Office", "ORG", 0),
         ("Labor Department", "ORG", 0), ("Labour Party", "ORG", 0),
         ("Conservative Central Office", "ORG", 0)],
        {"organizations": ["Conservative Central Office", "Home Office", "Labor Department",
                           "Labour Party", "Treasury"]},
        {},
    ),
    # names in a list before a place's noun in the plural are places, and the article's
    # word outweighs the model's readings of the name elsewhere in it
    "a list of names before a place's plural noun": (
        "Noise limits\n\nLimits for Kessel's Varnby, Ostmere and Dunholt airports were cut. "
        "Flights at Ostmere rose, Ostmere staff said, and Ostmere will hire.\n",
        [("Varnby", "PERSON", 0), ("Ostmere", "PERSON", 0), ("Dunholt", "PERSON", 0),
         ("Ostmere", "PERSON", 1), ("Ostmere", "PERSON", 2), ("Ostmere", "PERSON", 3)],
        {"people": [], "places": ["Dunholt", "Ostmere", "Varnby"]},
        {},
    ),
    # a firm named by its partners, with "& Co" or "and Sons" at the end, is one
    # organisation, ", Inc." after it included; not a list of companies without the form
    "a firm named by its partners": (
        "Bonds\n\nAnalysts at Kalf, Varnby & Co. and Orrin Lund & Sons, Inc. agreed, as did "
        "Tove Marsh of Harwick, Brandt and Ostmere. Dunmere Ferry & Co Holdings rose.\n",
        [("Kalf", "ORG", 0), ("Varnby & Co.", "ORG", 0), ("Orrin Lund", "PERSON", 0),
         ("Dunmere Ferry & Co Holdings", "ORG", 0),
         ("Tove Marsh", "PERSON", 0), ("Harwick", "ORG", 0), ("Brandt", "ORG", 0),
         ("Ostmere", "ORG", 0)],
        {"organizations": ["Brandt", "Dunmere Ferry & Co Holdings", "Harwick",
                           "Kalf, Varnby & Co.", "Orrin Lund & Sons, Inc.", "Ostmere"],
         "people": ["Tove Marsh"]},
        {},
    ),
    # two organisations the model read as one, "A and B", where the article names one of
    # them alone (here in capitals); not a firm never named by one founder alone, nor a body
    # ending in what it is (though "Truth" opens a sentence)
    "two organisations read as one": (
        "KESSMARK SALES FALL\n\nOnly Kessmark and Varnair sold fewer cars in July, "
        "analysts at Orrin and Lund said. Truth is, the Truth and Harbour Commission agreed, "
        "and so did Orrin and Lund's clients.\n",
        [("Kessmark and Varnair", "ORG", 0), ("Orrin and Lund", "ORG", 0),
         ("Truth and Harbour Commission", "ORG", 0)],
        {"organizations": ["Kessmark", "Orrin and Lund", "Truth and Harbour Commission",
                           "Varnair"]},
        {},
    ),
    # a dividend notice's dated lines are no people; a person called by a month is one (a
    # given name first, a month's full name, no day after)
    "a notice's dated lines": (
        "Kessel Marine sets payout\n\nQuarterly\n\nAmount $0.25\n\nPay Sept 30\n\n"
        "Record Oct 1\n\nOrla Jan 3 days ago said the board agreed. Koru August 5 times "
        "won the cup. Koru Dec said so.\n",
        [("Pay Sept", "PERSON", 0), ("Record Oct 1", "PERSON", 0), ("Orla Jan", "PERSON", 0),
         ("Koru August", "PERSON", 0), ("Koru Dec", "PERSON", 0)],
        {"people": ["Koru August", "Koru Dec", "Orla Jan"], "organizations": [], "places": []},
        {},
    ),
    # a sports page's heading words before a competition's name are no part of it
    "heading words before a competition": (
        "Rugby league\n\nResults of Kessel Super League matches played at the weekend:\n\n"
        "Standings in the Varnby Premier Division:\n",
        [("Results of Kessel Super League", "ORG", 0),
         ("Standings in the Varnby Premier Division", "ORG", 0)],
        {"organizations": ["Kessel Super League", "Varnby Premier Division"]},
        {},
    ),
    # a date with its day after a name is no part of it (the digit made it an organisation)
    "a name with a date after it": (
        "Ferries\n\nOrla Brandt said the fares would rise.\n\nBrandt Sept 7 - Kessel Wire.\n",
        [("Orla Brandt", "PERSON", 0), ("Brandt Sept 7", "ORG", 0)],
        {"people": ["Orla Brandt"], "organizations": []},
        {},
    ),
    # a team's nickname alone after its region and nickname, as after its town's
    "a team by its nickname after its region's": (
        "Baseball\n\nThe Texas Herons beat the Lisbon Rovers. The Herons led early.\n",
        [("Texas Herons", "ORG", 0), ("Lisbon Rovers", "ORG", 0), ("Herons", "ORG", 1)],
        {"organizations": ["Lisbon Rovers", "Texas Herons"]},
        {"Texas Herons": ["Herons"]},
    ),
    # the words that say which secretary are the title's, not an organisation's; the place
    # the office is of is left, a place where the gazetteer knows it
    "a title's words read as an organisation": (
        "Visit\n\nLisbon Financial Secretary Ida Holm met Dunmere Chief Secretary Per Lund. "
        "Kessel Harbour Board Secretary Orla Brandt agreed.\n",
        [("Lisbon Financial", "ORG", 0), ("Ida Holm", "PERSON", 0), ("Dunmere Chief", "ORG", 0),
         ("Per Lund", "PERSON", 0), ("Kessel Harbour Board", "ORG", 0),
         ("Orla Brandt", "PERSON", 0)],
        {"organizations": ["Dunmere", "Kessel Harbour Board"], "places": ["Lisbon"],
         "people": ["Ida Holm", "Orla Brandt", "Per Lund"]},
        {},
    ),
    # an amount with its currency's letters is no organisation
    "money read as a name": (
        "Rates\n\nKessel Holdings paid HK$100 a share and T$27.48 more.\n",
        [("HK$100", "ORG", 0), ("T$27.48", "ORG", 0), ("Kessel Holdings", "ORG", 0)],
        {"organizations": ["Kessel Holdings"]},
        {},
    ),
    # a body's name and the place it is of, cut by the model, are one organisation (also
    # where the model left the body's word out); with "in", only a name of what the body is
    # for and no town; a company's "Inc of" and a court "in" a town stay apart
    "a body and the place it is of": (
        "Rates\n\nThe Reserve bank of Kesselland held rates. The National Council of Harbour "
        "Churches of Kesselland and the Organisation for Trade and Cooperation in the Varn "
        "Basin met, as did the Board for Harbour Safety in Norway. Kessel Freight Inc of Dunmere "
        "gained. The Pilots Council in Europe and the District Court for Ports in Dunmere said "
        "nothing, nor did the Harbour Party leader of Orrinland.\n",
        [("Reserve", "ORG", 0), ("Kesselland", "GPE", 0),
         ("National Council of Harbour Churches", "ORG", 0), ("Kesselland", "GPE", 1),
         ("Organisation for Trade and Cooperation", "ORG", 0), ("Varn Basin", "LOC", 0),
         ("Board for Harbour Safety", "ORG", 0), ("Norway", "GPE", 0),
         ("Kessel Freight Inc of Dunmere", "ORG", 0), ("Pilots Council", "ORG", 0),
         ("Europe", "LOC", 0), ("District Court for Ports", "ORG", 0), ("Dunmere", "GPE", 1),
         ("Harbour Party", "ORG", 0), ("Orrinland", "GPE", 0)],
        {"organizations": [
            "Board for Harbour Safety in Norway", "District Court for Ports", "Harbour Party",
            "Kessel Freight Inc",
            "National Council of Harbour Churches of Kesselland",
            "Organisation for Trade and Cooperation in the Varn Basin", "Pilots Council",
            "Reserve bank of Kesselland",
        ], "places": ["Dunmere", "Europe", "Orrinland"]},
        {},
    ),
}


@pytest.mark.parametrize("case", sorted(CORRECTED))
def test_the_article_rules_correct_what_the_model_misread(case: str) -> None:
    text, readings, listed, aliases = CORRECTED[case]
    result = corrected(text, [at(text, name, label, nth) for name, label, nth in readings])
    assert {kind: getattr(result, kind) for kind in listed} == listed
    assert {name: result.aliases.get(name) for name in aliases} == aliases


def test_a_name_with_a_digit_is_no_person_or_town() -> None:
    text = "Deal\n\nKessnet, Q3 and the K9 group met on Route 66 near Dunmere."
    misread = [
        at(text, "Kessnet", "ORG"),
        at(text, "Q3", "PERSON"),
        at(text, "K9", "GPE"),
        at(text, "Route 66", "LOC"),
    ]
    assert labels(text, misread) == [
        ("Kessnet", "ORG"), ("Q3", "ORG"), ("K9", "ORG"), ("Route 66", "LOC"),
    ]


def test_a_name_ending_in_a_company_form_or_an_event_word_is_a_company_or_an_event() -> None:
    text = (
        "Results\n\nVarnholm Mining Co bought Kessel SpA and a stake in Halvex plc, said Ida "
        "Holm. The comedy Tove Lantern - co-written by Ida Holm - opened. Harwick won the Kessel "
        "Cup and the Varnholm Open, then the Grand Slam; Dunmere Film Festival awards and the "
        "Tarrow Prize went to Dunmere Games, the studio. Ida Holm won the Kessel Classic, "
        "the Orrin Rally and the Varnholm Series."
    )
    assert_relabelled(text, [
        ("Varnholm Mining Co", "PERSON", "ORG"),
        ("Kessel SpA", "GPE", "ORG"),
        ("Halvex plc", "PERSON", "ORG"),
        ("Ida Holm", "PERSON", "PERSON"),
        ("Tove Lantern - co", "PERSON", "PERSON"),  # a dash before it: no legal form
        ("Kessel Cup", "ORG", "EVENT"),
        ("Varnholm Open", "GPE", "EVENT"),
        ("Grand Slam", "LOC", "EVENT"),
        ("Dunmere Film Festival", "GPE", "EVENT"),
        ("Tarrow Prize", "PERSON", "EVENT"),
        ("Dunmere Games", "ORG", "ORG"),  # "games" ends companies' names too
        ("Kessel Classic", "ORG", "EVENT"),
        ("Orrin Rally", "PERSON", "EVENT"),
        ("Varnholm Series", "ORG", "EVENT"),
    ])


def test_a_name_ending_in_a_venues_word_is_a_place() -> None:
    text = (
        "Venues\n\nThey met at Kessel Stadium, the National Rowing Centre and Dunmere Airport; "
        "the Harbour Policy Centre and the Centre for Harbour Studies disagreed. Varnby General "
        "Hospital, the Orrin Museum and Kessel Bridge closed; singer Anna Church and Marsh, "
        "Bridge stayed."
    )
    assert_relabelled(text, [
        ("Kessel Stadium", "ORG", "FAC"),
        ("National Rowing Centre", "ORG", "FAC"),
        ("Dunmere Airport", "PERSON", "FAC"),
        ("Harbour Policy Centre", "ORG", "ORG"),  # people work there: a body
        ("Centre for Harbour Studies", "ORG", "ORG"),
        ("Varnby General Hospital", "ORG", "FAC"),
        ("Orrin Museum", "ORG", "FAC"),
        ("Kessel Bridge", "ORG", "FAC"),
        ("Anna Church", "ORG", "ORG"),  # a given name and a surname
        ("Marsh, Bridge", "ORG", "ORG"),  # a list the model read as one name
    ])


def test_a_building_that_houses_a_government_is_a_place() -> None:
    """ "The Kremlin said": the building stands for the government; its page is a place's, like
    a street's ("Downing Street")."""
    text = "Talks\n\nThe Kremlin said the White House had called. Kessel Holdings agreed."
    assert_relabelled(text, [
        ("Kremlin", "ORG", "FAC"), ("White House", "ORG", "FAC"), ("Kessel Holdings", "ORG", "ORG"),
    ])


def test_a_name_that_says_it_is_a_club_is_an_organisation() -> None:
    places = gazetteer()
    assert places.is_club("Harwick Rovers") and places.is_club("Kesselford United")
    # "City" and "Town" after a city's name, when the whole is no place
    assert places.is_club("Lisbon City") and not places.is_club("Dunmere City")
    assert not places.is_club("Mexico City") and not places.is_club("Quebec City")
    assert places.is_club("Real Lisbon") and not places.is_club("Real Dunmere")
    # a word only clubs start with, before any name
    assert places.is_club("Deportivo Dunmere") and places.is_club("Borussia Kessel Harwick")
    text = "Harwick Rovers beat Lisbon City. Rovers are top; City lost to Kesselford United."
    misread = [
        at(text, "Harwick Rovers", "PERSON"),
        at(text, "Lisbon City", "GPE"),
        at(text, "Kesselford United", "PERSON"),
    ]
    assert {m.label for m in complete(text, misread)} == {"ORG"}
    # the last word alone is the club named in full before it
    result = resolve(
        text,
        complete(text, [*misread, at(text, "Rovers", "ORG", 1), at(text, "City", "ORG", 1)]),
        EntityConfig.empty(),
    )
    assert result.organizations == ["Harwick Rovers", "Kesselford United", "Lisbon City"]
    assert result.aliases["Harwick Rovers"] == ["Rovers"]
    assert result.aliases["Lisbon City"] == ["City"]


def test_a_club_is_named_without_its_town_after_the_first_time() -> None:
    # "Sparvo Lisbon" then "Sparvo", which the model took for a person: the club, its town cut.
    # Not a country cut ("Tellan" beside "Tellan Norway" may be the parent company), nor a
    # given name ("Maria" beside the ferry line "Maria Porto" is someone), nor a place ("Kenya
    # Lisbon", a club named after a country, beside the country).
    text = ("Sparvo Lisbon beat Red Kestrel Porto 2-1. Sparvo scored late and Red Kestrel had "
            "no answer. Tellan Norway and Maria Porto sponsor both; Tellan and Maria watched. "
            "Kenya Lisbon play in Kenya next.")
    misread = [at(text, name, "ORG") for name in (
        "Sparvo Lisbon", "Red Kestrel Porto", "Tellan Norway", "Maria Porto", "Kenya Lisbon")]
    misread += [at(text, name, "PERSON", 1) for name in ("Sparvo", "Red Kestrel", "Maria")]
    misread += [at(text, "Tellan", "PERSON", 1), at(text, "Kenya", "ORG", 1)]
    result = corrected(text, misread)
    assert result.aliases["Sparvo Lisbon"] == ["Sparvo"]
    assert result.aliases["Red Kestrel Porto"] == ["Red Kestrel"]
    assert not {"Tellan Norway", "Maria Porto", "Kenya Lisbon"} & set(result.aliases)
    assert {"Tellan", "Maria"} <= set(result.people) and "Kenya" in result.places
    assert not {"Sparvo", "Red Kestrel"} & set(result.people)


# -- clubs and towns ----------------------------------------------------------------------------

RESULTS = """Kessel Cup Results

Results of Kessel Cup matches on Saturday:

Harwick Rovers 2 Dunmere 1

Marrowby 0 Kesselford 3

Portugal 2 Norway 1

Standings:

Kesselford 3 3 0 0 9 2 9

Harwick Rovers 3 2 0 1 6 4 6

Dunmere 3 0 1 2 2 7 1
"""


def test_a_name_leading_a_row_of_scores_is_a_team(extractor: EntityExtractor) -> None:
    result = extract_one(extractor, RESULTS)
    assert {"Harwick Rovers", "Dunmere", "Marrowby", "Kesselford"} <= set(result.organizations)
    # A national team is the country it plays for.
    assert {"Norway", "Portugal"} <= set(result.places)
    assert not {"Harwick Rovers", "Dunmere"} & set(result.people + result.places)


NUMBERED_CLUBS = """Varnholm League Results

Results of first division matches on Saturday:

Harwick Rovers 1 1899 Kesselby 1

Dunmere 04 2 Marrowby 1

1899 Kesselby 3 Varnby Albion 0

Standings:

1. 1899 Kesselby 2 1 1 0 4 2 4

2. Dunmere 04 2 1 0 1 3 3 3
"""


def test_a_clubs_founding_year_and_number_are_words_of_its_name(
    extractor: EntityExtractor,
) -> None:
    """A year before a club's town and a number written with its zero after it are no score
    and no rank."""
    result = extract_one(extractor, NUMBERED_CLUBS)
    assert {"1899 Kesselby", "Dunmere 04", "Harwick Rovers", "Marrowby"} <= set(
        result.organizations)
    assert not {"Kesselby", "Dunmere"} & set(result.organizations + result.places)


ONE_FIXTURE = """Kessel League Results

Results of Kessel league matches on Saturday:

Harwick Rovers 2 Dunmere 1

Queen of the Harbour 0 Marrowby 3

Playing Sunday:

Varnby v Ostmere
"""


def test_one_fixture_in_a_report_of_results_is_two_teams(extractor: EntityExtractor) -> None:
    """In a report whose rows lead with teams, a fixture alone is two teams as well; a club's
    name may hold "of the"."""
    result = extract_one(extractor, ONE_FIXTURE)
    assert {"Varnby", "Ostmere", "Queen of the Harbour", "Harwick Rovers"} <= set(
        result.organizations)
    assert not {"Varnby", "Ostmere"} & set(result.people + result.places)
    # a fixture alone elsewhere is no list of fixtures: a court's case, say
    case = "Ruling\n\nThe court ruled in Kesselby v Dunholt.\n"
    assert labels(case, [at(case, "Kesselby", "GPE"), at(case, "Dunholt", "GPE")]) == [
        ("Kesselby", "GPE"), ("Dunholt", "GPE")]


MATCHES = """Varnholm League Results

Results of first division matches played on Sunday:

F.C. Dravo Kessling 1 Jiskra Varnholm 0

Gavrilo Dunmersk 2 A.S. Kolvar Harwin 2

In Tarsk: F.C. Vetrikby 1 Brennstad (Sudland) 0

Standings:

Jiskra Varnholm 2 1 0 1 3 2 3

Gavrilo Dunmersk 2 0 2 0 3 3 2
"""


def test_the_sides_of_a_match_line_are_teams_whatever_the_model_read() -> None:
    # Clubs the model took for people ("Jiskra Varnholm"): a line of two sides, each with its
    # goals, is one match, and no table of people is written so. A club's initials ("F.C.",
    # "A.S.") open its name there.
    sides = ("F.C. Dravo Kessling", "Jiskra Varnholm", "Gavrilo Dunmersk", "A.S. Kolvar Harwin",
             "F.C. Vetrikby", "Brennstad")
    misread = [at(MATCHES, side, "PERSON") for side in sides]
    misread += [at(MATCHES, side, "PERSON", 1) for side in ("Jiskra Varnholm", "Gavrilo Dunmersk")]
    result = corrected(MATCHES, misread)
    assert set(result.organizations) == set(sides)
    assert not result.people and result.places == ["Tarsk"]  # the venue


def test_a_name_alone_under_the_title_is_the_reporter() -> None:
    # The byline, which the model often reads as nothing, after "By" too; not a lead paragraph
    # that starts with a person's name.
    for byline in ("Anna Marsh", "By Anna Marsh"):
        text = f"Kessel Gas Cuts Jobs\n\n{byline}\n\nKESSEL 1996-08-30\n\nKessel Gas cut jobs."
        assert ("Anna Marsh", "PERSON") in labels(text, [])
    text = "Kessel Gas Cuts Jobs\n\nAnna Marsh said on Friday the gas works would close.\n"
    assert labels(text, []) == []


def test_a_sign_off_names_the_office_and_the_reporter() -> None:
    text = (
        "Kessel Gas Cuts Jobs\n\nKessel Gas will cut jobs.\n\n"
        "-- Orla Brandt, Kessel Energy Desk, 212-555-0100\n\n-- Harwick newsroom (852) 2843\n\n"
        "- Air Freight Newsroom Tel+44 161 555 0100\n"
    )
    assert labels(text, []) == [
        ("Orla Brandt", "PERSON"), ("Kessel Energy Desk", "ORG"), ("Air Freight Newsroom", "ORG"),
    ]
    # The line's layout wins over the model: the reporter it read as a company, the office it
    # read as its town. A newsroom in lower case is the town's: the model's place stays.
    text = ("Kessel Gas Cuts Jobs\n\nKessel Gas will cut jobs.\n\n"
            "-- Orla Brandt, Lisbon Newsroom +351 21 555 0100\n\n"
            "-- Ida Vell, Harwick newsroom (852) 2843\n")
    misread = [at(text, "Orla Brandt", "ORG"), at(text, "Lisbon", "GPE"),
               at(text, "Ida Vell", "GPE"), at(text, "Harwick", "GPE")]
    assert labels(text, misread) == [
        ("Orla Brandt", "PERSON"), ("Lisbon Newsroom", "ORG"), ("Ida Vell", "PERSON"),
        ("Harwick", "GPE"),
    ]
    # not a line that only starts with a dash
    assert labels("Kessel Gas\n\n-- Kessel Gas cut jobs at its Harwick desk.\n", []) == []


WRAPPED = """Varnholm Cup Results

Results of the second leg played on Thursday:

In Kessling: Jiskra Varnholm (Norland) 0 Gavrilo Dunmersk

(Sudland) 2 (halftime 0-0)

In Harwin: Dravo Kessling (Norland) 3 Kolvar Harwin (Ostmark)

1 (1-1)

In Orrinby: Tarvel Orrin (Westmark) 1 Brenmoor Vale (Sudland) 1

Gavrilo Dunmersk win 3-0 on aggregate.
"""


SUMMARIES = """Varnholm League Summaries

Summaries of first division matches on Saturday:

Dravo Kessling 1 (Orrin 66th minute) Jiskra Varnholm 1 (Brenmoor 59th).

Halftime 0-0.

Gavrilo Dunmersk 0 Kolvar Harwin 2 (Tarvel 12th, Ostby 80th pen).
"""


def test_a_match_line_with_each_side_s_scorers_after_its_goals_is_one() -> None:
    # "Side N (scorers) Side N (scorers)": the scorers' brackets are no words of a row of
    # numbers, and the side after them leads a row of its own; such a line is one match, so
    # its sides are teams though the model read every one as a person.
    sides = ("Dravo Kessling", "Jiskra Varnholm", "Gavrilo Dunmersk", "Kolvar Harwin")
    result = corrected(SUMMARIES, [at(SUMMARIES, side, "PERSON") for side in sides])
    assert set(result.organizations) == set(sides)
    assert not set(sides) & set(result.people + result.places)


def test_a_match_line_the_wire_wrapped_or_closed_with_its_half_time_is_one() -> None:
    # Wires wrap lines at a fixed width, so a result may go on in the next paragraph with the
    # second side's country or goals; and a half-time score may close it. Each is still one
    # match of two sides, teams whatever the model read (a venue prefix counting as no words).
    sides = ("Jiskra Varnholm", "Gavrilo Dunmersk", "Dravo Kessling", "Kolvar Harwin",
             "Tarvel Orrin", "Brenmoor Vale")
    result = corrected(WRAPPED, [at(WRAPPED, side, "PERSON") for side in sides])
    assert set(result.organizations) == set(sides)
    assert not result.people


STATEMENT = """Orrinby Data Q2 net rises.

Summary of consolidated financial data (in thousands):

Total Revenue 10,756 13,102

Software Revenue 2,383 1,558

Services Revenue 1,154 692

Operating Income 906 962

Working Capital 5,755 881

Total Assets 14,196 7,138
"""


def test_the_rows_of_a_company_s_results_are_figures_not_teams() -> None:
    # A name and numbers make a results row, but one that ends in a figure's label names the
    # figure ("Software Revenue", "Working Capital"), whatever the model read.
    result = corrected(STATEMENT, [at(STATEMENT, "Orrinby Data", "ORG")])
    assert result.organizations == ["Orrinby Data"]
    assert not result.people and not result.places


def test_the_same_name_in_prose_is_a_town(extractor: EntityExtractor) -> None:
    text = (
        "Storm Damage\n\nHeavy rain flooded the streets of Dunmere on Tuesday, and the harbour "
        "in Dunmere was closed."
    )
    assert extract_one(extractor, text).places == ["Dunmere"]


def test_tables_of_people_stay_people(extractor: EntityExtractor) -> None:
    text = (
        "Kessel Open Scores\n\nLeading scores after the third round:\n\n"
        "203 Mirela Voskuijlen (Norway) 68 67 68\n\n204 Edda Marrowfield (Portugal) 70 66 68\n\n"
        "205 Tobias Harrowgate (Norway) 69 68 68\n"
    )
    result = extract_one(extractor, text)
    assert {"Mirela Voskuijlen", "Edda Marrowfield"} <= set(result.people)
    assert not result.organizations


ATHLETICS = """Kessel Games Results

Women's 1,500 metres

1. Mirela Voskuijlen (Norway) 4:08.22

2. Edda Marrowfield (Portugal) 4:09.25

3. Ilse Brandvold (Norway) 4:09.95

4. Petra Sandvik (Portugal) 4:10.38
"""


def test_every_row_of_a_table_of_people_is_a_person(extractor: EntityExtractor) -> None:
    # The model's label of one row does not decide it: the table is of people.
    misread = [
        at(ATHLETICS, "Mirela Voskuijlen", "PERSON"),
        at(ATHLETICS, "Edda Marrowfield", "PERSON"),
        at(ATHLETICS, "Ilse Brandvold", "ORG"),
        at(ATHLETICS, "Norway", "GPE"),
        at(ATHLETICS, "Portugal", "GPE"),
    ]
    fixed = {(m.text, m.label) for m in complete(ATHLETICS, misread)}
    assert {
        ("Mirela Voskuijlen", "PERSON"), ("Edda Marrowfield", "PERSON"),
        ("Ilse Brandvold", "PERSON"), ("Petra Sandvik", "PERSON"),
    } <= fixed
    assert ("Ilse Brandvold", "ORG") not in fixed
    assert ("Women's", "PERSON") not in fixed  # the heading above the rows
    result = extract_one(extractor, ATHLETICS)
    assert set(result.people) == {
        "Mirela Voskuijlen", "Edda Marrowfield", "Ilse Brandvold", "Petra Sandvik"
    }
    assert not result.organizations


STAGE_RACE = """Tour of Kesselland Results

Leading results of the sixth stage on Saturday:

1. Mirela Voskuijlen (Norway) Varnholm Cycling 4 hours 48 mins 2 seconds

2. Edda Marrowfield (Portugal) Orrinbank 5 seconds behind

3. Ilse Brandvold (Norway) KTV same time

4. Petra Sandvik (Portugal) Harwick-Velo

5. Anna Marsh (Norway) beat Ida Holm in the sprint

6. Tove Lindqvist (Portugal), Lola Orrin Ford, 54.617

7. Ida Berglund (Norway), Petra Lindholm (Portugal)

8. Tove Ekberg (Norway) Norwegian record

9. Ida Lund (Sweden), Orla Brandt
"""


def test_a_name_after_a_riders_country_is_the_riders_team(extractor: EntityExtractor) -> None:
    # Before the result's figures or the line's end, or between commas before the figures;
    # not a lower-case word ("beat"), a people ("Norwegian record"), nor another rider, with a
    # country of her own or after a comma at the line's end.
    result = extract_one(extractor, STAGE_RACE)
    teams = {"Varnholm Cycling", "Orrinbank", "KTV", "Harwick-Velo", "Lola Orrin Ford"}
    assert teams <= set(result.organizations)
    assert not teams & set(result.people + result.places)
    assert {"Mirela Voskuijlen", "Edda Marrowfield", "Anna Marsh"} <= set(result.people)
    assert not {"Anna Marsh", "Ida Holm", "Ida Berglund", "Petra Lindholm", "Norwegian",
                "Orla Brandt"} & set(result.organizations)


def test_a_name_before_a_minute_in_brackets_is_a_scorer(extractor: EntityExtractor) -> None:
    # One scorer a line, the way the model misses them; not a side before its minute.
    text = (
        "Varnholm Beat Kessel 2-1\n\nDUNMERE 2024-05-11\n\n"
        "Varnholm beat Kessel 2-1 on Saturday.\n\n"
        "Scorers:\n\nVarnholm - Ottilie Brandqvist (13th), Henrike Solvang (88th pen)\n\n"
        "Kessel - Jarmo Vekkelainen (61st minute)\n\nThe match at Kessel (12th) was tense.\n\n"
        "Ranked: Norway (12th)\n\nRanked: Lisbon (9th)\n\nRanked: Norwegians (3rd)\n"
    )
    result = extract_one(extractor, text)
    assert {"Ottilie Brandqvist", "Henrike Solvang", "Jarmo Vekkelainen"} <= set(result.people)
    assert not {"Kessel", "Norway", "Lisbon", "Norwegians"} & set(result.people)


def test_scorers_inside_their_sides_bracket_are_people() -> None:
    # The minutes unbracketed, inside the side's bracket: each name before one is a scorer.
    text = (
        "League Round-up\n\nHarwick 2 (Ottilie Brandqvist 29th, Solvang 47th and 60th) Kessel "
        "1 (Jarmo Vekkelainen 12th pen)\n"
    )
    misread = [at(text, "Solvang 47th and", "DATE"), at(text, "Harwick", "ORG"),
               at(text, "Kessel", "ORG")]
    result = corrected(text, misread)
    assert result.people == ["Jarmo Vekkelainen", "Ottilie Brandqvist", "Solvang"]


def test_the_side_before_its_scorers_is_a_team() -> None:
    # The model's person before the dash is the club its scorers scored for; a country is its
    # national team, a place.
    text = (
        "Cup Tie\n\nScorers:\n\nDravo Kessling - Ottilie Brandqvist (13th), Henrike Solvang "
        "(88th)\n\nNorway - Jarmo Vekkelainen (61st)\n"
    )
    misread = [at(text, "Dravo Kessling", "PERSON"), at(text, "Norway", "GPE")]
    result = corrected(text, misread)
    assert result.organizations == ["Dravo Kessling"]
    assert result.places == ["Norway"]
    assert result.people == ["Henrike Solvang", "Jarmo Vekkelainen", "Ottilie Brandqvist"]


def test_a_players_club_in_brackets_is_an_organisation() -> None:
    # Scorers with their clubs: a bracket after a person is the club, a country stays the
    # player's country; a review's actors with their films are no players.
    text = (
        "League Scorers\n\nLeading scorers:\n\n3 - Anna Marsh (Kessling), Ida Holm (Harwick "
        "Rovers), Tove Lund (Norway), Ida Berg (Swe), Lola Orrin (Norwegian)\n"
    )
    misread = [at(text, "Anna Marsh", "PERSON"), at(text, "Kessling", "PERSON"),
               at(text, "Ida Holm", "PERSON"), at(text, "Harwick Rovers", "GPE"),
               at(text, "Tove Lund", "PERSON"), at(text, "Norway", "GPE")]
    result = corrected(text, misread)
    # "(Swe)" starts a country's name, "(Norwegian)" is a people: the player's country
    assert result.organizations == ["Harwick Rovers", "Kessling"]
    assert result.places == ["Norway"]
    review = "Awards\n\nNominees: Petra Lind (Kessel Nights), Orla Brandt (Varnholm Affair)\n"
    misread = [at(review, "Petra Lind", "PERSON"), at(review, "Orla Brandt", "PERSON"),
               at(review, "Kessel Nights", "WORK_OF_ART")]
    assert not corrected(review, misread).organizations


def test_teams_with_their_country_in_brackets_are_teams(extractor: EntityExtractor) -> None:
    # Two names with scores on one line are a match, so a bracket there names a club's country,
    # not a player's.
    text = (
        "Kessel Cup Results\n\nResults on Saturday:\n\n"
        "Harwick (Norway) 92 Dunmere (Portugal) 81\n\n"
        "Marrowby (Norway) 75 Kesselford (Portugal) 70\n"
    )
    result = extract_one(extractor, text)
    teams = {"Harwick", "Dunmere", "Marrowby", "Kesselford"}
    assert teams <= set(result.organizations)
    assert not teams & set(result.people)


LINEUP = (
    "Kessel Draw With Varnholm\n\nTeams:\n\n"
    "Norway - 1 - Thomas Marsh; 2 - Daniel Holmgren (14 - Peter Lindqvist 87th), "
    "5 - Martin Brandvold, 8 - Oskar Sandvik (Berger 60th), 3 - Jonas Ekberg\n"
)
LINEUP_PEOPLE = {
    "Thomas Marsh", "Daniel Holmgren", "Peter Lindqvist", "Martin Brandvold", "Oskar Sandvik",
    "Berger", "Jonas Ekberg",
}


def test_the_items_of_a_list_of_people_are_people(extractor: EntityExtractor) -> None:
    misread = [
        at(LINEUP, "Norway", "GPE"),
        at(LINEUP, "Daniel Holmgren", "PERSON"),
        at(LINEUP, "Martin Brandvold", "ORG"),
        at(LINEUP, "Berger", "PERSON"),
        at(LINEUP, "Jonas Ekberg", "PERSON"),
    ]
    fixed = {(m.text, m.label) for m in complete(LINEUP, misread)}
    assert {(name, "PERSON") for name in LINEUP_PEOPLE} <= fixed
    assert ("Norway", "GPE") in fixed  # a country stays a place
    assert ("Teams", "PERSON") not in fixed
    # The model itself misses some of the players.
    ((text, doc),) = list(run_docs(extractor.nlp(), [LINEUP]))
    assert LINEUP_PEOPLE - {m.text for m in mentions_of(doc, text)}
    result = extract_one(extractor, LINEUP)
    assert set(result.people) == LINEUP_PEOPLE
    assert not result.organizations


def test_a_squad_of_surnames_is_people_when_the_report_names_them() -> None:
    squad = (
        "Kessel Squad Named\n\nCoach Tove Berg kept Anders Quellby and Mikael Dunstrom in the "
        "side, and recalled Petter Lindholm.\n\n"
        "Quellby, Dunstrom, Lindholm, Varnsen, Ostergaard.\n"
    )
    misread = [
        at(squad, "Tove Berg", "PERSON"), at(squad, "Anders Quellby", "PERSON"),
        at(squad, "Mikael Dunstrom", "PERSON"), at(squad, "Petter Lindholm", "PERSON"),
        at(squad, "Quellby", "ORG", 1), at(squad, "Dunstrom", "GPE", 1),
        at(squad, "Lindholm", "ORG", 1), at(squad, "Varnsen", "PERSON"),
    ]
    fixed = {(m.text, m.start, m.label) for m in complete(squad, misread)}
    # the report's players' surnames outvote the model's readings of the line: all are people
    for name in ("Quellby", "Dunstrom", "Lindholm", "Varnsen", "Ostergaard"):
        assert (name, squad.rindex(name), "PERSON") in fixed, name


def test_a_lists_label_with_a_bracket_before_its_colon_is_no_item() -> None:
    line = ("Scores\n\nBowling (to date): Anna Marsh 25-8-61-1, Ida Holm 20-6-70-2, "
            "Per Lund 12-1-41-1\n")
    misread = [at(line, "Anna Marsh", "PERSON"), at(line, "Ida Holm", "PERSON")]
    fixed = {(m.text, m.label) for m in complete(line, misread)}
    assert {("Anna Marsh", "PERSON"), ("Ida Holm", "PERSON"), ("Per Lund", "PERSON")} <= fixed
    assert not {name for name, _label in fixed} & {"Bowling"}


def test_a_list_the_model_reads_as_clubs_or_prose_is_left_alone() -> None:
    clubs = "Kessel, Varnholm (Norway), Dunmere Rovers; Marrowby Town - Harwick Athletic\n"
    misread = [
        at(clubs, "Kessel", "ORG"),
        at(clubs, "Varnholm", "PERSON"),
        at(clubs, "Dunmere Rovers", "ORG"),
        at(clubs, "Marrowby Town", "ORG"),
    ]
    assert {m.label for m in complete(clubs, misread) if m.text != "Norway"} == {"ORG", "PERSON"}
    assert ("Harwick Athletic", "PERSON") not in {
        (m.text, m.label) for m in complete(clubs, misread)
    }
    prose = (
        "Anna Marsh, who coached Ida Holm, said on Monday that Per Lund, the new captain, "
        "would play.\n"
    )
    misread = [at(prose, "Anna Marsh", "PERSON"), at(prose, "Ida Holm", "PERSON")]
    assert [m.text for m in complete(prose, misread)] == ["Anna Marsh", "Ida Holm"]


def test_initials_and_names_after_a_word_are_list_items() -> None:
    # A scorecard: "A. Marsh" is an initial and a surname, not the word "a"; "beat Ida Holm
    # (Norway)" is an item though a word, not a separator, stands before it.
    card = "Kessel 259 (A. Marsh 69, T. Holm 54; P. Lund 4-43), Varnholm 114 (K. Berg 4-28)\n"
    misread = [at(card, "T. Holm", "PERSON"), at(card, "P. Lund", "PERSON")]
    fixed = {(m.text, m.label) for m in complete(card, misread)}
    assert {("A. Marsh", "PERSON"), ("K. Berg", "PERSON")} <= fixed
    draw = "Round 3: Ida Holm (Norway) beat Anna Marsh (Sweden), Per Lund (Norway) beat Tove Berg\n"
    misread = [at(draw, "Ida Holm", "PERSON"), at(draw, "Per Lund", "PERSON")]
    fixed = {(m.text, m.label) for m in complete(draw, misread)}
    assert ("Anna Marsh", "PERSON") in fixed


RESULTS_WITH_COUNTRIES = """Kessel Open Results

Results from the Kessel Open on Friday:

Women's singles, third round

Mirela Voskuijlen (Norway) beat Edda Marrowfield (Portugal) 6-4 6-2

Ilse Brandvold (Sweden) beat Petra Sandvik (Norway) 6-3 7-5

Men's singles, second round 4 - Tobias Harrowgate (Portugal) beat Oskar Lindqvist (Sweden) 6-1 6-2

Jonas Ekberg (Sweden) beat Daniel Holmgren (Norway) 6-3 6-4
"""


def test_names_written_with_a_country_are_people_when_most_are(
    extractor: EntityExtractor,
) -> None:
    text = RESULTS_WITH_COUNTRIES
    names = [
        "Mirela Voskuijlen", "Edda Marrowfield", "Ilse Brandvold", "Petra Sandvik",
        "Tobias Harrowgate", "Oskar Lindqvist", "Jonas Ekberg", "Daniel Holmgren",
    ]
    # The model reads four of them as people, one as an organisation, three not at all.
    misread = [
        at(text, "Mirela Voskuijlen", "PERSON"),
        at(text, "Edda Marrowfield", "ORG"),
        at(text, "Petra Sandvik", "PERSON"),
        at(text, "Jonas Ekberg", "PERSON"),
        at(text, "Daniel Holmgren", "PERSON"),
    ]
    fixed = set(labels(text, misread))
    assert {(name, "PERSON") for name in names} <= fixed
    assert ("Edda Marrowfield", "ORG") not in fixed
    # With the real model: it misses some and reads some as organisations.
    ((raw, doc),) = list(run_docs(extractor.nlp(), [text]))
    assert set(names) - {m.text for m in mentions_of(doc, raw) if m.label == "PERSON"}
    result = extract_one(extractor, text)
    assert result.people == sorted(names)
    assert result.places == ["Norway", "Portugal", "Sweden"]
    assert not result.organizations
    # Clubs written with their country, which the model reads as clubs, are left alone.
    clubs = text
    for name in names:
        clubs = clubs.replace(name, name.split()[1] + " Rovers")
    misread = [at(clubs, f"{n.split()[1]} Rovers", "ORG") for n in names[:4]]
    assert all(m.label == "ORG" for m in complete(clubs, misread) if "Rovers" in m.text)


def test_rows_of_amounts_dates_or_bowling_figures_are_not_teams() -> None:
    text = (
        "Kessel Gas half-year forecast\n\nKESSEL 1996-08-30\n\n(in millions of crowns)\n\n"
        "Sales 9.06 9.31 8.42\n\nCurrent 818 million 979 million\n\nNet 415 million 490 million\n\n"
        "Dividend 12.50 12.00 11.00\n"
    )
    assert [m for m in complete(text, []) if m.label == "ORG"] == []
    bowling = (
        "Bowling: Anna Marsh 10-1-40-2, Ida Holm 8-0-37-2, Tove Berg 6.5-1-23-4\n\n"
        "Per Lund 10-0-52-1\n"
    )
    found = complete(bowling, [at(bowling, "Anna Marsh", "PERSON"), at(bowling, "Per Lund", "ORG")])
    assert ("Per Lund", "ORG") in {(m.text, m.label) for m in found}  # the model's, unchanged
    assert not any(m.label == "ORG" and m.text != "Per Lund" for m in found)


def test_rows_of_amounts_are_no_teams_but_their_places_are_places() -> None:
    # Cargo by airport, sales by country: a figure in thousands is an amount, not a score. A
    # row the gazetteer knows is a place; any other keeps the model's reading; a table of
    # people (a money list) is still one.
    text = ("Air cargo January-July\n\nLisbon 17,844 up 5.9 pct\n\nPorto 45 Yellow 12,700-12,950"
            "\n\nKessel Freight 6,746 down 4.4\n\nRevs 476 2,253\n\nHarwick 2 Dunmere 1\n")
    found = {(m.text, m.label) for m in complete(text, [
        at(text, "Lisbon", "ORG"), at(text, "Kessel Freight", "PERSON")])}
    assert {("Lisbon", "GPE"), ("Porto", "GPE"), ("Kessel Freight", "PERSON")} <= found
    assert not {("Lisbon", "ORG"), ("Porto", "ORG"), ("Kessel Freight", "ORG")} & found
    # a figure's label the model read with its figures is still no name
    result = corrected(text, [at(text, "Revs 476 2", "ORG")])
    assert "Revs" not in " ".join(result.organizations + result.people + result.other)
    money = ("Money list\n\n1. Anna Marsh 510,258\n\n2. Ida Holm 442,201\n\n"
             "3. Tove Berg 234,330\n")
    misread = [at(money, "Anna Marsh", "PERSON"), at(money, "Ida Holm", "ORG"),
               at(money, "Tove Berg", "PERSON")]
    assert {m.label for m in complete(money, misread)} == {"PERSON"}


def test_the_sides_of_a_list_of_fixtures_are_teams(extractor: EntityExtractor) -> None:
    text = (
        "Kessel Cup Fixtures\n\nPostponed: Harwick v Dunmere, Marrowby Town v Kesselford\n\n"
        "Tour itinerary:\n\nMay 15 v Varnholm (three days)\n\nMay 17 v Norway\n"
    )
    found = {(m.text, m.label) for m in complete(text, [at(text, "Harwick", "PERSON")])}
    assert {
        ("Harwick", "ORG"), ("Dunmere", "ORG"), ("Marrowby Town", "ORG"), ("Kesselford", "ORG"),
        ("Varnholm", "ORG"), ("Norway", "GPE"),
    } <= found
    assert ("Harwick", "PERSON") not in found
    result = extract_one(extractor, text)
    assert {"Harwick", "Dunmere", "Marrowby Town", "Kesselford", "Varnholm"} <= set(
        result.organizations
    )
    # Matches of players stay people.
    players = "Draw\n\nAnna Marsh v Ida Holm, Per Lund v Tove Berg\n"
    misread = [at(players, n, "PERSON") for n in ("Anna Marsh", "Ida Holm", "Per Lund")]
    assert {m.label for m in complete(players, misread)} == {"PERSON"}


def test_a_side_after_the_home_side_s_score_is_a_team_even_on_the_next_line() -> None:
    # County scores: "At Venue: Home 128-1 (batsmen) v Away", the "v" at a line's end where the
    # wire wrapped it. The away sides are teams, whatever the model read.
    text = (
        "County Scores\n\nClose of play:\n\n"
        "At Kesselby: Harwickshire 128-1 (A. Marsh 59, T. Berg 53 not out) v\n\nDunmereshire.\n\n"
        "At Orrinby: Varnshire 343-8 (P. Lund 108) v Marrowshire.\n\n"
        "At Brenby: Kesselshire 392-6 (I. Holm 143 not out) v Orrinshire.\n\n"
        "At Tarby: Ostshire 300 (O. Brandt 95) v Tarvelshire.\n"
    )
    aways = ("Dunmereshire", "Marrowshire", "Orrinshire", "Tarvelshire")
    found = {(m.text, m.label) for m in complete(text, [at(text, "Orrinshire", "PERSON")])}
    assert {(away, "ORG") for away in aways} <= found
    assert ("Orrinshire", "PERSON") not in found


def test_a_players_club_in_brackets_is_not_a_player() -> None:
    text = (
        "Kessel Squad\n\nBacks: Thomas Marsh (Harwick), Daniel Holmgren (Dunmere), Peter "
        "Lindqvist (Harwick), Martin Brandvold (Varnholm)\n"
    )
    misread = [
        at(text, "Thomas Marsh", "PERSON"),
        at(text, "Daniel Holmgren", "PERSON"),
        at(text, "Harwick", "PERSON"),
        at(text, "Martin Brandvold", "PERSON"),
    ]
    fixed = set(labels(text, misread))
    assert ("Peter Lindqvist", "PERSON") in fixed
    assert not {("Dunmere", "PERSON"), ("Varnholm", "PERSON")} & fixed


def test_a_list_of_people_keeps_the_titles_the_model_found_in_it() -> None:
    text = "Picks\n\n- Ida Holm, Kessel Weekly: Film - Harbour Lights; director - Anna Marsh\n"
    misread = [
        at(text, "Ida Holm", "PERSON"),
        at(text, "Harbour Lights", "WORK_OF_ART"),
        at(text, "Anna Marsh", "PERSON"),
    ]
    fixed = set(labels(text, misread))
    assert ("Harbour Lights", "WORK_OF_ART") in fixed
    assert ("Harbour Lights", "PERSON") not in fixed


def test_small_towns_are_not_places_by_name_alone() -> None:
    places = gazetteer()
    assert places.place("Lisbon").kind == "city"
    assert places.place("Chelsea") is None  # below the population threshold: the club
    assert CITY_POPULATION >= 100_000


# -- acronyms -----------------------------------------------------------------------------------


def test_acronym_used_before_it_is_introduced(extractor: EntityExtractor) -> None:
    text = (
        "Depot Opens\n\nThe QRTA will manage the new depot, officials said on Tuesday. The Quarry "
        "Road Transport Authority (QRTA) was set up in 2019 to run freight around Dunmere."
    )
    result = extract_one(extractor, text)
    assert result.organizations == ["Quarry Road Transport Authority"]
    assert result.aliases["Quarry Road Transport Authority"] == ["QRTA"]


def test_an_acronym_introduced_in_brackets_need_not_be_the_initials(
    extractor: EntityExtractor,
) -> None:
    # "M&P" and the house style "Acfo" are not the names' initials: only the brackets right
    # after the long name say what they stand for.
    text = (
        "Ferry Strike Called Off\n\nThe shipping group Marrow & Pell Holdings (M&P) met the "
        "Association of Coastal Ferry Operators (Acfo) in Dunmere on Monday. M&P said Acfo had "
        "agreed to talks."
    )
    result = extract_one(extractor, text)
    assert result.organizations == [
        "Association of Coastal Ferry Operators", "Marrow & Pell Holdings",
    ]
    assert result.aliases["Marrow & Pell Holdings"] == ["M&P"]
    assert result.aliases["Association of Coastal Ferry Operators"] == ["Acfo"]


# -- initials, given names in lists, a sentence's last full stop ---------------------------------

SCORECARD = """Kessel v Varnholm scoreboard

Kessel innings
T. Brannigan c Olafsen b Rudd 45
K. Varley lbw b Rudd 12
J. Orwin not out 30
"""


def test_an_initial_and_a_surname_is_a_person(extractor: EntityExtractor) -> None:
    misread = [
        at(SCORECARD, "T. Brannigan", "ORG"),
        at(SCORECARD, "Varley", "GPE"),
        at(SCORECARD, "Olafsen", "PERSON"),
    ]
    fixed = {(m.text, m.label) for m in complete(SCORECARD, misread)}
    people = {"T. Brannigan", "K. Varley", "J. Orwin"}
    assert {(name, "PERSON") for name in people} <= fixed
    assert ("Varley", "GPE") not in fixed  # the surname alone is inside the person's name
    # The model misses or mislabels them on its own.
    ((raw, doc),) = list(run_docs(extractor.nlp(), [SCORECARD]))
    assert people - {m.text for m in mentions_of(doc, raw) if m.label == "PERSON"}
    assert people <= set(extract_one(extractor, SCORECARD).people)


def test_initials_that_are_no_person_stay_as_they_are() -> None:
    text = (
        "Talks resume in S. Korea\n\n"
        "Envoys from N. Korea met Mary J. Holloway of Halden D. Orme & Co. in the capital. "
        "They chose Plan B. Then the talks resumed under the U.S. Navy's watch.\n"
    )
    model = [at(text, "Mary J. Holloway", "PERSON"), at(text, "Halden D. Orme & Co.", "ORG")]
    fixed = {(m.text, m.label) for m in complete(text, model)}
    people = {name for name, label in fixed if label == "PERSON"}
    assert people == {"Mary J. Holloway"}  # no "S. Korea", "N. Korea", "J. Holloway", "B. Then"
    assert ("Halden D. Orme & Co.", "ORG") in fixed


def test_given_names_make_a_list_the_model_reads_as_clubs_a_list_of_people() -> None:
    line = "Kessel - 1 - Hakan Ulvar, 4 - Pieter Grondahl, 2 - Tomas Vireo, 3 - Anneke Sollberg\n"
    misread = [
        at(line, "Hakan Ulvar", "ORG"),
        at(line, "Pieter Grondahl", "PERSON"),
        at(line, "Tomas Vireo", "ORG"),
    ]
    fixed = {(m.text, m.label) for m in complete(line, misread)}
    names = {"Hakan Ulvar", "Pieter Grondahl", "Tomas Vireo", "Anneke Sollberg"}
    assert {(name, "PERSON") for name in names} <= fixed
    # Without given names the model's two clubs outvote its one person: the list is left alone.
    clubs = line.replace("Hakan Ulvar", "Ulvar Rovers").replace("Tomas Vireo", "Vireo Athletic")
    misread = [
        at(clubs, "Ulvar Rovers", "ORG"),
        at(clubs, "Pieter Grondahl", "PERSON"),
        at(clubs, "Vireo Athletic", "ORG"),
    ]
    assert ("Ulvar Rovers", "ORG") in {(m.text, m.label) for m in complete(clubs, misread)}


def test_a_full_stop_that_ends_the_sentence_is_not_part_of_the_name(
    extractor: EntityExtractor,
) -> None:
    text = (
        "Harbour fees rise\n\n"
        "Fees rose for the third time this year, said Mara Quell, an analyst at Velmont "
        "Shipping Co.\n\nVelmont Shipping Co. did not comment. Nor did Orrin Freight Inc. "
        "The port declined to comment.\n"
    )
    result = extract_one(extractor, text)
    assert "Velmont Shipping Co" in result.organizations
    assert "Orrin Freight Inc" in result.organizations
    assert not {"Velmont Shipping Co.", "Orrin Freight Inc."} & set(result.organizations)


def resolved(text: str, readings: dict[str, str]) -> ArticleEntities:
    """The article's entities when the model reads each name of ``readings`` with its label."""
    return resolve(text, [at(text, name, label) for name, label in readings.items()],
                   EntityConfig.empty())


def test_a_demonym_before_a_persons_name_is_not_part_of_it() -> None:
    text = (
        "Sprint result\n\nNorwegian Tobias Harrowgate won ahead of Australian Helena Marrowby and "
        "Christian Varnholm. Shares in British Kessel Holdings rose.\n"
    )
    result = resolved(text, {
        "Norwegian Tobias Harrowgate": "ORG",
        "Australian Helena Marrowby": "PERSON",
        "Christian Varnholm": "PERSON",
        "British Kessel Holdings": "ORG",
    })
    assert result.people == ["Christian Varnholm", "Helena Marrowby", "Tobias Harrowgate"]
    assert result.organizations == ["British Kessel Holdings"]


def test_two_people_read_as_one_organisation_are_two_people() -> None:
    text = (
        "Team news\n\nLaurent Vallois and Pierre Marrowby were picked. Marrow and Sons and "
        "Kessel and Varnholm Holdings sponsor the side.\n"
    )
    result = resolved(text, {
        "Laurent Vallois and Pierre Marrowby": "ORG",
        "Marrow and Sons": "ORG",
        "Kessel and Varnholm Holdings": "ORG",
    })
    assert result.people == ["Laurent Vallois", "Pierre Marrowby"]
    assert result.organizations == ["Kessel and Varnholm Holdings", "Marrow and Sons"]


def test_countries_the_model_missed_are_places(extractor: EntityExtractor) -> None:
    text = (
        "KESSEL OPEN RESULTS\n\nLeading results at the Kessel meeting on Friday:\n\n"
        "1. Mirela Voskuijlen (Jamaica) 12.71\n\n2. Tove Kessling (Slovenia) 12.74\n\n"
        "3. Ilse Brandvold (Sweden) 12.92\n\n"
        "Trade with Latin America grew, said Chad Orwin, and Papua New Guinea signed.\n"
    )
    ((raw, doc),) = list(run_docs(extractor.nlp(), [text]))
    assert "Slovenia" not in {m.text for m in mentions_of(doc, raw)}  # the model misses it
    result = extract_one(extractor, text)
    assert {"Jamaica", "Slovenia", "Sweden", "Papua New Guinea"} <= set(result.places)
    # not the end of a longer name, nor a given name, nor "Guinea" inside "Papua New Guinea"
    assert not {"U.S.", "Chad", "Guinea"} & set(result.places)


def test_a_persons_name_cut_in_two_is_one_name() -> None:
    text = (
        "Talks\n\nPresident Harjo Waskito Pranowo met Harwick Volgograd fans, Anna Marsh's "
        "Harbour Lights cast and Kessel Star Ida Holm, and Orr and Holm.\n"
    )
    result = resolved(text, {
        "Harjo Waskito": "PERSON",
        "Pranowo": "PERSON",
        "Orr and": "PERSON",
        "Holm.": "PERSON",
        "Harwick": "PERSON",
        "Volgograd": "PERSON",
        "Anna Marsh's": "PERSON",
        "Harbour Lights": "PERSON",
        "Kessel Star": "PERSON",
        "Ida Holm": "PERSON",
    })
    assert "Harjo Waskito Pranowo" in result.people
    assert not {"Harjo Waskito", "Pranowo"} & set(result.people)
    # a place, a possessive, a whole name of its own, a list ("Orr and" + "Holm"): not one name
    assert {"Anna Marsh", "Ida Holm"} <= set(result.people)
    assert not {"Harwick Volgograd", "Kessel Star Ida Holm", "Orr and Holm"} & set(result.people)


def completed(extractor: EntityExtractor, text: str, readings: list[Mention]) -> set[str]:
    """The names left of the model's ``readings`` of ``text`` once :func:`complete` has the
    parsed article (its sentences and the model's word lists)."""
    return set(labelled(extractor, text, readings))


def labelled(extractor: EntityExtractor, text: str, readings: list[Mention]) -> dict[str, str]:
    """Each name :func:`complete` leaves of the model's ``readings`` of ``text``, with its
    label."""
    ((raw, doc),) = list(run_docs(extractor.nlp(), [text]))
    return {m.text: m.label for m in complete(raw, readings, doc)}


def test_the_labels_of_a_reports_lines_are_not_names(extractor: EntityExtractor) -> None:
    text = (
        "Kessel beat Varnholm\n\nKessel 2 Varnholm 1\n\n"
        "Scorer: Tove Kessling (79th minute)\n\nAttendance: 9,358\n\n"
        "Forwards: Ida Holm, Anna Marsh\n\nIssuer: Kessel Harbour Trust\n\n"
        "Fastest lap: Holm 1:53.067\n\n"
        "Falcon won 2-0 at home.\n\n"
        "Marsh: the coach, Anna Marsh, said the side played well.\n"
    )
    readings = [
        at(text, "Fastest", "PERSON"),  # the label's first word, lower-case words after it
        at(text, "Falcon", "PERSON"),  # a name, then a sentence's words and a score
        at(text, "Scorer", "PERSON"),
        at(text, "Attendance", "GPE"),
        at(text, "Forwards", "GPE"),
        at(text, "Issuer", "ORG"),  # an organisation to the model, a label before a colon
        at(text, "Marsh", "PERSON", nth=1),  # a word of a person the article names
        at(text, "Tove Kessling", "PERSON"),
        at(text, "Kessel", "ORG", nth=1),
    ]
    names = completed(extractor, text, readings)
    # the model's own word lists know these words, and the gazetteer none of them
    assert not {"Scorer", "Attendance", "Forwards", "Issuer", "Fastest"} & names
    assert {"Tove Kessling", "Kessel", "Marsh", "Falcon"} <= names
    # and where the model itself reads a label as a name
    result = extract_one(extractor, text)
    found = set(result.people) | set(result.places) | set(result.organizations)
    assert not {"Scorer", "Attendance", "Forwards"} & found
    assert "Tove Kessling" in result.people


def test_a_common_word_opening_sentences_is_not_a_name(extractor: EntityExtractor) -> None:
    text = (
        "Drought cuts the harvest in Varnholm\n\n"
        "Drought has cut the wheat harvest across the valley, farmers said. "
        "The drought began in March.\n\n"
        '"Comedy keeps us going," said Ida Holm, who runs the Varnholm comedy club. '
        "Harbour trade fell too, said Holm.\n\n"
        "Parliament will debate the Harbour Authority's plan, and the parliament of "
        "Kessel will follow.\n"
    )
    readings = [
        at(text, "Drought", "PERSON", nth=1),  # only where sentences open, and "the drought"
        at(text, "Comedy", "ORG"),  # opening a quotation, and "comedy club"
        at(text, "Harbour", "ORG"),  # also inside a sentence: "the Harbour Authority's plan"
        at(text, "Parliament", "ORG"),  # "the parliament of Kessel" is lower case
        at(text, "Holm", "PERSON", nth=1),  # inside a sentence, and of a person named in full
        at(text, "Varnholm", "GPE", nth=1),  # inside a sentence, and no English word
        at(text, "Ida Holm", "PERSON"),
        at(text, "Harbour Authority", "ORG"),
    ]
    names = completed(extractor, text, readings)
    assert not {"Drought", "Comedy", "Parliament"} & names
    assert {"Harbour", "Holm", "Varnholm", "Ida Holm", "Harbour Authority"} <= names


def test_a_word_the_model_cut_from_a_title_is_not_a_name(extractor: EntityExtractor) -> None:
    text = (
        "Kessel charts\n\n"
        "Harbour's Lantern took first place, ahead of the Varnholm Trophy winners. "
        "Vessa Lantern, the band, will tour. The Marvel sold out.\n\n"
        "Ida Holm won the Cup at Dunmere, and an Ulmish singer won the Kessel Prize.\n"
    )
    readings = [
        at(text, "Lantern", "PRODUCT", nth=0),  # of "Harbour's Lantern": cut from a title
        at(text, "Trophy", "EVENT"),  # of "Varnholm Trophy"
        at(text, "Lantern", "PRODUCT", nth=1),  # of "Vessa Lantern"
        at(text, "Marvel", "PRODUCT"),  # after "The": a title on its own
        at(text, "Cup", "EVENT"),  # after "the": on its own
        at(text, "Kessel Prize", "EVENT"),  # the whole title
        at(text, "Ida Holm", "PERSON"),
    ]
    names = completed(extractor, text, readings)
    assert not {"Lantern", "Trophy"} & names
    assert {"Marvel", "Cup", "Kessel Prize", "Ida Holm"} <= names


def test_a_demonym_the_model_calls_an_event_is_no_name(extractor: EntityExtractor) -> None:
    text = "Kessel Open\n\nThe Australian won the Kessel Open in Varnholm.\n"
    readings = [at(text, "Australian", "PRODUCT"), at(text, "Kessel Open", "EVENT")]
    ((raw, doc),) = list(run_docs(extractor.nlp(), [text]))
    labels = {m.text: m.label for m in complete(raw, readings, doc)}
    assert labels == {"Australian": "NORP", "Kessel Open": "EVENT"}  # NORP: no page


def test_a_common_word_written_inside_a_sentence_stays_a_name(
    extractor: EntityExtractor,
) -> None:
    text = (
        "Summit opens in Varnholm\n\n"
        "Summit, the hill farmers' union, met on Monday. "
        "Delegates of Summit voted for the plan, the union said.\n\n"
        "Ranger went to the summit of the hill.\n"
    )
    readings = [
        at(text, "Summit", "ORG", nth=1),  # also inside a sentence: a name
        at(text, "Ranger", "PERSON"),  # opens a sentence, but "ranger" is nowhere in lower case
    ]
    names = completed(extractor, text, readings)
    assert {"Summit", "Ranger"} <= names


def test_a_bracketed_acronym_the_model_missed_names_its_organisation() -> None:
    # Initials in brackets right after the words they spell: the organisation, though the
    # model read neither; brackets after words they do not spell are left alone.
    text = (
        "Report\n\nThe Commission for Harbour Safety (CHS) met on Monday. Ferries (AM) and "
        "the Kessel Board (KFA) did not."
    )
    found = complete(text, [])
    assert [(m.text, m.label) for m in found] == [("CHS", "ORG")]
    result = resolve(text, found, EntityConfig.empty())
    assert result.organizations == ["Commission for Harbour Safety"]
    assert result.aliases == {"Commission for Harbour Safety": ["CHS"]}


def test_a_capitalised_noun_describing_a_company_is_no_part_of_its_name(
    extractor: EntityExtractor,
) -> None:
    """A sentence may open on what the company is: "Chipmaker Zentrax said". The model sweeps
    that noun into the name; the company's page is the name the article goes on to use."""
    found = extract_one(
        extractor,
        "Chipmaker Zentrax said on Tuesday that profits rose. Zentrax makes processors for "
        "phones.\n\nCarmaker Vellmore said sales rose. Vellmore sold 40,000 cars.",
    )
    assert {"Zentrax", "Vellmore"} <= set(found.organizations)
    every = found.people + found.organizations + found.places + found.other
    assert not [n for n in every if n.startswith(("Chipmaker", "Carmaker"))]


def test_a_name_inside_a_compound_adjective_is_no_mention_of_it() -> None:
    text = (
        "Police detained the writer Ostrin Vale, the Dorrin-based group Open Ledger said. "
        "Pro-Kaleva leaders and Kaleva-backed officials from Harwick-on-Sea met "
        "anti-Brandex campaigners in Dorrin."
    )
    misread = [
        at(text, "Ostrin Vale", "PERSON"),
        at(text, "Dorrin", "GPE"),
        at(text, "Kaleva", "GPE"),
        at(text, "Kaleva", "ORG", 1),
        at(text, "Harwick", "GPE"),
        at(text, "Brandex", "ORG"),
        at(text, "Dorrin", "GPE", 1),
    ]
    # the plain "in Dorrin" and the town's own "-on-Sea" stay; a person is never cut (and
    # "group" names the group it introduces)
    assert labels(text, misread) == [
        ("Ostrin Vale", "PERSON"), ("Open Ledger", "ORG"), ("Harwick", "GPE"), ("Dorrin", "GPE")
    ]
    person = "Talks with Kim Young-hoon ended."
    assert labels(person, [at(person, "Kim Young", "PERSON")]) == [("Kim Young", "PERSON")]
    body = "The Anti-Fraud Office of Dorrin opened an inquiry."
    cut = [at(body, "Fraud Office", "ORG")]
    assert labels(body, cut) == [("Fraud Office", "ORG")]
    cup = "They reached the Kessel Cup quarter-final on Sunday."
    cut = [at(cup, "Kessel Cup quarter", "EVENT")]
    assert labels(cup, cut) == [("Kessel Cup quarter", "EVENT")]


def test_a_country_only_in_a_compound_adjective_is_not_listed(extractor: EntityExtractor) -> None:
    text = (
        "Fund Says Prices Will Rise\n\nThe Norway-based fund Kessel Capital said on Monday that "
        "pro-Sweden campaigners and Finland-backed groups met in Dunmere. Exports to Denmark rose."
    )
    ((raw, doc),) = list(run_docs(extractor.nlp(), [text]))
    assert "Norway" in {m.text for m in mentions_of(doc, raw)}  # the model reads it as a name
    result = extract_one(extractor, text)
    assert "Denmark" in result.places
    assert not {"Norway", "Sweden", "Finland"} & set(result.places + result.organizations)
    plain = text.replace("Exports to Denmark", "Exports to Norway")
    assert "Norway" in extract_one(extractor, plain).places


def test_a_chamber_called_by_its_last_word_is_the_chamber() -> None:
    text = (
        "Harbour Bill\n\nThe House of Wardens passed the harbour bill on Friday. Ida Holm said "
        "the Wardens would vote on it again in May.\n"
    )
    result = resolved(text, {"House of Wardens": "ORG", "Wardens": "ORG", "Ida Holm": "PERSON"})
    assert result.organizations == ["House of Wardens"]
    # a bank is not called by the place it is of
    bank = "Rates Held\n\nThe Bank of Dorrin held rates. Dorrin grew by 2%.\n"
    result = resolved(bank, {"Bank of Dorrin": "ORG", "Dorrin": "GPE"})
    assert result.organizations == ["Bank of Dorrin"] and result.places == ["Dorrin"]


def test_a_peers_title_is_part_of_the_name_however_the_model_cut_it() -> None:
    text = (
        "Peers Debate Harbour Plan\n\nLord Falworth, the attorney general, said the plan was "
        "lawful, and Falworth said he would vote for it. Lady Falworth declined to comment. "
        "Sebastian Marlow, who leads the bid, met officials. Lord Marlow said the bid was "
        "strong.\n"
    )
    misread = [
        at(text, "Falworth", "PERSON"),  # of "Lord Falworth": the model leaves the title out
        at(text, "Falworth", "PERSON", 1),
        at(text, "Lady Falworth", "PERSON"),
        at(text, "Sebastian Marlow", "PERSON"),
        at(text, "Marlow", "PERSON", 1),
    ]
    result = corrected(text, misread)
    # the peer by the title, his later "Falworth" with him; "Lord Marlow" is the Sebastian
    # Marlow the article names, and the Lady is not the Lord
    assert result.people == ["Lady Falworth", "Lord Falworth", "Sebastian Marlow"]
    assert result.aliases.get("Sebastian Marlow") == ["Lord Marlow"]
    # a title inside a name that goes on, and a name the model read in full, are left alone
    named = (
        "Comedy Awards\n\nMira Baron Kessling won, and Lord Conrad Blackwell presented on "
        "Tuesday. Lord Tarrant came.\n"
    )
    misread = [at(named, "Kessling", "PERSON"), at(named, "Conrad Blackwell", "PERSON"),
               at(named, "Tarrant", "PERSON")]
    assert corrected(named, misread).people == ["Conrad Blackwell", "Kessling", "Lord Tarrant"]
    # a peer the model read as an organisation, or not at all; not an office nor a title
    peers = (
        "Peers Reject Harbour Bill\n\nThe Lord Chancellor said the bill would return. Baroness "
        "Orrin, a Labour peer, voted against it. Tory peer Lord Brannock said the government had "
        "lost, as in Lord Of The Harbour, the play.\n"
    )
    result = corrected(peers, [at(peers, "Brannock", "ORG"), at(peers, "Labour", "ORG")])
    assert result.people == ["Baroness Orrin", "Lord Brannock"]



def test_a_press_reviews_headings_name_its_newspapers(extractor: EntityExtractor) -> None:
    text = (
        "PRESS DIGEST - Kessel - May 3\n\nPORT ALDEN 2026-05-03\n\n"
        "These are the leading stories in the Kessel press on Saturday.\n\n"
        "KESSEL TIMES\n\n- The harbour board approved a ferry line to Varnholm.\n\n"
        "LE COURRIER\n\n- Orla Fenwick will run the Kessel Rail Company.\n\n"
        "DAGSAVISA\n\n- Fishing quotas are cut again.\n\n"
        "GACETA DE LOS PUERTOS\n\n- Ferry fares rise.\n\n"
        "DIARIO 24\n\n- A new bridge opens.\n\n"
        "ECONOMY\n\n- Exports rose in April.\n\n"
        "LISBON\n\n- The port strike ended.\n"
    )
    result = extract_one(extractor, text)
    # the papers, whatever their words (a number ending one; four words in capitals are no
    # headline); not a section's head, nor a city's
    papers = {"KESSEL TIMES", "LE COURRIER", "DAGSAVISA", "GACETA DE LOS PUERTOS", "DIARIO 24"}
    assert papers <= set(result.organizations)
    assert not {"ECONOMY", "LISBON"} & set(result.organizations)
    assert "Orla Fenwick" in result.people
    # the same headings in an article that sums up no newspapers are headings
    plain = text.replace("the leading stories in the Kessel press", "the harbour's news")
    plain = plain.replace("PRESS DIGEST", "HARBOUR NEWS")
    other = extract_one(extractor, plain)
    assert not {"KESSEL TIMES", "LE COURRIER", "DAGSAVISA"} & set(other.organizations)


def test_a_heading_among_papers_names_is_a_paper_however_common_its_words(
    extractor: EntityExtractor,
) -> None:
    text = (
        "PRESS DIGEST - Kessel - May 3\n\nThese are the leading stories in Kessel's newspapers."
        "\n\nDAYBREAK\n\n- The harbour board approved a ferry line.\n\n"
        "HARWICK POST\n\n- Fishing quotas are cut again.\n\n"
        "THE KESSEL TIMES\n\n- Exports rose in April.\n"
    )
    words = english_words(extractor.nlp().vocab)
    assert [m.text for m in press_review_mentions(text, [], words)] == [
        "DAYBREAK", "HARWICK POST", "THE KESSEL TIMES"]
    # a review by sections, with one paper among them: the sections stay sections
    sections = text.replace("THE KESSEL TIMES", "ECONOMY").replace("DAYBREAK", "POLITICS")
    assert [m.text for m in press_review_mentions(sections, [], words)] == ["HARWICK POST"]


def test_a_plural_word_opening_sentences_is_no_place(extractor: EntityExtractor) -> None:
    text = (
        "Ferry sinks near Varnholm\n\n"
        "Eyewitnesses told reporters the ferry sank near Varnholm.\n\n"
        "Investors, traders and insurers met in Port Alden on Monday.\n\n"
        "Europe sent divers. The Azores sent a ship.\n"
    )
    readings = [
        at(text, "Varnholm", "GPE", nth=1),
        at(text, "Eyewitnesses", "GPE"),
        at(text, "Investors", "GPE"),
        at(text, "Port Alden", "GPE"),
        at(text, "Europe", "LOC"),  # a continent opening a sentence: still a place
        at(text, "Azores", "GPE"),  # a place the gazetteer knows, after "The"
    ]
    names = completed(extractor, text, readings)
    assert not {"Eyewitnesses", "Investors"} & names
    assert {"Varnholm", "Port Alden", "Europe", "Azores"} <= names


def test_a_name_ending_in_a_newspapers_word_is_a_paper(extractor: EntityExtractor) -> None:
    text = (
        "Papers report the strike\n\n"
        "The Varnholmer Zeitung said the strike would spread, and the Kessel Times agreed. "
        "The Harwick Morning Herald disagreed. Anna Courier, a docker, said the Kessel Times "
        "was wrong, Ida Holm of The Kessel Gazette wrote.\n"
    )
    readings = [
        at(text, "Varnholmer Zeitung", "PERSON"),
        at(text, "Kessel Times", "GPE"),
        at(text, "Harwick Morning Herald", "PERSON"),
        at(text, "Anna Courier", "PERSON"),  # a surname that is a paper's word elsewhere
        at(text, "Ida Holm of The Kessel Gazette", "PERSON"),  # a person and her paper
    ]
    # (the masthead rule may take "The" in: the paper is the same)
    labels = {k.removeprefix("The "): v for k, v in labelled(extractor, text, readings).items()}
    assert labels["Varnholmer Zeitung"] == "ORG"
    assert labels["Kessel Times"] == "ORG"
    assert labels["Harwick Morning Herald"] == "ORG"
    assert labels["Anna Courier"] == "PERSON"
    assert labels["Ida Holm of The Kessel Gazette"] == "PERSON"


def test_a_name_the_article_calls_a_place_is_one(extractor: EntityExtractor) -> None:
    text = (
        "Floods in the east\n\n"
        "Floods hit the town of Kesselby and the capital Varnholm, and farmers in Harwick "
        "county lost crops. Ships left Orrin port. The city of Dunmere Council met, and "
        "Tarsk Rovers played in the rain.\n"
    )
    readings = [
        at(text, "Kesselby", "ORG"),
        at(text, "Varnholm", "PERSON"),
        at(text, "Harwick", "ORG"),
        at(text, "Orrin", "ORG"),
        at(text, "Dunmere Council", "ORG"),  # an organisation's word: the council
        at(text, "Tarsk Rovers", "ORG"),  # a club
    ]
    labels = labelled(extractor, text, readings)
    assert {n: labels[n] for n in ("Kesselby", "Varnholm", "Harwick", "Orrin")} == dict.fromkeys(
        ("Kesselby", "Varnholm", "Harwick", "Orrin"), "GPE"
    )
    assert labels["Dunmere Council"] == "ORG"
    assert labels["Tarsk Rovers"] == "ORG"


def test_a_mastheads_words_name_a_paper_the_model_missed(extractor: EntityExtractor) -> None:
    text = (
        "Papers on the strike\n\n"
        "The Sunday Kessel Telegraph quoted Anna Marsh. The Varnholm Standard said the strike "
        "would end. A Harwick Times poll agreed, and Orrin's Dunmere Gazette did not. Crowds "
        "filled Kessel's Times Square. The Standard & Varnholm's index rose.\n"
    )
    readings = [
        at(text, "Sunday", "DATE"),  # read inside the masthead: the paper wins
        at(text, "Anna Marsh", "PERSON"),
        at(text, "Varnholm", "GPE"),
        at(text, "Kessel", "GPE", nth=1),
        at(text, "Times Square", "FAC"),
    ]
    found = labelled(extractor, text, readings)
    papers = {name for name, label in found.items() if label == "ORG"}
    assert papers == {
        "The Sunday Kessel Telegraph", "The Varnholm Standard", "Harwick Times", "Dunmere Gazette",
    }
    assert found["Times Square"] == "FAC"
    assert found["Anna Marsh"] == "PERSON"



def test_a_noun_saying_what_it_is_before_a_name_names_an_organisation(
    extractor: EntityExtractor,
) -> None:
    text = (
        "Port to close\n\n"
        "The Kessel daily Koru Vjesnik reported on Monday that the port would close. The weekly "
        "Le Varnholm Enchaine said 300 jobs would go. The magazine Orla Brandt said so too.\n\n"
        "Ministers met at the weekly Cabinet meeting. A daily Tuesday, market traders said. "
        "The tabloid Lisbon said nothing. The newspaper Dunmere Post, it said, agreed. The "
        "news agency Kovra Tisk reported the same. The carrier Varnair said fares would rise; "
        "the group Harbour Rights in Kessel said nothing, said company President Ida Holm, "
        "who agreed.\n"
    )
    readings = [
        at(text, "Koru Vjesnik", "PERSON"),  # a foreign title the model took for a person
        at(text, "Le Varnholm Enchaine", "FAC"),
        at(text, "Orla Brandt", "PERSON"),  # a given name and a surname: left as read
        at(text, "Cabinet", "GPE"),  # a noun follows: no paper
        at(text, "Lisbon", "GPE"),  # a town a lookup knows
        at(text, "Dunmere Post", "ORG"),  # the model's organisation already
        at(text, "Ida Holm", "PERSON"),  # after a title: the person, not "President Ida Holm"
    ]
    found = labelled(extractor, text, readings)
    assert found["Koru Vjesnik"] == "ORG"
    assert found["Le Varnholm Enchaine"] == "ORG"
    assert found["Orla Brandt"] == "PERSON"
    assert found["Cabinet"] == "GPE"
    assert found["Lisbon"] == "GPE"
    assert found["Dunmere Post"] == "ORG"
    assert found["Kovra Tisk"] == "ORG"  # the model read nothing there
    assert found["Varnair"] == "ORG"
    assert not {"Harbour Rights", "Harbour Rights in Kessel"} & set(found)  # "in" goes on
    assert found["Ida Holm"] == "PERSON"
    assert "Tuesday" not in found


BATTING_CARD = """Kessel v Norland Scoreboard

Kessel first innings

T. Marsh c Holm b Lund 44

Brandvold lbw b Orrin-ul-Berg 12

Ida Lindqvist c and b Lund 3

Kesselby not out 94

Extras (lb-11 w-1) 12

Bowling: Lund 22-6-56-2, Orrin-ul-Berg 14.3-4-45-1, Tarvel

20-6-70-0
"""


def test_the_names_of_a_scorecard_s_batting_and_bowling_lines_are_players() -> None:
    # Batsmen, fielders and bowlers, however the model read them (a town, an organisation,
    # nothing); the bowling figures may wrap to the next line.
    misread = [at(BATTING_CARD, "Kesselby", "GPE"), at(BATTING_CARD, "Lund", "ORG")]
    found = {(m.text, m.label) for m in complete(BATTING_CARD, misread)}
    players = ("T. Marsh", "Holm", "Lund", "Brandvold", "Orrin-ul-Berg", "Ida Lindqvist",
               "Kesselby", "Tarvel")
    assert {(player, "PERSON") for player in players} <= found
    assert not {("Kesselby", "GPE"), ("Lund", "ORG")} & found
    # one line that fits, in prose, makes no scorecard
    prose = "Kessel News\n\nAnna Marsh not out 94 was the headline the paper ran.\n"
    assert complete(prose, [at(prose, "Anna Marsh", "ORG")])[0].label == "ORG"


def test_words_describing_a_person_before_the_name_are_no_part_of_it(
    extractor: EntityExtractor,
) -> None:
    # Capitalised as a sentence's first word or as a people's, a word of the language before a
    # given name and a surname describes the person; a given name, an initial or a royal or
    # noble title stays.
    text = ("Kessel Open\n\nUnseeded Tove Marsh beat Ida Holm. Veteran Norwegian Anna Berg "
            "lost to Swede Petra Lund. Rose Marie Holm, A Lo Brandt, Lord Anders Holm and "
            "King Harald Orrin watched.")
    misread = [at(text, name, "PERSON") for name in (
        "Unseeded Tove Marsh", "Ida Holm", "Veteran Norwegian Anna Berg", "Swede Petra Lund",
        "Rose Marie Holm", "A Lo Brandt", "Lord Anders Holm", "King Harald Orrin")]
    nlp = extractor.nlp()
    fixed = complete(text, misread, nlp(text), nlp.make_doc)
    assert {"Tove Marsh", "Anna Berg", "Petra Lund"} <= {m.text for m in fixed}
    words = english_words(nlp.vocab)
    found = [without_description(m, words).text for m in misread]
    assert found == ["Tove Marsh", "Ida Holm", "Anna Berg", "Petra Lund", "Rose Marie Holm",
                     "A Lo Brandt", "Lord Anders Holm", "King Harald Orrin"]


def test_a_name_the_model_cut_from_the_event_word_after_it_is_the_event() -> None:
    # "Kessel" (the sponsor) and "Classic" read apart: the article names the event. So with a
    # person's name ("Brandt Cup") and in a headline's capitals; not before another capitalised
    # word ("Harwick Cup Winners" is a club's name), nor a capitalised word after a name that
    # is not ("Dunmere OPEN").
    text = ("TENNIS - RESULTS AT VARNBY OPEN.\n\nResults from the Kessel Classic tournament "
            "and the Brandt Cup, where Harwick Cup Winners and Dunmere OPEN played.")
    misread = [at(text, "VARNBY", "GPE"), at(text, "Kessel", "ORG"), at(text, "Classic", "PRODUCT"),
               at(text, "Brandt", "PERSON"), at(text, "Harwick", "ORG"), at(text, "Dunmere", "ORG")]
    found = {(m.text, m.label) for m in complete(text, misread)}
    assert {("VARNBY OPEN", "EVENT"), ("Kessel Classic", "EVENT"), ("Brandt Cup", "EVENT")} <= found
    assert not {("Kessel", "ORG"), ("Classic", "PRODUCT"), ("Brandt", "PERSON")} & found
    assert {("Harwick", "ORG"), ("Dunmere", "ORG")} <= found


CHARTERS = """Clean tanker fixtures - 1600 GMT

- LATEST FIXTURES

- NORTH SEA / BALTIC

Kessel Star 70 03/09 Varnby / Harwick W145 Orrin Oil.

TBN 30 15/9 Dunmere / Lisbon $700,000 KPX.

Marrow Dawn 36,5 3-5/9 Porto / options W155 Brenmoor.
"""


def test_the_ports_and_charterers_of_shipping_fixtures() -> None:
    # Vessel, size, dates, loading / discharging ports, rate, charterer: the ports and the
    # headings' regions are places, the charterer an organisation, the vessel a thing with a
    # name; the model's reading of a vessel as a person does not stand.
    misread = [at(CHARTERS, "Kessel Star", "PERSON"), at(CHARTERS, "Orrin Oil", "PERSON")]
    found = {(m.text, m.label) for m in complete(CHARTERS, misread)}
    assert {("Varnby", "GPE"), ("Harwick", "GPE"), ("Dunmere", "GPE"), ("Lisbon", "GPE"),
            ("Porto", "GPE"), ("NORTH SEA", "LOC"), ("BALTIC", "LOC")} <= found
    assert {("Orrin Oil", "ORG"), ("KPX", "ORG"), ("Brenmoor", "ORG")} <= found
    assert {("Kessel Star", "PRODUCT"), ("Marrow Dawn", "PRODUCT")} <= found
    assert not {text for text, _label in found} & {"TBN", "LATEST FIXTURES", "W145", "options"}
    assert ("Kessel Star", "PERSON") not in found
    # one line that fits makes no list of fixtures
    one = CHARTERS.split("\n\nTBN")[0] + "\n"
    assert complete(one, [at(one, "Kessel Star", "PERSON")])[0].label == "PERSON"


def test_a_team_by_its_town_and_nickname_the_model_missed_is_a_team() -> None:
    # "the Lisbon Herons", the town read alone, before a weekday too; not a place's, an event's
    # or a paper's plural
    # ("the Porto Islands", "the Lisbon Games", "the Porto Times"), a country's ("the Norway
    # Socialists"), a surname made of a given name ("the Lisbon Williams play"), nor before
    # another capitalised word ("the Porto Herons Trust").
    text = ("The Lisbon Herons beat the Porto Pirates Sunday as the Porto Islands, the Lisbon "
            "Games, the Porto Times, the Norway Socialists, the Lisbon Williams play, the Lisbon "
            "Futures & Options Board, the Porto Years and the Porto Herons Trust looked on.")
    misread = [at(text, "Lisbon", "GPE"), at(text, "Porto Herons Trust", "ORG")]
    found = {(m.text, m.label) for m in complete(text, misread)}
    assert {("Lisbon Herons", "ORG"), ("Porto Pirates", "ORG")} <= found
    assert ("Lisbon", "GPE") not in found
    assert not {name for name, _label in found} & {
        "Porto Islands", "Lisbon Games", "Norway Socialists", "Lisbon Williams", "Porto Herons",
        "Lisbon Futures", "Porto Years"}
    assert ("Porto Times", "ORG") in found  # a paper, by its masthead


def test_a_person_introduced_by_a_country_is_a_person() -> None:
    # A people's name before a given name and surname, or a country after it ("of", brackets):
    # a person, where the model read nothing or the given name as a town.
    text = (
        "Harbour Open\n\nMoroccan Oskar Vellgren beat Ida Brandtholm of Portugal 6-4 6-2.\n\n"
        "Tove Marsk (Chile) won, and the German Ida Lisbon lost.\n\n"
        "Anna Kessel Holdings (Spain) was named. Coach Anna Vell of Portugal Telecom said so.\n"
    )
    misread = [at(text, "Oskar", "GPE"), at(text, "Tove Marsk", "ORG"),
               at(text, "Portugal Telecom", "ORG")]
    assert labels(text, misread) == [
        ("Oskar Vellgren", "PERSON"), ("Ida Brandtholm", "PERSON"), ("Tove Marsk", "PERSON"),
        ("Anna Vell", "PERSON"), ("Portugal Telecom", "ORG"),
    ]
    # The words say so for the whole article: the model's other readings are outvoted.
    (person,) = [m for m in complete(text, misread) if m.text == "Oskar Vellgren"]
    assert person.votes == LAYOUT_VOTES
    # The model's one organisation for the name and its country is the person and the place.
    text = "Harbour Open\n\nThe rookie Ida Olszova of Poland, ranked 110th, won.\n"
    assert labels(text, [at(text, "Ida Olszova of Poland", "ORG")]) == [
        ("Ida Olszova", "PERSON"), ("Poland", "GPE")]
    # A name the model read around it is left alone.
    text = "Harbour Open\n\nThe Anna Marsk of Portugal Foundation gave a prize.\n"
    assert labels(text, [at(text, "Anna Marsk of Portugal Foundation", "ORG")]) == [
        ("Anna Marsk of Portugal Foundation", "ORG")]


def test_a_given_name_and_surname_read_as_an_organisation_in_a_report_of_games(
    extractor: EntityExtractor,
) -> None:
    report = (
        "Kessel Herons win again\n\n"
        "Troy Kessby homered in the ninth as the Kessel Herons beat Varnby 2-1. Anna Marsh "
        "Rovers lost 3-0 and Ida Holm Times readers cheered. The Kessel Herons also thanked "
        "sponsor Tove Brandt.\n\nResults on Sunday:\n\nVarnby 0 Cleveland Kessby 1 (Holm 47th)."
        "\n\nOstmere 2 Dunholt 2.\n\nHarwick 1 Brandby 0.\n"
    )
    readings = [
        at(report, "Troy Kessby", "ORG"),  # a player, read as an organisation
        at(report, "Anna Marsh Rovers", "ORG"),  # a club
        at(report, "Ida Holm Times", "ORG"),  # a paper
        at(report, "Cleveland Kessby", "ORG"),  # a side in a table of results
    ]
    found = labelled(extractor, report, readings)
    assert found["Troy Kessby"] == "PERSON"
    assert found["Anna Marsh Rovers"] == "ORG"
    assert found["Ida Holm Times"] == "ORG"
    assert found["Cleveland Kessby"] == "ORG"
    # in an article with one score or none, a firm may bear its founder's name: left as read
    # (a date or a telephone number is no score)
    business = report.replace(" 2-1", " on 2024-06-12 (tel 555-1234)").replace(
        "Troy Kessby", "Orla Brandt")
    found = labelled(extractor, business, [at(business, "Orla Brandt", "ORG")])
    assert found["Orla Brandt"] == "ORG"
