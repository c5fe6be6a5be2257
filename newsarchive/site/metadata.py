"""Turn an article's YAML front matter into the metadata dict a Pelican reader returns.

Kept free of Pelican so it can be tested on its own. Decisions that matter to templates:

- Nested YAML (``source``, ``entities``, ``raw``) stays as real dicts and lists.
- ``entities`` always has the four type keys with lists of names (missing ones are empty).
- ``summary`` is HTML-escaped text: Pelican treats ``summary`` as HTML (feeds, ``article.summary``),
  and scraped text must never become markup. ``title`` stays plain text; templates escape it.
- Pelican needs a date on every article, but an undated article must never show a fake one. Such an
  article gets ``undated: True``, the sentinel date :data:`UNDATED_DATE` (sorts after every real
  date when newest comes first) and the URL ``articles/undated/<slug>.html``. Every article has
  ``undated`` so templates can test ``article.undated`` before printing a date.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any

from newsarchive.slug import slugify

ENTITY_TYPES = ("people", "organizations", "places", "other")
UNDATED_DATE = dt.datetime(1, 1, 1)
UNDATED_URL = "articles/undated/{slug}.html"


def parse_datetime(value: Any, field: str) -> dt.datetime:
    """A YAML date, datetime or ISO 8601 string as a datetime (dates become midnight)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"front matter {field!r} is not a date: {value!r}")


def normalise_entities(value: Any) -> dict[str, list[str]]:
    """The ``entities`` mapping with every type present and only non-empty string names."""
    result: dict[str, list[str]] = {kind: [] for kind in ENTITY_TYPES}
    if value is None:
        return result
    if not isinstance(value, Mapping):
        raise ValueError("front matter 'entities' is not a mapping")
    for kind, names in value.items():
        if kind not in result:
            raise ValueError(f"front matter 'entities' has an unknown type {kind!r}")
        if names is None:
            continue
        if not isinstance(names, list):
            raise ValueError(f"front matter 'entities.{kind}' is not a list")
        seen: set[str] = set()
        for name in names:
            text = str(name).strip()
            if text and text not in seen:
                seen.add(text)
                result[kind].append(text)
    return result


def to_pelican_metadata(
    meta: Mapping[str, Any], settings: Mapping[str, Any], *, is_article: bool = True
) -> dict[str, Any]:
    """Pelican metadata for one file's front matter; ``ValueError`` names the bad field.

    Pages (``is_article=False``) have no publication date and need none.
    """
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if value is not None:
            out[str(key).lower()] = value

    title = out.get("title")
    if not isinstance(title, str | int | float) or not str(title).strip():
        raise ValueError("front matter has no 'title'")
    out["title"] = str(title).strip()
    slug = slugify(str(out.get("slug") or out["title"]))
    out["slug"] = slug

    if "date" in out:
        out["date"] = parse_datetime(out["date"], "date")
        out["undated"] = False
    elif not is_article:
        out["undated"] = True
    else:
        out["date"] = UNDATED_DATE
        out["undated"] = True
        pattern = str(settings.get("NEWSARCHIVE_UNDATED_URL", UNDATED_URL))
        out["url"] = pattern.format(slug=slug)
        out["save_as"] = str(settings.get("NEWSARCHIVE_UNDATED_SAVE_AS", pattern)).format(
            slug=slug
        )
    if "retrieved" in out:
        out["retrieved"] = parse_datetime(out["retrieved"], "retrieved")

    if "summary" in out:
        out["summary"] = html.escape(str(out["summary"]).strip())
    out["entities"] = normalise_entities(out.get("entities"))
    for nested in ("source", "raw"):
        if nested in out and not isinstance(out[nested], Mapping):
            raise ValueError(f"front matter {nested!r} is not a mapping")
    if "words" in out:
        try:
            out["words"] = int(out["words"])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"front matter 'words' is not a number: {out['words']!r}") from exc
    return out
