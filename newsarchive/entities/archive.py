"""One name and one type per thing across the archive: the last step, over every article's
entities.

An acronym an article uses alone ("IMF") goes to the long name other articles of the archive
folded it into ("International Monetary Fund"): :func:`archive_acronyms`; a name written two
ways ("&" or "and") has one spelling: :func:`archive_spellings`.

An entity page is keyed by type and name, so "Dunmere" listed as a place in one article and as
an organisation in another would make two pages for what a reader takes to be one thing. Each
article has already decided its own type by vote (:mod:`newsarchive.entities.vote`); here the
articles vote again, each with the weight of its own evidence (``ArticleEntities.weights``: the
mentions that voted for its type, so a results table of twenty rows outweighs one sentence of
prose where the model took the club for a person; the square root of it for a name of several
words, so one article's repeated misreading of a person does not outvote other articles; see
:func:`article_weight`), with the same tie rule (the gazetteer, then
the earliest article in the order given, then the fixed type order).

Ingest calls :func:`resolve_archive` once it has the entities of every article, new and
unchanged alike (read back from front matter), in a stable order (the article key), and writes
back the articles whose lists changed. It is pure: no model, no files.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.model import ENTITY_TYPES, ArticleEntities
from newsarchive.entities.normalize import name_key
from newsarchive.entities.vote import decide


def archive_types(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The type each name (by :func:`name_key`) gets across ``articles``.

    Each article votes with the weight of its evidence (:func:`article_weight`)."""
    ballots: dict[str, list[tuple[int, str, float]]] = {}
    spelling: dict[str, str] = {}
    for index, article in enumerate(articles):
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                key = name_key(name)
                spelling.setdefault(key, name)
                ballots.setdefault(key, []).append((index, kind, article_weight(article, name)))
    return {key: decide(spelling[key], votes) for key, votes in ballots.items()}


def article_weight(article: ArticleEntities, name: str) -> float:
    """What one article's reading of ``name`` weighs in the archive vote.

    A single word is often a place and a club named after it ("Harwick" the town in prose, the
    club in a results table): there the weight of the evidence counts in full, since the table's
    twenty rows are what tell the club apart. A name of two or more words that the gazetteer does
    not know as a place ("Talia Brenmoor") is one thing, and one article repeating the model's
    misreading three times must not outvote two articles that read it right: an article weighs
    the square root of its evidence (3 -> 1.73, less than two articles of 1).
    """
    weight = article.weights.get(name, 1.0)
    if weight > 1 and len(name.split()) > 1 and gazetteer().place(name) is None:
        return math.sqrt(weight)
    return weight


def archive_acronyms(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The long name each acronym stands for across the archive (by the acronym's key).

    Learnt from the articles themselves: an article that folded "IMF" into "International
    Monetary Fund" (introduced in brackets, or spelt by the long name's initials in the same
    article; see its ``aliases``) says what "IMF" means where another article uses it alone.
    An acronym folded into two different things ("World Trade Organisation", "World Tourism
    Organisation") is left alone; spellings of one thing ("Securities and Exchange Commission",
    "Securities & Exchange Commission") go to the most frequent, then the first in A-Z order.
    """
    targets: dict[str, Counter[str]] = {}
    for article in articles:
        for canonical, forms in article.aliases.items():
            for form in forms:
                if _ACRONYM.fullmatch(form) and name_key(form) != name_key(canonical):
                    targets.setdefault(name_key(form), Counter())[canonical] += 1
    found = {}
    for key, counts in targets.items():
        if len({_loose(name) for name in counts}) == 1:
            found[key] = min(counts, key=lambda name: (-counts[name], name))
    return found


#: An acronym in capitals: "IMF", "M&S".
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")


def _loose(name: str) -> str:
    """Spellings of one name compare equal: "&" or "and", apostrophes, case."""
    return " ".join(name_key(name).replace("&", " and ").replace("'", "").split())


def _renamed(article: ArticleEntities, acronyms: dict[str, str]) -> ArticleEntities:
    """``article`` with its names renamed by ``acronyms`` (name key -> archive name: acronyms
    and other spellings), their weights added to the new name's; the same object when none is."""
    if not any(name_key(n) in acronyms for kind in ENTITY_TYPES for n in getattr(article, kind)):
        return article
    listed = {name for kind in ENTITY_TYPES for name in getattr(article, kind)}
    lists: dict[str, list[str]] = {}
    weights = dict(article.weights)
    aliases = {name: list(forms) for name, forms in article.aliases.items()}
    for kind in ENTITY_TYPES:
        names = set()
        for name in getattr(article, kind):
            target = acronyms.get(name_key(name))
            if target is None:
                names.add(name)
                continue
            names.add(target)
            before = weights.get(target, 1) if target in listed else 0
            weights[target] = before + weights.pop(name, 1)
            listed.add(target)
            aliases.setdefault(target, [])
            if name not in aliases[target]:
                aliases[target].append(name)
        lists[kind] = sorted(names)
    return replace(article, **lists, weights=weights, aliases=aliases)


def archive_spellings(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """One spelling for names written two ways ("Port & Harbour Board", "Port and Harbour
    Board"): the one in most articles, then the first in A-Z order (by the other spellings'
    keys)."""
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                counts.setdefault(_loose(name), Counter())[name] += 1
    found = {}
    for spellings in counts.values():
        if len({name_key(name) for name in spellings}) > 1:
            best = min(spellings, key=lambda name: (-spellings[name], name))
            found.update({name_key(n): best for n in spellings if name_key(n) != name_key(best)})
    return found


def resolve_archive(articles: Sequence[ArticleEntities]) -> list[ArticleEntities]:
    """``articles`` with one spelling per name (:func:`archive_spellings`), every acronym under
    the long name the archive knows it by (:func:`archive_acronyms`) and every name moved to its
    archive-wide type (same order, new objects only where something changed)."""
    spellings = archive_spellings(articles)
    acronyms = {
        key: spellings.get(name_key(target), target)
        for key, target in archive_acronyms(articles).items()
    }
    renamed = [_renamed(article, spellings | acronyms) for article in articles]
    types = archive_types(renamed)
    out = []
    for article, own in zip(renamed, articles, strict=True):
        buckets: dict[str, set[str]] = {kind: set() for kind in ENTITY_TYPES}
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                buckets[types[name_key(name)]].add(name)
        lists = {kind: sorted(buckets[kind]) for kind in ENTITY_TYPES}
        if all(lists[kind] == list(getattr(own, kind)) for kind in ENTITY_TYPES):
            out.append(own)
        else:
            out.append(replace(article, **lists))
    return out
