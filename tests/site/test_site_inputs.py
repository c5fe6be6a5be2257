"""Which inputs a build reads is decided in one place and said in the build's output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SITE_FIXTURES = REPO / "tests" / "fixtures" / "site"


def newsarchive_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsarchive", *args]


@pytest.fixture
def run_build(tmp_path: Path, settings_writer):
    """Build the site fixtures into ``tmp_path`` with ``overrides``; returns the process."""

    def run(**overrides: object) -> subprocess.CompletedProcess[str]:
        settings = settings_writer(tmp_path, SITE_FIXTURES / "content", **overrides)
        return subprocess.run(
            newsarchive_command("build", "--settings", str(settings), "--output",
                                str(tmp_path / "output")),
            capture_output=True, text=True, timeout=900, cwd=tmp_path,
        )

    return run



def render_code() -> set[Path]:
    """The files the incremental writer digests as rendering code (``RENDER_CODE``)."""
    import importlib
    import sys

    sys.path.insert(0, str(REPO / "plugins"))
    try:
        module = importlib.import_module("incremental")
    finally:
        sys.path.remove(str(REPO / "plugins"))
    return {Path(path).resolve() for path in module.RENDER_CODE}


def test_build_names_the_entities_file_it_read(fixture_site) -> None:
    assert f"entities: {SITE_FIXTURES / 'entities.yml'}" in fixture_site.build_log.splitlines()


def test_a_bad_entities_file_is_one_line_and_the_site_is_still_built(tmp_path: Path,
                                                                     run_build) -> None:
    bad = tmp_path / "entities.yml"
    bad.write_text("base: &a [x, x]\naliases: *a\n", encoding="utf-8")
    result = run_build(NEWSARCHIVE_ENTITIES_FILE=str(bad))
    lines = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and "aliases are not allowed" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "output/people/ines-varga-holt.html").is_file()


def test_two_article_folders_are_refused_in_one_line(run_build) -> None:
    result = run_build(ARTICLE_PATHS=["articles", "more"])
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "ARTICLE_PATHS must name one folder" in result.stderr


def test_page_fingerprints_cover_rendering_code_only() -> None:
    """Editing a test helper (the link checker, the bundle) must not re-render every page."""
    digested = render_code()
    site = REPO / "newsarchive" / "site"
    assert site / "catalog.py" in digested and REPO / "newsarchive" / "article.py" in digested
    assert site / "linkcheck.py" not in digested and site / "bundle.py" not in digested
    assert all(path.is_file() for path in digested)


def test_two_articles_that_give_one_page_are_one_line_and_the_rest_is_built(
    tmp_path: Path, run_build
) -> None:
    """Slugs are cut to 80 characters, so two long titles (or a hand edit) can give two files
    one page; the first by article key is built, the other is named on one line."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SITE_FIXTURES / "content", content)
    long = "harbour-" * 12 + "report"
    for name in ("a-first", "b-second"):
        (content / "articles" / "2024" / "03" / f"{name}.md").write_text(
            f"---\ntitle: \"{name}\"\nslug: {long}-{name}\ndate: 2024-03-05\n---\n\nText.\n",
            encoding="utf-8",
        )
    result = run_build(PATH=str(content))
    lines = [line for line in result.stderr.splitlines() if "b-second.md" in line]
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and "a-first.md" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    page = next((tmp_path / "output" / "articles" / "2024" / "03").glob("harbour-*.html"))
    assert "a-first" in page.read_text(encoding="utf-8")
    assert (tmp_path / "output/people/ines-varga-holt.html").is_file()
