"""Helper processes forked by a run: they stop with it, however it stops."""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1  # linux/prctl.h


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
