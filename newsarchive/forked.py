"""Helper processes forked by a run: they stop with it, however it stops."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

PR_SET_PDEATHSIG = 1  # linux/prctl.h
T = TypeVar("T")


def detach(parent: int) -> None:
    """Make this forked process a helper of ``parent``: it ignores Ctrl-C (the parent stops
    its helpers and saves what is written), takes the default action for SIGTERM (the parent's
    "save and exit" handler is the parent's alone), and Linux kills it when its parent dies,
    even by SIGKILL."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the helper ends when its queue closes
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


class Apart(Generic[T]):
    """``work()`` done by a forked process while this one goes on with something else.

    The forked process starts from a copy of this one, so ``work`` sees exactly what this process
    holds; it sends back what ``work`` returns (picklable), or ``None`` on any failure, and leaves
    without this process's clean-up (``os._exit``). :meth:`result` waits for it: ``None`` tells
    the caller to do the work itself, so a failed helper never costs output, only time.
    """

    def __init__(self, work: Callable[[], T], name: str) -> None:
        import multiprocessing  # not at import: a search from the command line starts without it

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_apart, args=(send, work, os.getpid()),
                                        name=name, daemon=True)
        self._process.start()
        send.close()

    def result(self) -> T | None:
        """Wait for the forked process: what ``work()`` returned, or None if it failed."""
        try:
            found = self._receive.recv()
        except (EOFError, OSError):
            found = None
        self._receive.close()
        self._process.join()
        return found

    def running(self) -> bool:
        """Whether the forked process has not ended yet."""
        return self._process.is_alive()

    def close(self) -> None:
        """Stop the forked process if it still runs (this process failed before it asked
        for the result)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def forking_available() -> bool:
    """Whether this platform can fork (where it cannot, the work stays in one process)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _apart(send: Any, work: Callable[[], Any], parent: int) -> None:
    """The forked process of :class:`Apart`."""
    found: Any = None
    try:
        detach(parent)
        found = work()
    except BaseException:  # noqa: BLE001 (the parent does the work itself)
        found = None
    finally:
        try:
            send.send(found)
            send.close()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0)
