"""The article contract: the rules that ingest, the site and search must apply identically.

Every place that needs an article's key, folder, URL, title, date or entity list, an entity's page
URL, or the name an entity page is shown under asks this module. The Pelican reader
(``plugins/yaml_front_matter``) and the search indexer (``newsarchive.search.document``) both turn
front matter into an :class:`ArticleMeta` with :func:`normalise`, so the site and search can only
disagree if this module is wrong, and then both are wrong the same way.

Templates get the entity types and labels through the Pelican context (``entity_types``), and the
search client through the exported manifest (``entityTypes``, ``typeLabels``, ``entityUrl``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from newsarchive.slug import entity_slug, slugify


@dataclass(frozen=True)
class EntityType:
    """One kind of entity page: its folder/front-matter key and how readers see it named."""

    key: str
    label: str
    singular: str
    schema_type: str  # schema.org type of the article's ``mentions``


#: In display order; ``key`` is the front-matter key under ``entities`` and the URL folder.
ENTITY_TYPE_LIST = (
    EntityType("people", "People", "person", "Person"),
    EntityType("organizations", "Organisations", "organisation", "Organization"),
    EntityType("places", "Places", "place", "Place"),
    EntityType("other", "Other", "other entity", "Thing"),
)
ENTITY_TYPES = tuple(t.key for t in ENTITY_TYPE_LIST)
TYPE_LABELS = {t.key: t.label for t in ENTITY_TYPE_LIST}
TYPE_SINGULAR = {t.key: t.singular for t in ENTITY_TYPE_LIST}

#: The folder (under the content folder) that holds the articles, and the site folder of their
#: pages: ``articles/YYYY/MM/<slug>.md`` becomes ``articles/YYYY/MM/<slug>.html``.
ARTICLES_DIR = "articles"
UNDATED = "undated"
ARTICLE_URL = ARTICLES_DIR + "/{folder}/{slug}.html"
ENTITY_URL = "{type}/{slug}.html"
#: Pelican's spelling of :data:`ARTICLE_URL` for dated articles (settings, drafts, translations).
PELICAN_ARTICLE_URL = ARTICLES_DIR + "/{date:%Y}/{date:%m}/{slug}.html"
#: The date Pelican sorts an undated article under (after every real date, newest first). No
#: template ever prints it: every article carries ``undated``.
UNDATED_SENTINEL = dt.datetime(1, 1, 1)


class ArticleError(ValueError):
    """Front matter that the archive refuses, with a one-line reason (the same on every side)."""


# --- keys, folders, URLs -------------------------------------------------------------------------


def article_key(relative_path: str | PurePosixPath) -> str:
    """An article's key: its path under the articles folder, ``/``-separated, without ``.md``.

    It is the ``id`` of a search result. (Front matter's ``source.article_id`` is something else:
    the provider's own number for the story.)

    The key names the file (unique in the archive); the page URL comes from the front matter instead
    (:func:`article_url`), because a hand-edited date or ``slug:`` moves the page, not the file.
    """
    text = str(relative_path)
    if _PLAIN_KEY.fullmatch(text):  # what the walk gives: nothing for the path to normalise
        return text[:-3]
    path = PurePosixPath(text.replace("\\", "/"))
    return str(path.with_suffix("")) if path.suffix == ".md" else str(path)


#: A relative path that :class:`PurePosixPath` leaves as it is (no backslash, no empty, ``.``
#: or trailing component) and whose suffix is ``.md`` (its file name is more than ``.md``).
_PLAIN_KEY = re.compile(r"(?!\./)(?:(?!\.?/)[^/\\]+/)*(?!\.md$)[^/\\]+\.md")


def article_files(root: Path) -> list[Path]:
    """The article files under the articles folder ``root``, in key order (which fixes search
    document numbers): every ``*.md`` but those in a hidden file or folder, as Pelican's
    ``IGNORE_FILES`` leaves them out too. Only the path below ``root`` counts, so an archive that
    itself sits in a hidden folder is still read."""
    return [Path(path) for _, path in article_entries(root)]


def article_entries(root: Path) -> list[tuple[str, str]]:
    """:func:`article_files` as ``(path below root, path)`` pairs, ``/``-separated below
    ``root``, in order. The paths are text: a ``Path`` for each of 10,000 files took most of the
    listing's time, and a build reads only the few that changed."""
    return sorted(_article_candidates(root))


def has_articles(root: Path) -> bool:
    """Whether :func:`article_files` would find any, without listing the whole archive."""
    return next(_article_candidates(root), None) is not None


def _article_candidates(root: Path) -> Iterator[tuple[str, str]]:
    """Files named ``*.md`` (a link to a file counts) in ``root`` and its folders (a link to a
    folder is not followed), leaving out hidden names. One ``scandir`` per folder, whose entries
    know their own type: a regular file costs no ``stat`` of its own (10,000 articles are listed
    in about 0.07 s instead of 0.16 s with ``os.walk`` and a ``stat`` per file)."""
    folders = [(str(root), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # as os.walk does: a folder that cannot be listed has no articles
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, f"{prefix}{name}/"))
            elif name.endswith(".md") and entry.is_file():
                yield prefix + name, entry.path


def article_folder(date: dt.date | None) -> str:
    """``YYYY/MM`` for a publication date, ``undated`` without one (files and pages alike)."""
    return f"{date.year:04d}/{date.month:02d}" if date is not None else UNDATED


def article_url(date: dt.date | None, slug: str) -> str:
    return ARTICLE_URL.format(folder=article_folder(date), slug=slug)


def entity_url(kind: str, slug: str) -> str:
    return ENTITY_URL.format(type=kind, slug=slug)


def entity_name_url(name: str, kind: str) -> str:
    """The page of the entity called ``name`` (the Jinja filter ``entity_url``)."""
    return entity_url(kind, entity_slug(name))


def entity_key(kind: str, slug: str) -> str:
    """``TYPE/SLUG``: how search filters (``--entity``, ``entity=``) and facets name a page."""
    return f"{kind}/{slug}"


# --- the display name of an entity page ----------------------------------------------------------


def display_name(counts: Mapping[str, int]) -> str:
    """The spelling with most articles; ties go to the alphabetically first (code point order)."""
    return min(counts, key=lambda name: (-counts[name], name))


@dataclass
class NameVotes:
    """Spellings seen for each entity page, counted once per article.

    Several spellings that share a slug ("Ines Varga-Holt", "Ines Varga Holt") make one page. In
    an article that writes both, the first counts for the article and the others are only
    recorded, so the page name and the search facet name come from the very same counts.
    """

    counts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)

    def add_article(self, entities: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
        """Count one article's names; returns its entity pages as ``(type, slug)`` in order."""
        keys: list[tuple[str, str]] = []
        for kind in ENTITY_TYPES:
            for name in entities.get(kind, ()) or ():
                key = (kind, entity_slug(name))
                names = self.counts.get(key)
                if names is None:
                    names = self.counts[key] = Counter()
                if key in keys:
                    names.setdefault(name, 0)
                    continue
                keys.append(key)
                names[name] += 1
        return keys

    def name(self, key: tuple[str, str]) -> str:
        return display_name(self.counts[key])


# --- front matter ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleMeta:
    """One article as every part of the chain sees it, from its front matter and file path."""

    key: str
    slug: str
    title: str
    date: dt.datetime | None
    retrieved: dt.datetime | None
    provider: str
    summary: str
    words: int | None
    entities: dict[str, list[str]]

    @property
    def day(self) -> dt.date | None:
        return self.date.date() if self.date is not None else None

    @property
    def url(self) -> str:
        return article_url(self.date, self.slug)

    @property
    def date_text(self) -> str:
        """``YYYY-MM-DD`` or ``""``: the publication day as search stores and shows it."""
        return self.day.isoformat() if self.day is not None else ""

    @property
    def year_text(self) -> str:
        return f"{self.date.year:04d}" if self.date is not None else UNDATED


def parse_datetime(value: Any, key: str) -> dt.datetime:
    """A YAML date, datetime or ISO 8601 string as a datetime (a day becomes midnight)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ArticleError(f"front matter {key!r} is not a date: {value!r}")


def scalar_text(value: Any) -> str | None:
    """A scalar as text; ``None`` for what is not one (mappings, lists, booleans)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return None


def normalise_entities(value: Any) -> dict[str, list[str]]:
    """``entities`` with every type present, each name once, in the order written."""
    result: dict[str, list[str]] = {kind: [] for kind in ENTITY_TYPES}
    if value is None:
        return result
    if not isinstance(value, Mapping):
        raise ArticleError("front matter 'entities' is not a mapping")
    for kind, names in value.items():
        if kind not in result:
            known = ", ".join(ENTITY_TYPES)
            raise ArticleError(f"front matter 'entities' has an unknown type {kind!r} "
                               f"(known: {known})")
        if names is None:
            continue
        if not isinstance(names, list):
            raise ArticleError(f"front matter 'entities.{kind}' is not a list")
        for name in names:
            text = scalar_text(name)
            if text is None and name is not None:
                raise ArticleError(f"front matter 'entities.{kind}' holds a {type(name).__name__}, "
                                   "not a name")
            if text and text not in result[kind]:
                result[kind].append(text)
    return result


def normalise(meta: Mapping[str, Any], key: str) -> ArticleMeta:
    """The one reading of an article's front matter (``key`` is its :func:`article_key`).

    Raises :class:`ArticleError` with a one-line reason. Keys are case-insensitive. The slug is
    ``slug:`` when given, else the file name, always passed through :func:`slugify` so that no
    value can make a path outside the output folder.
    """
    lowered = {str(key).lower(): value for key, value in meta.items() if value is not None}
    title = scalar_text(lowered.get("title"))
    if not title:
        raise ArticleError("front matter has no 'title'")
    slug_source = scalar_text(lowered.get("slug")) or PurePosixPath(key).name
    date = parse_datetime(lowered["date"], "date") if "date" in lowered else None
    retrieved = (
        parse_datetime(lowered["retrieved"], "retrieved") if "retrieved" in lowered else None
    )
    for nested in ("source", "raw"):
        if nested in lowered and not isinstance(lowered[nested], Mapping):
            raise ArticleError(f"front matter {nested!r} is not a mapping")
    source = lowered.get("source") or {}
    words = lowered.get("words")
    if words is not None:
        if isinstance(words, bool) or not isinstance(words, int | str):
            raise ArticleError(f"front matter 'words' is not a number: {words!r}")
        try:
            words = int(words)
        except ValueError as exc:
            raise ArticleError(f"front matter 'words' is not a number: {words!r}") from exc
    return ArticleMeta(
        key=key,
        slug=slugify(slug_source),
        title=title,
        date=date,
        retrieved=retrieved,
        provider=scalar_text(source.get("provider")) or "",
        summary=scalar_text(lowered.get("summary")) or "",
        words=words,
        entities=normalise_entities(lowered.get("entities")),
    )
