"""One article contract: the site's reader and the search indexer read front matter identically.

The unit half feeds hand-written front matters to both readers (the Pelican metadata adapter and
the search document reader) and asks for the same key, URL, title, date and entities, or the same
one-line refusal. The build half edits articles by hand the ways a maintainer would, builds with
``publishconf.py`` and compares the site with ``newsarchive search --json`` and the exported
facets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitehtml import parse

from newsarchive import frontmatter
from newsarchive.article import ArticleError
from newsarchive.search.document import read_article
from newsarchive.site.metadata import to_pelican_metadata

SITE_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "site"


def newsarchive_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsarchive", *args]

BODY = "Harbour pilots at Port Alden met the dredging board on Tuesday.\n"

CASES: dict[str, str] = {
    "odd-date-string": 'title: "Pilots Meet"\ndate: "2023-07-04T18:30:00"\n',
    "date-only": "title: Pilots Meet\ndate: 2021-02-03\n",
    "number-title": "title: 2024\ndate: 2024-05-01\n",
    "float-title": "title: 3.5\n",
    "date-title": "title: 2024-05-01\n",
    "unknown-keys": "title: Pilots Meet\nmood: calm\nTags: [a, b]\n",
    "upper-case-keys": "Title: Pilots Meet\nDate: 2024-05-01\n",
    "slug-differs": "title: Pilots Meet\nslug: Another Name\ndate: 2024-05-01\n",
    "slug-climbs": 'title: Pilots Meet\nslug: "../../etc/passwd"\n',
    "no-slug": "title: Pilots Meet\n",
    "unknown-entity-type": "title: Pilots Meet\nentities:\n  authors: [Orla Brennick]\n",
    "entities-not-mapping": "title: Pilots Meet\nentities: [Orla Brennick]\n",
    "entity-list-not-list": "title: Pilots Meet\nentities:\n  people: Orla Brennick\n",
    "nested-name": "title: Pilots Meet\nentities:\n  people: [[Orla]]\n",
    "shared-slug-names": (
        "title: Pilots Meet\nentities:\n  people: [Orla Brennick-Fay, Orla Brennick Fay, "
        "Orla Brennick-Fay]\n  places: [Port Alden, 1848]\n"
    ),
    "no-title": "slug: pilots\n",
    "empty-title": 'title: "  "\n',
    "bool-title": "title: yes\n",
    "list-title": "title: [a, b]\n",
    "bad-date": "title: Pilots Meet\ndate: soon\n",
    "bad-retrieved": "title: Pilots Meet\nretrieved: later\n",
    "source-not-mapping": "title: Pilots Meet\nsource: Harbour Wire\n",
    "number-provider": "title: Pilots Meet\nsource:\n  provider: 1848\n",
    "bad-words": "title: Pilots Meet\nwords: many\n",
}


def both(tmp_path: Path, name: str, front: str) -> tuple[object, object]:
    """What the site reader and the search reader make of one article file."""
    folder = tmp_path / "articles" / "2024" / "05"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(f"---\n{front}---\n{BODY}", encoding="utf-8")
    meta, _ = frontmatter.load(path)
    key = f"2024/05/{name}"
    try:
        site: object = to_pelican_metadata(meta, key)
    except ArticleError as exc:
        site = ("refused", str(exc))
    try:
        search: object = read_article(path, tmp_path / "articles")
    except ArticleError as exc:
        search = ("refused", str(exc))
    return site, search


@pytest.mark.parametrize("name", sorted(CASES))
def test_site_reader_and_search_indexer_agree(tmp_path: Path, name: str) -> None:
    site, search = both(tmp_path, name, CASES[name])
    if isinstance(site, tuple) or isinstance(search, tuple):
        assert site == search
        assert "\n" not in site[1]
        return
    assert isinstance(site, dict)
    assert search.id == site["article_key"] == f"2024/05/{name}"
    assert search.url == site["url"] == site["save_as"]
    assert search.title == site["title"]
    assert search.date == ("" if site["undated"] else site["date"].date().isoformat())
    assert search.entities == {k: v for k, v in site["entities"].items() if v}
    assert (tmp_path / "out" / site["url"]).resolve().is_relative_to(tmp_path / "out")


def test_cases_cover_acceptance_and_refusal(tmp_path: Path) -> None:
    """The table above holds both outcomes, and each refusal names the key at fault."""
    outcomes = {name: both(tmp_path, name, front)[0] for name, front in CASES.items()}
    refused = {name: o[1] for name, o in outcomes.items() if isinstance(o, tuple)}
    assert set(refused) == {
        "unknown-entity-type", "entities-not-mapping", "entity-list-not-list", "nested-name",
        "no-title", "empty-title", "bool-title", "list-title", "bad-date", "bad-retrieved",
        "source-not-mapping", "bad-words",
    }
    assert "'authors'" in refused["unknown-entity-type"]
    assert outcomes["number-title"]["title"] == "2024"
    assert outcomes["slug-differs"]["url"] == "articles/2024/05/another-name.html"
    assert outcomes["no-slug"]["url"] == "articles/undated/no-slug.html"
    assert outcomes["odd-date-string"]["url"] == "articles/2023/07/odd-date-string.html"
    assert outcomes["shared-slug-names"]["entities"]["people"] == [
        "Orla Brennick-Fay", "Orla Brennick Fay"
    ]


# --- a real build with hand-edited articles -------------------------------------------------------

HAND_WRITTEN = {
    # moved by hand: the file stays in 2024/01, the page follows the date
    "2024/01/moved-by-hand.md": 'title: "Quay Lights Repaired"\ndate: 2022-01-05\n',
    # a slug that differs from the file name
    "2024/02/file-name-differs.md": (
        'title: "Lockkeeper Retires"\nslug: lockkeeper-retires\ndate: 2024-02-09\n'
    ),
    # a number as a title
    "2024/02/numeric-title.md": "title: 2024\ndate: 2024-02-10\n",
    # an entity type the archive does not know: refused by both
    "2024/02/authors-type.md": (
        'title: "Pier Toll Raised"\ndate: 2024-02-11\nentities:\n  authors: [Orla Brennick]\n'
    ),
    # one person spelt two ways that share a slug: the minority spelling sorts first
    "2024/02/spelling-one.md": (
        'title: "Ferry Board Meets"\ndate: 2024-02-12\nentities:\n'
        '  people: ["Orla Brennick Fay"]\n'
    ),
    "2024/02/spelling-two.md": (
        'title: "Ferry Board Votes"\ndate: 2024-02-13\nentities:\n'
        '  people: ["Orla Brennick-Fay"]\n'
    ),
    "2024/02/spelling-three.md": (
        'title: "Ferry Board Adjourns"\ndate: 2024-02-14\nentities:\n'
        '  people: ["Orla Brennick-Fay"]\n'
    ),
}
WORD = "quaywarden"  # in every hand-written body, so one search finds them all


def search_json(site, query: str) -> list[dict]:
    result = subprocess.run(
        newsarchive_command("search", query, "--index", str(site.index_dir), "--json",
                            "--limit", "50"),
        capture_output=True, text=True, timeout=300, cwd=site.root,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def shard(site, name: str) -> object:
    text = (site.output / "search" / f"{name}.js").read_text(encoding="utf-8")
    head = f'NewsarchiveSearch.load("{name}",'
    assert text.startswith(head)
    return json.JSONDecoder().raw_decode(text[len(head):])[0]


def sitemap_paths(site) -> list[str]:
    root = ET.parse(site.output / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    prefix = "https://archive.test/"
    locs = [loc.text or "" for loc in root.iter(f"{ns}loc")]
    assert all(loc.startswith(prefix) for loc in locs)
    return [loc[len(prefix):] for loc in locs]


@dataclass
class EditedSite:
    root: Path
    content: Path
    output: Path
    index_dir: Path
    settings_file: Path
    returncode: int = 0
    log: str = ""

    def build(self) -> None:
        result = subprocess.run(
            newsarchive_command("build", "--settings", str(self.settings_file), "--output",
                                str(self.output)),
            capture_output=True, text=True, timeout=900, cwd=self.root,
            env={**os.environ, "NEWSARCHIVE_SITEURL": "https://archive.test"},
        )
        self.returncode, self.log = result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory: pytest.TempPathFactory, settings_writer) -> EditedSite:
    """The site fixtures plus the hand-written articles, built once with publishconf.py."""
    root = tmp_path_factory.mktemp("contract-site")
    content = root / "content"
    shutil.copytree(SITE_FIXTURES / "content", content)
    for rel, front in HAND_WRITTEN.items():
        path = content / "articles" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\nThe {WORD} spoke to the harbour board.\n",
                        encoding="utf-8")
    settings = settings_writer(root, content, name="publishconf_test.py", base="publishconf",
                               NEWSARCHIVE_ENTITIES_FILE=str(SITE_FIXTURES / "entities.yml"))
    site = EditedSite(root, content, root / "output", root / "index", settings)
    site.build()
    return site


def test_unknown_entity_type_is_refused_by_site_and_search(edited_site: EditedSite) -> None:
    assert edited_site.returncode == 1, edited_site.log
    reason = [line for line in edited_site.log.splitlines() if "authors-type.md" in line]
    assert reason and all("unknown type 'authors'" in line for line in reason), edited_site.log
    assert not list(edited_site.output.rglob("*pier-toll*"))
    assert not list(edited_site.output.rglob("*authors-type*"))
    assert search_json(edited_site, "pier toll raised") == []


def test_search_links_to_the_pages_the_site_wrote(edited_site: EditedSite) -> None:
    urls = {row["url"] for row in search_json(edited_site, WORD)}
    assert urls == {
        "articles/2022/01/moved-by-hand.html",  # the date edited by hand moves the page
        "articles/2024/02/lockkeeper-retires.html",  # slug: wins over the file name
        "articles/2024/02/numeric-title.html",  # title: 2024 is built and indexed
        "articles/2024/02/spelling-one.html",
        "articles/2024/02/spelling-two.html",
        "articles/2024/02/spelling-three.html",
    }
    for url in urls:
        assert (edited_site.output / url).is_file(), url
    titles = {row["title"] for row in search_json(edited_site, "2024")}
    assert "2024" in titles


def test_entity_page_and_search_facet_show_one_name(edited_site: EditedSite) -> None:
    facet = shard(edited_site, "f/people")["people/orla-brennick-fay"]
    page = parse((edited_site.output / facet[1]).read_text(encoding="utf-8"))
    # Two articles spell it with the hyphen, one without: both sides pick the same majority.
    assert facet[0] == page.find("h1").text() == "Orla Brennick-Fay"
    suggestions = [row for k in range(shard(edited_site, "manifest")["suggestShards"])
                   for row in shard(edited_site, f"s/{k}") if row[2] == facet[1]]
    assert {row[0] for row in suggestions} == {"Orla Brennick-Fay"}


def test_sitemap_lists_exactly_the_pages_written(edited_site: EditedSite) -> None:
    def pages() -> set[str]:
        found = {p.relative_to(edited_site.output).as_posix()
                 for p in edited_site.output.rglob("*.html")}
        return found - {"search.html"}

    listed = sitemap_paths(edited_site)
    assert listed == sorted(listed) and set(listed) == pages()
    assert "articles/2022/01/moved-by-hand.html" in listed

    (edited_site.content / "articles/2024/02/spelling-three.md").unlink()
    edited_site.build()
    listed = sitemap_paths(edited_site)
    assert "articles/2024/02/spelling-three.html" not in listed
    assert not (edited_site.output / "articles/2024/02/spelling-three.html").exists()
    assert set(listed) == pages()


def test_article_files_skip_hidden_ones_below_the_folder_only(tmp_path: Path) -> None:
    """Pelican ignores hidden files and folders; the index reads the same files, and an archive
    that itself lives in a hidden folder is still read."""
    from newsarchive.article import article_files

    root = tmp_path / ".archive" / "articles"
    for rel in ("2024/05/b.md", "2024/05/a.md", "undated/c.md", ".drafts/d.md", "2024/.e.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("---\ntitle: T\n---\n", encoding="utf-8")
    assert [p.relative_to(root).as_posix() for p in article_files(root)] == [
        "2024/05/a.md", "2024/05/b.md", "undated/c.md"
    ]


def test_article_files_follow_links_to_files_not_to_folders(tmp_path: Path) -> None:
    """A link to a Markdown file is an article; a link to a folder is not walked into (a loop
    of links cannot make the listing endless), and a broken link is no article."""
    from newsarchive.article import article_entries, has_articles

    outside = tmp_path / "elsewhere"
    (outside / "2024").mkdir(parents=True)
    (outside / "2024" / "x.md").write_text("---\ntitle: X\n---\n", encoding="utf-8")
    root = tmp_path / "articles"
    (root / "2024" / "05").mkdir(parents=True)
    (root / "2024" / "05" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    (root / "2024" / "05" / "linked.md").symlink_to(outside / "2024" / "x.md")
    (root / "2024" / "05" / "broken.md").symlink_to(outside / "missing.md")
    (root / "2023").symlink_to(outside / "2024", target_is_directory=True)
    (root / "2024" / "loop").symlink_to(root, target_is_directory=True)
    assert [key for key, _ in article_entries(root)] == ["2024/05/a.md", "2024/05/linked.md"]
    assert has_articles(root) and not has_articles(tmp_path / "empty")
