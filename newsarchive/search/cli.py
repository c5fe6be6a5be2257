"""``newsarchive search [QUERY] [--entity TYPE/SLUG]... [--provider NAME]... [--year YYYY]...
[--from DATE] [--to DATE] [--sort relevance|newest|oldest] [--index var/index] [--limit 10]
[--json | --csv]``."""

from __future__ import annotations

import argparse
import csv
import importlib
import importlib.util
import inspect
import io
import json
import sys
import types
from collections.abc import Callable

#: Modules Whoosh imports at start-up that a search never needs, each with the names taken from it
#: with ``from ... import`` or asked of it at run time; :func:`_defer_unused_imports` has them
#: loaded when one of their names is first really used instead. Together about a quarter of the
#: start-up of every ``newsarchive search``:
#:
#: * the English morphology tables of Whoosh's ``Variations`` query (``whoosh.query.terms``);
#: * ``urllib.request`` (with ``http.client``, ``ssl`` and ``email``), for the download helper
#:   ``whoosh.compat`` takes from it;
#: * ``asyncio``, which the ``cached_property`` package Whoosh's readers use asks whether each
#:   cached property is a coroutine function (:func:`_iscoroutinefunction` answers for it).
DEFERRED_MODULES: dict[str, tuple[str, ...]] = {
    "whoosh.lang.morph_en": ("variations",),
    "urllib.request": ("urlretrieve",),
    "asyncio": ("iscoroutinefunction",),
}


def _iscoroutinefunction(real: Callable[[], types.ModuleType]) -> Callable[[object], bool]:
    """``asyncio.iscoroutinefunction`` without importing asyncio for the plain functions Whoosh
    asks about: asyncio's answer is inspect's, or the marker of its old ``@coroutine``
    decorator; only a function that is either is passed on to asyncio itself."""

    def answer(func: object) -> bool:
        if inspect.iscoroutinefunction(func) or hasattr(func, "_is_coroutine"):
            return bool(real().iscoroutinefunction(func))
        return False

    return answer


def _forward(attr: str, real: Callable[[], types.ModuleType]) -> Callable[..., object]:
    """A stand-in for the function ``attr`` of the deferred module: calling it imports the
    module and calls the real one."""

    def call(*args: object, **kwargs: object) -> object:
        return getattr(real(), attr)(*args, **kwargs)

    return call


#: Stand-ins that answer without importing their module (the others :func:`_forward`).
_ANSWERS = {("asyncio", "iscoroutinefunction"): _iscoroutinefunction}


def _defer_unused_imports() -> None:
    """Stand in for each of :data:`DEFERRED_MODULES` not yet imported with a module whose listed
    names are stand-ins and whose other names import the real module when first asked for."""
    for name, names in DEFERRED_MODULES.items():
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
        for attr in names:
            answer = _ANSWERS.get((name, attr))
            setattr(stub, attr, answer(real) if answer else _forward(attr, real))
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
