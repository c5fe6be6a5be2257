"""``newsarchive search [QUERY] [--entity TYPE/SLUG]... [--provider NAME]... [--year YYYY]...
[--from DATE] [--to DATE] [--sort relevance|newest|oldest] [--index var/index] [--limit 10]
[--json | --csv]``."""

from __future__ import annotations

import argparse
import csv
import importlib
import importlib.util
import io
import json
import sys
import types

#: Modules Whoosh imports at start-up that a search never uses: the English morphology tables of
#: its ``Variations`` query (``whoosh.query.terms``), about 12 ms of every ``newsarchive search``.
#: :func:`_defer_unused_imports` has them loaded when first used instead. (asyncio, imported by
#: the ``cached_property`` package, is used: Whoosh asks it about every reader's properties.)
DEFERRED_MODULES = ("whoosh.lang.morph_en",)


def _defer_unused_imports() -> None:
    """Stand in for each of :data:`DEFERRED_MODULES` not yet imported with a module that imports
    the real one when any of its names is first used (``variations`` of the morphology module is
    its own stand-in, imported with ``from ... import`` at Whoosh's start-up)."""
    for name in DEFERRED_MODULES:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        stub = types.ModuleType(name)
        stub.__spec__ = spec
        package = spec.submodule_search_locations is not None

        def real(name: str = name, stub: types.ModuleType = stub) -> types.ModuleType:
            if sys.modules.get(name) is stub:
                del sys.modules[name]
            return importlib.import_module(name)

        def attribute(attr: str, real=real, package: bool = package) -> object:  # noqa: ANN001
            if attr == "__path__" and not package:  # asked by every ``from ... import``
                raise AttributeError(attr)
            return getattr(real(), attr)

        stub.__getattr__ = attribute  # type: ignore[method-assign]
        if name == "whoosh.lang.morph_en":
            stub.variations = lambda word, real=real: real().variations(word)  # type: ignore
        sys.modules[name] = stub


def run(args: argparse.Namespace) -> int:
    """Print the top hits; exit 2 on a usage error or when the index is missing."""
    _defer_unused_imports()
    from newsarchive.search.searcher import CSV_HEADER, FilterError, Filters, search
    from newsarchive.search.store import IndexMissingError

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
