"""Pelican glue for the home page, the entity, source and date-archive pages and per-entity
feeds. Long lists are paged by ``newsarchive.site.pages`` (older pages cut where their articles
say, so they stay put wherever an article lands; written with older.html), and Pelican's
article lists are put in the catalog's display order.

The grouping lives in ``newsarchive.site.catalog`` (no Pelican there); this module turns Pelican's
articles into ``ArticleInfo`` records, puts the result in the shared template context and writes
the pages. Context variables for every template (the home page uses them):

- ``top_entities``: {type: [Entity, ...]} most articles first (``NEWSARCHIVE_TOP_ENTITIES`` each)
- ``entity_types``: [(type, label, schema.org type), ...] from ``newsarchive.article``, the one
  list of entity types (templates loop over it); ``entity_catalog``: the whole ``Catalog``
- ``archive_years``: [Year] newest first (``year.url``, ``year.count``, ``year.months``)
- ``archive_undated``: undated articles; ``archive_undated_url``: their page or None
- ``archive_sources``: [Source] A-Z (``source.url``, ``source.name``, ``source.count``)
- ``entity_type_singulars``: {type: singular label} ("person"), for counts of one
- every article gets ``article.entity_shown``: {type: its most mentioned names} (the article
  sidebar shows these and puts the others behind a disclosure;
  ``NEWSARCHIVE_ARTICLE_ENTITIES_SHOWN`` per type, default 6),
  ``article.date_neighbours``: {"previous": {title, url} | None, "next": ...}, the articles
  before and after it in date order (undated ones among the undated, in archive order), and
  ``article.archive_month_url``, its month's page (so an article page reads its own month, not
  the list of all months, and a new month re-renders no old article)
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sys
from collections.abc import Callable
from functools import partial
from html import unescape
from typing import Any

from pelican import signals
from pelican.generators import Generator

from newsarchive.article import (
    ENTITY_TYPE_LIST,
    ENTITY_TYPES,
    TYPE_LABELS,
    TYPE_SINGULAR,
)
from newsarchive.entities.config import EntityConfig, EntityConfigError
from newsarchive.site.aliases import AliasBook, load_entities_config, load_manifest_aliases
from newsarchive.site.apart import in_two, minimum_jobs
from newsarchive.site.catalog import (
    ArticleInfo,
    Catalog,
    build_catalog,
    date_neighbours,
    display_order,
    letters,
    month_neighbours,
    most_mentioned,
)
from newsarchive.site.imports import share_imports
from newsarchive.site.pages import paginate
from newsarchive.site.settings import entities_file, manifest_path
from newsarchive.site.settle import hold_full_collections, settle
from newsarchive.site.timeline import Chart

log = logging.getLogger(__name__)


#: What each page of an entity gets besides the shared context (see ``generate_output``).
ENTITY_PAGE_VARS = ("page", "entity", "timeline_svg", "entity_feed_url", "heading", "kicker",
                    "crumbs", "shared")


def _info(article: Any, settings: dict[str, Any]) -> ArticleInfo:
    source = getattr(article, "source", None)
    provider = source.get("provider") if isinstance(source, dict) else None
    undated = bool(getattr(article, "undated", False))
    return ArticleInfo(
        key=article.article_key,
        date=None if undated else article.date,
        entities=getattr(article, "entities", None) or {},
        provider=str(provider) if provider else None,
    )


class EntityPagesGenerator(Generator):
    """Entity pages and indexes, source pages, date archives (and feeds when enabled)."""

    catalog: Catalog
    articles: list[Any]

    def generate_context(self) -> None:
        hold_full_collections()  # what is made here stays to the end of the build (settle below)
        self.articles, infos = self._display_order()
        book = AliasBook()
        load_manifest_aliases(manifest_path(self.settings), book)
        _load_entities_file(self.settings, book)
        self.catalog = build_catalog(
            infos,
            aliases=book,
            related_limit=int(self.settings.get("NEWSARCHIVE_RELATED_ENTITIES", 10)),
        )
        shown = int(self.settings.get("NEWSARCHIVE_ARTICLE_ENTITIES_SHOWN", 6))
        for article in self.articles:
            entities = getattr(article, "entities", None) or {}
            text = ""
            if any(len(entities.get(kind) or ()) > shown for kind in ENTITY_TYPES):
                # the text is read only to choose among more names than are shown
                body = getattr(article, "_content", None) or ""
                text = unescape(f"{getattr(article, 'title', '')} {body}")
            article.entity_shown = {
                kind: most_mentioned(entities.get(kind) or [], text, shown)
                for kind in ENTITY_TYPES
                if entities.get(kind)
            }
        for year in self.catalog.years:
            for month in year.months:
                for index in month.articles:
                    self.articles[index].archive_month_url = month.url
        # an article is the next of one article and the previous of another: one link for both
        links = [self._link(index) for index in range(len(self.articles))]
        for index, (before, after) in date_neighbours(self.catalog, infos).items():
            self.articles[index].date_neighbours = {
                "previous": None if before is None else links[before],
                "next": None if after is None else links[after],
            }
        top = int(self.settings.get("NEWSARCHIVE_TOP_ENTITIES", 8))
        self.context.update(
            entity_catalog=self.catalog,
            entity_types=[(t.key, t.label, t.schema_type) for t in ENTITY_TYPE_LIST],
            entity_type_singulars=dict(TYPE_SINGULAR),
            top_entities={kind: self.catalog.top(kind, top) for kind in ENTITY_TYPES},
            archive_years=self.catalog.years,
            archive_undated=[self.articles[i] for i in self.catalog.undated],
            archive_undated_url="archives/undated.html" if self.catalog.undated else None,
            archive_sources=self.catalog.sources,
        )
        settle()  # the catalog and the context stay to the end of the build

    def _display_order(self) -> tuple[list[Any], list[ArticleInfo]]:
        """Pelican's article lists put in the catalog's display order (newest first, undated
        last, ties by article id), in place: Pelican leaves articles of the same date in the
        order the files were found, which may differ between builds and would move articles
        between pages. Returns the articles in that order and their ``ArticleInfo`` records."""
        articles = self.context.get("articles")
        if not isinstance(articles, list):
            return [], []
        infos = [_info(article, self.settings) for article in articles]
        kept = _one_per_page(articles, infos)
        kept_infos = [infos[i] for i in kept]
        order = display_order(kept_infos)
        articles[:] = [articles[kept[i]] for i in order]
        position = {id(article): n for n, article in enumerate(articles)}
        dates = self.context.get("dates")
        if isinstance(dates, list):
            dates[:] = [article for article in dates if id(article) in position]
            if self.settings.get("NEWEST_FIRST_ARCHIVES", True):
                dates.sort(key=lambda article: position[id(article)])
        return list(articles), [kept_infos[i] for i in order]

    def _link(self, index: int) -> dict[str, str]:
        article = self.articles[index]
        return {"title": str(article.title), "url": str(article.url)}

    def _anchor(self, article: Any) -> str:
        """The name an article gives an older page it ends a run of (``newsarchive.site.pages``):
        its date and a digest of its URL, the same in every build. Computed once per article."""
        key = id(article)
        found = self._anchors.get(key)
        if found is None:
            digest = hashlib.sha256(str(article.url).encode("utf-8")).hexdigest()[:8]
            undated = getattr(article, "undated", False)
            day = article.date  # %Y-%m-%d without Pelican's strftime (a tenth as long)
            found = digest if undated else f"{day.year}-{day.month:02d}-{day.day:02d}-{digest}"
            self._anchors[key] = found
        return found

    def _objects(self, indexes: list[int]) -> list[Any]:
        return [self.articles[i] for i in indexes]

    def _write(self, writer: Any, name: str, template: str, **values: Any) -> None:
        writer.write_file(
            name,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            **values,
        )

    def _write_list(self, writer: Any, items: list[Any], size: int, base: str, template: str,
                    older: dict[str, Any], **values: Any) -> None:
        """A list's first page with ``template`` and ``values``; its older pages with
        older.html and only ``older`` (heading, kicker, crumbs), so that they do not read what
        grows with the list (counts, timeline, related entities) and stay as they are. Undated
        articles (last in every list) get pages of their own unless the list is all undated."""
        for job in self._list_pages(writer, items, size, base, template, older, **values):
            job()

    def _list_pages(self, writer: Any, items: list[Any], size: int, base: str, template: str,
                    older: dict[str, Any], **values: Any) -> list[Callable[[], None]]:
        """Writing each page of :meth:`_write_list`'s list, one job per page."""
        undated = sum(1 for item in items if getattr(item, "undated", False))
        return [
            partial(self._write, writer, page.url, template, page=page, **values) if page.first
            else partial(self._write, writer, page.url, "older", page=page, **older)
            for page in paginate(items, size, base, undated if undated < len(items) else 0,
                                 anchor=self._anchor, describe=_date_range)
        ]

    def generate_output(self, writer: Any) -> None:
        self._anchors: dict[int, str] = {}
        size = int(self.settings.get("ENTITY_PAGE_SIZE", 20))
        feeds = bool(self.settings.get("NEWSARCHIVE_ENTITY_FEEDS"))
        home_size = int(self.settings.get("DEFAULT_PAGINATION") or 20)
        # Every page below reads only the articles and the catalog: from the first at which a
        # second CPU is free (the search step is done), a forked process shares those left,
        # each process taking the next (newsarchive.site.apart). The home list's pages come
        # first, one job each.
        home = self._list_pages(writer, self.articles, home_size, "index", "index",
                                {"heading": "Latest articles", "kicker": "", "crumbs": [],
                                 "shared": False})
        jobs = [*home, *self._entity_jobs(writer, size, feeds), *self._list_jobs(writer, size)]
        in_two(jobs, writer if hasattr(writer, "fork_begin") else None,
               minimum=minimum_jobs(self.settings),
               articles=len(self.articles))

        all_feed = self.settings.get("FEED_ALL_ATOM")
        if feeds and all_feed:
            # Pelican's own feed would list undated articles under their sentinel date.
            self._write_feed(writer, self.articles, all_feed, None, override=True)

    def _entity_jobs(self, writer: Any, size: int, feeds: bool) -> list[Callable[[], None]]:
        """Writing each entity's pages (and feed), then each type's two indexes."""
        # An entity's pages are one unit for the incremental writer: when what they are made
        # from is as in the last build, they are kept without fingerprinting each page.
        units = hasattr(writer, "unit_token")
        templates = [self.get_template("entity"), self.get_template("older")]

        def write_entity(kind: str, entity: Any) -> None:
            articles = self._objects(entity.articles)
            svg = Chart(entity.timeline, f"Articles per {entity.timeline.unit} "
                        f"mentioning {entity.name}") if entity.timeline else ""
            feed_url = f"feeds/{kind}/{entity.slug}.atom.xml" if feeds else None
            older = {"heading": entity.name, "kicker": TYPE_SINGULAR[kind].capitalize(),
                     "crumbs": [(f"{kind}/index.html", TYPE_LABELS[kind]),
                                (entity.url, entity.name)], "shared": True}
            values = dict(entity=entity, timeline_svg=svg, entity_feed_url=feed_url)
            # the chart and the older pages' heading are made from the entity itself
            token = writer.unit_token(
                templates, self.context, ENTITY_PAGE_VARS,
                dict(entity=entity, articles=articles, size=size, feed=feed_url),
            ) if units else None
            if not (units and writer.reuse_unit(entity.url, token)):
                single = len(articles) <= size  # paginate() makes one page of them
                with (writer.unit(entity.url, token, single) if units
                      else contextlib.nullcontext()):
                    self._write_list(writer, articles, size, f"{kind}/{entity.slug}",
                                     "entity", older, **values)
            if feed_url:
                self._write_feed(writer, articles, feed_url, entity.name)

        def write_indexes(kind: str) -> None:
            entities = self.catalog.entities[kind]
            common = dict(entity_type=kind, entity_type_label=TYPE_LABELS[kind],
                          entity_type_singular=TYPE_SINGULAR[kind], entities=entities,
                          total=len(entities))
            self._write(writer, f"{kind}/index.html", "entity_index", ordering="az",
                        letter_groups=letters(entities), **common)
            self._write(writer, f"{kind}/by-count.html", "entity_index", ordering="count",
                        ranked=self.catalog.entities_by_count(kind), **common)

        jobs: list[Callable[[], None]] = [
            partial(write_entity, kind, entity)
            for kind in ENTITY_TYPES for entity in self.catalog.entities[kind]
        ]
        return jobs + [partial(write_indexes, kind) for kind in ENTITY_TYPES]

    def _list_jobs(self, writer: Any, size: int) -> list[Callable[[], None]]:
        """Writing each source's pages, the sources' index, each year's page, each month's
        pages and the undated articles' pages."""
        jobs: list[Callable[[], None]] = []
        for source in self.catalog.sources:
            crumbs = [("sources/index.html", "Sources"), (source.url, source.name)]
            jobs.append(partial(self._write_list, writer, self._objects(source.articles), size,
                                f"sources/{source.slug}", "source",
                                {"heading": source.name, "kicker": "Source", "crumbs": crumbs,
                                 "shared": True},
                                source=source))
        jobs.append(partial(self._write, writer, "sources/index.html", "sources",
                            sources=self.catalog.sources,
                            unsourced=self._objects(self.catalog.unsourced)))

        month_size = int(self.settings.get("NEWSARCHIVE_ARCHIVE_PAGE_SIZE", 50))
        around = month_neighbours(self.catalog)
        for year in self.catalog.years:
            jobs.append(partial(self._write, writer, year.url, "archive_year", year=year))
            for month in year.months:
                earlier, later = around[(month.year, month.month)]
                crumbs = [("archives.html", "Archive"), (year.url, str(year.year)),
                          (month.url, month.name)]
                jobs.append(partial(
                    self._write_list, writer, self._objects(month.articles), month_size,
                    month.url[: -len(".html")], "archive_month",
                    {"heading": month.label, "kicker": "Archive", "crumbs": crumbs,
                     "shared": False},
                    year=year, month=month, month_previous=earlier, month_next=later))
        if self.catalog.undated:
            crumbs = [("archives.html", "Archive"), ("archives/undated.html", "Undated")]
            jobs.append(partial(self._write_list, writer, self._objects(self.catalog.undated),
                                month_size, "archives/undated", "archive_undated",
                                {"heading": "Undated articles", "kicker": "Archive",
                                 "crumbs": crumbs, "shared": False}))
        return jobs

    def _write_feed(self, writer: Any, articles: list[Any], path: str, title: str | None,
                    override: bool = False) -> None:
        dated = [a for a in articles if not getattr(a, "undated", False)]
        limit = self.settings.get("FEED_MAX_ITEMS") or len(dated)
        writer.write_feed(dated[:limit], self.context, path, path,
                          feed_title=title, override_output=override)


def _date_range(articles: Any) -> str:
    """An older page's name: the dates of its oldest and newest articles (newest first)."""
    days = [f"{a.date.day} {a.date.strftime('%B %Y')}" for a in (articles[-1], articles[0])
            if not getattr(a, "undated", False)]
    return " – ".join(dict.fromkeys(days)) or "Undated"


def _one_per_page(articles: list[Any], infos: list[ArticleInfo]) -> list[int]:
    """Indexes of the articles to build: of two files that give one page (their slugs agree in
    the first 80 characters, or were edited to be equal), the first by article key is built and
    the other is reported on one line; otherwise Pelican would stop at the second write."""
    first: dict[str, int] = {}
    for index in sorted(range(len(articles)), key=lambda i: infos[i].key):
        url = str(getattr(articles[index], "save_as", "") or "") or f"\0{index}"
        if url in first:
            log.error("Could not process %s: it gives the page %s, which %s already gives; "
                      "give one of them another slug", articles[index].source_path, url,
                      articles[first[url]].source_path)
            continue
        first[url] = index
    return sorted(first.values())


def _get_generators(_pelican: Any) -> type[Generator]:
    return EntityPagesGenerator


def _load_entities_file(settings: dict[str, Any], book: AliasBook) -> None:
    """Other names from the entities.yml that :func:`entities_file` picks; says which one."""
    path = entities_file(settings)
    if path is None:
        print("entities: no entities.yml", file=sys.stderr)
        return
    try:
        config = EntityConfig.load(path)
    except EntityConfigError as exc:
        log.error("%s", exc)  # one line; the build goes on without its names and exits 1
        return
    print(f"entities: {path}", file=sys.stderr)
    load_entities_config(config, book)


def register() -> None:
    signals.get_generators.connect(_get_generators)
    # every generator's templates, Pelican's article pages' included
    signals.generator_init.connect(share_imports)
