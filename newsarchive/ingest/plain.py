"""Parse plain wire text: title line, blank line, paragraphs.

The first non-empty line is the title. A crawl header on the first line is honoured (retrieval
time). The date comes only from a wire dateline at the start of the lead, and only when the year is
known (from the dateline or the crawl header); otherwise the article is undated. A plain article
has no ``source`` in its front matter: nothing in the text says who published it.
"""

from __future__ import annotations

from newsarchive.ingest import textrules
from newsarchive.ingest.model import Article, Block, InputError


def parse(text: str) -> Article:
    lines = text.split("\n")
    retrieved, title, start = textrules.header_and_title(lines)
    groups = textrules.split_blocks(lines[start + 1 :])
    if not groups:
        raise InputError("no body text after the title")
    parsed_dateline = textrules.lead_dateline(groups)
    blocks = textrules.to_blocks(groups)
    if blocks[-1].kind == "h":
        blocks[-1] = Block("p", blocks[-1].text)
    date, warning = textrules.plausible_date(
        textrules.dateline_date(parsed_dateline, retrieved), retrieved
    )
    header_note = textrules.first_line_warning(lines)
    return Article(
        title=title,
        blocks=blocks,
        layout="plain",
        date=date,
        retrieved=retrieved,
        source=None,
        dateline=parsed_dateline[0] if parsed_dateline else None,
        notes=[note for note in (header_note, warning) if note],
    )
