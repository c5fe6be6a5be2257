"""Theme test builds and a small HTML reader.

``theme_site`` builds the hand-written articles in ``tests/fixtures/theme`` (a MENAFN article with
every field, a plain one whose title, provider, summary and original URL are hostile, an undated
one) plus the real ``content/pages`` with the project's own settings and ``newsarchive build``.
``theme_site_published`` is the same content built with ``publishconf.py`` (absolute URLs) and
an archive-list limit below the number of articles.
Each is built once per session in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .support import Node, parse_html

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "theme"
THEME = REPO / "theme"


# ---------------------------------------------------------------------------- builds


@dataclass(frozen=True)
class ThemeSite:
    content: Path
    output: Path

    def page(self, relative: str) -> Node:
        return parse_html((self.output / relative).read_text(encoding="utf-8"))

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def _build(
    root: Path, base: str, env: dict[str, str] | None = None, extra: tuple[str, ...] = ()
) -> ThemeSite:
    content = root / "content"
    shutil.copytree(FIXTURES / "articles", content / "articles")
    shutil.copytree(REPO / "content" / "pages", content / "pages")
    present = [p.name for p in (THEME / "templates").glob("*.html")]
    settings = root / f"{base}_theme_test.py"
    settings.write_text(
        "\n".join(
            [
                "import sys",
                f"sys.path.insert(0, {str(REPO)!r})",
                f"from {base} import *  # noqa: F403",
                f"THEME = {str(THEME)!r}",
                f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]",
                f"PATH = {str(content)!r}",
                f"CACHE_PATH = {str(root / 'cache')!r}",
                f"NEWSARCHIVE_INDEX_DIR = {str(root / 'index')!r}",
                "NEWSARCHIVE_ENTITIES_FILE = ''",
                "DEFAULT_PAGINATION = 2",
                # search.html belongs to the search client; build without it if it is not there
                f"DIRECT_TEMPLATES = [t for t in DIRECT_TEMPLATES if t + '.html' in {present!r}]",
                *extra,
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    output = root / "output"
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "build", "--settings", str(settings),
         "--output", str(output)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    if result.returncode != 0:
        log = (result.stdout + result.stderr)[-4000:]
        pytest.fail(f"theme build failed (exit {result.returncode}):\n{log}")
    return ThemeSite(content, output)


@pytest.fixture(scope="session")
def theme_site(tmp_path_factory: pytest.TempPathFactory) -> ThemeSite:
    return _build(tmp_path_factory.mktemp("theme-site"), "pelicanconf")


@pytest.fixture(scope="session")
def theme_site_published(tmp_path_factory: pytest.TempPathFactory) -> ThemeSite:
    return _build(
        tmp_path_factory.mktemp("theme-site-published"),
        "publishconf",
        env={"NEWSARCHIVE_SITEURL": "https://archive.test"},
        # also stands in for a large archive: too many articles to list on archives.html
        extra=("NEWSARCHIVE_ARCHIVE_LIST_LIMIT = 2",),
    )
