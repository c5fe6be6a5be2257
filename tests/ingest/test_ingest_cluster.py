"""``newsarchive ingest --scheduler``: NER on a real Dask cluster on loopback gives the very
Markdown and report of a local run; a worker killed mid-run loses nothing; an unreachable
scheduler is one line and exit 2 with nothing written; a killed run is finished by the next."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the [cluster] extra is not installed")

from newsarchive.entities import EntityConfig, EntityExtractor  # noqa: E402
from newsarchive.ingest import cluster  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "raw"
ENTITIES = REPO / "samples" / "entities.yml"


@pytest.fixture(scope="module")
def dask_cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


def ingest(out: Path, *extra: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", "ingest", str(SAMPLES), "--out", str(out),
         "--entities", str(ENTITIES), "--quiet", "--report", str(out) + ".json", *extra],
        capture_output=True, text=True, timeout=900, cwd=cwd,
    )


def stories(root: Path, count: int) -> Path:
    """``count`` short fictional articles in ``root/raw``."""
    raw = root / "raw"
    raw.mkdir()
    for i in range(count):
        (raw / f"story-{i:03d}.txt").write_text(
            f"Ferry Line {i} Resumes\n\nThe Esterlund ferry line number {i} resumed on "
            f"Monday, said Talia Brenmoor of the Quarry Council.\n", encoding="utf-8")
    return raw


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def report(path: Path, out: Path) -> list[dict]:
    rows = json.loads(Path(str(out) + ".json").read_text(encoding="utf-8"))
    for row in rows:
        row["output"] = (row["output"] or "").replace(str(out), "OUT").replace(out.name, "OUT")
    return rows


def test_cluster_run_equals_local_run(tmp_path: Path, dask_cluster) -> None:
    local = ingest(tmp_path / "local", cwd=tmp_path)
    on_cluster = ingest(tmp_path / "cluster", "--scheduler", dask_cluster.scheduler_address,
                        cwd=tmp_path)
    assert local.returncode == on_cluster.returncode == 0, on_cluster.stderr
    assert tree(tmp_path / "cluster") == tree(tmp_path / "local")
    assert report(tmp_path, tmp_path / "cluster") == report(tmp_path, tmp_path / "local")
    assert on_cluster.stderr == ""  # --quiet


def test_a_worker_killed_mid_run_loses_nothing(monkeypatch, dask_cluster) -> None:
    texts = [f"Talia Brenmoor met the Quarry Council in Esterlund on day {i}.\n\n"
             f"The council of Esterlund agreed with Brenmoor." for i in range(40)]
    config = EntityConfig.empty()
    expected = list(EntityExtractor(config=config).extract(texts))
    monkeypatch.setattr(cluster, "BATCH_TEXTS", 2)  # many small tasks, so some are in flight
    client = distributed.Client(dask_cluster)
    try:
        running = cluster.Cluster(client, dask_cluster.scheduler_address)
        results = running.extract(EntityExtractor(config=config).model, config, texts)
        first = next(results)
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        got = [first, *results]
    finally:
        client.close()
    assert [r.as_front_matter() for r in got] == [r.as_front_matter() for r in expected]


def test_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "never"
    result = ingest(out, "--scheduler", "tcp://127.0.0.1:9", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "cannot reach the scheduler at tcp://127.0.0.1:9" in result.stderr
    assert not out.exists() and not Path(str(out) + ".json").exists()


def test_an_interrupted_run_is_finished_by_the_next(tmp_path: Path) -> None:
    raw = stories(tmp_path, 250)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "newsarchive", "ingest", str(raw), "--out", str(out),
               "--quiet", "--jobs", "1"]
    process = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(out.rglob("*.md"))) < 40:
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=120)
    assert process.returncode == 130, process.stderr.read() if process.stderr else ""
    written = len(list(out.rglob("*.md")))
    assert 0 < written < 250
    again = subprocess.run([*command, "--report", str(tmp_path / "again.json")], cwd=tmp_path,
                           capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    rows = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    statuses = [row["status"] for row in rows]
    assert statuses.count("unchanged") == written
    assert statuses.count("converted") == 250 - written


def test_ingest_survives_a_worker_killed_while_it_works(tmp_path: Path, dask_cluster) -> None:
    raw = stories(tmp_path, 120)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "newsarchive", "ingest", str(raw), "--out", str(out),
               "--quiet", "--scheduler", dask_cluster.scheduler_address]
    process = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    client = distributed.Client(dask_cluster)
    try:
        deadline, killed = time.monotonic() + 300, None
        while killed is None and time.monotonic() < deadline and process.poll() is None:
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                killed = client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.05)
        assert killed is not None, "no task was seen running"
        _, err = process.communicate(timeout=600)
    finally:
        client.close()
    assert process.returncode == 0, err
    assert len(list(out.rglob("*.md"))) == 120
    again = subprocess.run([*command[:-2], "--report", str(tmp_path / "again.json")],
                           cwd=tmp_path, capture_output=True, text=True, timeout=600)
    rows = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again.returncode == 0 and {row["status"] for row in rows} == {"unchanged"}


def test_the_texts_are_cut_into_enough_tasks_for_every_worker_to_finish_together() -> None:
    """A few large tasks leave one worker running the last alone: an archive is cut into about
    TASKS_PER_WORKER tasks a worker, in order, none above the size cap nor (but the last) below
    the floor."""
    texts = [f"Story {i} of the Harwell Gazette. " * 40 for i in range(2000)]  # about 2.6 MB
    for workers in (1, 2, 4):
        plan = cluster.batches(texts, workers)
        assert plan[0][0] == 0 and plan[-1][1] == len(texts)
        assert all(a[1] == b[0] for a, b in zip(plan, plan[1:], strict=False))
        assert len(plan) >= workers * cluster.TASKS_PER_WORKER
        sizes = [sum(len(t) for t in texts[start:end]) for start, end in plan]
        assert max(sizes) <= cluster.BATCH_BYTES + len(texts[0])
        assert min(sizes[:-1]) >= cluster.MIN_BATCH_BYTES
    # a small archive is not cut below the floor: one task
    small = texts[:20]
    assert cluster.batches(small, 2) == [(0, 20)]


def test_every_worker_loads_the_model_while_the_client_reads(dask_cluster) -> None:
    """``warm`` pins one task to each worker that makes and warms its extractor, so that the
    model is loaded while the client is still parsing the inputs."""
    config = EntityConfig.empty()
    model = EntityExtractor(config=config).model
    client = distributed.Client(dask_cluster)
    try:
        running = cluster.Cluster(client, dask_cluster.scheduler_address)
        running.warm(model, config)
        distributed.wait(running.warming, timeout=300)
        warmed = [future.result() for future in running.warming]
        assert sorted(warmed) == sorted(client.run(os.getpid).values())
        got = list(running.extract(model, config, ["Talia Brenmoor visited Esterlund."]))
        assert [r.as_front_matter() for r in got] == [
            r.as_front_matter()
            for r in EntityExtractor(config=config).extract(["Talia Brenmoor visited Esterlund."])
        ]
    finally:
        client.close()
