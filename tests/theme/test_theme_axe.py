"""axe-core over every page type, in light and dark, at desktop and phone widths: no violations.

axe-core is pinned in tests/theme/package.json (package-lock.json); ``make test`` installs it
(``npm ci --prefix tests/theme``). Its script is injected into each page from disk, so the run
works from file:// like the site itself. Every rule axe runs by default counts, best practices
(such as ``landmark-unique``) included.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import CROWDED, ThemeSite

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

PAGES = {
    "home": "index.html",
    "home-page-2": "index-2.html",
    "article": f"articles/{CROWDED}.html",
    "article-hostile": "articles/2024/05/tidelog-fix-shows-tags-as-text.html",
    "article-undated": "articles/undated/clean-coast-volunteers-clear-beach.html",
    "entity": "people/tobias-reinholt.html",
    "entity-index-az": "people/index.html",
    "entity-index-by-count": "organizations/by-count.html",
    "source": "sources/harbour-wire.html",
    "sources": "sources/index.html",
    "archive": "archives.html",
    "archive-year": "archives/2024.html",
    "archive-month": "archives/2024/01.html",
    "archive-undated": "archives/undated.html",
    "search": "search.html",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/theme` (make test does)")
    return AXE.read_text(encoding="utf-8")


def _violations(tab: Any, axe_source: str) -> list[dict[str, Any]]:
    tab.add_script_tag(content=axe_source)
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_no_axe_violations(
    chromium: Any, reader_site: ThemeSite, axe_source: str, width: str, scheme: str
) -> None:
    ctx = chromium.new_context(viewport=VIEWPORTS[width], color_scheme=scheme,
                               reduced_motion="reduce")
    tab = ctx.new_page()
    found = {}
    try:
        for name, page in PAGES.items():
            assert (reader_site.output / page).is_file(), page
            tab.goto((reader_site.output / page).as_uri())
            tab.wait_for_load_state("load")
            if name == "article":
                # the collapsed names too
                tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            violations = _violations(tab, axe_source)
            if violations:
                found[name] = violations
    finally:
        ctx.close()
    assert not found, json.dumps(found, indent=1)
