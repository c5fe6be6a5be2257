"""The work before NER runs in helper processes a block ahead of the run
(:mod:`newsarchive.ingest.parallel`): the run records, converts and reports exactly what one
process does, in the same order."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsarchive.ingest import parallel

from .helpers import FIXTURES, IngestResult, ingest


def _square_where(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_ordered_map_gives_every_result_in_order_across_blocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "BLOCK", 7)
    with parallel.helpers(2) as pool:
        assert pool is not None
        got = list(parallel.ordered_map(pool, _square_where, iter(range(100))))
    assert [item for item, _ in got] == list(range(100))
    assert [result for _, (result, _pid) in got] == [n * n for n in range(100)]
    assert os.getpid() not in {pid for _, (_result, pid) in got}  # the helpers did the work
    with parallel.helpers(1) as none:
        assert none is None
        assert list(parallel.ordered_map(none, abs, [-2, 3])) == [(-2, 2), (3, 3)]


def _story(number: int) -> str:
    towns = ["Port Alden", "Kessin", "Norvik", "Tarrow", "Velmora"]
    town, person = towns[number % 5], ["Ines Varga", "Pavel Strand", "Lena Brandt"][number % 3]
    return (f"{town} Ferry Notice {number}\n\n{town.upper()}, May {number % 28 + 1} - {person} "
            f"of the {town} Harbour Board said on Monday that ferry {number} would call at "
            f"{town} twice a week.\n\nThe board meets again in June, {person.split()[1]} "
            f"added.\n")


def _raw(root: Path) -> Path:
    raw = root / "raw"
    for number in range(14):
        (raw / "plain").mkdir(parents=True, exist_ok=True)
        (raw / "plain" / f"notice-{number:02d}.txt").write_text(_story(number), encoding="utf-8")
    for name in ("bad/empty.txt", "bad/no-title.txt", "menafn/bare-tag.txt",
                 "menafn/cp1252-crlf.txt", "menafn/nested-provider.txt"):
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / name, raw / name)
    # the same story twice: the second is a duplicate of the first
    shutil.copyfile(raw / "plain" / "notice-03.txt", raw / "plain" / "notice-03-again.txt")
    return raw


def _report(result: IngestResult) -> list[tuple[str, str, str | None, str | None]]:
    out = str(result.out)
    return [(r.path, r.status, r.output and r.output.replace(out, "OUT"), r.error)
            for r in result.records]


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.md"))}


def test_helpers_a_block_ahead_record_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks of three inputs, so that unchanged, failed, duplicate and converted files fall
    on both sides of a block's end, on a first run and on a run after some files changed."""
    monkeypatch.setattr(parallel, "BLOCK", 3)
    raw = _raw(tmp_path)
    runs = []
    for round_ in range(2):
        if round_:
            (raw / "plain" / "notice-05.txt").write_text(_story(5) + "\nA late line.\n",
                                                        encoding="utf-8")
            (raw / "plain" / "notice-20.txt").write_text(_story(20), encoding="utf-8")
            (raw / "plain" / "notice-09.txt").unlink()
        one = ingest([raw], tmp_path / "one", jobs=1)
        two = ingest([raw], tmp_path / "two", jobs=2)
        assert _report(one) == _report(two)
        assert one.stderr.replace("one", "OUT") == two.stderr.replace("two", "OUT")
        assert _files(tmp_path / "one") == _files(tmp_path / "two")
        runs.append(_report(two))
    first, second = ({status for _, status, _, _ in run} for run in runs)
    assert first == {"converted", "failed", "duplicate"}
    assert {"unchanged", "converted", "failed"} <= second
