"""One type per name within an article: a weighted vote over its mentions.

The small model often gives one name different labels in one article ("Kessel" a person in
one sentence, an organisation in the next). The entity page needs one type, so every mention
of the name votes for its label with its weight (see :attr:`Mention.weight`: datelines and
result rows count more, the model's confidence scales a vote when the model gives one, later
mentions found only by matching the name count nothing).

Ties are broken explicitly, in this order:

1. ``places`` when the gazetteer knows the name as a place (the data packages are evidence
   the model's labels are not);
2. the type of the name's earliest mention among the tied types (an article introduces a name
   in the sentence that says most about it);
3. the fixed order of :data:`ENTITY_TYPES` (people, organizations, places, other).
"""

from __future__ import annotations

from collections.abc import Iterable

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.model import ENTITY_TYPES

_ORDER = {kind: i for i, kind in enumerate(ENTITY_TYPES)}
#: Weights closer than this are a tie (float sums of fractional confidences).
_EPSILON = 1e-9


def decide(name: str, votes: Iterable[tuple[int, str, float]]) -> str:
    """The type of ``name`` from its mentions' votes: (position, type, weight) each."""
    ballots = sorted(votes)
    if not ballots:
        raise ValueError(f"no mention of {name!r} to vote with")
    totals: dict[str, float] = {}
    for _pos, kind, weight in ballots:
        totals[kind] = totals.get(kind, 0.0) + weight
    best = max(totals.values())
    tied = {kind for kind, total in totals.items() if best - total <= _EPSILON}
    if len(tied) == 1:
        return tied.pop()
    if "places" in tied and gazetteer().place(name) is not None:
        return "places"
    earliest = next((kind for _pos, kind, _w in ballots if kind in tied), None)
    if earliest is not None:
        return earliest
    return min(tied, key=_ORDER.__getitem__)
