"""Text rules shared by the text layouts: crawl header, dateline, paragraphs, headings, captions."""

from __future__ import annotations

import datetime as dt
import re

from newsarchive.ingest.model import Block, InputError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?"
)
# MENAFN writes its crawl time in GMT ("Thursday 14 March 2024 09:42 GMT"). Other zones and
# offsets are converted rather than misread: an unrecognised header would become the title.
# A header without a zone is GMT, as on every MENAFN page.
ZONES = {"GMT": 0, "UTC": 0, "UT": 0, "Z": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120}
ZONES |= {"EEST": 180, "MSK": 180, "GST": 240, "IST": 330, "EST": -300, "EDT": -240}
CRAWL_HEADER = re.compile(
    r"^" + _WEEKDAY + r",? +(?P<day>\d{1,2}) +(?P<month>" + _MONTH + r")"
    r",? +(?P<year>\d{4}),? +(?:at +)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r" *(?P<ampm>[AP]\.?M\.?)?"
    r" *(?:\(?(?P<zone>" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")\)?)?"
    r" *(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)

# "PORT ALDEN, March 12 (CL) --", "VIETNAM, June 5 - ", "DOHA, 5 June 2024 -"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.&-]*(?: [A-Z][A-Z'’.&-]*){0,4}"
    r"(?:, ?[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3})?)"
    r",? +(?:(?P<month>(?i:" + _MONTH + r")) +(?P<day>\d{1,2})(?:, *(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2}) +(?P<month2>(?i:" + _MONTH + r"))(?: +(?P<year2>\d{4}))?)"
    r"(?: *\((?P<agency>[^()]{1,40})\))? *(?:--|-|–|—|:) *"
)

_FINAL_PUNCT = ".!?:;,…\"”’'"
_SENTENCE_BREAK = re.compile(r"[.!?;] ")
_QUOTES = re.compile("[\"“”«»]|(?:^|\\s)['‘]")
_CAPTION = re.compile(
    r"courtesy of|^(?:photo|image|picture|file photo)(?: credit)?s? *[:-]"
    r"|\((?:photo|image|picture)s?[:)]",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")
_JOINERS = frozenset(
    ("a", "an", "the", "and", "or", "but", "as", "of", "to", "in", "on", "at", "by", "for")
    + ("from", "with", "that", "than", "who", "which", "said")
)
_LETTER = re.compile(r"[^\W\d_]")


def parse_crawl_header(line: str) -> dt.datetime | None:
    """``Thursday 14 March 2024 09:42 GMT`` -> aware UTC datetime, or None."""
    match = CRAWL_HEADER.match(line.strip())
    if not match:
        return None
    hour = int(match["hour"])
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"][0] in "pP" else 0)
    minutes = ZONES[match["zone"].upper()] if match["zone"] else 0
    if match["offset"]:
        sign = -1 if match["offset"][0] == "-" else 1
        digits = match["offset"][1:].replace(":", "")
        hours, rest = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        minutes += sign * (int(hours) * 60 + int(rest))
    try:
        local = dt.datetime(
            int(match["year"]),
            MONTHS[match["month"].rstrip(".").lower()],
            int(match["day"]),
            hour,
            int(match["minute"]),
            int(match["second"] or 0),
        )
    except ValueError:
        return None
    return (local - dt.timedelta(minutes=minutes)).replace(tzinfo=dt.UTC)


def parse_dateline(text: str) -> tuple[str, int, int, int | None] | None:
    """Return ``(dateline_text, month, day, year_or_None)`` for a lead that starts with one."""
    match = DATELINE.match(text)
    if not match:
        return None
    month = match["month"] or match["month2"]
    day = int(match["day"] or match["day2"])
    year = match["year"] or match["year2"]
    number = MONTHS[month.rstrip(".").lower()]
    if not 1 <= day <= 31:
        return None
    return match.group(0).rstrip(), number, day, int(year) if year else None


def lead_dateline(groups: list[list[str]]) -> tuple[str, int, int, int | None] | None:
    """The dateline of the lead: the first line that is not an image caption or a heading."""
    for group in groups[:3]:
        for line in group:
            if is_caption(line) or (is_heading(line) and len(group) > 1):
                continue
            return parse_dateline(line)
    return None


# A dateline without a year is dated from the retrieval date only when that puts it at most this
# many days before retrieval: a page crawled months after publication would otherwise get a
# plausible but invented year.
YEARLESS_WINDOW_DAYS = 7


def dateline_date(
    parsed: tuple[str, int, int, int | None] | None, retrieved: dt.datetime | None
) -> dt.date | None:
    """A dateline's date (see :func:`date_from_dateline`), without the warning."""
    return date_from_dateline(parsed, retrieved)[0]


def date_from_dateline(
    parsed: tuple[str, int, int, int | None] | None, retrieved: dt.datetime | None
) -> tuple[dt.date | None, str | None]:
    """A dateline's date and, when a yearless dateline cannot be dated, the warning to show.

    Without a year, the year that puts the dateline 0 to :data:`YEARLESS_WINDOW_DAYS` days before
    retrieval (so "December 30" retrieved on January 2 is the previous year); otherwise, or with
    no retrieval date, no date: guessing a year would be invented data.
    """
    if parsed is None:
        return None, None
    text, month, day, year = parsed
    try:
        if year is not None:
            return dt.date(year, month, day), None
    except ValueError:
        return None, None
    shown = text.rstrip(" -–—:").strip()
    if retrieved is None:
        return None, f"dateline {shown!r} has no year and there is no retrieval date; undated"
    fetched = retrieved.date()
    for candidate_year in (fetched.year, fetched.year - 1):
        try:
            candidate = dt.date(candidate_year, month, day)
        except ValueError:
            continue
        if 0 <= (fetched - candidate).days <= YEARLESS_WINDOW_DAYS:
            return candidate, None
    return None, (
        f"dateline {shown!r} has no year and is not within {YEARLESS_WINDOW_DAYS} days before "
        f"the retrieval date {fetched.isoformat()}; undated"
    )


def header_warning(line: str) -> str | None:
    """The warning for a crawl header whose date or time cannot be (31 February, 25:61): it is
    still the header, not the title, and the article converts without a retrieval time."""
    if CRAWL_HEADER.match(line.strip()) and parse_crawl_header(line) is None:
        return f"crawl header {line.strip()[:60]!r} is not a real date and time; left out"
    return None


def first_line_warning(lines: list[str]) -> str | None:
    """:func:`header_warning` of the first non-blank line."""
    first = next((line for line in lines if line.strip()), "")
    return header_warning(first)


def skip_header(lines: list[str]) -> tuple[dt.datetime | None, int]:
    """Skip blank lines and an optional crawl header: ``(retrieved, index of the next line)``."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    retrieved = parse_crawl_header(lines[start]) if start < len(lines) else None
    if retrieved is not None or (start < len(lines) and header_warning(lines[start])):
        start += 1
        while start < len(lines) and not lines[start].strip():
            start += 1
    return retrieved, start


def header_and_title(lines: list[str]) -> tuple[dt.datetime | None, str, int]:
    """Skip blank lines, read an optional crawl header, and return ``(retrieved, title, index)``.

    Both layouts start this way; the title is checked for what makes it no title at all (missing,
    absurdly long, no letters) so either parser can reject such a file with the same words.
    """
    retrieved, start = skip_header(lines)
    if start >= len(lines):
        raise InputError("no title (nothing after the crawl header)")
    title = clean_line(lines[start])
    if len(title) > 300:
        raise InputError(f"no title (the first line is {len(title)} characters long)")
    if not re.search(r"[^\W\d_]", title):
        raise InputError("no title (the first line has no letters)")
    return retrieved, title, start


def clean_line(line: str) -> str:
    return _WS.sub(" ", line).strip()


def split_blocks(lines: list[str]) -> list[list[str]]:
    """Groups of non-empty, whitespace-normalised lines separated by blank lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        line = clean_line(raw)
        if line:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def is_heading(line: str) -> bool:
    """A short line with letters and no final punctuation, as scraped sub-headings look.

    A short question of one sentence without quotation marks ("What changes for shippers?") can
    be a heading too (see :func:`to_blocks` for the extra evidence it needs). A line ending in
    ``:`` stays a paragraph: it introduces what follows ("The plan includes:") far more often
    than it titles a section.
    """
    question = (
        line.endswith("?")
        and len(line.split()) <= 10
        and not _QUOTES.search(line)
        and not _SENTENCE_BREAK.search(line)
    )
    return (
        len(line) <= 80
        and len(line.split()) <= 12
        and (line[-1] not in _FINAL_PUNCT or question)
        and not line.endswith(("-", "–", "—"))
        and bool(_LETTER.search(line))
        and (line[0].isupper() or line[0].isdigit())
        and not is_caption(line)
        and DATELINE.match(line) is None
    )


def is_caption(text: str) -> bool:
    return len(text) <= 400 and _CAPTION.search(text) is not None


def _is_wrapped(group: list[str]) -> bool:
    """Hard-wrapped prose: several lines of similar, moderate length that form one paragraph."""
    return len(group) >= 3 and all(40 <= len(line) <= 100 for line in group[:-1])


def to_blocks(groups: list[list[str]]) -> list[Block]:
    """Turn line groups into paragraphs, sub-headings and captions.

    Scraped pages put one paragraph per line; a sub-heading is often directly followed by its first
    paragraph without a blank line, so every line of a group is judged on its own. Hard-wrapped
    plain text (several similar-length lines) is joined back into one paragraph instead.

    A heading-like line is a heading only when prose follows it: a run of short lines (a fixture
    list, a results table) stays paragraphs, and so does the last line of the text or of a group.
    A line that a lost word broke off mid-sentence ("... in Kessin as" / "dominated the race") is
    not a heading either. A short question is a heading only when its text follows directly,
    without a blank line.
    """
    lines: list[str] = []
    ends_group: list[bool] = []
    tops_text: list[bool] = []  # directly followed, without a blank line, by the next line
    for group in groups:
        group_lines = [" ".join(group)] if _is_wrapped(group) else group
        lines.extend(group_lines)
        ends_group.extend([False] * (len(group_lines) - 1) + [len(group_lines) > 1])
        tops_text.extend([True] * (len(group_lines) - 1) + [False])
    candidate = [is_heading(line) for line in lines]
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        continues = (
            following[:1].islower()
            or following[:1] in ("-", "–", "—", "•", "…")
            or line.rsplit(" ", 1)[-1].lower() in _JOINERS
        )
        heading = (
            candidate[index]
            and not ends_group[index]
            and bool(following)
            and not candidate[index + 1]
            and not (index > 0 and candidate[index - 1])
            and not continues
            # a question is a heading only on top of its text, as scraped sub-headings sit;
            # a question alone between blank lines is a one-line paragraph (a reader's comment)
            and (not line.endswith("?") or tops_text[index])
        )
        if heading:
            blocks.append(Block("h", line))
        elif is_caption(line):
            blocks.append(Block("caption", line))
        else:
            blocks.append(Block("p", line))
    return blocks


#: Publication dates outside these bounds are mistakes of the page, not news: left out, with a
#: warning, so the article still converts (undated) instead of being filed in 1850 or 2099.
EARLIEST_DATE = dt.date(1900, 1, 1)
FUTURE_DAYS = 2


def plausible_date(
    date: dt.date | None, retrieved: dt.datetime | None
) -> tuple[dt.date | None, str | None]:
    """``date``, or None and a warning when it is before 1900 or after the retrieval (or today,
    without one) by more than :data:`FUTURE_DAYS` days."""
    if date is None:
        return None, None
    limit = (retrieved.date() if retrieved else dt.date.today()) + dt.timedelta(days=FUTURE_DAYS)
    if date < EARLIEST_DATE:
        return None, f"publication date {date.isoformat()} is before 1900; left out"
    if date > limit:
        return None, (f"publication date {date.isoformat()} is after "
                      f"{'the retrieval' if retrieved else 'today'}; left out")
    return date, None
