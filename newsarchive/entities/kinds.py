"""Organisations named right after what they are: "the oil firm Kessmark said", "the Kessel
daily Koru Vjesnik reported", "the news agency Kovra Tisk quoted".

A noun that says what an organisation is (:data:`~newsarchive.entities.vocab.ORG_APPOSITIVES`:
"firm", "carrier", "bank", "daily", "band", and "news agency"), in lower case, then one to five
capitalised words, then a report's verb or a clause's end: the words are the organisation's
name. The small model misses such names, foreign ones most, or reads them as a person, a
building or a work. Where it read the name at all, :mod:`~newsarchive.entities.resolve` weighs
the noun too; this finds the names it passed over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.given_names import looks_like_a_person
from newsarchive.entities.ner import Mention
from newsarchive.entities.press import inside_a_longer_name
from newsarchive.entities.vocab import MONTHS, ORG_APPOSITIVES, TITLE_WORDS, WEEKDAYS

#: The noun, then the name (capitalised words, other languages' joiners between them), then
#: what an organisation does or a clause's end: "the weekly Le Varnholm Enchaine said", "the
#: tabloid Orrin, which". Not "the weekly Cabinet meeting": a noun after the name; nor "the
#: group Harbour Rights in Kessel said", whose name goes on after "in".
_NAME_AFTER_KIND = re.compile(
    r"\b(?:" + "|".join(sorted(ORG_APPOSITIVES | {"news agency"})) + r")[ \t]+"
    r"(?P<name>[A-Z][\w&-]*(?:[ \t](?:(?:dello|della|del|de|di|du|la|le|el|al)[ \t])?"
    r"[A-Z][\w&-]*){0,4})"
    r"(?=[,;:)]|\.(?:\s|$)|[ \t]+(?:said|says|reported|reports|wrote|writes|quoted|quotes"
    r"|published|publishes|carried|carries|cited|cites|claimed|claims|added|quoting|that"
    r"|which)\b)"
)


def kind_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The names that a noun saying what they are introduces (see the module), each as an
    organisation in place of what the model read there. Not a weekday or a month ("published
    weekly Monday to Friday"), a title ("said company President Anna Marsh,": the person), a
    place a lookup knows, a people's name or a given name and surname, nor inside a longer
    name the model read."""
    places = gazetteer()
    found: list[Mention] = []
    for match in _NAME_AFTER_KIND.finditer(text):
        start, end = match.span("name")
        name = match.group("name")
        first = name.split()[0].lower()
        if (
            first in WEEKDAYS or first in MONTHS or first in TITLE_WORDS
            or places.place(name) is not None
            or places.is_demonym(name)
            or looks_like_a_person(name)
        ):
            continue
        if inside_a_longer_name(mentions, start, end):
            continue
        found.append(Mention(name, "ORG", start, end))
    return found
