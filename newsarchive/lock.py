"""One run per output folder at a time: ``<folder>/.newsarchive.lock``.

Two ingests into one folder would both read the manifest, both pick ``slug-2`` for two different
articles, and the last to save its manifest would forget the other's outputs; two builds into one
output folder would interleave pages, shards and the index. The second run therefore refuses at
once, naming the lock file and the pid that holds it.

The lock is an ``flock`` on the file, not the file's existence: the kernel releases it when the
holder exits, however it exits, so a lock file left by a killed run (a dead pid) is simply taken
over. The file holds the holder's pid for the message and is removed on release.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from newsarchive.ingest.inputs import escape

FILENAME = ".newsarchive.lock"


class LockBusy(Exception):
    """Another live run holds the lock; the message is the one line to show."""


@contextlib.contextmanager
def hold(out: Path, what: str = "ingest") -> Iterator[Path]:
    """Hold the lock of ``out`` (which must exist) for the ``with`` block; ``what`` names the
    kind of run in the message another run gets."""
    path = out / FILENAME
    fd = _acquire(path, what)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _acquire(path: Path, what: str) -> int:
    for _ in range(10):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_pid(fd)
            os.close(fd)
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            who = f"pid {holder}" if holder else "another process"
            raise LockBusy(
                f"{escape(path)}: another {what} ({who}) is writing to this folder; "
                "try again when it has finished"
            ) from None
        # The previous holder may have removed the file between our open and our lock: then we
        # locked a file nobody else will ever see, so start again on the current one.
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)
    raise LockBusy(f"{escape(path)}: the lock file keeps changing; is another {what} running?")


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
