"""An ingest killed outright (SIGKILL, which no handler sees) leaves none of its NER worker
processes behind: Linux is asked to kill each worker with its parent."""

from __future__ import annotations

import os
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
