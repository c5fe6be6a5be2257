"""Group articles by entity, source and date once, for the entity, source and archive pages.

Everything here works on :class:`ArticleInfo` records (plain data, no Pelican). Articles are put in
display order (newest first, undated last) once; one pass over them then appends each article to
its entities, its source and its month, so every list comes out already sorted and the whole job
costs O(articles x entities per article) (plus the pairs of entities inside each article for the
co-occurrence counts), never O(entities x articles).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsarchive.article import (
    ENTITY_TYPES,
    TYPE_LABELS,
    TYPE_SINGULAR,
    NameVotes,
    display_name,
    entity_url,
)
from newsarchive.site.aliases import AliasBook
from newsarchive.site.timeline import Timeline, build_timeline
from newsarchive.slug import slugify


@dataclass(frozen=True)
class ArticleInfo:
    """What grouping needs to know about one article; ``key`` is the article id."""

    key: str
    date: dt.date | None
    entities: Mapping[str, Sequence[str]]
    provider: str | None = None


@dataclass
class Entity:
    """One entity page: all names of one type that share an entity slug."""

    type: str
    slug: str
    name: str = ""
    names: Counter[str] = field(default_factory=Counter)
    articles: list[int] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    related: list[tuple[Entity, int]] = field(default_factory=list)
    timeline: Timeline | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.slug)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def url(self) -> str:
        return entity_url(self.type, self.slug)

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]

    @property
    def type_singular(self) -> str:
        return TYPE_SINGULAR[self.type]

    @property
    def sort_name(self) -> str:
        return self.name.casefold()

    @property
    def index_name(self) -> str:
        """The name as the A-Z index prints it: people surname first ("Reinholt, Tobias")."""
        if self.type != "people":
            return self.name
        surname, given = split_person_name(self.name)
        return f"{surname}, {given}" if given else surname

    @property
    def index_key(self) -> tuple[str, str, str]:
        """A-Z order: people by surname, then given names (as printed indexes do); the rest by
        name."""
        if self.type != "people":
            return (self.sort_name, "", self.slug)
        surname, given = split_person_name(self.name)
        return (_filing_form(surname), given.casefold(), self.slug)

    @property
    def letter(self) -> str:
        """The A-Z heading the entity is listed under ('#' for digits and symbols); people go
        under their surname's letter."""
        first = slugify(self.index_key[0], fallback="#")[:1].upper()
        return first if first.isalpha() else "#"

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entity) and other.key == self.key


#: Words after a surname that are not the surname ("Jr.", "III").
NAME_SUFFIXES = frozenset(["jr", "jnr", "sr", "snr", "ii", "iii", "iv"])
#: Arabic article prefixes a surname is filed without ("al-Sayed" under S).
_FILING_PREFIXES = ("al-", "el-", "al ", "el ")


def split_person_name(name: str) -> tuple[str, str]:
    """(surname, given names) of a person's name; a one-word name is all surname.

    The surname is the last word, not counting suffixes such as "Jr."; particles before it stay
    with the given names ("Ludwig van Beethoven": "Beethoven, Ludwig van"), as printed indexes
    print them.
    """
    words = name.split()
    suffix: list[str] = []
    while len(words) > 1 and words[-1].strip(".,").casefold() in NAME_SUFFIXES:
        suffix.insert(0, words.pop().strip(","))
    if len(words) <= 1:
        return (" ".join(words + suffix) or name, "")
    surname = words[-1]
    given = words[:-1]
    return surname, " ".join(given + suffix)


def _filing_form(surname: str) -> str:
    folded = surname.casefold()
    for prefix in _FILING_PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return folded[len(prefix) :]
    return folded


@dataclass
class Source:
    """One provider page (``sources/<slug>.html``)."""

    slug: str
    name: str = ""
    names: Counter[str] = field(default_factory=Counter)
    articles: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def url(self) -> str:
        return f"sources/{self.slug}.html"


@dataclass
class Month:
    """One month archive (``archives/YYYY/MM.html``)."""

    year: int
    month: int
    articles: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def url(self) -> str:
        return f"archives/{self.year:04d}/{self.month:02d}.html"

    @property
    def label(self) -> str:
        return dt.date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def name(self) -> str:
        return dt.date(self.year, self.month, 1).strftime("%B")


@dataclass
class Year:
    """One year archive (``archives/YYYY.html``) with its months, newest first."""

    year: int
    months: list[Month] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(month.count for month in self.months)

    @property
    def url(self) -> str:
        return f"archives/{self.year:04d}.html"


@dataclass
class Catalog:
    """The grouped archive. Article positions index :attr:`order` (display order)."""

    order: list[int]
    entities: dict[str, list[Entity]]
    by_key: dict[tuple[str, str], Entity]
    sources: list[Source]
    unsourced: list[int]
    years: list[Year]
    undated: list[int]

    def entities_by_count(self, kind: str) -> list[Entity]:
        """Most articles first; ties alphabetical."""
        return sorted(self.entities[kind], key=lambda e: (-e.count, e.sort_name, e.slug))

    def top(self, kind: str, limit: int) -> list[Entity]:
        return self.entities_by_count(kind)[:limit]


def display_order(articles: Sequence[ArticleInfo]) -> list[int]:
    """Indexes of ``articles`` newest first, then undated; ties by article id (stable builds)."""
    by_key = sorted(range(len(articles)), key=lambda i: articles[i].key)
    dated = [i for i in by_key if articles[i].date is not None]
    undated = [i for i in by_key if articles[i].date is None]
    dated.sort(key=lambda i: _as_datetime(articles[i].date), reverse=True)
    return dated + undated


def _as_datetime(value: dt.date | None) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    assert value is not None
    return dt.datetime(value.year, value.month, value.day)


def build_catalog(
    articles: Sequence[ArticleInfo],
    *,
    aliases: AliasBook | None = None,
    related_limit: int = 10,
    timeline_max_months: int = 60,
) -> Catalog:
    """Group ``articles`` by entity, provider and month in one pass over them."""
    order = display_order(articles)
    by_key: dict[tuple[str, str], Entity] = {}
    votes = NameVotes()
    # each article's entity keys where it has two or more (the first tuple of each key, shared):
    # an entity's related ones are counted from its articles' keys, one entity at a time, so
    # that one counter is held at a time, not one for every entity at once (traced at 10,000
    # articles, those held 17 MB for a moment: a few hundred at 100,000)
    together: list[tuple[tuple[str, str], ...] | None] = [None] * len(articles)
    first: dict[tuple[str, str], tuple[str, str]] = {}
    months: dict[tuple[str, str], list[dt.date | None]] = defaultdict(list)
    sources: dict[str, Source] = {}
    unsourced: list[int] = []
    month_groups: dict[tuple[int, int], Month] = {}
    undated: list[int] = []

    for index in order:
        article = articles[index]
        keys = votes.add_article(article.entities)
        for key in keys:
            entity = by_key.get(key)
            if entity is None:
                entity = by_key[key] = Entity(type=key[0], slug=key[1], names=votes.counts[key])
                first[key] = key
            entity.articles.append(index)
            months[key].append(article.date)
        if len(keys) > 1:
            together[index] = tuple(first[key] for key in keys)

        provider = (article.provider or "").strip()
        if provider:
            slug = slugify(provider, fallback="source")
            source = sources.get(slug)
            if source is None:
                source = sources[slug] = Source(slug=slug)
            source.names[provider] += 1
            source.articles.append(index)
        else:
            unsourced.append(index)

        if article.date is None:
            undated.append(index)
        else:
            ym = (article.date.year, article.date.month)
            group = month_groups.get(ym)
            if group is None:
                group = month_groups[ym] = Month(year=ym[0], month=ym[1])
            group.articles.append(index)

    book = aliases or AliasBook()
    for entity in by_key.values():
        entity.name = display_name(entity.names)
        entity.aliases = book.aliases_for(entity.name, entity.names, entity.articles, articles)
        entity.timeline = build_timeline(months[entity.key], max_months=timeline_max_months)
    sort_names = {key: entity.sort_name for key, entity in by_key.items()}
    for key, entity in by_key.items():
        counter: Counter[tuple[str, str]] = Counter()
        for index in entity.articles:  # each counts the others and itself (taken out), in C
            keys = together[index]
            if keys is not None:
                counter.update(keys)
        if counter:
            del counter[key]
            entity.related = [
                (by_key[other], n)
                for other, n in _most_shared(counter, related_limit, sort_names)
            ]
    del together, first

    grouped: dict[str, list[Entity]] = {kind: [] for kind in ENTITY_TYPES}
    for entity in by_key.values():
        grouped[entity.type].append(entity)
    for kind in ENTITY_TYPES:
        grouped[kind].sort(key=lambda e: e.index_key)

    for source in sources.values():
        source.name = display_name(source.names)
    years: dict[int, Year] = {}
    for ym in sorted(month_groups, reverse=True):
        years.setdefault(ym[0], Year(year=ym[0])).months.append(month_groups[ym])

    return Catalog(
        order=order,
        entities=grouped,
        by_key=by_key,
        sources=sorted(sources.values(), key=lambda s: (s.name.casefold(), s.slug)),
        unsourced=unsourced,
        years=[years[y] for y in sorted(years, reverse=True)],
        undated=undated,
    )


def _most_shared(counter: Counter[tuple[str, str]], limit: int,
                 sort_names: Mapping[tuple[str, str], str]) -> list[tuple[tuple[str, str], int]]:
    """The first ``limit`` of ``counter``'s items by count (most first), then sort name, then key
    (keys are unique: no ties left): only the items with at least the ``limit``-th count are
    ordered, most entities sharing articles with many others once or twice."""
    items = list(counter.items())
    if len(items) > limit:
        least = sorted(counter.values(), reverse=True)[limit - 1] if limit > 0 else 0
        items = [item for item in items if item[1] >= least]
    items.sort(key=lambda kv: (-kv[1], sort_names[kv[0]], kv[0]))
    return items[: max(0, limit)]


def letters(entities: Iterable[Entity]) -> list[tuple[str, list[Entity]]]:
    """Entities (already A-Z, people by surname) grouped under their first letter, '#' first."""
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        groups.setdefault(entity.letter, []).append(entity)
    return sorted(groups.items(), key=lambda kv: (kv[0] != "#", kv[0]))


def date_neighbours(
    catalog: Catalog, articles: Sequence[ArticleInfo]
) -> dict[int, tuple[int | None, int | None]]:
    """For each article: (the one before it, the one after it) in date order, oldest first.

    Dated articles follow their dates (ties by article id, as in :func:`display_order`);
    undated ones follow one another in archive order and never lead to a dated one.
    """
    dated = [i for i in reversed(catalog.order) if articles[i].date is not None]
    undated = [i for i in catalog.order if articles[i].date is None]
    out: dict[int, tuple[int | None, int | None]] = {}
    for run in (dated, undated):
        for position, index in enumerate(run):
            before = run[position - 1] if position > 0 else None
            after = run[position + 1] if position + 1 < len(run) else None
            out[index] = (before, after)
    return out


def month_neighbours(
    catalog: Catalog,
) -> dict[tuple[int, int], tuple[dict[str, str] | None, dict[str, str] | None]]:
    """For each month with articles: the nearest earlier and later months that have articles,
    as ``{"url", "label"}`` (plain values, so a month page does not depend on their articles)."""
    months = [m for year in reversed(catalog.years) for m in reversed(year.months)]
    links = [{"url": m.url, "label": m.label} for m in months]
    return {
        (m.year, m.month): (
            links[i - 1] if i > 0 else None,
            links[i + 1] if i + 1 < len(months) else None,
        )
        for i, m in enumerate(months)
    }


def most_mentioned(names: Sequence[str], text: str, limit: int) -> list[str]:
    """The ``limit`` names of ``names`` that ``text`` mentions most (ties: the order given),
    in the order given. Only the article's own text counts, so the choice never changes when
    other articles are added. When there is nothing to choose, a list given is returned as it
    is (every article holds its names once, not twice)."""
    if len(names) <= limit:
        return names if isinstance(names, list) else list(names)
    folded = text.casefold()
    ranked = sorted(range(len(names)), key=lambda i: (-folded.count(names[i].casefold()), i))
    keep = set(ranked[: max(0, limit)])
    return [name for i, name in enumerate(names) if i in keep]
