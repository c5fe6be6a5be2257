"""A hostile archive: odd file names, links, unreadable and vanishing files, two runs at once,
and titles that collide or never end. Each bad input gets one line and the others convert."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive import frontmatter, lock
from newsarchive.ingest import inputs, pipeline
from newsarchive.ingest.inputs import escape

from .helpers import ingest

REPO = Path(__file__).resolve().parents[2]


def story(title: str, body: str = "The council met on Tuesday and agreed the plan.") -> bytes:
    return f"{title}\n\n{body}\n".encode()


def cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "newsarchive", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def messages(stderr: str) -> list[str]:
    """stderr without the summary line; every line must be a one-line ``newsarchive:`` message."""
    lines = [line for line in stderr.splitlines() if " files: " not in line]
    assert all(line.startswith("newsarchive: ") for line in lines), stderr
    return lines


def test_escape_is_lossless_and_leaves_ordinary_paths_alone() -> None:
    assert escape("raw/menafn/2024-03-12 story.txt") == "raw/menafn/2024-03-12 story.txt"
    assert escape(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert escape("new\nline\t.txt") == "new\\nline\\t.txt"
    assert escape("back\\slash\x7f") == "back\\\\slash\\x7f"
    assert escape("Ardanà.txt") == "Ardanà.txt"


def test_names_not_utf8_with_newlines_or_at_the_length_limit(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    long_name = "k" * 251 + ".txt"  # 255 bytes, the limit of most file systems
    files = {
        b"caf\xe9.txt": story("Kessin Ferry Adds Evening Crossing", "It sails at nine."),
        b"dir\xff/inner.txt": story("Ostmark Bridge Closes", "Repairs start in June."),
        b"new\nline.txt": story("Ardan Library Opens Late", "It stays open until ten."),
        long_name.encode(): story("Greyhaven Dock Repaired", "The work took two weeks."),
    }
    for name, data in files.items():
        path = os.path.join(os.fsencode(raw), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)

    result = cli(["ingest", "raw", "--out", "articles", "--report", "report.json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and messages(result.stderr) == []
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    expected = ["caf\\xe9.txt", "dir\\xff/inner.txt", long_name, "new\\nline.txt"]
    assert sorted(r["path"] for r in report) == ["raw/" + name for name in expected]
    assert {r["status"] for r in report} == {"converted"}

    out = tmp_path / "articles"
    manifest = json.loads((out / ".newsarchive.json").read_text(encoding="utf-8"))
    assert sorted(e["raw_path"] for e in manifest["articles"].values()) == expected
    raw_paths = sorted(frontmatter.load(p)[0]["raw"]["path"] for p in out.rglob("*.md"))
    assert raw_paths == expected

    again = cli(["ingest", "raw", "--out", "articles", "--report", "report.json"], tmp_path)
    assert again.returncode == 0, again.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in report} == {"unchanged"}


def test_a_name_over_the_limit_is_one_line(tmp_path: Path) -> None:
    too_long = tmp_path / ("n" * 300 + ".txt")
    result = ingest([too_long], tmp_path / "articles")
    assert result.status == 1
    assert messages(result.stderr) == [
        f"newsarchive: {too_long}: name too long for the file system"
    ]


def test_links_out_of_the_folder_loops_and_dangling_links(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_bytes(story("Private Ledger Of Halvard Brisk", "Nobody may publish this text."))
    (raw / "good.txt").write_bytes(story("Norvik Council Backs Tram Extension"))
    (raw / "out.txt").symlink_to(secret)
    (raw / "loop-a.txt").symlink_to("loop-b.txt")
    (raw / "loop-b.txt").symlink_to("loop-a.txt")
    (raw / "gone.txt").symlink_to("nowhere.txt")
    (raw / "same.txt").symlink_to("good.txt")  # inside the folder: read once, as good.txt
    (raw / "elsewhere").symlink_to(tmp_path, target_is_directory=True)  # never followed

    result = cli(["ingest", "raw", "--out", "articles", "--report", "report.json"], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert sorted(messages(result.stderr)) == [
        "newsarchive: raw/gone.txt: broken symbolic link (its target does not exist)",
        "newsarchive: raw/loop-a.txt: symbolic link loop",
        "newsarchive: raw/loop-b.txt: symbolic link loop",
        "newsarchive: raw/out.txt: symbolic link to a file outside the input folder; not read",
    ]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in report].count("converted") == 1
    written = [p.read_text(encoding="utf-8") for p in (tmp_path / "articles").rglob("*.md")]
    assert len(written) == 1 and "Halvard" not in written[0]


def test_an_unreadable_file_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes(story("Norvik Council Backs Tram Extension"))
    locked = raw / "locked.txt"
    locked.write_bytes(story("Kessin Ferry Adds Evening Crossing"))
    locked.chmod(0)
    if os.geteuid() != 0:  # root reads a file whatever its mode: there chmod 000 proves nothing
        result = ingest([raw], tmp_path / "chmod")
        assert messages(result.stderr) == [
            f"newsarchive: {locked}: cannot read (Permission denied)"
        ]
    # The same refusal as the kernel gives a normal user, for every user (root included).
    real_open = os.open

    def deny(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(locked))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(inputs.os, "open", deny)
    result = ingest([raw], tmp_path / "articles")
    monkeypatch.undo()
    locked.chmod(0o644)
    assert result.status == 1
    assert messages(result.stderr) == [f"newsarchive: {locked}: cannot read (Permission denied)"]
    assert [r.status for r in result.records] == ["converted", "failed"]


def test_a_file_that_vanishes_after_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes(story("Norvik Council Backs Tram Extension"))
    doomed = raw / "doomed.txt"
    doomed.write_bytes(story("Kessin Ferry Adds Evening Crossing"))
    listing = pipeline.collect_inputs

    def list_then_delete(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = listing(*args, **kwargs)
        doomed.unlink()
        return found

    monkeypatch.setattr(pipeline, "collect_inputs", list_then_delete)
    result = ingest([raw], tmp_path / "articles")
    assert result.status == 1
    assert messages(result.stderr) == [f"newsarchive: {doomed}: vanished before it could be read"]
    assert [r.status for r in result.records] == ["failed", "converted"]
    assert len(list((tmp_path / "articles").rglob("*.md"))) == 1


def test_a_second_ingest_into_the_same_folder_refuses(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes(story("Norvik Council Backs Tram Extension"))
    out = tmp_path / "articles"
    out.mkdir()
    with lock.hold(out) as held:
        busy = cli(["ingest", "raw", "--out", "articles", "--report", "report.json"], tmp_path)
        assert held.read_text().strip() == str(os.getpid())
    assert busy.returncode == 1
    assert busy.stderr.splitlines() == [
        f"newsarchive: articles/{lock.FILENAME}: another ingest (pid {os.getpid()}) is "
        "writing to this folder; try again when it has finished"
    ]
    assert not (tmp_path / "report.json").exists()
    assert sorted(p.name for p in out.iterdir()) == []  # released: the lock file is gone too


def test_a_stale_lock_of_a_dead_pid_is_taken_over(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes(story("Norvik Council Backs Tram Extension"))
    out = tmp_path / "articles"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (out / lock.FILENAME).write_text(dead.stdout)
    result = ingest([raw], out)
    assert result.status == 0, result.stderr
    assert [r.status for r in result.records] == ["converted"]
    assert not (out / lock.FILENAME).exists()


def test_equal_and_endless_titles_get_unique_short_file_names(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    endless = " ".join(["Harbour Authority Extends The Consultation Again"] * 6)  # 293 chars
    one_word = "Tidewater" * 33  # a title may have up to 300 characters
    for number in range(25):
        body = f"The Norvik council met for session {number} and agreed item {number * 7}."
        (raw / f"same-{number:02d}.txt").write_bytes(story("Council Meets Again", body))
        (raw / f"long-{number:02d}.txt").write_bytes(story(endless, body + " Long."))
    (raw / "word.txt").write_bytes(story(one_word))
    result = ingest([raw], tmp_path / "articles")
    assert result.status == 0, result.stderr
    names = [p.name for p in (tmp_path / "articles").rglob("*.md")]
    assert len(names) == len(set(names)) == 51
    assert max(len(name.encode()) for name in names) <= 90  # far under the 255-byte limit
    assert "council-meets-again-25.md" in names
    assert len([n for n in names if n.startswith("harbour-authority")]) == 25
