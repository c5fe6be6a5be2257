"""The "bare Pelican" baseline: the same articles, Pelican's default theme, no plugins.

Bare Pelican cannot read YAML front matter (that needs our reader plugin), so the benchmark gives
it a copy of the articles with the front matter rewritten as Pelican's native Markdown metadata
(``Key: value`` lines). Nested keys are flattened (``source_provider``, ``entities_people`` as a
comma-separated line), so bare Pelican parses the same amount of metadata and renders the same
bodies. Undated articles get ``DEFAULT_DATE`` (Pelican skips articles without a date). The
settings are what ``pelican-quickstart`` gives for local use (relative URLs, no feeds), with the
same page size, article URLs and content cache as ours, so the difference measured is the cost of
our theme, entity pages and search index.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from newsarchive.frontmatter import load


def _flat(prefix: str, value: Any, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flat(f"{prefix}_{key}" if prefix else str(key), inner, out)
    elif isinstance(value, list):
        out[prefix] = ", ".join(str(v) for v in value)
    elif isinstance(value, dt.datetime):
        out[prefix] = value.strftime("%Y-%m-%d %H:%M")
    elif value is not None:
        out[prefix] = " ".join(str(value).split())


def convert_article(text_meta: dict[str, Any], body: str) -> str:
    flat: dict[str, str] = {}
    _flat("", text_meta, flat)
    lines = [
        f"{key.capitalize() if key in ('title', 'date', 'slug', 'summary') else key}: {val}"
        for key, val in flat.items()
    ]
    return "\n".join(lines) + "\n\n" + body.lstrip("\n")


def convert_tree(content_dir: Path, out_dir: Path) -> int:
    """Write native-metadata copies of every article under ``out_dir``; returns the count."""
    count = 0
    for path in sorted(content_dir.rglob("*.md")):
        meta, body = load(path)
        target = out_dir / path.relative_to(content_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(convert_article(meta, body), encoding="utf-8")
        count += 1
    return count


SETTINGS = '''\
"""Bare Pelican for the benchmark: default theme, no plugins, quickstart-style local settings."""
AUTHOR = "bench"
SITENAME = "Bare Pelican"
SITEURL = ""
RELATIVE_URLS = True
PATH = {path!r}
ARTICLE_PATHS = ["articles"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE = (2000, 1, 1)
PLUGINS = []
DEFAULT_PAGINATION = 20
ARTICLE_URL = "articles/{{date:%Y}}/{{date:%m}}/{{slug}}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
'''


def write_settings(path: Path, content_root: Path, cache: Path) -> None:
    path.write_text(SETTINGS.format(path=str(content_root), cache=str(cache)), encoding="utf-8")
