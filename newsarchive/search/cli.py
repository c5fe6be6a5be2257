"""``newsarchive search [QUERY] [--entity TYPE/SLUG]... [--provider NAME]... [--year YYYY]...
[--from DATE] [--to DATE] [--sort relevance|newest|oldest] [--index var/index] [--limit 10]
[--json | --csv]``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys

from newsarchive.search.searcher import CSV_HEADER, FilterError, Filters, search
from newsarchive.search.store import IndexMissingError


def run(args: argparse.Namespace) -> int:
    """Print the top hits; exit 2 on a usage error or when the index is missing."""
    filters = Filters(
        entities=tuple(getattr(args, "entity", []) or []),
        providers=tuple(getattr(args, "provider", []) or []),
        years=tuple(getattr(args, "year", []) or []),
        date_from=getattr(args, "date_from", "") or "",
        date_to=getattr(args, "date_to", "") or "",
    )
    query = args.query or ""
    if not query.strip() and not filters:
        print("usage: newsarchive search [QUERY] [--entity TYPE/SLUG]... [--provider NAME]... "
              "[--year YYYY]... [--from DATE] [--to DATE] [--sort relevance|newest|oldest] "
              "[--index var/index] [--limit 10] [--json | --csv]\n"
              "newsarchive search: error: give a QUERY, or at least one filter (--entity, "
              "--provider, --year, --from, --to) to list articles", file=sys.stderr)
        return 2
    as_csv = bool(getattr(args, "csv", False))
    try:
        result = search(
            args.index,
            query,
            limit=args.limit,
            filters=filters,
            sort=getattr(args, "sort", "relevance") or "relevance",
            suggest=not (args.json or as_csv),
        )
    except FilterError as exc:
        print(f"newsarchive search: {exc}", file=sys.stderr)
        return 2
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
    if as_csv:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        writer.writerows(h.csv_row() for h in result.hits)
        sys.stdout.write(out.getvalue())
        return 0
    label = repr(query) if query.strip() else "the filters"
    if not result.hits:
        print(f"No results for {label}.")
        for s in result.suggestions:
            print(f"Did you mean {' or '.join(s['suggestions'])} (for {s['word']!r})?")
        return 0
    shown = len(result.hits)
    print(
        f"{result.total} result{'s' if result.total != 1 else ''} for {label}"
        f" (showing {shown}):"
    )
    width = len(str(shown))
    for hit in result.hits:
        meta = " · ".join(x for x in (hit.date, hit.provider) if x)
        print(f"{hit.rank:>{width}}. {hit.title}")
        print(f"{'':>{width}}  {hit.url}  score {hit.score:.4f}" + (f"  {meta}" if meta else ""))
        if hit.excerpt:
            print(f"{'':>{width}}  {hit.excerpt}")
    for s in result.suggestions:
        print(f"Did you mean {' or '.join(s['suggestions'])} (for {s['word']!r})?")
    return 0
