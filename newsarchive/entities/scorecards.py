"""Cricket scorecards: every name in a batting or bowling line is a player.

A scorecard's lines say how each batsman was out and to whom: "A. Marsh c Holm b Lund 44",
"Kessel lbw b Berg 12", "Orrin not out 94"; its bowling lines give each bowler's overs,
maidens, runs and wickets ("Holm 22-6-56-2"). The small model reads the short surnames there as
anything: a town ("Cork"), an organisation, or nothing at all. The layout says they are people.
Only an article with at least :data:`MIN_LINES` such batting lines counts as a scorecard, so a
sentence that happens to fit is left to the model.
"""

from __future__ import annotations

import re

from newsarchive.entities.ner import Mention, layout_mention

#: A player as a scorecard writes one: initials and capitalised words, hyphens inside
#: ("N. Orrin", "Tove-Lise Marsh", "Marsh-ul-Berg").
_PLAYER = r"(?:[A-Z]\.\s?)*[A-Z][\w'’]*(?:-[\w'’]+)*(?: (?:[A-Z]\.\s?)*[A-Z][\w'’]*(?:-[\w'’]+)*)*"
#: How a batsman was out, with the fielder and the bowler where there are any; or that he was
#: not out.
_BATTING = re.compile(
    rf"^(?P<batsman>{_PLAYER})\s+(?:"
    rf"(?:(?:c|st)\s+(?:and|(?P<fielder>{_PLAYER}))\s+)?(?:lbw\s+)?b\s+(?P<bowler>{_PLAYER})"
    r"|not out|run out|retired hurt|absent hurt|hit wicket)\s+\d+\b",
    re.MULTILINE,
)
#: A bowler's figures: overs (a ball count after a dot), maidens, runs, wickets.
_BOWLING = re.compile(rf"(?<![\w.])(?P<bowler>{_PLAYER})\s+\d+(?:\.\d)?-\d+-\d+-\d+\b")
#: At least this many batting lines make an article a scorecard.
MIN_LINES = 2


def scorecard_mentions(text: str) -> list[Mention]:
    """A person mention for each batsman, fielder and bowler of the scorecard lines of
    ``text`` (none when it has fewer than :data:`MIN_LINES` batting lines)."""
    batting = list(_BATTING.finditer(text))
    if len(batting) < MIN_LINES:
        return []
    found = []
    for match in batting:
        for group in ("batsman", "fielder", "bowler"):
            if match.group(group) is not None:
                found.append(_player(match, group))
    for match in _BOWLING.finditer(text):
        found.append(_player(match, "bowler"))
    return found


def _player(match: re.Match[str], group: str) -> Mention:
    return layout_mention(match.group(group), "PERSON", match.start(group))
