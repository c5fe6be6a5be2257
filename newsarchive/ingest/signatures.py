"""The near-copy signatures of the articles already written, kept between ingest runs.

Every run compares its new articles with the whole archive (:mod:`~newsarchive.ingest.copies`).
Without this store each run read and signed every written article again: at 10,000 articles,
20 s of a run that adds ten. A signature is a function of an article's Markdown body alone, so
the store is keyed by the SHA-256 of that body: a body edited by hand is not found and is signed
again, while a front matter rewritten (entities, copies) keeps its signature. It is a cache: a
missing, unreadable or older file is an empty store; it is written whole (temporary file, then
rename) when it changed, and keeps only the bodies of the run's archive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive import atomic, frontmatter
from newsarchive.ingest import copies

FILENAME = ".newsarchive-signatures"


def body_key(body: str) -> bytes:
    """What a stored signature is found by: the SHA-256 of the body it was made from."""
    return hashlib.sha256(body.encode("utf-8")).digest()


def document_key(document: bytes) -> bytes:
    """:func:`body_key` of an article file's bytes."""
    return body_key(frontmatter.body(document.decode("utf-8")))


@dataclass
class Written:
    """An article already written that this run compares with: its body when it must be signed
    (it is not in the store), else None."""

    key: str  # article key
    raw_key: str
    digest: bytes
    body: str | None


def sign(written: Written) -> Any:
    """The signature of ``written``'s body when it has one to sign (in a helper process)."""
    return None if written.body is None else copies.signature(copies.markdown_text(written.body))


class SignatureStore:
    """Signatures (or None, for a text too short to have one) by :func:`body_key`."""

    def __init__(self, path: Path, rows: dict[bytes, Any] | None = None) -> None:
        self.path = path
        self._rows: dict[bytes, Any] = rows or {}  # numpy uint32 values, or None
        self._changed = False

    @classmethod
    def load(cls, out: Path) -> SignatureStore:
        import numpy as np  # lazy: only runs that convert something need it

        path = out / FILENAME
        try:
            data = path.read_bytes()
        except OSError:
            return cls(path)
        head = _head()
        count = (len(data) - len(head)) // _ROW
        if not data.startswith(head) or len(head) + count * _ROW != len(data):
            return cls(path)  # another version's, or cut short
        view = memoryview(data)[len(head) :]
        digests = view[: 32 * count]
        signed = view[32 * count : 33 * count]
        values = np.frombuffer(view[33 * count :], dtype="<u4").reshape(count, copies.NUM_PERM)
        rows = {
            bytes(digests[32 * number : 32 * number + 32]): (
                values[number].astype(np.uint32) if signed[number] else None
            )
            for number in range(count)
        }
        return cls(path, rows)

    def __contains__(self, digest: bytes) -> bool:
        return digest in self._rows

    def signature(self, digest: bytes) -> Any:
        """The stored signature (a MinHash), or None for a body too short to have one."""
        values = self._rows[digest]
        return None if values is None else copies.from_values(values)

    def put(self, digest: bytes, values: Any) -> None:
        """Store a signature's values (:func:`~newsarchive.ingest.copies.values_of`), or None."""
        old = self._rows.get(digest, False)
        if old is False or (old is None) != (values is None):
            self._changed = True
        self._rows[digest] = values

    def read(self, out: Path, articles: Iterable[tuple[str, str]]) -> Iterator[Written]:
        """The written articles ``(key, raw key)`` that can be read, each with its body when it
        is not in the store; an unreadable one takes no part, as before."""
        for key, raw_key in articles:
            try:
                body = frontmatter.body((out / f"{key}.md").read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
                continue
            digest = body_key(body)
            yield Written(key, raw_key, digest, None if digest in self else body)

    def save(self, keep: set[bytes]) -> None:
        """Write the store, with only the bodies in ``keep``, if it changed."""
        import numpy as np

        if set(self._rows) - keep:
            self._changed = True
        if not self._changed:
            return
        digests = sorted(digest for digest in self._rows if digest in keep)
        values = np.zeros((len(digests), copies.NUM_PERM), dtype="<u4")
        signed = bytearray(len(digests))
        for number, digest in enumerate(digests):
            row = self._rows[digest]
            if row is not None:
                values[number], signed[number] = row, 1
        data = _head() + b"".join(digests) + bytes(signed) + values.tobytes()
        atomic.write_bytes(self.path, data)
        self._changed = False


def _head() -> bytes:
    """What the file starts with: its format and how the signatures in it were made."""
    return f"newsarchive signatures 1: {copies.SCHEME}\n".encode()


#: Bytes per article in the file: a body's SHA-256, whether it is signed, its signature's values.
_ROW = 32 + 1 + 4 * copies.NUM_PERM
