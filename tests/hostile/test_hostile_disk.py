"""A full disk during a build or a bundle: exit 1 with one line, no truncated page, shard or zip
left, the previous good output still there; the next build on a freed disk is a clean one.

The disk is a small tmpfs mounted by the test, which needs root (CI runs as root); elsewhere the
tests skip and say why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SITE_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "content"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this machine cannot mount a tmpfs: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave_kb: int) -> Path:
    """Fill ``disk`` until about ``leave_kb`` kB are free; returns the filler file."""
    filler = disk / f"filler-{uuid.uuid4().hex}"
    free = shutil.disk_usage(disk).free // 1024
    with open(filler, "wb") as handle:
        handle.truncate(0)
        chunk = b"\0" * 1024
        for _ in range(max(0, free - leave_kb)):
            handle.write(chunk)
    return filler


def newsarchive(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsarchive", *args], capture_output=True,
                          text=True, timeout=600, cwd=cwd)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def complete(name: str, data: bytes) -> bool:
    if name.endswith(".html"):
        return data.rstrip().endswith(b"</html>")
    if name.endswith(".js") and name.startswith("search/"):
        head, _, size = data.rstrip(b");\n").rpartition(b",")
        return size.isdigit() and int(size) == len(data)
    return True


def test_build_on_a_full_disk(small_disk: Path, settings_writer) -> None:
    content = small_disk / "content"
    shutil.copytree(SITE_CONTENT, content)
    settings = settings_writer(small_disk, content)
    build = ("build", "--settings", str(settings), "--output", str(small_disk / "output"))
    assert newsarchive(*build, cwd=small_disk).returncode == 0
    before = snapshot(small_disk / "output")

    story = content / "articles/2024/03/delmar-wins-dredging-contract.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nThe board met again.\n" * 50,
                     encoding="utf-8")
    (content / "articles/2024/03/new-quay.md").write_text(
        "---\ntitle: New Quay Opens\ndate: 2024-03-20\n---\nA quay opened at Port Alden.\n",
        encoding="utf-8")
    filler = fill(small_disk, leave_kb=24)
    failed = newsarchive(*build, cwd=small_disk)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    problems = [line for line in failed.stderr.splitlines() if "No space left" in line]
    assert len(problems) == 1, failed.stderr

    after = snapshot(small_disk / "output")
    assert not [name for name in after if name.endswith(".tmp")]
    assert set(before) <= set(after)  # nothing that was there is lost
    for name, data in after.items():
        assert data == before.get(name) or complete(name, data), name

    filler.unlink()
    assert newsarchive(*build, cwd=small_disk).returncode == 0
    clean = small_disk / "clean"
    clean.mkdir()
    clean_settings = settings_writer(clean, content)
    assert newsarchive("build", "--settings", str(clean_settings), "--output",
                       str(clean / "output"), cwd=small_disk).returncode == 0
    repaired = {k: v for k, v in snapshot(small_disk / "output").items()
                if not k.startswith(".")}
    assert repaired == {k: v for k, v in snapshot(clean / "output").items()
                        if not k.startswith(".")}


def test_bundle_on_a_full_disk_keeps_the_old_zip(small_disk: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "people").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>x</title></html>\n")
    (site / "people" / "big.html").write_bytes(os.urandom(3 * 2**20))
    target = small_disk / "dist" / "archive.zip"
    assert newsarchive("bundle", "--output", str(site), "--zip", str(target),
                       cwd=tmp_path).returncode == 0
    old = target.read_bytes()
    (site / "people" / "more.html").write_bytes(os.urandom(3 * 2**20))
    filler = fill(small_disk, leave_kb=512)
    result = newsarchive("bundle", "--output", str(site), "--zip", str(target), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "No space left" in result.stderr
    assert target.read_bytes() == old
    assert sorted(p.name for p in target.parent.iterdir()) == ["archive.zip"]
    filler.unlink()


def test_ingest_on_a_full_disk(small_disk: Path, tmp_path: Path) -> None:
    """A full disk mid-ingest: one line, exit 1, no half-written file; once space is freed the
    next ingest ends exactly as a clean one (what the failed run wrote is recognised as its
    own, not taken for a hand edit)."""
    samples = Path(__file__).resolve().parents[2] / "samples"
    raw = tmp_path / "raw"
    shutil.copytree(samples / "raw", raw)
    out = small_disk / "articles"

    def ingest(target: Path) -> subprocess.CompletedProcess[str]:
        return newsarchive("ingest", str(raw), "--out", str(target), "--entities",
                           str(samples / "entities.yml"), "--quiet", cwd=tmp_path)

    assert ingest(out).returncode == 0
    for path in raw.rglob("*.txt"):  # the articles in UTF-8 (most) change
        data = path.read_bytes()
        if data.isascii():
            path.write_bytes(data + b"\nThe harbour board met again on a windy Tuesday evening "
                             b"and agreed to meet once more in May.\n")
    filler = fill(small_disk, leave_kb=30)
    failed = ingest(out)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr and all(line.startswith("newsarchive: ")
                                 for line in failed.stderr.splitlines())
    assert not list(out.rglob("*.tmp"))
    assert all(path.stat().st_size > 0 for path in out.rglob("*.md"))
    json.loads((out / ".newsarchive.json").read_text(encoding="utf-8"))
    filler.unlink()
    assert ingest(out).returncode == 0
    clean = tmp_path / "clean"
    assert ingest(clean).returncode == 0
    assert snapshot(out) == snapshot(clean)
