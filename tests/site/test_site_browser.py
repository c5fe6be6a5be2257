"""Headless Chromium on the unzipped offline bundle: home -> article -> entity chip -> entity page.

No console errors, no failed requests and no request that is not a file:// URL are allowed.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped_bundle(fixture_site, tmp_path_factory) -> Path:
    """The fixture site zipped by the real ``newsarchive bundle`` and unzipped elsewhere."""
    work = tmp_path_factory.mktemp("bundle")
    archive = work / "dist" / "newsarchive-offline.zip"
    subprocess.run(
        [sys.executable, "-m", "newsarchive", "bundle", "--output", str(fixture_site.output),
         "--zip", str(archive)],
        check=True, capture_output=True, timeout=300,
    )
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(work / "unzipped")
    return work / "unzipped" / "newsarchive-offline"


def test_follow_entity_chip_from_article_to_entity_page(unzipped_bundle, chromium):
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # (the icon's fetch that Chromium cancels itself when the page moves on is no failure)
    page.on("requestfailed", lambda r: (r.url.endswith("/favicon.svg") and "ERR_ABORTED" in
                                        str(r.failure)) or problems.append(f"failed: {r.url}"))
    page.on("request", lambda r: r.url.startswith(("file://", "data:", "about:"))
            or problems.append(f"non-file request: {r.url}"))
    try:
        page.goto((unzipped_bundle / "index.html").as_uri())
        assert page.title()
        # The home page lists the Delmar article; open it like a reader would.
        title = "Delmar Marine Wins Ten-Year Dredging Contract"
        page.get_by_role("link", name=title).first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/articles/2024/03/delmar-wins-dredging-contract.html")
        page.screenshot(path=str(ARTIFACTS / "site-article.png"), full_page=True)

        chip = page.locator("main a.chip", has_text="Tobias Reinholt").first
        chip.click()
        page.wait_for_load_state()
        assert page.url.endswith("/people/tobias-reinholt.html")
        assert page.locator("h1").inner_text().strip() == "Tobias Reinholt"
        assert page.locator(".entity-count__value").inner_text() == "2"
        assert page.locator("svg.timeline-chart g.bar").count() == 3  # Jan, Feb, Mar 2024
        page.screenshot(path=str(ARTIFACTS / "site-entity.png"), full_page=True)
    finally:
        context.close()
    assert problems == []
    assert (ARTIFACTS / "site-entity.png").stat().st_size > 10_000
