"""Session fixtures shared by the whole suite: real builds of the demo archive and of the site
fixtures, each done once per session in a temporary folder.

- ``sample_site``: ``samples/raw`` ingested with the real ``newsarchive ingest`` (spaCy and all),
  then built with the real ``newsarchive build`` (Pelican, our plugins, the theme).
- ``fixture_site``: the hand-written articles in ``tests/fixtures/site`` (known entity counts,
  co-occurrences and timelines) built the same way with ``ENTITY_PAGE_SIZE = 2``.
- ``fixture_site_published``: the same articles built with ``publishconf.py`` (feeds, sitemap).

Builds run ``newsarchive build`` in a subprocess on a generated settings file that imports the
project's own settings and only moves the folders into the temporary directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SITE_FIXTURES = REPO / "tests" / "fixtures" / "site"
SAMPLES_RAW = REPO / "samples" / "raw"
SAMPLES_ENTITIES = REPO / "samples" / "entities.yml"


@dataclass(frozen=True)
class BuiltSite:
    """Where one test build put things; ``build_log`` is the build's stdout + stderr."""

    root: Path
    content: Path
    output: Path
    index_dir: Path
    settings_file: Path
    build_log: str
    overrides: dict[str, object] = field(default_factory=dict)

    @property
    def articles(self) -> Path:
        return self.content / "articles"

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


def newsarchive_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsarchive", *args]


def write_settings(path: Path, *, base: str = "pelicanconf", **overrides: object) -> Path:
    """A settings file importing the project's ``base`` settings with ``overrides`` on top."""
    plugins = REPO / "plugins"
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(REPO)!r})",
        f"from {base} import *  # noqa: F403",
        f"THEME = {str(REPO / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(plugins)!r}]",
    ]
    lines += [f"{key} = {value!r}" for key, value in overrides.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def local_settings(root: Path, content: Path, *, name: str = "settings_test.py",
                   base: str = "pelicanconf", **overrides: object) -> Path:
    """Settings for a build of ``content`` whose cache and index live under ``root`` (no
    entities.yml unless ``overrides`` names one)."""
    settings: dict[str, object] = {
        "PATH": str(content),
        "CACHE_PATH": str(root / "cache"),
        "NEWSARCHIVE_INDEX_DIR": str(root / "index"),
        "NEWSARCHIVE_ENTITIES_FILE": "",
        **overrides,
    }
    return write_settings(root / name, base=base, **settings)


@pytest.fixture(scope="session")
def settings_writer() -> Any:
    """:func:`local_settings`, for tests that run builds of their own (a test module cannot
    import this file by name: ``tests/bench`` has a ``conftest`` too)."""
    return local_settings


def build_site(
    root: Path,
    content: Path,
    *,
    base: str = "pelicanconf",
    entities_file: Path | None = None,
    env: dict[str, str] | None = None,
    **overrides: object,
) -> BuiltSite:
    """Run ``newsarchive build`` on ``content`` into ``root/output``; fail the test if it fails."""
    output = root / "output"
    index_dir = root / "index"
    settings = {
        "PATH": str(content),
        "CACHE_PATH": str(root / "cache"),
        "NEWSARCHIVE_INDEX_DIR": str(index_dir),
        "NEWSARCHIVE_ENTITIES_FILE": str(entities_file) if entities_file else "",
        **overrides,
    }
    settings_file = write_settings(root / f"{base}_test.py", base=base, **settings)
    result = subprocess.run(
        newsarchive_command("build", "--settings", str(settings_file), "--output", str(output)),
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=900,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"newsarchive build failed (exit {result.returncode}):\n{log[-4000:]}")
    return BuiltSite(root, content, output, index_dir, settings_file, log, settings)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The demo archive: samples/raw ingested and built once per session."""
    if not any(SAMPLES_RAW.rglob("*.txt")):
        pytest.fail(f"no sample articles (*.txt) under {SAMPLES_RAW}")
    root = tmp_path_factory.mktemp("sample-site")
    content = root / "content"
    args = ["ingest", str(SAMPLES_RAW), "--out", str(content / "articles"), "--quiet"]
    if SAMPLES_ENTITIES.is_file():
        args += ["--entities", str(SAMPLES_ENTITIES)]
    ingest = subprocess.run(
        newsarchive_command(*args), cwd=root, capture_output=True, text=True, timeout=1200
    )
    if ingest.returncode != 0 or not any((content / "articles").rglob("*.md")):
        pytest.fail(f"newsarchive ingest of samples/raw failed (exit {ingest.returncode}):\n"
                    f"{(ingest.stdout + ingest.stderr)[-4000:]}")
    return build_site(
        root, content, entities_file=SAMPLES_ENTITIES if SAMPLES_ENTITIES.is_file() else None
    )


def _copy_fixture_content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(SITE_FIXTURES / "content", content)
    return content


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """tests/fixtures/site built for local/offline use, two articles per entity page."""
    root = tmp_path_factory.mktemp("fixture-site")
    return build_site(
        root,
        _copy_fixture_content(root),
        entities_file=SITE_FIXTURES / "entities.yml",
        ENTITY_PAGE_SIZE=2,
    )


@pytest.fixture(scope="session")
def fixture_site_published(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """tests/fixtures/site built with publishconf.py (absolute URLs, feeds, sitemap)."""
    root = tmp_path_factory.mktemp("fixture-site-published")
    return build_site(
        root,
        _copy_fixture_content(root),
        base="publishconf",
        entities_file=SITE_FIXTURES / "entities.yml",
        env={"NEWSARCHIVE_SITEURL": "https://archive.test"},
        ENTITY_PAGE_SIZE=2,
    )


#: Debian's Chromium (Playwright's own browser download does not work on these machines), with the
#: flags that keep it from reaching for the network at start-up.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole session.

    Playwright's sync API runs its own event loop, so two live ``sync_playwright()`` sessions in
    one process clash; every browser test shares this one and opens its own context.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
