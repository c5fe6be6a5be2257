"""An ingest killed outright (SIGKILL, which no handler sees) leaves none of its NER worker
processes behind: Linux is asked to kill each worker with its parent."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the guarantee is Linux's")
def test_killed_ingest_leaves_no_worker(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    sentence = "The Esterlund ferry resumed on Monday, said Talia Brenmoor of the Quarry Council. "
    for i in range(3000):
        (raw / f"s{i:04d}.txt").write_text(f"Ferry Line {i} Resumes\n\n{sentence * 8}\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "ingest", str(raw), "--out", str(tmp_path / "out"),
         "--jobs", "2", "--quiet"], stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        workers = children(process.pid)
    assert workers, "the ingest started no worker process"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.2)
    left = [w for w in workers if Path(f"/proc/{w}").exists()]
    for w in left:  # never leave them running, even when the test fails
        os.kill(w, signal.SIGKILL)
    assert left == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_stopped_parallel_ingest_says_one_line_and_its_workers_end(tmp_path: Path) -> None:
    """SIGTERM (or Ctrl-C) stops the parent, which stops its NER workers: exit 130, one line and
    no traceback from any process; what was written is kept, and the next run finishes it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    vocabulary = ["berth", "crane", "dock", "hull", "keel", "mast", "pier", "quay", "rope", "sail",
                  "slip", "tide", "tug", "wharf", "yard", "anchor", "barge", "cargo", "ferry"]
    for i in range(400):  # no two alike, or they would be folded as copies of one story
        pick = random.Random(i).choice
        words = " ".join(f"the {pick(vocabulary)} {pick(vocabulary)}" for _ in range(40))
        (raw / f"s{i:04d}.txt").write_text(
            f"Yard Report {i}\n\nTalia Brenmoor of the Quarry Council saw {words}.\n")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "newsarchive", "ingest", str(raw), "--out", str(out),
               "--jobs", "2", "--quiet"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    workers: set[int] = set()
    while time.monotonic() < deadline and len(list(out.rglob("*.md"))) < 40:
        workers |= set(children(process.pid))
        time.sleep(0.2)
    running = set(children(process.pid))  # the two NER workers (the parse helpers have ended)
    workers |= running
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (130, "newsarchive: interrupted\n")
    assert len(running) == 2
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.2)
    assert [w for w in workers if Path(f"/proc/{w}").exists()] == []
    written = len(list(out.rglob("*.md")))
    assert 0 < written < 400
    again = subprocess.run([*command, "--report", str(tmp_path / "again.json")],
                           capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    assert len(list(out.rglob("*.md"))) == 400
