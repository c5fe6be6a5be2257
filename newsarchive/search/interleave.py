"""Two segments' export caches as one, their documents interleaved: what the export reads for a
run of articles some of which an update put in the late segment (:mod:`newsarchive.search.index`).

A cached run is ``(first document, last document, postings, varint bytes after the first gap,
varint bytes of the positions)`` (:data:`~newsarchive.search.postings.TermRuns`); the bytes
after the first gap are ``frequency, length byte`` of the first posting, then ``gap, frequency,
length byte`` of each next one, and the positions are, per posting, its frequency and its
position deltas. Interleaving keeps each posting's bytes as they are: a term of one side whose
documents keep their distances is only renumbered at both ends; one whose span another
document now falls in gets new gaps; only a term of both sides has its postings merged, its
positions as slices of the two runs' bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from heapq import merge
from itertools import accumulate, compress
from operator import sub
from typing import Any

from newsarchive.search.postings import (
    SegmentPostings,
    TermRuns,
    varint_bytes,
    varint_numbers,
)

Run = tuple[int, int, int, bytes, bytes]
#: A segment's cache with its late articles interleaved (:func:`combined_name`).
COMBINED_SUFFIX = ".naxl"
#: 1 for a byte that ends a varint (below 0x80), 0 for one that continues it.
_ENDS = bytes(int(b < 0x80) for b in range(256))


def numbering(from_b: Sequence[bool]) -> tuple[list[int], list[int]]:
    """The new numbers of ``a``'s and ``b``'s documents, in order, when document ``i`` of the
    result is ``b``'s next one where ``from_b[i]`` holds and ``a``'s next one elsewhere."""
    a_numbers: list[int] = []
    b_numbers: list[int] = []
    for number, flag in enumerate(from_b):
        (b_numbers if flag else a_numbers).append(number)
    return a_numbers, b_numbers


def _postings(run: Run) -> tuple[list[int], list[int], list[int]]:
    """A run's documents, frequencies and length bytes."""
    first, _, _, rest, _ = run
    numbers = varint_numbers(rest)
    return list(accumulate(numbers[2::3], initial=first)), numbers[0::3], numbers[1::3]


def _bounds(positions: bytes, freqs: list[int]) -> list[int]:
    """Where each posting's positions start in a positions run, and where the last ends: a
    posting is ``1 + frequency`` varints, found by their last bytes without decoding them."""
    ends = list(compress(range(1, len(positions) + 1), positions.translate(_ENDS)))
    return [0, *(ends[k - 1] for k in accumulate(f + 1 for f in freqs))]


def _run(docs: list[int], freqs: list[int], lengths: list[int], positions: bytes) -> Run:
    count = len(docs)
    flat = [0] * (3 * count)
    flat[0::3] = [docs[0], *map(sub, docs[1:], docs)]
    flat[1::3] = freqs
    flat[2::3] = lengths
    return docs[0], docs[-1], count, varint_bytes(flat[1:]), positions


def _renumbered(run: Run, new: Sequence[int]) -> Run:
    """``run`` with each document ``d`` now numbered ``new[d]`` (rising with ``d``)."""
    first, last, count, rest, positions = run
    if new[last] - new[first] == last - first:  # nothing came in between: same gaps
        return new[first], new[last], count, rest, positions
    docs, freqs, lengths = _postings(run)
    return _run([new[d] for d in docs], freqs, lengths, positions)


def _rows(run: Run, new: Sequence[int]) -> list[tuple[int, int, int, bytes]]:
    """Each posting of ``run`` as ``(new document, frequency, length byte, positions)``."""
    docs, freqs, lengths = _postings(run)
    pos = run[4]
    if not pos:
        return [(new[d], f, n, b"") for d, f, n in zip(docs, freqs, lengths, strict=True)]
    at = _bounds(pos, freqs)
    return [(new[d], f, n, pos[at[k] : at[k + 1]])
            for k, (d, f, n) in enumerate(zip(docs, freqs, lengths, strict=True))]


def _from_rows(rows: list[tuple[int, int, int, bytes]]) -> Run:
    return _run([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                b"".join(r[3] for r in rows))


def _interleave_terms(a: TermRuns, new_a: list[int], b: TermRuns, new_b: list[int]) -> TermRuns:
    """Both sides' runs in term order, renumbered (see the module notes)."""
    out: TermRuns = {}
    # a's documents before the first of b's keep their numbers, and a run of them its bytes
    unmoved = next((k for k, number in enumerate(new_a) if number != k), len(new_a))
    for term in merge(a, (t for t in b if t not in a)):
        run_a, run_b = a.get(term), b.get(term)
        if run_b is None:
            if run_a[1] < unmoved:  # type: ignore[index]
                out[term] = run_a  # type: ignore[assignment]
            else:
                out[term] = _renumbered(run_a, new_a)  # type: ignore[arg-type]
        elif run_a is None:
            out[term] = _renumbered(run_b, new_b)
        else:
            rows = _rows(run_a, new_a) + _rows(run_b, new_b)
            rows.sort(key=lambda row: row[0])
            out[term] = _from_rows(rows)
    return out


def _spread(values_a: Sequence[Any], values_b: Sequence[Any], from_b: Sequence[bool]) -> list[Any]:
    next_a, next_b = iter(values_a), iter(values_b)
    return [next(next_b) if flag else next(next_a) for flag in from_b]


def interleave(a: SegmentPostings, b: SegmentPostings, from_b: Sequence[bool]) -> SegmentPostings:
    """The cache of one segment holding ``a``'s and ``b``'s documents, each side's in its own
    order, document ``i`` being ``b``'s where ``from_b[i]`` holds (see :func:`numbering`)."""
    if len(from_b) != a.docs + b.docs or sum(from_b) != b.docs:
        raise ValueError("the interleaving does not hold both segments' documents")
    new_a, new_b = numbering(from_b)
    fields = [*a.terms, *(f for f in b.terms if f not in a.terms)]
    terms = {f: _interleave_terms(a.terms.get(f, {}), new_a, b.terms.get(f, {}), new_b)
             for f in fields}
    lengths = {f: bytes(_spread(a.lengths[f], b.lengths[f], from_b)) for f in a.lengths}
    texts = (_spread(a.texts, b.texts, from_b)
             if a.texts is not None and b.texts is not None else None)
    exact = ({f: _spread(a.exact[f], b.exact[f], from_b) for f in a.exact}
             if a.exact is not None and b.exact is not None else None)
    return SegmentPostings(a.docs + b.docs, lengths, terms, _spread(a.stored, b.stored, from_b),
                           texts, exact)


def split(part: SegmentPostings, groups: Sequence[Sequence[int]]) -> list[SegmentPostings]:
    """The caches of segments of ``part``'s documents, one per group of document numbers (each
    rising, the groups disjoint), each numbered from 0: every run decoded once."""
    home: dict[int, tuple[int, int]] = {}
    for g, docs in enumerate(groups):
        home.update((doc, (g, number)) for number, doc in enumerate(docs))
    terms: list[dict[str, TermRuns]] = [{f: {} for f in part.terms} for _ in groups]
    for fname, runs in part.terms.items():
        for term, run in runs.items():
            rows: list[list[tuple[int, int, int, bytes]]] = [[] for _ in groups]
            for doc, *rest in _rows(run, range(part.docs)):
                where = home.get(doc)
                if where is not None:
                    rows[where[0]].append((where[1], *rest))  # type: ignore[arg-type]
            for g, found in enumerate(rows):
                if found:
                    terms[g][fname][term] = _from_rows(found)
    out = []
    for g, docs in enumerate(groups):
        lengths = {f: bytes(column[d] for d in docs) for f, column in part.lengths.items()}
        texts = [part.texts[d] for d in docs] if part.texts is not None else None
        exact = ({f: [column[d] for d in docs] for f, column in part.exact.items()}
                 if part.exact is not None else None)
        out.append(SegmentPostings(len(docs), lengths, terms[g], [part.stored[d] for d in docs],
                                   texts, exact))
    return out


def combined_name(segment_id: str, late: Sequence[dict[str, Any]]) -> str:
    """The file name of the cache of segment ``segment_id`` interleaved with the late articles
    of stored fields ``late``: named after the segment (Whoosh's clean-up deletes it with the
    segment) and the articles' ids and SHA-256, which fix where each of them goes."""
    digest = hashlib.blake2b(digest_size=8)
    for stored in late:
        digest.update(f"{stored.get('id', '')}\t{stored.get('sha256', '')}\n".encode())
    return f"{segment_id}.{digest.hexdigest()}{COMBINED_SUFFIX}"
