"""The client index's postings, one segment at a time, cached beside each segment.

The export needs, for every term of every searchable field, the run of ``(document gap,
frequency, field-length byte)`` triples and the positions of each posting, plus each document's
stored fields, in document order. A segment never changes once written (an update writes new
segments and drops old ones; see :mod:`newsarchive.search.index`), so this is kept beside its
files as ``articles_<segid>.nax``, and Whoosh's own clean-up deletes it with the segment. The
segment writer (:mod:`newsarchive.search.segment`) makes it from the postings it has in memory;
:func:`read_segment` reads the same from a segment (when a cache is missing or damaged). The
export is then a merge of cached runs.

A run is kept with its first document number apart (``first``), since the gap before it depends
on the segments in front: merging puts ``base + first - previous`` in front of the cached bytes.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermsReader
from whoosh.formats import Positions
from whoosh.matching import MultiMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length, length_to_byte

from newsarchive import atomic
from newsarchive.search.schema import SEARCH_FIELDS

CACHE_VERSION = 2
CACHE_SUFFIX = ".nax"

#: term -> (first document, last document, postings, varint bytes after the first gap,
#: varint bytes of the positions); document numbers are the segment's own.
TermRuns = dict[str, tuple[int, int, int, bytes, bytes]]


@dataclass
class SegmentPostings:
    """Everything the export reads from one segment; ``texts`` (the name and size of each
    document's text shard) is added by the first export that reads it (``None`` until then).
    ``exact`` holds every document's length in each scorable field as counted, not as the
    segment quantises it: what a segment written again needs of a document it keeps without
    analysing it again (``None`` when the segment was read back, not written here)."""

    docs: int
    lengths: dict[str, bytes]
    terms: dict[str, TermRuns]
    stored: list[dict[str, Any]]
    texts: list[tuple[str, int]] | None = None
    exact: dict[str, list[int]] | None = None

    def to_bytes(self) -> bytes:
        return marshal.dumps((CACHE_VERSION, self.docs, self.lengths, self.terms, self.stored,
                              self.texts, self.exact))

    @classmethod
    def from_bytes(cls, data: bytes) -> SegmentPostings | None:
        try:
            version, *rest = marshal.loads(data)
            if version != CACHE_VERSION:
                return None
            docs, lengths, terms, stored, texts, exact = rest
        except (EOFError, ValueError, TypeError):
            return None
        if not (isinstance(texts, list) and len(texts) == docs):
            texts = None
        if not (isinstance(exact, dict) and all(len(v) == docs for v in exact.values())):
            exact = None
        return cls(docs, lengths, terms, stored, [tuple(t) for t in texts] if texts else None,
                   exact)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        low = n & 0x7F
        n >>= 7
        if n:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


#: Encoded bytes of every number below 2**14 (one or two bytes): nearly every value exported.
_VARINTS = [_varint(n) for n in range(1 << 14)]


def varint_bytes(numbers: Sequence[int]) -> bytes:
    """LEB128 varints of the numbers, concatenated."""
    if not numbers or max(numbers) < 0x80:
        return bytes(numbers)  # most values are small gaps and frequencies: one byte, in C
    table = _VARINTS
    return b"".join([table[n] if n < 16384 else _varint(n) for n in numbers])


def varint_numbers(data: bytes) -> list[int]:
    """The numbers of :func:`varint_bytes`' output."""
    if data.isascii():  # every number below 0x80: one byte each
        return list(data)
    out: list[int] = []
    number = shift = 0
    for byte in data:
        number |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            out.append(number)
            number = shift = 0
    return out


def posting_blocks(matcher: Any) -> Iterator[tuple[Sequence[int], Sequence[bytes]]]:
    """The ``(doc ids, encoded values)`` of a term's postings, one posting block at a time.

    Whoosh's per-posting API (``items_as``) costs several Python calls per posting. Its on-disk
    leaf matcher decodes a whole block of ids and values at once; this reads those block arrays
    (attributes of whoosh-reloaded 2.7.5's ``W3LeafMatcher``) and falls back to the public
    per-posting API for any other matcher.
    """
    if isinstance(matcher, MultiMatcher):  # one sub-matcher per segment holding the term
        for sub, offset in zip(matcher.matchers, matcher.offsets, strict=True):
            for ids, values in posting_blocks(sub):
                yield ([doc + offset for doc in ids] if offset else ids), values
        return
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._values is None:
                matcher._read_values()
            yield matcher._ids, matcher._values
            matcher._next_block()
        return
    items = list(matcher.all_items())
    if items:
        ids, values = zip(*items, strict=True)
        yield ids, values


def _field_postings(leaf: Any, fname: str) -> Iterator[tuple[bytes, Any]]:
    """``(term bytes, matcher)`` for every term of one field of one segment, in term order.

    Whoosh's ``postings(field, term)`` finds each term again in the segment's hash table; the
    terms reader of whoosh-reloaded 2.7.5's segments (``W3TermsReader``) can instead be walked
    in order, each term info opened straight into its posting reader. Any other reader (or one
    with deleted documents) goes through the public API.
    """
    terms = getattr(leaf, "_terms", None)
    codec = getattr(leaf, "_codec", None)
    if (
        isinstance(terms, W3TermsReader)
        and codec is not None
        and not leaf.has_deletions()
        and hasattr(terms, "_postfile")
    ):
        fmt = leaf.schema[fname].format
        for (field_name, tbytes), info in terms.items_from(fname, b""):
            if field_name != fname:
                return
            yield tbytes, codec.postings_reader(terms._postfile, info, fmt, term=(fname, tbytes))
        return
    for tbytes in leaf.lexicon(fname):
        yield tbytes, leaf.postings(fname, tbytes)


def position_deltas(value: bytes) -> list[int]:
    """Position deltas of one ``Positions`` posting value.

    The value is ``uint32 count`` + a pickle (stop opcode possibly stripped) of the deltas
    between successive positions, which is exactly what the client stores, so no decode and
    re-encode (``formats.Positions.encode``/``decode_positions``).
    """
    body = value[_INT_SIZE:]
    return loads(body if body.endswith(b".") else body + b".")


def deltas(docs: list[int]) -> list[int]:
    """Gaps between successive numbers (the first from 0)."""
    out, prev = [], 0
    for d in docs:
        out.append(d - prev)
        prev = d
    return out


def read_segment(leaf: Any) -> SegmentPostings:
    """Read one segment (an atomic Whoosh reader) into :class:`SegmentPostings`."""
    n_docs = leaf.doc_count_all()
    lengths: dict[str, bytes] = {}
    for fname in SEARCH_FIELDS:
        row = bytearray()
        for doc in range(n_docs):
            length = leaf.doc_field_length(doc, fname) or 0
            byte = length_to_byte(length) if length else 0
            if length and byte_to_length(byte) != length:
                raise ValueError(f"length {length} of {fname} is not a table value")
            row.append(byte)
        lengths[fname] = bytes(row)
    terms: dict[str, TermRuns] = {}
    for fname in SEARCH_FIELDS:
        fmt = leaf.schema[fname].format
        if type(fmt) is Positions:
            deltas_of = position_deltas
        else:

            def deltas_of(value: bytes, fmt: Any = fmt) -> list[int]:
                return deltas(list(fmt.decode_positions(value)))

        field_lengths = lengths[fname]
        runs: TermRuns = {}
        for tbytes, matcher in _field_postings(leaf, fname):
            term = tbytes.decode("utf-8") if isinstance(tbytes, bytes) else tbytes
            triples: list[int] = []
            pos_values: list[int] = []
            prev = 0
            for ids, values in posting_blocks(matcher):
                for doc, value in zip(ids, values, strict=True):
                    codes = deltas_of(value)
                    freq = len(codes)
                    triples += (doc - prev, freq, field_lengths[doc])
                    prev = doc
                    pos_values.append(freq)
                    pos_values += codes
            if triples:
                first = triples[0]
                runs[term] = (
                    first,
                    prev,
                    len(triples) // 3,
                    varint_bytes(triples[1:]),
                    varint_bytes(pos_values),
                )
        terms[fname] = runs
    stored = [leaf.stored_fields(doc) for doc in range(n_docs)]
    return SegmentPostings(n_docs, lengths, terms, stored)


def cache_file(folder: str | Path, segment_id: str) -> Path:
    """Where the postings cache of the segment ``segment_id`` (Whoosh's ``<index>_<segid>``)
    lives: in the folder of its files, named after it."""
    return Path(folder) / f"{segment_id}{CACHE_SUFFIX}"


def load_cache(index_dir: Path, segment_id: str, docs: int) -> SegmentPostings | None:
    """The postings cached for segment ``segment_id`` of ``docs`` documents, or None (missing,
    damaged, or of another document count)."""
    return load_postings(cache_file(index_dir, segment_id), docs)


def load_postings(path: Path, docs: int) -> SegmentPostings | None:
    """The postings cached in the file ``path`` if it is there, whole and of ``docs``
    documents; else None."""
    try:
        found = SegmentPostings.from_bytes(path.read_bytes())
    except OSError:
        return None
    return found if found is not None and found.docs == docs else None


def cached_postings(index_dir: Path, segment: Any) -> SegmentPostings | None:
    """The segment's postings from its cache file beside it, or None (missing or damaged)."""
    if segment.has_deletions():
        return None
    return load_cache(index_dir, segment.segment_id(), segment.doc_count_all())


def segment_postings(leaf: Any, index_dir: Path | None) -> SegmentPostings:
    """The segment's postings from its cache file, else read (and cached when possible)."""
    cache = None
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    if index_dir is not None and segment is not None and not leaf.has_deletions():
        cache = cache_file(index_dir, segment.segment_id())
        found = cached_postings(index_dir, segment)
        if found is not None:
            return found
    part = read_segment(leaf)
    if cache is not None:
        atomic.write_bytes(cache, part.to_bytes())
    return part


@dataclass
class MergedPostings:
    """The whole index's runs: per term, one entry per searchable field ('' when absent)."""

    postings: dict[str, list[bytes]]
    positions: dict[str, list[bytes]]
    doc_freq: dict[str, int]
    stored: list[dict[str, Any]]


class Merger:
    """Joins the segments' runs in document order, one segment at a time (so a segment's cache
    can be dropped as soon as it is added).

    Per field, a term's state is one list ``[last document, documents, postings run, positions
    run]``: one lookup per term and segment, not one per thing kept (this loop runs once per
    term of every segment, half a million times at 10,000 articles)."""

    def __init__(self, *, postings: bool = True, positions: bool = True) -> None:
        self._terms: list[dict[str, list[Any]]] = [{} for _ in SEARCH_FIELDS]
        self.stored: list[dict[str, Any]] = []
        #: which runs to keep: a large archive's export merges the postings and the positions
        #: in two passes, so that the two are never held at once
        self._postings = postings
        self._positions = positions

    def add(self, base: int, part: SegmentPostings) -> None:
        """Append one segment (``base`` is its first document number)."""
        table = _VARINTS
        keep_runs, keep_positions = self._postings, self._positions
        for fi, fname in enumerate(SEARCH_FIELDS):
            terms = self._terms[fi]
            for term, (first, final, count, rest, pos) in part.terms.get(fname, {}).items():
                if not keep_positions:
                    pos = b""
                state = terms.get(term)
                if state is None:
                    gap = base + first
                    head = table[gap] if gap < 16384 else _varint(gap)
                    run = bytearray(head) + rest if keep_runs else bytearray()
                    terms[term] = [base + final, count, run, bytearray(pos)]
                    continue
                gap = base + first - state[0]
                state[0] = base + final
                state[1] += count
                if keep_runs:
                    state[2] += table[gap] if gap < 16384 else _varint(gap)
                    state[2] += rest
                state[3] += pos
        self.stored += part.stored

    def result(self) -> MergedPostings:
        width = len(SEARCH_FIELDS)
        postings: dict[str, list[bytes]] = {}
        positions: dict[str, list[bytes]] = {}
        doc_freq: dict[str, int] = {}
        for fi in range(width):
            terms = self._terms[fi]
            # each term's growing buffers are let go as soon as they are copied, so the runs are
            # never held twice (at 100,000 articles they are hundreds of megabytes)
            for term in list(terms):
                _, count, run, pos_run = terms.pop(term)
                if self._postings:
                    row = postings.get(term)
                    if row is None:
                        row = postings[term] = [b""] * width
                    row[fi] = bytes(run)
                if self._positions:
                    row = positions.get(term)
                    if row is None:
                        row = positions[term] = [b""] * width
                    row[fi] = bytes(pos_run)
                doc_freq[term] = doc_freq.get(term, 0) + count
            self._terms[fi] = {}
        return MergedPostings(postings, positions, doc_freq, self.stored)


def merge(parts: Sequence[tuple[int, SegmentPostings]]) -> MergedPostings:
    """Join the segments' runs in document order (``base`` is each segment's first doc)."""
    merger = Merger()
    for base, part in parts:
        merger.add(base, part)
    return merger.result()
