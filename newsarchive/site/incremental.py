"""Fingerprints that let a site build skip pages whose inputs did not change.

Pelican renders every page on every build. A page's HTML is a function of its template (and the
templates it extends, includes or imports), the settings, and the values of the context variables
those templates name. This module computes a fingerprint over exactly that: the template sources,
an environment digest (settings, Jinja filter code, the generator's version) and a deep digest of
each context variable the template closure refers to. When a page's fingerprint and its output file
are unchanged since the last build, the writer reuses the file instead of rendering it.

Correctness rests on two rules: a value that cannot be digested deterministically makes its page
render (never a guess), and a *projection* narrows a variable only where a template is known to
read just part of it (article pages read the archive's month links, not its counts).

No Pelican import here (library code); ``plugins/incremental`` is the glue.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import inspect
import json
import marshal
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

STATE_VERSION = 4

#: Variables Pelican's writer sets for each page itself (besides those a generator passes).
PER_PAGE_VARS = frozenset({"SITEURL", "localsiteurl", "output_file"})

#: Attributes never followed: back-references to the whole settings or context, which are
#: covered by the environment digest or by the variables a template names.
SKIPPED_ATTRS = frozenset({"settings", "_context"})
#: What the entity-pages plugin sets on an article for its own page alone (article.html): the
#: articles before and after it in date order and its month's URL. A new article changes them
#: for the article it lands beside, and no list shows them, so an article is digested without
#: them and only article.html's projection of its ``article`` adds them (see
#: :data:`DEFAULT_PROJECTIONS`): the lists and entity pages that show that neighbour stay as
#: they are. A template that reads one of them must declare it the same way.
OWN_PAGE_ATTRS = frozenset({"date_neighbours", "archive_month_url"})
_OWN_PAGE_ORDER = sorted(OWN_PAGE_ATTRS)


class Undigestable(TypeError):
    """A value whose content cannot be fingerprinted; its page is always rendered."""


def _entity_page(entity: Any) -> Any:
    """What entity.html reads of its entity: every field, but of each related entity only its
    type, slug, name and the shared count, and of its articles only how many.

    Without this, an entity's digest would follow ``related`` through the whole co-mention graph,
    and one new article would change them all.
    """
    if not dataclasses.is_dataclass(entity):
        return entity
    fields = _entity_shallow_related(entity)
    # ``articles`` holds positions in the site-wide article list, which shift whenever an article
    # is added; the page shows those articles through ``page`` (digested there) and their count.
    fields["articles"] = len(fields.get("articles") or [])
    return fields


def _entity_shallow_related(entity: Any) -> Any:
    """An entity anywhere in the context: its fields, with related entities named, not followed.

    Templates show a related entity by type, slug, name and shared count; following the objects
    would digest the whole co-mention graph (deep, slow, and changed by every new article). The
    result is plain data (the name counts as a dict, the timeline as rows), digested in one call:
    walking every bar of every entity's timeline was most of the cost of an unchanged build.
    """
    fields = {f.name: getattr(entity, f.name) for f in dataclasses.fields(entity)}
    fields["related"] = [
        (getattr(o, "type", None), getattr(o, "slug", None), getattr(o, "name", None), shared)
        for o, shared in fields.get("related") or []
    ]
    if isinstance(fields.get("names"), dict):
        fields["names"] = dict(fields["names"])
    if "timeline" in fields:
        fields["timeline"] = plain_timeline(fields["timeline"])
    return fields


def plain_timeline(timeline: Any) -> Any:
    """A timeline as plain data: its unit, undated count and one row per bar (every field)."""
    if timeline is None or not dataclasses.is_dataclass(timeline):
        return timeline
    names = [f.name for f in dataclasses.fields(timeline.bars[0])] if timeline.bars else []
    return {
        "unit": timeline.unit,
        "undated": timeline.undated,
        "bars": [[getattr(bar, name) for name in names] for bar in timeline.bars],
    }


def _chart(chart: Any) -> Any:
    """A timeline chart: its title and timeline (it is drawn from nothing else)."""
    return {"title": chart.title, "timeline": plain_timeline(chart.timeline)}


#: The metadata key under which the article reader records the SHA-256 of the text it read.
SOURCE_DIGEST = "source_digest"
#: What a reader makes from its file; stood for by the file's digest (see ``content_by_source``).
_READ_FROM_SOURCE = frozenset({"_content", "_packed", "_may_link", "metadata"})


def content_by_source(item: Any) -> Any:
    """An article or page as its pages depend on it, cheaply: the digest of its source text in
    place of the HTML and metadata the reader made from that text, plus every attribute set
    after reading (neighbours, entity links, Pelican's own derived values).

    The reader is a pure function of the text, the file's path (an attribute, digested) and the
    reader code and settings (in the environment digest), so its output need not be walked value by
    value; walking it was most of the cost of fingerprinting an article page. An attribute still
    holding the very object the reader put in the metadata is covered by the source digest;
    one a plugin replaced is digested. An item without a recorded digest (a page read by
    Pelican's own reader) is digested in full.
    """
    attrs = vars(item)
    metadata = attrs.get("metadata")
    source = metadata.get(SOURCE_DIGEST) if isinstance(metadata, dict) else None
    if not isinstance(source, str):
        return {k: v for k, v in attrs.items() if k not in _NOT_DIGESTED}
    derived = {SOURCE_DIGEST: source}
    for k, v in attrs.items():
        if k in _NOT_DERIVED:
            continue
        read = metadata.get(k, _ABSENT)
        if read is not _ABSENT and _same(v, read):
            continue
        derived[k] = _scalar_text(v)
    return derived


#: What :func:`content_by_source` leaves out of every article: back-references and what only
#: the article's own page reads (digested there).
_NOT_DIGESTED = SKIPPED_ATTRS | OWN_PAGE_ATTRS
#: ... and, of an article read by our reader, what its source digest stands for.
_NOT_DERIVED = _NOT_DIGESTED | _READ_FROM_SOURCE
_ABSENT = object()


_NUMBERS = frozenset({int, float, bool})


def _same(value: Any, read: Any) -> bool:
    """Whether an attribute still holds what the reader put in the metadata: the very object,
    or an equal number of the same type (an article Pelican's cache gives back holds equal
    numbers, not the same ones: pickling keeps shared objects shared, but not numbers)."""
    return value is read or (type(value) in _NUMBERS and type(value) is type(read)
                             and value == read)


_AS_IS = frozenset({str, int, float, bool, type(None), list, dict, tuple})


def _scalar_text(value: Any) -> Any:
    """Dates and time zones as tagged text, so that an article's derived attributes are plain
    data, digested in one call (see ``_plain_bytes``)."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return f"{type(value).__name__}:{value.isoformat()}"
    if isinstance(value, dt.tzinfo):
        return f"tz:{value}"
    return value


def named_by_slug(wrapper: Any) -> Any:
    """An author, category or tag: its name and slug. Its URLs follow from them and the
    settings (in the environment digest); its other attributes are settings-derived too."""
    return (getattr(wrapper, "name", None), getattr(wrapper, "slug", None))


def default_reducers(
    content_types: Iterable[type] = (), named_types: Iterable[type] = ()
) -> dict[type, Callable[[Any], Any]]:
    """The reducers of a build. ``content_types`` are the article and page classes and
    ``named_types`` the author, category and tag classes (Pelican's, passed in by the plugin:
    this module does not import Pelican)."""
    from newsarchive.site.catalog import Entity
    from newsarchive.site.timeline import Chart

    return {
        Entity: _entity_shallow_related,
        Chart: _chart,
        **dict.fromkeys(content_types, content_by_source),
        **dict.fromkeys(named_types, named_by_slug),
    }


def _home_catalog(catalog: Any) -> Any:
    """What index.html reads of the whole catalog: how many entities of each type, the sources
    and years with their names, URLs and counts, and how many articles are undated.

    Digesting the whole catalog (every entity, its related names and articles) for this one page
    cost a second per 2,500 articles.
    """
    if not dataclasses.is_dataclass(catalog) or not hasattr(catalog, "years"):
        return catalog
    return {
        "entities": {kind: len(group) for kind, group in catalog.entities.items()},
        "sources": [(s.slug, s.name, s.url, s.count) for s in catalog.sources],
        "years": [(y.year, y.url, y.count) for y in catalog.years],
        "undated": len(catalog.undated),
    }


def _own_page(article: Any) -> Any:
    """An article as its own page reads it: the article, then what only that page shows of it
    (:data:`OWN_PAGE_ATTRS`, in name order; a tuple, the cheapest container to digest)."""
    return (article, *(getattr(article, name, None) for name in _OWN_PAGE_ORDER))


def _group_page(group: Any) -> Any:
    """A month, year or source as its page reads it: every field, but its articles' positions in
    the site-wide list only counted (a year's months likewise).

    Those positions shift whenever an article is added before them (a new article is first in
    the list), while the page shows the articles themselves through ``page`` (digested there):
    digesting the positions made one new article re-render every month, year and source page.
    """
    if not dataclasses.is_dataclass(group) or isinstance(group, type):
        return group
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(group):
        value = getattr(group, f.name)
        if f.name == "articles":
            value = len(value)
        elif f.name == "months":
            value = [_group_page(month) for month in value]
        elif isinstance(value, dict):
            value = dict(value)
        fields[f.name] = value
    return fields


#: template name -> {context variable -> function giving the part the template reads}. A
#: template that reads more of such a variable must read it through its projection too.
DEFAULT_PROJECTIONS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "article.html": {"article": _own_page},
    "entity.html": {"entity": _entity_page},
    "index.html": {"entity_catalog": _home_catalog},
    # a month page names its year (number and URL) and nothing else of it
    "archive_month.html": {"month": _group_page, "year": lambda year: getattr(year, "year", year)},
    "archive_year.html": {"year": _group_page},
    "source.html": {"source": _group_page},
}


_PLAIN_TYPES = (dict, list, tuple)


#: marshal's format 2: no back-references (from 3 on, an object met twice is written once and
#: then referred to, so equal values shared differently would encode differently).
_MARSHAL_VERSION = 2


def _plain_bytes(value: Any) -> bytes | None:
    """A tree of dicts, lists, tuples, strings and numbers as bytes, or None for anything else.

    Most of what templates read besides articles (entity links, neighbours, settings) is such
    plain data; encoding it in one C call instead of node by node is what keeps fingerprinting
    10,000 articles cheap. ``marshal`` writes every value with its type and in full, so two
    different trees never give the same bytes; it is five times faster than sorted JSON. It
    keeps a dict's insertion order and a set's iteration order, so the same data built in
    another order (or a set of strings, whose order changes between processes) gives other
    bytes: its page is rendered again, never wrongly kept. Anything else (an object, a date, a
    subclass such as ``Markup``, a cycle) falls back to the node-by-node encoding.
    """
    try:
        return marshal.dumps(value, _MARSHAL_VERSION)
    except ValueError:
        return None


class Digester:
    """Deep, deterministic digests of template values, memoised for one build.

    Objects are memoised by identity and kept alive in the memo, so an id is never reused by a
    different object during the build (a transient list freed and reallocated would otherwise
    alias a stale digest).

    Values made for one page are not memoised, since nothing else will ask for them and the memo
    would keep them to the end of the build: the objects of the ``fresh`` types (one page of a
    list, a chart) and the lists, tuples and dicts inside them, inside what a reducer or a
    projection made, or inside a value given to :meth:`digest_transient`. What they refer to
    that lives on (an article, an entity) is memoised as usual.
    """

    def __init__(
        self,
        strict: bool = True,
        reducers: Mapping[type, Callable[[Any], Any]] | None = None,
        fresh: Iterable[type] = (),
    ) -> None:
        self.strict = strict
        self.reducers = dict(reducers or {})
        self.fresh = frozenset(fresh)
        self._memo: dict[int, tuple[Any, str]] = {}
        self._stack: list[int] = []
        self._position: dict[int, int] = {}
        self._inside_fresh = 0

    def digest(self, value: Any) -> str:
        return hashlib.sha256(self._encode(value)).hexdigest()

    def digest_transient(self, value: Any) -> str:
        """The digest of a value made for this one digest (a projection), memoising nothing of
        it (see the class)."""
        self._inside_fresh += 1
        try:
            return self.digest(value)
        finally:
            self._inside_fresh -= 1

    def digests_of(self, values: Sequence[Any]) -> list[str | None]:
        """The digest memoised for each of ``values`` (None where there is none)."""
        memo = self._memo
        return [hit[1] if (hit := memo.get(id(value))) is not None and hit[0] is value else None
                for value in values]

    def learn(self, values: Sequence[Any], digests: Sequence[str | None]) -> None:
        """Take in the ``digests`` (from :meth:`digests_of`) another copy of this build made of
        ``values``: a process forked from this one, so that they are the same objects here, in
        the same state. The pages it wrote digested half of the articles; without them, the first
        page here to read every article (the archive) digested that half again."""
        memo = self._memo
        for value, digest in zip(values, digests, strict=True):
            if digest is not None and id(value) not in memo:
                memo[id(value)] = (value, digest)

    def _encode(self, value: Any) -> bytes:
        if value is None or isinstance(value, bool | int | float):
            return f"{type(value).__name__}:{value!r}".encode()
        if isinstance(value, str):
            return b"s:" + value.encode("utf-8", "surrogatepass")
        if isinstance(value, bytes):
            return b"b:" + value
        if isinstance(value, dt.datetime | dt.date | dt.time):
            return f"{type(value).__name__}:{value.isoformat()}".encode()
        key = id(value)
        hit = self._memo.get(key)
        if hit is not None:
            return hit[1].encode()
        position = self._position.get(key)
        if position is not None:
            # A cycle back to an object being encoded: name it by type and cut. The ancestor's
            # own encoding still covers its content, so nothing is lost; traversal order is
            # made deterministic below (sorted keys), so the cut falls in the same place.
            return f"cycle:{type(value).__qualname__}".encode()
        reducer = self.reducers.get(type(value))
        reduced = reducer(value) if reducer else value
        plain = _plain_bytes(reduced) if type(reduced) in _PLAIN_TYPES else None
        fresh = type(value) in self.fresh
        if plain is not None:
            encoded = b"m:" + plain
        else:
            self._position[key] = len(self._stack)
            self._stack.append(key)
            made = fresh or reducer is not None
            self._inside_fresh += made
            try:
                encoded = self._encode_container(reduced)
            finally:
                self._inside_fresh -= made
                self._stack.pop()
                del self._position[key]
        digest = "h:" + hashlib.sha256(encoded).hexdigest()
        if not (fresh or (self._inside_fresh and type(value) in _PLAIN_TYPES)):
            self._memo[key] = (value, digest)
        return digest.encode()

    def _encode_container(self, value: Any) -> bytes:
        parts: list[bytes] = [type(value).__qualname__.encode()]
        if isinstance(value, Mapping):
            keyed = sorted(((self._encode(k), v) for k, v in value.items()), key=lambda kv: kv[0])
            parts += [k + b"=" + self._encode(v) for k, v in keyed]
        elif isinstance(value, list | tuple):
            parts += [self._encode(v) for v in value]
        elif isinstance(value, set | frozenset):
            primitive = all(isinstance(v, str | int | float | bytes) for v in value)
            ordered = sorted(value, key=repr) if primitive else list(value)
            parts += sorted(self._encode(v) for v in ordered)
        elif inspect.isfunction(value) or inspect.ismethod(value) or inspect.isbuiltin(value):
            parts.append(_callable_identity(value).encode())
        elif inspect.ismodule(value) or inspect.isclass(value):
            parts.append(getattr(value, "__qualname__", value.__name__).encode())
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts += [
                f.name.encode() + b"=" + self._encode(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in SKIPPED_ATTRS
            ]
        elif hasattr(value, "__dict__") or hasattr(type(value), "__slots__"):
            attrs = dict(getattr(value, "__dict__", {}))
            for slot in getattr(type(value), "__slots__", ()):
                if hasattr(value, slot):
                    attrs[slot] = getattr(value, slot)
            parts += [
                k.encode() + b"=" + self._encode(v)
                for k, v in sorted(attrs.items())
                if k not in SKIPPED_ATTRS
            ]
            if isinstance(value, str | int | float):  # str subclasses with attributes (Markup)
                parts.append(repr(value).encode())
        elif isinstance(value, Iterable) and not self.strict:
            parts.append(type(value).__qualname__.encode())
        else:
            text = repr(value)
            if " at 0x" in text or " object at " in text:
                if self.strict:
                    raise Undigestable(type(value).__qualname__)
                text = type(value).__qualname__
            parts.append(text.encode())
        return b"\x1f".join(parts)


def _callable_identity(func: Any) -> str:
    """A function's name plus the hash of its source file, so edited code changes the digest."""
    name = f"{getattr(func, '__module__', '')}:{getattr(func, '__qualname__', repr(func))}"
    try:
        source = inspect.getsourcefile(func)
    except TypeError:
        source = None
    if source and os.path.isfile(source):
        name += ":" + hashlib.sha256(Path(source).read_bytes()).hexdigest()[:16]
    return name


def tree_digest(folders: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...]) -> str:
    """Hash of every file with one of ``suffixes`` under ``folders`` (paths and bytes)."""
    digest = hashlib.sha256()
    for folder in folders:
        root = Path(folder)
        if root.is_file():
            digest.update(root.name.encode() + b"\0" + hashlib.sha256(root.read_bytes()).digest())
            continue
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.name.endswith(suffixes) and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def environment_digest(settings: Mapping[str, Any], extra: Iterable[str] = ()) -> str:
    """Everything that affects every page: settings (and filter code), theme, plugin code."""
    lenient = Digester(strict=False)
    digest = hashlib.sha256()
    digest.update(lenient.digest({k: v for k, v in settings.items() if k.isupper()}).encode())
    for item in extra:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()


@dataclasses.dataclass(slots=True)
class PageRecord:
    """What the last build wrote for one page: its fingerprint, the SHA-256 of its bytes, and
    the size and modification time the file had just after the build (0 when unknown)."""

    fingerprint: str
    sha256: str
    size: int = 0
    mtime_ns: int = 0


@dataclasses.dataclass
class StatePart:
    """The records a forked process made of the pages it wrote (see :meth:`State.part`)."""

    pages: dict[str, PageRecord]
    units: dict[str, tuple[str, list[str]]]
    templates: dict[str, tuple[list[str], list[str]]]


class State:
    """The fingerprints of the last completed build, one JSON file per output folder."""

    def __init__(self, path: Path, environment: str) -> None:
        self.path = path
        self.environment = environment
        self.previous: dict[str, PageRecord] = {}
        self.current: dict[str, PageRecord] = {}
        #: unit key -> (token, its pages): see :meth:`reuse_unit`
        self.previous_units: dict[str, tuple[str, list[str]]] = {}
        self.current_units: dict[str, tuple[str, list[str]]] = {}
        #: SHA-256 of a template's source -> the variables it names and the templates it
        #: refers to: Jinja compiles a template to find them, for every template in every
        #: rebuild otherwise; kept for the same environment only
        self.template_names: dict[str, tuple[list[str], list[str]]] = {}
        self._names_used: set[str] = set()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            self._damaged(exc)
            return
        try:
            if data.get("version") == STATE_VERSION and data.get("environment") == environment:
                self.previous = {k: PageRecord(*v) for k, v in data.get("pages", {}).items()}
                self.previous_units = {
                    k: (str(token), [str(n) for n in names])
                    for k, (token, names) in data.get("units", {}).items()
                }
                self.template_names = {
                    str(k): ([str(n) for n in names], [str(r) for r in refs])
                    for k, (names, refs) in data.get("templates", {}).items()
                }
            elif data.get("version") == STATE_VERSION:
                # A new environment: every page renders, but stale pages are still known.
                self.previous = {k: PageRecord("", "") for k in data.get("pages", {})}
        except (AttributeError, TypeError, ValueError) as exc:
            self.previous = {}
            self._damaged(exc)

    def _damaged(self, exc: Exception) -> None:
        reason = " ".join(str(exc).split())
        print(f"newsarchive build: page fingerprints {self.path} are damaged ({reason}); "
              "rendering every page again", file=sys.stderr)

    def reusable(self, name: str, fingerprint: str, output: str | Path) -> bool:
        """Whether the file the last build wrote for ``name`` is still right as it is.

        The file must still hold the bytes that build wrote. When its size and modification
        time are the ones recorded after that build, it was not touched since; otherwise its
        bytes are read and hashed.
        """
        record = self.previous.get(name)
        if record is None or not record.fingerprint or record.fingerprint != fingerprint:
            return False
        del self.previous[name]  # only what is left at the end is needed (stale)
        stat = _as_written(record, output, hash_if_touched=True)
        if stat is None:
            return False
        self._keep(name, record, stat)
        return True

    def _keep(self, name: str, record: PageRecord, stat: os.stat_result) -> None:
        """Count the page as this build's, with its file as just checked (the build does not
        write a page it reuses)."""
        self.previous.pop(name, None)
        self.current[name] = dataclasses.replace(
            record, size=stat.st_size, mtime_ns=stat.st_mtime_ns
        )

    def reuse_unit(self, key: str, token: str, output: Path) -> list[str] | None:
        """The pages of unit ``key`` when its token is the one the last build recorded and every
        one of its files is still as that build left it; they are then kept as they are (None:
        the unit's pages must be fingerprinted one by one).

        A unit is a group of pages made from the same inputs (an entity's pages), and its token a
        digest of those inputs and of the shared variables its templates read; an equal token
        means equal pages, so none of them needs its own fingerprint.
        """
        found = self.previous_units.get(key)
        if found is None or found[0] != token:
            return None
        checked = []
        for name in found[1]:
            record = self.previous.get(name)
            stat = None
            if record is not None and record.fingerprint:
                stat = _as_written(record, output / name, hash_if_touched=False)
            if stat is None:
                return None
            checked.append((name, record, stat))
        for name, record, stat in checked:
            self._keep(name, record, stat)
        self.current_units[key] = found
        return found[1]

    def record_unit(self, key: str, token: str, pages: list[str]) -> None:
        self.current_units[key] = (token, pages)

    def names_of(self, source: str, parse: Callable[[str], tuple[set[str], set[str]]]
                 ) -> tuple[set[str], set[str]]:
        """The variables a template source names and the templates it refers to, parsed by
        ``parse`` only when the last build of this environment did not record them."""
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()
        self._names_used.add(key)
        found = self.template_names.get(key)
        if found is None:
            variables, refs = parse(source)
            self.template_names[key] = found = (sorted(variables), sorted(refs))
        return set(found[0]), set(found[1])

    def begin_part(self) -> None:
        """In a forked process that writes part of the pages (:mod:`newsarchive.site.apart`):
        count from here what it produces, for :meth:`part` to send back."""
        self.current = {}
        self.current_units = {}
        self._names_used = set()

    def part(self) -> StatePart:
        """What this process produced since :meth:`begin_part`."""
        return StatePart(self.current, self.current_units, {
            k: v for k, v in self.template_names.items() if k in self._names_used
        })

    def merge(self, part: StatePart) -> None:
        """Take in what a forked process produced, as if this process had produced it (its
        pages' records of the last build are no longer stale)."""
        for name, record in part.pages.items():
            self.previous.pop(name, None)
            self.current[name] = record
        self.current_units.update(part.units)
        for key, found in part.templates.items():
            self.template_names.setdefault(key, found)
            self._names_used.add(key)

    def record(self, name: str, fingerprint: str, text: str) -> None:
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.current[name] = PageRecord(fingerprint, sha)
        self.previous.pop(name, None)

    def stale(self) -> list[str]:
        """Pages of the previous build that this build did not produce. (A page's record of the
        previous build is dropped once this build has produced the page, so that the build does
        not hold two records of every page.)"""
        return sorted(set(self.previous) - set(self.current))

    def save(self, output: Path) -> None:
        """Save this build's records, with each file's size and time as it is now (as checked
        when it was reused, or read now for a page this build wrote)."""
        from newsarchive.atomic import write_text

        pages = {}
        for name, rec in sorted(self.current.items()):
            size, mtime = rec.size, rec.mtime_ns
            if not mtime:
                try:
                    stat = (output / name).stat()
                    size, mtime = stat.st_size, stat.st_mtime_ns
                except OSError:
                    size, mtime = 0, 0
            pages[name] = [rec.fingerprint, rec.sha256, size, mtime]
        units = {k: [token, names] for k, (token, names) in sorted(self.current_units.items())
                 if all(n in self.current for n in names)}
        templates = {k: list(v) for k, v in sorted(self.template_names.items())
                     if k in self._names_used}
        data = {"version": STATE_VERSION, "environment": self.environment, "pages": pages,
                "units": units, "templates": templates}
        write_text(self.path, json.dumps(data, separators=(",", ":")) + "\n")


def _as_written(record: PageRecord, path: str | Path, hash_if_touched: bool
                ) -> os.stat_result | None:
    """The file's stat when it still holds the bytes the last build wrote, else None: its size
    and modification time are the recorded ones, or (``hash_if_touched``) its bytes hash to the
    recorded SHA-256."""
    try:
        stat = os.stat(path)
        if record.mtime_ns and (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns):
            return stat
        if hash_if_touched and hashlib.sha256(Path(path).read_bytes()).hexdigest() == record.sha256:
            return stat
    except OSError:
        pass
    return None


class Fingerprinter:
    """Page fingerprints for one build: template closures plus digests of what they name."""

    def __init__(
        self,
        environment: str,
        load_source: Callable[[str], str],
        parse_names: Callable[[str], tuple[set[str], set[str]]],
        projections: Mapping[str, Mapping[str, Callable[[Any], Any]]] | None = None,
        digester: Digester | None = None,
    ) -> None:
        self.environment = environment
        self._load_source = load_source
        self._parse_names = parse_names
        self._closures: dict[str, tuple[frozenset[str], str]] = {}
        # One digester per build, shared by the fingerprinters of every template environment:
        # each generator has its own environment, and the articles they all show are then
        # digested once, not once per generator.
        self.digester = digester or Digester(strict=True, reducers=default_reducers())
        self.projections = projections if projections is not None else DEFAULT_PROJECTIONS
        # (template, variable, id(value)) -> (value, digest of its projection): many pages
        # project the same object (every article page the same archive), so it is done once.
        self._projected: dict[tuple[str, str, int], tuple[Any, str]] = {}
        self._shared: dict[tuple[str, tuple[str, ...]], tuple[tuple[Any, ...], str]] = {}
        self._split_names: dict[tuple[str, frozenset[str]], tuple[tuple[str, ...], ...]] = {}

    def closure(self, template: str) -> tuple[frozenset[str], str]:
        """Variables named by ``template`` and everything it extends/includes/imports."""
        if template not in self._closures:
            names: set[str] = set()
            sources = hashlib.sha256()
            seen: set[str] = set()
            todo = [template]
            while todo:
                name = todo.pop()
                if name in seen:
                    continue
                seen.add(name)
                source = self._load_source(name)
                sources.update(name.encode() + b"\0" + source.encode() + b"\0")
                variables, referenced = self._parse_names(source)
                names |= variables
                todo.extend(sorted(referenced))
            self._closures[template] = (frozenset(names), sources.hexdigest())
        return self._closures[template]

    def _projection(
        self, template: str, var: str, value: Any, project: Callable[[Any], Any]
    ) -> str:
        key = (template, var, id(value))
        hit = self._projected.get(key)
        if hit is None or hit[0] is not value:
            hit = (value, self.digester.digest_transient(project(value)))
            self._projected[key] = hit
        return hit[1]

    def _add_vars(self, digest: Any, template: str, names: Iterable[str],
                  context: Mapping[str, Any]) -> None:
        """Feed ``digest`` the digest of each of ``names`` found in ``context`` (in order)."""
        projected = self.projections.get(template, {})
        for var in names:
            if var not in context:
                continue
            value = context[var]
            if var in projected:
                value_digest = self._projection(template, var, value, projected[var])
            elif value is None or isinstance(value, str | int | float):
                # a scalar (most settings): its encoding, length-framed, instead of a hash
                encoded = self.digester._encode(value)
                digest.update(f"{var}#{len(encoded)}:".encode() + encoded + b"\0")
                continue
            else:
                value_digest = self.digester.digest(value)
            digest.update(var.encode() + b"=" + value_digest.encode() + b"\0")

    def fingerprint(self, template: str, name: str, context: Mapping[str, Any]) -> str | None:
        """The page's fingerprint, or None when some input cannot be digested."""
        names, sources = self.closure(template)
        digest = hashlib.sha256()
        digest.update(f"{self.environment}\0{sources}\0{name}\0".encode())
        try:
            self._add_vars(digest, template, sorted(names), context)
        except (Undigestable, RecursionError):
            return None
        return digest.hexdigest()

    def page_fingerprint(self, template: str, name: str, context: Mapping[str, Any],
                         own: Mapping[str, Any]) -> str | None:
        """The fingerprint of a page whose variables are ``own`` over the generator's shared
        ``context``: the shared part is digested once per build (:meth:`shared_digest`), the
        page's own variables each time. Ten thousand article pages then cost ten thousand
        digests of an article, not of every setting and list their template names as well."""
        _, sources = self.closure(template)
        shared = self.shared_digest(template, context, own)
        if shared is None:
            return None
        mine, builds, _ = self._names(template, own)
        per_page = sorted(mine + tuple(n for n in builds if n in context)) if builds else mine
        values = {n: own[n] if n in own else context[n] for n in per_page}
        digest = hashlib.sha256()
        digest.update(f"{self.environment}\0{sources}\0{name}\0{shared}\0".encode())
        try:
            self._add_vars(digest, template, per_page, values)
        except (Undigestable, RecursionError):
            return None
        return digest.hexdigest()

    def shared_digest(self, template: str, context: Mapping[str, Any],
                      per_page: Iterable[str]) -> str | None:
        """A digest of everything ``template`` reads except the variables in ``per_page`` (and
        :data:`PER_PAGE_VARS`): its sources, the environment and the shared context's values.
        Done once per build for the same values (compared by identity, kept alive here)."""
        _, sources = self.closure(template)
        shared = tuple(n for n in self._names(template, per_page)[2] if n in context)
        values = tuple(context[n] for n in shared)
        key = (template, shared)
        hit = self._shared.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], values, strict=True)):
            return hit[1]
        digest = hashlib.sha256()
        digest.update(f"{self.environment}\0{template}\0{sources}\0".encode())
        try:
            self._add_vars(digest, template, shared, context)
        except (Undigestable, RecursionError):
            return None
        self._shared[key] = (values, digest.hexdigest())
        return digest.hexdigest()

    def _names(self, template: str, own: Iterable[str]
               ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The variables ``template`` names, sorted, in three: those in ``own``; those the writer
        sets per page (:data:`PER_PAGE_VARS`) that are not; and all the others (the shared
        context). Worked out once per template and set of own names (most pages of a template
        give the same ones)."""
        key = (template, frozenset(own))
        found = self._split_names.get(key)
        if found is None:
            names = sorted(self.closure(template)[0])
            found = (tuple(n for n in names if n in key[1]),
                     tuple(n for n in names if n in PER_PAGE_VARS and n not in key[1]),
                     tuple(n for n in names if n not in PER_PAGE_VARS and n not in key[1]))
            self._split_names[key] = found
        return found

    def inputs_digest(self, templates: Iterable[str], inputs: Mapping[str, Any]) -> str | None:
        """A digest of what a unit's per-page variables are made from, each through a
        projection one of the unit's ``templates`` declares for it (a template that reads the
        variable reads it through its projection; one that does not, not at all). Nothing of it
        is memoised but what lives on (articles)."""
        projected: dict[str, Callable[[Any], Any]] = {}
        for template in templates:
            projected.update(self.projections.get(template, {}))
        view = {k: projected[k](v) if k in projected else v for k, v in inputs.items()}
        try:
            return self.digester.digest_transient(view)
        except (Undigestable, RecursionError):
            return None
