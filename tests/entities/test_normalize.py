"""Clean-up of single NER spans (no model needed)."""

from __future__ import annotations

import pytest

from newsarchive.entities.normalize import (
    ACRONYM,
    acronym_letters,
    clean,
    initials,
    is_name,
    name_key,
)


@pytest.mark.parametrize(
    ("span", "kind", "expected"),
    [
        # possessives, straight and curly
        ("Delmar Marine's", "organizations", "Delmar Marine"),
        ("Brightwater Logistics’s", "organizations", "Brightwater Logistics"),
        ("Harbourline Securities'", "organizations", "Harbourline Securities"),
        # leading "the", any case
        ("the Port Alden Harbour Authority", "organizations", "Port Alden Harbour Authority"),
        ("The Varnholm Ferry Company", "organizations", "Varnholm Ferry Company"),
        # titles and honorifics, also several in a row and with dots
        ("Chief Executive Tobias Reinholt", "people", "Tobias Reinholt"),
        ("Deputy Minister Martin Calloway", "people", "Martin Calloway"),
        ("Dr. Nils Ekberg", "people", "Nils Ekberg"),
        ("Prof Helen Ashcroft", "people", "Helen Ashcroft"),
        ("Sheikh Hamad Al Mansouri", "people", "Hamad Al Mansouri"),
        ("President Tomas Ferreira", "people", "Tomas Ferreira"),
        ("Chairwoman Ines Varga-Holt", "people", "Ines Varga-Holt"),
        ("Comic Jem Arkwright", "people", "Jem Arkwright"),
        ("Broker Orla Fenwick", "people", "Orla Fenwick"),  # a market report's sources
        ("dealer Pavel Orrin", "people", "Pavel Orrin"),
        # royal titles are part of the name
        ("Prince Edvard of Kessel", "people", "Prince Edvard of Kessel"),
        # quotes and punctuation around the span; dots that belong to the name stay
        ("“Varnholm Ferry Company,”", "organizations", "Varnholm Ferry Company"),
        ("Delmar Marine Inc.", "organizations", "Delmar Marine Inc."),
        ("Orrin Gas Co.", "organizations", "Orrin Gas Co."),
        ("Kestrel Bay.", "places", "Kestrel Bay"),
        # whitespace collapsed
        ("Port   Alden\n Harbour", "places", "Port Alden Harbour"),
        # words swept in around the name
        ("this Orrin Cup", "other", "Orrin Cup"),
        ("Kestrel physio Anna Marsh", "people", "Anna Marsh"),
        ("Varnholm Rovers fourth", "organizations", "Varnholm Rovers"),
        ("Kestrel 13-12", "places", "Kestrel"),
        ("Anna Marsh 10-1-40-2", "people", "Anna Marsh"),  # a bowler's figures
        ("Harwick Rovers 16.13", "organizations", "Harwick Rovers"),  # a points total
        ("Norvania 8.05", "places", "Norvania"),  # a judge's mark
        ("Kessel Newsroom +47 22 93", "organizations", "Kessel Newsroom"),  # a sign-off
        ("Orla Brandt 212-555-0134", "people", "Orla Brandt"),
        ("Kessel Radio 4", "organizations", "Kessel Radio 4"),  # a whole number may be its own
        ("Kesselsoft Office 4.0", "other", "Kesselsoft Office 4.0"),  # a product's version
        ("Kessel Gas 1996-08-30", "organizations", "Kessel Gas 1996-08-30"),  # a date, no score
        # a weekday or month after "on", "in" ...; a person's surname and "of" keep theirs
        ("Harbour Board on Monday", "organizations", "Harbour Board"),
        ("Orrin Marine in September", "organizations", "Orrin Marine"),
        ("Kessel Port next March", "places", "Kessel Port"),
        ("Anna May", "people", "Anna May"),
        ("Brotherhood of May", "organizations", "Brotherhood of May"),
        # particles inside people's names stay
        ("Mark van Hollen", "people", "Mark van Hollen"),
        # a capitalised noun that describes the company after it (a sentence's first word)
        ("Chipmaker Zentrax", "organizations", "Zentrax"),
        ("Carmakers Vellmore Motors", "organizations", "Vellmore Motors"),
        ("Rivals Quorvel", "people", "Quorvel"),
        ("Retailer Halvorsen's", "organizations", "Halvorsen"),
        ("Bookmakers Pellham", "organizations", "Pellham"),
        # ... but not a word that begins names, nor one noun alone, nor before "of"
        ("Giant Harbour", "organizations", "Giant Harbour"),
        ("Band Aid", "organizations", "Band Aid"),
        ("Brewers", "organizations", "Brewers"),
        ("Retailers of Kessel", "organizations", "Retailers of Kessel"),
        ("Makers Guild", "organizations", "Makers Guild"),
        ("Brewers Association", "organizations", "Brewers Association"),
        ("Retailers Forum", "organizations", "Retailers Forum"),
        ("Miners Union", "organizations", "Miners Union"),
        # a results report's period after a company's name in its headline
        ("Orrin Freight Inc Q2", "organizations", "Orrin Freight Inc"),
        ("Kessel Corp 1H", "organizations", "Kessel Corp"),
        ("Varn FY", "organizations", "Varn"),
        ("Kessel Q7", "organizations", "Kessel Q7"),
    ],
)
def test_clean_names(span: str, kind: str, expected: str) -> None:
    cleaned = clean(span, kind)
    assert cleaned is not None
    assert cleaned.name == expected


def test_honorific_makes_a_person_whatever_the_label() -> None:
    cleaned = clean("Mrs Orla Brannigan", "organizations")
    assert cleaned is not None
    assert (cleaned.name, cleaned.kind) == ("Orla Brannigan", "people")


def test_job_titles_are_only_stripped_from_people() -> None:
    cleaned = clean("Minister of Coastal Affairs", "organizations")
    assert cleaned is not None and cleaned.name == "Minister of Coastal Affairs"


def test_acronym_written_inside_the_span_is_split_off() -> None:
    cleaned = clean("the Ministry of Coastal Affairs (MCA)", "organizations")
    assert cleaned is not None
    assert (cleaned.name, cleaned.acronym) == ("Ministry of Coastal Affairs", "MCA")


@pytest.mark.parametrize(
    "span",
    [
        "GMT",
        "UTC+3",
        "EST",
        "gta",  # editor initials
        "onm",
        "Monday",
        "March 12",
        "May 31, 2024",
        "2024",
        "12:30",
        "1,000",
        "A",
        "This",
        "The",
        "President",  # a title alone
        "Women's",  # a class of entrants ("Women's 1,500 metres")
        "Men",
        "Midfielders",  # a squad list's position ("Midfielders - Anna Marsh, Ida Holm")
        "Mr",
        "Inc.",
        "",
        "   ",
        "—",
    ],
)
def test_not_names(span: str) -> None:
    assert clean(span, "organizations") is None
    assert clean(span, "people") is None


def test_a_class_of_entrants_is_a_name_only_with_more() -> None:
    assert is_name("Kessel Women") and is_name("Women of Dunmere")


def test_time_zone_words_only_rejected_in_capitals() -> None:
    assert not is_name("GMT")
    assert is_name("West")  # "WEST" is a time zone, "West" a name


def test_name_key_ignores_case_spacing_and_apostrophe_style() -> None:
    assert name_key("Brannigan’s  Yard") == name_key("brannigan's yard")


def test_an_acronym_with_lower_case_joiners_spells_the_initials_of_its_name() -> None:
    for acronym, name in (("DfHS", "Department for Harbour Safety"), ("MoC", "Ministry of Canals"),
                          ("QHA", "Quellport Harbour Authority"), ("K&D", "Kessel and Dunmere"),
                          ("Qha", "Quellport Harbour Authority")):
        assert acronym_letters(acronym) == initials(name), acronym
    # capitals with a lower-case letter between them; not a name written in camel case
    assert all(ACRONYM.fullmatch(a) for a in ("DfHS", "MoC", "QHA", "K&D"))
    assert not any(ACRONYM.fullmatch(a) for a in ("McQuell", "KesselNet", "Qha", "GmbH"))
