"""Article-level rules: drop credits and headings, fold short forms into full names, pick types.

Input is the article text and its NER mentions; output is one :class:`ArticleEntities`.
Merging never guesses across people: a bare surname shared by two full names goes to the
nearest full name *before* it; with none before it, the surname is dropped rather than
attributed to the wrong person.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsarchive.entities.config import EntityConfig
from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.given_names import NOT_A_PERSON, given_names, looks_like_a_person
from newsarchive.entities.model import ENTITY_TYPES, LABEL_TYPES, ArticleEntities
from newsarchive.entities.ner import Mention
from newsarchive.entities.normalize import (
    ACRONYM,
    HOUSE_ACRONYM,
    SIGN_OFF_OPENER,
    TRAILING_DATE,
    acronym_letters,
    clean,
    collapse,
    department,
    initials,
    name_key,
    word_after,
    word_before,
    words,
)
from newsarchive.entities.press import is_paper_heading, is_press_review
from newsarchive.entities.repair import repair
from newsarchive.entities.vocab import (
    ACRONYM_JOINERS,
    ARM_WORDS,
    CHAMBER,
    CLUB_SUFFIXES,
    CLUB_TOWN_SUFFIXES,
    COMPANY_AFTER,
    COMPANY_FORMS,
    HONORIFICS,
    LEGAL_FORMS,
    LOCATIVES,
    NEWSROOM_WORDS,
    ORG_APPOSITIVES,
    ORG_DESCRIPTIONS,
    ORG_DESIGNATORS,
    PARTY_MEMBERS,
    PEERAGE,
    PERSON_HELD,
    ROYAL_TITLES,
    STOP_WORDS,
    TITLE_WORDS,
    TRADE_WORDS,
    WIRE_AGENCIES,
)
from newsarchive.entities.vote import decide

#: "(KUNA) --", "(CL) -": a wire credit in a dateline.
_DATELINE_CREDIT = re.compile(r"\(\s*([A-Z]{2,6})\s*\)\s*(?:-{1,2}|–|—)")
#: A credit word opening the lead: "QNA - ...", "QNA Doha: ...", or "QNA" alone on its line.
_LEAD_CREDIT = re.compile(r"^([A-Z]{2,6})(?=\s*(?:-{1,2}|–|—|:|$))")
#: What may follow a long name to introduce its acronym: "Ministry of Coastal Affairs (MCA)".
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
#: An acronym: "PAHA", "M&S", or in the house style of some papers "Opec", "Apec".
_ACRONYM = re.compile(rf"^(?:{ACRONYM.pattern}|{HOUSE_ACRONYM.pattern})$")
_HEADING_MAX_WORDS = 8
#: How much more an organisation named after a noun such as "firm" weighs in the type vote.
_APPOSITIVE_VOTES = 3
#: What ends a line that is no heading: a sentence's end, or a dash that goes on with the next
#: line ("Kessel Ratings Service -").
_HEADING_END = tuple(".!?;:,\"”’')]-–—")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class _Item:
    """One surviving mention while the article is being resolved."""

    surface: str  # cleaned name as written (before config aliases and merging)
    name: str  # current name; rewritten as merges happen
    kind: str  # type from NER (or honorific / config override)
    start: int
    before: str = ""  # the word just before the mention, lower-cased
    weight: float = 1.0  # weight of ``kind`` in the type vote (see vote.py)
    pinned: bool = False  # name fixed by entities.yml: never folded into anything else
    dropped: bool = False
    described: bool = False  # an organisation by the text's word ("parts maker Robert Bosch")
    aliases: set[str] = field(default_factory=set)


def resolve(text: str, mentions: Sequence[Mention], config: EntityConfig) -> ArticleEntities:
    """All article-level rules, in order; see the module docstring."""
    return _collect(_resolve_items(text, mentions, config), config)


@dataclass(frozen=True)
class Resolution:
    """Where one mention ended up: ``name`` is None when it was dropped during merging."""

    surface: str
    start: int
    name: str | None
    kind: str


def trace(text: str, mentions: Sequence[Mention], config: EntityConfig) -> list[Resolution]:
    """Per-mention outcome of :func:`resolve`, in text order (mentions rejected outright by the
    clean-up are absent). Lets tests and debugging see *which* person a surname went to."""
    return [
        Resolution(i.surface, i.start, None if i.dropped else i.name, i.kind)
        for i in _resolve_items(text, mentions, config)
    ]


def _resolve_items(text: str, mentions: Sequence[Mention], config: EntityConfig) -> list[_Item]:
    credits = _credits(text)
    items: list[_Item] = []
    acronyms: list[tuple[int, str, str]] = []  # (position, acronym, long name)
    papers: set[int] = set()  # where a press review's heading names a paper
    groups: set[str] = set()  # names a sentence in the plural calls a group ("X were")
    firms: set[str] = set()  # names read as places that have shares or a chief ("X shares")
    repaired = repair(text, mentions)
    review = is_press_review(text)  # its headings name newspapers
    # surnames of the article's people ("the Clintons" are the family of "Bill Clinton")
    surnames = {m.text.split()[-1] for m in repaired if m.label == "PERSON" and m.text.split()}
    # ... of the people it names in full ("the Blair government" beside "Tony Blair")
    named = {
        m.text.split()[-1] for m in repaired if m.label == "PERSON" and len(m.text.split()) > 1
    }
    for mention in repaired:
        kind = LABEL_TYPES.get(mention.label)
        group = mention.label == "NORP" and _group_name(mention.text, config)
        party = department(mention.text) and word_after(text, mention.end) in PARTY_MEMBERS
        if party:
            # "Labour MPs", "the Labour government": a department word is a party before what
            # only a party has, whatever the model read (often a people, NORP)
            kind = "organizations"
        elif group:
            # a party's members ("Conservatives", "Liberal Democrats"): kept without a vote,
            # a page only where the archive reads the name as an organisation
            kind = "organizations"
        elif mention.label != "ORG" and department(mention.text):
            # "Labour said", read as a person: a department word alone names no person or
            # place; kept, like the model's organisation, for the archive alone (no vote)
            kind = "organizations"
        if kind is None:
            continue
        sign_off = _in_sign_off(text, mention)
        paper = review and is_paper_heading(text, mention)
        kept_line = _is_byline(text, mention) or sign_off or paper
        heading = None if kept_line else _heading_at(text, mention.start)
        made = _make_item(mention, kind, config, credits, heading)
        if made is None:
            continue
        item, written_acronym = made
        if paper:
            papers.add(item.start)
        item.before = word_before(text, mention.start)
        item.weight = mention.weight
        if " " in item.name and looks_like_a_person(item.name):
            # may be taken for a person by its surname (_surnamed_people), unless the
            # sentence calls it an organisation
            item.described = _organisation_noun_before(text, mention)
        if sign_off and not item.pinned and words(item.name)[-1].lower() in NEWSROOM_WORDS:
            # "-- Kessel Newsroom": the agency's office, the model's person or place
            item.kind = "organizations"
            item.weight = max(item.weight, 1.0) * _APPOSITIVE_VOTES
        elif party:
            item.weight = float(_APPOSITIVE_VOTES)  # the sentence's word, not the model's
        elif not item.pinned and (group or department(item.name)):
            # "Labour" alone: a page only as the short form of a party the archive names
            # ("Labour Party"), never "Education" or "Defence" on their own; a group's name
            # that entities.yml maps ("Tories": "Conservative Party") votes
            item.weight = 0.0
        if (
            not item.pinned
            and (item.kind in ("people", "places")
                 or item.kind == "organizations" and not looks_like_a_person(item.name))
            and (
                item.before in ORG_APPOSITIVES
                and not (item.before in TITLE_WORDS and looks_like_a_person(item.name))
                or _described_as_organisation(text, mention)
            )
            and len(words(item.name)) <= 2
        ):
            # "oil firm Kessmark", "carrier Varnair", "Quellfield, the biggest public sector
            # union,": what the sentence says outweighs what the model guessed from the name,
            # here and in the article's vote, and weighs as much where the model read it so
            # (not for a given name and surname: "film-maker Ida Holm")
            item.kind = "organizations"
            item.weight *= _APPOSITIVE_VOTES
        elif (not item.pinned and item.kind in ("people", "places")
              and _club_before_role(text, mention, item.name)):
            # "Kessmark striker Anna Marsh": the player's club, the model's person or town
            item.kind = "organizations"
            item.weight = max(item.weight, 1.0) * _APPOSITIVE_VOTES
        elif (not item.pinned and item.kind != "organizations"
              and gazetteer().place(item.name) is None
              and (form := _legal_form_after(text, mention.end))):
            # "Apic Holm Corp", where the model read "Apic Holm" alone: the company's name,
            # by the sentence's word (it votes even where the model missed the name)
            item.kind = "organizations"
            item.name = f"{item.name} {form}"
            item.weight = max(item.weight, 1.0) * _APPOSITIVE_VOTES
        elif (not item.pinned and item.kind == "places"
              and word_after(text, mention.end) in COMPANY_AFTER
              and not gazetteer().knows(item.name)):
            # "Kessmark shares", "Kessmark chief Anna Marsh": what only a company has, after a
            # name no place lookup knows, which the model read as a place; it says so of every
            # mention of the name
            item.kind = "organizations"
            item.weight = max(item.weight, 1.0) * _APPOSITIVE_VOTES
            firms.add(item.name)
        elif (not item.pinned and item.kind == "people" and len(words(item.name)) <= 3
              and _group_verb_after(text, mention)):
            # "Snow Larks were the big winners": one person's name takes "was"; a sentence
            # that opens with the name and goes on in the plural names a band, a team or a
            # firm (British style), and says so of every mention of the name
            item.kind = "organizations"
            item.weight *= _APPOSITIVE_VOTES
            groups.add(item.name)
        elif (not item.pinned and item.kind == "people"
              and (it := _the_name_itself(text, mention, surnames, named))):
            # "back to the Premiership, he said", "the Ospreys were", "the Kessby lab": a
            # person is not "the X" (but "the Blair government" is his)
            item.kind = it
        elif not item.pinned and item.kind != "people" and (
            _after_honorific(text, mention) and len(words(item.name)) <= 3
            or item.before in TITLE_WORDS and looks_like_a_person(item.name)
        ):
            # "Mr Gates", "spokesman Vance Cobble", the model's organisation: only a person is
            # called so
            item.kind = "people"
            item.weight *= _APPOSITIVE_VOTES
        items.append(item)
        acronym = _acronym_defined(text, mention, item, written_acronym)
        if acronym:
            acronyms.append((item.start, acronym, item.name))

    for item in items:
        if not item.pinned and (item.name in groups and item.kind == "people"
                                or item.name in firms and item.kind == "places"):
            item.kind = "organizations"
    items = _trust_headlines(text, items, papers)
    _unify_case(items)
    _merge_defined_acronyms(items, acronyms)
    _strip_descriptors(items)
    _merge_person_parts(items)
    _merge_org_short_forms(items)
    _merge_shared_country_names(items)
    _merge_initials(items)
    return items


# -- mention level ----------------------------------------------------------------------------


def _group_name(text: str, config: EntityConfig) -> bool:
    """A political or other group's name the model labels NORP, its members in the plural
    ("Liberal Democrats", "Conservatives"; an adjective such as "Middle Eastern" or "Tory" only
    when entities.yml maps it), not a demonym ("Ukrainians", "South Koreans") or a country."""
    cleaned = clean(text, "organizations")
    if cleaned is None:
        return False
    if not cleaned.name.endswith("s") and config.canonical(cleaned.name) is None:
        return False
    places = gazetteer()
    return places.place(cleaned.name) is None and not places.is_demonym(cleaned.name, strict=True)


def _make_item(
    mention: Mention,
    kind: str,
    config: EntityConfig,
    credits: set[str],
    heading: str | None,
) -> tuple[_Item, str | None] | None:
    raw = mention.text
    first, _, rest = raw.partition(" ")
    if rest and name_key(first) in credits:
        raw = rest  # "QNA Doha": the credit opening the lead, then a name
    if config.is_blocked(raw) or name_key(raw) == heading:
        return None
    cleaned = clean(raw, kind)
    if cleaned is None:
        return None
    key = name_key(cleaned.name)
    if key in credits or key == heading or config.is_blocked(cleaned.name):
        return None
    name = cleaned.name
    pinned = False
    configured = config.canonical(name) or config.canonical(raw)
    if configured is not None:
        name, pinned = configured, True
    kind = cleaned.kind
    if configured is None:
        name, kind = _gazetteer_name(name, kind)
    forced = config.forced_type(name)
    if forced is not None:
        kind, pinned = forced, True
    item = _Item(surface=cleaned.name, name=name, kind=kind, start=mention.start, pinned=pinned)
    return item, cleaned.acronym


def _gazetteer_name(name: str, kind: str) -> tuple[str, str]:
    """One name per country ("US", "USA", "United States" -> "U.S."), always a place; and
    "EU" -> "European Union", an organisation. See :mod:`newsarchive.entities.gazetteer`."""
    places = gazetteer()
    organization = places.organization(name)
    if organization is not None:
        return organization, "organizations"
    place = places.place(name)
    if place is not None and place.kind == "country":
        return place.name, "places"
    return name, kind


#: An apposition right after a name, up to the lower-case noun that ends it: ", the biggest
#: public sector union,", ", the Premiership side.".
_APPOSITION = re.compile(
    r",\s+(?:the|an?)\s+(?:(?!(?:of|to|for|at|in|on|by|with|from|and|or)\s)[A-Za-z][\w'-]*\s+)"
    r"{0,4}?([a-z]+)\s*[,.;:)]"
)


#: A lower-case noun right before a name: "conciliation service Quellas".
_NOUN_BEFORE = re.compile(r"\b([a-z]+) $")


#: A plural noun, then "such as", "including" or "like" and the names listed so far:
#: "development agencies, including Calder Forward and the Harwick Agency".
_LISTED_AFTER = re.compile(
    r"\b([a-z]+),? (?:such as|including|like) (?:(?:the )?[A-Z][\w&'’.-]*"
    r"(?: (?:of |and |& )?[A-Z][\w&'’.-]*)*(?:,| and| or) )*(?:the )?$"
)


#: What a market report lists companies as: "blue chips like Kessel Lamps and Varn Cement",
#: "stocks such as Orrin Steel".
_LISTED_COMPANIES = frozenset({"stocks", "chips", "shares"})


def _organisation_noun_before(text: str, mention: Mention) -> bool:
    """An organisation's noun in lower case right before the mention ("parts maker Quell")."""
    before = _NOUN_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    return before is not None and before.group(1) in ORG_DESCRIPTIONS


#: A player's or a team official's role in lower case, then a name: "striker Anna Marsh".
_ROLE_AFTER = re.compile(
    r" (?:striker|midfielder|defender|goalkeeper|keeper|winger|forward|skipper|captain|coach"
    r"|manager|boss)s? (?:and \w+ )?[A-Z][a-z]"
)


def _club_before_role(text: str, mention: Mention, name: str) -> bool:
    """Whether the name stands before a player's or team official's role and the person's name
    ("Kessmark striker Anna Marsh", "Harwick coach Ida Holm"): it is their club. Not a
    country, whose national team it names (a place), nor a given name and more; three words
    at most."""
    if _ROLE_AFTER.match(text, mention.end) is None or len(words(name)) > 3:
        return False
    place = gazetteer().place(name)
    return (place is None or place.kind != "country") and not looks_like_a_person(name)


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") else noun


def _described_as_organisation(text: str, mention: Mention) -> bool:
    """An organisation's noun in lower case right before the mention, ending the apposition
    after it as its head, or in the plural before the "such as", "including" or "like" that
    lists it (or a market's "stocks", "blue chips"): not the end of a phrase after it (", an
    adviser to the company,"), and not for a given name or after an honorific, which say it is
    a person."""
    after = _APPOSITION.match(text, mention.end)
    listed = _LISTED_AFTER.search(text, max(0, mention.start - 200), mention.start)
    return (
        (_organisation_noun_before(text, mention)
         or after is not None and after.group(1) in ORG_DESCRIPTIONS
         or listed is not None and (_singular(listed.group(1)) in ORG_DESCRIPTIONS
                                    or listed.group(1) in _LISTED_COMPANIES))
        and not looks_like_a_person(mention.text)
        and not _after_honorific(text, mention)
    )


#: The verb in the plural right after a name: "were", "are", "have" (not "have to").
_PLURAL_VERB = re.compile(r"[ \t]+(?:were|are|have(?![ \t]+to\b))\b")
#: What a sentence's subject follows: the text's or a line's start, or a sentence's end, and
#: an opening quote.
_SENTENCE_OPENS = re.compile(r"(?:\A|\n|[.!?][\"'’”)]?[ \t]+)[\"'‘“]?\Z")


def _group_verb_after(text: str, mention: Mention) -> bool:
    """Whether the mention opens a sentence and the verb right after it is plural ("Snow Larks
    are touring"): the whole subject, so a group, not one person. A person's name that ends a
    list ("Ida Holm and coach Anna Marsh were") does not open its sentence."""
    return (_PLURAL_VERB.match(text, mention.end) is not None
            and _SENTENCE_OPENS.search(text, max(0, mention.start - 4), mention.start)
            is not None)


#: What may follow "the X" when X is the head of the phrase: a stop, a bracket, a quote, or a
#: function word ("the Premiership on television", "the Ospreys were").
_HEAD_END = re.compile(r"\s*(?:[,.;:!?)\"'’”]|$|([a-z]+)\b)")


#: Words that join names used as one ("the Rogers and Hammerstein classic").
_JOINING = frozenset({"and", "or"})


def _the_name_itself(text: str, mention: Mention, surnames: set[str],
                     named: set[str]) -> str | None:
    """The type of a one-word name the model read as a person right after "the", when that
    says it is no person: an organisation when it heads its phrase ("the Premiership, he
    said"); when a noun follows, the name qualifies it ("the Kessby lab"), a place where the
    gazetteer knows one, else an organisation. None when it is a given name, a royal or noble
    title ("the Queen") or the plural of a surname the article gives a person ("the
    Clintons"); nor when a noun follows that a person's surname qualifies (:data:`PERSON_HELD`:
    "the Blair government") or the article names a person of that surname in full.

    On hand-labelled newswire (CoNLL-2003 dev), 1 of the 192 single-word names between "the"
    and a lower-case word is a person's."""
    name = mention.text
    if " " in name or word_before(text, mention.start) != "the" or not name[:1].isupper():
        return None
    if name.endswith("s") and name[:-1] in surnames:
        return None
    key = name.lower()
    if key in given_names() or key in ROYAL_TITLES or key in PEERAGE or key in HONORIFICS:
        return None
    after = _HEAD_END.match(text, mention.end)
    if after is None:
        return None
    word = after.group(1)
    if word is None or word in STOP_WORDS and word not in _JOINING:
        return "organizations"
    if word in _JOINING or word in PERSON_HELD or name in named:
        return None
    return "places" if gazetteer().place(name) is not None else "organizations"


def _after_honorific(text: str, mention: Mention) -> bool:
    """The mention is "Mr", "Mrs", "Dr" ... and a name, or follows one; or a peer's title
    and a name that is no office ("Lord Falworth", not "Lord Chancellor")."""
    parts = mention.text.split()
    first = parts[0].rstrip(".").lower() if parts else ""
    if first in HONORIFICS or word_before(text, mention.start) in HONORIFICS:
        return True
    if first in PEERAGE:
        parts = parts[1:]
    elif word_before(text, mention.start) not in PEERAGE:
        return False
    return bool(parts) and parts[0].lower() not in TITLE_WORDS and not any(
        w in NOT_A_PERSON for w in name_key(" ".join(parts)).split()
    )


def _acronym_defined(text: str, mention: Mention, item: _Item, written: str | None) -> str | None:
    """The acronym introduced with this mention, "Long Name (LN)", if plausible.

    ``written`` is an acronym NER included in the span itself.
    """
    if item.kind == "people":
        return None
    acronym = written
    if acronym is None:
        match = _ACRONYM_AFTER.match(text, mention.end)
        if match:
            acronym = match.group(1).rstrip(".")
    if acronym and _abbreviates(acronym, item.name):
        return acronym
    return None


def _abbreviates(acronym: str, name: str) -> bool:
    """Letters of ``acronym`` appear in order in ``name``, starting with its first letter.

    Loose on purpose: "KUNA" abbreviates "Kuwait News Agency" though its letters are not
    strictly initials, and "Apacs" (house style for some acronyms) is accepted too: the
    parenthesis right after the long name is the real evidence.
    """
    letters = [c.lower() for c in acronym if c.isalnum()]
    if len(letters) < 2 or not acronym[0].isupper() or len(letters) > 8:
        return False
    target = name.lower()
    if not target or target[0] != letters[0]:
        return False
    pos = 0
    for letter in letters:
        pos = target.find(letter, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _credits(text: str) -> set[str]:
    """Keys of wire-agency credits and editor codes in this article."""
    found = {m.group(1).casefold() for m in _DATELINE_CREDIT.finditer(text)}
    paragraphs = _paragraphs(text)
    for paragraph in paragraphs[1:3]:  # the lead, after the title
        match = _LEAD_CREDIT.match(paragraph)
        if match:
            found.add(match.group(1).casefold())
        first = paragraph.split(maxsplit=1)[0] if paragraph.split() else ""
        if first.isupper() and first.casefold() in WIRE_AGENCIES:
            found.add(first.casefold())
    return found


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def _heading_at(text: str, pos: int) -> str | None:
    """Key of the line holding ``pos`` when it is a title or sub-heading, else None.

    A heading is a short line without final punctuation. NER likes to read a capitalised
    heading ("Kestrel Bay", "Funding And Oversight") as a name, often with the wrong label; a
    mention that is the whole heading line is dropped (the same name in the body still counts).
    """
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if (line and len(line.split()) <= _HEADING_MAX_WORDS and not line.endswith(_HEADING_END)
            and not _sentence_goes_on(text, line_end)):
        return name_key(line)
    return None


#: The next line's first letter, past blank lines.
_NEXT_LETTER = re.compile(r"\s*(\S)")


def _sentence_goes_on(text: str, line_end: int) -> bool:
    """Whether the text after a line's end goes on in lower case: the line is the start of a
    sentence broken across lines ("The Kessel Harbour Board\n\nraised its fees"), not a
    heading."""
    if line_end < 0:
        return False
    match = _NEXT_LETTER.match(text, line_end)
    return match is not None and match.group(1).islower()


def _is_byline(text: str, mention: Mention) -> bool:
    """A person's name alone on the line right after the title: the reporter's byline, a person
    and no heading ("Kessel Gas Cuts Jobs\n\nAnna Marsh\n\nKESSEL 1996-08-30 ...")."""
    if mention.label != "PERSON" or not 2 <= len(mention.text.split()) <= 4:
        return False
    title_end = text.find("\n")
    if title_end < 0 or text[title_end:mention.start].strip():
        return False  # not the first line after the title
    line_end = text.find("\n", mention.end)
    return not text[mention.end : line_end if line_end >= 0 else len(text)].strip()


#: A wire's sign-off line, at a story's end: "-- Anna Marsh, Kessel Newsroom +47 22 93 69 00".
_SIGN_OFF = re.compile(SIGN_OFF_OPENER + "[A-Z]")


def _in_sign_off(text: str, mention: Mention) -> bool:
    """Whether the mention is on a sign-off line: the reporter and the agency's office that
    filed the story, named there for the reader to reach them. Such a line is no heading,
    though its words are capitalised like one's."""
    return _SIGN_OFF.match(text, text.rfind("\n", 0, mention.start) + 1) is not None


_SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "as"]
)


def _is_title_case_heading(line: str, first: bool) -> bool:
    """A headline in Title Case ("Rovers Reach Coastal Cup Final"): every word capitalised."""
    if not first and (len(line.split()) > _HEADING_MAX_WORDS or line.endswith(_HEADING_END)):
        return False
    if sum(w.strip(".,;:()").isdigit() for w in line.split()) >= 2:
        return False  # a row of results ("Harwick Rovers 2 Dunmere 1"), not a headline
    if TRAILING_DATE.search(line):
        return False  # a dateline ("KESSEL, Varnholm Isles 2024-03-12")
    if not first and _is_row(line):
        return False
    significant = [w for w in line.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if len(significant) < 3:
        return False
    return sum(w[0].isupper() for w in significant) >= 0.8 * len(significant)


#: Two sides of a fixture: "Harwick Rovers v Dunmere", "Kessel vs. Varn".
_FIXTURE = re.compile(r"[A-Z][\w'’.-]* vs?\.? [A-Z]")


def _is_row(line: str) -> bool:
    """A line of a table or list rather than a heading: it starts or ends with a number ("3
    Anna Marsh", "Marsh b Ekberg 46"), lists names ("Anna Marsh, Ida Holm, Per Lund"),
    brackets a name's country or club ("Anna Marsh (Kessel) beat Ida Holm (Dunmere)") or
    names a fixture's sides ("Playing Sunday: Harwick Rovers v Dunmere")."""
    tokens = line.split()
    return (
        any(t.strip(".,;:()").isdigit() for t in (tokens[0], tokens[-1]))
        or line.count(",") >= 2
        or "(" in line
        or _FIXTURE.search(line) is not None
    )


def _trust_headlines(text: str, items: list[_Item], papers: set[int]) -> list[_Item]:
    """Mentions in a Title Case headline count only as far as the body confirms them (not
    those starting at ``papers``: a press review's paper, "LA GAZETA DE LA HARWICK", is a
    heading in capitals, not a headline).

    With every word capitalised, NER cannot tell where a name ends: "Port Alden Rovers Appoint",
    "Whitlock Wins", "Deeper Port". Such a mention becomes the longest name found in the body
    that it contains ("Port Alden Rovers"), or a body person's first name or surname it contains
    ("Whitlock", merged later); otherwise it is dropped, unless it is a place the gazetteer
    knows by that name ("Norway at Portugal", a line of a draw).
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if line and _is_title_case_heading(line, first=pos == 0) and not _SIGN_OFF.match(
                raw_line) and (pos == 0 or not _sentence_goes_on(text, pos + len(raw_line))):
            lines.append((pos, pos + len(raw_line)))
        pos += len(raw_line) + 1
    if not lines:
        return items

    def in_headline(item: _Item) -> bool:
        return any(a <= item.start < b for a, b in lines)

    body = [i for i in items if not in_headline(i)]
    body_names = sorted({i.name for i in body}, key=lambda n: (-len(words(n)), n))
    name_parts = {
        w.casefold(): w
        for i in body
        if i.kind == "people"
        for w in words(i.name)
        if len(words(i.name)) >= 2 and w[:1].isupper()
    }
    trusted = []
    for item in items:
        if not in_headline(item) or item.pinned or _known_place(item) or item.start in papers:
            trusted.append(item)
            continue
        own = [w.casefold() for w in words(item.name)]
        match = next(
            (n for n in body_names if _contains(own, [w.casefold() for w in words(n)])), None
        )
        if match is None:
            match = next((name_parts[w] for w in own if w in name_parts), None)
        if match is not None:
            if match != item.name:
                item.surface = match
                item.name = match
                kind = next((i.kind for i in body if i.name == match), None)
                if kind is not None:
                    item.kind = kind
            trusted.append(item)
    return trusted


def _known_place(item: _Item) -> bool:
    """A place the gazetteer knows by exactly this name needs no confirmation from the body."""
    return item.kind == "places" and gazetteer().place(item.name) is not None


def _contains(whole: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


# -- article level ------------------------------------------------------------------------------


def _unify_case(items: list[_Item]) -> None:
    """One spelling per name: "PORT ALDEN" (a dateline) becomes "Port Alden" from the body.

    The most frequent spelling that is not all capitals wins, then the earliest. A name seen
    only in capitals stays as it is unless it is a long place name ("KUWAIT" -> "Kuwait").
    """
    groups: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        groups[name_key(item.name)].append(item)
    for group in groups.values():
        counts = Counter(i.name for i in group)
        first = {}
        for i in group:
            first.setdefault(i.name, i.start)
        best = min(counts, key=lambda n: (n.isupper(), -counts[n], first[n]))
        if best.isupper() and len(best) > 4 and all(i.kind == "places" for i in group):
            best = _title_case(best)
        for item in group:
            item.name = best


def _title_case(name: str) -> str:
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words(name))


def _rename(item: _Item, target: str) -> None:
    if item.name != target:
        item.aliases.add(item.name)
        item.name = target


def _positions(items: Iterable[_Item], names: set[str]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = defaultdict(list)
    for item in items:
        if item.name in names and not item.dropped:
            where[item.name].append(item.start)
    return where


def _choose(candidates: set[str], where: dict[str, list[int]], start: int) -> str | None:
    """The candidate seen nearest before ``start``; else the only candidate; else None."""
    best, best_pos = None, -1
    for name in candidates:
        earlier = [p for p in where.get(name, ()) if p < start]
        if earlier and max(earlier) > best_pos:
            best, best_pos = name, max(earlier)
    if best is not None:
        return best
    if len(candidates) == 1:
        return next(iter(candidates))
    return None


def _merge_defined_acronyms(items: list[_Item], acronyms: list[tuple[int, str, str]]) -> None:
    """ "MCA" goes to the long name it was introduced with, "Ministry of Coastal Affairs (MCA)"."""
    if not acronyms:
        return
    by_acronym: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pos, acronym, long_name in acronyms:
        by_acronym[acronym].append((pos, long_name))
    for item in items:
        if item.pinned:
            continue
        defs = by_acronym.get(item.name)
        if not defs:
            continue
        earlier = [d for d in defs if d[0] <= item.start]
        _pos, target = max(earlier) if earlier else min(defs)
        if target != item.name:
            _rename(item, target)
            item.kind = _kind_of(items, target, item.kind)


def _kind_of(items: Iterable[_Item], name: str, default: str) -> str:
    ballots = [(i.start, i.kind, i.weight) for i in items if name in (i.surface, i.name)]
    return decide(name, ballots) if ballots else default


def _strip_descriptors(items: list[_Item]) -> None:
    """ "Kenyan Susan Chepkemei" becomes "Susan Chepkemei" when that name is also in the article.

    Only a single leading word that looks like a demonym or descriptor is dropped, so "John
    Paul Jones" never becomes "Paul Jones".
    """
    people = {i.name for i in items if i.kind == "people" and len(words(i.name)) >= 2}
    for item in items:
        parts = words(item.name)
        if item.pinned or item.kind != "people" or len(parts) < 3:
            continue
        rest = " ".join(parts[1:])
        if rest in people and parts[0].lower().endswith(_DESCRIPTOR_ENDINGS):
            _rename(item, rest)


_DESCRIPTOR_ENDINGS = ("an", "ese", "ish", "er", "ot", "i")


def _merge_person_parts(items: list[_Item]) -> None:
    """A first name or surname goes to the person's full name that contains it.

    Applies to mentions NER called a person, organisation or "other" (a surname is often
    mislabelled ORG). A "place" is taken only as a surname, and not right after "in", "at",
    "from" ... when the gazetteer knows the place: NER often calls surnames places, but "in
    Jordan" is the country, whoever Michael Jordan is ("a pass to Gerrard" is the player).
    """
    _surnamed_people(items)
    full_names = {
        i.name for i in items if i.kind == "people" and len(words(i.name)) >= 2 and not i.dropped
    }
    if not full_names:
        return
    # A full name is matched by its own words, by those of the forms folded into it
    # ("Brannigan" belongs to "Orla Brannigan-Lowe" when entities.yml maps "Orla Brannigan"),
    # and with hyphens read as spaces ("Varga Holt", "Holt").
    spellings: dict[str, list[list[str]]] = defaultdict(list)
    for i in items:
        if i.name in full_names:
            for form in {i.name, i.surface, i.name.replace("-", " ")}:
                if len(words(form)) >= 2:
                    spellings[i.name].append([w.casefold() for w in words(form)])
    where = _positions(items, full_names)
    for item in items:
        if item.pinned or item.dropped:
            continue
        part = [w.casefold() for w in words(item.name)]
        surname_only = item.kind == "places"
        if surname_only and item.before in LOCATIVES and gazetteer().knows(item.name):
            continue
        peer = len(part) == 2 and part[0] in PEERAGE
        if peer:
            # "Lord Marlow" is the "Sebastian Marlow" the article names, as "Marlow" would be;
            # not another peer ("Lady Falworth" beside "Lord Falworth")
            part = part[1:]
        candidates = {
            n
            for n, forms in spellings.items()
            if n != item.name and any(_is_end_part(part, t, surname_only) for t in forms)
            and not (peer and words(n)[0].casefold() in PEERAGE)
        }
        if not candidates:
            continue
        target = _choose(candidates, where, item.start)
        if target is None:
            item.dropped = True  # a surname shared by two people, neither named before it
            continue
        _rename(item, target)
        item.kind = "people"


def _surnamed_people(items: list[_Item]) -> None:
    """A given name and more the model read as an organisation or a thing is a person where the
    article calls its last word a person ("Carly Fiorina", beside "Ms Fiorina"), unless the
    sentence calls it an organisation ("parts maker Robert Bosch", beside "Bosch said")."""
    surnames = {
        i.name.casefold() for i in items
        if i.kind == "people" and not i.dropped and len(words(i.name)) == 1
    }
    if not surnames:
        return
    for item in items:
        if (
            not item.pinned and not item.dropped and item.kind in ("organizations", "other")
            and len(words(item.name)) >= 2 and words(item.name)[-1].casefold() in surnames
            and looks_like_a_person(item.name) and not item.described
        ):
            item.kind = "people"


def _is_end_part(part: list[str], whole: list[str], surname_only: bool = False) -> bool:
    n = len(part)
    if not 0 < n < len(whole):
        return False
    return whole[-n:] == part or (not surname_only and whole[:n] == part)


#: The words that tell apart two countries of one name ("North Korea", "South Korea").
_COMPASS = ("North", "South")


def _merge_shared_country_names(items: list[_Item]) -> None:
    """The name two countries share ("Korea": "North Korea" and "South Korea"), no country
    itself, to the one of them the article names, when it names only one: business news on
    Seoul's exporters says "Korea" for "South Korea". Left alone where the article names both
    or neither."""
    places = gazetteer()
    countries = {i.name for i in items if not i.dropped and i.kind == "places"}
    for item in items:
        if item.dropped or item.kind != "places" or " " in item.name:
            continue
        pair = [f"{word} {item.name}" for word in _COMPASS]
        if places.place(item.name) is not None or not all(
            (found := places.place(name)) is not None and found.kind == "country" for name in pair
        ):
            continue
        named = [name for name in pair if places.place(name).name in countries]
        if len(named) == 1:
            item.name = places.place(named[0]).name


def _merge_org_short_forms(items: list[_Item]) -> None:
    """Short organisation names to the long one.

    "Delmar Marine" goes to "Delmar Marine Holdings" (the long name minus its legal form or the
    words that say what the company does, :func:`_short_org_form`; "BBC" does not go to "BBC
    Sport"), "Harbour Authority" to "Port Alden Harbour Authority" (a
    trailing part of two or more words, or one word such as "Commission"). Ambiguous short
    forms with no earlier long form stay as they are. A short form the article reads at least
    as often as an organisation folds with all its mentions: "Cairn", once a person to the
    model beside "Cairn Energy", is not left behind as a person.
    """
    long_names = {i.name for i in items if i.kind == "organizations" and len(words(i.name)) >= 2}
    if not long_names:
        return
    tokens = {n: [w.casefold() for w in words(n)] for n in long_names}
    where = _positions(items, long_names)
    votes: dict[str, float] = defaultdict(float)  # organisation's weight less the others'
    for item in items:
        if not item.dropped:
            votes[item.name] += item.weight * (1 if item.kind in ("organizations", "other") else -1)
    for item in items:
        if item.pinned or item.dropped:
            continue
        part = [w.casefold() for w in words(item.name)]
        if item.kind not in ("organizations", "other") and (
            votes[item.name] < 0 or (votes[item.name] == 0 and gazetteer().knows(item.name))
        ) and not _company_without_its_form(item.name, part, tokens.values()) and not any(
            _club_without_its_town(part, whole) or _nickname_of(part, whole)
            for whole in tokens.values()
        ):
            continue  # a tie goes to the organisation, but for a place a lookup knows
        candidates = {n for n, t in tokens.items() if _short_org_form(part, t)}
        if not candidates or any(
            t[: len(part)] == part != t and n not in candidates for n, t in tokens.items()
        ):
            # "Dunmere" beside "Dunmere Software" and "Dunmere Cargo": either
            continue
        target = _choose(candidates, where, item.start)
        if target is not None:
            _rename(item, target)
            item.kind = "organizations"


_CLUB_WORDS = CLUB_SUFFIXES | CLUB_TOWN_SUFFIXES
_WHOLE_TRADES = TRADE_WORDS - ARM_WORDS


#: A company's legal form right after a name, as a word of its own ("Apic Holm Corp", where
#: the model read "Apic Holm" alone as a person).
_LEGAL_FORM_AFTER = re.compile(
    r"[ \t]+(" + "|".join(sorted(re.escape(f.capitalize()) for f in COMPANY_FORMS)) + r"|"
    + "|".join(sorted(re.escape(f.upper()) for f in COMPANY_FORMS)) + r"|plc|SpA)(?![\w-])"
)


def _legal_form_after(text: str, end: int) -> str | None:
    """The company's legal form that follows ``end`` as a word of its own, if any: not a
    state's postal code ("Denver CO")."""
    match = _LEGAL_FORM_AFTER.match(text, end)
    if match is None:
        return None
    form = match.group(1)
    return None if form.isupper() and gazetteer().is_place_initials(form) else form


def _company_without_its_form(name: str, part: list[str], wholes: Iterable[list[str]]) -> bool:
    """Whether ``name`` (its words ``part``) is a company the article also names with its legal
    form ("Apic Holm" beside "Apic Holm Corp", "Magna" beside "Magna International Inc"): the
    company, however often the model read it as a person; not a given name and more ("Ralph
    Lauren" beside "Ralph Lauren Corp" may be the designer) nor a place a lookup knows."""
    n = len(part)
    return any(
        whole[:n] == part
        and len(whole) > n
        and all(w in LEGAL_FORMS for w in whole[n:])
        and any(w in COMPANY_FORMS or n == 1 and w in _GROUP_FORMS for w in whole[n:])
        for whole in wholes
    ) and not looks_like_a_person(name) and not gazetteer().knows(name)


#: Forms that end a group's name, not only a company's ("Harbour Group" may be a pressure
#: group): taken as one after a single word the article reads alone as a person ("Altrix",
#: beside "Altrix Group"), which no one is called by; a person the article names in full has
#: taken the word as a surname before this is asked.
_GROUP_FORMS = frozenset({"group", "holdings", "holding"})


def _short_org_form(part: list[str], whole: list[str]) -> bool:
    n = len(part)
    if _party_form(part, whole):
        return True
    if not 0 < n < len(whole):
        return False
    if whole[:n] == part:
        # "Halvex" for "Halvex Telecom plc" named in the same article: what is left says what
        # the company is or does, not which part of it ("Halvex Cargo", "Halvex Capital"
        # stay apart); "the Bank" for the "Bank of Kesselland" the article names (the nearest
        # before it, as for "the Commission")
        return all(w in LEGAL_FORMS or w in _WHOLE_TRADES for w in whole[n:]) or (
            n == 1 and part[0] in ORG_DESIGNATORS and whole[1] in ACRONYM_JOINERS
        ) or _club_without_its_town(part, whole)
    if whole[-n:] == part:
        # "United" for "Harwick United", "City" for "Harwick City": a club by its last word;
        # "the Commons" for the "House of Commons"; "Herons" for the "Lisbon Herons": a team
        # by its nickname after its town
        return (n >= 2 or part[0] in ORG_DESIGNATORS or part[0] in _CLUB_WORDS
                or tuple(whole[:-1]) == CHAMBER
                or _town_and_nickname(whole))
    return False


def _club_without_its_town(part: list[str], whole: list[str]) -> bool:
    """Whether ``part`` is a club's name without the town after it ("Sparta" of "Sparta
    Kessling", "Red Star" of "Red Star Harwin"), which is how reports name a club after the
    first time, and the model reads as a person as often as not: what is cut is a town the
    gazetteer knows, not a country ("Bank" of "Bank Norland" is another body), and the short
    form is no given name ("Anna" of "Anna Kessling" is no club's name) nor a place ("Norland"
    of "Norland Harwin" is the country the club is named after)."""
    n = len(part)
    if not 0 < n < len(whole) or whole[:n] != part or part[0] in given_names():
        return False
    if gazetteer().knows(" ".join(part).title()):
        return False
    place = gazetteer().place(" ".join(whole[n:]).title())
    return place is not None and place.kind == "city"


def _nickname_of(part: list[str], whole: list[str]) -> bool:
    """Whether ``part`` is the team ``whole`` by its nickname alone ("Herons" of the "Texas
    Herons" the article names), however the model read it (a headline's "HERONS BEAT ..." is
    a person to it): no person is called by a team's nickname. Not a town ("Amsterdam" of
    "Ajax Amsterdam", a club named before its town, where "Ajax" is a town too)."""
    return (len(whole) > len(part) and whole[-len(part):] == part
            and _town_and_nickname(whole) and not gazetteer().knows(" ".join(part).title()))


def _town_and_nickname(whole: list[str]) -> bool:
    """Whether a name is a team's town and one word more ("Lisbon Herons"), whose last word
    alone is the team: a town or a region the gazetteer knows ("Texas Herons"), not a country
    ("US Congress" is another rule's) nor a given name and a surname ("George Orrin", where
    George is a town too)."""
    place = gazetteer().place(" ".join(whole[:-1]).title())
    return (place is not None and place.kind in ("city", "region")
            and not looks_like_a_person(" ".join(whole).title()))


def _party_form(part: list[str], whole: list[str]) -> bool:
    """ "Labour" or the members' "Conservatives" for the "Labour Party", "Conservative Party"."""
    if len(whole) < 2 or whole[-1] != "party" or len(part) != len(whole) - 1:
        return False
    head = whole[:-1]
    return part == head or part == [*head[:-1], head[-1] + "s"]


def _merge_initials(items: list[_Item]) -> None:
    """Initials to the long name: "PAHA" to "Port Alden Harbour Authority", "HP" to
    "Hewlett-Packard"."""
    long_names = {
        i.name for i in items
        if i.kind != "people" and len(words(_hyphen_parts(i.name))) >= 2 and not i.dropped
    }
    if not long_names:
        return
    by_initials: dict[str, set[str]] = defaultdict(set)
    kinds = {i.name: i.kind for i in items}
    for name in long_names:
        by_initials[initials(name)].add(name)
        by_initials[_initials_with_joiners(name)].add(name)
        by_initials[_initials_with_acronyms(name)].add(name)
        by_initials[initials(_hyphen_parts(name))].add(name)
    where = _positions(items, long_names)
    for item in items:
        if item.pinned or item.dropped or not _ACRONYM.match(item.name):
            continue
        # Same kind only ("US" the place is not "US Senate"), but for a place no lookup knows
        # ("Ukip", which the model reads as a place, is the "UK Independence Party"); and never
        # a name that contains the acronym as a word.
        unknown_place = item.kind == "places" and not gazetteer().knows(item.name)
        candidates = {
            name
            for name in by_initials.get(acronym_letters(item.name), ())
            if (kinds[name] == item.kind or (unknown_place and kinds[name] == "organizations"))
            and item.name not in words(name)
        }
        if not candidates:
            continue
        target = _choose(candidates, where, item.start)
        if target is not None:
            _rename(item, target)
            item.kind = _kind_of(items, target, item.kind)


def _hyphen_parts(name: str) -> str:
    """ "Hewlett-Packard" -> "Hewlett Packard" (spelt "HP"): a word whose parts all start
    with a capital is as many words."""
    return " ".join(
        part
        for word in name.split()
        for part in (word.split("-") if all(p[:1].isupper() for p in word.split("-")) else [word])
    )


def _initials_with_joiners(name: str) -> str:
    return "".join(w[0].upper() for w in words(name) if w[0].isalpha())


def _initials_with_acronyms(name: str) -> str:
    """ "UK Independence Party" -> "UKIP": a word that is itself an acronym gives all its
    letters."""
    return "".join(
        w.upper() if len(w) >= 2 and w.isupper() and w.isalpha() else w[0].upper()
        for w in words(name)
        if w.casefold() not in ACRONYM_JOINERS and w[0].isalpha()
    )


def _collect(items: list[_Item], config: EntityConfig) -> ArticleEntities:
    """Group by final name; one type per name (config, else the vote of its own mentions)."""
    groups: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        if not item.dropped:
            groups[item.name].append(item)
    result = ArticleEntities()
    buckets: dict[str, set[str]] = {kind: set() for kind in ENTITY_TYPES}
    for name, group in groups.items():
        if config.is_blocked(name):
            continue
        kind = config.forced_type(name)
        if kind is None:
            # The name's own mentions vote; forms folded into it only when it has none.
            own = [i for i in group if name_key(i.surface) == name_key(name)] or group
            kind = decide(name, ((i.start, i.kind, i.weight) for i in own))
            weight = round(sum(i.weight for i in own if i.kind == kind), 3)
            if weight != 1:  # the default: most names are mentioned once
                result.weights[name] = int(weight) if weight.is_integer() else weight
            if not weight and not any(i.weight for i in group):
                # read as nothing but a group ("Conservatives") or a department word
                # ("Labour"): not listed; the archive lists it where it knows the organisation
                # (``weights`` keeps it, at 0)
                kind = None
        if kind is not None:
            buckets[kind].add(name)
        surfaces = {collapse(a) for i in group for a in (i.aliases | {i.surface})}
        seen = {name_key(name)}
        variants = []
        for surface in sorted(surfaces):
            key = name_key(surface)
            if key not in seen:
                seen.add(key)
                variants.append(surface)
        if variants:
            result.aliases[name] = variants
    for kind in ENTITY_TYPES:
        setattr(result, kind, sorted(buckets[kind]))
    result.aliases = dict(sorted(result.aliases.items()))
    result.weights = dict(sorted(result.weights.items()))
    return result
