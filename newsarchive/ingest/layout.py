"""Decide per file whether it is a scraped MENAFN page or plain wire text."""

from __future__ import annotations

from newsarchive.ingest import menafn, plain
from newsarchive.ingest import text as textrules
from newsarchive.ingest.model import Article

LAYOUTS = ("menafn", "plain")


def detect(text: str) -> str:
    """``"menafn"`` when the text carries any MENAFN marker, else ``"plain"``.

    Markers: the ``(MENAFN`` tag near the top, an id line (or a line that tries to be one, so a
    broken id is reported rather than silently kept as text), the MENAFN legal disclaimer, or a
    crawl header on the first line (only the MENAFN scrapes carry one).
    """
    lines = [line.strip() for line in text.split("\n")]
    head = [line for line in lines if line][:12]
    if any(menafn.TAG_ANYWHERE.match(line) for line in head):
        return "menafn"
    for line in lines:
        if menafn.ID_LIKE.match(line) or line.startswith("MENAFN provides the information"):
            return "menafn"
        if menafn.DISCLAIMER.match(line):
            return "menafn"
    if head and textrules.parse_crawl_header(head[0]) is not None:
        return "menafn"
    return "plain"


def parse(text: str, layout: str = "auto") -> Article:
    """Parse ``text`` with the given layout (``"auto"`` detects it)."""
    chosen = detect(text) if layout == "auto" else layout
    return menafn.parse(text) if chosen == "menafn" else plain.parse(text)
