"""Article-level rules on hand-placed mentions: no model, so each rule is pinned exactly."""

from __future__ import annotations

from newsarchive.entities import EntityConfig
from newsarchive.entities.ner import Mention, mark_paragraph_ends
from newsarchive.entities.repair import repair
from newsarchive.entities.resolve import resolve, trace


def mentions(text: str, *spans: tuple[str, str]) -> list[Mention]:
    """Mentions for the given (surface, label) pairs, found left to right in ``text``."""
    found, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        found.append(Mention(surface, label, start, start + len(surface)))
        pos = start + len(surface)
    return found


def repaired(text: str, *spans: tuple[str, str]) -> list[Mention]:
    """:func:`repair` of the mentions for the given (surface, label) pairs (see
    :func:`mentions`)."""
    return repair(text, mentions(text, *spans))


def test_short_org_form_needs_only_a_legal_form_missing() -> None:
    text = (
        "Delmar Marine Holdings won the contract. Delmar Marine will start in May. "
        "Kestrel Radio and Kestrel Radio News reported it. Kestrel Radio said more."
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Delmar Marine Holdings", "ORG"),
            ("Delmar Marine", "ORG"),
            ("Kestrel Radio", "ORG"),
            ("Kestrel Radio News", "ORG"),
            ("Kestrel Radio", "ORG"),
        ),
        EntityConfig.empty(),
    )
    # "Delmar Marine" is the holding without "Holdings"; "Kestrel Radio" is not its news desk.
    assert result.organizations == ["Delmar Marine Holdings", "Kestrel Radio", "Kestrel Radio News"]
    assert result.aliases == {"Delmar Marine Holdings": ["Delmar Marine"]}


def test_trailing_part_of_an_organisation() -> None:
    text = "The Port Alden Harbour Authority met. The Harbour Authority then voted."
    result = resolve(
        text,
        mentions(text, ("Port Alden Harbour Authority", "ORG"), ("Harbour Authority", "ORG")),
        EntityConfig.empty(),
    )
    assert result.organizations == ["Port Alden Harbour Authority"]
    assert result.aliases == {"Port Alden Harbour Authority": ["Harbour Authority"]}


def test_initials_only_within_one_kind() -> None:
    text = "The United States and the Kestrel Senate met. The US agreed. KS staff did too."
    result = resolve(
        text,
        mentions(
            text,
            ("United States", "GPE"),
            ("Kestrel Senate", "ORG"),
            ("US", "GPE"),
            ("KS", "ORG"),
        ),
        EntityConfig.empty(),
    )
    # Both country forms are one place under the gazetteer's canonical name.
    assert result.places == ["U.S."]
    assert result.organizations == ["Kestrel Senate"]
    assert result.aliases == {"Kestrel Senate": ["KS"], "U.S.": ["US", "United States"]}


def test_a_word_that_is_an_acronym_gives_all_its_letters_to_the_initials() -> None:
    text = "The KX Harbour Party gained seats. KXHP leaders and the KHP rally met later."
    result = resolve(
        text,
        mentions(text, ("KX Harbour Party", "ORG"), ("KXHP", "ORG"), ("KHP", "ORG")),
        EntityConfig.empty(),
    )
    # "KXHP" with the letters of "KX"; "KHP", its first letters, as before
    assert result.organizations == ["KX Harbour Party"]
    assert result.aliases == {"KX Harbour Party": ["KHP", "KXHP"]}


def test_surname_labelled_place_after_in_stays_a_place() -> None:
    text = "Anna Jordan spoke. Jordan said she was born in Jordan."
    outcome = trace(
        text,
        mentions(text, ("Anna Jordan", "PERSON"), ("Jordan", "GPE"), ("Jordan", "GPE")),
        EntityConfig.empty(),
    )
    assert [(r.name, r.kind) for r in outcome] == [
        ("Anna Jordan", "people"),
        ("Anna Jordan", "people"),  # a surname NER called a place
        ("Jordan", "places"),  # "in Jordan"
    ]


def test_surname_labelled_place_after_to_is_the_person_when_no_place_has_the_name() -> None:
    # "Drummelby" is no place any lookup knows: after "to" it is still the player
    text = "Ola Drummelby scored. The ball went to Drummelby, who passed to Jordan in Jordan."
    outcome = trace(
        text,
        mentions(
            text, ("Ola Drummelby", "PERSON"), ("Drummelby", "GPE"), ("Jordan", "GPE"),
            ("Jordan", "GPE"),
        ),
        EntityConfig.empty(),
    )
    assert [(r.name, r.kind) for r in outcome] == [
        ("Ola Drummelby", "people"),
        ("Ola Drummelby", "people"),  # "to Drummelby"
        ("Jordan", "places"),  # "to Jordan": the country, no person of the article is Jordan
        ("Jordan", "places"),
    ]


def test_place_never_taken_as_a_first_name() -> None:
    text = "Paris Alden sang. Paris welcomed her."
    result = resolve(
        text, mentions(text, ("Paris Alden", "PERSON"), ("Paris", "GPE")), EntityConfig.empty()
    )
    assert result.people == ["Paris Alden"] and result.places == ["Paris"]


def test_type_conflict_goes_to_the_majority_then_fixed_order() -> None:
    text = "Kessel grew. Kessel shrank. Kessel held. Varnholm rose. Varnholm fell."
    result = resolve(
        text,
        mentions(
            text,
            ("Kessel", "GPE"),
            ("Kessel", "ORG"),
            ("Kessel", "GPE"),
            ("Varnholm", "ORG"),
            ("Varnholm", "GPE"),
        ),
        EntityConfig.empty(),
    )
    assert result.places == ["Kessel"]
    assert result.organizations == ["Varnholm"]  # a tie: organizations come before places


def test_case_variants_are_one_name() -> None:
    text = "PORT ALDEN, March 12 (CL) -- Port Alden grew. The CL said so."
    result = resolve(
        text, mentions(text, ("Port Alden", "GPE"), ("CL", "ORG")), EntityConfig.empty()
    )
    assert result.places == ["Port Alden"]
    assert result.organizations == []  # "(CL) --" makes CL a credit


def test_lists_and_line_breaks_are_split() -> None:
    text = "Anna Marsh - Kessel\n\nVarnholm\nNorth"
    fixed = repair(
        text, mentions(text, ("Anna Marsh - Kessel", "PERSON"), ("Varnholm\nNorth", "GPE"))
    )
    assert [(m.text, m.start) for m in fixed] == [
        ("Anna Marsh", 0),
        ("Kessel", 13),
        ("Varnholm", 21),
        ("North", 30),
    ]
    assert all(text[m.start : m.end] == m.text for m in fixed)
    # "or" between two names; not in a work's title
    text = "Buy Kessel Bank or Varn Trust, says Harbour or Sea."
    fixed = repair(text, mentions(text, ("Kessel Bank or Varn Trust", "ORG"),
                                  ("Harbour or Sea", "WORK_OF_ART")))
    assert [(m.text, m.label) for m in fixed] == [
        ("Kessel Bank", "ORG"), ("Varn Trust", "ORG"), ("Harbour or Sea", "WORK_OF_ART"),
    ]


def test_a_name_the_model_cut_at_its_particle_is_one_name() -> None:
    text = ("Premier Kenga wa Dunda met Anna Marsh de Lisbon and Ida Holm van Orrin Freight. "
            "Abdul-Tarek al-Varnabi spoke.")
    fixed = repaired(text, ("Kenga", "PERSON"), ("Dunda", "ORG"), ("Anna Marsh", "PERSON"),
                     ("Lisbon", "GPE"), ("Ida Holm", "PERSON"), ("Orrin Freight", "ORG"),
                     ("Abdul-Tarek", "PERSON"), ("Varnabi", "GPE"))
    # not before a place the particle says she is from, nor before a name of several words;
    # a particle joined by a hyphen to the rest of the name too ("al-Varnabi")
    assert [(m.text, m.label) for m in fixed] == [
        ("Kenga wa Dunda", "PERSON"), ("Anna Marsh", "PERSON"), ("Lisbon", "GPE"),
        ("Ida Holm", "PERSON"), ("Orrin Freight", "ORG"), ("Abdul-Tarek al-Varnabi", "PERSON"),
    ]


def test_a_designator_before_a_country_is_one_organisation() -> None:
    # "Bank" + "Varnholm", the model's organisation and place: the country's bank; the country
    # elsewhere stays a place.
    text = "Varnholm's bank lost money, a Bank Varnholm spokesman said. Council Kessel agreed."
    fixed = repaired(text, ("Varnholm", "GPE"), ("Bank", "ORG"), ("Varnholm", "GPE"),
                     ("Council", "PERSON"), ("Kessel", "GPE"))
    assert [(m.text, m.label) for m in fixed] == [
        ("Varnholm", "GPE"), ("Bank Varnholm", "ORG"), ("Council", "PERSON"), ("Kessel", "GPE"),
    ]


def test_a_us_states_abbreviation_keeps_its_dot_inside_a_sentence() -> None:
    text = "Orrin Corp of Kesselton, Fla., rose. It moved to Varnton, Mich.\n\nSales rose."
    fixed = repaired(text, ("Fla.", "GPE"), ("Mich.", "GPE"))
    # at a sentence's end the dot is the sentence's
    assert [m.text for m in fixed] == ["Fla.", "Mich"]


def test_a_company_read_with_the_place_it_is_from_is_split_from_it() -> None:
    text = (
        "Orrin Freight Inc of Kesselton bought Varn AG of Harwick, said the Radio Corporation "
        "of Dunmere."
    )
    fixed = repaired(text, ("Orrin Freight Inc of Kesselton", "ORG"), ("Varn AG of Harwick", "ORG"),
                     ("Radio Corporation of Dunmere", "ORG"))
    # after a legal form that ends a name only: names go on after "Corporation"
    assert [(m.text, m.label) for m in fixed] == [
        ("Orrin Freight Inc", "ORG"), ("Kesselton", "GPE"), ("Varn AG", "ORG"),
        ("Harwick", "GPE"), ("Radio Corporation of Dunmere", "ORG"),
    ]


def test_a_bank_holding_company_is_named_by_its_first_word() -> None:
    text = (
        "Harwick-based Orrin Bancshares Inc. gained. Analysts said Orrin was the most coveted "
        "bank, and Orrin did not comment."
    )
    result = resolve(text, mentions(text, ("Orrin Bancshares Inc.", "ORG"), ("Orrin", "ORG"),
                                    ("Orrin", "PERSON")), EntityConfig.empty())
    assert result.organizations == ["Orrin Bancshares Inc."] and not result.people
    assert result.aliases == {"Orrin Bancshares Inc.": ["Orrin"]}


def test_paragraph_marks_keep_offsets() -> None:
    text = "Kestrel harbour reopens\n\nThe harbour reopened.\n\nNew berths\n\nTwo more."
    marked = mark_paragraph_ends(text)
    assert len(marked) == len(text)
    assert marked == "Kestrel harbour reopens.\nThe harbour reopened.\n\nNew berths.\nTwo more."


def test_title_case_headline_is_trusted_only_as_far_as_the_body_confirms() -> None:
    text = (
        "Varnholm Rovers Appoint Marsh As Coach After Deeper Port Talks\n\n"
        "Varnholm Rovers named Anna Marsh as coach on Monday."
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Varnholm Rovers Appoint Marsh", "ORG"),
            ("Deeper Port", "PERSON"),
            ("Varnholm Rovers", "ORG"),
            ("Anna Marsh", "PERSON"),
        ),
        EntityConfig.empty(),
    )
    # The headline span shrinks to the body's name; "Deeper Port" is never confirmed.
    assert result.organizations == ["Varnholm Rovers"]
    assert result.people == ["Anna Marsh"]
    assert result.aliases == {}


def test_sentence_case_headline_keeps_its_mentions() -> None:
    text = "Varnholm Rovers appoint a new coach\n\nThe club named Anna Marsh on Monday."
    result = resolve(
        text,
        mentions(text, ("Varnholm Rovers", "ORG"), ("Anna Marsh", "PERSON")),
        EntityConfig.empty(),
    )
    assert result.organizations == ["Varnholm Rovers"]


def test_a_line_the_sentence_goes_on_from_is_no_heading() -> None:
    # A sentence broken across lines: the lower case after the line says it is no heading,
    # whether the line is the name alone or Title Case words around it.
    text = (
        "Kessel Rates Steady\n\nThe Kessel Harbour Board\n\nkept its fees on Friday.\n\n"
        "Traders At Orrin Freight Lines\n\nsaid so.\n\nVarnholm Port Authority\n\n"
        "Fees rose in May.\n\nDunmere Ratings Service -\n\nRating Announcement.\n"
    )
    result = resolve(
        text,
        mentions(text, ("The Kessel Harbour Board", "ORG"), ("Orrin Freight Lines", "ORG"),
                 ("Varnholm Port Authority", "ORG"), ("Dunmere Ratings Service", "ORG")),
        EntityConfig.empty(),
    )
    # a heading the body does not confirm is still dropped; a line ending in a dash goes on
    assert result.organizations == [
        "Dunmere Ratings Service", "Kessel Harbour Board", "Orrin Freight Lines"]


def test_a_result_or_a_rank_read_as_one_name_is_split() -> None:
    text = "Marrowby 3 Harwick 1\n\n1= Edda Marrowfield (Norway) 12.71"
    result = resolve(
        text,
        mentions(text, ("Marrowby 3 Harwick", "ORG"), ("1= Edda Marrowfield", "PERSON")),
        EntityConfig.empty(),
    )
    assert result.organizations == ["Harwick", "Marrowby"]
    assert result.people == ["Edda Marrowfield"]
    # a leaderboard's score before a name, the model's organisation: a given name and a
    # surname are a person's; another name keeps the model's reading
    text = "+1 Tove Marsh through 15\n\n- 3 Ida Holm through 9\n\n2 Harwick Rovers"
    result = resolve(text, mentions(text, ("+1 Tove Marsh", "ORG"), ("- 3 Ida Holm", "ORG"),
                                    ("2 Harwick Rovers", "ORG")), EntityConfig.empty())
    assert (result.people, result.organizations) == (["Ida Holm", "Tove Marsh"], ["Harwick Rovers"])
    # a wire's label before the dash is no name
    text = ("Ida Holm profit up.\n\nKESSEL 1996-08-28\n\nNet 249.53 vs 242.94\n\n"
            "NOTE - Ida Holm runs property, warehousing and insurance services.")
    result = resolve(text, mentions(text, ("Ida Holm", "PERSON"), ("NOTE - Ida Holm", "PERSON")),
                     EntityConfig.empty())
    assert result.people == ["Ida Holm"]
    # ... also of two words ("PRESS DIGEST - ..."), opening a line or the title
    for text in ("Ferries\n\nPRESS DIGEST - Kessel Ferries are late again, the papers say.",
                 "PRESS DIGEST - Kessel Ferries are late again, papers say - May 3.\n\nSo."):
        result = resolve(text, mentions(text, ("PRESS DIGEST - Kessel Ferries", "ORG")),
                         EntityConfig.empty())
        assert result.organizations == ["Kessel Ferries"]


def test_rows_and_lists_of_names_are_not_headings() -> None:
    # Lines of Title Case words that are rows of a table or lists of names, not headings: a
    # rank before the names, a score after them, a list, a country in brackets.
    text = (
        "Kessel Open Scores\n\n"
        "67 Mirela Voskuijlen, Edda Marrowfield\n\n"
        "Tobias Harrowgate c Ilse Brandvold b Oskar Lindqvist 46\n\n"
        "Ines Oldacre, Petra Sandvik, Lena Dahlgaard\n\n"
        "Henrik Falstad (Norway) beat Ruben Castellar"
    )
    names = [
        "Mirela Voskuijlen", "Edda Marrowfield", "Tobias Harrowgate", "Ilse Brandvold",
        "Oskar Lindqvist", "Ines Oldacre", "Petra Sandvik", "Lena Dahlgaard", "Henrik Falstad",
        "Ruben Castellar",
    ]
    result = resolve(
        text, mentions(text, *((name, "PERSON") for name in names)), EntityConfig.empty()
    )
    assert result.people == sorted(names)
    # a fixture's sides, after a label or alone on their line
    text = (
        "Kessel League Fixtures\n\nPlaying Sunday: Harwick Rovers v Dunmere\n\n"
        "Orrin Athletic vs. Tarsk Town\n"
    )
    sides = [("Harwick Rovers", "ORG"), ("Dunmere", "ORG"), ("Orrin Athletic", "ORG"),
             ("Tarsk Town", "ORG")]
    found = repaired(text, ("Sunday", "DATE"), *sides)
    assert [(m.text, m.label) for m in found] == [("Sunday", "DATE"), *sides]  # no venue
    result = resolve(text, found, EntityConfig.empty())
    assert result.organizations == sorted(name for name, _ in sides)


def test_a_known_place_on_a_title_case_line_needs_no_confirmation() -> None:
    # A draw: every line looks like a headline, and no body repeats the countries.
    text = "Kessel Cup Draw\n\nNorway at South Africa\n\nSlovenia at Kesselford Bay"
    result = resolve(
        text,
        mentions(
            text,
            ("Norway", "GPE"),
            ("South Africa", "GPE"),
            ("Slovenia", "GPE"),
            ("Kesselford Bay", "GPE"),
        ),
        EntityConfig.empty(),
    )
    # Not the unknown "Kesselford Bay", which the body never confirms.
    assert result.places == ["Norway", "Slovenia", "South Africa"]


def test_a_field_label_before_a_number_is_not_a_name() -> None:
    text = (
        "Kessel 2 Varnholm 1\n\nScorer: Anna Marsh (79th)\n\nAttendance: 12,400\n\n"
        "Lisbon: Dunmere beat Harwick 3-1."
    )
    found = repair(
        text,
        mentions(
            text, ("Anna Marsh", "PERSON"), ("Attendance", "PERSON"), ("Dunmere", "ORG"),
        ),
    )
    assert [(m.text, m.label) for m in found] == [
        ("Anna Marsh", "PERSON"), ("Lisbon", "GPE"), ("Dunmere", "ORG"),
    ]


def test_the_labels_and_empty_cells_of_a_results_table_are_not_names() -> None:
    text = (
        "Kesselcom profit rises\n\nPORT ALDEN 2026-03-02\n\nShr profit $0.12 vs $0.10\n\n"
        "Revs 45,100 41,300\n\nAvg shrs 9,870 9,650\n\n- Net Income N / A 1,204\n\n"
        "Halftime 1-0.\n\nTotal shares offered N / A\n\n"
        "Total said sales rose 5 percent, and Kesselcom agreed.\n\nRevs Varnholm 12"
    )
    found = repaired(
        text, ("Kesselcom", "ORG"), ("Shr", "ORG"), ("Revs", "ORG"), ("Avg", "PERSON"),
        ("Net Income", "ORG"), ("N / A", "ORG"), ("Halftime", "ORG"), ("Total", "ORG"),
        ("N / A", "ORG"), ("Total", "ORG"), ("Kesselcom", "ORG"), ("Revs Varnholm", "ORG"),
    )
    # a row's label opens its line and only figures and lower-case words follow it; in prose,
    # or before another capitalised word, the word is kept
    assert [(m.text, m.label) for m in found] == [
        ("Kesselcom", "ORG"), ("PORT ALDEN", "GPE"), ("Total", "ORG"), ("Kesselcom", "ORG"),
        ("Revs Varnholm", "ORG"),
    ]


def test_a_sides_goals_are_cut_from_its_name_before_its_scorers() -> None:
    text = (
        "Summary: Kessel Rovers 1 (Anna Marsh 22nd minute) Dunmere City 2 (Ida Holm 10th, "
        "79th).\n\nChannel 4 (Varnholm) showed the match."
    )
    found = repaired(
        text, ("Kessel Rovers 1", "ORG"), ("Anna Marsh", "PERSON"), ("Dunmere City 2", "ORG"),
        ("Ida Holm", "PERSON"), ("Channel 4", "ORG"),
    )
    # a name's own number is not followed by scorers
    assert [m.text for m in found] == [
        "Kessel Rovers", "Anna Marsh", "Dunmere City", "Ida Holm", "Channel 4",
    ]


def test_a_results_lines_venue_is_a_place() -> None:
    text = (
        "Kessel league scores\n\nAt Dunmerby: Harwick beat Kessel by nine runs.\n\n"
        "At the Oval (Varnholm): Orrin beat Tarsk by an innings.\n\n"
        "At Kessel-on-Sea: Tarsk drew with Harwick.\n\nUpdate: the league resumes in May."
    )
    found = repaired(
        text, ("Harwick", "ORG"), ("Kessel", "ORG"), ("Orrin", "ORG"), ("Tarsk", "ORG"),
        ("Tarsk", "ORG"), ("Harwick", "ORG"),
    )
    places = [m.text for m in found if m.label == "GPE"]
    # places no lookup knows, named by the line alone; "Update:" opens no venue
    assert places == ["Dunmerby", "Oval", "Varnholm", "Kessel-on-Sea"]
    assert [m.text for m in found if m.label == "ORG"] == [
        "Harwick", "Kessel", "Orrin", "Tarsk", "Tarsk", "Harwick",
    ]


def test_the_side_after_a_results_lines_venue_is_a_team() -> None:
    # A scorecard: the side batting first follows the venue, before its total, whatever the
    # model read; a country is its national team, a place. A name after a venue that is not
    # followed by a total is left to the model.
    text = (
        "County scores\n\nAt Dunmerby: Harwickshire 280 (A. Marsh 63, I. Holm 52).\n\n"
        "At Weston-super-Kessel: Orrinshire 236-4 (T. Lund 85).\n\n"
        "At the Oval: Norway 326 (P. Brandt 95).\n\n"
        "In Varnby: Kesselshire 210 (T. Lund 60).\n\n"
        "At Tarsk: Anna Lindqvist beat Ida Holm."
    )
    found = repaired(
        text, ("Harwickshire", "PERSON"), ("Orrinshire", "GPE"), ("Norway", "GPE"),
        ("Kesselshire", "PERSON"), ("Anna Lindqvist", "PERSON"),
    )
    assert [(m.text, m.label) for m in found if m.label != "PERSON"] == [
        ("Dunmerby", "GPE"), ("Harwickshire", "ORG"), ("Weston-super-Kessel", "GPE"),
        ("Orrinshire", "ORG"), ("Oval", "GPE"), ("Norway", "GPE"), ("Varnby", "GPE"),
        ("Kesselshire", "ORG"), ("Tarsk", "GPE"),
    ]
    assert [m.text for m in found if m.label == "PERSON"] == ["Anna Lindqvist"]


def test_a_towns_name_with_a_plural_nickname_is_a_team() -> None:
    text = (
        "Herons win\n\nThe Lisbon Herons beat the Porto Sea Lions 95-88 in Lisbon. Fans took "
        "ferries from Lisbon Falls and the Porto Islands; Porto Germans cheered. Dunmere "
        "Ferries sailed, the Lisbon Senator Charles said, and Lisbon Rovers fans sang."
    )
    found = repaired(
        text, ("The Lisbon Herons", "FAC"), ("Porto", "GPE"), ("Lisbon", "GPE"),
        ("Lisbon", "GPE"), ("Porto", "GPE"), ("Porto", "GPE"), ("Dunmere", "GPE"),
        ("Lisbon", "GPE"), ("Lisbon", "GPE"),
    )
    # a place the lookup does not know before a plural is no town's team ("Dunmere Ferries"),
    # nor is a title and a given name, nor words after a town without "the"
    assert [(m.text, m.label) for m in found] == [
        ("The Lisbon Herons", "ORG"), ("Porto Sea Lions", "ORG"), ("Lisbon", "GPE"),
        ("Lisbon", "GPE"), ("Porto", "GPE"), ("Porto", "GPE"), ("Dunmere", "GPE"),
        ("Lisbon", "GPE"), ("Lisbon", "GPE"),
    ]


def test_a_wire_label_that_opens_a_line_is_no_dateline() -> None:
    text = (
        "Kessel Corp results\n\nDUNMERE - Kessel Corp said profit rose.\n\n"
        "NOTE - Kessel Corp is the full company name.\n\nUpdate: Kessel Corp shares rose.\n\n"
        "Business: Kessel Corp makes ferries."
    )
    found = repaired(text, ("NOTE", "ORG"), ("Update", "ORG"), ("Business", "ORG"))
    assert [m.text for m in found if m.label == "GPE"] == ["DUNMERE"]


def test_a_monarchs_number_is_part_of_the_name() -> None:
    text = (
        "Anna II of Kessel was crowned in 1533. Harald IV, Orla I (1520-1580) and Orla I of "
        "Varnholm ruled. Anna I born 1490. Then Tove I was told the story, and Ida Holm IVth "
        "said so.\n\nPer Lund V Nils Ekberg 6-3"
    )
    found = repaired(
        text, ("Anna", "PERSON"), ("Harald", "PERSON"), ("Orla", "PERSON"),
        ("Orla", "PERSON"), ("Anna", "PERSON"), ("Tove", "PERSON"), ("Ida Holm", "PERSON"),
        ("Per Lund", "PERSON"), ("Nils Ekberg", "PERSON"),
    )
    # a bare "I" before a verb may be the pronoun, and "V" between players "versus"; "IVth" is
    # no number
    assert [m.text for m in found if m.label == "PERSON"] == [
        "Anna II", "Harald IV", "Orla I", "Orla I", "Anna I", "Tove", "Ida Holm", "Per Lund",
        "Nils Ekberg",
    ]


def test_a_month_before_an_organisations_name_is_no_part_of_it() -> None:
    text = (
        "The August Kessel Purchasing Index rose, Sept Brent fell, May Department Stores "
        "gained and August Orrin sold. Then the August Harwick Orders Index fell, and the "
        "August Varn sold."
    )
    found = repaired(
        text, ("August Kessel Purchasing Index", "ORG"), ("Sept Brent", "ORG"),
        ("May Department Stores", "ORG"), ("August Orrin", "ORG"),
        ("the August Harwick Orders Index", "ORG"), ("the August Varn", "ORG"),
    )
    # "May" opens names, and a given name and more may be a person's (with "the" too)
    assert [m.text for m in found] == [
        "Kessel Purchasing Index", "Brent", "May Department Stores", "August Orrin",
        "Harwick Orders Index", "the August Varn",
    ]


def test_a_month_after_a_name_before_a_day_or_figure_is_no_part_of_it() -> None:
    # A poll table's rows: "Varnholm Polls Aug 25 41.0", "Orrin Survey May 12 39.0". Not
    # without a number after it, nor a person's ("Orla May 12" may be her score).
    text = ("Varnholm Polls Aug 25 41.0 34.0\n\nOrrin Survey May 12 39.0 33.0\n\n"
            "Kessel June was sold. Orla May 12 points.")
    found = repaired(
        text, ("Varnholm Polls Aug", "ORG"), ("Orrin Survey May", "ORG"), ("Kessel June", "ORG"),
        ("Orla May", "PERSON"),
    )
    assert [m.text for m in found] == ["Varnholm Polls", "Orrin Survey", "Kessel June", "Orla May"]


def test_a_town_and_its_state_s_postal_code_are_two_places() -> None:
    # A market table's rows: "Harwick Falls MT 4.54 dn.10", which the model reads as one
    # person. Not a company's form ("Kessel CO"), capitals that are no state's code, nor in
    # prose ("Lisbon AK beat ...", a club).
    text = ("Harwick Falls MT 4.54 dn.10\n\nOrrinby WA --- 5.13\n\nKessel CO 2.1\n\n"
            "Varnby QX 1\n\nLisbon AK beat Porto.")
    found = repaired(text, ("Harwick Falls MT", "PERSON"), ("Orrinby WA", "ORG"),
                     ("Kessel CO", "ORG"), ("Varnby QX", "PERSON"), ("Lisbon AK", "ORG"))
    assert [(m.text, m.label) for m in found] == [
        ("Harwick Falls", "GPE"), ("MT", "GPE"), ("Orrinby", "GPE"), ("WA", "GPE"),
        ("Kessel CO", "ORG"), ("Varnby QX", "PERSON"), ("Lisbon AK", "ORG"),
    ]


def test_a_team_by_its_nickname_after_its_town_is_the_team() -> None:
    text = (
        "The Lisbon Herons beat the Portugal Falcons 4-2. The Herons led all game and the "
        "Falcons never caught up."
    )
    result = resolve(
        text,
        mentions(
            text, ("Lisbon Herons", "ORG"), ("Portugal Falcons", "ORG"), ("Herons", "ORG"),
            ("Falcons", "ORG"),
        ),
        EntityConfig.empty(),
    )
    # a town and a nickname: the nickname is the team; not after a country's name
    assert result.organizations == ["Falcons", "Lisbon Herons", "Portugal Falcons"]
    assert result.aliases == {"Lisbon Herons": ["Herons"]}


def test_a_name_alone_under_the_title_is_a_byline_not_a_heading() -> None:
    text = (
        "Kessel Gas Cuts Jobs\n\nAnna Marsh\n\nKESSEL 1996-08-30\n\nKessel Gas will cut jobs.\n\n"
        "Harbour Works\n\nIda Holm\n\nThe works start in May."
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Anna Marsh", "PERSON"),
            ("Kessel Gas", "ORG"),
            ("Harbour Works", "PERSON"),
            ("Ida Holm", "PERSON"),
        ),
        EntityConfig.empty(),
    )
    # The byline is a person; a heading further down, even a person's name, is not.
    assert result.people == ["Anna Marsh"]


def test_a_players_club_before_the_role_and_champions_are_organisations() -> None:
    # The model's person or town before a player's role and a name is the player's club; a
    # country is its national team, a place; a given name and more stays a person.
    text = (
        "Cup Draw\n\nHarwick striker Anna Marsh scored twice. Norway coach Ida Holm was "
        "pleased, and Varnby Dunfield captain Tove Lund agreed. Defending champions Kessmark "
        "Orrin lost. Layla Feldby coach Petra Lind? No: Layla Feldby spoke."
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Harwick", "GPE"), ("Anna Marsh", "PERSON"), ("Norway", "GPE"),
            ("Ida Holm", "PERSON"), ("Varnby Dunfield", "PERSON"), ("Tove Lund", "PERSON"),
            ("Kessmark Orrin", "PERSON"), ("Layla Feldby", "PERSON"), ("Petra Lind", "PERSON"),
        ),
        EntityConfig.empty(),
    )
    assert result.organizations == ["Harwick", "Kessmark Orrin", "Varnby Dunfield"]
    assert result.places == ["Norway"]
    assert "Layla Feldby" in result.people


def test_a_wires_sign_off_names_its_reporter_and_its_newsroom() -> None:
    # The sign-off's words are capitalised like a heading's; the line is no heading. The
    # office's name ends in what it is, and its telephone number is no part of it.
    text = (
        "Jobs Cut\n\nKessel Gas will cut jobs.\n\n"
        "-- Anna Marsh, Kessel Newsroom +47 2293-6900\n\n"
        "-- Harwick Energy Desk +44 20 7542 1111\n"
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Kessel Gas", "ORG"),
            ("Anna Marsh", "PERSON"),
            ("Kessel Newsroom +47", "ORG"),
            ("Harwick Energy Desk", "PERSON"),
        ),
        EntityConfig.empty(),
    )
    assert result.people == ["Anna Marsh"]
    assert result.organizations == ["Harwick Energy Desk", "Kessel Gas", "Kessel Newsroom"]


def test_a_name_before_a_legal_form_is_the_company_and_its_short_form_joins_it() -> None:
    text = (
        "Results\n\nApic Holm - half-year forecast. NOTE - Apic Holm Corp makes leadframes. "
        "Kessmark International Inc bought Dunrow. Kessmark said Kessmark would grow, and "
        "Kessmark staff agreed. Tobias Reinholt Ltd hired Tobias Reinholt, who said Tobias "
        "Reinholt would stay. Shares rose in Denver CO on Monday."
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Apic Holm", "PERSON"),
            ("Apic Holm", "PERSON"),  # before "Corp": the company
            ("Kessmark International Inc", "ORG"),
            ("Kessmark", "PERSON"),
            ("Kessmark", "PERSON"),
            ("Kessmark", "PERSON"),
            ("Tobias Reinholt Ltd", "ORG"),
            ("Tobias Reinholt", "PERSON"),
            ("Tobias Reinholt", "PERSON"),
            ("Denver", "GPE"),  # "CO" is Colorado's code, no legal form
        ),
        EntityConfig.empty(),
    )
    assert result.organizations == [
        "Apic Holm Corp", "Kessmark International Inc", "Tobias Reinholt Ltd"
    ]
    assert result.aliases["Kessmark International Inc"] == ["Kessmark"]
    # a given name and more may be the founder the company is named after
    assert result.people == ["Tobias Reinholt"]
    assert result.places == ["Denver"]


def test_one_word_read_as_a_person_beside_its_group_is_the_group() -> None:
    """ "Altrix" alone, read as a person beside "Altrix Group", is the group; a surname of a
    person the article names in full stays that person's."""
    text = (
        "Tobacco\n\nAmong the accused were Altrix Group and Kessel Leaf. Shares closed higher, "
        "with Altrix rising 5%. Tobias Reinholt, who founded Reinholt Holdings, said Reinholt "
        "would appeal."
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Altrix Group", "ORG"),
            ("Kessel Leaf", "ORG"),
            ("Altrix", "PERSON"),
            ("Tobias Reinholt", "PERSON"),
            ("Reinholt Holdings", "ORG"),
            ("Reinholt", "PERSON"),
        ),
        EntityConfig.empty(),
    )
    assert result.organizations == ["Altrix Group", "Kessel Leaf", "Reinholt Holdings"]
    assert result.people == ["Tobias Reinholt"]


def test_a_name_after_band_is_an_organisation_and_after_duo_people() -> None:
    text = (
        "Charts\n\nThe rock band Tove Lantern topped the chart. Tove Lantern will tour. "
        "Harwick duo Ida Holm and Anna Marsh won the pairs."
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Tove Lantern", "PERSON"),
            ("Tove Lantern", "PERSON"),
            ("Ida Holm", "PERSON"),
            ("Anna Marsh", "PERSON"),
        ),
        EntityConfig.empty(),
    )
    assert result.organizations == ["Tove Lantern"]
    assert result.people == ["Anna Marsh", "Ida Holm"]


def test_a_name_after_a_noun_such_as_firm_is_an_organisation() -> None:
    text = (
        "Shares Fall\n\nShares in oil firm Kessmark fell on Monday. Kessmark said output was "
        "down, and Kessmark expects a better year, its chief Anna Marsh said."
    )
    result = resolve(
        text,
        mentions(
            text,
            ("Kessmark", "PERSON"),
            ("Kessmark", "PERSON"),
            ("Kessmark", "ORG"),
            ("Anna Marsh", "PERSON"),
        ),
        EntityConfig.empty(),
    )
    # The apposition outweighs the model's reading of the name elsewhere in the article.
    assert result.organizations == ["Kessmark"]
    assert result.people == ["Anna Marsh"]
    # Where the model read the name after the noun right, the sentence still outweighs its
    # readings elsewhere ("drugmaker" is such a noun), but not for a given name and surname.
    text = ("Deal\n\nSwiss drugmaker Varnholt bought a rival. Varnholt said its sales grew, and "
            "Varnholt will cut costs.\n\nIndependent film-maker Ida Holm was there. Ida Holm "
            "said so, and Ida Holm left.")
    result = resolve(text, mentions(text, ("Varnholt", "ORG"), ("Varnholt", "PERSON"),
                                    ("Varnholt", "PERSON"), ("Ida Holm", "ORG"),
                                    ("Ida Holm", "PERSON"), ("Ida Holm", "PERSON")),
                     EntityConfig.empty())
    assert result.organizations == ["Varnholt"] and result.people == ["Ida Holm"]
    # A heading's last word is no noun before the dateline on the next line.
    text = "Harbour strike over-newspaper.\n\nLISBON 2026-03-02\n\nA Kesselland paper said so."
    result = resolve(text, mentions(text, ("LISBON", "GPE")), EntityConfig.empty())
    assert result.places == ["Lisbon"] and result.organizations == []


def test_a_name_that_opens_a_sentence_in_the_plural_is_a_group() -> None:
    # "Snow Larks were": one person takes "was"; the sentence says it of every mention, however
    # many the model read as a person.
    text = (
        "Snow Larks win\n\nSnow Larks were the big winners on Thursday. Ida Holm praised Snow "
        "Larks. The prize went to Snow Larks, and fans cheered Snow Larks.\n\n\"Tove Marsh and "
        "coach Anna Vell were banned. Anna Vell have to wait."
    )
    spans = [("Snow Larks", "PERSON")] * 2 + [("Ida Holm", "PERSON")] + [
        ("Snow Larks", "PERSON")] * 3 + [("Tove Marsh", "PERSON"), ("Anna Vell", "PERSON"),
                                         ("Anna Vell", "PERSON")]
    result = resolve(text, mentions(text, *spans), EntityConfig.empty())
    assert result.organizations == ["Snow Larks"]
    # the end of a list of people is no sentence's whole subject, nor is "have to"
    assert result.people == ["Anna Vell", "Ida Holm", "Tove Marsh"]


def test_a_team_s_nickname_the_model_read_as_a_person_folds_into_the_team() -> None:
    # "Herons" of the "Texas Herons" the article names, a person to the model in the title and
    # the text; not the dateline's town after a club named before it ("Regina Lisbon", where
    # Regina is a town too).
    text = (
        "Herons win\n\nLISBON 2026-03-01\n\nThe Texas Herons beat Regina Lisbon 3-1. Ida Holm "
        "said Herons deserved it."
    )
    result = resolve(text, mentions(text, ("Herons", "PERSON"), ("LISBON", "GPE"),
                                    ("Texas Herons", "ORG"), ("Regina Lisbon", "ORG"),
                                    ("Ida Holm", "PERSON"), ("Herons", "PERSON")),
                     EntityConfig.empty())
    assert result.organizations == ["Regina Lisbon", "Texas Herons"]
    assert result.people == ["Ida Holm"] and result.places == ["Lisbon"]


def test_a_name_read_as_a_place_that_has_shares_or_a_chief_is_a_company() -> None:
    # "Varnogaz shares", "Varnogaz chief Ida Holm": only a company has them; it says so of every
    # mention, however often the model read the name as a place. A town a lookup knows keeps
    # its place ("Lisbon shares" are the city's market).
    text = (
        "Gas deal\n\nVarnogaz shares rose. Varnogaz chief Ida Holm met buyers in Lisbon, where "
        "Varnogaz and Kesselgaz talk. Lisbon shares fell. Varnogaz will sell gas to Varnogaz "
        "clients, Varnogaz said, and Varnogaz agreed with Varnogaz and Varnogaz."
    )
    spans = [("Varnogaz", "GPE")] * 2 + [("Ida Holm", "PERSON"), ("Lisbon", "GPE"),
                                         ("Varnogaz", "GPE"), ("Kesselgaz", "ORG"),
                                         ("Lisbon", "GPE")] + [("Varnogaz", "GPE")] * 6
    result = resolve(text, mentions(text, *spans), EntityConfig.empty())
    assert result.organizations == ["Kesselgaz", "Varnogaz"]
    assert result.places == ["Lisbon"] and result.people == ["Ida Holm"]
