"""Write a whole term's postings into a Whoosh 3 segment at once, as Whoosh would, byte for byte.

Whoosh's ``W3PostingsWriter`` takes a term's postings one call at a time, then describes each
full block with generator expressions over its postings (delta-encoded ids, "are all weights
1.0", the sum of the weights) and ``W3FieldWriter`` wraps every term in a term info object. Half
the terms of an archive occur in one document, so that bookkeeping, not the postings, is most of
the cost of writing a segment. :class:`TermBlocks` writes the same blocks (the same pickles,
compressed the same way) and the same terms-table rows from lists the segment writer already
holds, with the per-posting work done by C loops (``array``, ``max``, ``bytes.count``); the
terms table's rows and, at the end, its hash tables are written a row and a table per call.

It serves only the writers it was checked against (``tests/search/test_segment_writer.py``):
:meth:`TermBlocks.open` returns ``None`` for any other codec, and the caller then feeds Whoosh's
writer a posting at a time.
"""

from __future__ import annotations

import zlib
from array import array
from functools import partial
from itertools import starmap
from struct import Struct
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3PostingsWriter, W3TermInfo
from whoosh.compat import dumps
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_int, pack_ushort

from newsarchive.search.blockpickle import block_pickle

_TERM_INFO = W3TermInfo._struct
#: The lengths of key and value before each row of Whoosh's hash files.
ROW_LENGTHS = Struct("!ii")
#: A slot of a hash table: the key's hash and its row's offset.
_POINTER = Struct("!Iq")
#: How a terms-table row ends: the offset and length of the term's blocks in the postings file
#: (``pack_long``, ``pack_int``).
ROW_BLOCKS = Struct("!qi")


def _write_hashes(table: OrderedHashWriter) -> None:
    """``HashWriter._write_hashes``, each bucket's table written in one call, not a call per
    slot (an archive's terms table has hundreds of thousands of slots): 256 tables of twice as
    many slots as keys, each key at the slot its hash gives or the next free one."""
    dbfile = table.dbfile
    empty = (0, 0)
    for entries in table.buckets:
        slots = 2 * len(entries)
        table.directory.append((dbfile.tell(), slots))
        hashtable = [empty] * slots
        for digest, offset in entries:
            slot = (digest >> 8) % slots
            while hashtable[slot] != empty:
                slot = (slot + 1) % slots
            hashtable[slot] = (digest, offset)
        dbfile.write(b"".join(starmap(_POINTER.pack, hashtable)))


class _TermsTable:
    """Adds rows to Whoosh's terms table (``OrderedHashWriter.add``: key order checked, the
    row's offset kept for the ordered index and, by the key's hash, for the hash buckets) with
    one write and no ``tell`` per row: while a field's terms are written nothing else writes
    to that file, so the offset is counted."""

    def __init__(self, table: OrderedHashWriter) -> None:
        self._table = table
        table._write_hashes = partial(_write_hashes, table)  # type: ignore[method-assign]
        self._write = table.dbfile.write
        self._offset = table.dbfile.tell()
        self._index = table.index.append
        self._hash = table.hashfn
        self._buckets = table.buckets

    def add(self, key: bytes, value: bytes) -> None:
        table = self._table
        if key <= table.lastkey:
            raise ValueError(f"Keys must increase: {table.lastkey!r}..{key!r}")
        offset = self._offset
        self._index(offset)
        self._write(ROW_LENGTHS.pack(len(key), len(value)) + key + value)
        self._offset = offset + ROW_LENGTHS.size + len(key) + len(value)
        digest = self._hash(key)
        self._buckets[digest & 255].append((digest, offset))
        table.lastkey = key


def _weights(weights: list[float], same: float | None) -> tuple[Any, float, float]:
    """A block's weights as ``W3PostingsWriter`` stores them (``None`` when all are 1.0, the
    one weight when all are equal, else all of them, as 32-bit floats), their ``sum`` as
    32-bit floats and the largest; ``same`` is every weight when all are equal."""
    if same is not None:
        single = array("f", (same,))[0]
        if single.is_integer() and abs(single) * len(weights) < 2**53:  # the sum is exact
            return None if single == 1.0 else single, 0 + single * len(weights), same
    floats = array("f", weights)
    count = len(floats)
    if floats.count(1.0) == count:
        mini: Any = None
    elif floats.count(floats[0]) == count:
        mini = floats[0]
    else:
        mini = tuple(floats)
    return mini, sum(floats), max(weights)


class TermBlocks:
    """One field's terms, written in term order between the field writer's ``start_field`` and
    ``finish_field``."""

    def __init__(self, fieldwriter: W3FieldWriter, postwriter: W3PostingsWriter) -> None:
        self._prefix = pack_ushort(fieldwriter._fieldid)
        table = fieldwriter._tindex
        self._add_row = (
            _TermsTable(table).add if type(table) is OrderedHashWriter else table.add
        )
        postfile = fieldwriter._postfile
        self._write = postfile.write
        self._offset = postfile.tell()
        self._limit = postwriter._blocklimit
        self._compression = postwriter._compression
        size = fieldwriter._format.fixed_value_size()
        #: how a block stores its values: ``tuple`` (variable size), ``none``, ``join`` (fixed)
        self._value_form = (
            "tuple" if size is None or size < 0 else ("none" if size == 0 else "join")
        )

    @classmethod
    def open(cls, fieldwriter: Any) -> TermBlocks | None:
        """For the field just started on ``fieldwriter``: a :class:`TermBlocks` when its postings
        writer is Whoosh 3's with ids as numbers and no inlined postings, else ``None``."""
        postwriter = getattr(fieldwriter, "_postwriter", None)
        if (
            type(fieldwriter) is not W3FieldWriter
            or type(postwriter) is not W3PostingsWriter
            or postwriter._byteids
            or postwriter._inlinelimit > 1
        ):
            return None
        return cls(fieldwriter, postwriter)

    def add(
        self,
        tbytes: bytes,
        docs: list[int],
        gaps: list[int],
        weights: list[float],
        values: list[bytes],
        lengths: bytes,
        same: float | None = None,
    ) -> None:
        """Write one term: its documents in order, their gaps (the first from 0), weights,
        encoded values and field-length bytes, one of each per posting; ``same`` is the weight
        of every posting when they all have one weight."""
        total = len(docs)
        limit = self._limit
        comp = self._compression
        start_offset = self._offset
        parts = [WHOOSH3_HEADER_MAGIC]
        weight_sum: float = 0
        min_length: int | None = None
        max_length = max_weight = 0
        for start in range(0, total, limit):
            end = min(total, start + limit)
            if end - start == total:
                ids, block_weights, block_values, block_lengths = gaps, weights, values, lengths
            else:
                ids = [docs[start], *gaps[start + 1 : end]]
                block_weights = weights[start:end]
                block_values = values[start:end]
                block_lengths = lengths[start:end]
            count = end - start
            mini_weights, block_sum, heaviest = _weights(block_weights, same)
            weight_sum += block_sum
            block_max = heaviest if heaviest > 0 else 0
            max_weight = max(max_weight, block_max)
            data = self._pickle(tuple(ids), mini_weights, block_values)
            if comp:
                data = zlib.compress(data, comp)
            # length bytes rise with lengths: the smallest non-zero byte is the shortest length's
            low = min(block_lengths.replace(b"\0", b""), default=None)
            min_length = low if min_length is None else min(min_length, low)  # type: ignore[type-var]
            high = max(block_lengths)
            max_length = max(max_length, high)
            info = dumps((count, docs[end - 1], block_max, comp, low or 0, high), 2)
            size = len(info) + len(data)
            parts += (pack_int(-size if end == total else size), info, data)
        chunk = b"".join(parts)
        self._write(chunk)
        self._offset += len(chunk)
        row = _TERM_INFO.pack(
            False, weight_sum, total, min_length or 0, max_length, max_weight, docs[0], docs[-1]
        )
        self._add_row(self._prefix + tbytes, row + ROW_BLOCKS.pack(start_offset, len(chunk)))

    def add_one(self, tbytes: bytes, doc: int, weight: float, value: bytes, length: int) -> None:
        """Write a term of one posting: :meth:`add` for one document, without its lists (half
        the terms of an archive are in one document)."""
        single = array("f", (weight,))[0]
        comp = self._compression
        data = self._pickle((doc,), None if single == 1.0 else single, [value])
        if comp:
            data = zlib.compress(data, comp)
        heaviest = weight if weight > 0 else 0
        # a zero length byte is "no length": 0 in the block's and the term's statistics too
        info = dumps((1, doc, heaviest, comp, length, length), 2)
        size = len(info) + len(data)
        chunk = b"".join((WHOOSH3_HEADER_MAGIC, pack_int(-size), info, data))
        start_offset = self._offset
        self._write(chunk)
        self._offset += len(chunk)
        # the term's total weight: 0 + the block's sum(), which starts from 0 too
        row = _TERM_INFO.pack(False, 0 + (0 + single), 1, length, length, heaviest, doc, doc)
        self._add_row(self._prefix + tbytes, row + ROW_BLOCKS.pack(start_offset, len(chunk)))

    def copy(self, tbytes: bytes, row: bytes, chunk: bytes) -> None:
        """Write a term as an old segment of the same documents holds it: its blocks
        (``chunk``) as they are, and its terms-table ``row`` pointing at them here."""
        start_offset = self._offset
        self._write(chunk)
        self._offset += len(chunk)
        head = row[: -ROW_BLOCKS.size]
        self._add_row(self._prefix + tbytes, head + ROW_BLOCKS.pack(start_offset, len(chunk)))

    def _pickle(self, ids: tuple[int, ...], weights: Any, values: list[bytes]) -> bytes:
        """A block's data as ``W3PostingsWriter`` pickles it (it keeps no empty value)."""
        if values.count(b""):
            values = [v for v in values if v]
        if self._value_form == "tuple":
            return block_pickle(ids, weights, values)
        return dumps((ids, weights, None if self._value_form == "none" else b"".join(values)), 2)
