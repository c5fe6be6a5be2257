"""``sitemap.xml`` for the hosted site: the HTML pages a build wrote, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from newsarchive.atomic import write_text

SKIP = {"search.html"}  # a search form, not content


def page_paths(output: str | os.PathLike[str], written: Iterable[str]) -> list[str]:
    """``/``-separated paths under ``output`` of the HTML pages in ``written``, sorted."""
    root = Path(os.path.abspath(output))
    found = set()
    for name in written:
        path = Path(os.path.abspath(name))
        if path.suffix == ".html" and root in path.parents:
            found.add(path.relative_to(root).as_posix())
    return sorted(found - SKIP)


def render(siteurl: str, paths: list[str]) -> str:
    base = siteurl.rstrip("/")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in paths:
        lines.append(f"  <url><loc>{escape(base + '/' + quote(path))}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(output: str | os.PathLike[str], siteurl: str, written: Iterable[str]) -> int:
    """Write ``output/sitemap.xml`` listing the pages in ``written``; returns the URL count."""
    paths = page_paths(output, written)
    write_text(Path(output) / "sitemap.xml", render(siteurl, paths))
    return len(paths)
