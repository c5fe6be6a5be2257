"""Atomic writes: whole files or nothing, with the permissions of a normally created file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newsarchive import atomic


def test_write_replaces_whole_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    atomic.write_text(target, "first")
    atomic.write_text(target, "second")
    assert target.read_text() == "second"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "b.txt"
    atomic.write_text(target, "kept")
    with pytest.raises(TypeError):  # fails mid-write, after the temporary file exists
        atomic.write_bytes(target, 12345)  # type: ignore[arg-type]
    assert target.read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["b.txt"]


def test_text_file_appears_whole_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old page")
    with atomic.TextFile(target) as handle:
        handle.write("new ")
        assert target.read_text() == "old page"  # nothing shows until the block ends
        handle.write("page")
    assert target.read_text() == "new page"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_text_file_error_keeps_old_page_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old page")
    with pytest.raises(RuntimeError), atomic.TextFile(target) as handle:
        handle.write("half")
        raise RuntimeError("template failed")
    assert target.read_text() == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_text_file_does_not_follow_a_link_at_its_temporary_name(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    site = tmp_path / "site"
    site.mkdir()
    (site / f".page.html.{os.getpid()}.tmp").symlink_to(outside)
    with pytest.raises(OSError):
        atomic.TextFile(site / "page.html")
    assert outside.read_text() == "not ours"
