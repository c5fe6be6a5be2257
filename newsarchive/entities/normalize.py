"""Turning one NER span into a clean name, or rejecting it as noise.

Every rule here is about a single mention; rules that need the whole article (merging short
forms, credits, headings) live in :mod:`newsarchive.entities.resolve`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsarchive.entities.vocab import (
    ACRONYM_JOINERS,
    CALENDAR_FILLER,
    DEPARTMENT_WORDS,
    ENTRANT_CLASSES,
    HONORIFICS,
    LEADING_DESCRIPTIONS,
    LEGAL_FORMS,
    MONTHS,
    NAME_PARTICLES,
    ORG_DESCRIPTIONS,
    ORG_DESIGNATORS,
    STOP_WORDS,
    TIME_ZONES,
    TITLE_WORDS,
    TRAILING_FILLER,
    US_STATE_ABBREVIATIONS,
    WEEKDAYS,
)

#: Bump when a rule changes what comes out, so stored fingerprints go stale and NER re-runs.
RULES_VERSION = "84"

_EDGE = "\"'“”‘’„«»‹›()[]{}<>,;:!?*•·|/\\_#@~`=+^-–—…. \t\n\r\u00a0"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
#: A possessive ending a name or word ("Delmar Marine's", "Harbourline Securities'").
POSSESSIVE = re.compile(r"(?:['’]s|(?<=[sS])['’])$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)$")
_NUMERIC = re.compile(r"^[\d\s.,:;/'’%$£€¥+\-–—()#]*$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|s|'s)?$", re.IGNORECASE)
_TZ_OFFSET = re.compile(r"^([A-Z]{1,5})\s*(?:[+\-]\s*\d{1,2}(?::?\d{2})?)?$")
#: Abbreviations whose final dot belongs to the name ("Delmar Marine Inc.").
KEEP_DOT = frozenset(
    ["inc", "co", "corp", "ltd", "jr", "sr", "bros", "st", "mt", "ft", "plc", "llc", "no"]
) | US_STATE_ABBREVIATIONS


def collapse(text: str) -> str:
    """Whitespace runs (including newlines and no-break spaces) become one space."""
    return " ".join(text.split())


@functools.lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """Comparison key: whitespace collapsed, apostrophes straightened, casefolded, and a final
    dot dropped ("Hank Marsh Jr." and "Hank Marsh Jr" are one name). Cached: the archive pass
    asks for the key of each listed name several times."""
    return collapse(name).translate(_APOSTROPHES).casefold().removesuffix(".")


def person_words(names: Iterable[str]) -> frozenset[str]:
    """The keys (:func:`name_key`) of the words of people named in two words or more ("Irvine
    Welsh", "Rita Lisbon"): a lone "Welsh" or "Lisbon" may be that person, so the rules that
    retype a lone name leave it alone."""
    return frozenset(
        word for name in names if len(name.split()) >= 2 for word in name_key(name).split()
    )


#: An acronym in capitals, "IMF", "M&S", or in capitals with lower-case joiners as British
#: departments write theirs: "DfES" (Department for Education and Skills), "MoD", "TfL".
ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}|[A-Z](?:[a-z]?[A-Z]){1,5}")
#: An acronym written as a word, as British house style has it: "Ukip", "Acas", "Ofcom".
HOUSE_ACRONYM = re.compile(r"[A-Z][a-z]{2,4}")
#: An ISO date at the end of a span: "Bosnia 1996-08-31" in a dateline.
TRAILING_DATE = re.compile(r"\s+\d{4}-\d{2}-\d{2}$")
#: The word before a mention on its line: a heading's last word is no description of the
#: dateline under it ("Harbour strike over-newspaper." over "LISBON 2026-03-02").
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^\w\n]{0,2}\Z")


def word_before(text: str, start: int) -> str:
    """The word right before ``start`` in ``text``, lower case ("in" for "... in Harwick")."""
    match = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return match.group(1).lower() if match else ""


_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")


def word_after(text: str, end: int) -> str:
    """The word right after ``end`` in ``text`` across spaces only, lower case ("mps" for
    "Labour MPs", nothing for "Labour, MPs")."""
    match = _WORD_AFTER.match(text, end)
    return match.group(1).lower() if match else ""


def words(name: str) -> list[str]:
    return name.split()


@dataclass(frozen=True)
class Cleaned:
    """A mention after clean-up: its name, entity type and an acronym it was written with."""

    name: str
    kind: str
    acronym: str | None = None


@functools.lru_cache(maxsize=1 << 16)
def clean(text: str, kind: str) -> Cleaned | None:
    """Clean one NER span of type ``kind``; None when what is left is not a name.

    Cached: an article asks about each of its names many times, and news repeats names.

    Order matters and is repeated until nothing changes: quotes and punctuation around the
    span, a trailing "(ACRONYM)", the possessive, a leading "the", leading titles.
    """
    name = collapse(text)
    acronym: str | None = None
    previous = None
    while name != previous:
        previous = name
        name = _strip_edges(name)
        match = _TRAILING_ACRONYM.search(name)
        if match and match.start() > 0:
            acronym = match.group(1).rstrip(".")
            name = name[: match.start()]
        name = _balance_brackets(name)
        name = POSSESSIVE.sub("", name)
        stripped = _THE.sub("", name)
        if stripped:
            name = stripped
        name, had_honorific = _strip_titles(name, strip_all=(kind == "people"))
        if had_honorific:
            kind = "people"
        name = _trim_words(name, kind)
    if not is_name(name) and not (kind == "organizations" and department(name)):
        return None
    return Cleaned(name, kind, acronym)


def _strip_edges(name: str) -> str:
    name = name.lstrip(_EDGE)
    while name:
        last = name[-1]
        if last == ".":
            tail = name.split()[-1].lower().rstrip(".")
            # "Inc." and initials such as "U.S." keep their dot.
            if tail in KEEP_DOT or "." in tail:
                break
        elif last not in _EDGE or (last == ")" and name.count("(") >= name.count(")")):
            break
        name = name[:-1]
    return name


def _balance_brackets(name: str) -> str:
    """Drop an unclosed "(" and what follows it, and stray ")"."""
    open_at = name.rfind("(")
    if open_at >= 0 and name.find(")", open_at) < 0:
        name = name[:open_at].rstrip()
    if name.count(")") > name.count("("):
        name = name.replace(")", "").strip()
    return name


#: Lower-case words allowed inside a person's name ("Prince Edvard of Kessel").
_INNER_WORDS = NAME_PARTICLES | {"of"}
_SCORE = re.compile(r"^\d{1,3}(?:[-–]\d{1,3})+$")  # not a date (1996-08-30)


#: A results report's period after a company's name in its headline ("Kessel Inc Q2 loss
#: widens", "Orrin Corp 1H net"): the quarter or half, no part of the name.
_PERIOD = re.compile(r"Q[1-4]|[1-4]Q|H[12]|[12]H|9M|FY")
#: What opens a wire's sign-off line, before the reporter or the office that filed the story
#: ("-- Anna Marsh, Kessel Newsroom +47 2293 6900"): a double or a long dash.
SIGN_OFF_OPENER = r"[ \t]*(?:--|–|—)[ \t]*"
#: A figure with a fraction or a time ("16.13", "57.2", "4:14.784"): a points total, an average,
#: a rate or a race time after a name in a table, never the end of the name itself.
_FIGURE = re.compile(r"\d+(?:[.:]\d+)+")
#: A telephone number after a newsroom's name in a wire's sign-off ("Kessel Newsroom +47 22 93",
#: "Orla Brandt 212-555-0134"): it and all after it go.
_PHONE = re.compile(r"\+\d[\d\s()-]*$|\s\d{3}-\d{3}-\d{4}\b.*$")


def _trim_words(name: str, kind: str) -> str:
    """Drop words NER swept in around a name.

    - leading lower-case words ("this Six Nations"), and a capitalised noun that describes the
      company after it ("Chipmaker Zentrax", "Rivals Quorvel": a sentence's first word);
    - trailing lower-case words of people, organisations and places ("Brett Rund fourth",
      "Kessel last week"), and a weekday or month after "on", "in" and the like ("Kessel on
      Monday"); trailing time words of other names ("Orrin Cup next month", but
      "Kessel war" stays), and a possessive that this leaves at the end;
    - a trailing score ("Kessel 13-12", a bowler's "Marsh 10-1-40-2"), a figure with a
      fraction ("Harwick 16.13"), a telephone number ("Kessel Newsroom +47 22"), a results report's
      period ("Kessel Inc Q2") and, after a person or place, a number ("Marsh 58");
    - for people, everything up to a lower-case word inside the span ("Wales physio Mark
      Davies"); particles ("van", "de", "bin") and "of" stay.
    """
    parts = words(_PHONE.sub("", name).rstrip() or name)
    while len(parts) > 1 and (
        _SCORE.match(parts[-1]) or (kind in ("people", "places") and parts[-1].isdigit())
        or _PERIOD.fullmatch(parts[-1]) or kind != "other" and _FIGURE.fullmatch(parts[-1])
    ):
        # "Kessel 13-12", "Marsh 58" (a match minute), "Kessel Inc Q2" (a quarter), "Harwick
        # 16.13" (a points total)
        parts.pop()
    while len(parts) > 1 and parts[0].islower() and parts[0] not in NAME_PARTICLES:
        parts.pop(0)
    if kind in ("people", "organizations", "places"):
        if (len(parts) > 1 and _describes(parts[0]) and parts[1][:1].isupper()
                and not all(w.lower() in _BODY_WORDS for w in parts[1:])):
            # "Chipmaker Zentrax", "Rivals Quorvel": the sentence's first word; not the
            # "Brewers Association", whose name it is
            parts.pop(0)
        while (len(parts) > 2 and parts[-1].lower() in _DAYS_AND_MONTHS
               and parts[-2] in _WHEN_WORDS):
            del parts[-2:]  # "Commons on Monday", "Kessel Freight in May"
        while len(parts) > 1 and parts[-1].islower():
            parts.pop()
    else:
        while len(parts) > 1 and parts[-1].lower() in TRAILING_FILLER:
            parts.pop()
    if len(parts) > 1 and parts[-1] != (bare := POSSESSIVE.sub("", parts[-1])):
        parts[-1] = bare  # "South Korea's seventh" -> "South Korea"
    if kind == "people":
        inner = [i for i, w in enumerate(parts[:-1]) if w.islower() and w not in _INNER_WORDS]
        if inner:
            parts = parts[inner[-1] + 1 :]
    return " ".join(parts)


#: Words that name what kind of body a name is: left alone after a describing noun, they
#: would be a name of no one ("Brewers Association", "Miners Union").
_BODY_WORDS = ORG_DESIGNATORS | ORG_DESCRIPTIONS | frozenset(
    {"guild", "society", "forum", "alliance", "league", "consortium"}
)


def _describes(word: str) -> bool:
    """A capitalised noun that describes the company after it (:data:`LEADING_DESCRIPTIONS`,
    or a compound of "maker": "Chipmaker", "Drugmakers")."""
    lower = word.lower()
    return lower in LEADING_DESCRIPTIONS or (
        lower.endswith(("maker", "makers")) and len(lower) > 7 and lower.isalpha()
    )


#: A weekday or month (written in full) after one of these ends a span the model read past
#: the name's end.
_DAYS_AND_MONTHS = frozenset(
    {w for w in WEEKDAYS if w.endswith("day")}
    | {w for w in MONTHS if len(w) > 4 or w in ("may", "june", "july")}
)
_WHEN_WORDS = frozenset({"on", "in", "by", "until", "since", "from", "last", "next", "this"})


def _title_word(word: str) -> str:
    return word.lower().rstrip(".")


def _strip_titles(name: str, *, strip_all: bool) -> tuple[str, bool]:
    """Remove leading titles; honorifics always, job titles only from people's names.

    At least one word always remains, so a name that is *only* a title is left for
    :func:`is_name` to reject.
    """
    parts = words(name)
    had_honorific = False
    i = 0
    while i < len(parts) - 1:
        word = _title_word(parts[i])
        if word in HONORIFICS:
            had_honorific = True
        elif not (strip_all and word in TITLE_WORDS):
            break
        i += 1
    if i == 0:
        return name, False
    return " ".join(parts[i:]), had_honorific


_CALENDAR = MONTHS | WEEKDAYS | CALENDAR_FILLER


def is_name(name: str) -> bool:
    """Whether a cleaned span can be a named entity at all.

    Rejects: single characters, text without a capital letter (editor initials such as "gta",
    stray lowercase words), numbers and dates, weekday and month names, time zones, spans
    made only of function words or titles, and a class of entrants alone ("Women").
    """
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return False
    if not any(c.isupper() for c in name):
        return False
    if _NUMERIC.match(name):
        return False
    if name.isupper() and _is_time_zone(name):
        return False
    lowered = [w.lower().strip(".,") for w in words(name)]
    if all(w in _CALENDAR or _ORDINAL.match(w) or _NUMERIC.match(w) for w in lowered):
        return False
    if all(w in STOP_WORDS for w in lowered) or all(w in LEGAL_FORMS for w in lowered):
        return False
    if len(lowered) == 1 and lowered[0] in ENTRANT_CLASSES:
        return False  # "Women's 100 metres": a class of entrants
    return not all(_title_word(w) in TITLE_WORDS for w in words(name))


def department(name: str) -> bool:
    """A capitalised department word alone ("Labour", "Health"): a title before a person's name,
    an organisation's name when the model reads it as one."""
    return name[:1].isupper() and name.lower() in DEPARTMENT_WORDS


def _is_time_zone(name: str) -> bool:
    match = _TZ_OFFSET.match(name)
    return bool(match) and match.group(1).lower() in TIME_ZONES


def acronym_letters(acronym: str) -> str:
    """The letters of an acronym as :func:`initials` gives them: "AT&T" -> "ATT", "Ukip" ->
    "UKIP", and "DfES" -> "DES", since the lower-case letters stand for the joiners ("for",
    "of") that :func:`initials` leaves out."""
    if any(c.islower() for c in acronym) and ACRONYM.fullmatch(acronym):
        return "".join(c for c in acronym if c.isupper())
    return acronym.replace("&", "").upper()


def initials(name: str) -> str:
    """The acronym a name would be written as: "Port Alden Harbour Authority" -> "PAHA"
    (joiners such as "of" and "the" left out)."""
    return "".join(
        w[0].upper() for w in words(name) if w.casefold() not in ACRONYM_JOINERS and w[0].isalpha()
    )
