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
from collections.abc import Iterator
from functools import partial
from io import BytesIO
from itertools import accumulate, starmap
from pickle import load as pickle_load
from pickle import loads
from struct import Struct
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3PostingsWriter, W3TermInfo
from whoosh.compat import dumps
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_int, pack_ushort

from newsarchive.search.blockpickle import block_pickle
from newsarchive.search.postings import deltas

_TERM_INFO = W3TermInfo._struct
#: The lengths of key and value before each row of Whoosh's hash files.
ROW_LENGTHS = Struct("!ii")
#: A slot of a hash table: the key's hash and its row's offset.
_POINTER = Struct("!Iq")
#: The compression of posting blocks (zlib's level; 0: none). Whoosh's default is 3; here blocks
#: are stored as their pickles, so that a term whose documents only moved to other numbers is
#: written again by changing its ids (:meth:`TermBlocks.move`), not by encoding and compressing
#: it again, and a fresh segment skips the compression, about a fifth of its writing time. The
#: price is the postings file's size; Whoosh reads either, block by block.
COMPRESSION = 0
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

    def move(self, tbytes: bytes, row: bytes, chunk: bytes,
             new_number: list[int]) -> tuple[list[int], list[int]] | None:
        """Write a term as an old segment holds it (``row``, ``chunk``) but for its documents,
        now numbered ``new_number[old number]``; its old and new document numbers. Nothing is
        written, and ``None`` returned, when one of its documents is not kept (numbered -1) or
        they are no longer in the same order.

        Only each block's ids (the head of its pickle), its info's last id and the row's first
        and last id change: the weights and values, most of the bytes, are kept as they are,
        so a block is not encoded again (nor compressed, with :data:`COMPRESSION` 0)."""
        parts = [WHOOSH3_HEADER_MAGIC]
        old: list[int] = []
        new: list[int] = []
        blocks = list(_blocks(chunk))
        comp = self._compression
        for number, (info, data) in enumerate(blocks):
            ids, tail = _block_ids(data)
            docs = list(accumulate(ids))  # each block's first id is absolute
            moved = [new_number[doc] for doc in docs]
            gaps = deltas(moved)
            if min(moved) < 0 or min(gaps) < 0 or (new and moved[0] <= new[-1]):
                return None  # a document gone, or the order changed
            old += docs
            new += moved
            # PROTO, the ids and BINPUT 0, then the weights and values as they were
            body = dumps(tuple(gaps), 2)[:-1] + data[tail:]
            if comp:
                body = zlib.compress(body, comp)
            count, _, heaviest, _, low, high = info
            head = dumps((count, moved[-1], heaviest, comp, low, high), 2)
            size = len(head) + len(body)
            parts += (pack_int(-size if number == len(blocks) - 1 else size), head, body)
        fields = list(_TERM_INFO.unpack_from(row))
        fields[-2:] = new[0], new[-1]
        self.copy(tbytes, _TERM_INFO.pack(*fields) + row[_TERM_INFO.size :], b"".join(parts))
        return old, new

    def shift(self, tbytes: bytes, row: bytes, chunk: bytes, step: int) -> None:
        """Write a term as an old segment holds it (``row``, ``chunk``) but for its documents,
        each now numbered ``step`` more: what :meth:`move` writes for them. Ids are stored as
        a block's first id and then gaps, so only each block's first id and last id, and the
        row's first and last id, change; the gaps are neither decoded nor pickled again."""
        parts = [WHOOSH3_HEADER_MAGIC]
        blocks = list(_blocks(chunk))
        comp = self._compression
        for number, (info, data) in enumerate(blocks):
            at = 3 if data[2] == _MARK_BYTE else 2
            width = _INT_ARGS[data[at]]
            first = int.from_bytes(data[at + 1 : at + 1 + width], "little", signed=width == 4)
            body = data[:at] + _pickled_int(first + step) + data[at + 1 + width :]
            if comp:
                body = zlib.compress(body, comp)
            count, last, heaviest, _, low, high = info
            head = dumps((count, last + step, heaviest, comp, low, high), 2)
            size = len(head) + len(body)
            parts += (pack_int(-size if number == len(blocks) - 1 else size), head, body)
        fields = list(_TERM_INFO.unpack_from(row))
        fields[-2] += step
        fields[-1] += step
        self.copy(tbytes, _TERM_INFO.pack(*fields) + row[_TERM_INFO.size :], b"".join(parts))

    def _pickle(self, ids: tuple[int, ...], weights: Any, values: list[bytes]) -> bytes:
        """A block's data as ``W3PostingsWriter`` pickles it (it keeps no empty value)."""
        if values.count(b""):
            values = [v for v in values if v]
        if self._value_form == "tuple":
            return block_pickle(ids, weights, values)
        return dumps((ids, weights, None if self._value_form == "none" else b"".join(values)), 2)


#: Pickle opcodes of a block's ids tuple: the three integer forms with their argument sizes,
#: and what closes the tuple (``TUPLE`` after a ``MARK``, else ``TUPLE1``..``TUPLE3``).
_INT_ARGS = {ord("K"): 1, ord("M"): 2, ord("J"): 4}
_MARK_BYTE = ord("(")
_CLOSES = frozenset(b"t\x85\x86\x87")
#: ``BINPUT 0``: the ids tuple is the first object a block's pickle remembers.
_IDS_MEMO = b"q\x00"
_BLOCK_SIZE = Struct("!i")


def _pickled_int(number: int) -> bytes:
    """``number`` as protocol 2 pickles it inside a tuple (the opcodes of :data:`_INT_ARGS`)."""
    if 0 <= number < 1 << 8:
        return b"K" + number.to_bytes(1, "little")
    if 0 <= number < 1 << 16:
        return b"M" + number.to_bytes(2, "little")
    return b"J" + number.to_bytes(4, "little", signed=True)


def _block_ids(data: bytes) -> tuple[list[int], int]:
    """The ids a block's pickle opens with (the first document, then gaps) and where the bytes
    after the tuple's ``BINPUT 0`` begin: the weights and values, which a block moved to other
    document numbers keeps as they are."""
    at = 3 if data[2] == _MARK_BYTE else 2
    ids: list[int] = []
    while data[at] not in _CLOSES:
        width = _INT_ARGS[data[at]]
        ids.append(int.from_bytes(data[at + 1 : at + 1 + width], "little", signed=width == 4))
        at += 1 + width
    if data[at + 1 : at + 3] != _IDS_MEMO:
        raise ValueError("a posting block's ids are not its pickle's first object")
    return ids, at + 3


def _blocks(chunk: bytes) -> Iterator[tuple[tuple[Any, ...], bytes]]:
    """Each block of a term's chunk (as :meth:`TermBlocks.add` writes it): its info tuple and its
    data, uncompressed."""
    at = len(WHOOSH3_HEADER_MAGIC)
    end = len(chunk)
    while at < end:
        (size,) = _BLOCK_SIZE.unpack_from(chunk, at)
        at += _BLOCK_SIZE.size
        size = abs(size)
        stream = BytesIO(chunk[at : at + size])
        info = pickle_load(stream)
        data = chunk[at + stream.tell() : at + size]
        at += size
        yield info, zlib.decompress(data) if info[3] else data


def row_ids(row: bytes) -> tuple[int, int]:
    """The first and last document of a term, from its terms-table row."""
    *_, first, last = _TERM_INFO.unpack_from(row)
    return first, last


def read_postings(
    chunk: bytes, fixed_size: int | None
) -> tuple[list[int], list[float], list[bytes]]:
    """A term's documents, weights and encoded values from its chunk; ``fixed_size`` is the
    field format's ``fixed_value_size()``."""
    docs: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    for _, data in _blocks(chunk):
        ids, block_weights, block_values = loads(data)
        count = len(ids)
        docs += accumulate(ids)
        if block_weights is None:
            weights += [1.0] * count
        elif type(block_weights) is tuple:
            weights += block_weights
        else:
            weights += [block_weights] * count
        if fixed_size is None or fixed_size < 0:
            values += block_values
        elif fixed_size == 0:
            values += [b""] * count
        else:
            values += [block_values[i : i + fixed_size]
                       for i in range(0, count * fixed_size, fixed_size)]
    return docs, weights, values
