"""Lists of names: the items of one list are one kind of thing.

Team sheets, leaderboards and results print names as lists: "France - 1 - Anna Marsh; 2 - Ida
Holm (14 - Per Lund 87th), 5 - Tove Berg" or "66 Anna Marsh, Ida Holm (Norway), Per Lund". The
small model reads each item on its own and misses or mislabels many of them, because nothing in
an item says what it is; the list does. A line is a list when its capitalised names are most of
its words and at least three of them stand between separators (commas, semicolons, brackets,
numbers, dashes, or a bracket after the name). When most of the items the model labelled are
people to it, every item is a person: places from the gazetteer and demonyms excepted
("(Norway)" after a player is a place), and so are a name alone in brackets (the player's club),
words in capitals and a label before a colon ("Scorers:", "Bowling (to date):"). Across the
whole article, names written with a country in brackets ("Anna Marsh (Norway) beat Ida Holm
(Sweden)") are people when the model reads most of them so. In both votes, an item that starts
with a given name and has no word of another kind of name ("Hakan Ulvar";
:func:`~newsarchive.entities.given_names.looks_like_a_person`) counts as a person whatever the
model made of it: on a line of bare names the model often reads half of them as clubs. So does,
in a list, the surname of a person the article names in full (a squad of surnames under a
report that names its players).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.given_names import looks_like_a_person
from newsarchive.entities.ner import Mention
from newsarchive.entities.tables import side_mention
from newsarchive.entities.vocab import MONTHS, NAME_PARTICLES, STOP_WORDS, WEEKDAYS

_WORD = r"(?:[A-Z]\.(?:[A-Z]\.)*(?:[A-Z][\w'’\-]*)?|[A-Z][\w'’\-]*)"
_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
#: A name: capitalised words (or initials), with particles ("van", "del") between them.
_RUN = re.compile(rf"{_WORD}(?: (?:(?:{_PARTICLE}) )*{_WORD})*")
#: What may stand before an item: the line start, a separator, a number ("3 - Anna Marsh").
_BEFORE = re.compile(r"(?:^|[,;:(]|\s[-–]|^\s*[-–]|\d[.=]?)\s*$")
#: What may follow an item: a minute or rank ("87th"), then a separator or the line end (a
#: full stop may close the list).
_AFTER = re.compile(r"\s*(?:\d+(?:st|nd|rd|th|')?\s*)?(?:[,;:()]|\s[-–]\s|\s\d|\.?\s*$)")
_ALPHA_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-.]*")
_NOT_NAMES = STOP_WORDS | MONTHS | WEEKDAYS
#: Shares that make a line a list of people.
_MIN_ITEMS = 3
_NAME_SHARE = 0.6
_PERSON_VOTES = 2
#: What the model reads in an item that a list of people does not overrule: titles of works,
#: events, products, laws, peoples and languages ("Film - Sideways; director - Anna Marsh").
_KEPT_LABELS = frozenset(["WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP", "LANGUAGE"])
_BRACKET_VOTES = 3
#: What ends a line's label: a colon, perhaps after a word or two in brackets ("Bowling (to
#: date): ...").
_LABEL_END = re.compile(r"(?:\s*\([^()\n]{1,20}\))?:")


def _items(line: str) -> list[tuple[int, int]]:
    """(start, end) in ``line`` of the names that stand between separators."""
    found = []
    for match in _RUN.finditer(line):
        start, end = match.span()
        if not _AFTER.match(line, end):
            continue
        if not _BEFORE.search(line[:start]) and line[end : end + 2] != " (":
            continue  # "beat Ida Holm (Norway)": a name with its country or club is an item
        first = match.group().split()[0]
        if not first.endswith(".") and first.lower() in _NOT_NAMES:
            continue  # "The", "In"; but "A. Marsh" is an initial
        found.append((start, end))
    return found


def list_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """PERSON mentions for the items of the lists of people in ``text``, for names with a
    country in brackets (:func:`_with_countries`) and for goals' scorers (:func:`_scorers`)."""
    places = gazetteer()
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    surnames = _surnames(ordered)
    scorers = _scorers(text)
    sides = {m.start for m in scorers if m.label != "PERSON"}  # "Harwick - Anna Marsh (61st)"
    found: list[Mention] = []
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if line.count(",") + line.count(";") + line.count("(") < 2:
            continue
        items = _items(line)
        if len(items) < _MIN_ITEMS:
            continue
        in_items = sum(len(_ALPHA_WORD.findall(line[a:b])) for a, b in items)
        if in_items < _NAME_SHARE * len(_ALPHA_WORD.findall(line)):
            continue
        # the mentions that start on this line (a mention never spans lines that matter here)
        near = ordered[bisect.bisect_left(starts, base) : bisect.bisect_left(starts, pos)]
        candidates = []
        people = others = 0
        for a, b in items:
            name = line[a:b]
            if places.place(name) is not None or places.is_demonym(name):
                continue
            if _LABEL_END.match(line, b):
                continue  # a label ("Scorers: Anna Marsh", "Bowling (to date): ...") or a venue
            if line[a - 1 : a] == "(" and line[b : b + 1] == ")":
                continue  # "Anna Marsh (Kessel)": the player's club, not a player
            label = _label_in(near, base + a, base + b)
            if label == "PERSON" or (label not in _KEPT_LABELS and (
                    looks_like_a_person(name) or name in surnames)):
                people += 1
            elif label is not None:
                others += 1
            if label in _KEPT_LABELS:
                continue
            candidates.append((base + a, base + b, name))
        if people < _PERSON_VOTES or people <= others:
            continue
        for start, end, name in candidates:
            if not name.isupper() and start not in sides:
                found.append(Mention(name, "PERSON", start, end))
    found += _with_countries(text, ordered, starts, found)
    return found + [m for m in scorers if not any(
        f.start < m.end and m.start < f.end for f in found)]


#: A goal's scorer: a name after a separator, then the minute in brackets ("Kessel - Anna
#: Marsh (13th)", "(14 - Ida Holm (57th minute))", "Per Lund (88th pen)").
_MINUTE = r"\d{1,3}(?:st|nd|rd|th)(?: min(?:ute)?)?(?:,? (?:pen(?:alty)?|og))?"
_SCORER = re.compile(
    rf"(?:^|(?<=[-–,;:(] )|(?<=\())(?P<name>{_RUN.pattern}) \({_MINUTE}\)"
    # inside the side's own bracket, the minutes unbracketed: "Harwick 2 (Anna Marsh 29th,
    # Holm 47th and 60th)"
    rf"|(?:(?<=\d \()|(?<=th, )|(?<=st, )|(?<=nd, )|(?<=rd, ))(?P<listed>{_RUN.pattern})"
    rf"(?= {_MINUTE}(?:[,)]| and\b))",
    re.MULTILINE,
)


#: The side whose scorers a line lists, before them: "Harwick Rovers - Anna Marsh (61st)".
_SCORERS_SIDE = re.compile(rf"[ \t]*(?P<side>{_RUN.pattern}) [-–] ")


def _scorers(text: str) -> list[Mention]:
    """PERSON mentions for the names a minute in brackets follows: scorers, whom the model
    often misses on a line of their own ("Varnholm - Anna Marsh (61st)"). Not a place's or a
    people's name ("Kessel (12th)"). The name opening such a line, before the dash, is the
    side they scored for: a club, or a country's national team (a place)."""
    places = gazetteer()
    found = []
    sides: set[int] = set()
    for match in _SCORER.finditer(text):
        group = "name" if match.group("name") else "listed"
        name = match.group(group)
        line_start = text.rfind("\n", 0, match.start()) + 1
        side = _SCORERS_SIDE.fullmatch(text, line_start, match.start(group))
        if side is not None and side.start("side") not in sides:
            sides.add(side.start("side"))
            found.append(side_mention(side.group("side"), side.start("side"), votes=2))
        if (
            name.split()[0].lower() in _NOT_NAMES
            or places.place(name) is not None
            or places.is_demonym(name)
        ):
            continue
        found.append(Mention(name, "PERSON", *match.span(group)))
    return found


def _surnames(mentions: Sequence[Mention]) -> frozenset[str]:
    """The last words of the names of two words or more the model reads as people: a squad
    list's "Holm, Marsh, Lund" are the "Ida Holm" and "Anna Marsh" its report names."""
    return frozenset(
        m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2
    )


#: "Anna Marsh (Norway)": a name, then a bracket holding a country.
_WITH_BRACKET = re.compile(rf"(?P<name>{_RUN.pattern}) \((?P<bracket>[^()\n]{{2,40}})\)")
#: How far before an item a mention overlapping it may start (bounds the lookup).
_REACH = 200


def _with_countries(
    text: str, ordered: Sequence[Mention], starts: Sequence[int], found: Sequence[Mention]
) -> list[Mention]:
    """Names followed by a country in brackets, when the article writes people so.

    Results print players with their country ("Anna Marsh (Norway) beat Ida Holm (Sweden) 6-3
    6-4") on lines the model reads one by one. When most such names the model labelled are
    people (at least three, and twice as many as any other reading), every one of two or more
    words is a person, and a name right after the bracket, before the result's figures or the
    line's end, is the person's team ("1. Anna Marsh (Norway) Kessel Cycling 4:48:02", "2. Ida
    Holm (Sweden), Orrin Ford, 54.48").
    """
    places = gazetteer()
    taken = [(m.start, m.end) for m in found]
    candidates = []
    people = others = 0
    for match in _WITH_BRACKET.finditer(text):
        country = places.place(match.group("bracket"))
        if country is None or country.kind != "country":
            continue
        team = _TEAM_AFTER.match(text, match.end())
        group = "team" if team and team.group("team") else "listed"
        if team and _a_team(team.group(group)):
            candidates.append(Mention(team.group(group), "ORG", *team.span(group)))
        start, end = match.span("name")
        name = match.group("name")
        if places.place(name) is not None or places.is_demonym(name):
            continue
        label = _label_near(ordered, starts, start, end)
        if label == "PERSON" or (label not in _KEPT_LABELS and looks_like_a_person(name)):
            people += 1
        elif label is not None:
            others += 1
        if (
            len(name.split()) >= 2
            and not name.isupper()
            and not any(a < end and start < b for a, b in taken)
        ):
            candidates.append(Mention(name, "PERSON", start, end))
    if people < _BRACKET_VOTES or people <= 2 * others:
        return []
    return candidates


#: A name after a player's bracketed country, then the result's figures or the line's end:
#: "(Norway) Kessel Cycling 4:48:02", "(Norway) Varn-Orrin all same time", "(Norway) KTM";
#: between commas, before the figures only: "(Norway), Orrin Ford, 54.48" (a list of people
#: may go on with a name after a comma).
_TEAM_AFTER = re.compile(
    rf"[ \t]+(?P<team>{_RUN.pattern})(?=[ \t]+(?:\d|[a-z])|[ \t]*(?:\n|$))"
    rf"|,[ \t]+(?P<listed>{_RUN.pattern})(?=,[ \t]+\d)"
)


#: A bracket holding a name alone: "(Kessel)", "(Harwick Rovers)".
_BRACKETED_NAME = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]*){0,2}")
#: At least this many people with a bracketed club make an article that writes players so.
_CLUB_BRACKETS = 2


def club_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """ORG mentions for the clubs in brackets after people: "Anna Marsh (Kessel), Ida Holm
    (Harwick Rovers)", the way scorers, squads and transfers name a player's club, in an
    article that names at least :data:`_CLUB_BRACKETS` people so.

    A bracket that holds a country, a people or the start of a country's name ("(Norway)",
    "(Swe)") is the player's country, and is left to the country rules; one in capitals
    ("(KSF)") is an acronym the name introduces.
    """
    places = gazetteer()
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    countries = places.country_keys()
    found = []
    clubs = 0
    for match in _WITH_BRACKET.finditer(text):
        club = match.group("bracket")
        if not _BRACKETED_NAME.fullmatch(club) or club.lower() in _NOT_NAMES or club.isupper():
            continue  # "(IMF)": an acronym introduced
        place = places.place(club)
        folded = club.casefold().rstrip(".")
        if (place is not None and place.kind == "country" or places.is_demonym(club)
                or any(k.startswith(folded) for k in countries)):
            continue
        start, end = match.span("name")
        name = match.group("name")
        label = _label_near(ordered, starts, start, end)
        if len(name.split()) < 2 or not (
            label == "PERSON" or label is None and places.place(name) is None
        ):
            continue  # a person the model read, or missed: not a company's or a place's name
        found.append(Mention(club, "ORG", *match.span("bracket"), votes=2))
        clubs += (_label_near(ordered, starts, *match.span("bracket")) == "ORG"
                  or place is not None or places.is_club(club))
    # Most brackets must read as clubs: the model's organisations, towns, clubs' names. A
    # review's actors with their films or parts ("Anna Marsh (Kessel Nights)") are not players.
    if len(found) < _CLUB_BRACKETS or 2 * clubs < len(found):
        return []
    return found


def _a_team(name: str) -> bool:
    """Whether the name after a player's country may be the player's team: not a word that
    opens prose ("The") nor a people ("Norwegian"). A given name and more may be one there
    ("Lola Kessel Racing"): a player has a country of their own in brackets."""
    places = gazetteer()
    return name.split()[0].lower() not in _NOT_NAMES and not places.is_demonym(name)


def _label_near(
    ordered: Sequence[Mention], starts: Sequence[int], start: int, end: int
) -> str | None:
    """:func:`_label_in` over the mentions (``ordered`` by start, ``starts`` theirs) that may
    overlap [start, end): those starting at most :data:`_REACH` before it."""
    near = ordered[bisect.bisect_left(starts, start - _REACH) : bisect.bisect_left(starts, end)]
    return _label_in(near, start, end)


def _label_in(mentions: Sequence[Mention], start: int, end: int) -> str | None:
    """The label of the model's mention that overlaps [start, end) most, if any."""
    best, overlap = None, 0
    for m in mentions:
        shared = min(end, m.end) - max(start, m.start)
        if shared > overlap:
            best, overlap = m.label, shared
    return best
