"""Turn an article's front matter into the metadata dict a Pelican reader returns.

The reading itself is :func:`newsarchive.article.normalise`, the same one the search indexer
calls; this module only puts its result in Pelican's shape. Decisions that matter to templates:

- Nested YAML (``source``, ``raw``, ``copies``) stays as real dicts and lists.
- ``entities`` always has the four type keys with lists of names (missing ones are empty).
- ``summary`` is HTML-escaped text: Pelican treats ``summary`` as HTML (feeds, ``article.summary``),
  and scraped text must never become markup. ``title`` stays plain text; templates escape it.
- Every article gets its ``url`` and ``save_as`` from the contract (``article.url``), so the page
  is written exactly where search links to.
- Pelican needs a date on every article, but an undated article must never show a fake one. Such an
  article gets ``undated: True`` and the sentinel date :data:`UNDATED_SENTINEL` (sorts after every
  real date when newest comes first). Every article has ``undated`` so templates can test
  ``article.undated`` before printing a date.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Mapping
from typing import Any

from newsarchive.article import (
    UNDATED_SENTINEL,
    ArticleError,
    normalise,
    parse_datetime,
    scalar_text,
)
from newsarchive.slug import slugify


def to_pelican_metadata(meta: Mapping[str, Any], key: str | None) -> dict[str, Any]:
    """Pelican metadata for one file's front matter; ``ArticleError`` gives the one-line reason.

    ``key`` is the article key (:func:`newsarchive.article.article_key`); ``None`` for a page
    (``content/pages``), which has no publication date and needs none.
    """
    out = {_name(key): _shared_names(value) for key, value in meta.items() if value is not None}
    if key is None:
        return _page_metadata(out)
    found = normalise(meta, key)
    out.update(
        title=found.title,
        slug=found.slug,
        undated=found.date is None,
        date=found.date if found.date is not None else UNDATED_SENTINEL,
        url=found.url,
        save_as=found.url,
        # the same names recur in thousands of articles: one string each for the whole build
        entities={kind: [sys.intern(name) for name in names]
                  for kind, names in found.entities.items()},
        article_key=found.key,
    )
    if found.retrieved is not None:
        out["retrieved"] = found.retrieved
    if found.words is not None:
        out["words"] = found.words
    if "summary" in out:
        out["summary"] = html.escape(found.summary)
    return out


def _name(key: Any) -> str:
    """A front matter key as Pelican's metadata names it: one string for the whole build (the
    YAML loader makes every key anew for every file, and every article keeps its keys)."""
    return sys.intern(str(key).lower())


#: Nested values that recur across thousands of articles (``source.network``, its provider).
_RECURRING = frozenset({"network", "provider"})


def _shared_names(value: Any) -> Any:
    """``value`` with the keys of its mappings, and their values that recur across articles,
    one string each for the whole build (about 1 kB an article, 100 MB at 100,000)."""
    if isinstance(value, dict):
        return {
            (sys.intern(k) if type(k) is str else k): (
                sys.intern(v) if k in _RECURRING and type(v) is str else _shared_names(v)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_shared_names(v) for v in value]
    return value


def _page_metadata(out: dict[str, Any]) -> dict[str, Any]:
    title = scalar_text(out.get("title"))
    if not title:
        raise ArticleError("front matter has no 'title'")
    out["title"] = title
    out["slug"] = slugify(str(out.get("slug") or out["title"]))
    out["undated"] = "date" not in out
    if "date" in out:
        out["date"] = parse_datetime(out["date"], "date")
    if "summary" in out:
        out["summary"] = html.escape(str(out["summary"]).strip())
    return out
