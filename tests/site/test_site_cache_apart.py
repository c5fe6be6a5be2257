"""Pelican's content cache written by a forked process: the cache Pelican itself would write,
and the last one kept when that process fails. Real builds of the fixture site."""

from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path

import pytest
from pelican import Pelican

import newsarchive.site.cache_apart as cache_apart
from newsarchive.site.command import load_settings

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "site"
PLUGINS = ["yaml_front_matter", "entity_pages", "incremental", "sitemap"]


def _pelican(root: Path, name: str, **overrides: object) -> Pelican:
    settings = load_settings(REPO / "pelicanconf.py", root / f"out-{name}")
    settings.update(
        PATH=str(root / "content"), CACHE_PATH=str(root / f"cache-{name}"),
        NEWSARCHIVE_INDEX_DIR=str(root / f"index-{name}"),
        NEWSARCHIVE_ENTITIES_FILE=str(FIXTURES / "entities.yml"), PLUGINS=PLUGINS,
        THEME=str(REPO / "theme"), PLUGIN_PATHS=[str(REPO / "plugins")], **overrides,
    )
    return Pelican(settings)


def _cached(root: Path, name: str) -> dict[str, tuple[object, str, list[tuple[str, str]]]]:
    """Each cached article: its file's stamp, its HTML and its metadata (as text: the pickle
    of a set is ordered by string hashes, which differ between processes)."""
    with open(root / f"cache-{name}" / "ArticlesGenerator", "rb") as handle:
        cache = pickle.load(handle)
    return {
        path: (stamp, article._content, sorted((k, repr(v)) for k, v in article.metadata.items()))
        for path, (stamp, article) in cache.items()
    }


def test_the_cache_written_apart_is_the_one_pelican_writes(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    _pelican(tmp_path, "apart").run()
    _pelican(tmp_path, "here", NEWSARCHIVE_CACHE_APART=False).run()
    apart = _cached(tmp_path, "apart")
    assert len(apart) == 7 and apart == _cached(tmp_path, "here")
    assert not list((tmp_path / "cache-apart").glob(".*.tmp"))  # no temporary file left


def test_a_failed_cache_process_leaves_the_last_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    _pelican(tmp_path, "apart").run()
    cache = tmp_path / "cache-apart" / "ArticlesGenerator"
    before = cache.read_bytes()
    article = next((tmp_path / "content").rglob("*.md"))
    article.write_text(article.read_text("utf-8").replace("title: ", "title: Revised ", 1),
                       encoding="utf-8")
    capsys.readouterr()

    def fail(generator: object) -> bool:
        raise OSError("no space left on the device")

    monkeypatch.setattr(cache_apart, "write_cache", fail)  # the forked process runs this
    _pelican(tmp_path, "apart").run()
    err = capsys.readouterr().err
    assert cache.read_bytes() == before  # the last build's, whole
    assert f"content cache {cache} not written" in err
    assert not (cache.parent / f".{cache.name}.tmp").exists()
    # the edited article's page is the new one all the same, and the next build reads it again
    assert any("Revised " in page.read_text("utf-8")
               for page in (tmp_path / "out-apart" / "articles").rglob("*.html"))
    monkeypatch.undo()
    _pelican(tmp_path, "apart").run()
    revised = [v for v in _cached(tmp_path, "apart").values() if "Revised " in repr(v[2])]
    assert len(revised) == 1 and sys.modules["incremental"]._CACHES == []
