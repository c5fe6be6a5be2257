"""Syndicated copies: the same story published by several providers is one article.

Exact copies (same story id, same normalised body) are found by the pipeline's hashes; near copies
(another provider's tag, dateline or a sentence changed) by MinHash LSH over word shingles, so a
new article is compared with the whole archive without comparing every pair. The earliest
published copy is kept (ties by raw path); the others are reported ``duplicate`` and listed under
the kept article's ``copies``. Stories on the same topic share words, not five-word runs, so they
stay apart.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsarchive import frontmatter

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.6  # estimated Jaccard similarity of shingle sets above which two texts are copies
#: How the LSH index cuts a signature (bands, rows per band): which pairs it offers for the
#: check against THRESHOLD. 32 bands of 4 offer a pair of similarity 0.6 with probability
#: 0.99 (0.7: 0.9997), where the bands MinHashLSH derives from THRESHOLD itself (18 of 7)
#: offered it with 0.40 (0.7: 0.79), so copies were missed by chance; a pair of similarity
#: 0.1, two stories on one topic, is offered with probability 0.003.
LSH_BANDS = (32, 4)
# Shorter texts share too large a part of their few shingles by chance ("… the tram." / "… the
# ferry."): only exact copies of them are folded.
MIN_WORDS = 40
#: Names how a signature is made (shingles, their hashes, permutations): signatures stored by an
#: earlier version (``signatures``) are used only while it is the same.
SCHEME = f"{SHINGLE_WORDS} words, crc32 fold, {NUM_PERM} permutations, seed 1"
_WORD = re.compile(r"[^\W_]+")
_REFERENCE = re.compile(r"&#?\w+;|\\(?=\S)")  # escapes in a written Markdown body


def publication_order(date: dt.date | None, raw_key: str) -> tuple[bool, dt.date, str]:
    """Sort key: the earliest published first, undated last, ties by raw path."""
    return (date is None, date or dt.date.max, raw_key)


#: The multiplier that folds a shingle's word hashes into one (odd, so no bits are lost).
_FOLD = 0x01000193
_LOW32 = 0xFFFFFFFF


def shingle_hashes(words: list[str]) -> list[int]:
    """The 32-bit hashes of the shingles of ``words`` (each run of :data:`SHINGLE_WORDS`
    words; fewer words are one shingle), without repeats.

    Each distinct word is hashed once (CRC-32 of its UTF-8) and a shingle's hash is the
    polynomial of its words' hashes modulo 2**32, computed for all shingles at once. Hashing
    each shingle's text (SHA-1, MinHash's default) cost about 2 ms per article, the most of
    comparing a new article with an archive; these hashes are the same on every machine and
    run."""
    import numpy as np  # lazy: only runs that convert something need it

    if not words:
        return []
    table = dict.fromkeys(words, 0)
    for word in table:
        table[word] = zlib.crc32(word.encode())
    hashes = np.fromiter(map(table.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))
    folded = np.zeros(len(words) - width + 1, dtype=np.uint64)
    for offset in range(width):
        folded = (folded * _FOLD + hashes[offset : offset + len(folded)]) & _LOW32
    return np.unique(folded).tolist()


@functools.cache
def _scheme() -> tuple[Any, str]:
    """MinHash's permutations (fixed seed: the same every run) and their scheme, made once."""
    from datasketch import MinHash

    template = MinHash(num_perm=NUM_PERM)
    return template.permutations, template.scheme


def signature(text: str) -> Any:
    """The MinHash of the text's shingles, or None for a text under :data:`MIN_WORDS` words."""
    from datasketch import MinHash  # lazy: only runs that convert something need it

    words = _WORD.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return None
    permutations, scheme = _scheme()
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=permutations, scheme=scheme)
    minhash.update_batch(shingle_hashes(words))
    return minhash


def values_of(minhash: Any) -> Any:
    """A signature's values as 32-bit integers (MinHash keeps them below 2**32 in 64 bits), or
    None for no signature."""
    import numpy as np

    return None if minhash is None else minhash.hashvalues.astype(np.uint32)


def from_values(values: Any) -> Any:
    """The signature whose values are ``values`` (as :func:`values_of` gave them)."""
    from datasketch import MinHash

    permutations, scheme = _scheme()
    return MinHash(
        num_perm=NUM_PERM, hashvalues=values, permutations=permutations, scheme=scheme
    )


def markdown_text(body: str) -> str:
    """The words of a written article body (character references and escapes removed)."""
    return _REFERENCE.sub(" ", body)


@dataclass
class Item:
    """An article taking part in the comparison: a job of this run or one already written."""

    key: str  # raw key of a job, or article key of an existing article
    order: tuple[bool, dt.date, str]
    text: str
    existing: bool
    source: dict[str, Any] | None = None  # the front matter ``source`` of an existing article


def clusters(items: list[Item], signatures: list[Any] | None = None) -> list[list[Item]]:
    """Groups of near copies (two or more items), each sorted earliest published first.
    ``signatures`` are the items' :func:`signature`, when they were made elsewhere."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
    made = signatures if signatures is not None else [signature(item.text) for item in items]
    signed = {}
    for number, minhash in enumerate(made):
        if minhash is not None:
            signed[number] = minhash
            lsh.insert(str(number), minhash)
    parent = list(range(len(items)))

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for number, minhash in signed.items():
        for other in map(int, lsh.query(minhash)):
            if other != number and minhash.jaccard(signed[other]) >= THRESHOLD:
                parent[root(other)] = root(number)
    groups: dict[int, list[Item]] = {}
    for number, item in enumerate(items):
        groups.setdefault(root(number), []).append(item)
    return [
        sorted(group, key=lambda item: item.order)
        for group in groups.values()
        if len(group) > 1
    ]


def copy_entry(source: Any, raw_path: str, raw_sha256: str) -> dict[str, Any]:
    """One ``copies`` item: who else published the story (``source`` of an article or of its
    front matter), and from which input."""
    entry: dict[str, Any] = {}
    for key in ("provider", "id", "url"):
        value = source.get(key) if isinstance(source, dict) else getattr(source, key, None)
        if isinstance(value, str) and value:
            entry[key] = value
    entry["raw"] = {"path": raw_path, "sha256": raw_sha256}
    return entry


def merge(old: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies already listed plus new ones, one per raw path (the newest wins), sorted by path."""
    by_path = {entry["raw"]["path"]: entry for entry in old}
    by_path |= {entry["raw"]["path"]: entry for entry in new}
    return [by_path[path] for path in sorted(by_path)]


def yaml_lines(copies: list[dict[str, Any]]) -> list[str]:
    """The ``copies:`` block in the shape of the article contract (block list of mappings)."""
    if not copies:
        return []
    lines = ["copies:"]
    for entry in copies:
        first = True
        for key in ("provider", "id", "url"):
            if key in entry:
                lines.append(f"{'  - ' if first else '    '}{key}: {frontmatter.quote(entry[key])}")
                first = False
        path, sha = (frontmatter.quote(entry["raw"][key]) for key in ("path", "sha256"))
        value = f"{{path: {path}, sha256: {sha}}}"
        lines.append(f"{'  - ' if first else '    '}raw: {value}")
    return lines


def with_copies(document: bytes, copies: list[dict[str, Any]]) -> bytes:
    """An article file with its ``copies`` block replaced (front matter written by ingest)."""
    text = document.decode("utf-8")
    head, fence, body = text[4:].partition("\n---\n")
    lines = head.split("\n")
    if "copies:" in lines:
        lines = lines[: lines.index("copies:")]
    return ("---\n" + "\n".join(lines + yaml_lines(copies)) + fence + body).encode("utf-8")
