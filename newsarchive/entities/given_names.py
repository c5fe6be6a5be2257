"""Given names from a data package: "Layla Feldby" is most likely a person.

The small model reads a person's name in some sentences as an organisation or a place ("where
Layla Feldby is governor" after a company's name). Across the archive those readings can come
close to the right ones, and then a few new articles tip a name from one type to the other and
every article naming it is rewritten. A name that starts with a given name is evidence the
model's labels are not: in the archive vote (:mod:`newsarchive.entities.archive`) another type
needs more than twice the evidence of such a name's people readings (:func:`looks_like_a_person`).

The given names come from ``gender-guesser``, which ships Jörg Michael's table of about 48,000
first names from many countries, each with how common it is in each (1, rare, to 13, very
common): versioned data, so an upgrade is a reviewed diff in pyproject.toml. The gender the
table gives is not used. Words that are also the words of names of other kinds are left out:
function words and name particles ("The", "De", "Bin" are given names somewhere), titles
("General", "King"), months and weekdays ("May"), and the words that make a name an
organisation ("Union", "Group").
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.normalize import name_key
from newsarchive.entities.vocab import (
    LEGAL_FORMS,
    MONTHS,
    NAME_PARTICLES,
    ORG_DESIGNATORS,
    STOP_WORDS,
    TITLE_WORDS,
    TRADE_WORDS,
    WEEKDAYS,
    _set,
)

#: The package whose table is read, and its distribution name. It is GPL-3.0 and newsarchive is
#: MIT: it is a dependency installed beside newsarchive, not part of it, and nothing of it goes
#: into a site. An installation without it works; the rule then has no names to go by.
TABLE_PACKAGE = "gender_guesser"
TABLE_DISTRIBUTION = "gender-guesser"


def table_version() -> str:
    """Which table the rule reads ("none" without one), without reading it: part of what the
    archive vote's skip test compares, so installing or removing the table votes again."""
    try:
        return f"{TABLE_DISTRIBUTION} {version(TABLE_DISTRIBUTION)}"
    except PackageNotFoundError:
        return "none"


#: How common a given name must be, in at least one country of the table (1 to 13).
MIN_FREQUENCY = 2
#: Words never taken for a given name, whatever the table says.
NOT_GIVEN = (
    STOP_WORDS | NAME_PARTICLES | TITLE_WORDS | MONTHS | WEEKDAYS | ORG_DESIGNATORS | LEGAL_FORMS
    | frozenset(["king", "queen", "prince", "princess", "saint", "san", "santa", "st"])
)
#: Words that make a name of several words something other than a person, wherever they stand:
#: an organisation's ("Holdings", "Marine") or an event's ("Award", "Cup").
NOT_A_PERSON = ORG_DESIGNATORS | LEGAL_FORMS | TRADE_WORDS | _set(
    """of and & for the award awards prize cup trophy festival games championship championships
    tournament league""")
#: Columns of the table: the name's gender code and name, then one column per country.
_FIRST_COUNTRY = 30


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The case-folded given names of the table at least :data:`MIN_FREQUENCY` common somewhere
    (about 29,000), less :data:`NOT_GIVEN` (built on first use, about a quarter of a second)."""
    try:
        text = files(TABLE_PACKAGE).joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    except (ImportError, OSError) as exc:
        print(f"newsarchive: no table of given names ({TABLE_DISTRIBUTION}: "
              f"{type(exc).__name__}); names are typed without it", file=sys.stderr)
        return frozenset()
    found = set()
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        counts = line[_FIRST_COUNTRY:-1]
        if max((int(c, 16) for c in counts if c.strip()), default=0) < MIN_FREQUENCY:
            continue
        name = line.split()[1]
        # "Jean+Pierre": written "Jean Pierre", "Jean-Pierre" or "JeanPierre"
        for form in (name.replace("+", " "), name.replace("+", "-"), name.replace("+", "")):
            found.add(form.casefold())
    return frozenset(found - NOT_GIVEN)


def looks_like_a_person(name: str) -> bool:
    """Whether ``name`` is a given name and more ("Layla Feldby", "Hugo van Ostley"): two to
    four words, the first a given name, none that makes it an organisation ("Morgan Holdings",
    "Bank of Layla"), no digits; not a place the gazetteer knows, nor one after its first word
    ("Hertha Berlin" is a club)."""
    parts = name_key(name).split()
    if not 2 <= len(parts) <= 4 or any(not w.replace("-", "").replace("'", "").replace(".", "")
                                       .isalpha() for w in parts):
        return False
    if parts[0] not in given_names() or any(w in NOT_A_PERSON for w in parts):
        return False
    places = gazetteer()
    return places.place(name) is None and not any(
        places.place(w) for w in parts[1:] if w not in NAME_PARTICLES)
