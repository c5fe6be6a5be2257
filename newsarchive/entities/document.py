"""Whole-article evidence the model does not use: tables, gazetteers and the article's own names.

The small model labels each sentence on its own. An article gives more: "Kessel" leading a row
of scores is a club; "Ukrainian" is a people, not a place; a country has one name whatever
the article calls it; and a name the model found once is the same name where it missed it
later. :func:`complete` turns that into mentions (added, relabelled or dropped) before the
article-level rules of :mod:`newsarchive.entities.resolve` run.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import replace
from typing import TYPE_CHECKING

from newsarchive.entities.charters import charter_mentions
from newsarchive.entities.gazetteer import Gazetteer, gazetteer
from newsarchive.entities.given_names import given_names, looks_like_a_person
from newsarchive.entities.initials import with_initialled_people
from newsarchive.entities.kinds import kind_mentions
from newsarchive.entities.lexicon import english_words, is_english_word
from newsarchive.entities.lists import club_mentions, list_mentions
from newsarchive.entities.model import LABEL_TYPES
from newsarchive.entities.nationals import with_introduced_people
from newsarchive.entities.ner import LAYOUT_VOTES, Mention
from newsarchive.entities.normalize import (
    SIGN_OFF_OPENER,
    TRAILING_DATE,
    clean,
    name_key,
    person_words,
    word_before,
)
from newsarchive.entities.press import (
    ends_in_a_masthead,
    masthead_mentions,
    press_review_mentions,
)
from newsarchive.entities.repair import missed_acronyms
from newsarchive.entities.scorecards import scorecard_mentions
from newsarchive.entities.tables import fixture_mentions, nickname_mentions, team_mentions
from newsarchive.entities.tokens import opens_sentences_only, written_inside
from newsarchive.entities.vocab import (
    BODY_OF_STUDY,
    COMPANY_FORMS,
    DEPARTMENT_WORDS,
    EVENT_WORDS,
    LOCATIVES,
    NEWSROOM_WORDS,
    ORG_DESIGNATORS,
    PARTY_MEMBERS,
    PEERAGE,
    PLACE_JOINERS,
    PLACE_NOUNS,
    ROYAL_TITLES,
    SEATS_OF_GOVERNMENT,
    TRADE_WORDS,
    VENUE_WORDS,
)

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

_PLACE_LABELS = frozenset(["GPE", "LOC", "FAC"])
#: Capitals the gazetteer does not know as a place ("BT", "IPCL", "A.T.&T."): a company or a
#: body the model, seeing no context it knows, calls a place ("with BT on the software"); not
#: a state's code or a big city's initials ("N.H.", "LA").
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}(?:&[A-Z]\.?)?")
#: A name written as the first half of a compound adjective: "-based", "-backed", "-led" after
#: it, ending the word (not "-on-Sea", a town's own name going on).
_COMPOUND_AFTER = re.compile(r"-([a-z]+)\b(?!-)")
#: ... or "pro-" or "anti-" before it.
_COMPOUND_BEFORE = re.compile(r"(?<![\w-])(?:pro|anti)-\Z", re.IGNORECASE)


def complete(
    text: str,
    mentions: Sequence[Mention],
    doc: Doc | None = None,
    make_doc: Callable[[str], Doc] | None = None,
) -> list[Mention]:
    """The mentions of ``text``: the model's, corrected by the layout and the gazetteers, plus
    the later mentions of its names that the model missed (found in ``doc``, tokenised by
    ``make_doc``, when given)."""
    mentions = with_event_words(
        text, with_introduced_people(text, with_initialled_people(text, mentions)))
    teams = team_mentions(text, mentions)
    teams += _clear_of(
        teams, fixture_mentions(text, mentions, results=any(t.label == "ORG" for t in teams))
    )
    teams += _clear_of(
        teams,
        list_mentions(text, mentions) + club_mentions(text, mentions)
        + scorecard_mentions(text) + charter_mentions(text) + nickname_mentions(text),
    )
    words = english_words(doc.vocab) if doc is not None else frozenset()
    teams += _clear_of(
        teams, press_review_mentions(text, mentions, words) + masthead_mentions(text, mentions)
    )
    teams += _clear_of(teams, kind_mentions(text, mentions))
    kept = _clear_of(teams, mentions)
    named = person_words(m.text for m in kept + teams if m.label == "PERSON")
    fixed = [_relabel(m, text, named) for m in kept] + teams
    fixed = [m for m in fixed if m.label]
    fixed = players_read_as_organisations(text, fixed, teams)
    fixed += party_mentions(text, fixed)
    fixed += street_mentions(text, fixed)
    fixed += town_mentions(text, fixed)
    fixed += byline_mention(text, fixed)
    fixed = with_sign_offs(text, fixed)
    fixed += missed_acronyms(text, fixed)
    if doc is not None:
        fixed = without_line_labels(doc, text, fixed, named, teams)
        fixed = without_stray_words(doc, fixed, named, teams)
        lexicon = english_words(doc.vocab)
        fixed = [without_description(m, lexicon) for m in fixed]
    if doc is not None and make_doc is not None:
        fixed += later_mentions(doc, text, fixed, make_doc)
        fixed += country_mentions(doc, text, fixed, named, make_doc)
    fixed = [m for m in fixed if not in_a_compound(text, m)]
    return sorted(fixed, key=lambda m: (m.start, m.end))


#: An event's word right after a name, a word of its own ("Kessel Classic tournament",
#: "HARWICK OPEN."), not the first of a longer name ("Kessel Cup Winners").
_EVENT_AFTER = re.compile(
    r" (" + "|".join(sorted(f"{w.capitalize()}|{w.upper()}" for w in EVENT_WORDS))
    + r")(?![\w'’-])(?! [A-Z])"
)


def with_event_words(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` with each name the model cut from the event word after it ("Kessel" ORG
    and "Classic" PRODUCT of "the Kessel Classic tennis tournament") made the event's name
    whole, in place of the mentions it covers: the article names the event, not the sponsor,
    the town or the person it is named after ("Brandt Cup"). Not where the event word is in
    capitals and the name is not."""
    joined: list[Mention] = []
    for m in mentions:
        after = _EVENT_AFTER.match(text, m.end)
        if (after is None or m.label == "EVENT" or not m.text[:1].isupper()
                or after.group(1).isupper() != m.text.isupper()):
            continue
        joined.append(replace(m, text=text[m.start : after.end()], end=after.end(),
                              label="EVENT"))
    if not joined:
        return list(mentions)
    kept = [m for m in mentions
            if not any(j.start <= m.start and m.end <= j.end for j in joined)]
    return sorted(kept + joined, key=lambda m: (m.start, m.end))


def in_a_compound(text: str, mention: Mention) -> bool:
    """Whether a place's or a body's name is written only as part of a compound adjective
    ("a Dorrin-based fund", "Kaleva-backed rebels", "pro-Kaleva leaders"): the words describe
    something else, and the article is not about the place or the body, so they are no mention
    of it (news annotation marks the whole compound as a descriptive word, not a name). The
    same name written on its own elsewhere in the article is still listed. A person's name is
    left alone: "Kim Young-hoon" may be cut by the model before its last part, and so is a
    span ending in a lower-case word ("Kessel Cup quarter" of "Kessel Cup quarter-final")."""
    words = mention.text.split()
    if mention.label == "PERSON" or not words or not words[-1][:1].isupper():
        return False
    after = _COMPOUND_AFTER.match(text, mention.end)
    if after is not None and after.group(1) not in PLACE_JOINERS:
        return True
    before = _COMPOUND_BEFORE.search(text, max(0, mention.start - 6), mention.start)
    # a capitalised "Anti-" may open a body's own name ("Anti-Fraud Office", cut by the model)
    return before is not None and (before.group().islower() or len(words) == 1)


def _relabel(mention: Mention, text: str, person_words: frozenset[str]) -> Mention:
    """Countries are places and "EU" an organisation whatever the model said; a demonym the
    model called a place, a person, an organisation or an event or a product ("Ukrainian",
    "Welsh", "Scots") is a people's name (NORP), which has no page; a town the model called a
    person right after "in" or "from" ("in Glasgow") is a place, and so is a name the article
    calls one ("the town of Kesselby", "Harwick county"); a name that says it is a club
    ("Harwick Rovers"), that a player "played for" or that owns a person in the possessive
    ("Kessmark's Anna Marsh", but for a town: a club or the town), and capitals the model
    called a place that no place lookup knows ("BT"), a person's or town's name with a digit
    ("O2") and a name that ends in a company's legal form ("Kessel SpA") or a newspaper's word
    ("Kessel Times") are organisations; a name that ends in an event's, a contest's or an
    award's word ("Kessel Cup") is an event. Demonyms and towns stay people when the article
    names a person with the word (``person_words``: "Irvine Welsh";
    :func:`~newsarchive.entities.normalize.person_words`)."""
    places = gazetteer()
    name = mention.text.strip()
    label = mention.label
    if label not in LABEL_TYPES and label != "NORP":
        return mention
    bare = _bare(name)
    place = places.place(bare)
    own = name_key(bare) in person_words
    votes = mention.votes
    if places.organization(bare):
        label = "ORG"
    elif name_key(bare) in SEATS_OF_GOVERNMENT:
        label = "FAC"  # "the Kremlin said": the building, a place
    elif place is not None and place.kind == "country":
        label = "GPE"
    elif place is not None and label in _THINGS and not own:
        label = "GPE"  # "Sardinia, Lisbon and Cyprus", the town read as a product
    elif places.is_demonym(bare, strict=label not in _PLACE_LABELS) and (
        label in _PLACE_LABELS or (label not in _PLACE_LABELS and not own)
    ):
        label = "NORP"
    elif not own and (
        # a town the model read as a person after "in" ("in Glasgow")
        (label == "PERSON" and place is not None and word_before(text, mention.start) in LOCATIVES)
        # a group's name the model read where the article names a place ("the state of
        # Harwickshire"); after the noun only, as a people's adjective goes before one
        or (label == "NORP" and _place_noun_before(text, mention))
    ):
        label = "GPE"
    elif not own and label in _CALLABLE and _called_a_place(text, mention, places):
        # a name the article calls a place ("the town of Kesselby", "Harwick county"): the
        # article's own word, which outweighs the model's readings of the name elsewhere
        label, votes = "GPE", max(votes, LAYOUT_VOTES)
    elif place is None and _names_an_event(bare):
        label = "EVENT"
    elif label in ("ORG", "PERSON") and _names_a_venue(bare):
        label = "FAC"
    elif label in ("PERSON", "GPE") and place is None and _owns_a_person(text, mention, bare):
        # "Kessmark's Anna Marsh": her club or employer, by the article's own words, which
        # outweigh the model's readings of the name elsewhere in it (a place no lookup knows)
        label, votes = "ORG", max(votes, LAYOUT_VOTES)
    elif label != "ORG" and (
        places.is_club(bare)
        or _played_for(text, mention, bare)
        or _capitals_of_no_place(bare, label, places)
        or _numbered(bare, label, place)
        or _with_a_legal_form(name)
        or ends_in_a_masthead(bare)
    ):
        label = "ORG"
    if label == mention.label:
        return mention
    return Mention(mention.text, label, mention.start, mention.end, votes, mention.score)


#: A possessive, then a given name and a surname: "Harwick's Anna Marsh" (not a monarch's
#: number: "Anna Marsh's Orla III" is a play).
_OWNER_OF = re.compile(r"['’]s ([A-Z][\w'’-]+ [A-Z][a-z][\w'’-]*)")


def _owns_a_person(text: str, mention: Mention, name: str) -> bool:
    """Whether a one-word name the model read as a person is, in the possessive, the club,
    company or country of the person named after it ("Harwick's Anna Marsh", "Kessmark's
    Ida Holm"): a team or employer, not a person."""
    if " " in name:
        return False
    owner = _OWNER_OF.match(text, mention.start + len(name))
    return owner is not None and looks_like_a_person(owner.group(1))


#: "played for" or "signed for", and the clubs listed so far, right before a name: "who
#: played for Harwick and Dunmere City".
_PLAYED_FOR = re.compile(
    r"\b(?:play(?:s|ed|ing)?|sign(?:s|ed|ing)?) for (?:[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*"
    r"(?:,| and) )*$"
)


def _played_for(text: str, mention: Mention, name: str) -> bool:
    """Whether a player "played for" or "signed for" the name: a club, though the model read
    a town ("played for Lisbon and Porto"); a country is its national side, a place (decided
    before this is asked), and a given name and more the model read as a person is one ("he
    played for Anna Marsh")."""
    return _PLAYED_FOR.search(text, max(0, mention.start - 120), mention.start) is not None and (
        mention.label != "PERSON" or not looks_like_a_person(name)
    )


#: "the town of", "the capital", "the port city of" right before a name.
_PLACE_NOUN_BEFORE = re.compile(
    r"\b(?:(?:" + "|".join(sorted(PLACE_NOUNS)) + r") of|the (?:" + "|".join(sorted(PLACE_NOUNS))
    + r")) \Z"
)
#: A place's noun in lower case right after a name ("Harwick county", "Orrin port"), or in
#: the plural after a list the name opens or is in ("Kessel, Dunmere and Varnby airports").
_PLACE_NOUN_PLURALS = sorted(
    n[:-1] + "ies" if re.search(r"[^aeiou]y$", n) else n + "s"
    for n in PLACE_NOUNS if not n.endswith("s"))
_LISTED = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*"
_PLACE_NOUN_AFTER = re.compile(
    r" (?:" + "|".join(sorted(PLACE_NOUNS)) + r")\b"
    rf"|(?:, {_LISTED})*,? and {_LISTED} (?:" + "|".join(_PLACE_NOUN_PLURALS) + r")\b"
)
#: The plural right after the last name of such a list ("... and Varnby airports").
_PLURAL_AFTER_LAST = re.compile(r" (?:" + "|".join(_PLACE_NOUN_PLURALS) + r")\b")


#: The model's labels for named things, which a town a place lookup knows is not.
_THINGS = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
#: The model's readings a name the article calls a place is taken from: an organisation, a
#: person, or a named thing ("Kessby airport" read as an event).
_CALLABLE = frozenset({"ORG", "PERSON", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


def _called_a_place(text: str, mention: Mention, places: Gazetteer) -> bool:
    """Whether the article calls the model's organisation or person a place: a place's noun
    in lower case before it ("the town of Kesselby", "the capital Varnholm") or after it
    ("Harwick county", "Orrin port"). Not a name that says it is an organisation or a club
    ("the city of Kessel Council", "Harwick Rovers"), nor one the gazetteer knows as such."""
    name = mention.text
    if (
        places.organization(name)
        or places.is_club(name)
        or _with_a_legal_form(name)
        or any(w.lower() in ORG_DESIGNATORS or w.lower() in TRADE_WORDS for w in name.split())
    ):
        return False
    after = _PLACE_NOUN_AFTER.match(text, mention.end) or (
        text[max(0, mention.start - 5) : mention.start].endswith((" and ", ", "))
        and _PLURAL_AFTER_LAST.match(text, mention.end))
    return _place_noun_before(text, mention) or bool(after)


def _place_noun_before(text: str, mention: Mention) -> bool:
    """A place's noun in lower case right before the mention ("the town of", "the capital")."""
    return _PLACE_NOUN_BEFORE.search(text, max(0, mention.start - 30), mention.start) is not None


def _numbered(name: str, label: str, place: object) -> bool:
    """A person's or a country's or town's name has no digit: "O2", "U2" and "G8", which the
    model reads as either, are organisations (places with a number, "Route 66", "Terminal 5",
    are the model's LOC and FAC, and stay)."""
    bare = TRAILING_DATE.sub("", name)  # a dateline's date is no part of the name
    return label in ("PERSON", "GPE") and place is None and any(c.isdigit() for c in bare)


def _names_an_event(name: str) -> bool:
    """A name of two words or more whose last word names an event, a contest or an award
    ("Kessel Cup", "Harwick Open", "Varnholm Prize"; :data:`EVENT_WORDS`)."""
    parts = name_key(name).split()
    return len(parts) >= 2 and parts[-1] in EVENT_WORDS


def _names_a_venue(name: str) -> bool:
    """A name of two words or more whose last word names a venue people go to ("Kessel
    Stadium", "National Rowing Centre"; :data:`VENUE_WORDS`), of no organisation's form: not
    "Centre for Harbour Studies" nor "Harbour Policy Centre", which name who work there. Not a
    given name and a surname either: "Church" and "Bridge" are surnames too ("Anna Church"),
    nor a list the model read as one name ("Marsh, Bridge")."""
    parts = name_key(name).split()
    return (len(parts) >= 2 and parts[-1] in VENUE_WORDS and "," not in name
            and not any(w in ("for", "of") or w in BODY_OF_STUDY for w in parts)
            and not looks_like_a_person(name))


def _with_a_legal_form(name: str) -> bool:
    """A name of two words or more whose last word is a company's legal form ("Varnholm
    Mining Co", "Kessel SpA", "Halvex Inc"): a company, whatever the model read. Written after
    a word, not after a dash ("Tove Lantern - co-written")."""
    parts = name.split()
    if len(parts) < 2 or not parts[-2][:1].isalnum():
        return False
    form = parts[-1]  # in capitals, but British style writes "plc" in lower case
    return name_key(form) in COMPANY_FORMS and (form == "plc" or not form.islower())


def _capitals_of_no_place(name: str, label: str, places: Gazetteer) -> bool:
    """Whether the model's place ``name`` is capitals (:data:`_ACRONYM`) that no place lookup
    of ``places`` knows."""
    return label in _PLACE_LABELS and _ACRONYM.fullmatch(name) is not None and not places.knows(
        name
    )


def without_line_labels(
    doc: Doc,
    text: str,
    mentions: Sequence[Mention],
    person_words: frozenset[str],
    layout: Sequence[Mention] = (),
) -> list[Mention]:
    """``mentions`` without the labels of a report's lines: "Attendance: 9,000", "Scorer: Anna
    Marsh (79th minute)", "Extras (lb-3 nb-2) 5", "Forwards: ...", "Fastest lap: ...". A
    one-word mention that opens a line and is followed by a colon, a dash, a bracket or a
    number (or by the label's words in lower case and a colon) is a label, not a name,
    when it is a word of the model's English word lists (:mod:`~newsarchive.entities.lexicon`)
    and the article writes it with its capital nowhere else. Kept: organisations (but not
    before a colon: "Issuer: ..."), short capitals ("LA") and what :func:`_without_words`
    keeps ("Brown: ..." where the article names Anna Brown)."""

    def label(m: Mention) -> bool:
        return (
            (m.label != "ORG" or text.startswith(":", m.end))
            and not (m.text.isupper() and len(m.text) <= 3)
            and _LABEL_AFTER.match(text, m.end) is not None
            and not text[text.rfind("\n", 0, m.start) + 1 : m.start].strip()
            and not written_inside(doc, m.text, m.start)
        )

    return _without_words(doc, mentions, person_words, layout, label)


#: What follows a line's label: a colon, a dash, a bracket or a number; or the label's other
#: words in lower case and a colon ("Fastest lap: ...", "Man of the match: ...", not "Arsenal
#: won 2-0").
_LABEL_AFTER = re.compile(r"[ \t]*(?::|-{1,2}\s|[–—(]|\d)|(?:[ \t]+[a-z][a-z'-]*){1,3}[ \t]*:")


def without_stray_words(
    doc: Doc,
    mentions: Sequence[Mention],
    person_words: frozenset[str],
    layout: Sequence[Mention] = (),
) -> list[Mention]:
    """``mentions`` without the one-word English words the model took for names where the
    article says they are none: a common word opening sentences (:func:`_opens_sentences`) or
    the rest of a title the model cut (:func:`_rest_of_a_cut_title`), unless
    :func:`_without_words` keeps it."""
    from spacy.lang.en.stop_words import STOP_WORDS  # the model is loaded: spaCy is too

    text = doc.text  # joined from every token on each call: once, not once per name

    def stray(m: Mention) -> bool:
        return (
            _opens_sentences(doc, m)
            or _a_place_only_where_sentences_open(doc, m)
            or _rest_of_a_cut_title(text, m, STOP_WORDS)
        )

    return _without_words(doc, mentions, person_words, layout, stray)


def _opens_sentences(doc: Doc, m: Mention) -> bool:
    """A common word the model took for a name because sentences open with it: "Tsunami" in
    "Tsunami damage ..." where the article also writes "the tsunami". The article writes it
    with its capital only where a sentence (or a quotation opening one) starts, and in lower
    case too (a name written inside a sentence, "the European Parliament", is kept)."""
    name = m.text
    return name[:1].isupper() and name[1:].islower() and opens_sentences_only(doc, name)


def _a_place_only_where_sentences_open(doc: Doc, m: Mention) -> bool:
    """A plural common word the model took for a place because sentences open with it
    ("Eyewitnesses told police", "Automakers, suppliers and insurers ..."), even where the
    article never writes it in lower case; no place the gazetteer knows has such a name (see
    :func:`_without_words`). Only a plural: the model's word lists hold proper names too, and a
    region or continent ("Europe", which the gazetteer does not list) opens sentences as
    well."""
    name = m.text
    return (
        LABEL_TYPES.get(m.label) == "places"
        and name[:1].isupper()
        and name[1:].islower()
        and name.endswith("s")
        and opens_sentences_only(doc, name, lower_too=False)
    )


#: A capitalised word, or its possessive, right before a span (the rest of a title the model cut).
_CUT_FROM = re.compile(r"(?<![\w'])([A-Z][\w'-]*?)(?:'s|s')? $")


def _rest_of_a_cut_title(text: str, m: Mention, stop_words: Set[str]) -> bool:
    """What the model keeps of a title it cut, as an event, a product or a law: the word right
    after a capitalised word ("Twelve" of "Ocean's Twelve", "Child" of "Destiny's Child",
    "Crown" of "Triple Crown"), which names nothing a reader looks up. A word on its own ("at
    Wimbledon", "The Olympic champion": after a stop word) is no such rest."""
    if LABEL_TYPES.get(m.label) != "other":
        return False
    before = _CUT_FROM.search(text, max(0, m.start - 40), m.start)
    return before is not None and before.group(1).lower() not in stop_words


def _without_words(
    doc: Doc,
    mentions: Sequence[Mention],
    person_words: frozenset[str],
    layout: Sequence[Mention],
    drop: Callable[[Mention], bool],
) -> list[Mention]:
    """``mentions`` without the one-word English words (the model's word lists) that ``drop``
    picks. Never dropped: what the layout rules made (``layout``: "Kessel 2 Varnholm 1"), given
    names, words of a person the article names (``person_words``) and names the gazetteer
    knows (places, organisations, clubs, demonyms). A model without word lists drops none."""
    words = english_words(doc.vocab)
    if not words:
        return list(mentions)
    places = gazetteer()
    from_layout = {(m.start, m.end) for m in layout}

    def name(m: Mention) -> bool:
        known = m.text.title()
        return (
            m.label not in LABEL_TYPES
            or (m.start, m.end) in from_layout
            or not m.text.isalpha()
            or not is_english_word(m.text, words)
            or name_key(m.text) in person_words
            or name_key(m.text) in given_names()
            or places.knows(known)
            or places.organization(known)
            or places.is_club(known)
            or places.is_demonym(known)
        )

    return [m for m in mentions if name(m) or not drop(m)]


def without_description(mention: Mention, words: frozenset[str]) -> Mention:
    """A person's mention without the words that describe the person before the name, where
    the model took them in: a word of the language, capitalised as a sentence's first or as a
    people's ("Unseeded Ida Marsh", "Veteran Norwegian Anna Holm", "with Swede Tove Berg"),
    before a given name and a surname. Not a given name ("Rose Marie Holm"), an initial ("A
    Lo Brandt"), nor a royal or noble title, part of how such people are named ("King Harald
    Orrin", "Lord Anders Holm")."""
    if mention.label != "PERSON":
        return mention
    parts = mention.text.split(" ")
    cut = 0
    while cut < len(parts) - 1 and _describes_a_person(parts[cut], words):
        cut += 1
    while cut and not looks_like_a_person(" ".join(parts[cut:])):
        cut -= 1
    if not cut:
        return mention
    offset = len(" ".join(parts[:cut])) + 1
    return replace(mention, text=mention.text[offset:], start=mention.start + offset)


def _describes_a_person(word: str, words: frozenset[str]) -> bool:
    """A capitalised word of the language that is no given name and no title a name keeps."""
    key = word.lower()
    return (word[:1].isupper() and word.isalpha() and len(word) > 1 and key in words
            and key not in given_names()
            and key not in ROYAL_TITLES and key not in PEERAGE)


def _clear_of(taken: Sequence[Mention], found: Iterable[Mention]) -> list[Mention]:
    """Those of ``found`` that overlap none of ``taken`` (what a layout rule found first wins
    its span; the model's mentions give way to all of them)."""
    return [m for m in found if not any(t.start < m.end and m.start < t.end for t in taken)]


#: A game's score: "2-1", "6-3" (no part of a date, "1996-08-28", nor of a longer run).
_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")
#: The scores an article gives at least, to be a report of games.
_SPORTS_SCORES = 2


def players_read_as_organisations(
    text: str, mentions: Sequence[Mention], layout: Sequence[Mention] = ()
) -> list[Mention]:
    """In a report of games (:data:`_SPORTS_SCORES` scores or more), the model's organisation
    that is a given name and a surname is a person: the small model reads players so ("Troy
    Kessby homered", "ended Ivan Marsh's career"). Not what a layout rule made (``layout``: a
    side in a table of results, "Cleveland Kessby 1"), a club's name nor a paper's (a
    company's legal form or trade word already makes a name no person's). In other articles a
    firm may bear its founder's name ("Orla Brandt" the fashion house): left as read."""
    if len(_SCORE.findall(text)) < _SPORTS_SCORES:
        return list(mentions)
    places = gazetteer()
    made = {(m.start, m.end) for m in layout}
    out = []
    for m in mentions:
        name = _bare(m.text)
        if (
            m.label == "ORG"
            and (m.start, m.end) not in made
            and looks_like_a_person(name)
            and not places.is_club(name)
            and not ends_in_a_masthead(name)
        ):
            m = replace(m, label="PERSON")
        out.append(m)
    return out


def _bare(name: str) -> str:
    cleaned = clean(name, "places")
    return cleaned.name if cleaned is not None else name


#: A department word written with a capital inside a sentence, right before a noun only a
#: party has: "a rebellion by Labour backbenchers", "the Labor government".
_PARTY_BEFORE_MEMBERS = re.compile(
    r"(?<=[a-z,;] )(" + "|".join(sorted(w.capitalize() for w in DEPARTMENT_WORDS)) + r")"
    r"(?=[ \t]+(?i:" + "|".join(sorted(PARTY_MEMBERS)) + r")\b)"
)


def party_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Parties named by a department word before their members or leader, where no mention
    covers them: the model often reads nothing in "Labour MPs". Inside a sentence only ("the
    Labour government"), so that "Foreign candidates" opening one is not taken for a party.
    Each is an organisation with one vote (:mod:`~newsarchive.entities.resolve` weighs it)."""
    taken = _Spans((m.start, m.end) for m in mentions)
    return [
        Mention(match.group(1), "ORG", match.start(1), match.end(1))
        for match in _PARTY_BEFORE_MEMBERS.finditer(text)
        if not taken.overlaps(match.start(1), match.end(1))
    ]


#: A street's or a square's name after a word that says where: "trading on Wall Street", "a
#: rally in Orrin Square". Not a name that goes on ("Wall Street Journal").
_STREET = re.compile(
    r"\b(?:on|in|at|from|into|near|along|off|outside) "
    r"((?:[A-Z][a-z]+ ){1,3}(?:Street|Avenue|Road|Square|Lane|Boulevard))\b(?![ \t]+[A-Z]|-)"
)


def street_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Places for the streets and squares an article says something happens on or in, where
    the model read nothing: it misses "Wall Street" in "shares fell on Wall Street". Not a
    given name and more ("starring opposite Nathan Lane"), nor a name the model read."""
    taken = _Spans((m.start, m.end) for m in mentions)
    return [
        Mention(match.group(1), "FAC", match.start(1), match.end(1))
        for match in _STREET.finditer(text)
        if not taken.overlaps(match.start(1), match.end(1))
        and not looks_like_a_person(match.group(1))
    ]


#: A town's name right after the noun that says it is one ("the Kessel capital Dunholt",
#: "the port city Varnby"): one to three capitalised words.
_TOWN_AFTER_NOUN = re.compile(
    r"\b(?:capital|city|town|village|port)[ \t]+"
    r"(?P<name>[A-Z][a-z'’-]+(?:[ \t][A-Z][a-z'’-]+){0,2})"
)


def town_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Towns an article names right after "capital", "city", "town", "village" or "port",
    where the model read nothing: it misses "Dunholt" in "the Kessel capital Dunholt". Only a
    town or country a place lookup knows (the longest run of the words that it knows), so "the
    town Council" or "the capital Markets desk" name no place."""
    taken = _Spans((m.start, m.end) for m in mentions)
    places = gazetteer()
    found = []
    for match in _TOWN_AFTER_NOUN.finditer(text):
        known = places.leading_place(match.group("name"))  # "Lisbon On Monday": "Lisbon"
        start = match.start("name")
        if known is not None and known[1].kind in ("city", "country") \
                and not taken.overlaps(start, start + len(known[0])):
            found.append(Mention(known[0], "GPE", start, start + len(known[0])))
    return found


#: A wire's sign-off line: "-- Anna Marsh, Kessel Newsroom +47 2293 6900", "-- Orrin Energy
#: Desk, 212-555-0100", "- Air Freight Newsroom Tel+44 ...": the reporter, if named, then the
#: office that filed the story.
_SIGN_OFF = re.compile(
    rf"^(?:{SIGN_OFF_OPENER}|[ \t]*-[ \t]+)"
    r"(?:(?P<reporter>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}),[ \t]*)?"
    r"(?P<office>(?:[A-Z][\w.'’&-]*[ \t]+){1,4}"
    rf"(?i:{'|'.join(sorted(NEWSROOM_WORDS))}))\b",
    re.MULTILINE,
)


def with_sign_offs(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` with what a wire's sign-off names in place of the model's readings there:
    the office (a newsroom, desk or bureau) an organisation, the reporter a person. The line's
    layout says what each part is, where the model reads the reporter as a company and the
    office as its town ("-- Ida Marsh, Lisbon Newsroom": not "Lisbon" the place). An office
    in lower case ("Lisbon newsroom") is a town's newsroom, not a name: the town stays the
    model's."""
    found = [
        Mention(match.group(group), label, *match.span(group))
        for match in _SIGN_OFF.finditer(text)
        for group, label in (("reporter", "PERSON"), ("office", "ORG"))
        if match.group(group)
        and (group == "reporter" or match.group(group).split()[-1][0].isupper())
    ]
    if not found:
        return list(mentions)
    signed = _Spans((m.start, m.end) for m in found)
    return [m for m in mentions if not signed.overlaps(m.start, m.end)] + found


#: The line right after the title, holding a name alone, perhaps after "By": the byline.
_BYLINE = re.compile(r"[^\n]*\n\s*\n[ \t]*(?:By[ \t]+)?(?P<name>[A-Z][^\n]{2,40}?)[ \t]*\n")


def byline_mention(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The reporter named alone on the line under the title ("Kessel Gas Cuts Jobs\n\nAnna
    Marsh\n\nKESSEL ..."), where the model read nothing: a given name and more, alone on
    its line, is a person. The lead paragraph that may follow the title instead is no name."""
    match = _BYLINE.match(text)
    if match is None or not looks_like_a_person(match.group("name")):
        return []
    start, end = match.span("name")
    if _Spans((m.start, m.end) for m in mentions).overlaps(start, end):
        return []
    return [Mention(match.group("name"), "PERSON", start, end)]


def later_mentions(
    doc: Doc, text: str, mentions: Sequence[Mention], make_doc: Callable[[str], Doc]
) -> list[Mention]:
    """Occurrences of the article's own names that no mention covers yet.

    A spaCy ``PhraseMatcher`` on the exact spelling (token boundaries, so "Kessel" is not
    found inside "Kesselring"). Each new mention takes the label of the name's first mention
    and no vote (``votes=0``): it adds a place where the name occurs, not evidence of its type.
    A party's name is also found by its short forms (:func:`party_forms`: "Labour" in "Labour MP
    Anna Marsh" where the article names the "Labour Party"), which then fold into it.
    """
    from spacy.matcher import PhraseMatcher

    first: dict[str, str] = {}
    for m in mentions:
        if LABEL_TYPES.get(m.label) is None:
            continue
        cleaned = clean(m.text, LABEL_TYPES[m.label])
        if cleaned is not None and len(cleaned.name) >= 3:
            first.setdefault(cleaned.name, m.label)
            if m.label == "ORG":
                for form in party_forms(cleaned.name):
                    first.setdefault(form, m.label)
    if not first:
        return []
    matcher = PhraseMatcher(doc.vocab)
    for name in first:
        matcher.add(name, [make_doc(name)])
    taken = _Spans((m.start, m.end) for m in mentions)
    found: list[Mention] = []
    matches = sorted(matcher(doc, as_spans=True), key=lambda s: (s.start, -len(s)))
    for span in matches:
        start, end = span.start_char, span.end_char
        # matches come in order of start and the ones kept never overlap, so of them only the
        # last can reach this one
        if taken.overlaps(start, end) or (found and found[-1].end > start):
            continue
        found.append(Mention(text[start:end], first[span.label_], start, end, votes=0))
    return found


def country_mentions(
    doc: Doc,
    text: str,
    mentions: Sequence[Mention],
    person_words: frozenset[str],
    make_doc: Callable[[str], Doc],
) -> list[Mention]:
    """Countries the model missed: "Tove Kessling (Slovenia) 12.74" in a results list,
    "ROMANIA" in a headline. A country's name (the gazetteer's, four letters or more) that no
    mention covers is a place (the gazetteer is the evidence, so it votes). Not where it ends a
    longer capitalised name the model did not find ("Latin America"), nor a country that is
    also a given name ("Jordan", "Chad") or a word of a person the article names."""
    matcher = _country_matcher(doc.vocab, make_doc)
    taken = _Spans((m.start, m.end) for m in mentions)
    found: list[Mention] = []
    for span in _longest_first(matcher(doc, as_spans=True)):
        start, end = span.start_char, span.end_char
        if not text[start].isupper() or taken.overlaps(start, end):
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.is_title and not before.is_sent_start:
            continue  # "Latin America", "Kessel Georgia"
        if name_key(span.text) in person_words or name_key(span.text) in given_names():
            continue
        found.append(Mention(text[start:end], "GPE", start, end))
    return found


def _longest_first(spans: Iterable[Span]) -> list[Span]:
    """Matches in text order, none overlapping, the longest where several start together: in
    "Papua New Guinea" the match "Guinea" inside it is dropped."""
    ordered = sorted(spans, key=lambda s: (s.start, -len(s)))
    out: list[Span] = []
    for span in ordered:
        if out and out[-1].end > span.start:
            continue
        out.append(span)
    return out


#: vocabulary id -> (the vocabulary, kept alive so that its id is not reused, its matcher)
_COUNTRY_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher]] = {}


def _country_matcher(vocab: Vocab, make_doc: Callable[[str], Doc]) -> PhraseMatcher:
    """One case-blind matcher of the gazetteer's country names per vocabulary (built once per
    process: an ingest runs it on every article)."""
    known = _COUNTRY_MATCHERS.get(id(vocab))
    if known is not None:
        return known[1]
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("COUNTRY", [make_doc(name) for name in sorted(gazetteer().country_keys())])
    _COUNTRY_MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


def party_forms(name: str) -> list[str]:
    """ "Labour" and "Labours" for the "Labour Party": a party's name without "Party", and its
    members' plural ("Conservatives" for the "Conservative Party")."""
    parts = name.split()
    if len(parts) < 2 or parts[-1].casefold() != "party" or not parts[-2][:1].isupper():
        return []
    head = " ".join(parts[:-1])
    return [head, head + "s"]


class _Spans:
    """Character spans answering "does [start, end) overlap one?" by bisection (a long article
    has tens of thousands of mentions; comparing each match with all of them was quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        #: the furthest end among the spans up to each index (spans may nest or overlap)
        self.reach = list(itertools.accumulate((e for _, e in self.spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.spans, (end, -1))  # the spans that start before ``end``
        return index > 0 and self.reach[index - 1] > start
