"""Fix NER spans that the small model predictably gets wrong, before any name is cleaned.

- Datelines: "PORT ALDEN, March 12 (CL) --" and "Doha: ..." are places, whatever NER made
  of them (often half of the capitals, "ALDEN", or a PERSON).
- A possessive splits a name: "Delmar Marine's" comes out as GPE "Delmar" + NORP "Marine".
  Two touching spans whose union starts a longer name found elsewhere in the article are
  joined and take that name's label.
- A capitalised "The ... Authority" at a sentence start is often read as WORK_OF_ART; such a
  span ending in an organisation word ("Authority", "Ministry", "Holdings") is an ORG.
- A party's name splits too: "The Liberal Democrats" comes out as ORG "The Liberal" + NORP
  "Democrats". An organisation touching a people's or group's name (NORP) that is no demonym
  is one organisation.
- A long name comes out cut in two: PERSON "Harjo Waskito" + PERSON "Pranowo", one space apart,
  are one person; not when one of them is a place the gazetteer knows ("Rotor" and "Volgograd"
  are a club and its town), after a possessive, or when the second is a whole name on its own
  (a given name and more: "Kessel Star Anna Marsh").
- "Ukrainian Anna Marsh" comes out as one ORG or PERSON: the people's name says where she is
  from, the rest is her name.
- "the UK Independence Party" comes out as ORG "Independence Party": a country's initials
  that no span holds, between "the" and an organisation's name, are the name's first word
  (where the archive writes the organisation without them too, it is one organisation under
  the shorter name: :func:`newsarchive.entities.archive.archive_national_names`).
- "Kessel Freight Lines (KFL)": the model finds the acronym and misses the name it brackets;
  the capitalised words right before the bracket whose initials spell it are an organisation,
  also with a lower-case word of what it is between ("... Workers union (HDW)"). Where the model
  read neither, the acronym is found by its brackets (:func:`missed_acronyms`, from
  :mod:`newsarchive.entities.document`).
- "Galloway's Respect party" comes out as one ORG: after a person's possessive (one the article
  names in full, or a given name and more) comes the name of what the person leads or owns.
- A date, time or number right after a name ("the Athens Games" + "last August") is never the
  rest of a name the model cut in two.
- "MAHALA, Bosnia 1996-08-31": a span that takes a dateline's ISO date in ends before it.
- "the Department for Culture, Media and Sport" comes out as ORG "Department for Culture",
  ORG "Media" and ORG "Sport": a ministry's name ("Department for", "Ministry of") followed by
  one-word organisations joined by commas and a last "and" is one name, unless one of those
  words is named on its own elsewhere in the article ("the Department of Health and Tesco").
- "the Reserve Bank of Orrinland" comes out as ORG "Reserve" + GPE "Orrinland": a public
  body's name and the place it is of are one organisation (:func:`_whole_body_names`).
- "Kalf, Varnby & Co." comes out as ORG "Kalf" + ORG "Varnby & Co.": a firm named by its
  partners with "& Co" or "& Sons" at the end is one organisation (:func:`_whole_firm_names`).
- "Kessel Financial Secretary Ida Holm" comes out as ORG "Kessel Financial": the words that say
  which secretary are the title's; the rest is the place the office is of.
- "... said Delmar Marine Co." ends a sentence: the full stop closes the sentence, so the name
  is "Delmar Marine Co", as the archive writes it where the sentence goes on without a dot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.given_names import given_names, looks_like_a_person
from newsarchive.entities.model import LABEL_TYPES
from newsarchive.entities.ner import Mention
from newsarchive.entities.normalize import (
    ACRONYM,
    HOUSE_ACRONYM,
    KEEP_DOT,
    POSSESSIVE,
    TRAILING_DATE,
    acronym_letters,
    clean,
    initials,
    name_key,
    words,
)
from newsarchive.entities.tables import VENUE_OPENER, side_mention
from newsarchive.entities.vocab import (
    ACRONYM_JOINERS,
    COMPANY_FORMS,
    DEPARTMENT_WORDS,
    FULL_MONTHS,
    LEGAL_FORMS,
    MONTHS,
    NAME_PARTICLES,
    ORG_DESIGNATORS,
    PARTY_ADJECTIVES,
    PEERAGE,
    PLACE_PLURALS,
    ROW_LABELS,
    ROYAL_TITLES,
    STOP_WORDS,
    TITLE_WORDS,
    WIRE_LABELS,
)

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
#: Paragraph-initial dateline: "PORT ALDEN, March 12 (CL) --", "KUWAIT, May 31 (KUNA) --",
#: "VIETNAM, June 5 - ", "DOHA - " (briefings, the dash on the place's line), "DOHA 2024-03-12"
#: and "KESSEL, Varnholm 2024-03-12" (wires that date in ISO form, some naming the country or
#: state after the city). The place is in capitals.
_DATELINE = re.compile(
    r"(?m)^(?P<place>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,3})"
    r"(?:,\s*(?:(?:" + _MONTH + r")\.?\s+\d{1,2}|\d{1,2}\s+(?:" + _MONTH + r")\.?)"
    r"(?:,?\s*\d{4})?\s*(?:\([^()\n]{1,40}\))?\s*(?:-{1,2}|–|—|:)"
    r"|(?P<briefing>[ \t]+(?:(?P<credit>\([^()\n]{1,40}\))[ \t]*)?(?:-{1,2}|–|—)\s)"
    r"|(?:,\s*(?P<region>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,2}))?\s+\d{4}-\d{2}-\d{2}\b)",
    re.IGNORECASE,
)


def repair(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions of ``text`` with the fixes above applied, sorted by position."""
    fixed = _datelines(text, [_relabel_work_of_art(m) for m in mentions
                              if not _MONEY.match(m.text) and not _a_dated_line(text, m)])
    fixed = [part for m in fixed
             for cut in _split_lists(_two_people(_without_rank(_without_listing(m))))
             for company in _company_of_place(cut) for part in _town_and_state(text, company)]
    fixed = _without_row_labels(text, fixed)
    fixed = _join_split_names(text, fixed)
    fixed = _whole_group_names(text, fixed)
    fixed = _country_initials_in_front(text, fixed)
    fixed = _whole_ministry_names(text, fixed)
    fixed = _whole_body_names(text, fixed)
    fixed = _whole_firm_names(text, fixed)
    fixed = _pairs_named_apart(text, fixed)
    fixed = _names_before_acronyms(text, fixed)
    # the surnames of the people the article names in full (a lone "Foster" may be the brand
    # of "Foster's Group")
    surnames = {POSSESSIVE.sub("", m.text.split()[-1]) for m in fixed
                if m.label == "PERSON" and " " in m.text}
    fixed = [
        _with_regnal_number(text, _with_peerage(text, _sentence_final_dot(
            text, _after_demonym(_without_date(_after_owner(_after_party(
                _without_score(text, _without_month_before_day(
                    text, _with_team_nickname(text, _without_title_qualifier(text, m))))),
                surnames)))
        )))
        for m in fixed
    ]
    fixed += _missed_peers(text, fixed)
    return sorted(fixed, key=lambda m: (m.start, m.end))


#: The rest of a results table's row after its label: figures (or "N / A", not available),
#: lower-case words, currency signs and punctuation, with at least one figure.
_ROW_REST = re.compile(r"(?=[^\n]*(?:\d|\bN ?/ ?A\b))(?:[ \t]+(?:[a-z][\w'-]*|N ?/ ?A|NA|"
                       r"[-+(]?[$£€]?\d[\d.,:/-]*%?\)?\.?|[-–—/()$£€%]))+[ \t]*(?:\n|\Z)")
#: "N / A" or "NA" (not available) alone: a table's empty cell.
_NOT_AVAILABLE = re.compile(r"N ?/ ?A|(?:N ?/ ?A|NA)(?: ?/ ?(?:N ?/ ?A|NA))+")


def _without_row_labels(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` without the labels of a results table's rows ("Revs 130 1,279", "Avg shrs
    4,841 3,990", "Total shares offered N / A") and its empty cells ("N / A"): a mention made
    only of :data:`~newsarchive.entities.vocab.ROW_LABELS` that opens its line (after any dash)
    and is followed on it by figures and lower-case words alone. A company whose name is such a
    word keeps its name in prose ("Total said ...")."""

    def label(m: Mention) -> bool:
        if _NOT_AVAILABLE.fullmatch(m.text):
            return True
        opening = text[text.rfind("\n", 0, m.start) + 1 : m.start].strip(" \t-–—")
        return (
            not opening
            and all(w.lower() in ROW_LABELS for w in m.text.split())
            and _ROW_REST.match(text, m.end) is not None
        )

    return [m for m in mentions if not label(m)]


#: "Galloway's Respect party": a name, its possessive, and the name of what it owns.
_OWNED = re.compile(r"(.+?)['’]s ([A-Z].*)")


def _after_owner(mention: Mention, surnames: set[str]) -> Mention:
    """ "Galloway's Respect party" (an organisation to the model) is "Respect party" where the
    owner is a person: one the article names in full ("George Galloway"), or a given name and
    more."""
    if mention.label not in ("ORG", "GPE", "EVENT", "PRODUCT", "FAC"):
        return mention
    match = _OWNED.fullmatch(mention.text)
    if match is None:
        return mention
    owner = match.group(1)
    if owner.split()[-1] not in surnames and not (
        " " in owner and looks_like_a_person(owner)
    ):
        return mention
    start = mention.start + match.start(2)
    return Mention(match.group(2), mention.label, start, mention.end, mention.votes,
                   mention.score)


#: The last word of a ministry's name of two words ("Home Office", "Justice Department").
_MINISTRY_ENDS = frozenset({"office", "department", "ministry"})
#: The first word of one: a department's ("Foreign Office"), not another body's
#: ("Conservative Central Office", "Conservative Research Department" are the party's own).
_MINISTRY_HEADS = DEPARTMENT_WORDS | {"cabinet"}


def _after_party(mention: Mention) -> Mention:
    """ "Labour Home Office" or "Democrat Treasury" (of "Labour Home Office minister", "Liberal
    Democrat Treasury spokesman"), one organisation to the model, is the ministry: the party's
    word only says whose portfolio it is. Not the "Labor Department" (a ministry of one word
    after it is a name of its own), the "Labour Party", nor a party's own office ("Conservative
    Central Office")."""
    if mention.label != "ORG":
        return mention
    parts = list(re.finditer(r"\S+", mention.text))
    lead = 0
    while lead < len(parts) - 1 and parts[lead].group().lower() in PARTY_ADJECTIVES:
        lead += 1
    rest = [w.group().lower() for w in parts[lead:]]
    if not lead or not (
        rest == ["treasury"]
        or len(rest) == 2 and rest[0] in _MINISTRY_HEADS and rest[1] in _MINISTRY_ENDS
    ):
        return mention
    cut = parts[lead].start()
    return Mention(mention.text[cut:], mention.label, mention.start + cut, mention.end,
                   mention.votes, mention.score)


#: A peer's title, capitalised, as a word of its own.
_PEER_TITLE = r"(?<![\w'’-])(" + "|".join(sorted(w.capitalize() for w in PEERAGE)) + ")"
#: A peer's title right before a name: "Lord" of "Lord Falworth".
_PEER_BEFORE = re.compile(_PEER_TITLE + r" \Z")
#: The labels of names (a peer's surname may come with any of them).
_NAME_LABELS = frozenset({*LABEL_TYPES, "NORP"})
#: The word before a peer's title, when it is capitalised: the name goes on ("Mira Baron");
#: not a sentence's last word ("on Tuesday. Lord Falworth").
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]* \Z")


#: A peer's title and the capitalised word after it ("Baroness Tarrant", "Lord Quell's").
_PEER = re.compile(_PEER_TITLE + r" ([A-Z][a-z][\w’'-]*)")


def _a_peer(text: str, start: int, word: str) -> bool:
    """Whether the peer's title at ``start`` and ``word`` after it name a peer: not an office
    ("Lord Chancellor", "Lord Mayor"), a joining word ("Lord Of The Rings") nor a title inside a
    name that goes on ("Mira Baron Kessling")."""
    key = POSSESSIVE.sub("", word).lower()
    if key in TITLE_WORDS or key in STOP_WORDS:
        return False
    return not _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)


def _with_peerage(text: str, mention: Mention) -> Mention:
    """ "Lord Falworth", of which the model read only "Falworth" (as a person, or as anything
    else: "Lord Brannock" may be an organisation to it): a peer's title is part of the name
    (``PEERAGE``), as where the model reads it in, so that a peer has one page however the
    model cut the span, not a page of the bare surname. Only a single word: "Lord Conrad
    Blackwell" is named in full without the title."""
    if mention.label not in _NAME_LABELS or " " in mention.text.strip():
        return mention
    before = _PEER_BEFORE.search(text, max(0, mention.start - 12), mention.start)
    if before is None:
        return mention
    start = before.start(1)
    if not _a_peer(text, start, mention.text):
        return mention
    return Mention(text[start:mention.end], "PERSON", start, mention.end, mention.votes,
                   mention.score)


def _missed_peers(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Peers of whom the model read nothing ("Baroness Tarrant said"): a peer's title and a
    capitalised word no mention covers are a person, with one vote."""
    taken = [(m.start, m.end) for m in mentions]
    return [
        Mention(match.group(0), "PERSON", match.start(), match.end())
        for match in _PEER.finditer(text)
        if _a_peer(text, match.start(), match.group(2))
        and not any(s < match.end() and match.start() < e for s, e in taken)
    ]


#: A regnal number right after a name ("Henry VIII", "Anna II"): I to XXXIX, as a word.
_REGNAL = re.compile(r" ((?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))(?![\w'’-])")
#: What may follow a number of one letter that is no pronoun nor "versus" ("Anna I of Kessel",
#: "Anna I,", "Anna I born 1533" in a list of anniversaries; not "Anna Marsh V Ida Holm").
_AFTER_FIRST = re.compile(r" of\b| \(| (?:born|died)\b|[,.;:)]|\s*\Z")


def _with_regnal_number(text: str, mention: Mention) -> Mention:
    """A monarch's or a pope's name with its number, where the model left the number out
    ("Elizabeth I of Kessel", "Pedro II"): without it, the page would be of every monarch of
    the name. A number of one letter counts only before "of", a bracket, "born", "died" or
    punctuation ("Anna I was crowned" may be the pronoun, "Anna Marsh V Ida Holm" a match)."""
    if mention.label != "PERSON":
        return mention
    match = _REGNAL.match(text, mention.end)
    if match is None or (len(match.group(1)) == 1
                         and not _AFTER_FIRST.match(text, match.end())):
        return mention
    end = match.end()
    return Mention(text[mention.start : end], "PERSON", mention.start, end, mention.votes,
                   mention.score)


#: A side's goals at the end of its name, and its scorers in brackets after it: "Kessel 2
#: (Anna Marsh 22nd minute, Ida Holm 80th)".
_TRAILING_SCORE = re.compile(r"\S \d{1,2}\Z")
_SCORERS_AFTER = re.compile(r" \([^()]*?\d{1,3}(?:st|nd|rd|th)\b")


#: Capitalised words after a town's name, the last a plural: a team's nickname ("Rockets",
#: "Trail Blazers", "SuperSonics").
_NICKNAME_AFTER = re.compile(r"(?: [A-Z][a-z]+)? [A-Z][A-Za-z]*[a-z]s\b(?![-'’])")
_NICKNAME_WORD = re.compile(r"[A-Z][A-Za-z]*[a-z]")


def _with_team_nickname(text: str, mention: Mention) -> Mention:
    """A town's name with a team's plural nickname after it, or read with one as a place, is
    the team: "the Houston" + " Rockets" (after "the" only, as teams are written), FAC "the
    Portland Trail Blazers". Not a place's own name ("Harwick Falls", one a lookup knows), a
    people after a town ("Kessel Germans"), a given name or a title ("the Kessel Senator
    Charles"), nor a name the model read as anything but a place."""
    if mention.label not in ("GPE", "LOC", "FAC"):
        return mention
    after = _NICKNAME_AFTER.match(text, mention.end)
    before = text[max(0, mention.start - 4) : mention.start]
    if after and "the " not in (mention.text[:4].lower(), before.lower()):
        return mention  # the words after a place: "the Houston Rockets", as teams are written
    end = after.end() if after else mention.end
    name = text[mention.start : end]
    parts = name.split()
    if not parts[-1].endswith("s") or parts[-1].lower() in PLACE_PLURALS:
        return mention
    places = gazetteer()
    for size in (1, 2):
        nickname, town = parts[-size:], " ".join(parts[:-size])
        if town[:4].lower() == "the ":
            town = town[4:]
        if (
            town
            and all(_NICKNAME_WORD.fullmatch(w.removesuffix("s")) for w in nickname)
            and not any(_a_name_or_title(w) for w in nickname)
            and places.place(town) is not None
            and places.place(name) is None
            and not places.is_demonym(" ".join(nickname))
        ):
            return Mention(name, "ORG", mention.start, end, mention.votes, mention.score)
    return mention


def _a_name_or_title(word: str) -> bool:
    """Whether a word after a town is a given name or a title rather than a team's nickname
    ("the Kessel Senator Charles ..."). Its plural may be one ("the Ottawa Senators")."""
    key = word.casefold()
    return key in given_names() or key in TITLE_WORDS


def _without_score(text: str, mention: Mention) -> Mention:
    """A side's name without the goals after it, where the model read them as part of it
    ("Kessel Rovers 1 (Anna Marsh 22nd minute)" -> "Kessel Rovers"). A name that ends in a
    number of its own ("Channel 4", "Radio 1") is not followed by scorers."""
    if not _TRAILING_SCORE.search(mention.text) or not _SCORERS_AFTER.match(text, mention.end):
        return mention
    end = mention.start + len(mention.text.rstrip("0123456789").rstrip())
    return Mention(text[mention.start : end], mention.label, mention.start, end, mention.votes,
                   mention.score)


def _after_demonym(mention: Mention) -> Mention:
    """ "Ukrainian Anna Marsh" (ORG or PERSON to the model) is the person "Anna Marsh": when what
    follows the demonym starts with a given name and says nothing else ("British Gas" and
    "American Kessel Holdings" stay), and the demonym is no given name itself ("Christian
    Marsh", "German Villa"). Also where the model read a person and a title and more follow
    the demonym ("Icelandic President Anna Marsh", "Belgian King Alvar"): the title is then
    cut as from any person's name."""
    if mention.label not in ("PERSON", "ORG"):
        return mention
    first, _, rest = mention.text.partition(" ")
    if not rest[:1].isupper() or not gazetteer().is_demonym(first, strict=True):
        return mention
    title = name_key(rest.split()[0])
    titled = mention.label == "PERSON" and " " in rest and (
        title in TITLE_WORDS or title in ROYAL_TITLES
    )
    if not titled and (name_key(first) in given_names() or not looks_like_a_person(rest)):
        return mention  # "Christian Marsh", "German Villa": given names that are demonyms too
    start = mention.start + len(first) + 1
    return Mention(rest, "PERSON", start, mention.end, mention.votes, mention.score)


#: What follows a sentence's last word: the text's or the line's end, or a new sentence.
_SENTENCE_END = re.compile(
    r"[ \t]*[\"”’')]*[ \t]*$|[\"”’')]*\s+[\"“‘(]?[A-Z]", re.MULTILINE
)


def _without_date(mention: Mention) -> Mention:
    """ "MAHALA, Bosnia 1996-08-31": the model's place takes the dateline's date in; the name is
    what comes before it. And "the August Kessel Purchasing Index", "Sept Brent": a month
    before an organisation's name says which month's figure, and is no part of the name ("May"
    is left alone: it opens names, "May Department Stores"; so is a month's full name before
    one word, which may be a given name and a surname the model read as an organisation,
    "August Orrin")."""
    month = _LEADING_MONTH.match(mention.text) if mention.label == "ORG" else None
    if month is not None and (
        len(mention.text[month.end() :].split()) >= 2
        or month.group("month").lower() not in FULL_MONTHS
    ):  # a month's full name before one word may be a given name ("August Orrin")
        cut = month.end()
        mention = Mention(mention.text[cut:], mention.label, mention.start + cut, mention.end,
                          mention.votes, mention.score)
    match = TRAILING_DATE.search(mention.text)
    if not match or not match.start():
        return mention
    return Mention(
        mention.text[: match.start()], mention.label, mention.start,
        mention.start + match.start(), mention.votes, mention.score,
    )


def _months(months: Iterable[str]) -> str:
    """``months`` capitalised, as one alternation of a pattern, the longest first ("Sept"
    before "Sep")."""
    return "|".join(sorted((m.capitalize() for m in months), key=len, reverse=True))


#: A month's name or its short form ending a name, and the day or figure after it in the text.
_MONTH_AT_END = re.compile(r" (?:" + _months(MONTHS) + r")\.?$")
_DAY_AFTER = re.compile(r"[ \t]+\d")
#: ... and with its day: "Marsh Sept 7" (a wire's "who said it, when").
_MONTH_DAY_AT_END = re.compile(_MONTH_AT_END.pattern.replace(r"\.?$", r"\.? \d{1,2}$"))


def _without_month_before_day(text: str, mention: Mention) -> Mention:
    """ "Varnholm Polls Aug 25 41.0 34.0": a date after a name, the model's organisation
    taking its month in ("Varnholm Polls Aug") or its day too ("Marsh Sept 7 - Interfax", which
    the digit made an organisation); the name is what comes before the month. Only where a
    number follows or ends the name: a person may be called so ("Orla May")."""
    month = _MONTH_DAY_AT_END.search(mention.text) if mention.label != "PERSON" else None
    if month is not None and month.start():
        return Mention(mention.text[: month.start()], mention.label, mention.start,
                       mention.start + month.start(), mention.votes, mention.score)
    if mention.label == "PERSON" or _DAY_AFTER.match(text, mention.end) is None:
        return mention
    month = _MONTH_AT_END.search(mention.text)
    if month is None or not month.start():
        return mention
    return Mention(mention.text[: month.start()], mention.label, mention.start,
                   mention.start + month.start(), mention.votes, mention.score)


#: A word, then a month's short form (not "May", which a person may be called): "Pay Sept".
_WORD_AND_MONTH = re.compile(r"[A-Z][a-z]+ (?:" + _months(MONTHS - FULL_MONTHS) + r")\.?")


def _a_dated_line(text: str, mention: Mention) -> bool:
    """The model's person for a notice's dated line: "Pay Sept 30", "Record Oct 1" under a
    dividend. A word that is no given name and a month's short form, before its day (a day
    the model took in is cut as any name's trailing date is)."""
    return (
        mention.label == "PERSON"
        and _WORD_AND_MONTH.fullmatch(mention.text) is not None
        and mention.text.split()[0].lower() not in given_names()
        and _DAY_AFTER.match(text, mention.end) is not None
    )


#: A month's name or its short form (not "May") before a capitalised word.
_LEADING_MONTH = re.compile(
    r"(?:[Tt]he )?(?P<month>" + _months(MONTHS - {"may"}) + r")\.? (?=[A-Z])"
)


def _sentence_final_dot(text: str, mention: Mention) -> Mention:
    """ "... a stake in Delmar Marine Co." : the dot ends the sentence, not the name.

    Only for the abbreviations that keep their dot inside a name (``KEEP_DOT``: "Co.", "Inc.",
    "Jr.", a US state's "Fla."): initials ("U.S.") stay as written.
    """
    if (
        mention.label not in ("ORG", "PERSON", "GPE", "LOC")
        or not mention.text.endswith(".")
        or mention.text.split()[-1].lower().rstrip(".") not in KEEP_DOT
        or not _SENTENCE_END.match(text, mention.end)
    ):
        return mention
    return Mention(
        mention.text[:-1], mention.label, mention.start, mention.end - 1, mention.votes,
        mention.score,
    )


#: Up to eight words before " (": capitalised ones, and joiners between them, and maybe a
#: lower-case word of what the name is ("the Harbour and Dock Workers union (HDW)").
_WORDS_BEFORE_BRACKET = re.compile(r"((?:[A-Z][\w'’&.-]*,?|[a-z]{1,3}) ){1,8}(?:[a-z]{4,} )?\($")


def _names_before_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with an ORG mention for "Kessel Freight Lines" in "Kessel Freight Lines
    (KFL)" where the model found "KFL" (an organisation, or a name of capitals) but not the
    whole name before it: the shortest run of the words before the bracket that starts with a
    capital and whose initials, joiners ("of", "and") left out, are the acronym's letters. What
    the model found inside that run is part of the name and goes."""
    found: list[Mention] = []
    cut: set[int] = set()
    for mention in mentions:
        acronym = mention.text
        if (
            mention.label not in ("ORG", "GPE", "PERSON")
            or not (ACRONYM.fullmatch(acronym) or HOUSE_ACRONYM.fullmatch(acronym))
            or text[mention.start - 1 : mention.start] != "("
            or text[mention.end : mention.end + 1] != ")"
        ):
            continue
        match = _WORDS_BEFORE_BRACKET.search(text, max(0, mention.start - 120), mention.start)
        if not match:
            continue
        words_before = match.group(0)[:-1].split()
        if len(words_before[-1]) > 3 and words_before[-1].islower():
            if words_before[-1] not in ORG_DESIGNATORS:
                continue
            words_before.pop()  # "union": what the name is, not a word of it
        letters = acronym_letters(acronym)
        for first in range(len(words_before) - 1, -1, -1):
            run = words_before[first:]
            if not run[0][:1].isupper() or run[0].lower() in ACRONYM_JOINERS:
                continue
            if len(run) < 2 or letters not in (initials(" ".join(run)), _initials_but_kind(run)):
                continue
            start = match.start() + len(" ".join(words_before[:first])) + (1 if first else 0)
            end = start + len(" ".join(run))
            inside = [m for m in mentions if m.start < end and start < m.end]
            if text[start:end] == " ".join(run) and all(
                (m.start >= start or text[m.start : start].lower() == "the ") and m.end <= end
                for m in inside
            ):
                # what the model found inside the name gives way to the whole: its cut ("the
                # Office of the" in "the Office of the Deputy Prime Minister (ODPM)") or a place
                # in it ("England" in "Campaign to Protect Rural England (CPRE)")
                cut.update(id(m) for m in inside)
                best = max([mention, *inside], key=lambda m: m.weight)
                found.append(Mention(text[start:end], "ORG", start, end, best.votes, best.score))
            break
    return [m for m in mentions if id(m) not in cut] + found


def _initials_but_kind(run: list[str]) -> str | None:
    """The initials of a name without its last word where that word says what it is: the
    "Kessel and Harwick Dockers Union (KHD)" leaves its "Union" out of its acronym."""
    if len(run) < 3 or run[-1].casefold() not in ORG_DESIGNATORS:
        return None
    return initials(" ".join(run[:-1]))


#: An acronym in brackets: "(CRE)", "(Icann)".
_BRACKETED = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")


def missed_acronyms(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Organisation mentions of the acronyms in brackets the model did not read at all, right
    after the words whose initials they are ("the Commission for Racial Equality (CRE)"): their
    names are then found as for an acronym it read (:func:`_names_before_acronyms`)."""
    found: list[Mention] = []
    for match in _BRACKETED.finditer(text):
        acronym, start, end = match.group(1), match.start(1), match.end(1)
        if not (ACRONYM.fullmatch(acronym) or HOUSE_ACRONYM.fullmatch(acronym)) or any(
            m.start < end and start < m.end for m in mentions
        ):
            continue
        made = Mention(acronym, "ORG", start, end)
        if len(_names_before_acronyms(text, [made])) > 1:  # a name spelt by its letters
            found.append(made)
    return found


#: A ministry's name as the model starts it: "Department for Culture", "Ministry of Trade".
_MINISTRY = re.compile(r"(?:[Tt]he )?(?:Department|Ministry|Office) (?:for|of) [A-Z]")
_ITEM = r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)?"
_HEAD = re.compile(_ITEM)
#: The rest of a ministry's name that lists what it is for: ", Media and Sport", ", Food and
#: Rural Affairs".
_MINISTRY_LIST = re.compile(rf"(?:, {_ITEM})+ and {_ITEM}\b")


def _whole_ministry_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Department for Culture" + "Media" + "Sport" is the "Department for Culture, Media and
    Sport" (see the module's docstring)."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    index = 0
    while index < len(ordered):
        mention = ordered[index]
        index += 1
        if mention.label != "ORG" or not _MINISTRY.match(mention.text):
            out.append(mention)
            continue
        listed = _MINISTRY_LIST.match(text, mention.end)
        if listed:
            # ", Media and Sport" after it, whatever the model made of those words: the list
            # is the ministry's, unless a word of it is an organisation of its own elsewhere
            inside = [m for m in ordered[index:] if m.start < listed.end()]
            alone = {m.text for m in ordered if m not in inside and m is not mention}
            if all(m.end <= listed.end() and m.label in ("ORG", "NORP") and m.text not in alone
                   for m in inside):
                out.append(Mention(text[mention.start : listed.end()], "ORG", mention.start,
                                   listed.end(), mention.votes, mention.score))
                index += len(inside)
                continue
        parts = []
        end = mention.end
        for nxt in ordered[index:]:
            gap = text[end : nxt.start]
            if nxt.label != "ORG" or " " in nxt.text or gap not in (", ", " and "):
                break
            parts.append(nxt)
            end = nxt.end
            if gap == " and ":
                break
        else:
            parts = []
        if not parts or text[parts[-1].start - 5 : parts[-1].start] != " and ":
            out.append(mention)
            continue
        alone = {m.text for m in ordered if m not in parts and m is not mention}
        if any(part.text in alone for part in parts):
            out.append(mention)
            continue
        out.append(Mention(text[mention.start : end], "ORG", mention.start, end,
                           mention.votes, mention.score))
        index += len(parts)
    return out


#: Words of a public body's or an association's name, whose "of" and place go on the name
#: ("Reserve Bank of Orrinland", "National Council of Churches of Kessland"). Not a company's
#: legal form, after which "of" says where the company is (:func:`_company_of_place`), and not
#: a club's ("Sparta of Kessland": the club and its country).
_BODY_WORDS = (
    ORG_DESIGNATORS - LEGAL_FORMS
    - {"club", "service", "services", "securities", "partners", "industries", "airlines",
       "airways", "fund"}
) | {"associations", "conference", "academy", "court", "league", "society", "movement", "front",
     "confederation", "tigers"}
#: " of " or " of the " between a body's name and the place it is of, after the name's last
#: words where the model left them out ("Reserve" + " bank of "); " in " only after a name
#: saying what the body is for ("Organisation for Trade and Cooperation in Orrinland").
_OF_PLACE = re.compile(r"((?: [A-Za-z][\w'-]*)*?) of (?:the )?")
_IN_PLACE = re.compile(r" in (?:the )?")


def _whole_body_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """ORG "Reserve Bank" + GPE "Orrinland" in "the Reserve Bank of Orrinland": a public body
    or an association named with the place it is of is one organisation. The model often
    cuts at the place; the wires' reading (and a reader's) is the whole name. With " in ",
    only a name of what the body is for ("... for Security and Cooperation in Europe") and a
    country or a continent: "the District Court in Harwick" is a court and its town."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    places = gazetteer()
    out: list[Mention] = []
    index = 0
    while index < len(ordered):
        mention = ordered[index]
        index += 1
        nxt = ordered[index] if index < len(ordered) else None
        if nxt is None or mention.label != "ORG" or nxt.label not in ("GPE", "LOC"):
            out.append(mention)
            continue
        gap = text[mention.end : nxt.start]
        of = _OF_PLACE.fullmatch(gap)
        left_out = words(of.group(1)) if of else []
        joined = (
            of is not None
            and all(w[0].isupper() or w in _BODY_WORDS for w in left_out)
            and any(w.casefold() in _BODY_WORDS for w in words(mention.text) + left_out)
        )
        if not joined and _IN_PLACE.fullmatch(gap) and " for " in mention.text:
            # a country, or what the model reads as a place that is no town (a continent)
            place = places.place(nxt.text)
            joined = place.kind == "country" if place is not None else nxt.label == "LOC"
        if not joined:
            out.append(mention)
            continue
        out.append(Mention(text[mention.start : nxt.end], "ORG", mention.start, nxt.end,
                           mention.votes, mention.score))
        index += 1
    return out


#: A firm named by its partners with "& Co" or "and Sons" at the end, commas between the
#: partners and ", Inc." after it where written ("Marsh, Holm & Co.", "Kalf, Varn and Co",
#: "Orrin Lund & Sons, Inc."): one organisation, which the model and the list splitter cut at
#: its commas or read as its first partner, a person.
_PARTNER = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*"
_FIRM = re.compile(
    rf"(?<![\w'’.-]){_PARTNER}(?:, {_PARTNER})* (?:&|and) (?:Co\b\.?|Sons\b|Company\b)"
    r"(?:, (?:Inc|Ltd)\b\.?)?"
)


#: An organisation's name of two names joined by "and", each of one to three capitalised
#: words: "Kessel and Varnair".
_PAIR = re.compile(
    r"(?P<a>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})"
    r" and (?P<b>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})"
)


def _pairs_named_apart(text: str, mentions: list[Mention]) -> list[Mention]:
    """An organisation "A and B" the model read as one name is two where the article names A
    or B on its own too ("Only Kessel and Varnair had fewer registrations. Kessel posted
    ..."). A firm named after two founders ("Orrin and Lund") is written whole: the article
    does not name one founder alone in capitals. A name that ends in what it is ("Truth and
    Harbour Commission", "Marsh and Holm Ltd") is one name, even where "Truth" opens a
    sentence."""
    out: list[Mention] = []
    for m in mentions:
        pair = _PAIR.fullmatch(m.text) if m.label == "ORG" else None
        if pair is None or pair.group("b").split()[-1].lower() in ORG_DESIGNATORS or not any(
            _named_alone(text, pair.group(part)) for part in ("a", "b")
        ):
            out.append(m)
            continue
        for part in ("a", "b"):
            start, end = m.start + pair.start(part), m.start + pair.end(part)
            out.append(Mention(pair.group(part), m.label, start, end, m.votes, m.score))
    return out


def _named_alone(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` (or it in capitals) on its own: not joined to another
    name by "and" or "&", as in the pair itself or the pair written again."""
    alone = re.compile(
        rf"(?<![\w'’.&-])(?<!and )(?:{re.escape(name)}|{re.escape(name.upper())})"
        rf"(?![\w'’&-])(?! (?:and|&) [A-Z])"
    )
    return alone.search(text) is not None


def _whole_firm_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each firm named by its partners (:data:`_FIRM`) one organisation: the
    mentions inside it give way to it; none may run past it."""
    out = list(mentions)
    for match in _FIRM.finditer(text):
        start, end = match.span()
        inside = [m for m in out if m.start < end and start < m.end]
        if any(m.start < start or m.end > end for m in inside):
            continue
        if text[start:end].split()[0].lower() in STOP_WORDS:  # "The Marsh & Co"
            continue
        out = [m for m in out if m not in inside]
        out.append(Mention(text[start:end], "ORG", start, end))
    return sorted(out, key=lambda m: (m.start, m.end))


#: "the UK " right before an organisation's name.
_INITIALS_IN_FRONT = re.compile(r"\b[Tt]he ([A-Z]{2,3}|[A-Z](?:\.[A-Z])+\.) $")


def _country_initials_in_front(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "the UK Independence Party": ORG "Independence Party" starts at "UK" when no other span
    holds it and the gazetteer knows it as a country's initials."""
    out = []
    for mention in mentions:
        match = _INITIALS_IN_FRONT.search(text, max(0, mention.start - 12), mention.start)
        if mention.label == "ORG" and match:
            start = match.start(1)
            place = gazetteer().place(match.group(1))
            if (
                place is not None
                and place.kind == "country"
                and not any(m.start < mention.start and m.end > start for m in mentions)
            ):
                mention = Mention(
                    text[start : mention.end], mention.label, start, mention.end,
                    mention.votes, mention.score,
                )
        out.append(mention)
    return out


#: "the Liberal " right before a group's name: the capitalised word is the name's first.
_GROUP_FIRST_WORD = re.compile(r"\b[Tt]he ([A-Z][a-z]{2,}) $")


def _whole_group_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """NORP "Democrats" in "the Liberal Democrats": the group's name is "Liberal Democrats".

    The small model often leaves the first word of a party's members' name untagged. Taken
    only between "the" and a name in the plural, where the word can be nothing but the start
    of the name, and never when the word is a demonym or a place ("the Scottish Conservatives"
    are the Conservatives in Scotland) or is itself in another mention.
    """
    covered = [(m.start, m.end) for m in mentions]
    places = gazetteer()
    out = []
    for m in mentions:
        match = (
            _GROUP_FIRST_WORD.search(text, max(0, m.start - 40), m.start)
            if m.label == "NORP" and m.text[:1].isupper() and m.text.endswith("s")
            else None
        )
        word = match.group(1) if match else ""
        start = m.start - len(word) - 1
        if (
            match
            and not places.is_demonym(word)
            and places.place(word) is None
            and not places.is_demonym(m.text, strict=True)
            and not any(s < m.start and e > start for s, e in covered)
        ):
            m = Mention(text[start : m.end], m.label, start, m.end, m.votes, m.score)
        out.append(m)
    return out


def _relabel_work_of_art(mention: Mention) -> Mention:
    if mention.label == "WORK_OF_ART":
        parts = words(mention.text.rstrip(".,;:'’s"))
        if len(parts) >= 2 and parts[-1].lower() in ORG_DESIGNATORS:
            return Mention(mention.text, "ORG", mention.start, mention.end)
    return mention


_LIST_SEPARATOR = re.compile(
    r",\s+|,(?=\d)|\s+[-–—]\s+|;\s*|:\s+|\s*\n\s*|\s+vs?\.?\s+"
    r"|(?<=[A-Za-z]{3})/(?=[A-Z][A-Za-z]{2})|(?<=\))\s+(?=\w)"
    r"|(?<=[A-Za-z])\s+\d[\d=.\-]*\s+(?=[A-Z])"
)
#: "Marsh's Harbour Fund" is not a person's name: the owner, then the thing owned.
_INNER_POSSESSIVE = re.compile(r"(?<=\w)(?:['’]s|(?<=s)['’])\s+(?=[A-Z])")
#: People and places are never "X and Y" ("Henry and Hansen"); organisations often are.
_AND = re.compile(r"\s+(?:and|&)\s+")
#: "Kessel Bank or Varn Trust": two names, whatever the model read (not in a title of a work).
_OR = re.compile(r"\s+or\s+(?=[A-Z])")


def _two_people(mention: Mention) -> Mention:
    """ "Anna Marsh and Per Lund" read as one organisation is two people (split next by
    :func:`_split_lists`) when each side starts with a given name and says nothing else;
    "Marrow and Sons" or "Kessel and Varnholm Holdings" stay organisations."""
    if mention.label != "ORG":
        return mention
    parts = _AND.split(mention.text)
    if len(parts) < 2 or not all(looks_like_a_person(part) for part in parts):
        return mention
    return Mention(mention.text, "PERSON", mention.start, mention.end, mention.votes,
                   mention.score)


def _whole_ministry(name: str) -> bool:
    """A ministry's name with the list of what it is for, as one span."""
    start = _MINISTRY.match(name)
    if not start:
        return False
    head = _HEAD.match(name, start.end() - 1)
    return bool(head) and _MINISTRY_LIST.fullmatch(name, head.end()) is not None


#: A company's short legal form, then "of" and where the company is: "Kessel Freight Inc of
#: Orrin" (not "Corporation" or "Limited", which names go on after: "Radio Corporation of ...").
_SHORT_FORMS = sorted((f for f in COMPANY_FORMS - {"corporation", "limited"}
                      if not f.endswith(".")), key=len, reverse=True)
_FORM_OF_PLACE = re.compile(
    r"(?<= )(?:" + "|".join(re.escape(w) for f in _SHORT_FORMS for w in (f.capitalize(), f.upper()))
    + r"|GmbH|SpA)\.?(?= of [A-Z])"
)


def _company_of_place(mention: Mention) -> list[Mention]:
    """ "Kessel Freight Inc of Orrin" read as one organisation: the company, whose name its
    legal form ends, and the place it is from."""
    match = _FORM_OF_PLACE.search(mention.text) if mention.label == "ORG" else None
    if match is None:
        return [mention]
    place = match.end() + len(" of ")
    return [
        Mention(mention.text[: match.end()], "ORG", mention.start, mention.start + match.end(),
                mention.votes, mention.score),
        Mention(mention.text[place:], "GPE", mention.start + place, mention.end),
    ]


#: A town and its state's postal code after it, as market tables write them ("Harwick MT
#: 4.54", "Kessel Falls WA"): the town's words in title case, the code in capitals.
_TOWN_AND_CODE = re.compile(
    r"(?P<town>[A-Z][a-z][\w'’.-]*(?: [A-Z][a-z][\w'’.-]*)*) (?P<code>[A-Z]{2})"
)
#: A row's figures after a name (or the dashes of a table's empty cells).
_FIGURE_AFTER = re.compile(r"[ \t]+[-\d]")


def _town_and_state(text: str, mention: Mention) -> list[Mention]:
    """ "Havre MT 4.54", read as one name (a person, as often as not): the town and the state,
    two places, in a row of figures. Only a US state's postal code, not where it is a
    company's form too ("Kessel CO"), and not in prose, where such capitals are more often a
    club's ("Graz AK") or part of a city's name ("Washington DC")."""
    match = _TOWN_AND_CODE.fullmatch(mention.text)
    if match is None or _FIGURE_AFTER.match(text, mention.end) is None:
        return [mention]
    code = match.group("code")
    if not gazetteer().is_state_code(code) or name_key(code) in LEGAL_FORMS:
        return [mention]
    at = mention.start + match.start("code")
    return [Mention(match.group("town"), "GPE", mention.start, mention.start + match.end("town"),
                    mention.votes, mention.score),
            Mention(code, "GPE", at, at + len(code), mention.votes, mention.score)]


#: A rank or a score before a name in a leaderboard ("1= ", "+1 ", "- 3 "); not a club's
#: founding year ("1899 Kessel").
_RANK = re.compile(r"^(?:[+-] ?)?\d{1,3}=?\s+(?=[A-Z])")


#: What a sports page's heading says it lists, before the competition's name: "Results of",
#: "Standings in", "Fixtures for".
_LISTING = re.compile(r"^(?:Results|Standings|Fixtures|Scores|Tables?|Summary) (?:of|in|for) "
                      r"(?:the )?(?=[A-Z])")


#: An amount with its currency's letters, which the model reads as a name ("HK$100", "NZ$",
#: "T$27.48"): money is no entity.
_MONEY = re.compile(r"[A-Z]{0,3}\$")


#: A title's noun right after a name: "... Financial Secretary Ida Holm".
_TITLE_NOUN_AFTER = re.compile(r" (?:Secretary|Minister|Commissioner|Secretary-General)\b")
#: What says which secretary or minister, before the title's noun ("Financial", "Chief").
_TITLE_QUALIFIERS = TITLE_WORDS | {"financial", "chief", "first", "second", "senior", "junior"}


def _without_title_qualifier(text: str, mention: Mention) -> Mention:
    """ "Kessel Financial" in "Kessel Financial Secretary Ida Holm", read as an organisation:
    the words before the title's noun that say which secretary are the title's, not the
    name's; what is left is the place the office is of, where a lookup knows it."""
    if mention.label != "ORG" or not _TITLE_NOUN_AFTER.match(text, mention.end):
        return mention
    parts = mention.text.split(" ")
    cut = len(parts)
    while cut > 1 and parts[cut - 1].lower() in _TITLE_QUALIFIERS:
        cut -= 1
    if cut == len(parts):
        return mention
    rest = " ".join(parts[:cut])
    label = "GPE" if gazetteer().place(rest) is not None else mention.label
    return Mention(rest, label, mention.start, mention.start + len(rest), mention.votes,
                   mention.score)


def _without_listing(mention: Mention) -> Mention:
    """ "Results of Kessel Super League", read as one organisation: the heading's words are
    no part of the competition's name."""
    listing = _LISTING.match(mention.text)
    if listing is None:
        return mention
    return Mention(mention.text[listing.end() :], mention.label, mention.start + listing.end(),
                   mention.end, mention.votes, mention.score)


def _without_rank(mention: Mention) -> Mention:
    """ "+1 Tove Marsh through 15", a leaderboard's row the model read as one organisation:
    the score before the name is no part of it, and a given name and a surname after it are a
    person's."""
    rank = _RANK.match(mention.text)
    if rank is None:
        return mention
    rest = mention.text[rank.end() :]
    label = "PERSON" if looks_like_a_person(rest) else mention.label
    return Mention(rest, label, mention.start + rank.end(), mention.end, mention.votes,
                   mention.score)


def _split_lists(mention: Mention) -> list[Mention]:
    """Split lists NER read as one name into their parts.

    "Kessel, Varnholm", "Anna Marsh - Kessel", "Kessel v Varnholm", "Kessel or Varn" (names
    only: "or" may be in a work's title), "Marsh/Ekberg", a span that runs across a line break,
    "Name (ACR) More" after the parenthesis and a result read as one name ("Kessel 3
    Varnholm"); a rank before a name is :func:`_without_rank`'s. A wire's label before the
    first separator is no part ("NOTE - Kessel Gas").
    """
    if mention.label == "ORG" and _whole_ministry(mention.text):
        return [mention]  # "the Department for Environment, Food and Rural Affairs"
    separator = _LIST_SEPARATOR
    if mention.label in ("PERSON", "GPE", "LOC", "FAC") and _AND.search(mention.text):
        separator = re.compile(f"{separator.pattern}|{_AND.pattern}")
    if mention.label in _NAME_LABELS and _OR.search(mention.text):
        separator = re.compile(f"{separator.pattern}|{_OR.pattern}")
    if mention.label == "PERSON" and _INNER_POSSESSIVE.search(mention.text):
        separator = re.compile(f"{separator.pattern}|{_INNER_POSSESSIVE.pattern}")
    if not separator.search(mention.text):
        return [mention]
    parts = []
    pos = 0
    for match in [*separator.finditer(mention.text), None]:
        end = match.start() if match else len(mention.text)
        piece = mention.text[pos:end]
        if pos == 0 and match and _is_wire_label(piece):
            pass  # "NOTE - Kessel Gas makes ...", "PRESS DIGEST - Kessel": a label, then a name
        elif piece.strip():
            start = mention.start + pos
            parts.append(Mention(piece, mention.label, start, start + len(piece)))
        if match:
            pos = match.end()
    return parts


def _is_wire_label(words_: str) -> bool:
    """Whether a line's first words are a wire's label ("NOTE", "PRESS DIGEST", "Update")."""
    return bool(words_.strip()) and all(w in WIRE_LABELS for w in words_.lower().split())


#: Gulf wire style: "Doha: The Emir ...", possibly after a credit ("QNA Doha: ...").
_COLON_DATELINE = re.compile(
    rf"(?m)^(?:(?P<venue>{VENUE_OPENER}(?:[Tt]he )?)|[A-Z]{{2,6}}\s+)?"
    r"(?P<place>[A-Z][a-z]+(?:(?:[ -](?:le|la|on|upon|under|in|by|de|super))*[ -][A-Z][a-z]+){0,2})"
    r"(?: \((?P<area>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\))?:\s"
)


def _datelines(text: str, mentions: list[Mention]) -> list[Mention]:
    """Dateline places replace whatever NER made of them, and weigh double in the type vote."""
    spans = []
    for match in _DATELINE.finditer(text):
        place = match.group("place")
        if not place.isupper() or len(place.strip(".-")) < 2 or _is_wire_label(place):
            continue
        if match.start() == 0 and match.group("briefing") and not match.group("credit"):
            continue  # the title's "SOCCER - ...": its section, not a dateline
        spans.append(Mention(place, "GPE", match.start("place"), match.end("place"), votes=2))
        region = match.group("region")
        if region and region[0].isupper() and region[-1].isalpha() and len(region) > 2:
            spans.append(Mention(region, "GPE", match.start("region"), match.end("region")))
    labels = []
    for match in _COLON_DATELINE.finditer(text):
        start, end = match.start("place"), match.end("place")
        place = match.group("place")
        if _is_wire_label(place):
            continue  # "Update: ..."
        known = gazetteer().place(place) is not None
        if not known and text[match.end() : match.end() + 1].isdigit():
            labels.append((start, end))  # "Attendance: 2,000" is a field, not a name
        # Only a place the gazetteer knows or where NER saw a name: "Update: ..." is not a
        # dateline, nor is "Playing Sunday: ..." (a date). A results line's venue ("At
        # Kesselby: Harwick beat Dunmere ...", "At the Oval (London): ...") is a place whatever
        # it is.
        elif known or match.group("venue") or any(
            m.start < end and start < m.end and m.label not in _NUMBER_LABELS for m in mentions
        ):
            spans.append(Mention(place, "GPE", start, end, votes=2))
            if match.group("area"):  # "(London)" after the venue: where it is
                spans.append(Mention(match.group("area"), "GPE", *match.span("area")))
            team = _VENUE_TEAM.match(text, match.end()) if match.group("venue") else None
            if team is not None:
                spans.append(side_mention(team.group("team"), team.start("team"), votes=2))
    if labels:
        mentions = [m for m in mentions if not any(a < m.end and m.start < b for a, b in labels)]
    if not spans:
        return mentions
    kept = [m for m in mentions if not any(s.start < m.end and m.start < s.end for s in spans)]
    return kept + spans


#: The side batting first after a results line's venue, before its total ("At Kesselby:
#: Harwickshire 280 (A. Marsh 63)", "... Dunmere 236-4").
_VENUE_TEAM = re.compile(
    r"(?P<team>[A-Z][a-z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}) \d+(?:-\d+)?\b(?!-)"
)


#: The model's labels of dates, times, amounts and counts: never a part of a name.
_NUMBER_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _join_split_names(text: str, mentions: list[Mention]) -> list[Mention]:
    mentions = _join_org_groups(text, mentions)
    known: dict[str, tuple[list[str], str]] = {}
    for m in mentions:
        kind = LABEL_TYPES.get(m.label)
        cleaned = clean(m.text, kind) if kind else None
        if cleaned is not None and len(words(cleaned.name)) >= 2:
            known.setdefault(name_key(cleaned.name), (name_key(cleaned.name).split(), m.label))
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    i = 0
    while i < len(ordered):
        current = ordered[i]
        if i + 1 < len(ordered):
            following = ordered[i + 1]
            gap = text[current.end : following.start]
            if (
                gap == " "
                and current.label == following.label == "PERSON"
                and not any(gazetteer().place(m.text) for m in (current, following))
                and not current.text.endswith(("'s", "’s", "'", "’"))
                and current.text.split()[-1].lower() not in STOP_WORDS  # "Lil Orr and"
                and not looks_like_a_person(following.text)
            ):
                # "Harjo Waskito" + "Pranowo": one name the model cut in two. Not after a
                # possessive ("Anna Marsh's Harbour Lights") nor before a name that is whole
                # on its own ("Kessel Star Anna Marsh": a given name and more)
                out.append(Mention(text[current.start : following.end], "PERSON", current.start,
                                   following.end, max(current.votes, following.votes)))
                i += 2
                continue
            if (
                current.label == "PERSON"
                and gap[1:-1] in NAME_PARTICLES
                and gap in (f" {gap[1:-1]} ", f" {gap[1:-1]}-")
                and " " not in following.text
                and following.label in LABEL_TYPES
                and not gazetteer().place(following.text)
            ):
                # "Kenga" + "wa" + "Dunda", "Abdul-Tarek" + "al-" + "Varnabi": one name the model
                # cut at its particle (not "Anna Marsh de Lisbon", where the particle says
                # where she is from)
                out.append(Mention(text[current.start : following.end], "PERSON",
                                   current.start, following.end,
                                   max(current.votes, following.votes)))
                i += 2
                continue
            if (gap == " " and current.label == "ORG" and following.label == "GPE"
                    and current.text.lower() in ORG_DESIGNATORS and current.text[:1].isupper()):
                # "Bank" + "Kesselia": the country's bank, one name ("a Bank Kesselia
                # spokesman"), not a bank and a country
                out.append(Mention(text[current.start : following.end], "ORG", current.start,
                                   following.end, max(current.votes, following.votes)))
                i += 2
                continue
            if (gap == " " and current.label != following.label
                    and not {current.label, following.label} & _NUMBER_LABELS):
                # ("the Athens Games" + "last August" is no name cut in two)
                joined = text[current.start : following.end]
                label = _label_of_longer(joined, known)
                if label is not None:
                    out.append(Mention(joined, label, current.start, following.end))
                    i += 2
                    continue
        out.append(current)
        i += 1
    return out


def _join_org_groups(text: str, mentions: list[Mention]) -> list[Mention]:
    """ORG "The Liberal" + NORP "Democrats", one space apart: ORG "The Liberal Democrats"
    (members' names in the plural; never with a demonym, "Kessel Ukrainians", nor after a
    possessive, "Kessel's Reformers"). ORG "Liberal" + NORP "Democrat" (a party's word, in
    "Liberal Democrat leader") is the party's word "Liberal Democrat", as the model reads it
    whole elsewhere."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    for m in ordered:
        plural = m.text.endswith("s")
        if (
            out
            and out[-1].label == "ORG"
            and m.label == "NORP"
            and text[out[-1].end : m.start] == " "
            and m.text[:1].isupper()
            and (plural or m.text.casefold() in PARTY_ADJECTIVES)
            and not out[-1].text.endswith(("'s", "’s"))
            and not gazetteer().is_demonym(m.text, strict=True)
        ):
            last = out.pop()
            out.append(Mention(text[last.start : m.end], "ORG" if plural else "NORP", last.start,
                               m.end, last.votes, last.score))
            continue
        out.append(m)
    return out


def _label_of_longer(joined: str, known: dict[str, tuple[list[str], str]]) -> str | None:
    cleaned = clean(joined, "organizations")
    if cleaned is None:
        return None
    part = name_key(cleaned.name).split()
    for whole, label in known.values():
        if len(part) <= len(whole) and whole[: len(part)] == part:
            return label
    return None
