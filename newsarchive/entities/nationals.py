"""People a report introduces by their country: "Moroccan Oskar Vellgren", "Ida Brandtholm
of Portugal", "Tove Marsk (Chile)".

Sport and foreign news name many people the small model has never seen, and it reads them as
nothing, or the given name alone as a town ("Oskar"). The words around such a name say what it
is: a people's name right before it, or a country right after it, after "of" or in brackets.
With a given name first (:func:`~newsarchive.entities.given_names.given_names`), that is a
person, in place of the model's readings inside it, and the article's words outweigh the
model's readings of the name elsewhere in it (a layout rule's votes).

Left alone: a name the model read around (a longer one), and one whose other words a place
lookup knows ("German Ida Lisbon" is no person here), are a people's name, or end an
organisation's name ("Anna Kessel Holdings (Spain)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.given_names import given_names
from newsarchive.entities.ner import LAYOUT_VOTES, Mention
from newsarchive.entities.normalize import name_key
from newsarchive.entities.vocab import LEGAL_FORMS, ORG_DESIGNATORS, TRADE_WORDS

#: Words that end organisations' names, not people's ("Kessel Holdings (Spain)").
_ORG_WORDS = ORG_DESIGNATORS | LEGAL_FORMS | TRADE_WORDS
#: A capitalised word of a name ("Vellgren", "Brandt-Holm", "O'Marsk").
_WORD = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?"
#: Particles inside a surname ("Ida van Marsk", "Oskar El Vellgren").
_PARTICLE = r"(?:van|von|de|da|del|dal|di|le|la|El|Al|De|Van|Le|La)"
#: A given name and one or two words more, perhaps with a particle before the last.
_NAME = rf"(?P<name>(?P<given>{_WORD})(?: {_WORD}){{0,1}}(?: {_PARTICLE})? {_WORD})"
#: A people's name right before the name ("Moroccan", "South African").
_BEFORE = re.compile(rf"(?<![\w-])(?P<people>{_WORD}(?: {_WORD})?) {_NAME}\b")
#: A country right after the name, after "of" or in brackets ("of Germany", "(Spain)").
_AFTER = re.compile(
    rf"(?<![\w-])(?={_NAME}(?: of (?:the )?|\s*\()(?P<country>{_WORD}(?: {_WORD}){{0,2}}))"
)


def with_introduced_people(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` with a PERSON mention for each name ``text`` introduces by its country (see
    the module), in place of the mentions inside it. Where the model read the name and its
    country as one organisation ("Ida Marsk of Portugal"), that is the person and the country."""
    places = gazetteer()
    found: list[Mention] = []
    for match in _BEFORE.finditer(text):
        if places.is_demonym(match.group("people"), strict=True):
            found.extend(_person(match, mentions))
    for match in _AFTER.finditer(text):
        country = _country(match)
        if country is not None:
            found.extend(_person(match, mentions, country))
    if not found:
        return list(mentions)
    found = _unique(found)
    taken = [(m.start, m.end) for m in found]
    people = {m.start for m in found if m.label == "PERSON"}
    kept = [m for m in mentions
            if not any(s <= m.start and m.end <= e for s, e in taken)
            and not (m.start in people and any(m.end == f.end for f in found))]
    return sorted(kept + found, key=lambda m: (m.start, m.end))


def _country(match: re.Match[str]) -> Mention | None:
    """The country the words after the name start with ("Portugal", "Czech Republic" of
    "Czech Republic Team"), as a place's mention, or None."""
    found = gazetteer().leading_place(match.group("country"))
    if found is None or found[1].kind != "country":
        return None
    start = match.start("country")
    return Mention(found[0], "GPE", start, start + len(found[0]), votes=LAYOUT_VOTES)


def _person(match: re.Match[str], mentions: Sequence[Mention],
            country: Mention | None = None) -> list[Mention]:
    """The person ``match`` names, or nothing: the given name must be one, no other word a
    place, a people's name or a word that ends an organisation's name, and no mention of the
    model may reach outside it or read it as a person already, but one that reads the name and
    its ``country`` as one organisation (then the country is a place's mention too)."""
    start, end = match.span("name")
    name = match.group("name")
    if name_key(match.group("given")) not in given_names():
        return []
    places = gazetteer()
    rest = name.split()[1:]
    if any(places.knows(word) or places.is_demonym(word) or name_key(word) in _ORG_WORDS
           for word in rest):
        return []
    found = [Mention(name, "PERSON", start, end, votes=LAYOUT_VOTES)]
    for m in mentions:
        if not (m.start < end and start < m.end):
            continue
        if country is not None and m.start == start and m.end == country.end \
                and m.label != "PERSON":
            found.append(country)
        elif m.start < start or m.end > end or m.label == "PERSON":
            return []
    return found


def _unique(found: list[Mention]) -> list[Mention]:
    """Each name once, the first and longest where names overlap (a name may be introduced
    both ways, "German Ida Marsk of Portugal", or found at two of its words)."""
    out: list[Mention] = []
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out
