"""Interrupts held back while a file and its record are written as one step.

Ctrl-C and a kill (SIGTERM, which the command line turns into the same interrupt) stop a run
between any two steps, and the run then saves what it has recorded. An article whose file was
written but whose manifest entry was not yet made would be unknown to that manifest: the next
run would convert it again instead of counting it unchanged. :func:`held` keeps such a pair of
steps whole.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The signals a run stops on.
_STOPS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def held() -> Iterator[None]:
    """Run the block with Ctrl-C and SIGTERM held back: one that arrives during it stops the
    run (``KeyboardInterrupt``) as soon as the block ends. In the main thread only, the one
    where Python runs signal handlers; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: object) -> None:
        caught.append(signum)

    before = {signum: signal.signal(signum, hold) for signum in _STOPS}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    if caught:
        raise KeyboardInterrupt
