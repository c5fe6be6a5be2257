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
* each term's postings, already in document order, are cut into Whoosh's blocks and handed to
  Whoosh's postings writer a block at a time, with the statistics ``add_posting`` would have
  kept (maximum weight, smallest and largest non-zero field length as the length column
  quantises them);
* terms go to Whoosh's terms table in the order the pool's sort gives (field name, term bytes).

The segment's files are the ones ``SegmentWriter`` writes for the same documents, byte for byte
(``tests/search/test_segment_writer.py``), and its :class:`SegmentPostings` (the export's cache)
is built from the postings in memory, equal to what reading the segment back gives.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from pickle import dumps
from typing import Any

from whoosh.codec import default_codec
from whoosh.codec.whoosh3 import W3PostingsWriter
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

from newsarchive.search.analysis import FastText, findall_pattern, term_positions
from newsarchive.search.postings import SegmentPostings, varint_bytes
from newsarchive.search.schema import SEARCH_FIELDS

#: Per term of a field: document numbers, weights, encoded values (positions), frequencies.
_Postings = tuple[list[int], list[float], list[bytes], list[int]]


class _FieldPostings:
    """The postings of one indexed field, grouped by term bytes, in document order."""

    def __init__(self) -> None:
        self.terms: dict[bytes, _Postings] = {}
        self.deltas: dict[bytes, list[list[int]]] = {}

    def add(self, tbytes: bytes, doc: int, weight: float, value: bytes, freq: int) -> None:
        found = self.terms.get(tbytes)
        if found is None:
            self.terms[tbytes] = ([doc], [weight], [value], [freq])
        else:
            found[0].append(doc)
            found[1].append(weight)
            found[2].append(value)
            found[3].append(freq)


def _positions(field: FastText, value: str, patterns: dict[str, Any]) -> Any:
    """``(term bytes, frequency, weight, encoded positions, position deltas)`` of a searchable
    field's value: what ``FastText.index`` yields, plus the deltas the export keeps."""
    pattern = patterns.get(field.expression)
    if pattern is None:
        pattern = patterns[field.expression] = findall_pattern(field.expression)
    boost = field.format.field_boost
    for term, positions in term_positions(value, pattern).items():
        deltas = []
        base = 0
        for pos in positions:
            deltas.append(pos - base)
            base = pos
        count = len(deltas)
        # Positions.encode, without computing the deltas twice
        yield term.encode("utf-8"), count, float(count) * boost, pack_uint(count) + dumps(
            deltas, 2
        ), deltas


def _deltas(positions: Iterable[int]) -> list[int]:
    out, base = [], 0
    for pos in positions:
        out.append(pos - base)
        base = pos
    return out


def _fast(field: Any) -> bool:
    return isinstance(field, FastText) and type(field.format) is Positions


def _write_term(postwriter: Any, fmt: Any, postings: _Postings, lengths: dict[int, int]) -> None:
    """Hand one term's postings to Whoosh's postings writer (between ``start_postings`` and
    ``finish_postings``), a block at a time, as ``add_posting`` would have filled the blocks."""
    ids, weights, values, _ = postings
    if not isinstance(postwriter, W3PostingsWriter) or not hasattr(postwriter, "_ids"):
        for doc, weight, value in zip(ids, weights, values, strict=True):
            postwriter.add_posting(doc, weight, value, lengths.get(doc, 0))
        return
    limit = postwriter._blocklimit
    total = len(ids)
    for start in range(0, total, limit):
        end = min(total, start + limit)
        block_ids = ids[start:end]
        block_weights = weights[start:end]
        postwriter._ids = array("I", block_ids)
        postwriter._weights = array("f", block_weights)
        postwriter._values = [v for v in values[start:end] if v]
        sizes = [n for n in (lengths.get(d, 0) for d in block_ids) if n]
        postwriter._minlength = min(sizes) if sizes else None
        postwriter._maxlength = max(sizes) if sizes else 0
        heaviest = max(block_weights)
        postwriter._maxweight = heaviest if heaviest > 0 else 0
        if end < total:  # the last block is written by finish_postings
            postwriter._write_block()


def write_segment(
    folder: str, schema: Schema, indexname: str, documents: Iterable[dict[str, Any]]
) -> tuple[Any, SegmentPostings] | tuple[None, None]:
    """Write ``documents`` (``add_document`` keyword arguments) as one segment in ``folder``.

    Returns the Whoosh segment (not yet listed in any table of contents) and what the export
    reads from it; ``(None, None)`` when there was no document.
    """
    storage = FileStorage(folder).create()
    codec = default_codec()
    segment = codec.new_segment(storage, indexname)
    temp = storage.temp_storage(f"{indexname}.tmp")
    perdoc = codec.per_document_writer(storage, segment)
    fieldwriter = codec.field_writer(storage, segment)
    postings: dict[str, _FieldPostings] = {}
    #: Per searchable field, document -> field length (the raw token count).
    raw_lengths: dict[str, dict[int, int]] = {name: {} for name in schema.names()}
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
                length = 0
                if field.indexed:
                    target = postings.get(name)
                    if target is None:
                        target = postings[name] = _FieldPostings()
                    scorable = field.scorable
                    if _fast(field) and isinstance(value, str):
                        deltas = target.deltas
                        for tbytes, freq, weight, vbytes, codes in _positions(
                            field, value, patterns
                        ):
                            if scorable:
                                length += freq
                            target.add(tbytes, docnum, weight, vbytes, freq)
                            deltas.setdefault(tbytes, []).append(codes)
                    else:
                        keep = name in SEARCH_FIELDS
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if scorable:
                                length += freq
                            # add_document multiplies by the field boost (1.0): a float
                            target.add(tbytes, docnum, weight * 1.0, vbytes, freq)
                            if keep:
                                target.deltas.setdefault(tbytes, []).append(
                                    _deltas(field.format.decode_positions(vbytes))
                                )
                if field.separate_spelling() or field.vector:
                    raise ValueError(f"field {name!r}: spelling and vectors are not written")
                if field.stored:
                    stored[name] = value
                perdoc.add_field(name, field, value if field.stored else None, length)
                if length:
                    raw_lengths[name][docnum] = length
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
        # the length each posting is written with: the length column's value (quantised)
        lengths = {
            name: {d: byte_to_length(length_to_byte(n)) for d, n in docs.items()}
            for name, docs in raw_lengths.items()
        }
        for name in sorted(postings):
            field = schema[name]
            fieldwriter.start_field(name, field)
            terms = postings[name].terms
            for tbytes in sorted(terms):
                fieldwriter.start_term(tbytes)
                _write_term(fieldwriter._postwriter, field.format, terms[tbytes], lengths[name])
                fieldwriter.finish_term()
            fieldwriter.finish_field()
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
    return segment, _cache(docnum, postings, lengths, stored_docs)


def _cache(
    n_docs: int,
    postings: dict[str, _FieldPostings],
    lengths: dict[str, dict[int, int]],
    stored: list[dict[str, Any]],
) -> SegmentPostings:
    """The export's view of the segment (:func:`postings.read_segment`), from memory."""
    length_bytes: dict[str, bytes] = {}
    for fname in SEARCH_FIELDS:
        row = bytearray(n_docs)
        for doc, length in lengths.get(fname, {}).items():
            byte = length_to_byte(length)
            if byte_to_length(byte) != length:
                raise ValueError(f"length {length} of {fname} is not a table value")
            row[doc] = byte
        length_bytes[fname] = bytes(row)
    terms: dict[str, dict[str, tuple[int, int, int, bytes, bytes]]] = {}
    for fname in SEARCH_FIELDS:
        field_lengths = length_bytes[fname]
        runs: dict[str, tuple[int, int, int, bytes, bytes]] = {}
        found = postings.get(fname)
        if found is not None:
            for tbytes in sorted(found.terms):
                ids, _, _, freqs = found.terms[tbytes]
                codes_of = found.deltas[tbytes]
                triples: list[int] = []
                pos_values: list[int] = []
                prev = 0
                for doc, freq, codes in zip(ids, freqs, codes_of, strict=True):
                    triples += (doc - prev, freq, field_lengths[doc])
                    prev = doc
                    pos_values.append(freq)
                    pos_values += codes
                runs[tbytes.decode("utf-8")] = (
                    triples[0],
                    prev,
                    len(ids),
                    varint_bytes(triples[1:]),
                    varint_bytes(pos_values),
                )
        terms[fname] = runs
    return SegmentPostings(n_docs, length_bytes, terms, stored)
