"""Articles from the JSON that common news scrapers write: news-please and trafilatura.

news-please writes one article per ``.json`` file; trafilatura writes a ``.json`` file per page or
one article per line of a ``.jsonl`` file. Each field maps to one front matter value (see
:data:`NEWSPLEASE` and :data:`TRAFILATURA`); the body keeps the scraper's paragraphs (one per
line). A broken record is one reason for that record (file, or file and line), never a stop.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from newsarchive.ingest import capture, textrules
from newsarchive.ingest.decode import fix_text
from newsarchive.ingest.layout import Part
from newsarchive.ingest.model import Article, Block, InputError, Source


@dataclass(frozen=True)
class Scraper:
    """Which JSON keys of one scraper hold which article value (first non-empty key wins)."""

    name: str
    title: tuple[str, ...]
    text: tuple[str, ...]
    date: tuple[str, ...]
    retrieved: tuple[str, ...]
    url: tuple[str, ...]
    provider: tuple[str, ...]
    authors: tuple[str, ...]
    language: tuple[str, ...] = ("language",)
    description: tuple[str, ...] = ("description",)
    id: tuple[str, ...] = ()
    fingerprint: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()  # keys only this scraper writes: how a file is recognised


NEWSPLEASE = Scraper(
    name="newsplease",
    title=("title", "title_page", "title_rss"),
    text=("maintext",),
    date=("date_publish",),
    retrieved=("date_download",),
    url=("url",),
    provider=("source_domain",),
    authors=("authors",),
    marks=("maintext", "date_download", "source_domain", "date_publish"),
)
TRAFILATURA = Scraper(
    name="trafilatura",
    title=("title",),
    text=("text", "raw_text"),
    date=("date",),
    retrieved=(),
    url=("url", "source"),
    provider=("sitename", "source-hostname", "hostname"),
    authors=("author",),
    description=("description", "excerpt"),
    id=("id",),
    fingerprint=("fingerprint",),
    marks=("text", "raw_text", "fingerprint", "hostname", "sitename"),
)


def looks_like(data: bytes, scraper: Scraper) -> bool:
    """Whether the first record of ``data`` carries a key only ``scraper`` writes."""
    try:
        first = data.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].rstrip()
        whole = not (first.startswith(b"{") and first.endswith(b"}"))
        record = json.loads(data.decode("utf-8-sig") if whole else first)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(record, dict) and any(record.get(key) for key in scraper.marks)


def parse_file(name: str, data: bytes, scraper: Scraper) -> list[Part]:
    """``.jsonl``: one part per non-empty line (``:LINE``); else the file is one record."""
    if name.endswith(".jsonl"):
        return list(_lines(data, scraper))
    return [Part("", to_article(_load(data, "file"), scraper))]


def _lines(data: bytes, scraper: Scraper) -> Any:
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip(b" \t\r\xef\xbb\xbf"):
            continue
        position = f":{number}"
        try:
            article = to_article(_load(line, "line"), scraper)
        except InputError as exc:
            yield Part(position, error=str(exc), raw=line)
            continue
        yield Part(position, article, raw=line)


_JSON_KINDS = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def _load(data: bytes, what: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not UTF-8 JSON (byte {exc.start})") from None
    if not text.strip():
        raise InputError("empty file")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if what == "line" else f"line {exc.lineno} column {exc.colno}"
        raise InputError(f"{what} is not valid JSON ({exc.msg}: {where})") from None
    except RecursionError:
        raise InputError(f"{what} is not usable JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        kind = _JSON_KINDS.get(type(record), "value")
        raise InputError(f"{what} is a JSON {kind}, not an article object")
    return record


def to_article(record: dict[str, Any], scraper: Scraper) -> Article:
    """One scraper record as an article; :class:`InputError` when it has no text."""
    text = _text(record, scraper.text)
    if not text:
        raise InputError(f"no article text (field {scraper.text[0]!r} is missing or empty)")
    blocks = paragraph_blocks(text)
    if not blocks:
        raise InputError(f"no article text (field {scraper.text[0]!r} has no letters)")
    title = textrules.clean_line(_text(record, scraper.title) or "")
    title_source = None
    if not title:
        title, title_source = capture.first_sentence(blocks[0].text), "derived"
    authors = _authors(record, scraper.authors)
    source = Source(
        network=None,
        provider=_text(record, scraper.provider) or None,
        id=_text(record, scraper.id) or None,
        url=_text(record, scraper.url) or None,
        authors=authors or None,
        language=_text(record, scraper.language) or None,
        fingerprint=_text(record, scraper.fingerprint) or None,
    )
    return Article(
        title=title,
        blocks=blocks,
        layout=scraper.name,
        date=_date(record, scraper.date),
        retrieved=_utc(record, scraper.retrieved),
        source=source,
        description=textrules.clean_line(_text(record, scraper.description) or "") or None,
        title_source=title_source,
    )


def paragraph_blocks(text: str) -> list[Block]:
    """Scraper text keeps one paragraph per line: each line is judged alone (never joined)."""
    groups = [[line] for line in (textrules.clean_line(raw) for raw in text.split("\n")) if line]
    groups = [group for group in groups if re.search(r"[^\W\d_]|\d", group[0])]
    blocks = textrules.to_blocks(groups)
    if blocks and blocks[-1].kind == "h":
        blocks[-1] = Block("p", blocks[-1].text)
    return blocks


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def _text(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    value = _first(record, keys)
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"field {keys[0]!r} is not text")
    return fix_text(value).strip()


def _authors(record: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    """news-please gives a list; trafilatura one string, names separated by ``;``."""
    value = _first(record, keys)
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(";")
    names = (textrules.clean_line(fix_text(str(item))) for item in items if item is not None)
    return list(dict.fromkeys(name for name in names if name))


def parse_when(value: str) -> dt.datetime | dt.date | None:
    """ISO-like dates and times as scrapers write them (``2024-03-12``, ``2024-03-12 09:30:00``,
    ``2024-03-12T09:30:00+03:00``, ``...Z``); None when it is no date."""
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _date(record: dict[str, Any], keys: tuple[str, ...]) -> dt.date | None:
    """The publication day as the publisher wrote it (its own zone, not converted)."""
    value = _text(record, keys)
    when = parse_when(value) if value else None
    if when is None and value:
        raise InputError(f"field {keys[0]!r} is not a date: {value[:40]!r}")
    return when.date() if isinstance(when, dt.datetime) else when


def _utc(record: dict[str, Any], keys: tuple[str, ...]) -> dt.datetime | None:
    """A crawl time in UTC; a time without a zone is taken as UTC (crawlers log in UTC)."""
    value = _text(record, keys)
    return to_utc(value, keys[0] if keys else "retrieved") if value else None


def to_utc(value: str, field: str) -> dt.datetime:
    when = parse_when(value)
    if when is None:
        raise InputError(f"field {field!r} is not a date and time: {value[:40]!r}")
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)

