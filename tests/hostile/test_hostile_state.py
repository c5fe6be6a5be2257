"""Damaged state: the next ``newsarchive build`` says what it found in one line, repairs it, and
ends with the site and index a clean build makes. One more build into the same folder at once is
refused in one line naming the lock and its holder."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsarchive import lock

SITE_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "content"


@dataclass
class Site:
    root: Path
    settings: Path

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def build(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsarchive", "build", "--settings", str(self.settings),
             "--output", str(self.output)],
            capture_output=True, text=True, timeout=600, cwd=self.root,
        )

    def search(self, query: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsarchive", "search", query, "--json", "--index",
             str(self.index)],
            capture_output=True, text=True, timeout=300, cwd=self.root,
        )

    def files(self) -> dict[str, bytes]:
        return {p.relative_to(self.output).as_posix(): p.read_bytes()
                for p in sorted(self.output.rglob("*"))
                if p.is_file() and not p.name.startswith(".")}


def make_site(root: Path, settings_writer) -> Site:
    root.mkdir(parents=True)
    content = root / "content"
    shutil.copytree(SITE_CONTENT, content)
    site = Site(root, settings_writer(root, content))
    built = site.build()
    assert built.returncode == 0, built.stderr
    return site


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, settings_writer) -> Site:
    return make_site(tmp_path_factory.mktemp("clean") / "site", settings_writer)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory, settings_writer) -> Site:
    return make_site(tmp_path_factory.mktemp("work") / "site", settings_writer)


def one(pattern: str, folder: Path) -> Path:
    [found] = sorted(folder.glob(pattern))
    return found


def truncate(path: Path, size: int = 40) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(size)


def _other_reader(cache: Path) -> None:
    record = cache / ".newsarchive-cache.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({**data, "reader": "0" * 64}), encoding="utf-8")


DAMAGE: dict[str, tuple[Callable[[Site], None], str]] = {
    "truncated Whoosh segment": (lambda s: truncate(one("*.seg", s.index)), "changed since"),
    "deleted Whoosh segment": (lambda s: one("*.seg", s.index).unlink(), "is missing"),
    "deleted index table of contents": (lambda s: one("*.toc", s.index).unlink(),
                                        "table of contents"),
    "garbled index state": (lambda s: (s.index / "newsarchive-index.json").write_text("{"),
                            "newsarchive-index.json is not readable"),
    "deleted search shard": (lambda s: (s.output / "search/t/0.js").unlink(), "t/0.js"),
    "edited search shard": (lambda s: sorted((s.output / "search/d").glob("*.js"))[0]
                            .write_text("alert(1)"), "(d/"),
    "truncated content cache": (lambda s: truncate(s.cache / "ArticlesGenerator"),
                                "content cache"),
    "garbled content cache": (
        lambda s: (s.cache / "ArticlesGenerator").write_bytes(gzip.compress(b"junk")),
        "content cache"),
    "content cache of another reader version": (lambda s: _other_reader(s.cache),
                                                "article reader or the settings changed"),
    "truncated page fingerprints": (lambda s: truncate(one("incremental/*.json", s.cache)),
                                    "page fingerprints"),
    "deleted page": (lambda s: (s.output / "people/ines-varga-holt.html").unlink(), ""),
    "truncated page": (lambda s: truncate(s.output / "index.html", 10), ""),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damage_is_said_once_and_repaired(case: str, work: Site, clean: Site) -> None:
    damage, said = DAMAGE[case]
    damage(work)
    result = work.build()
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if said:
        lines = [line for line in result.stderr.splitlines() if said in line]
        assert len(lines) == 1, result.stderr
    assert work.files() == clean.files()
    for query in ("harbour", "dredging contract"):
        assert work.search(query).stdout == clean.search(query).stdout


def test_search_on_a_damaged_index_is_one_line(tmp_path: Path, work: Site) -> None:
    copy = tmp_path / "index"
    shutil.copytree(work.index, copy)
    truncate(one("*.seg", copy))
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "search", "harbour", "--index", str(copy)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "newsarchive build" in result.stderr


def test_a_second_build_into_the_same_folder_is_refused(work: Site) -> None:
    with lock.hold(work.output, "build"):
        result = work.build()
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"newsarchive build: {work.output / lock.FILENAME}: another build (pid {os.getpid()}) "
        "is writing to this folder; try again when it has finished"
    )
    assert work.build().returncode == 0
    assert not (work.output / lock.FILENAME).exists()
