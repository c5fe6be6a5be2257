"""One type per name across the archive: the last step, over every article's entities.

An entity page is keyed by type and name, so "Dunmere" listed as a place in one article and as
an organisation in another would make two pages for what a reader takes to be one thing. Each
article has already decided its own type by vote (:mod:`newsarchive.entities.vote`); here the
articles vote again, each with the weight of its own evidence (``ArticleEntities.weights``: the
mentions that voted for its type, so a results table of twenty rows outweighs one sentence of
prose where the model took the club for a person), with the same tie rule (the gazetteer, then
the earliest article in the order given, then the fixed type order).

Ingest calls :func:`resolve_archive` once it has the entities of every article, new and
unchanged alike (read back from front matter), in a stable order (the article key), and writes
back the articles whose lists changed. It is pure: no model, no files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsarchive.entities.model import ENTITY_TYPES, ArticleEntities
from newsarchive.entities.normalize import name_key
from newsarchive.entities.vote import decide


def archive_types(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The type each name (by :func:`name_key`) gets across ``articles``."""
    ballots: dict[str, list[tuple[int, str, float]]] = {}
    spelling: dict[str, str] = {}
    for index, article in enumerate(articles):
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                key = name_key(name)
                spelling.setdefault(key, name)
                weight = article.weights.get(name, 1.0)
                ballots.setdefault(key, []).append((index, kind, weight))
    return {key: decide(spelling[key], votes) for key, votes in ballots.items()}


def resolve_archive(articles: Sequence[ArticleEntities]) -> list[ArticleEntities]:
    """``articles`` with every name moved to its archive-wide type (same order, new objects
    only where something moved)."""
    types = archive_types(articles)
    out = []
    for article in articles:
        buckets: dict[str, set[str]] = {kind: set() for kind in ENTITY_TYPES}
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                buckets[types[name_key(name)]].add(name)
        lists = {kind: sorted(buckets[kind]) for kind in ENTITY_TYPES}
        if all(lists[kind] == list(getattr(article, kind)) for kind in ENTITY_TYPES):
            out.append(article)
        else:
            out.append(replace(article, **lists))
    return out
