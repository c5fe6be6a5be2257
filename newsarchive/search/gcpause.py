"""Pause Python's cyclic garbage collector around the search step's bulk work.

Writing a segment makes millions of small lists and tuples (postings) that live until the
segment is written, and the export holds every term's runs in dictionaries until the shards are
out; none of them form cycles. The collector would walk all of them again each time enough new
objects were made (about a tenth of the search step), so it is paused meanwhile, and resumes
afterwards to find whatever cycles were left.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block, as long as it was running."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def give_back_memory() -> None:
    """Collect what is left and hand the freed heap back to the system.

    The search step runs in a worker that Pelican's build collects only when the site is
    finalised. CPython frees the step's postings but the C allocator keeps the pages, so at
    100,000 articles the idle worker held about 600 MB beside the build process for the rest of
    the build. ``malloc_trim`` (glibc) returns them; elsewhere this is only a collection.
    """
    import ctypes
    import ctypes.util

    gc.collect()
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim with
        return
    trim(0)
