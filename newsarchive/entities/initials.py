"""Names written with an initial: "T. Brannigan" is a person.

Scorecards, team sheets and results write players as an initial and a surname ("T. Brannigan c
Olafsen b Rudd 45"). Nothing else on such a line tells the small model what the name is, so it
reads it as a club, a town or nothing. The form says it: one capital letter with its full stop,
then a capitalised word, is how a person is named, unless the word is a place, a people's name,
or a common word starting a sentence ("Plan B. Then ..."), and unless a compass point shortened
makes it a place ("S. Africa", "N. Korea"; or the model reads a place there). Such a name
replaces the model's mentions inside it (a surname it labelled on its own, or the whole labelled
a club); a longer mention around it ("Mary J. Holloway", "Halden D. Orme & Co.") is the model's
name and stays.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.ner import Mention
from newsarchive.entities.vocab import MONTHS, ORG_DESIGNATORS, STOP_WORDS, WEEKDAYS

#: One initial (not part of "U.S." or "J.P."), then a surname of three letters or more, maybe
#: double-barrelled; no capitalised word or "&" after it ("D. Halden Orme", "D. Orme & Co").
_INITIALLED = re.compile(
    r"(?<![\w.&'’])(?P<name>[A-Z]\. ?(?P<surname>[A-Z][a-z][\w'’]+(?:-[A-Z]?[a-z][\w'’]*)*))"
    r"(?![\w'’-])(?! (?:&|[A-Z]))"
)
#: Before a middle initial: a capitalised word or another initial ("Mary J. Holloway").
_FIRST_NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*|[A-Z]\.) ?$")
_NOT_SURNAMES = STOP_WORDS | MONTHS | WEEKDAYS | ORG_DESIGNATORS
#: Headlines shorten the compass word of a place: "N. Korea", "S. Africa", "W. Europe".
_COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West"}
_PLACE_LABELS = frozenset(["GPE", "LOC"])


def with_initialled_people(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` with a PERSON mention for each initial-and-surname name in ``text``, in
    place of the mentions it covers."""
    places = gazetteer()
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    # no mention reaches further back than the longest: the ones that can overlap a span are
    # found by bisection, not by comparing every match with every mention of a long article
    reach = max((m.end - m.start for m in ordered), default=0)
    found: list[Mention] = []
    for match in _INITIALLED.finditer(text):
        surname = match.group("surname")
        if (
            surname.lower() in _NOT_SURNAMES
            or places.place(surname) is not None
            or places.organization(surname) is not None
            or places.is_demonym(surname)
        ):
            continue
        start, end = match.span("name")
        near = ordered[bisect.bisect_left(starts, start - reach) : bisect.bisect_left(starts, end)]
        overlapping = [m for m in near if m.end > start]
        compass = _COMPASS.get(text[start])
        if compass and (
            places.place(f"{compass} {surname}") is not None
            or any(m.label in _PLACE_LABELS for m in overlapping)
        ):
            continue
        if _FIRST_NAME_BEFORE.search(text, max(0, start - 40), start):
            continue
        if any(m.start < start or m.end > end for m in overlapping):
            continue  # a longer name the model read around it
        found.append(Mention(match.group("name"), "PERSON", start, end))
    if not found:
        return list(mentions)
    # the names found never overlap (one regex pass): a mention is inside the last one that
    # starts at or before it, or inside none
    found_starts = [f.start for f in found]

    def inside_a_name(m: Mention) -> bool:
        i = bisect.bisect_right(found_starts, m.start) - 1
        return i >= 0 and m.end <= found[i].end

    kept = [m for m in mentions if not inside_a_name(m)]
    return sorted(kept + found, key=lambda m: (m.start, m.end))
