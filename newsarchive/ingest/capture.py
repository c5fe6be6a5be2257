"""What real MENAFN captures add to the clean page layout: page chrome around the lead, bylines,
repeated datelines, and no title line at all.

Captures made from the article body (not the whole page) start at the ``(MENAFN- Provider)`` tag.
Such a file still holds a whole story, so it is converted with a title derived from its text
(``title_source: derived``) instead of being lost.
"""

from __future__ import annotations

import datetime as dt
import re

from newsarchive.ingest import textrules

# "Date" over the page's own timestamp, as MENAFN shows it under the title: US order, 12-hour
# clock, no zone ("9/28/2024 2:08:12 AM").
US_TIMESTAMP = re.compile(
    r"^(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"
    r"(?: +(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))? *(?P<ampm>[AP]M)?)?$",
    re.IGNORECASE,
)
DATE_LABEL = re.compile(r"^Date\s*:?$", re.IGNORECASE)
# A byline: "By Mara Quill", "By Mara Quill and Ilse Brandt, Coastline Ledger".
BYLINE = re.compile(r"^By\s+[A-Z][\w'’.-]*(?:\s+\S+){0,9}$")
# Advertising slots that the scraper kept as text.
ADVERT = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|"
    r"scroll (?:down|to continue)(?: with content)?|continue reading below)$",
    re.IGNORECASE,
)
# A sentence ends at ., ! or ? (perhaps inside a closing quote) before a capital or a quote;
# "Mr. Quill" and "U.S. officials" do not end one.
_SENTENCE_END = re.compile(r"(?<=[^\s.][.!?])[\"”’']?(?=\s+[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "rev")
    + ("hon", "gov", "sen", "rep", "no", "vs", "inc", "ltd", "co", "corp", "jan", "feb", "mar")
    + ("apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
)
# A place-only wire dateline ("ARDAN CITY - ", "KESSIN (KNA) -- "): not part of a title.
PLACE_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.&-]+(?: [A-Z][A-Z'’.&-]*){0,4}(?:, ?[A-Z][A-Za-z'’.-]*)?"
    r" *(?:\([^()]{1,40}\))? *(?:--|-|–|—) +(?=\S)"
)
TITLE_CHARS = 100  # a derived title longer than this is cut at a word boundary


def take_date_chrome(lines: list[str]) -> tuple[list[str], dt.datetime | None]:
    """Remove the ``Date`` label and the page timestamp under it (near the top only); return the
    lines and that timestamp (naive: the page gives no zone)."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > 12:
            break
        if not DATE_LABEL.match(line.strip()):
            continue
        following = index + 1
        while following < len(lines) and not lines[following].strip():
            following += 1
        if following < len(lines) and (stamp := parse_us_timestamp(lines[following])):
            return lines[:index] + lines[following + 1 :], stamp
    return lines, None


def parse_us_timestamp(text: str) -> dt.datetime | None:
    """``9/28/2024 2:08:12 AM`` -> naive datetime, or None."""
    match = US_TIMESTAMP.match(text.strip())
    if match is None:
        return None
    hour = int(match["hour"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"][0] in "pP" else 0)
    try:
        return dt.datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            hour,
            int(match["minute"] or 0),
            int(match["second"] or 0),
        )
    except ValueError:
        return None


def is_byline(line: str) -> bool:
    return len(line) <= 80 and BYLINE.match(line) is not None and not line.endswith((".", ":"))


def is_advert(line: str) -> bool:
    return ADVERT.match(line.strip()) is not None


def fold_repeated_dateline(groups: list[list[str]]) -> list[list[str]]:
    """A dateline alone on its line is either repeated at the start of the next line (drop it)
    or is the start of that line (join them), so the lead starts with exactly one dateline."""
    flat = [(gi, li) for gi, group in enumerate(groups) for li in range(len(group))][:4]
    for position, (gi, li) in enumerate(flat[:-1]):
        line = groups[gi][li]
        match = textrules.DATELINE.match(line)
        if match is None or match.end() < len(line):
            continue
        ngi, nli = flat[position + 1]
        following = groups[ngi][nli]
        result = [list(group) for group in groups]
        if textrules.DATELINE.match(following) is None:
            result[ngi][nli] = f"{line} {following}"
        del result[gi][li]
        return [group for group in result if group]
    return groups


def take_headline(groups: list[list[str]]) -> tuple[str | None, list[list[str]]]:
    """A capture without a title line whose first line is headline-like (with text after it)
    holds the headline that lost its place: take it out of the body as the title."""
    first = groups[0][0]
    rest = groups[0][1:] + [line for group in groups[1:] for line in group]
    if not rest or not textrules.is_heading(first) or is_byline(first):
        return None, groups
    return first, ([groups[0][1:]] if len(groups[0]) > 1 else []) + groups[1:]


def first_sentence_title(groups: list[list[str]], dateline: str | None) -> str:
    """The lead's first sentence, without the dateline, as the title of a capture without one."""
    for line in (line for group in groups for line in group):
        if textrules.is_caption(line):
            continue
        if dateline and line.startswith(dateline):
            line = line[len(dateline) :].strip()
        line = PLACE_DATELINE.sub("", line)
        if line:
            return first_sentence(line)
    return first_sentence(groups[0][0])


def first_sentence(text: str, limit: int = TITLE_CHARS) -> str:
    """The first sentence of ``text`` without its full stop, cut at a word boundary (" …")."""
    sentence = text
    for match in _SENTENCE_END.finditer(text):
        word = text[: match.start()].rsplit(None, 1)[-1].rstrip(".!?").lower()
        if word in _ABBREVIATIONS or len(word) == 1 or "." in word:
            continue
        sentence = text[: match.end()]
        break
    sentence = sentence.strip()
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else sentence[:limit]
    return cut.rstrip(" ,;:-–—") + " …"
