"""The work of a cold ingest that comes before NER, on every CPU.

Before the NER workers start, one process parsed every input (2 ms a file) and hashed every
article for the near-copy check (1 ms): at 10,000 articles about 30 s in which the second CPU
had nothing to do, three hundredths of a whole run. Both are pure functions of bytes or text,
so :func:`ordered_map` runs them in forked processes, a block ahead of the run that records
their results in input order, which therefore stays exactly as it was.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from newsarchive.forked import detach

T = TypeVar("T")
R = TypeVar("R")

#: Items sent to the processes at a time (and held ahead of the run): enough to keep them
#: busy while the run records the block before, few enough to hold little.
BLOCK = 256
#: Items per task within a block.
CHUNK = 16


@contextmanager
def helpers(jobs: int) -> Iterator[Any]:
    """A pool of ``jobs`` forked processes for :func:`ordered_map`, or None for one job (or
    where processes cannot be forked): the work then runs in this process."""
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=detach,
                                                    initargs=(os.getpid(),))
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()


def ordered_map(pool: Any, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
    """``(item, fn(item))`` for each item, in order, computed in ``pool`` (a block ahead of what
    is consumed) or here when it is None. ``items`` is read in this process, a block at a
    time."""
    if pool is None:
        yield from ((item, fn(item)) for item in items)
        return
    iterator = iter(items)
    ahead: tuple[list[T], Any] | None = None
    while True:
        block = list(itertools.islice(iterator, BLOCK))
        pending = (block, pool.map_async(fn, block, chunksize=CHUNK)) if block else None
        if ahead is not None:
            yield from zip(ahead[0], ahead[1].get(), strict=True)
        if pending is None:
            return
        ahead = pending


def jobs_for(requested: int | None, count: int, default: Callable[[int], int]) -> int:
    """As many helpers as the NER workers will be (``--jobs`` or the default for ``count``
    articles), at most one per CPU."""
    return max(1, min(requested or default(count), os.cpu_count() or 1))
