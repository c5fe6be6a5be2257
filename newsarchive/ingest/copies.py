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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsarchive import frontmatter

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.6  # estimated Jaccard similarity of shingle sets above which two texts are copies
# Shorter texts share too large a part of their few shingles by chance ("… the tram." / "… the
# ferry."): only exact copies of them are folded.
MIN_WORDS = 40
_WORD = re.compile(r"[^\W_]+")
_REFERENCE = re.compile(r"&#?\w+;|\\(?=\S)")  # escapes in a written Markdown body


def publication_order(date: dt.date | None, raw_key: str) -> tuple[bool, dt.date, str]:
    """Sort key: the earliest published first, undated last, ties by raw path."""
    return (date is None, date or dt.date.max, raw_key)


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> Any:
    from datasketch import MinHash  # lazy: only runs that convert something need it

    minhash = MinHash(num_perm=NUM_PERM)  # fixed seed: the same text, the same signature
    minhash.update_batch(sorted(shingles(text)))
    return minhash


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


def clusters(items: list[Item]) -> list[list[Item]]:
    """Groups of near copies (two or more items), each sorted earliest published first."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    signatures = {}
    for number, item in enumerate(items):
        if len(_WORD.findall(item.text)) < MIN_WORDS:
            continue
        signatures[number] = signature(item.text)
        lsh.insert(str(number), signatures[number])
    parent = list(range(len(items)))

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for number, minhash in signatures.items():
        for other in map(int, lsh.query(minhash)):
            if other != number and minhash.jaccard(signatures[other]) >= THRESHOLD:
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
