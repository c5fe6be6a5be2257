"""Bytes a build keeps to the end but reads about twice, held in a file instead of in memory.

An article's packed HTML (``newsarchive.site.packed``) is read when its own page is rendered
and when its entity chips are; the rest of the build it only has to stay somewhere. Held in
memory it grows with the archive and with the length of its articles (about 2 kB an article of
generated news, more for long reports): at 100,000 articles a tenth or more of the build's peak.
A :class:`Spool` is one unnamed temporary file (unlinked as soon as it is made, so a build that
is stopped leaves nothing behind); :meth:`Spool.keep` appends bytes to it and gives back a small
:class:`Spooled` reference that reads them back. The page cache, not the process, holds them.

Only the process that made the spool writes to it: a forked process (the entity pages' second
half) reads what its parent spooled, with positioned reads that share no file offset, and keeps
in memory whatever it packs itself. Where the file cannot be made or written
(no such folder, a full disk) the bytes stay in memory, as before.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path


class Spooled:
    """Where one value lies in its spool. Pickled, it is the bytes themselves: a cache written
    from it stands alone, whatever becomes of this build's file."""

    __slots__ = ("spool", "offset", "length")

    def __init__(self, spool: Spool, offset: int, length: int) -> None:
        self.spool = spool
        self.offset = offset
        self.length = length

    def data(self) -> bytes:
        return self.spool.read(self.offset, self.length)

    def __reduce__(self) -> tuple[type[bytes], tuple[bytes]]:
        return (bytes, (self.data(),))


class Spool:
    """An append-only unnamed file in ``folder`` for bytes read back by position."""

    def __init__(self, folder: Path | None) -> None:
        # open while a value it holds is referenced (see _CURRENT), then closed with the object
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self._fd = self._file.fileno()
        self._end = 0
        self._owner = os.getpid()
        self._lock = threading.Lock()

    def keep(self, data: bytes) -> Spooled | bytes:
        """``data`` in the file, or ``data`` itself where this process may not or cannot write."""
        if os.getpid() != self._owner or not data:
            return data
        with self._lock:
            offset = self._end
            try:
                view = memoryview(data)
                while view:
                    view = view[os.pwrite(self._fd, view, offset + len(data) - len(view)):]
            except OSError:
                return data
            self._end = offset + len(data)
        return Spooled(self, offset, len(data))

    def read(self, offset: int, length: int) -> bytes:
        data = os.pread(self._fd, length, offset)
        while len(data) < length:  # a short read (never seen on a regular file) goes on
            more = os.pread(self._fd, length - len(data), offset + len(data))
            if not more:
                raise OSError(f"spool ends at {offset + len(data)}, before {offset + length}")
            data += more
        return data


#: The process's spool and its folder. One at a time: a spool another folder's build made is
#: closed once nothing it holds is referenced any more (a test process runs many builds).
_CURRENT: tuple[str, Spool | None] | None = None
_LOCK = threading.Lock()


def spool_in(folder: str | os.PathLike[str] | None) -> Spool | None:
    """The process's spool in ``folder`` (made there on first use), or None if none can be."""
    global _CURRENT
    key = os.path.abspath(folder) if folder else ""
    with _LOCK:
        if _CURRENT is None or _CURRENT[0] != key:
            try:
                if key:
                    os.makedirs(key, exist_ok=True)
                _CURRENT = (key, Spool(Path(key) if key else None))
            except OSError:
                _CURRENT = (key, None)
        return _CURRENT[1]


def kept(data: bytes, folder: str | os.PathLike[str] | None) -> Spooled | bytes:
    """``data`` spooled in ``folder``, or ``data`` itself where it cannot be."""
    spool = spool_in(folder)
    return spool.keep(data) if spool is not None else data


def read_back(value: Spooled | bytes) -> bytes:
    """The bytes a value from :func:`kept` stands for."""
    return value if isinstance(value, bytes) else value.data()
