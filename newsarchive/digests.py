"""Know whether a file still holds the bytes it held at the last build, without reading it.

The search index and Pelican's content cache both ask this of every article on every build. A
file's modification time alone answers it wrongly whenever the bytes stay and the time moves:
an archive copied without its times, checked out again, or written again by a tool that
regenerates every file. Pelican's own check (``CHECK_MODIFIED_METHOD = "mtime"``) then reads
and converts every article again, which at 10,000 articles was most of a rebuild after ten were
added. Hashing every file on every build instead costs a read of the whole archive.

So each of them keeps a record of every file's size, modification time (nanoseconds) and SHA-256,
and a file is hashed again only when its size or time differ from the record's. A record that
is missing or unreadable only makes every file hashed once more.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from newsarchive import atomic


def sha256_hex(data: bytes) -> str:
    """The digest every record holds: SHA-256 of the file's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


class FileDigests:
    """SHA-256 of files by key, taken from the record at ``record`` while a file's size and
    modification time are the recorded ones. ``trusted=False`` starts from no record."""

    def __init__(self, record: Path, *, trusted: bool = True) -> None:
        self.record = record
        self._known = _read(record) if trusted else {}
        #: every file digested in this run, as the next record will hold it
        self.seen: dict[str, list[int | str]] = {}

    def digest(self, key: str, file: str | os.PathLike[str]) -> str:
        """The SHA-256 of ``file`` (raises :class:`OSError` when it cannot be read)."""
        info = os.stat(file)
        stamp = [info.st_size, info.st_mtime_ns]
        known = self.seen.get(key) or self._known.get(key)
        if known is not None and known[:2] == stamp:
            digest = str(known[2])
        else:
            digest = sha256_hex(Path(file).read_bytes())
        self.seen[key] = [*stamp, digest]
        return digest

    def save(self) -> None:
        """Write the record of the files digested in this run, when it changed (and its folder
        exists). Written after what it describes, so a record that is behind can only make a
        later run hash a file again, never skip a changed one."""
        if self.seen != self._known and self.record.parent.is_dir():
            atomic.write_text(self.record, json.dumps({"files": self.seen},
                                                      separators=(",", ":")))
            self._known = dict(self.seen)


def _read(record: Path) -> dict[str, list[int | str]]:
    try:
        data = json.loads(record.read_text("utf-8"))
        return {str(k): list(v) for k, v in data["files"].items() if len(v) == 3}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
