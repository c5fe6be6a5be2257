"""Shipping fixtures: the ports and charterers of a list of vessels fixed for a voyage.

Tanker and dry cargo reports list each fixture on a line of its own, in a fixed order: the
vessel, its size in thousands of tonnes, the loading dates, the loading and the discharging
ports (a slash between them), the rate (Worldscale "W145" or a lump sum "$185,000") and the
charterer: "Kessel Star 70 03/09 Varnby / Harwick W145 Orrin Oil." Regional headings group
them ("- RED SEA / MED"). The small model reads such lines word by word, and gets the vessels
as people and the ports and charterers as anything. The layout says what each is:

- the ports and the regions of the headings are places;
- the charterer is an organisation;
- the vessel is a thing with a name (``other``), neither a person nor a company; "TBN" (to be
  nominated) names none.

Only an article with at least :data:`MIN_LINES` fixture lines counts.
"""

from __future__ import annotations

import re

from newsarchive.entities.ner import Mention, layout_mention

_WORD = r"[A-Z][\w'’&.\-]*"
_NAME = rf"{_WORD}(?: {_WORD})*"
#: A charterer's name: words of letters ("Orrin Oil", "KPC"), the line's full stop after it.
_COMPANY = r"[A-Z][A-Za-z'’&\-]*(?: [A-Z][A-Za-z'’&\-]*)*"
#: Vessel, size (thousands of tonnes, "36,5" with a decimal comma), loading dates ("03/09",
#: "3-5/9"), then the voyage and the terms.
_FIXTURE = re.compile(
    rf"^(?P<vessel>{_NAME}) \d+(?:[.,]\d+)? \d{{1,2}}(?:-\d{{1,2}})?/\d{{1,2}} "
    rf"(?P<load>[^/\n]+?) / (?P<rest>[^\n]+?) (?P<charterer>{_COMPANY})\.?[ \t]*$",
    re.MULTILINE,
)
#: The terms after the discharging ports: a Worldscale rate, a lump sum, a lower-case
#: abbreviation ("rnr": rate not reported; "options").
_TERMS = re.compile(r"\s(?:W\d|\$\d|[a-z])")
#: A region heading over the fixtures ("- MIDEAST GULF / RED SEA"), not the list's own
#: ("- LATEST FIXTURES").
_HEADING = re.compile(r"^- (?P<regions>[A-Z][A-Z .]*(?: / [A-Z][A-Z .]*)*)[ \t]*$", re.MULTILINE)
_PLACE = re.compile(_NAME)
#: The vessel is yet to be named.
UNNAMED = frozenset({"TBN", "TBA"})
#: At least this many fixture lines make a list of fixtures.
MIN_LINES = 2


def charter_mentions(text: str) -> list[Mention]:
    """Mentions for the vessels, ports, charterers and regions of the fixture lines of
    ``text`` (none when it has fewer than :data:`MIN_LINES`)."""
    lines = list(_FIXTURE.finditer(text))
    if len(lines) < MIN_LINES:
        return []
    found = []
    for line in lines:
        if line.group("vessel") not in UNNAMED:
            found.append(layout_mention(line.group("vessel"), "PRODUCT", line.start("vessel")))
        rest = line.group("rest")
        terms = _TERMS.search(" " + rest)
        ports = [(line.start("load"), line.group("load")),
                 (line.start("rest"), rest[: terms.start()] if terms else rest)]
        for start, span in ports:
            found += [layout_mention(place.group().rstrip(",."), "GPE", start + place.start())
                      for place in _PLACE.finditer(span)]
        found.append(layout_mention(line.group("charterer"), "ORG", line.start("charterer")))
    for heading in _HEADING.finditer(text):
        if "FIXTURES" in heading.group("regions"):
            continue
        at = heading.start("regions")
        found += [layout_mention(region.group(), "LOC", at + region.start())
                  for region in re.finditer(r"[A-Z][A-Z.]*(?: [A-Z][A-Z.]*)*",
                                            heading.group("regions"))]
    return found

