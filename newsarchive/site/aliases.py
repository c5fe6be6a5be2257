"""Other names of an entity, shown on its page: from ingest's manifest and from entities.yml.

Ingest records, per article, which surface forms it folded into each canonical name
(``content/articles/.newsarchive.json``, ``articles.<key>.aliases``); entities.yml lists aliases and
merges that apply everywhere, read by its one parser (:mod:`newsarchive.entities.config`). A
missing or unreadable manifest means no aliases from ingest, with one warning line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsarchive.entities.config import EntityConfig
from newsarchive.ingest.manifest import read_aliases

if TYPE_CHECKING:
    from newsarchive.site.catalog import ArticleInfo


def _warn(message: str) -> None:
    """One line on stderr, even for YAML errors that span several."""
    print("newsarchive: " + " ".join(message.split()), file=sys.stderr)


@dataclass
class AliasBook:
    """Aliases per article (manifest) and global ones (entities.yml), keyed by canonical name."""

    per_article: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    everywhere: dict[str, set[str]] = field(default_factory=dict)

    def add_global(self, canonical: str, surface: str) -> None:
        canonical, surface = canonical.strip(), surface.strip()
        if canonical and surface and canonical != surface:
            self.everywhere.setdefault(canonical, set()).add(surface)

    def aliases_for(
        self,
        display_name: str,
        names: Iterable[str],
        article_indexes: Iterable[int],
        articles: Sequence[ArticleInfo],
    ) -> list[str]:
        """Every other name the entity is known by, A-Z, without its display name.

        An article's table says which forms it folded into which name. The archive may list
        the thing under one of those forms instead ("NATO", the name most of its articles
        use, where this article folded "NATO" into "North Atlantic Treaty Organisation"):
        then the name the article folded into is one of the entity's names too."""
        names = set(names)
        found: set[str] = set(names)
        for name in names:
            found |= self.everywhere.get(name, set())
        if self.per_article:  # (its tables hold lists of text: load_manifest_aliases)
            for index in article_indexes:
                table = self.per_article.get(articles[index].key)
                if not table:
                    continue
                for canonical, forms in table.items():
                    if canonical in names:
                        found.update(forms)
                    elif not names.isdisjoint(forms):
                        found.add(canonical)
        found.discard(display_name)
        return sorted((a for a in found if a.strip()), key=lambda a: (a.casefold(), a))


def load_manifest_aliases(path: str | os.PathLike[str], book: AliasBook) -> None:
    """Read ``aliases`` of every article in ingest's manifest into ``book`` (from the aliases
    record ingest writes beside it, when that is of this manifest: :func:`read_aliases`)."""
    try:
        found = read_aliases(Path(path))
    except (OSError, ValueError) as exc:
        _warn(f"{path}: manifest not readable, entity aliases from ingest skipped ({exc})")
        return
    if found is None:
        return
    for key, aliases in found[0].items():
        if isinstance(aliases, dict) and aliases:
            book.per_article[str(key)] = {
                str(k): [str(s) for s in v] for k, v in aliases.items() if isinstance(v, list)
            }


def load_entities_config(config: EntityConfig, book: AliasBook) -> None:
    """Add the aliases and merges of entities.yml (already read by its one parser) to ``book``."""
    for canonical, surface in config.written:
        book.add_global(canonical, surface)
