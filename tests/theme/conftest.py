"""Theme test builds and a small HTML reader.

``theme_site`` builds the hand-written articles in ``tests/fixtures/theme`` (a MENAFN article with
every field, a plain one whose title, provider, summary and original URL are hostile, an undated
one) plus the real ``content/pages`` with the project's own settings and ``newsarchive build``.
``theme_site_published`` is the same content built with ``publishconf.py`` (absolute URLs) and
an archive-list limit below the number of articles.
Each is built once per session in a temporary folder.
"""

from __future__ import annotations

import json
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
    root: Path,
    base: str,
    env: dict[str, str] | None = None,
    extra: tuple[str, ...] = (),
    more_articles: dict[str, str] | None = None,
) -> ThemeSite:
    content = root / "content"
    shutil.copytree(FIXTURES / "articles", content / "articles")
    for relative, text in (more_articles or {}).items():
        path = content / "articles" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
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


# ---------------------------------------------------------------------------- the reader's site

#: A hearing that names sixty people, organisations, places and other things (fictional).
CROWDED_PEOPLE = [
    "Ines Varga-Holt", "Tobias Reinholt", "Anneli Brask", "Corin Achterberg", "Dalia Ferreira",
    "Emil Quist", "Farah Nadeem", "Goran Ilic", "Hedda Jul", "Ivo Kastelein", "Jonas Lindqvist",
    "Katja Moor", "Lena Ostrowski", "Milo Pereira", "Nora Underhill", "Oskar Wendt",
    "Pia Xander", "Rafael Yilmaz", "Selma Zorn", "Ulla Eckhart",
]
CROWDED_ORGS = [f"{name} Holdings" for name in (
    "Alden", "Brightwater", "Cobble", "Driftline", "Eastquay", "Fathom", "Gullrock", "Hawser",
    "Ironsand", "Jetty", "Keel", "Lanternfish", "Moorage", "Northtide", "Oarlock", "Pilotage",
    "Quayline", "Riptide", "Saltmarsh", "Tidemark",
)]
CROWDED_PLACES = [
    "Port Alden", "Ashby Island", "Kessel Bay", "North Mole", "Outer Channel", "Inner Basin",
    "Gull Point", "Harrow Sands", "Ferry Steps", "Lantern Quay", "Mill Creek", "Reed Flats",
    "Stone Jetty", "Tern Rock", "Willow Strand",
]
CROWDED_OTHER = ["Inner Basin Plan", "Harbour Act", "Tidewater Accord", "Dredging Code",
                 "Coastal Survey"]
CROWDED = "2024/04/hearing-names-sixty-witnesses"


def _crowded_article() -> str:
    def flow(names: list[str]) -> str:
        return json.dumps(names)

    paragraphs = [
        "The Port Alden council hearing on the dredging contract heard from sixty witnesses "
        "over three days. The full record is at "
        "https://council.port-alden.test/hearings/dredging?day=2&amp;part=1, and the "
        "minutes at http://minutes.port-alden.test/2024/04/. A note that read "
        "javascript:alert(1) stayed text.",
    ]
    # Tobias Reinholt, Hawser Holdings and Kessel Bay are named again and again.
    for i in range(20):
        paragraphs.append(
            f"{CROWDED_PEOPLE[i]} spoke for {CROWDED_ORGS[i]} about work near "
            f"{CROWDED_PLACES[i % len(CROWDED_PLACES)]} under the "
            f"{CROWDED_OTHER[i % len(CROWDED_OTHER)]}. Tobias Reinholt asked about "
            "Hawser Holdings and Kessel Bay, and the answer was recorded in full for the "
            "committee, with the costs of each stage and the dates on which work would begin."
        )
    body = "\n\n".join(paragraphs)
    return (
        "---\n"
        'title: "Hearing Names Sixty Witnesses in the Dredging Inquiry"\n'
        "slug: hearing-names-sixty-witnesses\n"
        "date: 2024-04-02\n"
        "source:\n"
        '  provider: "Harbour Wire"\n'
        '  url: "https://harbourwire.test/hearing"\n'
        "entities:\n"
        f"  people: {flow(sorted(CROWDED_PEOPLE))}\n"
        f"  organizations: {flow(sorted(CROWDED_ORGS))}\n"
        f"  places: {flow(sorted(CROWDED_PLACES))}\n"
        f"  other: {flow(sorted(CROWDED_OTHER))}\n"
        'summary: "Sixty witnesses named at the council hearing on the dredging contract."\n'
        f"words: {len(body.split())}\n"
        "---\n" + body + "\n"
    )


def _short_article(slug: str, title: str, date: str, people: list[str]) -> str:
    return (
        "---\n"
        f'title: "{title}"\n'
        f"slug: {slug}\n"
        f"date: {date}\n"
        "source:\n"
        '  provider: "Harbour Wire"\n'
        "entities:\n"
        f"  people: {json.dumps(people)}\n"
        "  organizations: []\n"
        '  places: ["Port Alden"]\n'
        "  other: []\n"
        f'summary: "{title}."\n'
        "words: 20\n"
        "---\n"
        f"{title}. {' and '.join(people)} spoke in Port Alden.\n"
    )


READER_ARTICLES = {
    f"{CROWDED}.md": _crowded_article(),
    "2024/01/ferry-fares-frozen.md": _short_article(
        "ferry-fares-frozen", "Ferry Fares Frozen for the Winter", "2024-01-15",
        ["Ines Varga-Holt", "Anneli Brask"],
    ),
    "2024/01/quay-lights-replaced.md": _short_article(
        "quay-lights-replaced", "Quay Lights Replaced Along North Mole", "2024-01-22",
        ["Tobias Reinholt", "Corin Achterberg"],
    ),
}


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> ThemeSite:
    """The theme fixtures plus a sixty-entity article and a busy January 2024, with the search
    page: every page type a reader meets."""
    return _build(
        tmp_path_factory.mktemp("reader-site"), "pelicanconf", more_articles=READER_ARTICLES
    )
