"""Pelican's content cache, checked by each file's bytes rather than its modification time.

Pelican serves an article from its cache while the file's stamp is the one cached with it; by
default the stamp is the modification time, so an archive whose files were copied, checked
out or written again with the same bytes is read and converted again in full. Here the stamp is
the file's SHA-256 (:class:`newsarchive.digests.FileDigests`): hashed only when the file's size
or time differ from the record kept beside the cache, so an unchanged archive costs a ``stat``
per file, as before, and an archive that only moved in time costs one hash per file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.cache import FileStampDataCacher

from newsarchive.digests import FileDigests

#: The record beside a cache file (``<CACHE_PATH>/<cache name>``) of its files' digests.
RECORD_SUFFIX = ".stamps.json"


def stamp_by_bytes(generator: Any) -> None:
    """Give the cache of ``generator`` and of its readers (whichever caches content) each file's
    SHA-256 as its stamp."""
    for cacher in (generator, getattr(generator, "readers", None)):
        if isinstance(cacher, FileStampDataCacher) and (cacher._cache_data_policy or cacher._cache):
            digests = FileDigests(Path(cacher._cache_path + RECORD_SUFFIX))
            cacher._filestamp_func = _Stamp(digests)


def save_stamps(generator: Any) -> None:
    """Write the records once the generator has read its files (and saved its cache)."""
    for cacher in (generator, getattr(generator, "readers", None)):
        stamp = getattr(cacher, "_filestamp_func", None)
        if isinstance(stamp, _Stamp):
            stamp.digests.save()


class _Stamp:
    """The stamp function: a file's SHA-256, by its path."""

    def __init__(self, digests: FileDigests) -> None:
        self.digests = digests

    def __call__(self, filename: str) -> str:
        return self.digests.digest(filename, filename)
