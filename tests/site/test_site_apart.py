"""Entity pages split with a forked process give the site one process gives, byte for byte.

Real builds of the fixture site: ``NEWSARCHIVE_PAGES_APART = 1`` splits the entity pages with a
forked process as soon as there is one, ``0`` never does. The search step is left out (its
worker holds the second CPU while it runs, and the split waits for it), so whether the split
happens does not depend on which process finishes first.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pelican import Pelican

import newsarchive.site.apart as apart
import newsarchive.site.incremental as incremental_lib
from newsarchive.site.command import load_settings

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "site"
PLUGINS = ["yaml_front_matter", "entity_pages", "incremental", "sitemap"]
TWO_CPUS = len(os.sched_getaffinity(0)) >= 2


def _settings(root: Path, name: str, apart_min: int) -> dict[str, object]:
    return {
        "PATH": str(root / "content"),
        "CACHE_PATH": str(root / f"cache-{name}"),
        "NEWSARCHIVE_INDEX_DIR": str(root / f"index-{name}"),
        "NEWSARCHIVE_ENTITIES_FILE": str(FIXTURES / "entities.yml"),
        "PLUGINS": PLUGINS,
        "ENTITY_PAGE_SIZE": 2,
        "NEWSARCHIVE_SITEMAP": True,
        "NEWSARCHIVE_PAGES_APART": apart_min,
    }


def _build(root: Path, name: str, apart_min: int, settings_writer) -> str:
    conf = settings_writer(root, root / "content", name=f"{name}.py",
                           **_settings(root, name, apart_min))
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "build", "--settings", str(conf),
         "--output", str(root / f"out-{name}")],
        cwd=root, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def _same_tree(a: Path, b: Path) -> None:
    names = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert (mismatch, errors) == ([], [])


def _records(root: Path, name: str) -> tuple[dict, dict]:
    """What the build left for the next one: each page with the digest of its bytes and
    whether it has a fingerprint, and each entity's pages (the fingerprints and tokens
    themselves differ: the two builds' settings do)."""
    (state,) = (root / f"cache-{name}" / "incremental").glob("*.json")
    data = json.loads(state.read_text(encoding="utf-8"))
    return ({k: (bool(v[0]), v[1]) for k, v in data["pages"].items()},
            {k: v[1] for k, v in data["units"].items()})


def _second(log: str) -> int:
    line = next(x for x in log.splitlines() if x.startswith("incremental:"))
    return int(line.split("; ")[1].split()[0]) if "by a second process" in line else 0


@pytest.mark.skipif(not TWO_CPUS, reason="the split needs a second CPU")
def test_pages_split_with_a_forked_process_equal_one_process(tmp_path: Path,
                                                             settings_writer) -> None:
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    one = _build(tmp_path, "one", 0, settings_writer)
    two = _build(tmp_path, "two", 1, settings_writer)
    assert _second(one) == 0
    assert _second(two) > 0  # the forked process wrote some of them
    _same_tree(tmp_path / "out-one", tmp_path / "out-two")  # sitemap.xml included
    assert _records(tmp_path, "one") == _records(tmp_path, "two")

    # The next build of the split site keeps what the forked process wrote, as its own.
    again = _build(tmp_path, "two", 1, settings_writer)
    assert "\nincremental: 0 pages rendered" in again
    # An article edited: the rebuild equals a clean one-process build of the edited site.
    article = next((tmp_path / "content").rglob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("title: ", "title: Revised ", 1), encoding="utf-8")
    shutil.rmtree(tmp_path / "out-one")
    shutil.rmtree(tmp_path / "cache-one")
    _build(tmp_path, "one", 0, settings_writer)
    _build(tmp_path, "two", 1, settings_writer)
    _same_tree(tmp_path / "out-one", tmp_path / "out-two")


@pytest.mark.skipif(not TWO_CPUS, reason="the split needs a second CPU")
@pytest.mark.parametrize("fails", [False, True], ids=["forked", "forked-fails"])
def test_article_and_entity_pages_split_equal_one_process(
    tmp_path: Path, settings_writer, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    """In one build the articles' pages are split (held by the writer until Pelican has asked
    for the last) and then the entity pages. When the forked process fails before it sends its
    record, its pages are written again here. Either way the site is the one process's."""
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    _build(tmp_path, "one", 0, settings_writer)
    forked: list[tuple[str, bool]] = []
    real = apart.in_two

    def watched(name: str):
        def call(*args, **kwargs):
            forked.append((name, real(*args, **kwargs)))
            return forked[-1][1]
        return call

    def fail(self):
        raise RuntimeError("the forked process stops here")

    settings = load_settings(REPO / "pelicanconf.py", tmp_path / "out-two")
    settings.update(_settings(tmp_path, "two", 1), THEME=str(REPO / "theme"),
                    PLUGIN_PATHS=[str(REPO / "plugins")])
    pelican = Pelican(settings)  # loads the plugins (both import in_two from apart)
    incremental = sys.modules["incremental"]
    monkeypatch.setattr(incremental, "in_two", watched("articles"))
    monkeypatch.setattr(sys.modules["entity_pages"], "in_two", watched("entities"))
    if fails:
        monkeypatch.setattr(incremental.IncrementalWriter, "fork_journal", fail)
    digested: list[int] = []  # the articles this process digested itself
    by_source = incremental_lib.content_by_source

    def counted(item):
        digested.append(id(item))
        return by_source(item)

    monkeypatch.setattr(incremental_lib, "content_by_source", counted)
    writers = []
    write_held = incremental.IncrementalWriter.write_held

    def held(self):
        writers.append(self)
        return write_held(self)

    monkeypatch.setattr(incremental.IncrementalWriter, "write_held", held)
    pelican.run()
    assert forked == [("articles", True), ("entities", True)]
    _same_tree(tmp_path / "out-one", tmp_path / "out-two")

    # Every article's digest is known here, and is the one this process makes of it; those the
    # forked process made of its pages' articles were taken in, not made again (the archive
    # page reads every article), unless it failed.
    writer = writers[0]
    articles = writer._articles
    assert len(articles) == 7  # and 2 pages
    mine = set(digested) & {id(article) for article in articles}
    fresh = incremental_lib.Digester(strict=True, reducers=writer._digester.reducers)
    assert writer._digester.digests_of(articles) == [
        fresh._encode(article).decode() for article in articles
    ]
    assert len(mine) == len(articles) if fails else 0 < len(mine) < len(articles)


class _Files:
    """A party whose jobs write one file each: the forked process's record is the jobs it ran."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ran: list[int] = []  # by this process, and by the forked one in its copy
        self.by_second: list[int] = []
        self._own: list[int] | None = None

    def job(self, n: int) -> None:
        (self.folder / f"{n}.txt").write_text(str(os.getpid()), encoding="utf-8")
        self.ran.append(n)
        if self._own is not None:
            self._own.append(n)

    def fork_begin(self) -> None:
        self._own = []

    def fork_journal(self) -> list[int]:
        return list(self._own or [])

    def fork_merge(self, journal: list[int]) -> None:
        self.by_second += journal


def _run(tmp_path: Path, busy_for: int, worth: float) -> tuple[bool, _Files]:
    """300 jobs in ``in_two`` while a helper holds the second CPU for the first ``busy_for``."""
    party = _Files(tmp_path)

    def done() -> bool:
        return len(party.ran) >= busy_for

    apart.busy_while(done)
    try:
        forked = apart.in_two([lambda n=n: party.job(n) for n in range(300)], party,
                              minimum=200, articles=300, worth=worth)
    finally:
        apart.release(done)
    assert sorted(int(p.stem) for p in tmp_path.glob("*.txt")) == list(range(300))
    return forked, party


@pytest.mark.skipif(not TWO_CPUS, reason="the split needs a second CPU")
def test_the_jobs_left_are_split_once_the_second_cpu_is_free(tmp_path: Path) -> None:
    """The helper is done after ten jobs: the 290 left are shared from there with a forked
    process, each job run by exactly one of the two, each taking them in order."""
    forked, party = _run(tmp_path, 10, worth=0.0)
    assert forked
    assert party.ran[:10] == list(range(10))
    here = party.ran[10:]
    assert here and party.by_second  # both took some
    assert here == sorted(here) and party.by_second == sorted(party.by_second)
    assert sorted(here + party.by_second) == list(range(10, 300))  # each job once
    pids = {int(p.stem): p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    assert {pids[n] for n in party.by_second} != {str(os.getpid())}
    assert {pids[n] for n in party.ran} == {str(os.getpid())}


@pytest.mark.skipif(not TWO_CPUS, reason="the split needs a second CPU")
def test_each_process_takes_the_next_job_left(tmp_path: Path) -> None:
    """While one process runs a long job, the other takes the quick ones left: the jobs are not
    dealt in turn (that gave each process 150 of these 300, the long one included)."""
    party = _Files(tmp_path)

    def job(n: int) -> None:
        if n == 0:
            time.sleep(1.0)
        party.job(n)

    forked = apart.in_two([lambda n=n: job(n) for n in range(300)], party, minimum=200,
                          articles=300, worth=0.0)
    assert forked
    assert sorted(party.ran + party.by_second) == list(range(300))
    assert max(len(party.ran), len(party.by_second)) > 250


@pytest.mark.skipif(not TWO_CPUS, reason="the split needs a second CPU")
def test_the_jobs_a_failed_forked_process_took_run_here(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The forked process runs jobs and fails before it reports: each job it took runs here
    too, so every job has run here once."""
    party = _Files(tmp_path)

    def fail(self):
        raise RuntimeError("the forked process stops here")

    monkeypatch.setattr(_Files, "fork_journal", fail)
    forked = apart.in_two([lambda n=n: party.job(n) for n in range(300)], party, minimum=200,
                          articles=300, worth=0.0)
    assert forked and party.by_second == []
    assert sorted(party.ran) == list(range(300))
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    assert pids == {str(os.getpid())}  # the forked process's files written again here


def test_jobs_that_would_not_pay_for_a_fork_stay_here(tmp_path: Path) -> None:
    """Fewer jobs left than the minimum once the helper is done, or jobs left that the pace so
    far says take less than ``worth``: no process is forked."""
    for name in ("few", "quick"):
        (tmp_path / name).mkdir()
    forked, party = _run(tmp_path / "few", 150, worth=0.0)
    assert not forked and party.ran == list(range(300)) and party.by_second == []
    forked, party = _run(tmp_path / "quick", 10, worth=3600.0)
    assert not forked and party.ran == list(range(300)) and party.by_second == []
