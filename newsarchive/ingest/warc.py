"""Articles from web archives (``.warc``, ``.warc.gz``): one per HTML page the crawler fetched.

Each ``response`` (or ``resource``) record with status 200 and an HTML content type is read with
``warcio`` and its article text extracted with ``trafilatura``; ``retrieved`` is the record's
``WARC-Date`` and the URL its ``WARC-Target-URI``. Requests, redirects, images and other records
are not articles and are passed over. A record cut short (by ``WARC-Truncated`` or by the end of
the file) fails alone; its position is the record's byte offset (``@OFFSET``).
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

from newsarchive.ingest import scraped
from newsarchive.ingest.layout import Part
from newsarchive.ingest.model import Article, InputError

HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_RECORDS = ("response", "resource")
MAX_PLAIN_BYTES = 256 * 2**20  # a WARC gzipped as a whole is unpacked in memory up to this


def parse(data: bytes) -> list[Part]:
    """The articles of one WARC file; :class:`InputError` when it is no WARC at all."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    parts: list[Part] = []
    iterator = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    records = iter(iterator)
    offset = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except ArchiveLoadFailed as exc:
            if data[:2] == b"\x1f\x8b" and "non-chunked" in str(exc):
                return parse(_gunzip(data))  # gzipped whole, not record by record
            if not parts and offset == 0:
                raise InputError(f"not a WARC file ({_first_line(exc)})") from None
            parts.append(Part(f"@{offset}", error=f"damaged record ({_first_line(exc)})"))
            break
        except (OSError, EOFError, ValueError) as exc:  # gzip or stream cut mid-record
            parts.append(Part(f"@{offset}", error=f"damaged record ({_first_line(exc)})"))
            break
        try:
            part = _part(record, iterator, data)
        except (OSError, EOFError, ValueError) as exc:
            parts.append(Part(f"@{offset}", error=f"damaged record ({_first_line(exc)})"))
            break
        offset = iterator.get_record_offset() + iterator.get_record_length()
        if part is not None:
            parts.append(part)
    return parts


def _part(record: Any, iterator: Any, data: bytes) -> Part | None:
    """The article of one record, a failed part, or None when the record is no page."""
    is_page = record.rec_type in PAGE_RECORDS and _is_html(record)
    content = record.content_stream().read() if is_page else b""
    if not is_page:
        record.raw_stream.read()  # consume it, so the record's length is known
    offset = iterator.get_record_offset()
    length = iterator.get_record_length()
    if not is_page:
        return None
    position = f"@{offset}"
    raw = data[offset : offset + length]
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Part(position, error="record is truncated (the file ends inside it)", raw=raw)
    if record.rec_headers.get_header("WARC-Truncated"):
        reason = record.rec_headers.get_header("WARC-Truncated")
        return Part(position, error=f"record is truncated by the crawler ({reason})", raw=raw)
    try:
        article = page_article(
            content,
            record.rec_headers.get_header("WARC-Target-URI") or "",
            record.rec_headers.get_header("WARC-Date") or "",
        )
    except InputError as exc:
        return Part(position, error=str(exc), raw=raw)
    return Part(position, article, raw=raw)


def _gunzip(data: bytes) -> bytes:
    """A WARC gzipped as one stream; its records' offsets are then those of the plain WARC."""
    import zlib

    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        plain = inflater.decompress(data, MAX_PLAIN_BYTES + 1)
    except zlib.error as exc:
        raise InputError(f"not a WARC file (bad gzip data: {exc})") from None
    if len(plain) > MAX_PLAIN_BYTES:
        raise InputError(f"WARC unpacks to more than {MAX_PLAIN_BYTES // 2**20} MB")
    return plain


def _is_html(record: Any) -> bool:
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or headers.get_statuscode() != "200":
            return False  # redirects, errors, not-modified: no page here
        content_type = headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def page_article(html: bytes, url: str, fetched: str) -> Article:
    """One HTML page as an article, its fields as trafilatura finds them."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        raise InputError("no article text found in the page")
    found = document if isinstance(document, dict) else document.as_dict()
    record = {key: found.get(key) for key in ("title", "text", "date", "hostname", "sitename")}
    record |= {"author": found.get("author"), "fingerprint": found.get("fingerprint")}
    record |= {"description": found.get("description"), "language": found.get("language")}
    record["url"] = url or found.get("url")
    record["text"] = _without_title(record.get("text") or "", record.get("title") or "")
    article = scraped.to_article(record, scraped.TRAFILATURA)
    retrieved = scraped.to_utc(fetched, "WARC-Date") if fetched else None
    return dataclasses.replace(article, layout="warc", retrieved=retrieved)


def _without_title(text: str, title: str) -> str:
    """trafilatura keeps the page's ``<h1>`` as the first line; the title is not body text."""
    first, _, rest = text.partition("\n")
    return rest if title and first.strip() == title.strip() else text


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]

