"""``sitemap.xml`` for the hosted site: every HTML page of the output, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from newsarchive.atomic import write_text

SKIP = {"search.html"}  # a search form, not content


def page_paths(output: str | os.PathLike[str]) -> list[str]:
    """Relative paths (``/``-separated) of the HTML pages under ``output``, sorted."""
    root = Path(output)
    found = [
        path.relative_to(root).as_posix()
        for path in root.rglob("*.html")
        if path.is_file() and not any(part.startswith(".") for part in path.parts)
    ]
    return sorted(p for p in found if p not in SKIP)


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


def write_sitemap(output: str | os.PathLike[str], siteurl: str) -> int:
    """Write ``output/sitemap.xml``; returns the number of URLs."""
    paths = page_paths(output)
    write_text(Path(output) / "sitemap.xml", render(siteurl, paths))
    return len(paths)
