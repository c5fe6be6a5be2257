"""Pelican glue: update the Whoosh index and export ``search/`` beside Pelican's own work.

All the work is in :mod:`newsarchive.search.build`; this only maps Pelican settings to paths.
``NEWSARCHIVE_INDEX_DIR`` (default ``var/index``) is taken relative to the project folder, the
parent of the content folder, so the build does not depend on the current directory.

The search step reads the Markdown files itself and writes only the index and ``search/``, so it
does not depend on anything Pelican generates. It is started in a forked worker process as soon
as Pelican is initialised and collected when the site is finalised: indexing then runs on the
second core while Pelican reads and renders, instead of after it, and when Pelican is done its
core goes to the worker's segment writers too (``newsarchive.search.index.lend_cpus``). The
worker runs the very same ``build_search`` (so the bytes are the same); its messages are
captured and printed at the point where the step used to run. Where that cannot be done
safely (no ``fork``, or ``DELETE_OUTPUT_DIRECTORY``, which would empty ``search/`` while the
worker writes it) the step runs in the build process at the end, as before.

The search code (and Whoosh) is imported by the worker, not before it is forked: until then
the build has one process on two CPUs, and the imports took a fifth of a second of it. The worker
sends back the step's summary line, not its report, so the build never imports that code (it
would, to unpickle the report, in the thread that collects the worker's result while Pelican
renders: the result then reached the build seconds late, and the pages with it).
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican import signals

from newsarchive.site.apart import busy_while, release
from newsarchive.site.settings import article_root, index_dir

if TYPE_CHECKING:
    from newsarchive.search.build import BuildReport

_PENDING: dict[int, tuple[ProcessPoolExecutor, Future, Any]] = {}
#: The CPUs the site build lends the worker's segment writers (``lend_cpus``): set before the
#: worker is forked, so that it has them.
_PERMITS: list[Any] = []


def _paths(settings: dict) -> tuple[Path, Path, Path]:
    out_dir = Path(settings["OUTPUT_PATH"]) / "search"
    return article_root(settings), index_dir(settings), out_dir


def _summary(report: BuildReport) -> str:
    """The step's line for the build's output."""
    idx = report.index
    line = (
        f"search index: {len(idx.added)} added, {len(idx.updated)} updated, "
        f"{len(idx.removed)} removed, {idx.unchanged} unchanged"
    )
    if idx.failed:
        line += f", {len(idx.failed)} failed"
    if report.export is not None:
        line += f"; {len(report.export.written)} search shards written"
    return line


def _build_captured(content_dir: Path, index_dir: Path, out_dir: Path) -> tuple[str, str]:
    """``build_search`` in the worker: its summary line, and what it printed to stderr."""
    from newsarchive.search.build import build_search
    from newsarchive.search.gcpause import give_back_memory
    from newsarchive.search.index import lend_cpus

    lend_cpus(_PERMITS[-1] if _PERMITS else None)
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stderr(buffer):
            report = build_search(content_dir, index_dir, out_dir)
    except BaseException:
        sys.stderr.write(buffer.getvalue())  # the lines said before the failure still count
        raise
    give_back_memory()  # the worker waits, idle, until the site is finalised
    return _summary(report), buffer.getvalue()


def start_search(pelican: object) -> None:
    settings = pelican.settings  # type: ignore[attr-defined]
    if settings.get("DELETE_OUTPUT_DIRECTORY"):
        return
    if "fork" not in multiprocessing.get_all_start_methods():
        return
    context = multiprocessing.get_context("fork")
    permits = context.Semaphore(1)  # one CPU for the segment writers while Pelican renders
    executor = ProcessPoolExecutor(max_workers=1, mp_context=context)
    _PERMITS.append(permits)  # inherited by the worker forked on submit
    try:
        future = executor.submit(_build_captured, *_paths(settings))
    finally:
        _PERMITS.remove(permits)
    busy_while(future.done)  # the site's pages take the second CPU only once it is done
    _PENDING[id(pelican)] = (executor, future, permits)


def update_search(pelican: object) -> None:
    pending = _PENDING.pop(id(pelican), None)
    if pending is None:
        from newsarchive.search.build import build_search

        line = _summary(build_search(*_paths(pelican.settings)))  # type: ignore[attr-defined]
    else:
        executor, future, permits = pending
        release(future.done)
        permits.release()  # Pelican is done: its CPU goes to the segment writers
        try:
            line, messages = future.result()
        finally:
            executor.shutdown()
        sys.stderr.write(messages)
    print(line, file=sys.stderr)


def register() -> None:
    signals.initialized.connect(start_search)
    signals.finalized.connect(update_search)
