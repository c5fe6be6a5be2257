"""Archive-level entity quality of an ingested folder: split names and thin pages.

    python -m bench.entity_stats content/articles [--groups]

Prints, as JSON: the number of entity pages, the share with a single article, and among names in
three or more articles, the share that have pages under two or more types (one real-world thing
split across pages). ``--groups`` adds, for a few common alias groups, how many pages the names
of each group that occur resolve to (one is right).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from newsarchive.article import ENTITY_TYPES, NameVotes, article_key, normalise
from newsarchive.frontmatter import load
from newsarchive.slug import entity_slug

#: Groups of names a reader takes to be one thing (country short forms, unions, a surname).
ALIAS_GROUPS = (
    ("United States", "US", "U.S.", "USA", "America"),
    ("United Kingdom", "UK", "U.K.", "Britain"),
    ("European Union", "EU"),
    ("Tony Blair", "Blair"),
)


def stats(folder: Path, groups: bool = False) -> dict[str, object]:
    votes = NameVotes()
    types_of: dict[str, set[str]] = defaultdict(set)
    articles_of: dict[str, int] = defaultdict(int)
    pages: dict[tuple[str, str], int] = defaultdict(int)
    for path in sorted(folder.rglob("*.md")):
        meta, _ = load(path)
        found = normalise(meta, article_key(path.relative_to(folder).as_posix()))
        for key in votes.add_article(found.entities):
            pages[key] += 1
        seen: set[str] = set()
        for kind in ENTITY_TYPES:
            for name in found.entities[kind]:
                slug = entity_slug(name)
                types_of[slug].add(kind)
                if slug not in seen:
                    seen.add(slug)
                    articles_of[slug] += 1
    recurring = [slug for slug, n in articles_of.items() if n >= 3]
    split = [slug for slug in recurring if len(types_of[slug]) > 1]
    singles = sum(1 for n in pages.values() if n == 1)
    out: dict[str, object] = {
        "entity_pages": len(pages),
        "single_article_share": round(singles / max(len(pages), 1), 3),
        "recurring_names": len(recurring),
        "split_across_types_share": round(len(split) / max(len(recurring), 1), 3),
        "split_examples": sorted(split, key=lambda s: -articles_of[s])[:10],
    }
    if groups:
        by_slug = {slug: {k for (k, s) in pages if s == slug} for (_, slug) in pages}
        out["alias_groups"] = {
            group[0]: sorted(f"{kind}/{entity_slug(name)}" for name in group
                             for kind in by_slug.get(entity_slug(name), ()))
            for group in ALIAS_GROUPS
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.entity_stats")
    parser.add_argument("folder", help="ingested articles (content/articles)")
    parser.add_argument("--groups", action="store_true", help="check common alias groups")
    args = parser.parse_args(argv)
    print(json.dumps(stats(Path(args.folder), args.groups), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
