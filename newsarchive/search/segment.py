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


def _deltas(positions: list[int]) -> list[int]:
    """Gaps between successive positions, the first from 0 (what ``Positions.encode`` pickles
    and the export stores); a single position is its own list of gaps."""
    if len(positions) == 1:
        return positions
    return [b - a for a, b in zip([0, *positions], positions, strict=False)]


def _fast(field: Any) -> bool:
    return isinstance(field, FastText) and type(field.format) is Positions


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

    def postings(self, key: Any) -> tuple[list[int], list[float], list[bytes], list[int], Any]:
        """``(docs, weights, encoded values, frequencies, position gaps or None)``."""
        flat = self.terms[key]
        if not self.positions:
            docs, weights, values, freqs = (list(c) for c in zip(*flat, strict=True))
            return docs, weights, values, freqs, None
        docs = flat[0::2]
        codes = [p if len(p) == 1 else _deltas(p) for p in flat[1::2]]
        freqs = [len(c) for c in codes]
        boost = self.field.format.field_boost
        # FastText.index's weight (times add_document's field boost, 1.0) and Positions.encode
        weights = [float(n) * boost * 1.0 for n in freqs]
        values = [pack_uint(n) + dumps(c, 2) for n, c in zip(freqs, codes, strict=True)]
        return docs, weights, values, freqs, codes


def _write_term(
    postwriter: Any, docs: list[int], weights: list[float], values: list[bytes], sizes: list[int]
) -> None:
    """Hand one term's postings to Whoosh's postings writer (between ``start_postings`` and
    ``finish_postings``), a block at a time, as ``add_posting`` would have filled the blocks.
    ``sizes`` are the documents' field lengths as the length column gives them back."""
    if not isinstance(postwriter, W3PostingsWriter) or not hasattr(postwriter, "_ids"):
        for doc, weight, value in zip(docs, weights, values, strict=True):
            postwriter.add_posting(doc, weight, value, sizes[doc])
        return
    limit = postwriter._blocklimit
    total = len(docs)
    for start in range(0, total, limit):
        end = min(total, start + limit)
        block_docs = docs[start:end]
        block_weights = weights[start:end]
        postwriter._ids = array("I", block_docs)
        postwriter._weights = array("f", block_weights)
        postwriter._values = [v for v in values[start:end] if v]
        found = [n for n in map(sizes.__getitem__, block_docs) if n]
        postwriter._minlength = min(found) if found else None
        postwriter._maxlength = max(found) if found else 0
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
                        pattern = patterns.get(field.expression)
                        if pattern is None:
                            pattern = patterns[field.expression] = findall_pattern(
                                field.expression
                            )
                        found_terms = term_positions(value, pattern)
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
        cache_terms: dict[str, dict[str, tuple[int, int, int, bytes, bytes]]] = {}
        length_bytes: dict[str, bytes] = {}
        # terms in the order of Whoosh's pool: field name, then term bytes (UTF-8 sorts as str)
        for name in sorted(fields_seen):
            target = fields_seen[name]
            sizes = target.lengths
            sizes.extend([0] * (docnum - len(sizes)))
            quantised = [byte_to_length(length_to_byte(n)) if n else 0 for n in sizes]
            keep = name in SEARCH_FIELDS
            if keep:
                length_bytes[name] = _length_bytes(name, quantised)
                runs = cache_terms[name] = {}
            fieldwriter.start_field(name, target.field)
            for key in sorted(target.terms):
                docs, weights, values, freqs, codes = target.postings(key)
                tbytes = key.encode("utf-8") if isinstance(key, str) else key
                fieldwriter.start_term(tbytes)
                _write_term(fieldwriter._postwriter, docs, weights, values, quantised)
                fieldwriter.finish_term()
                if keep:
                    if codes is None:
                        codes = [_deltas(list(target.field.format.decode_positions(v)))
                                 for v in values]
                    runs[tbytes.decode("utf-8")] = _run(
                        docs, freqs, codes, length_bytes[name]
                    )
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


def _run(
    docs: list[int], freqs: list[int], codes: list[list[int]], lengths: bytes
) -> tuple[int, int, int, bytes, bytes]:
    """One term's run for the export (:data:`postings.TermRuns`): first and last document,
    postings, then the varints of the ``(gap, frequency, length byte)`` triples after the first
    gap, and of every posting's frequency followed by its position gaps."""
    gaps = [b - a for a, b in zip([0, *docs], docs, strict=False)]
    triples = [x for t in zip(gaps, freqs, map(lengths.__getitem__, docs), strict=False) for x in t]
    positions: list[int] = []
    for n, c in zip(freqs, codes, strict=True):
        positions.append(n)
        positions += c
    return docs[0], docs[-1], len(docs), varint_bytes(triples[1:]), varint_bytes(positions)
