"""A posting block's pickle assembled from pieces is the one ``pickle.dumps`` writes for Whoosh."""

from __future__ import annotations

import pickle
import random

import pytest

from newsarchive.search.blockpickle import block_pickle


def _whoosh(ids: tuple[int, ...], weights: object, values: list[bytes]) -> bytes:
    """What ``W3PostingsWriter`` pickles: each value its own object."""
    return pickle.dumps((ids, weights, tuple(bytes(memoryview(v)) for v in values)), 2)


def _value(rnd: random.Random) -> bytes:
    if rnd.random() < 0.5:  # a Positions value: count, then the pickled position gaps
        gaps = [rnd.choice([0, 1, 7, 200, 300, 70_000]) for _ in range(rnd.randint(1, 4))]
        return len(gaps).to_bytes(4, "big") + pickle.dumps(gaps, 2)
    return bytes(rnd.randint(0, 255) for _ in range(rnd.randint(0, 12)))


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 84, 85, 86, 127, 128, 129, 1500])
def test_block_pickle_equals_dumps(count: int) -> None:
    rnd = random.Random(count)
    for _ in range(20):
        ids = tuple(rnd.choice([0, 1, 255, 256, 65_536, 2**31, 2**40]) for _ in range(count))
        weights = rnd.choice([
            None, 1.5, tuple(float(rnd.randint(1, 4)) for _ in range(count))
        ])
        values = [_value(rnd) for _ in range(count)]
        assert block_pickle(ids, weights, values) == _whoosh(ids, weights, values)


def test_shared_values_are_written_as_distinct_objects() -> None:
    value = (1).to_bytes(4, "big") + pickle.dumps([17], 2)
    values = [value] * 40  # one object standing for forty equal values
    assert block_pickle(tuple(range(40)), None, values) == _whoosh(tuple(range(40)), None, values)
    short = [b"x", b"x", value]  # one-byte values are shared objects in Python too
    assert block_pickle((1, 2, 3), 2.0, short) == _whoosh((1, 2, 3), 2.0, short)
