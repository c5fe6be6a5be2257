"""Results and standings lines: the names that lead a row of numbers are teams.

Sports pages are full of lines such as "Kessel 2 Varnholm 1" or "Kessel 4 3 1 0 7 4 10". The
small model reads a one-word club there as a person or a town, because nothing in the line
says otherwise; the layout does. A name directly followed by a score, at the start of a line
or after a separator, in a line made mostly of numbers, is a team:

- an organisation (a club), even when it is named after its town ("Kessel" the club);
- a place when the name is a country: a national team is the country it plays for.

Tables of people (golf, athletics: "Anna Marsh (Kessel) 69 70") look the same, so the whole
article votes first: when most row names are people to the model, or carry a country in
brackets, the rows are people and nothing here changes them. A row of amounts ("Kessel 17,844
up 5.9 pct") is no team's either. In prose, a team is named by its town and its nickname ("the
Harwick Herons"), which the model often reads as the town alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsarchive.entities.gazetteer import Gazetteer, gazetteer
from newsarchive.entities.given_names import given_names, looks_like_a_person
from newsarchive.entities.ner import LAYOUT_VOTES, Mention, layout_mention
from newsarchive.entities.vocab import (
    EVENT_WORDS,
    MONTHS,
    NEWSPAPER_WORDS,
    PLACE_PLURALS,
    ROW_LABELS,
    STOP_WORDS,
    WEEKDAYS,
)

_WORD = r"[A-Z][\w'’.&\-]*"
_NAME = rf"{_WORD}(?: (?:{_WORD}|de|del|la|of|of the|and))*"
#: A club's founding year before its town ("1899 Kessel 2 Varnby 1") and a club's number
#: after its name, written with its zero ("Harwick 04 1 Dunmere 0"; a score has none): words of
#: the club's name, not scores or ranks.
_FOUNDED = r"(?:1[89]\d\d )?"
_NUMBERED = r"(?: 0\d(?= \d))?"
#: A row name: after the line start (and an optional rank), a number, or a separator.
_ROW = re.compile(
    rf"(?:^(?:\d{{1,3}}[.=]?\s+)?|(?<=\d )|(?<=\) )|(?<=[,;:] )|(?<= v ))"
    rf"(?P<name>{_FOUNDED}{_NAME}{_NUMBERED})"
    r"(?P<bracket>\s+\([^()\n]{1,24}\))?"
    r"\s+(?P<number>\d+(?:[-.:/]\d+)*)(?!\s*(?:%|percent|pct|per cent))(?=[\s,;.)]|$)",
    re.MULTILINE,
)
#: Numbers after a row name that are no score: a date ("TOKYO 1996-08-30", a dateline), an
#: amount ("Sales 9.06", "Net 415 million", "Marrow Revenue 2,383"), a bowler's figures
#: ("Anna Marsh 10-1-40-2").
_NOT_A_SCORE = re.compile(r"\d{4}-\d\d-\d\d|\d+\.\d+|\d+(?:-\d+){2,}")
_AMOUNT = re.compile(r"\s+(?:million|billion|mln|bln)\b")
#: What makes a row's figures amounts, not scores: thousands ("Kessel 17,844 up 5.9", "Varnby
#: 45 Yellow 12,700-12,950").
_THOUSANDS = re.compile(r",\d{3}\b")
_NUMBER = re.compile(r"^[(\[]?\d[\d.,:/\-]*[)\]]?[.,;]?$")
_NOT_NAMES = STOP_WORDS | MONTHS | WEEKDAYS | {"division", "group", "round", "game", "week"}
#: A line counts as a table row when at least this share of its words are numbers.
_NUMERIC_SHARE = 0.25


#: A line a wire wrapped in the middle of a results line: the second side's name ends it, and
#: the next line goes on with that side's country and goals ("... 0 Dunmere" / "(Sudland) 2",
#: "... 0 Dunmere (Sudland)" / "2 (1-0)").
_WRAPPED = re.compile(r"\n\s*(?=(?:\([^()\n]{1,24}\)\s+)?\d+\b)")
_ENDS_IN_A_NAME = re.compile(
    r"\d+ [A-Z][\w'’.&\-]*(?: [A-Z][\w'’.&\-]*)*(?: \([^()\n]{1,24}\))?$")


def _lines(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` as (start, end), a results line the wire wrapped counted as one
    (with the blank lines between its halves)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        last = spans[-1] if spans else None
        if last and _ENDS_IN_A_NAME.search(text, *last) and _WRAPPED.match(text, last[1]):
            spans[-1] = (last[0], pos + len(line))
        else:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


#: The scorers of the side before, in brackets ("Kessel 1 (Marsh 52nd) Dunmere 2"): the only
#: bracket a row name may follow.
_SCORERS_BEFORE = re.compile(r"\d+\s+\([^()]*\d[^()]*\)\s$")
#: What a line's share of numbers leaves out: brackets ("(Marsh 52nd, Holm 80th)"), which say
#: who scored or where a side is from, not whether the line is a row of numbers.
_BRACKETS = re.compile(r"\([^()]*\)")


def _numeric_lines(text: str) -> list[tuple[int, int]]:
    spans = []
    for start, end in _lines(text):
        tokens = _BRACKETS.sub("", _without_venue(text, start, end)).split()
        if tokens and sum(bool(_NUMBER.match(t)) for t in tokens) >= _NUMERIC_SHARE * len(tokens):
            spans.append((start, end))
    return spans


def team_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions for the teams leading result rows of ``text`` (empty for tables of people)."""
    lines = _numeric_lines(text)
    if not lines:
        return []
    # start, end, name, and whether a bracket follows the name on a line that has no other row
    # name ("Anna Marsh (Kessel) 69 70"; in "Kessel (Norland) 2 Dunmere (Sudland) 1" the
    # brackets are the clubs' countries)
    rows: list[tuple[int, int, str, bool]] = []
    # the sides of match lines that are no given name and more: teams in every row
    sides: set[str] = set()
    # the starts of rows whose figure is an amount: a player's winnings, an airport's cargo, a
    # country's purchases; rows of people or places perhaps, but no team's
    amounts: set[int] = set()
    for a, b in lines:
        line_rows = []
        scores = []
        for match in _ROW.finditer(text, a, b):
            name = match.group("name").rstrip(".")
            if name.split()[0].lower().strip(".") in _NOT_NAMES:
                continue  # "In 1996"
            if " " in name and name.split()[-1].lower() in ROW_LABELS:
                continue  # a figure of a company's results ("Software Revenue 906 962")
            if _NOT_A_SCORE.fullmatch(match.group("number")) or _AMOUNT.match(text, match.end()):
                continue
            start = match.start("name")
            if text[start - 2 : start] == ") " and not _SCORERS_BEFORE.search(text, a, start):
                continue  # after a rider's country ("(Norland) Kessel Cycling 4 hours")
            line_rows.append((start, start + len(name), name, bool(match.group("bracket"))))
            scores.append(match.group("number").isdigit())
        if _is_match_line(text, a, b, line_rows, scores):
            sides.update(name for _start, _end, name, _b in line_rows
                         if not looks_like_a_person(_without_initials(name)))
        elif _THOUSANDS.search(text, a, b):
            amounts.update(start for start, _end, _name, _b in line_rows)
        else:  # an initial ("P. Marsh 84" is a batsman)
            line_rows = [row for row in line_rows if not _INITIAL.match(row[2])]
        alone = len(line_rows) == 1
        rows += [(start, end, name, bracket and alone) for start, end, name, bracket in line_rows]
    if len(rows) < 2:
        return []
    places = gazetteer()
    people = [
        r
        for r in rows
        if r[2] not in sides
        and (
            (r[3] and not re.match(r"\s*\([A-Z]{1,3}\)", text[r[1] : r[1] + 6]))
            or _label_at(mentions, r[0], r[1]) == "PERSON" and len(r[2].split()) >= 2
        )
    ]
    if len(people) * 2 >= len(rows):
        return _people_rows(rows, places)
    found = []
    for start, _end, name, _bracket in rows:
        if start not in amounts or name.lower() in ROW_LABELS:
            # a figure's label ("Revs 476 2,253") too: the rule for labels drops it whole
            found.append(side_mention(name, start))
        elif places.place(name) is not None:
            found.append(layout_mention(name, "GPE", start))
    return found


def side_mention(name: str, start: int, votes: int = LAYOUT_VOTES) -> Mention:
    """A side in a results line or a fixture: a club, an organisation even when it is named
    after its town, or a country's national team, the country it plays for (a place)."""
    place = gazetteer().place(name)
    label = "GPE" if place is not None and place.kind == "country" else "ORG"
    return Mention(name, label, start, start + len(name), votes=votes)


_INITIAL = re.compile(r"[A-Z]\.")
#: A club's initials before its name ("F.C. Kessel", "A.S. Harwick").
_CLUB_INITIALS = re.compile(r"(?:[A-Z]\.){2,3} ")


#: What opens a results line's venue: "At Kesselby: ...", "In Kessel: ...".
VENUE_OPENER = r"(?:At|In) "
#: Where a match was played, before its line ("In Kessel: Harwick 2 Dunmere 1").
_VENUE_PREFIX = re.compile(rf"^{VENUE_OPENER}[^:\n]{{2,40}}: ")


def _without_venue(text: str, start: int, end: int) -> str:
    """The line of ``text`` from ``start`` to ``end`` without the venue that may open it."""
    return _VENUE_PREFIX.sub("", text[start:end].strip(), count=1)


def _without_initials(name: str) -> str:
    return _CLUB_INITIALS.sub("", name, count=1)


#: The half-time score after a match's result: "(1-0)", "(halftime 0-0)", "(ht 2-1)".
_HALF_TIME = r"(?:\s+\((?:half-?time |ht )?\d+-\d+\))?"


def _is_match_line(
    text: str, start: int, end: int, rows: list[tuple[int, int, str, bool]], scores: list[bool]
) -> bool:
    """Whether the line is one match's result: two sides, each followed by its goals and by
    nothing else ("Harwick Rovers 2 Dunmere 1", "F.C. Kessel 0 Marrowby 3"). No table of people
    is written so: players' lines carry one name ("Anna Marsh (Kessel) 69 70") or a score of
    sets ("6-3 6-4"). The venue may open the line ("In Kessel: ..."). The sides are teams
    whatever the model made of them, and the line's initials are a club's ("F.C."), not a
    batsman's."""
    if len(rows) != 2 or not all(scores):
        return False
    line = _without_venue(text, start, end)
    bracket = r"(?:\s+\([^()]*\))?"
    return re.fullmatch(
        rf"{re.escape(rows[0][2])}{bracket}\s+\d+{bracket}\s+"
        rf"{re.escape(rows[1][2])}{bracket}\s+\d+{bracket}{_HALF_TIME}\.?", line) is not None


#: Fixtures: "Birmingham v Barnsley", "Queens Park Rangers vs Bolton", and after a date or the
#: home side's score, one side alone ("May 31 v Kessel", the other side being the article's own
#: team; "Harwick 128-1 (Anna Marsh 59) v Dunmere", a line the wire may wrap after the "v").
_VERSUS = re.compile(
    rf"(?:(?P<home>{_NAME})|(?<=\d)|(?<=\)))"
    rf" vs?\.?(?: |\n\s*)(?P<away>{_NAME})(?=\s*(?:[,;.()]|$))",
    re.MULTILINE,
)
#: At least this many sides make a list of fixtures.
_MIN_SIDES = 4


def fixture_mentions(
    text: str, mentions: Sequence[Mention], results: bool = False
) -> list[Mention]:
    """Mentions for the sides of a list of fixtures, teams like the names leading result rows
    (none when most sides are people to the model: "Anna Marsh v Ida Holm" is a match of
    players). In a report of results (``results``: its rows lead with teams) one fixture is
    enough ("Playing Sunday: Kessel v Harwick")."""
    sides = []
    for match in _VERSUS.finditer(text):
        for group in ("home", "away"):
            name = match.group(group)
            if name is None or name.split()[0].lower().strip(".") in _NOT_NAMES:
                continue
            name = name.rstrip(".")  # "v Norway." ends a sentence
            start = match.start(group)
            sides.append((start, start + len(name), name))
    if len(sides) < (2 if results else _MIN_SIDES):
        return []
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    people = 0
    for start, end, name in sides:
        near = ordered[bisect.bisect_left(starts, start - 200) : bisect.bisect_left(starts, end)]
        if len(name.split()) >= 2 and _label_at(near, start, end) == "PERSON":
            people += 1
    if people * 2 >= len(sides):
        return []
    return [side_mention(name, start) for start, _end, name in sides]


#: "the Harwick Herons", "the Kessel City Rovers": a team by its town (a word or more) and its
#: nickname, a capitalised plural, before a word in lower case, a weekday or punctuation (not
#: "&": "the Kessel Securities & Futures Exchange").
_NICKNAMED = re.compile(
    r"(?<=\b[Tt]he )(?P<town>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) (?P<nickname>[A-Z][a-z]+s)\b"
    r"(?![\w'’-]| (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z&])"
)


def nickname_mentions(text: str) -> list[Mention]:
    """A team named by its town and its nickname where the model read the town alone or
    nothing ("the Harwick Herons beat the Kessel Rovers"): an organisation. The town is one the
    gazetteer knows, a city or a region, not a country ("the Norland Socialists" are a party's
    members); the nickname no plural of a place's, an event's, a paper's or a time's word ("the
    Kessel Islands", "the Harwick Games", "the Dunmere Times", "the Orrin Years"), nor a
    surname made of a given name ("the Tennessee Williams play")."""
    places = gazetteer()
    found = []
    for match in _NICKNAMED.finditer(text):
        place = places.place(match.group("town"))
        nickname = match.group("nickname").lower()
        if place is None or place.kind == "country" or nickname in _NO_NICKNAMES:
            continue
        if nickname[:-1] in given_names():
            continue  # "the Tennessee Williams play": a surname made of a given name
        start, end = match.start("town"), match.end("nickname")
        found.append(layout_mention(text[start:end], "ORG", start))
    return found


#: Plurals that are no team's nickname after a town's name.
_NO_NICKNAMES = PLACE_PLURALS | NEWSPAPER_WORDS | frozenset(
    f"{word}s" for word in EVENT_WORDS) | EVENT_WORDS | frozenset(
    ["games", "times", "news", "years", "decades", "months", "weeks", "days", "nights", "hours"])


def _people_rows(rows: list[tuple[int, int, str, bool]], places: Gazetteer) -> list[Mention]:
    """The rows of a table of people are people, whatever the model made of each one ("Anna
    Marsh (Kessel) 4:08.22" an organisation, say): every row name of two or more words that is
    not a place. A one-word row name ("Totals", "Marsh") keeps the model's label."""
    found = []
    for start, _end, name, _bracket in rows:
        parts = name.split()
        if len(parts) < 2 or name.isupper() or "'" in name or "’" in name:
            continue  # "BERLIN", "Women's" (a heading above the rows)
        if places.place(name) is not None or places.is_demonym(name):
            continue
        found.append(layout_mention(name, "PERSON", start))
    return found


def _label_at(mentions: Sequence[Mention], start: int, end: int) -> str | None:
    return next((m.label for m in mentions if m.start < end and start < m.end), None)
