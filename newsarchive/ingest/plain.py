"""Parse plain wire text: title line, blank line, paragraphs.

The first non-empty line is the title. A crawl header on the first line is honoured (retrieval
time). The date comes only from a wire dateline at the start of the lead, and only when the year is
known (from the dateline or the crawl header); otherwise the article is undated. A plain article
has no ``source`` in its front matter: nothing in the text says who published it.
"""

from __future__ import annotations

import re

from newsarchive.ingest import text as textrules
from newsarchive.ingest.model import Article, Block, InputError


def parse(text: str) -> Article:
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    retrieved = textrules.parse_crawl_header(lines[start]) if start < len(lines) else None
    if retrieved is not None:
        start += 1
        while start < len(lines) and not lines[start].strip():
            start += 1
    if start >= len(lines):
        raise InputError("no title (nothing after the crawl header)")
    title = textrules.clean_line(lines[start])
    if len(title) > 300:
        raise InputError(f"no title (the first line is {len(title)} characters long)")
    if not re.search(r"[^\W\d_]", title):
        raise InputError("no title (the first line has no letters)")
    groups = textrules.split_blocks(lines[start + 1 :])
    if not groups:
        raise InputError("no body text after the title")
    parsed_dateline = textrules.lead_dateline(groups)
    blocks = textrules.to_blocks(groups)
    if blocks[-1].kind == "h":
        blocks[-1] = Block("p", blocks[-1].text)
    return Article(
        title=title,
        blocks=blocks,
        layout="plain",
        date=textrules.dateline_date(parsed_dateline, retrieved),
        retrieved=retrieved,
        source=None,
        dateline=parsed_dateline[0] if parsed_dateline else None,
    )
