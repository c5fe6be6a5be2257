"""Pages written by two processes once the search step has given back the second CPU.

A full build runs the search step in a worker beside Pelican (``plugins/search_index``); on an
archive of 10,000 articles it is done long before Pelican, which then renders every entity page
on one CPU while the other waits. An archive whose names are mostly in one article each, as in
real news, has several entity pages per article, and that wait becomes most of the build.

:func:`in_two` splits such a run of jobs (calls of no argument): a forked process takes every
other job, this one the rest. The forked process starts from a copy of the build (its context,
its writer), so each job renders exactly what it would have rendered here; it sends back what
the writer must know of its pages (:class:`Party`: the page records, the files it claimed, the
pages it announced), which this process takes in as if it had written them itself. Should it
fail, its jobs run here.

It is used only when it pays and is safe:

* a second CPU is free: no helper registered with :func:`busy_while` is still running (an
  incremental build, where the search step is the longer half, stays on one CPU for pages);
* there are at least ``minimum`` jobs (a fork costs a few milliseconds per 100 MB of heap);
* the archive has at most :data:`MAX_ARTICLES` articles: a forked process shares the build's
  memory only until it touches it, and the build of 100,000 articles is held to 2 GB.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from newsarchive.forked import detach

#: Above this many articles the pages are written by one process (see the module).
MAX_ARTICLES = 50_000

#: Helpers that hold the second CPU while they run: ``done()`` tells whether one has finished.
_HELPERS: list[Callable[[], bool]] = []


class Party(Protocol):
    """What :func:`in_two` asks of the writer both processes write through."""

    def fork_begin(self) -> None:
        """In the forked process, before its first job: start the record of what it does."""

    def fork_journal(self) -> Any:
        """In the forked process, after its last job: that record (picklable)."""

    def fork_merge(self, journal: Any) -> None:
        """In this process: take in the forked process's record."""


def busy_while(done: Callable[[], bool]) -> None:
    """Count the second CPU as taken until ``done()`` is true (a helper process started)."""
    _HELPERS.append(done)


def release(done: Callable[[], bool]) -> None:
    """Forget a helper registered with :func:`busy_while` (it was collected)."""
    if done in _HELPERS:
        _HELPERS.remove(done)


def second_cpu_free() -> bool:
    """Whether this process may use a second CPU now: the machine lets it run on two, and no
    registered helper is still running."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return cpus >= 2 and all(done() for done in _HELPERS)


def in_two(jobs: Sequence[Callable[[], None]], party: Party | None, *, minimum: int,
           articles: int) -> bool:
    """Every job called, every other one in a forked process when that pays (see the module);
    whether a process was forked."""
    if (party is None or minimum <= 0 or len(jobs) < minimum or articles > MAX_ARTICLES
            or "fork" not in multiprocessing.get_all_start_methods() or not second_cpu_free()):
        for job in jobs:
            job()
        return False
    ours, theirs = jobs[0::2], jobs[1::2]
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_forked, args=(send, theirs, party, os.getpid()),
                              name="pages", daemon=True)
    process.start()
    send.close()
    try:
        for job in ours:
            job()
    except BaseException:
        process.terminate()
        process.join()
        receive.close()
        raise
    try:
        journal = receive.recv()
    except (EOFError, OSError):
        journal = None
    receive.close()
    process.join()
    if journal is None:  # it failed: its jobs run here, as without it
        for job in theirs:
            job()
    else:
        party.fork_merge(journal)
    return True


def _forked(send: Any, jobs: Sequence[Callable[[], None]], party: Party, parent: int) -> None:
    """The forked process of :func:`in_two`: run ``jobs``, send the party's record (``None``
    on any failure), and leave without the parent's clean-up."""
    journal: Any = None
    try:
        detach(parent)
        party.fork_begin()
        for job in jobs:
            job()
        journal = party.fork_journal()
    except BaseException:  # noqa: BLE001 (the parent runs the jobs itself, and reports)
        journal = None
    finally:
        try:
            send.send(journal)
            send.close()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0)
