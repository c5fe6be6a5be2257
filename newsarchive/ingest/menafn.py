"""Parse a scraped MENAFN article page (the layout of the pages the MENAFN scrapers save).

Top to bottom: crawl header (retrieval time), title, lead with the ``(MENAFN- Provider)`` tag,
optional wire dateline, body, wire trailers, the id line, the legal disclaimer and page chrome.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from newsarchive.ingest import capture, textrules
from newsarchive.ingest.model import Article, Block, InputError, Source

NETWORK = "MENAFN"
ID_LINE = re.compile(
    r"^MENAFN(?P<dd>\d{2})(?P<mm>\d{2})(?P<yyyy>\d{4})(?P<channel>\d{12})ID(?P<story>\d{10})$"
)
# A line made only of "MENAFN", digits, "ID" and spaces that is not an id line is a broken id
# (truncated or mistyped); prose such as "MENAFN 500 index" does not look like this.
ID_LIKE = re.compile(r"^MENAFN\d{4,}[\dID ]*$")
TAG_START = re.compile(r"^\(\s*MENAFN\b", re.IGNORECASE)
TAG_ANYWHERE = re.compile(r"\(\s*MENAFN\s*(?:[-–—:)]|$)", re.IGNORECASE)
# The heading of MENAFN's fixed text: alone on its line, or run into that text. A paragraph that
# merely starts with the words ("Legal disclaimers on the site ...") is article text.
DISCLAIMER = re.compile(r"^Legal Disclaimer\s*:?\s*(?:$|MENAFN provides)", re.IGNORECASE)
CHROME = frozenset(
    s.casefold()
    for s in (
        "Search", "More Stories", "Market Research", "Related Stories", "Most Popular",
        "Latest News", "Comments", "Share", "Tweet", "Follow Us", "Subscribe", "Newsletter",
        "Read More", "Home", "Menu", "Login", "Sign In", "Print", "Email", "Back to top",
        "Advertisement", "Top Stories", "Trending",
    )
)
# Editor initials after "(end)": "gta", "ght ab", "KG", and the dotted/slashed pairs that wire
# desks use ("amh.gta", "sms/gb").
_INITIALS = r"[A-Za-z]{1,4}(?:[./][A-Za-z]{1,4}){0,3}"
END_TRAILER = re.compile(
    r"\s*\(\s*end\s*\)(?:\s*" + _INITIALS + r"(?:\s+" + _INITIALS + r"){0,2})?\s*$", re.IGNORECASE
)
_LOWER_INITIALS = r"[a-z]{1,4}(?:[./][a-z]{1,4}){0,3}"
MORE_TRAILER = re.compile(
    rf"\s*\(\s*more\s*\)(?:\s*{_LOWER_INITIALS}(?:\s+{_LOWER_INITIALS}){{0,2}})?\s*$",
    re.IGNORECASE,
)
INITIALS = re.compile(rf"^{_LOWER_INITIALS}(?: {_LOWER_INITIALS}){{0,2}}$")
# An agency credit closing the story: "(QNA)" alone on its line, or after the last full stop.
CLOSING_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\"”’])\s*)\(\s*(?!MENAFN\b)[A-Z]{2,6}\s*\)\s*$"
)
# Chrome lines that open the page's list of other stories: after the id line, everything from
# one of them on belongs to other articles ("More Stories", then their headlines and leads).
SECTION_CHROME = frozenset(
    s.casefold()
    for s in (
        "Search", "More Stories", "Market Research", "Related Stories", "Most Popular",
        "Latest News", "Top Stories", "Trending", "Read More",
    )
)
# Wire and agency credits that can follow the tag, e.g. "(MENAFN- The Peninsula) QNA Doha: ...".
KNOWN_CREDITS = frozenset(
    ("QNA", "KUNA", "WAM", "SPA", "BNA", "ONA", "APS", "MENA", "NNA", "IINA", "AFP", "IANS")
    + ("PTI", "ANI", "UNI", "IRNA", "TASS", "PNA", "SUNA", "JNA")
)
_CITY_COLON = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}:")  # "QNA Doha: ..."
_ACRONYM_AT_END = re.compile(r"\(([A-Za-z][A-Za-z&.]{1,10})\)$")


def detect(text: str) -> bool:
    """Whether ``text`` carries any MENAFN marker (else it is read as plain wire text).

    Markers: the ``(MENAFN`` tag near the top, an id line (or a line that tries to be one, so a
    broken id is reported rather than silently kept as text), the MENAFN legal disclaimer, or a
    crawl header on the first line (only the MENAFN scrapes carry one).
    """
    lines = [line.strip() for line in text.split("\n")]
    head = [line for line in lines if line][:12]
    if any(TAG_ANYWHERE.match(line) for line in head):
        return True
    for line in lines:
        if ID_LIKE.match(line) or line.startswith("MENAFN provides the information"):
            return True
        if DISCLAIMER.match(line):
            return True
    return bool(head) and textrules.parse_crawl_header(head[0]) is not None


def parse(text: str) -> Article:
    """Parse one MENAFN page; raise :class:`InputError` when no article can be found.

    A capture without a title line (it starts at the tag or the dateline) gets a title derived
    from its text, marked ``title_source = "derived"``.
    """
    lines = text.split("\n")
    lines = _cut_disclaimer(lines)
    lines = _cut_related_stories(lines)
    ids, lines, id_notes = _take_id_lines(lines)
    lines = [line for line in lines if not _is_chrome(line)]
    lines, page_time = capture.take_date_chrome(lines)

    retrieved, start = textrules.skip_header(lines)
    first = textrules.clean_line(lines[start]) if start < len(lines) else ""
    title: str | None = None
    if first and (_starts_lead(first) or _byline_over_lead(first, lines[start + 1 :])):
        body = lines[start:]
    else:
        retrieved, title, start = textrules.header_and_title(lines)
        body = lines[start + 1 :]

    groups = textrules.split_blocks(body)
    groups = _strip_trailers(groups)
    provider, groups = _take_tag(groups)
    groups, byline = _take_lead_chrome(groups)
    groups = capture.fold_repeated_dateline(groups)
    if not groups:
        raise InputError("no body text after the title" if title else "no body text")
    headline = False
    if title is None:
        title, groups = capture.take_headline(groups)
        headline = title is not None

    parsed_dateline = textrules.lead_dateline(groups)
    dateline = parsed_dateline[0] if parsed_dateline else None
    derived = title is None or headline
    if title is None:
        title = capture.first_sentence_title(groups, dateline)
    blocks = textrules.to_blocks(groups)
    if blocks and blocks[-1].kind == "h":
        blocks[-1] = Block("p", blocks[-1].text)
    if byline:
        blocks.insert(0, Block("byline", byline))

    source = Source(network=NETWORK, provider=provider)
    date = None
    notes: list[str] = list(id_notes)
    header_note = textrules.first_line_warning(lines)
    notes += [header_note] if header_note else []
    if ids:
        # a title made from the first sentence is not the one in MENAFN's URL: link the story id
        date, source = _from_id(ids[0], source, title if not derived or headline else None)
    if date is None:
        date, warning = textrules.date_from_dateline(parsed_dateline, retrieved)
        notes += [warning] if warning else []
    if date is None and parsed_dateline is None and page_time is not None:
        date = page_time.date()
    date, warning = textrules.plausible_date(date, retrieved)
    notes += [warning] if warning else []
    return Article(
        title=title,
        blocks=blocks,
        layout="menafn",
        date=date,
        retrieved=retrieved,
        source=source,
        dateline=dateline,
        notes=notes,
        title_source="derived" if derived else None,
    )


def _starts_lead(line: str) -> bool:
    return bool(TAG_START.match(line) or textrules.DATELINE.match(line))


def _byline_over_lead(line: str, rest: list[str]) -> bool:
    """A capture may start with the byline, directly over the tagged lead: no title either."""
    following = next((text.strip() for text in rest if text.strip()), "")
    return capture.is_byline(line) and _starts_lead(following)


def _is_chrome(line: str) -> bool:
    stripped = line.strip()
    return stripped.casefold() in CHROME or capture.is_advert(stripped)


def _take_lead_chrome(groups: list[list[str]]) -> tuple[list[list[str]], str | None]:
    """Drop chrome left on the tag's line (``Read more``, an advert) and take out a byline among
    the first lines of the lead, so neither becomes the title, the dateline or the summary."""
    byline = None
    result = [list(group) for group in groups]
    seen = 0
    for group in result:
        for line in list(group):
            seen += 1
            if seen > 4:
                break
            if _is_chrome(line):
                group.remove(line)
            elif byline is None and capture.is_byline(line):
                byline = line
                group.remove(line)
    return [group for group in result if group], byline


def canonical_url(story_id: str, title: str) -> str:
    """``https://menafn.com/<story id>/<Title-Words-Joined-By-Dashes>``.

    MENAFN keeps the title's case, drops every character that is not a letter, digit, space or
    hyphen ("Pakistan's" -> "Pakistans", "20/11:" -> "2011", "4.18%" -> "418") and joins the
    remaining words with single dashes. Accented letters are folded to ASCII.
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    kept = re.sub(r"[^A-Za-z0-9\s-]", "", folded)
    words = [word for word in re.split(r"[\s-]+", kept) if word]
    return f"https://menafn.com/{story_id}/{'-'.join(words)}"


def _cut_disclaimer(lines: list[str]) -> list[str]:
    """Everything from ``Legal Disclaimer:`` on is MENAFN's fixed text and page chrome."""
    for index, line in enumerate(lines):
        if DISCLAIMER.match(line.strip()):
            return lines[:index]
        if line.strip().startswith("MENAFN provides the information"):
            return lines[:index]
    return lines


def _cut_related_stories(lines: list[str]) -> list[str]:
    """After the id line (the end of the article), a section chrome line such as ``More Stories``
    starts other articles' headlines and leads: drop it and everything after it. Before the id
    line, chrome lines are only removed one by one, so a lost id line never costs body text."""
    seen_id = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if ID_LINE.match(stripped):
            seen_id = True
        elif seen_id and stripped.casefold() in SECTION_CHROME:
            return lines[:index]
    return lines


def _take_id_lines(
    lines: list[str],
) -> tuple[list[re.Match[str]], list[str], list[str]]:
    """The id lines, the other lines, and a warning per broken id line.

    A broken id line (wrong digit counts, an impossible date) is not body text either: it is
    dropped, and the article converts without the id, story id and date it would have given.
    """
    ids: list[re.Match[str]] = []
    kept: list[str] = []
    notes: list[str] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if ID_LIKE.match(stripped):
            match = ID_LINE.match(stripped)
            if match is None or not _valid_date(match):
                shown = stripped if len(stripped) <= 60 else stripped[:57] + "..."
                why = (
                    "expected MENAFN, DDMMYYYY, 12 digits, ID, 10 digits"
                    if match is None
                    else f"no such date {match['dd']}.{match['mm']}.{match['yyyy']}"
                )
                notes.append(f"broken MENAFN id line {number}: {shown!r} ({why}); its id and "
                             "date are left out")
                continue
            ids.append(match)
            continue
        kept.append(line)
    return ids, kept, notes


def _valid_date(match: re.Match[str]) -> bool:
    try:
        dt.date(int(match["yyyy"]), int(match["mm"]), int(match["dd"]))
    except ValueError:
        return False
    return True


def _from_id(
    match: re.Match[str], source: Source, title: str | None
) -> tuple[dt.date, Source]:
    """Date and source from the id line; without the page's own title, the URL is the story id's
    (``https://menafn.com/<id>``): invented title words would make a wrong address."""
    story = match["story"]
    date = dt.date(int(match["yyyy"]), int(match["mm"]), int(match["dd"]))
    return date, Source(
        network=source.network,
        provider=source.provider,
        id=match.group(0),
        article_id=story,
        url=canonical_url(story, title) if title else f"https://menafn.com/{story}",
    )


def _strip_trailers(groups: list[list[str]]) -> list[list[str]]:
    """Remove ``(end)`` or ``(more)`` + editor initials (inline or on their own line), lone
    initials lines after ``(end)``, and a closing agency credit such as ``(QNA)``."""
    result: list[list[str]] = []
    after_end = False
    for group in groups:
        kept: list[str] = []
        for line in group:
            if after_end and INITIALS.match(line):
                continue
            cleaned = END_TRAILER.sub("", line)
            after_end = cleaned != line
            cleaned = MORE_TRAILER.sub("", cleaned)
            cleaned = CLOSING_CREDIT.sub("", cleaned).strip()
            if cleaned:
                kept.append(cleaned)
        if kept:
            result.append(kept)
    return result


def _take_tag(groups: list[list[str]]) -> tuple[str | None, list[list[str]]]:
    """Find the ``(MENAFN- Provider)`` tag at the start of one of the first lines and remove it.

    Returns the provider: the tag's text with nested parentheses kept ("Kuwait News Agency
    (KUNA)"); "MENAFN" for a bare ``(MENAFN)`` tag (MENAFN's own stories); None without a tag.
    """
    seen = 0
    for gi, group in enumerate(groups):
        for li, line in enumerate(group):
            seen += 1
            if seen > 6:
                return None, groups
            if not TAG_START.match(line):
                continue
            provider, rest = _split_tag(line)
            rest = _drop_credit(rest, provider)
            new_group = group[:li] + ([rest] if rest else []) + group[li + 1 :]
            new_groups = groups[:gi] + ([new_group] if new_group else []) + groups[gi + 1 :]
            return provider, new_groups
    return None, groups


def _split_tag(line: str) -> tuple[str, str]:
    depth = 0
    for index, char in enumerate(line):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                inner = line[1:index]
                rest = line[index + 1 :].strip()
                break
    else:  # unbalanced: the tag runs to the end of the line
        inner, rest = line[1:], ""
    inner = re.sub(r"^\s*MENAFN\s*[-–—:]?\s*", "", inner, flags=re.IGNORECASE).strip()
    return (textrules.clean_line(inner) or NETWORK), rest


def _drop_credit(rest: str, provider: str) -> str:
    """Drop an agency credit word right after the tag: a known wire credit, the provider's own
    acronym (``KUNA`` of "Kuwait News Agency (KUNA)"), an all-caps word followed by a "City:"
    place line ("QNA Doha: ...") or by a dateline that credits the same agency ("ANA PORT ALDEN,
    May 31 (ANA) --"). "KUWAIT CITY, May 31 (KUNA) --" keeps its "KUWAIT", and "MENA markets
    fell" its "MENA".
    """
    acronym = _ACRONYM_AT_END.search(provider)
    if rest in KNOWN_CREDITS or (acronym is not None and rest == acronym.group(1)):
        return ""
    match = re.match(r"([A-Za-z]{2,8})(\s+)(?=\S)", rest)
    if not match:
        return rest
    word = match.group(1)
    following = rest[match.end() :]
    dateline = textrules.DATELINE.match(following)
    is_credit = (
        word in KNOWN_CREDITS
        or (acronym is not None and word == acronym.group(1))
        or (word.isupper() and _CITY_COLON.match(following) is not None)
        or (dateline is not None and dateline["agency"] == word)
    )
    # "MENA markets fell", "AFP reported that ...": a lowercase word after it makes the
    # acronym the subject of the sentence, not a credit
    if is_credit and not following.startswith(",") and not following[:1].islower():
        return following
    return rest
