"""Write one Whoosh segment in a single pass, and keep what the export reads from it.

Whoosh's ``SegmentWriter`` puts every posting of every document into a pool as a 5-tuple, sorts
the whole pool at commit, then asks the new segment's length column for each posting's field
length, and feeds the postings one call at a time to the block writer; the export then read all
of it back from the segment (:func:`newsarchive.search.postings.read_segment`). Here the same
segment is written from postings grouped by term as the documents are analysed:

* stored fields, field lengths and columns go through Whoosh's own per-document writer, field by
  field in the order ``add_document`` uses (sorted names);
* the searchable fields are analysed once (:func:`~newsarchive.search.analysis.term_positions`),
  the other indexed fields by their Whoosh field;
* each term's postings, already in document order, are written whole
  (:class:`~newsarchive.search.blocks.TermBlocks`): cut into Whoosh's blocks, pickled and
  compressed as Whoosh's postings writer does, with the statistics ``add_posting`` would have
  kept (maximum weight, smallest and largest non-zero field length as the length column
  quantises them); most postings hold their word once, and their values are looked up by
  position rather than encoded;
* terms go to Whoosh's terms table in the order the pool's sort gives (field name, term bytes);
* when the segment replaces an old one (:class:`Reuse`), a document the old segment held
  unchanged is kept: it is not analysed again (its field lengths come from the old cache), and
  its terms come from the old segment's files. A term found in none of the documents analysed
  here has the postings it had there: its blocks and terms-table row are copied as they are,
  or, when documents before it moved to other numbers (an article inserted or removed before
  them), with only the ids changed (:meth:`~newsarchive.search.blocks.TermBlocks.move`); its
  export run is the old one, moved. A term also found in a document analysed here has its old
  postings read and joined with the new ones. An article landing inside a segment then costs
  the terms it has and a renumbering of the others, not the segment's analysis and encoding.

The segment's files are the ones ``SegmentWriter`` writes for the same documents, byte for byte
(``tests/search/test_segment_writer.py``), and its :class:`SegmentPostings` (the export's cache)
is built from the postings in memory, equal to what reading the segment back gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from pickle import dumps
from typing import Any, NamedTuple

from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

from newsarchive.search.analysis import FastText, findall_pattern, term_positions
from newsarchive.search.blocks import (
    COMPRESSION,
    ROW_BLOCKS,
    ROW_LENGTHS,
    TermBlocks,
    read_postings,
    row_ids,
)
from newsarchive.search.gcpause import collector_paused
from newsarchive.search.postings import (
    SegmentPostings,
    position_deltas,
    varint_bytes,
    varint_numbers,
)
from newsarchive.search.schema import SEARCH_FIELDS


def _fast(field: Any) -> bool:
    return isinstance(field, FastText) and type(field.format) is Positions


class _FirstPositions(dict):
    """Position -> bytes for a posting that holds its term once, at that position: the Whoosh
    value (``Positions.encode``) or the export's varints (frequency 1, then the position).
    Most postings hold their term once, so most are a lookup."""

    def __init__(self, encode: Callable[[int], bytes]) -> None:
        super().__init__()
        self._encode = encode

    def __missing__(self, position: int) -> bytes:
        if len(self) >= 1 << 16:
            self.clear()
        found = self[position] = self._encode(position)
        return found


_ONE_VALUE = _FirstPositions(lambda p: pack_uint(1) + dumps([p], 2))
_ONE_VARINTS = _FirstPositions(lambda p: varint_bytes([1, p]))


class _ValueParts(dict):
    """Whoosh value (``Positions.encode``) -> the posting's frequency and the export's varints
    of it (frequency, then position gaps), read from the value's own deltas: a posting kept
    from an old segment keeps its value's bytes, so its positions are never decoded into
    numbers and encoded again. Most values are a word once at a low position: most are a
    lookup."""

    def __missing__(self, value: bytes) -> tuple[int, bytes]:
        if len(self) >= 1 << 16:
            self.clear()
        codes = position_deltas(value)
        found = self[value] = (len(codes), varint_bytes([len(codes), *codes]))
        return found


_VALUE_PARTS = _ValueParts()


def _encoded(codes: list[int]) -> bytes:
    """``Positions.encode`` of a posting whose position gaps are ``codes``."""
    return pack_uint(len(codes)) + dumps(codes, 2)


def _value(run: list[int]) -> bytes:
    """The Whoosh value (``Positions.encode``) of a posting at positions ``run``."""
    return _ONE_VALUE[run[0]] if len(run) == 1 else _encoded(_gaps(run))


class _Postings(NamedTuple):
    """One term's postings in document order, one item per posting in each list."""

    docs: list[int]
    #: gaps between documents, the first from 0
    gaps: list[int]
    weights: list[float]
    #: Whoosh's encoded values
    values: list[bytes]
    freqs: list[int]
    #: the documents' field-length bytes
    lengths: bytes
    #: the export's varints of every posting's frequency and position gaps (searchable
    #: fields), else ``None``
    positions: bytes | None
    #: every posting's weight, when they are known to be equal
    same: float | None = None


class _Field:
    """One indexed field's postings, by term, in document order: for a searchable field
    (``positions``) a flat ``[doc, positions, doc, positions, ...]`` per term; for any
    other field ``(doc, weight, encoded value, frequency)`` tuples per term."""

    def __init__(self, name: str, field: Any) -> None:
        self.name = name
        self.field = field
        self.positions = _fast(field)
        self.terms: dict[Any, list[Any]] = {}
        #: Per document, the field's length (token count; 0 when empty or not scorable).
        self.lengths: list[int] = []

    def postings(self, key: Any, row: bytes) -> _Postings:
        """The postings of term ``key``; ``row`` holds every document's field-length byte."""
        flat = self.terms[key]
        if not self.positions:
            docs, weights, values, freqs = (list(c) for c in zip(*flat, strict=True))
            return _Postings(docs, _gaps(docs), weights, values, freqs,
                             bytes(map(row.__getitem__, docs)), None)
        docs = flat[0::2]
        found = flat[1::2]
        freqs = list(map(len, found))
        if freqs.count(1) == len(freqs):
            firsts = [run[0] for run in found]
            values = list(map(_ONE_VALUE.__getitem__, firsts))
            positions = b"".join(map(_ONE_VARINTS.__getitem__, firsts))
        else:
            values, parts = [], []
            for run in found:
                if len(run) == 1:
                    values.append(_ONE_VALUE[run[0]])
                    parts.append(_ONE_VARINTS[run[0]])
                else:
                    codes = _gaps(run)
                    values.append(_encoded(codes))
                    parts.append(varint_bytes([len(codes), *codes]))
            positions = b"".join(parts)
        return self._positional(docs, values, freqs, positions, row)

    def joined(self, flat: list[Any] | None, kept: list[tuple[int, bytes]],
               row: bytes) -> _Postings:
        """:meth:`postings` of a searchable field's term found at ``flat`` in the documents
        analysed here (or None) and kept from the old segment as ``kept``: ``(new number,
        Whoosh value)`` pairs in order, values as the old segment stores them."""
        items = kept + [
            (doc, _value(run)) for doc, run in zip(flat[0::2], flat[1::2], strict=True)
        ] if flat else list(kept)
        items.sort(key=_number)  # the new postings among the kept ones, by document
        docs = [doc for doc, _ in items]
        values = [value for _, value in items]
        parts = list(map(_VALUE_PARTS.__getitem__, values))
        freqs = [freq for freq, _ in parts]
        return self._positional(docs, values, freqs, b"".join(p for _, p in parts), row)

    def _positional(self, docs: list[int], values: list[bytes], freqs: list[int],
                    positions: bytes, row: bytes) -> _Postings:
        """A searchable field's term's postings, with the weights ``FastText.index`` gives
        them (times ``add_document``'s field boost, 1.0)."""
        boost = self.field.format.field_boost
        same = None
        if freqs.count(1) == len(freqs):
            same = float(1) * boost * 1.0
            weights = [same] * len(docs)
        else:
            weights = [float(n) * boost * 1.0 for n in freqs]
        return _Postings(docs, _gaps(docs), weights, values, freqs,
                         bytes(map(row.__getitem__, docs)), positions, same)


def _number(item: tuple[int, bytes]) -> int:
    return item[0]


def _write_one(
    blocks: TermBlocks, tbytes: bytes, doc: int, found: list[int], boost: float, length: int
) -> tuple[int, int, int, bytes, bytes]:
    """Write a term of a searchable field found in one document only (at positions ``found``;
    ``length`` is the document's field-length byte), without the lists of :meth:`_Field.postings`;
    its run for the export."""
    if len(found) == 1:
        value, positions = _ONE_VALUE[found[0]], _ONE_VARINTS[found[0]]
    else:
        codes = _gaps(found)
        value = _encoded(codes)
        positions = varint_bytes([len(codes), *codes])
    blocks.add_one(tbytes, doc, float(len(found)) * boost * 1.0, value, length)
    return doc, doc, 1, varint_bytes([len(found), length]), positions


def _gaps(numbers: list[int]) -> list[int]:
    """Gaps between successive numbers, the first from 0 (what ``Positions.encode`` pickles,
    Whoosh's blocks store and the export writes). A plain loop: faster than ``map(sub, ...)``
    at every length, and most lists are a word's two or three positions."""
    if len(numbers) == 2:
        return [numbers[0], numbers[1] - numbers[0]]
    out = []
    previous = 0
    for number in numbers:
        out.append(number - previous)
        previous = number
    return out


@dataclass
class Reuse:
    """The old segment that the segment being written replaces: its folder and (Whoosh's)
    segment, whose files are read, its export cache (runs, stored fields, exact lengths) and
    ``keys``: one per document, in order, that changes whenever the document's fields do, such
    as an id and a content hash."""

    folder: str
    segment: Any
    old: SegmentPostings
    keys: list[Any]

    @classmethod
    def of(cls, folder: str, segment: Any, old: SegmentPostings,
           keys: list[Any]) -> Reuse | None:
        """The reuse of an old segment, or ``None`` when its cache cannot stand for its
        documents (no exact lengths, or another count of documents)."""
        if old.exact is None or old.docs != len(keys) or len(old.stored) != len(keys):
            return None
        return cls(folder, segment, old, keys)


class _OldTerms:
    """The terms-table rows of an old segment, by field and term bytes, and its postings file's
    bytes, read once each."""

    def __init__(self, reuse: Reuse) -> None:
        from whoosh.filedb.filetables import OrderedHashReader

        storage = FileStorage(reuse.folder)
        segment = reuse.segment
        files = segment.open_compound_file(storage) if segment.is_compound() else storage
        try:
            name = segment.make_filename(W3Codec.TERMS_EXT)
            table = OrderedHashReader(files.open_file(name), files.file_length(name))
            names = {number: fname for fname, number in table.extras["fieldmap"].items()}
            data = table.dbfile.get(table.startofdata, table.endofdata - table.startofdata)
            table.close()
            posts = segment.make_filename(W3Codec.POSTS_EXT)
            handle = files.open_file(posts)
            self.postings = handle.get(0, files.file_length(posts))
            handle.close()
        finally:
            if files is not storage:
                files.close()
        self.rows: dict[str, dict[bytes, bytes]] = {fname: {} for fname in names.values()}
        offset, end = 0, len(data)
        unpack = ROW_LENGTHS.unpack_from
        while offset < end:
            klen, vlen = unpack(data, offset)
            start = offset + ROW_LENGTHS.size
            key = data[start : start + klen]
            self.rows[names[int.from_bytes(key[:2], "big")]][key[2:]] = data[
                start + klen : start + klen + vlen
            ]
            offset = start + klen + vlen

    def chunk(self, row: bytes) -> bytes:
        """The blocks of the term whose row this is."""
        offset, length = ROW_BLOCKS.unpack_from(row, len(row) - ROW_BLOCKS.size)
        return self.postings[offset : offset + length]


def _pattern(patterns: dict[str, Any], fieldobj: Any) -> Any:
    found = patterns.get(fieldobj.expression)
    if found is None:
        found = patterns[fieldobj.expression] = findall_pattern(fieldobj.expression)
    return found


def write_segment(
    folder: str, schema: Schema, indexname: str, documents: Iterable[dict[str, Any]],
    reuse: Reuse | None = None,
) -> tuple[Any, SegmentPostings] | tuple[None, None]:
    """Write ``documents`` (``add_document`` keyword arguments) as one segment in ``folder``.

    ``reuse`` names the old segment this one replaces (or None): a document whose ``_key`` is
    one of its keys is kept, its terms taken from the old segment, not analysed again (see the
    module).

    Returns the Whoosh segment (not yet listed in any table of contents) and what the export
    reads from it; ``(None, None)`` when there was no document.
    """
    with collector_paused():  # its postings hold no cycles (see gcpause)
        return _write_segment(folder, schema, indexname, documents, reuse)


def codec() -> W3Codec:
    """The codec of every segment written here: Whoosh 3's, with :data:`COMPRESSION`."""
    return W3Codec(compression=COMPRESSION)


def _write_segment(
    folder: str, schema: Schema, indexname: str, documents: Iterable[dict[str, Any]],
    reuse: Reuse | None,
) -> tuple[Any, SegmentPostings] | tuple[None, None]:
    storage = FileStorage(folder).create()
    segment = codec().new_segment(storage, indexname)
    temp = storage.temp_storage(f"{indexname}.tmp")
    perdoc = codec().per_document_writer(storage, segment)
    fieldwriter = codec().field_writer(storage, segment)
    fields_seen: dict[str, _Field] = {}
    stored_docs: list[dict[str, Any]] = []
    patterns: dict[str, Any] = {}
    # the old segment's documents this one keeps: old number -> new number (-1: not kept)
    numbers = {key: i for i, key in enumerate(reuse.keys)} if reuse is not None else {}
    new_number = [-1] * len(numbers)
    exact = (reuse.old.exact or {}) if reuse is not None else {}
    docnum = 0
    try:
        for fields in documents:
            perdoc.start_doc(docnum)
            stored: dict[str, Any] = {}
            kept = numbers.pop(fields.get("_key"), None) if numbers else None
            if kept is not None:
                new_number[kept] = docnum
            for name in sorted(n for n in fields if not n.startswith("_")):
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                if field.separate_spelling() or field.vector:
                    raise ValueError(f"field {name!r}: spelling and vectors are not written")
                length = 0
                if field.indexed:
                    target = fields_seen.get(name)
                    if target is None:
                        target = fields_seen[name] = _Field(name, field)
                    terms = target.terms
                    if kept is not None:  # its postings are the old segment's
                        if field.scorable:
                            length = exact[name][kept]
                    elif target.positions and isinstance(value, str):
                        found_terms = term_positions(value, _pattern(patterns, field))
                        for term, positions in found_terms.items():
                            found = terms.get(term)
                            if found is None:
                                terms[term] = [docnum, positions]
                            else:
                                found += (docnum, positions)
                        if field.scorable:
                            length = sum(map(len, found_terms.values()))
                    else:
                        if target.positions:
                            raise ValueError(f"field {name!r}: {value!r} is not text")
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            # add_document multiplies by the field boost (1.0): a float
                            item = (docnum, weight * 1.0, vbytes, freq)
                            found = terms.get(tbytes)
                            if found is None:
                                terms[tbytes] = [item]
                            else:
                                found.append(item)
                    sizes = target.lengths
                    if len(sizes) < docnum:
                        sizes.extend([0] * (docnum - len(sizes)))
                    sizes.append(length)
                if field.stored:
                    stored[name] = value
                perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
            perdoc.finish_doc()
            stored_docs.append(stored)
            docnum += 1
        perdoc.close()
        if not docnum:  # nothing to write (Whoosh writes no segment for no documents)
            fieldwriter.close()
            temp.destroy()
            return None, None
        old_terms = _OldTerms(reuse) if reuse is not None else None
        old_runs_of = reuse.old.terms if reuse is not None else {}
        moved = _Moved(new_number)
        cache_terms: dict[str, dict[str, tuple[int, int, int, bytes, bytes]]] = {}
        length_bytes: dict[str, bytes] = {}
        # terms in the order of Whoosh's pool: field name, then term bytes (UTF-8 sorts as str)
        for name in sorted(fields_seen):
            target = fields_seen[name]
            sizes = target.lengths
            sizes.extend([0] * (docnum - len(sizes)))
            quantised = [byte_to_length(length_to_byte(n)) if n else 0 for n in sizes]
            row = _length_bytes(name, quantised)
            keep = name in SEARCH_FIELDS
            if keep:
                length_bytes[name] = row
                runs = cache_terms[name] = {}
            fieldwriter.start_field(name, target.field)
            blocks = TermBlocks.open(fieldwriter)
            if blocks is None:
                raise ValueError(f"field {name!r}: not Whoosh 3's postings writer")
            boost = float(target.field.format.field_boost)
            # what this field can take from the old segment: its rows and its export runs
            rows = old_terms.rows.get(name, {}) if old_terms is not None else {}
            old_runs = old_runs_of.get(name, {})
            fixed = target.field.format.fixed_value_size()
            order = set(target.terms)
            order.update((t.decode("utf-8") for t in rows) if target.positions else rows)
            for key in sorted(order):
                tbytes = key.encode("utf-8") if isinstance(key, str) else key
                flat = target.terms.get(key)
                held = rows.get(tbytes)
                if held is not None:
                    run = old_runs.get(key) if keep else None
                    chunk = old_terms.chunk(held)  # type: ignore[union-attr]
                    if flat is None and (run is not None or not keep):
                        # in none of the documents analysed: its blocks as they are, renumbered
                        # if need be, unless one of its documents is gone
                        if moved.none_within(held):
                            blocks.copy(tbytes, held, chunk)
                            if keep:
                                runs[key] = run  # type: ignore[assignment]
                            continue
                        step = moved.step_within(held)
                        if step is not None:
                            blocks.shift(tbytes, held, chunk, step)
                            if keep:
                                first, last, count, rest, positions = run  # type: ignore[misc]
                                runs[key] = (first + step, last + step, count, rest, positions)
                            continue
                        renumbered = blocks.move(tbytes, held, chunk, new_number)
                        if renumbered is not None:
                            if keep:
                                runs[key] = _moved_run(run, *renumbered)  # type: ignore[arg-type]
                            continue
                    if target.positions:
                        kept = _kept_values(chunk, fixed, new_number)
                        if len(kept) + len(flat or ()) // 2 > 1:
                            post = target.joined(flat, kept, row)
                            blocks.add(tbytes, post.docs, post.gaps, post.weights, post.values,
                                       post.lengths, post.same)
                            if keep:
                                runs[key] = _run(post, target.field.format)
                            continue
                        if kept:  # in one kept document, now alone
                            doc, value = kept[0]
                            flat = [doc, list(accumulate(position_deltas(value)))]
                    else:
                        flat = _with_kept(flat, chunk, fixed, new_number)
                    if not flat:  # only in documents gone
                        continue
                if target.positions and len(flat) == 2:  # in one document: half the terms
                    run = _write_one(blocks, tbytes, flat[0], flat[1], boost, row[flat[0]])
                    if keep:
                        runs[key] = run
                    continue
                target.terms[key] = flat
                post = target.postings(key, row)
                blocks.add(tbytes, post.docs, post.gaps, post.weights, post.values,
                           post.lengths, post.same)
                if keep:
                    runs[tbytes.decode("utf-8")] = _run(post, target.field.format)
            fieldwriter.finish_field()
            target.terms.clear()
        fieldwriter.close()
    except BaseException:
        for writer in (perdoc, fieldwriter):
            if not writer.is_closed:
                writer.close()
        temp.destroy()
        raise
    temp.destroy()
    segment.set_doc_count(docnum)
    if segment.should_assemble():
        segment.create_compound_file(storage)
    for fname in SEARCH_FIELDS:
        length_bytes.setdefault(fname, bytes(docnum))
        cache_terms.setdefault(fname, {})
    counted = {
        name: (fields_seen[name].lengths if name in fields_seen else [0] * docnum)
        for name in schema.scorable_names()
    }
    cache = SegmentPostings(
        docnum, {f: length_bytes[f] for f in SEARCH_FIELDS},
        {f: cache_terms[f] for f in SEARCH_FIELDS}, stored_docs, exact=counted,
    )
    return segment, cache


class _Moved:
    """Where a kept document's number changed: a term whose old documents all lie in a range
    without such a change (its row's first and last id) is copied as it was; one whose range
    holds no document gone and no change of step (the new number less the old) moved by that
    step as a whole (:meth:`~newsarchive.search.blocks.TermBlocks.shift`)."""

    def __init__(self, new_number: list[int]) -> None:
        self._number = new_number
        self._changed = [0, *accumulate(int(now != old) for old, now in enumerate(new_number))]
        # 1 where a document is gone or its step is not the one of the document before it
        self._breaks = [0, *accumulate(
            int(now < 0 or (old > 0 and now - old != new_number[old - 1] - (old - 1)))
            for old, now in enumerate(new_number)
        )]

    def none_within(self, row: bytes) -> bool:
        first, last = row_ids(row)
        return self._changed[last + 1] == self._changed[first]

    def step_within(self, row: bytes) -> int | None:
        """The step every document of the term of ``row`` moved by, when they all moved by
        one; else ``None``."""
        first, last = row_ids(row)
        now = self._number[first]
        if now < 0 or self._breaks[last + 1] != self._breaks[first + 1]:
            return None
        return now - first


def _kept_values(chunk: bytes, fixed: int | None,
                 new_number: list[int]) -> list[tuple[int, bytes]]:
    """A searchable field's term's postings in the old segment's kept documents (``chunk``):
    ``(new number, Whoosh value)`` pairs, in order."""
    docs, _, values = read_postings(chunk, fixed)
    return [(new_number[doc], value) for doc, value in zip(docs, values, strict=True)
            if new_number[doc] >= 0]


def _with_kept(flat: list[Any] | None, chunk: bytes, fixed: int | None,
               new_number: list[int]) -> list[Any]:
    """A term of a field without positions: its postings in the documents analysed here
    (``flat``, as :class:`_Field` holds them) joined, in document order, with its postings in
    the old segment's kept documents (``chunk``), renumbered."""
    docs, weights, values = read_postings(chunk, fixed)
    out = [(new_number[doc], weights[i], values[i], 1) for i, doc in enumerate(docs)
           if new_number[doc] >= 0]
    out += flat or ()
    out.sort(key=lambda item: item[0])
    return out


def _moved_run(run: tuple[int, int, int, bytes, bytes], was: list[int],
               now: list[int]) -> tuple[int, int, int, bytes, bytes]:
    """A term's export run (:func:`_run`) for its postings moved from documents ``was`` to
    ``now``: when they all moved by one step, only the first and last document change."""
    first, last, count, rest, positions = run
    step = now[0] - was[0]
    if now[-1] - was[-1] == step and all(b - a == step for a, b in zip(was, now, strict=True)):
        return first + step, last + step, count, rest, positions
    numbers = varint_numbers(rest)  # frequency, length byte, then (gap, frequency, length)...
    numbers[2::3] = _gaps(now)[1:]
    return now[0], now[-1], count, varint_bytes(numbers), positions


def _length_bytes(fname: str, quantised: list[int]) -> bytes:
    """A searchable field's length byte per document, as the export reads them."""
    row = bytearray(len(quantised))
    for doc, length in enumerate(quantised):
        if length:
            byte = length_to_byte(length)
            if byte_to_length(byte) != length:
                raise ValueError(f"length {length} of {fname} is not a table value")
            row[doc] = byte
    return bytes(row)


def _run(post: _Postings, fmt: Any) -> tuple[int, int, int, bytes, bytes]:
    """One term's run for the export (:data:`postings.TermRuns`): first and last document,
    postings, then the varints of the ``(gap, frequency, length byte)`` triples after the first
    gap, and of every posting's frequency followed by its position gaps."""
    positions = post.positions
    if positions is None:  # a searchable field of another format: its values decoded
        numbers: list[int] = []
        for value in post.values:
            codes = _gaps(list(fmt.decode_positions(value)))
            numbers += (len(codes), *codes)
        positions = varint_bytes(numbers)
    count = len(post.docs)
    triples = [0] * (3 * count)  # interleaved by slices: faster than chaining zip's tuples
    triples[0::3] = post.gaps
    triples[1::3] = post.freqs
    triples[2::3] = post.lengths
    return post.docs[0], post.docs[-1], count, varint_bytes(triples[1:]), positions
