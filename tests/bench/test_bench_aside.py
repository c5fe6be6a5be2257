"""The bench sets the folders of earlier runs aside and deletes them only when it ends."""

from __future__ import annotations

from pathlib import Path

from bench.aside import Aside


def _folder(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "page.html").write_text(text, encoding="utf-8")
    return path


def test_folders_are_moved_aside_whole_and_deleted_by_clear(tmp_path: Path) -> None:
    aside = Aside(tmp_path / "set-aside")
    first = _folder(tmp_path / "output", "first run")
    aside.remove(first)
    _folder(first, "second run")  # the next run writes where the first one did
    aside.remove(first)
    aside.remove(tmp_path / "never-made")
    assert not first.exists()
    kept = sorted((tmp_path / "set-aside").iterdir())
    assert [p.name for p in kept] == ["1-output", "2-output"]
    assert [(p / "page.html").read_text(encoding="utf-8") for p in kept] == [
        "first run", "second run"]
    aside.clear()
    assert not (tmp_path / "set-aside").exists()


def test_folders_too_large_to_keep_are_deleted_at_once(tmp_path: Path) -> None:
    aside = Aside(tmp_path / "set-aside", keep=False)
    aside.remove(_folder(tmp_path / "output", "a run"))
    assert not (tmp_path / "output").exists()
    assert not (tmp_path / "set-aside").exists()


def test_a_folder_left_aside_by_an_earlier_run_is_not_overwritten(tmp_path: Path) -> None:
    _folder(tmp_path / "set-aside" / "1-output", "left by a run that stopped")
    aside = Aside(tmp_path / "set-aside")
    aside.remove(_folder(tmp_path / "output", "this run"))
    texts = sorted((p / "page.html").read_text(encoding="utf-8")
                   for p in (tmp_path / "set-aside").iterdir())
    assert texts == ["left by a run that stopped", "this run"]
