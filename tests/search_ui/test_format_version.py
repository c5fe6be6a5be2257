"""Shards from another version of newsarchive: the search page says so in one line and stops.

A site rebuilt with a new client but old shards (or the reverse: a stale cached script) would
otherwise fail in odd ways, because the manifest's shape and rules change with the format. The
test copies the built sample site, gives its manifest another version number, and opens the page
in Chromium from file://.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsarchive.search.export import FORMAT_VERSION

pytestmark = pytest.mark.browser

MESSAGE = (
    "The search index was built by a different version of newsarchive; rebuild the site."
)


@pytest.fixture(scope="module")
def other_version_site(sample_site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("other-version") / "output"
    shutil.copytree(sample_site.output, site)
    manifest = site / "search" / "manifest.js"
    text = manifest.read_text(encoding="utf-8")
    stamp = f'"version":{FORMAT_VERSION},'
    assert stamp in text
    manifest.write_text(text.replace(stamp, f'"version":{FORMAT_VERSION + 1},'), encoding="utf-8")
    return site


@pytest.mark.parametrize("query", ["", "?q=harbour"])
def test_other_format_version_is_named_not_failed(chromium, other_version_site, query) -> None:
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((other_version_site / "search.html").as_uri() + query)
    status = page.locator("#search-status")
    page.wait_for_function(
        "() => document.getElementById('search-status').textContent.includes('version')",
        timeout=15_000,
    )
    assert status.text_content() == MESSAGE
    assert page.locator("#search-results > li").count() == 0
    assert not page.locator("#search-app").get_attribute("aria-busy")
    # No shard past the manifest is loaded from an index the page cannot read.
    loaded = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert not [u for u in loaded if re.search(r"/search/(t|d|s|v|f|p)/", u)], loaded
    assert not errors, errors
    context.close()
