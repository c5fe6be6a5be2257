"""``newsarchive build`` and ``newsarchive bundle`` as a user runs them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from newsarchive.site.bundle import FIXED_TIME

REPO = Path(__file__).resolve().parents[2]


def newsarchive(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsarchive", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_build_without_content_says_what_to_do(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(tmp_path / 'content')!r}\n",
        encoding="utf-8",
    )
    result = newsarchive("build", "--settings", str(settings), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no articles" in lines[0] and "ingest" in lines[0]
    assert not (tmp_path / "output").exists()


def test_build_with_missing_settings_file(tmp_path):
    result = newsarchive("build", "--settings", "nope.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "newsarchive build: settings file nope.py not found"


def test_build_reports_page_count_and_time(fixture_site):
    [line] = [x for x in fixture_site.build_log.splitlines() if x.startswith("built ")]
    pages = sum(1 for _ in fixture_site.output.rglob("*.html"))
    assert line.startswith(f"built {pages} pages in {fixture_site.output} in ")
    assert line.endswith("s")


def test_bundle_refuses_without_a_built_site(tmp_path):
    (tmp_path / "output").mkdir()
    result = newsarchive("bundle", cwd=tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "output/index.html not found" in result.stderr
    assert not (tmp_path / "dist").exists()


def test_bundle_is_complete_deterministic_and_in_one_folder(fixture_site, tmp_path):
    first = tmp_path / "a" / "archive-offline.zip"
    second = tmp_path / "b" / "archive-offline.zip"
    for target in (first, second):
        result = newsarchive("bundle", "--output", str(fixture_site.output), "--zip", str(target),
                             cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert all(name.startswith("archive-offline/") for name in names)
        assert all(info.date_time == FIXED_TIME for info in zf.infolist())
        assert zf.testzip() is None
    files = sorted(p.relative_to(fixture_site.output).as_posix()
                   for p in fixture_site.output.rglob("*") if p.is_file())
    assert [n.removeprefix("archive-offline/") for n in names] == files
    assert not list(tmp_path.rglob("*.tmp"))


def test_bundle_default_name(fixture_site, tmp_path):
    result = newsarchive("bundle", "--output", str(fixture_site.output), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dist" / "newsarchive-offline.zip").is_file()
    assert "dist/newsarchive-offline.zip" in result.stdout


def test_rebuild_with_warm_cache_gives_the_same_pages(fixture_site, tmp_path):
    """The content cache (CACHE_PATH) is on: a second build reads cached articles and must
    write byte-identical pages."""
    again = tmp_path / "output"
    result = newsarchive("build", "--settings", str(fixture_site.settings_file),
                         "--output", str(again), cwd=fixture_site.root)
    assert result.returncode == 0, result.stderr
    assert any((fixture_site.root / "cache").rglob("*"))
    first = {p.relative_to(fixture_site.output).as_posix(): p.read_bytes()
             for p in fixture_site.output.rglob("*.html")}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*.html")}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_pages_with_front_matter_or_pelican_headers_are_built(fixture_site):
    html = fixture_site.read("pages/about.html")
    assert "About this archive" in html
    assert "fictional harbour news" in html
    # A hand-written page with Pelican's own "Title:" header still goes through.
    html = fixture_site.read("pages/sources-note.html")
    assert "How sources are recorded" in html and "link to the original page" in html
    assert not (fixture_site.output / "articles" / "undated" / "about.html").exists()
