"""``newsarchive.digests``: a file is hashed again only when its size or time differ from the
record, and the record survives a run only as the files digested in it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from newsarchive.digests import FileDigests, sha256_hex


def _later(path: Path, seconds: int) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 10**9))


def test_a_file_is_hashed_again_only_when_its_size_or_time_changed(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text("Harbour dues rose in Quellmarch.\n", "utf-8")
    two.write_text("The Tidewater ferry runs again.\n", "utf-8")
    first = FileDigests(record)
    assert first.digest("one", one) == sha256_hex(one.read_bytes())
    first.digest("two", two)
    first.save()

    # same size and time: the record answers, the bytes are not read (here they differ)
    stamp = one.stat()
    one.write_text("Harbour dues fell in Quellmarch.\n", "utf-8")
    os.utime(one, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    second = FileDigests(record)
    assert second.digest("one", one) == first.seen["one"][2]
    # a time that moved: hashed again
    _later(one, 5)
    assert second.digest("one", one) == sha256_hex(one.read_bytes())
    assert FileDigests(record, trusted=False).digest("two", two) == sha256_hex(two.read_bytes())


def test_the_record_holds_the_files_of_the_last_run_and_a_bad_one_is_ignored(
    tmp_path: Path,
) -> None:
    record = tmp_path / "record.json"
    kept, gone = tmp_path / "kept.md", tmp_path / "gone.md"
    kept.write_text("Kept.\n", "utf-8")
    gone.write_text("Gone.\n", "utf-8")
    run = FileDigests(record)
    run.digest("kept", kept)
    run.digest("gone", gone)
    run.save()
    run = FileDigests(record)
    run.digest("kept", kept)
    run.save()
    assert set(json.loads(record.read_text("utf-8"))["files"]) == {"kept"}

    before = record.stat().st_mtime_ns
    unchanged = FileDigests(record)
    unchanged.digest("kept", kept)
    unchanged.save()
    assert record.stat().st_mtime_ns == before  # nothing new: not written again

    record.write_text("{not json", "utf-8")
    assert FileDigests(record).digest("kept", kept) == sha256_hex(kept.read_bytes())
    elsewhere = FileDigests(tmp_path / "missing" / "record.json")
    elsewhere.digest("kept", kept)
    elsewhere.save()  # no folder: no record (the index or cache it describes is not there)
    assert not (tmp_path / "missing").exists()
