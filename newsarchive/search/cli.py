"""``newsarchive search QUERY [--index var/index] [--limit 10] [--json]``."""

from __future__ import annotations

import argparse
import json
import sys

from newsarchive.search.index import IndexMissingError
from newsarchive.search.searcher import search


def run(args: argparse.Namespace) -> int:
    """Print the top hits; exit 2 when the index is missing."""
    try:
        result = search(args.index, args.query, limit=args.limit)
    except IndexMissingError as exc:
        print(f"newsarchive search: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 (a damaged index fails in many ways inside Whoosh)
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        print(f"newsarchive search: {args.index}: the index cannot be read ({reason}); "
              "run 'newsarchive build' to repair it", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([h.as_json() for h in result.hits], ensure_ascii=False))
        return 0
    if not result.hits:
        print(f"No results for {args.query!r}.")
        return 0
    shown = len(result.hits)
    print(
        f"{result.total} result{'s' if result.total != 1 else ''} for {args.query!r}"
        f" (showing {shown}):"
    )
    width = len(str(shown))
    for hit in result.hits:
        meta = " · ".join(x for x in (hit.date, hit.provider) if x)
        print(f"{hit.rank:>{width}}. {hit.title}")
        print(f"{'':>{width}}  {hit.url}  score {hit.score:.4f}" + (f"  {meta}" if meta else ""))
    return 0
