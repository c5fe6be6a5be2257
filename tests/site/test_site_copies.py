"""An article with ``copies`` says where else the story ran; a derived title says so."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sitehtml import parse

SITE_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "content"
STORY = """---
title: "Ferry Fares Frozen For Winter"
slug: ferry-fares-frozen
date: 2024-02-20
source:
  provider: Harbour Wire
  url: "https://example.org/harbour-wire/fares"
copies:
  - provider: "Coastline Ledger (CL)"
    id: "CL-77"
    url: "https://example.org/ledger/fares"
    raw: {path: "ledger/fares.txt", sha256: "00"}
  - provider: "Quayside <b>Post</b>"
    url: "javascript:alert(1)"
    raw: {path: "quayside/fares.txt", sha256: "01"}
title_source: derived
---
The ferry operator froze winter fares on the Port Alden crossing.
"""


def test_copies_and_derived_title_on_the_page(tmp_path: Path, settings_writer) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITE_CONTENT, content)
    (content / "articles/2024/02").mkdir(parents=True, exist_ok=True)
    (content / "articles/2024/02/ferry-fares-frozen.md").write_text(STORY, encoding="utf-8")
    settings = settings_writer(tmp_path, content)
    done = subprocess.run([sys.executable, "-m", "newsarchive", "build", "--settings",
                           str(settings), "--output", str(tmp_path / "output")],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = parse((tmp_path / "output/articles/2024/02/ferry-fares-frozen.html").read_text())
    copies = page.find("aside", "article__copies")
    text = copies.text()
    assert text.startswith("Also published by") and "Quayside <b>Post</b>" in text
    assert not copies.find_all("b")  # a provider's name is text, never markup
    links = [(a.attrs["href"], a.text()) for a in copies.find_all("a")]
    assert links == [("https://example.org/ledger/fares", "Coastline Ledger (CL)")]
    assert "taken from the article text" in page.find("p", "article__title-note").text()
    other = parse((tmp_path / "output/articles/2024/03/delmar-wins-dredging-contract.html")
                  .read_text())
    assert not other.find_all("aside", "article__copies")
    assert not other.find_all("p", "article__title-note")
