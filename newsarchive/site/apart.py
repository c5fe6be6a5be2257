"""Pages written by two processes once the search step has given back the second CPU.

A full build runs the search step in a worker beside Pelican (``plugins/search_index``); on an
archive of 10,000 articles it is done long before Pelican, which then renders the pages on one
CPU while the other waits. An archive whose names are mostly in one article each, as in real
news, has several entity pages per article, and that wait becomes most of the build. Two runs
of pages are split so: the articles' own pages (held by the incremental writer until Pelican
has asked for the last, ``plugins/incremental``) and the entity and list pages
(``plugins/entity_pages``).

:func:`in_two` runs such a run of jobs (calls of no argument) and, from the first job at which a
second CPU is free, splits the jobs left with a forked process: each of the two takes the next job
no one has taken yet (a counter both share), so they finish together however long each job
takes (every other job each left one process alone for the last few tenths of a second: an
entity of many articles costs a hundred of one). The forked process starts from a copy of the
build (its context, its writer), so each job renders exactly what it would have rendered here;
it sends back what the writer must know of its pages (:class:`Party`: the page records, the
files it claimed, the pages it announced), which this process takes in as if it had written them
itself. Should it fail, the jobs it took run here.

It is used only when it pays and is safe:

* a second CPU is free: no helper registered with :func:`busy_while` is still running. It is
  asked before every job, so a search step that ends while the pages are being written still
  gives its CPU to them;
* at least ``minimum`` jobs are left, and, once some have run, the jobs left would take at least
  :data:`WORTH_SECONDS` at the pace so far (a fork costs a few milliseconds per 100 MB of heap,
  and an update whose pages are kept as they are has nothing to share);
* the archive has at most :data:`MAX_ARTICLES` articles: a forked process shares the build's
  memory only until it touches it, and the build of 100,000 articles is held to 2 GB.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, Protocol

from newsarchive.forked import Apart, forking_available

#: Above this many articles the pages are written by one process (see the module).
MAX_ARTICLES = 50_000
#: The fewest jobs left (pages of articles, entities' pages, a source's ...) that are split with
#: a forked process (setting ``NEWSARCHIVE_PAGES_APART``; 0: never).
PAGES_APART = 200
#: A forked process is started only for jobs that would take this long here (see the module).
#: At 10,000 articles the search step of a +10 rebuild ends with about a second of entity pages
#: left, which 1.0 never split: the newest-month rebuild took 4.29 to 4.66 s (median 4.40 of
#: four) with 0.3 against 4.47 to 4.93 s (median 4.73) with 1.0, in alternating runs.
WORTH_SECONDS = 0.3

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


def _cpus() -> int:
    """How many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _helpers_done() -> bool:
    """Whether every helper registered with :func:`busy_while` has finished."""
    return all(done() for done in _HELPERS)


def minimum_jobs(settings: Mapping[str, Any]) -> int:
    """The build's ``NEWSARCHIVE_PAGES_APART`` (:data:`PAGES_APART` when unset)."""
    return int(settings.get("NEWSARCHIVE_PAGES_APART", PAGES_APART))


def may_split(jobs: int, *, minimum: int, articles: int) -> bool:
    """Whether ``jobs`` jobs of an archive of ``articles`` could be split at all (see the
    module): before the jobs are made, so that none are held for nothing."""
    return (0 < minimum <= jobs and articles <= MAX_ARTICLES and forking_available()
            and _cpus() >= 2)


def in_two(jobs: Sequence[Callable[[], None]], party: Party | None, *, minimum: int,
           articles: int, worth: float = WORTH_SECONDS) -> bool:
    """Every job called, from the first at which that pays those left split with a forked
    process (see the module); whether a process was forked."""
    may = party is not None and may_split(len(jobs), minimum=minimum, articles=articles)
    started = time.perf_counter()
    for done, job in enumerate(jobs):
        if may and len(jobs) - done < minimum:
            may = False
        if may and _helpers_done() and _worth(done, len(jobs) - done, started, worth):
            assert party is not None
            _split(jobs[done:], party)
            return True
        job()
    return False


def _worth(done: int, left: int, started: float, worth: float) -> bool:
    """Whether ``left`` jobs would take ``worth`` seconds at the pace of the ``done`` ones
    (before the first, nothing is known: a full build's lists are worth it)."""
    return done == 0 or (time.perf_counter() - started) / done * left >= worth


#: Seconds between this process's looks at whether the forked process still runs, while it
#: waits for the shared counter (see :class:`_Counter`).
ALIVE_POLL = 1.0


class _Counter:
    """The next job to take, in memory the two processes share: :meth:`take` gives each job to
    exactly one of them."""

    def __init__(self, count: int) -> None:
        import multiprocessing  # not at import: a search from the command line starts without it

        context = multiprocessing.get_context("fork")
        self.count = count
        self._next = context.RawValue("q", 0)
        self._lock = context.Lock()

    def take(self, alive: Callable[[], bool] = lambda: True) -> int | None:
        """The next job's number, or None when none is left, or when the other process ended
        while it held the lock (``alive()`` is false: it will never give the lock back)."""
        while not self._lock.acquire(timeout=ALIVE_POLL):
            if not alive():
                return None
        try:
            number = self._next.value
            if number >= self.count:
                return None
            self._next.value = number + 1
            return number
        finally:
            self._lock.release()


def _split(jobs: Sequence[Callable[[], None]], party: Party) -> None:
    """The jobs shared with a forked process, each taking the next one left; the forked
    process's record taken in, or the jobs it took run here if it failed."""
    counter = _Counter(len(jobs))
    ours = bytearray(len(jobs))  # 1: run here
    helper = Apart(partial(_record, jobs, party, counter), "pages")
    try:
        while (number := counter.take(helper.running)) is not None:
            ours[number] = 1
            jobs[number]()
    except BaseException:
        helper.close()
        raise
    journal = helper.result()
    if journal is None:  # it failed: the jobs it took run here, as without it
        for number, job in enumerate(jobs):
            if not ours[number]:
                job()
    else:
        party.fork_merge(journal)


def _record(jobs: Sequence[Callable[[], None]], party: Party, counter: _Counter) -> Any:
    """In the forked process: run the jobs it takes; the party's record of them."""
    party.fork_begin()
    while (number := counter.take()) is not None:
        jobs[number]()
    return party.fork_journal()
