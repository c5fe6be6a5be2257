"""Write files so that a reader never sees half of one.

Every file newsarchive writes goes through here: the bytes land in a temporary file in the same
folder, are flushed, and the temporary file is renamed over the target. A crash or a full disk can
leave a stray ``.tmp`` file behind, never a truncated article, page or shard.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Permissions of a plainly created file (``mkstemp`` makes 0600 files, which a web server
#: running as another user could not read).
_FILE_MODE = 0o666 & ~_umask()
#: A temporary name that is a symbolic link is refused, not followed out of the folder.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def write_bytes(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Atomically replace ``path`` with ``data``, creating parent folders as needed; not synced
    to disk first when not ``durable`` (a cache that is made again when it does not load)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Atomically replace ``path`` with ``text`` encoded as UTF-8 (``\\n`` line ends)."""
    write_bytes(path, text.encode("utf-8"))


class TextFile(io.TextIOBase):
    """A text file opened for writing that appears at ``path`` only once it is complete.

    For writers that want a file object (Pelican's page and feed writers): writes go to a
    temporary file beside ``path``; leaving the ``with`` block renames it over ``path``, and an
    error inside the block removes it, so the page that was there before stays whole. Pages are not
    fsync'ed one by one (a build writes thousands): a crash leaves the old page or the new one.
    """

    def __init__(self, path: str | os.PathLike[str], encoding: str = "utf-8") -> None:
        self.path = Path(path)
        # One run writes to a folder at a time (newsarchive.lock), so the process id names the
        # temporary file uniquely; a random name and a chmod per page (mkstemp) were a sixth of
        # the cost of writing a page. A stray file of a crashed run with the same id is replaced.
        self._tmp = str(self.path.parent / f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o666)
        self._handle = os.fdopen(fd, "w", encoding=encoding, newline="")

    def write(self, text: str) -> int:
        return self._handle.write(text)

    def writable(self) -> bool:  # a text stream to XML writers (feeds), not a byte sink
        return True

    def __enter__(self) -> TextFile:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            self._handle.close()
            if kind is None:
                os.replace(self._tmp, self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._tmp)
            super().close()
