"""``sitemap.xml`` for the hosted site (``NEWSARCHIVE_SITEMAP``), from the pages this build wrote.

Fed by ``content_written`` (sent for every page, including the ones the incremental writer reuses
unchanged), so it lists exactly this build's pages: never a page removed since the last build,
whatever order other plugins clean the output in. The rendering is in ``newsarchive.site.sitemap``.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from pelican import signals

from newsarchive.site.sitemap import write_sitemap

log = logging.getLogger(__name__)
_WRITTEN: dict[int, set[str]] = {}


def _start(pelican: Any) -> None:
    """Record this build's pages, when it writes a sitemap (a local build does not: recording
    every page's path was a cost per page for nothing)."""
    if pelican.settings.get("NEWSARCHIVE_SITEMAP"):
        _WRITTEN[id(pelican.settings)] = set()


def _record(path: str, context: Any = None) -> None:
    for written in _WRITTEN.values():
        written.add(os.path.abspath(path))


def _finish(pelican: Any) -> None:
    written = _WRITTEN.pop(id(pelican.settings), set())
    settings = pelican.settings
    if settings.get("NEWSARCHIVE_SITEMAP"):
        count = write_sitemap(settings["OUTPUT_PATH"], settings["SITEURL"], written)
        log.info("sitemap.xml: %d URLs", count)


def register() -> None:
    signals.initialized.connect(_start)
    signals.content_written.connect(_record)
    signals.finalized.connect(_finish)
