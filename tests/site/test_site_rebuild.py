"""A rebuild of an unchanged site renders nothing, also when the site has a page written in
Pelican's own format (``Title:`` headers), which Pelican's Markdown reader reads: that reader
adds to the ``MARKDOWN`` setting in place, and the settings are part of every page's
fingerprint, so a build that read such a page and a build that found it in the cache would
disagree about every page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "site"


def test_a_page_in_pelicans_format_leaves_the_next_build_nothing_to_render(
    tmp_path: Path, settings_writer
) -> None:
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    pelican_page = tmp_path / "content" / "pages" / "sources-note.md"
    assert pelican_page.read_text(encoding="utf-8").startswith("Title: ")
    conf = settings_writer(tmp_path, tmp_path / "content",
                           NEWSARCHIVE_ENTITIES_FILE=str(FIXTURES / "entities.yml"))
    lines = []
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "newsarchive", "build", "--settings", str(conf),
             "--output", str(tmp_path / "output")],
            cwd=tmp_path, capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        lines.append(next(x for x in result.stderr.splitlines() if x.startswith("incremental:")))
    assert not lines[0].startswith("incremental: 0 pages rendered")
    assert lines[1].startswith("incremental: 0 pages rendered"), lines[1]
