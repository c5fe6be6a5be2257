"""Pelican glue for incremental builds: a writer that skips pages whose inputs did not change.

The fingerprinting lives in :mod:`newsarchive.site.incremental`. This module supplies the writer
(``signals.get_writer``): before a template is rendered, it fingerprints the page; when the
fingerprint and the output file match the last completed build, the page is neither rendered
nor written: the file is left as it is, modification time included. After the build
(``signals.finalized``) it saves the fingerprints under ``CACHE_PATH`` and deletes pages that the
previous build wrote and this one did not (a removed article's page, a pagination page that no
longer exists), so the output equals a clean build.

Pages that a generator makes as a *unit* (an entity's pages) can be skipped without being
fingerprinted one by one: the generator asks :meth:`IncrementalWriter.unit_token` for a digest of
what the unit's pages are made from, and :meth:`IncrementalWriter.reuse_unit` keeps them when the
last build recorded the same token for them (``State.reuse_unit``). Otherwise it writes them
inside :meth:`IncrementalWriter.unit`, which records the token and the pages for the next build.
The theme's compiled templates are kept under ``CACHE_PATH/jinja`` too.

The writer also holds each article page Pelican asks for (``article_generator_write_article``)
until Pelican has asked for the last (``article_writer_finalized``, or the first page of another
kind), then writes them in the order asked, split with a forked process from the first at which
the second CPU is free (:func:`newsarchive.site.apart.in_two`): Pelican writes them on one CPU.

Settings: ``NEWSARCHIVE_INCREMENTAL`` (default True) turns the skipping off without removing the
plugin (every page renders; stale pages are still removed).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import html
import os
import pickle
import sys
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import pelican
from jinja2 import meta
from pelican import signals
from pelican.contents import Article, Page
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

import newsarchive.article
import newsarchive.site.catalog
import newsarchive.site.pages
import newsarchive.site.timeline
import newsarchive.slug
from newsarchive import atomic
from newsarchive.site.apart import in_two, may_split, minimum_jobs
from newsarchive.site.command import reader_digest
from newsarchive.site.incremental import (
    Digester,
    Fingerprinter,
    State,
    StatePart,
    default_reducers,
    environment_digest,
    tree_digest,
)
from newsarchive.site.packed import PackedArticle

_ACTIVE: list[IncrementalWriter] = []
#: Library code that runs while templates render: the properties and methods of the objects in
#: the context (catalog, pages, timeline) and the Jinja filters (slug, article). Code that runs
#: before rendering changes the context values, which are digested themselves; test helpers such as
#: the link checker never reach a page, so editing them re-renders nothing.
RENDER_CODE = [
    Path(module.__file__)
    for module in (
        newsarchive.article,
        newsarchive.site.catalog,
        newsarchive.site.pages,
        newsarchive.site.timeline,
        newsarchive.slug,
    )
]


class _Template:
    """A template whose ``render`` goes through the writer's fingerprint check."""

    def __init__(self, template: Any, writer: IncrementalWriter) -> None:
        self._template = template
        self._writer = writer

    def render(self, *args: Any, **kwargs: Any) -> str:
        localcontext = args[0] if args else kwargs
        return self._writer.render(self._template, localcontext)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


def _template_dirs(settings: dict[str, Any]) -> list[str]:
    dirs = [os.path.join(settings["THEME"], "templates")]
    dirs += list(settings.get("THEME_TEMPLATES_OVERRIDES") or [])
    return dirs


class IncrementalWriter(Writer):
    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        settings = self.settings
        extra = [
            f"pelican {pelican.__version__}" if hasattr(pelican, "__version__") else "pelican",
            f"jinja2 {jinja2.__version__}",
            tree_digest(_template_dirs(settings), (".html", ".xml", ".txt", ".j2")),
            tree_digest([*settings.get("PLUGIN_PATHS", []), *RENDER_CODE], (".py",)),
            # articles are digested by their source text (``content_by_source``), so the code
            # that reads the text is part of every page's environment
            reader_digest(settings),
        ]
        self.enabled = bool(settings.get("NEWSARCHIVE_INCREMENTAL", True))
        environment = environment_digest(settings, extra)
        key = hashlib.sha256(os.path.abspath(output_path).encode()).hexdigest()[:16]
        state_path = Path(settings.get("CACHE_PATH") or "cache") / "incremental" / f"{key}.json"
        self.state = State(state_path, environment)
        self.environment = environment
        self._fingerprinters: dict[int, Fingerprinter] = {}
        self._digester = Digester(
            strict=True,
            reducers=default_reducers((Article, PackedArticle, Page), (Author, Category, Tag)),
            # made for one page each: not kept to the end of the build
            fresh=(newsarchive.site.pages.Page, newsarchive.site.timeline.Chart),
        )
        self._parsed: dict[str, tuple[set[str], set[str]]] = {}
        self.rendered = 0
        self.reused = 0
        self.kept_as_units = 0  # of the reused: kept with their unit, not fingerprinted
        self.by_second = 0  # of the rendered and reused: by a forked process (fork_merge)
        self._unchanged: str | None = None
        self._unit_pages: list[str] | None = None
        self._unit_fingerprint: str | None = None
        self._known: tuple[str, str | None] | None = None
        self._roots: dict[str, str] = {}
        # article pages held until the last is asked for (hold_article, write_held)
        self._hold_next = False
        self._may_hold: bool | None = None
        self._held: list[Callable[[], Any]] = []
        #: the build's articles, as both processes of a split have them: the digests a forked
        #: process made of them are taken in here (``fork_merge``)
        self._articles: Sequence[Any] = ()
        self._digested_at_fork: list[str | None] = []
        _ACTIVE[:] = [self]

    def write_file(self, name: Any, template: Any, context: Any, relative_urls: bool = False,
                   paginated: Any = None, template_name: Any = None,
                   override_output: bool = False, url: Any = None, **kwargs: Any) -> Any:
        if self._hold_next:
            self._hold_next = False
            self._held.append(partial(self._write, name, template, context, relative_urls,
                                      paginated, template_name, override_output, url, kwargs))
            return None
        self.write_held()  # whatever comes after the articles' pages, after them
        return self._write(name, template, context, relative_urls, paginated, template_name,
                           override_output, url, kwargs)

    def _write(self, name: Any, template: Any, context: Any, relative_urls: bool,
               paginated: Any, template_name: Any, override_output: bool, url: Any,
               kwargs: dict[str, Any]) -> Any:
        if self._reuse_early(name, template, context, relative_urls, paginated, template_name,
                             override_output, kwargs):
            return None
        return super().write_file(name, _Template(template, self), context, relative_urls,
                                  paginated, template_name, override_output, url, **kwargs)

    def hold_article(self, articles: Sequence[Any]) -> None:
        """Hold the next page (an article's, of the archive's ``articles``) with the others, to
        be written in two processes (:meth:`write_held`), where that can pay at all."""
        if self._may_hold is None:
            self._articles = tuple(articles)
            count = len(articles)
            self._may_hold = may_split(count, minimum=minimum_jobs(self.settings),
                                       articles=count)
        self._hold_next = self._may_hold

    def write_held(self) -> None:
        """The held article pages, written as they were asked for, split with a forked process
        once the second CPU is free (``newsarchive.site.apart``). Pelican writes an article's
        page from the shared context and the article alone, so a page is the same whichever
        process writes it, and whenever (every other page comes after them)."""
        if not self._held:  # every other page's write asks: nothing made for it
            return
        held, self._held = self._held, []
        in_two(held, self, minimum=minimum_jobs(self.settings), articles=len(held))

    def _reuse_early(self, name: Any, template: Any, context: Any, relative_urls: bool,
                     paginated: Any, template_name: Any, override_output: bool,
                     kwargs: dict[str, Any]) -> bool:
        """Keep an unpaginated page before Pelican copies the whole context for it: its
        fingerprint is taken over the variables Pelican would give it (those its template names;
        the generator's shared ones digested once per build), and a page the last build left as
        it should be is only counted, claimed and announced (``content_written``), as Pelican's
        own write would."""
        if not (self.enabled and name and getattr(template, "name", None)):
            return False
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            return False
        own = {"localsiteurl": context.get("localsiteurl")}
        if relative_urls:
            own["SITEURL"] = own["localsiteurl"] = self._relative_root(name)
        own["output_file"] = name
        own.update(kwargs)
        fingerprint = self._unit_fingerprint or self._fingerprinter(
            template.environment).page_fingerprint(template.name, name, context, own)
        path = sanitised_join(self.output_path, name)
        if not (fingerprint and self.state.reusable(name, fingerprint, path)):
            self._known = (name, fingerprint)  # render() need not take it again
            return False
        if own["localsiteurl"]:
            context["localsiteurl"] = own["localsiteurl"]
        # the page's variables as a view (its own over the generator's context), not a copy
        self._kept(name, path, override_output, ChainMap(own, context))
        if self._unit_pages is not None:
            self._unit_pages.append(name)
        return True

    def _relative_root(self, name: str) -> str:
        """The URL from page ``name`` to the site's root, as Pelican's writer makes it
        (``path_to_url(get_relative_path(name))``): it depends on the page's folder alone,
        so it is worked out once per folder."""
        folder = name.rpartition("/")[0]
        found = self._roots.get(folder)
        if found is None:
            found = self._roots[folder] = path_to_url(get_relative_path(name))
        return found

    def _kept(self, name: str, path: str, override: bool, context: Any) -> None:
        """A page left as it is: claimed, counted and announced (``content_written``, which
        the sitemap counts), as Pelican's own write of it would be."""
        self._claim(path, override)
        self.reused += 1
        signals.content_written.send(path, context=context)

    def _fingerprinter(self, env: Any) -> Fingerprinter:
        found = self._fingerprinters.get(id(env))
        if found is None:

            def load_source(name: str) -> str:
                return env.loader.get_source(env, name)[0]

            def parse(source: str) -> tuple[set[str], set[str]]:
                ast = env.parse(source)
                refs = set(meta.find_referenced_templates(ast))
                if None in refs:  # a computed template name: depend on every template
                    refs = set(env.list_templates())
                return set(meta.find_undeclared_variables(ast)), {r for r in refs if r}

            def parse_names(source: str) -> tuple[set[str], set[str]]:
                # every generator has its own environment, all made from the same settings: a
                # template is parsed once per build, not once per generator, and not at all
                # when the last build of the same environment (templates included) recorded it
                found = self._parsed.get(source)
                if found is None:
                    found = self._parsed[source] = self.state.names_of(source, parse)
                return found

            found = Fingerprinter(
                self.environment, load_source, parse_names, digester=self._digester
            )
            self._fingerprinters[id(env)] = found
        return found

    def unit_token(self, templates: Iterable[Any], context: Mapping[str, Any],
                   per_page: Iterable[str], inputs: Mapping[str, Any]) -> str | None:
        """A digest of a unit of pages: for each of its ``templates``, the shared ``context``
        it reads (all but the ``per_page`` variables), plus the ``inputs`` the per-page variables
        are made from. None when skipping is off or something cannot be digested."""
        if not self.enabled:
            return None
        per_page = frozenset(per_page)
        templates = list(templates)
        digest = hashlib.sha256()
        for template in templates:
            shared = self._fingerprinter(template.environment).shared_digest(
                template.name, context, per_page
            )
            if shared is None:
                return None
            digest.update(f"{template.name}\0{shared}\0".encode())
        fingerprinter = self._fingerprinter(templates[0].environment)
        made = fingerprinter.inputs_digest([t.name for t in templates], inputs)
        if made is None:
            return None
        digest.update(made.encode())
        return digest.hexdigest()

    def reuse_unit(self, key: str, token: str | None) -> bool:
        """Keep the unit's pages as they are when the last build made them from the same token."""
        if not token:
            return False
        pages = self.state.reuse_unit(key, token, Path(self.output_path))
        if pages is None:
            return False
        for name in pages:
            self._kept(name, sanitised_join(self.output_path, name), False, None)
        self.kept_as_units += len(pages)
        return True

    @contextlib.contextmanager
    def unit(self, key: str, token: str | None, single: bool = False) -> Iterator[None]:
        """Record the pages written (or reused one by one) inside as unit ``key``.

        A ``single`` page (the unit's list fits on one) is fingerprinted by the unit's token:
        the token stands for everything its pages are made from, and with one page there is
        nothing finer to keep. Most of a real archive's names are in one article each, and
        their pages then skip the digest of every variable they read."""
        self._unit_pages = []
        self._unit_fingerprint = f"unit:{token}" if single and token else None
        try:
            yield
            if token:
                self.state.record_unit(key, token, self._unit_pages)
        finally:
            self._unit_pages = None
            self._unit_fingerprint = None

    # --- a part of the pages written by a forked process (newsarchive.site.apart) ---

    def fork_begin(self) -> None:
        self._fork_base = (set(self._written_files), set(self._overridden_files),
                           self.rendered, self.reused, self.kept_as_units)
        self._announced: list[str] = []
        self._digested_at_fork = self._digester.digests_of(self._articles)
        self.state.begin_part()
        signals.content_written.connect(self._announce, weak=False)

    def _announce(self, path: str, context: Any = None) -> None:
        self._announced.append(path)

    def fork_journal(self) -> _Journal:
        written, overridden, rendered, reused, kept = self._fork_base
        digests = self._digester.digests_of(self._articles)
        return _Journal(
            self.state.part(),
            sorted(self._written_files - written),
            sorted(self._overridden_files - overridden),
            self._announced,
            (self.rendered - rendered, self.reused - reused, self.kept_as_units - kept),
            # only those made there: the others this process had already
            [new if old is None else None
             for new, old in zip(digests, self._digested_at_fork, strict=True)],
        )

    def fork_merge(self, journal: _Journal) -> None:
        """The forked process's pages, claimed, counted and announced here as if this process
        had written them (a file both wrote fails as a second write would)."""
        overridden = set(journal.overridden)
        for filename in journal.claimed:
            self._claim(filename, filename in overridden)
        self.state.merge(journal.state)
        self._digester.learn(self._articles, journal.digests)
        rendered, reused, kept = journal.counts
        self.rendered += rendered
        self.reused += reused
        self.kept_as_units += kept
        self.by_second += rendered + reused
        for path in journal.announced:
            signals.content_written.send(path, context=None)

    def render(self, template: Any, localcontext: dict[str, Any]) -> str:
        name = localcontext.get("output_file")
        if name and self._unit_pages is not None:
            self._unit_pages.append(name)
        fingerprint = None
        known, self._known = self._known, None
        if known is not None and known[0] == name:
            fingerprint = known[1]  # taken by _reuse_early, and the page was not reusable
        elif self.enabled and name and getattr(template, "name", None):
            fingerprint = self._fingerprinter(template.environment).fingerprint(
                template.name, name, localcontext
            )
            output = Path(self.output_path) / name
            if fingerprint and self.state.reusable(name, fingerprint, output):
                self.reused += 1
                self._unchanged = str(output)
                return ""
        text = template.render(localcontext)
        if name:
            self.state.record(name, fingerprint or "", text)
        self.rendered += 1
        return text

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        """Where Pelican writes a page or feed.

        A reused page goes nowhere: the file keeps its bytes and its modification time, so a
        deploy by rsync or make only copies the pages that changed. Any other page is written to a
        temporary file that replaces the old one when complete (:class:`atomic.TextFile`), so a
        full disk or a failed write never leaves a truncated page. Pelican's rule that no file is
        written twice (unless one write overrides) is kept.
        """
        unchanged, self._unchanged = self._unchanged, None
        reused = unchanged is not None and os.path.abspath(filename) == os.path.abspath(unchanged)
        if not self._claim(filename, override) or reused:
            return open(os.devnull, "w", encoding=encoding)  # noqa: SIM115 (Pelican closes it)
        return atomic.TextFile(filename, encoding)

    def _add_item_to_the_feed(self, feed: Any, item: Any) -> Any:
        """Feed entries with the article's title as written: our titles are text, and Pelican
        strips tags from a title as if it were HTML, so a title with ``<`` in it would lose words.
        Given the escaped title, its tag stripping gives back exactly the text."""
        return super()._add_item_to_the_feed(feed, _TextTitle(item))

    def _claim(self, filename: str, override: bool) -> bool:
        """Record that ``filename`` is written; False when an earlier override keeps it."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return False
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}": already written')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True


@dataclasses.dataclass
class _Journal:
    """What a forked process did through its copy of the writer (see ``fork_journal``)."""

    state: StatePart
    claimed: list[str]
    overridden: list[str]
    announced: list[str]
    counts: tuple[int, int, int]  # rendered, reused, kept as units
    #: the digest it made of each of the build's articles (None: none, or one made before it
    #: forked): an article's digest is then made once per build, not once per process
    digests: list[str | None]


class _TextTitle:
    """An article as the feed writer sees it: its title HTML-escaped (see the writer)."""

    def __init__(self, item: Any) -> None:
        self._item = item
        self.title = html.escape(str(item.title), quote=False)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in a folder, where a file that does not load (cut
    short by a full disk or a stopped build) is compiled again, and one that cannot be written is
    not kept, instead of failing the build."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache(generator: Any) -> None:
    """Compiled templates kept under ``CACHE_PATH/jinja`` between builds (Jinja checks each
    against its template's source, and writes through a temporary file): a rebuild does not
    compile the theme again, once per generator."""
    settings = generator.settings
    if not settings.get("NEWSARCHIVE_INCREMENTAL", True):
        return
    folder = Path(settings.get("CACHE_PATH") or "cache") / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # templates are compiled each time, as without the plugin
    generator.env.bytecode_cache = _TemplateCache(str(folder))


def _get_writer(_pelican: Any) -> type[Writer]:
    return IncrementalWriter


def _hold_article(generator: Any, content: Any = None) -> None:
    """Pelican is about to ask for an article's page (``article_generator_write_article``)."""
    if _ACTIVE:
        _ACTIVE[-1].hold_article(generator.articles)


def _write_held(_generator: Any, writer: Any = None) -> None:
    """Pelican has asked for every article's page (``article_writer_finalized``)."""
    if isinstance(writer, IncrementalWriter):
        writer.write_held()


def _finalize(pelican_obj: Any) -> None:
    if not _ACTIVE:
        return
    writer = _ACTIVE.pop()
    output = Path(pelican_obj.settings["OUTPUT_PATH"]).resolve()
    removed = 0
    for name in writer.state.stale():
        path = (output / name).resolve()
        if output in path.parents and path.is_file():
            path.unlink()
            removed += 1
            parent = path.parent
            while parent != output and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    writer.state.save(output)
    print(
        f"incremental: {writer.rendered} pages rendered, {writer.reused} reused, "
        f"{removed} stale removed ({writer.kept_as_units} reused with their entity, "
        "unfingerprinted)"
        + (f"; {writer.by_second} of them by a second process" if writer.by_second else ""),
        file=sys.stderr,
    )


def register() -> None:
    signals.get_writer.connect(_get_writer)
    signals.generator_init.connect(_template_cache)
    signals.article_generator_write_article.connect(_hold_article)
    signals.article_writer_finalized.connect(_write_held)
    signals.finalized.connect(_finalize)
