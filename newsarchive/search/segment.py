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
* when the segment replaces an old one (:class:`Reuse`), a term none of whose postings is in a
  document that changed or moved, and that no document the old segment held and this one does
  not had, has the very postings it had there: its blocks and terms-table row are copied from
  the old segment's files, and its export run from the old cache, instead of being encoded
  again. An edited article or articles added after the others then cost the terms they have,
  not the segment's.

The segment's files are the ones ``SegmentWriter`` writes for the same documents, byte for byte
(``tests/search/test_segment_writer.py``), and its :class:`SegmentPostings` (the export's cache)
is built from the postings in memory, equal to what reading the segment back gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pickle import dumps
from typing import Any, NamedTuple

from whoosh.codec import default_codec
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

from newsarchive.search.analysis import FastText, findall_pattern, term_positions
from newsarchive.search.blocks import ROW_BLOCKS, ROW_LENGTHS, TermBlocks
from newsarchive.search.gcpause import collector_paused
from newsarchive.search.postings import SegmentPostings, TermRuns, varint_bytes
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
        # FastText.index's weight (times add_document's field boost, 1.0) and Positions.encode
        boost = self.field.format.field_boost
        same = None
        if freqs.count(1) == len(freqs):
            firsts = [run[0] for run in found]
            values = list(map(_ONE_VALUE.__getitem__, firsts))
            positions = b"".join(map(_ONE_VARINTS.__getitem__, firsts))
            same = float(1) * boost * 1.0
            weights = [same] * len(docs)
        else:
            values, parts = [], []
            for run in found:
                if len(run) == 1:
                    values.append(_ONE_VALUE[run[0]])
                    parts.append(_ONE_VARINTS[run[0]])
                else:
                    codes = _gaps(run)
                    values.append(pack_uint(len(codes)) + dumps(codes, 2))
                    parts.append(varint_bytes([len(codes), *codes]))
            positions = b"".join(parts)
            weights = [float(n) * boost * 1.0 for n in freqs]
        return _Postings(docs, _gaps(docs), weights, values, freqs,
                         bytes(map(row.__getitem__, docs)), positions, same)


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
        value = pack_uint(len(codes)) + dumps(codes, 2)
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
    """The old segment that the segment being written replaces, as the writer learns it once it
    has read every document (see :func:`write_segment`)."""

    #: the old index's folder and the old segment (Whoosh's), whose files are read
    folder: str
    segment: Any
    #: the old segment's export runs (its postings cache), by searchable field
    runs: dict[str, TermRuns]
    #: documents of the new segment that are not the old segment's document of that number
    #: (new, changed, or at another number)
    moved: set[int]
    #: the fields of each document the old segment held and the new one does not (an edited
    #: article's old version, a removed one): the terms they had are encoded again
    gone: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def between(cls, folder: str, segment: Any, runs: dict[str, TermRuns], old: list[Any],
                new: list[Any], old_stored: list[Any],
                fields: Callable[[Any], dict[str, Any]] = dict) -> Reuse:
        """The reuse of an old segment whose documents were ``old`` (one key per document
        that changes whenever its fields do, such as an id and a content hash), each stored
        as in ``old_stored`` (``fields`` makes its fields of that, for the documents gone
        only), by a segment of the documents ``new``."""
        now = set(new)
        moved = {i for i, key in enumerate(new) if i >= len(old) or old[i] != key}
        gone = [fields(stored) for key, stored in zip(old, old_stored, strict=True)
                if key not in now]
        return cls(folder, segment, runs, moved, gone)


class _OldTerms:
    """The terms-table rows of an old segment, by field and term bytes, and its postings file's
    bytes, read once each."""

    def __init__(self, reuse: Reuse) -> None:
        from whoosh.codec.whoosh3 import W3Codec
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


def _term_keys(schema: Schema, fields: dict[str, Any], patterns: dict[str, Any]) -> dict[str, set]:
    """The terms a document's fields give, by field name, keyed as the writer keys them."""
    out: dict[str, set] = {}
    for name, value in fields.items():
        if name.startswith("_") or value is None or name not in schema:
            continue
        fieldobj = schema[name]
        if not fieldobj.indexed:
            continue
        if _fast(fieldobj) and isinstance(value, str):
            out[name] = set(term_positions(value, _pattern(patterns, fieldobj)))
        else:
            out[name] = {tbytes for tbytes, _, _, _ in fieldobj.index(value)}
    return out


def _pattern(patterns: dict[str, Any], fieldobj: Any) -> Any:
    found = patterns.get(fieldobj.expression)
    if found is None:
        found = patterns[fieldobj.expression] = findall_pattern(fieldobj.expression)
    return found


def write_segment(
    folder: str, schema: Schema, indexname: str, documents: Iterable[dict[str, Any]],
    reuse: Callable[[], Reuse | None] | None = None,
) -> tuple[Any, SegmentPostings] | tuple[None, None]:
    """Write ``documents`` (``add_document`` keyword arguments) as one segment in ``folder``.

    ``reuse``, asked once every document is read, names the old segment this one replaces (or
    None): the terms it holds unchanged are copied from it (see the module).

    Returns the Whoosh segment (not yet listed in any table of contents) and what the export
    reads from it; ``(None, None)`` when there was no document.
    """
    with collector_paused():  # its postings hold no cycles (see gcpause)
        return _write_segment(folder, schema, indexname, documents, reuse)


def _write_segment(
    folder: str, schema: Schema, indexname: str, documents: Iterable[dict[str, Any]],
    reuse: Callable[[], Reuse | None] | None,
) -> tuple[Any, SegmentPostings] | tuple[None, None]:
    storage = FileStorage(folder).create()
    codec = default_codec()
    segment = codec.new_segment(storage, indexname)
    temp = storage.temp_storage(f"{indexname}.tmp")
    perdoc = codec.per_document_writer(storage, segment)
    fieldwriter = codec.field_writer(storage, segment)
    fields_seen: dict[str, _Field] = {}
    stored_docs: list[dict[str, Any]] = []
    patterns: dict[str, Any] = {}
    docnum = 0
    try:
        for fields in documents:
            perdoc.start_doc(docnum)
            stored: dict[str, Any] = {}
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
                    if target.positions and isinstance(value, str):
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
        old = reuse() if reuse is not None else None
        old_terms = _OldTerms(old) if old is not None else None
        gone: dict[str, set] = {}
        for fields in old.gone if old is not None else ():
            for fname, keys in _term_keys(schema, fields, patterns).items():
                gone.setdefault(fname, set()).update(keys)
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
            alone = blocks is not None and target.positions
            boost = float(target.field.format.field_boost)
            # what this field can copy from the old segment: its rows, its export runs, the
            # documents whose postings differ and the terms the documents gone had
            rows = old_terms.rows.get(name) if old_terms is not None and blocks else None
            old_runs = old.runs.get(name, {}) if old is not None else {}
            moved = old.moved if old is not None else set()
            stale = gone.get(name, ())
            for key in sorted(target.terms):
                tbytes = key.encode("utf-8") if isinstance(key, str) else key
                flat = target.terms[key]
                if rows is not None and key not in stale and moved.isdisjoint(
                    flat[0::2] if target.positions else [item[0] for item in flat]
                ):
                    held = rows.get(tbytes)
                    run = old_runs.get(tbytes.decode("utf-8")) if keep else None
                    if held is not None and (run is not None or not keep):
                        blocks.copy(tbytes, held, old_terms.chunk(held))
                        if keep:
                            runs[tbytes.decode("utf-8")] = run
                        continue
                if alone and len(flat) == 2:  # in one document: half the terms
                    run = _write_one(blocks, tbytes, flat[0], flat[1], boost, row[flat[0]])
                    if keep:
                        runs[key] = run
                    continue
                post = target.postings(key, row)
                if blocks is not None:
                    blocks.add(tbytes, post.docs, post.gaps, post.weights, post.values,
                               post.lengths, post.same)
                else:
                    fieldwriter.start_term(tbytes)
                    for doc, weight, value in zip(post.docs, post.weights, post.values,
                                                  strict=True):
                        # a copy: Whoosh's values are each their own object (see blockpickle)
                        fieldwriter.add(doc, weight, bytes(memoryview(value)), quantised[doc])
                    fieldwriter.finish_term()
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
    cache = SegmentPostings(
        docnum, {f: length_bytes[f] for f in SEARCH_FIELDS},
        {f: cache_terms[f] for f in SEARCH_FIELDS}, stored_docs,
    )
    return segment, cache


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
