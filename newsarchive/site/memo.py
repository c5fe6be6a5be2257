"""Each article's item on entity pages rendered once per build, not once per entity it names.

An article is listed on the page of every entity it names (ten or more), each rendering the same
item again: at 10,000 articles that was a tenth of the build. The item depends only on the
article, the arguments of the macro and ``SITEURL`` (relative, so one per folder depth); the
first rendering is kept, as UTF-8 (about 1.5 kB an article), while the article lives. Entries go
when the article is freed, so an id is never reused for a stale entry and builds in one process
do not keep each other's articles. An entity's older pages and a source's pages, in the same
folder depth, list items the same way and use it too (their article is then mostly a hit); the
home and month lists show an article once each and do not, so they add no entries.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

_RENDERED: dict[tuple[Any, ...], bytes] = {}
_KEYS: dict[int, list[tuple[Any, ...]]] = {}


def _forget(article_id: int) -> None:
    for key in _KEYS.pop(article_id, ()):
        _RENDERED.pop(key, None)


def once_per_article(render: Callable[..., Any], article: Any, siteurl: str, *args: Any) -> Markup:
    """``render(article, *args)``, rendered the first time this article is listed with these
    arguments at this ``siteurl`` and remembered after that (a Jinja global)."""
    key = (id(article), siteurl, *args)
    kept = _RENDERED.get(key)
    if kept is not None:
        return Markup(kept.decode("utf-8", "surrogatepass"))
    html = Markup(render(article, *args))
    _RENDERED[key] = html.encode("utf-8", "surrogatepass")
    keys = _KEYS.get(id(article))
    if keys is None:
        keys = _KEYS[id(article)] = []
        weakref.finalize(article, _forget, id(article))
    keys.append(key)
    return html
