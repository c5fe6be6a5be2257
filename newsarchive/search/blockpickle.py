"""A Whoosh 3 posting block's pickle, assembled from cached pieces instead of by ``pickle``.

Whoosh stores each block of a positions field as ``pickle.dumps((ids, weights, values), 2)``.
Protocol 2 has no opcode for bytes: every value is written as the call
``_codecs.encode(<the value as Latin-1 text>, "latin1")``, with memo entries around it, which
costs ``pickle`` about a microsecond per posting, and an archive has millions. The opcodes
around a value depend only on its place in the block (memo numbers), the text only on the value
(and most values repeat: a word once at position ``p``), so both are cached and a block's pickle
is one join of them: the very bytes ``dumps`` gives (``tests/search/test_blockpickle.py``).
"""

from __future__ import annotations

from pickle import dumps
from struct import Struct
from typing import Any

_UINT32 = Struct("<I")
#: Opcodes of protocol 2 used around the values.
_GLOBAL_ENCODE = b"c_codecs\nencode\n"
_LATIN1 = b"X\x06\x00\x00\x00latin1"
_TUPLE2, _TUPLE3, _REDUCE, _MARK, _TUPLE, _STOP = b"\x86", b"\x87", b"R", b"(", b"t", b"."
_SMALL_TUPLES = {1: b"\x85", 2: _TUPLE2, 3: _TUPLE3}


def _put(index: int) -> bytes:
    """BINPUT, or LONG_BINPUT past 255: remember the object just written as ``index``."""
    return b"q" + bytes([index]) if index < 256 else b"r" + _UINT32.pack(index)


def _get(index: int) -> bytes:
    """BINGET, or LONG_BINGET past 255: the object remembered as ``index``."""
    return b"h" + bytes([index]) if index < 256 else b"j" + _UINT32.pack(index)


class _Texts(dict):
    """Value -> its BINUNICODE opcode (the Latin-1 text of the bytes, written as UTF-8), or
    ``None`` for a value shorter than two bytes (see :func:`block_pickle`).

    Only short values are kept: a word at one position (4 + 10 or 11 bytes) recurs in term
    after term, a longer value seldom does."""

    LIMIT = 1 << 16
    KEPT_BYTES = 16

    def __missing__(self, value: bytes) -> bytes | None:
        if len(value) < 2:
            return None
        text = value.decode("latin-1").encode("utf-8")
        found = b"X" + _UINT32.pack(len(text)) + text
        if len(value) <= self.KEPT_BYTES:
            if len(self) >= self.LIMIT:
                self.clear()
            self[value] = found
        return found


class _Layout:
    """The opcodes around the values when the first value's call is memo number ``first``: what
    comes before the first text, and what comes after each text (memo numbers rise by three a
    value), the last one closing the tuples and the pickle."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.head = _GLOBAL_ENCODE + _put(first)
        get_encode = _get(first)
        latin1 = _get(first + 2)
        after = [_put(first + 1) + _LATIN1 + _put(first + 2) + _TUPLE2 + _put(first + 3)
                 + _REDUCE + _put(first + 4)]
        for k in range(1, _MAX_CACHED):
            memo = first + 5 + 3 * (k - 1)
            after.append(
                _put(memo) + latin1 + _TUPLE2 + _put(memo + 1) + _REDUCE + _put(memo + 2)
            )
        self._after = after
        self._between = [item + get_encode for item in after]
        self._endings: dict[int, bytes] = {}

    def glue(self, count: int) -> list[bytes]:
        """What follows each of ``count`` texts."""
        ending = self._endings.get(count)
        if ending is None:
            last = self.first + 5 + 3 * (count - 1)
            close = _SMALL_TUPLES[count] if count <= 3 else _TUPLE
            ending = self._endings[count] = (
                self._after[count - 1] + close + _put(last) + _TUPLE3 + _put(last + 1) + _STOP
            )
        return [*self._between[: count - 1], ending]


#: Blocks hold at most Whoosh's block limit (128) postings; longer ones go to ``dumps``.
_MAX_CACHED = 1024
_TEXTS = _Texts()
_LAYOUTS = {first: _Layout(first) for first in (1, 2)}


def _dumps(ids: tuple[int, ...], weights: Any, values: list[bytes]) -> bytes:
    """``dumps`` itself, each value copied: Whoosh's values are each their own object, and
    ``pickle`` writes an object met twice as a reference to the first."""
    return dumps((ids, weights, tuple([bytes(memoryview(v)) for v in values])), 2)


def block_pickle(ids: tuple[int, ...], weights: Any, values: list[bytes]) -> bytes:
    """``pickle.dumps((ids, weights, tuple(values)), 2)`` with each value its own object, for
    ``ids`` a tuple of numbers, ``weights`` ``None``, a float or a tuple of floats, and
    ``values`` bytes (the same object may stand for several equal values).

    A value of one byte (or none) is a shared object in Python, and so is its one-character
    text: ``pickle`` writes it once and refers back to it, so such blocks go to ``dumps``."""
    count = len(values)
    if not ids or not 0 < count <= _MAX_CACHED or (type(weights) is tuple and not weights):
        return _dumps(ids, weights, values)
    head = dumps(ids, 2)[:-1]  # PROTO, the ids, BINPUT 0
    if weights is None:
        middle, first = b"N", 1
    elif type(weights) is tuple:
        middle, first = dumps(weights, 2)[2:-3] + _put(1), 2  # its BINPUT is 1, not 0
    else:
        middle, first = dumps(weights, 2)[2:-1], 1  # BINFLOAT: floats are not memoised
    layout = _LAYOUTS[first]
    pieces: list[Any] = [None] * (2 * count + 1)
    pieces[0] = head + middle + (_MARK if count > 3 else b"") + layout.head
    pieces[1::2] = map(_TEXTS.__getitem__, values)
    pieces[2::2] = layout.glue(count)
    try:
        return b"".join(pieces)
    except TypeError:  # a value shorter than two bytes
        return _dumps(ids, weights, values)
