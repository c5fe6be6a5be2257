"""Incremental site builds equal clean full builds, file for file and byte for byte.

A small archive is built with the incremental writer, then changed the ways a daily update
changes an archive (new articles, one in a new month and one undated; an edited article; an
article whose entities changed; a removed article). The incremental rebuild must leave exactly
the files, with exactly the bytes, of a clean build of the changed archive into an empty folder,
the search shards exported from the updated Whoosh index included.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.article import entity_name_url, normalise_entities
from newsarchive.frontmatter import dump, split

PEOPLE = ["Ines Varga-Holt", "Tobias Reinholt", "Marta Oskveld", "Jonas Feldqvist", "Lena Morl"]
ORGS = ["Delmar Marine Holdings", "Kessel Bank", "Port Alden Harbour Authority", "Orbis Wire"]
PLACES = ["Port Alden", "Velmora", "Karsund"]
PROVIDERS = ["Coastline Ledger (CL)", "Kessel News Agency (KNA)", "Velmora Times"]

SETTINGS = """\
exec(compile(open({conf!r}, encoding="utf-8").read(), {conf!r}, "exec"))
PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
NEWSARCHIVE_INDEX_DIR = {index!r}
NEWSARCHIVE_ENTITIES_FILE = None
CACHE_PATH = {cache!r}
ENTITY_PAGE_SIZE = 3
DEFAULT_PAGINATION = 4
NEWSARCHIVE_ARCHIVE_PAGE_SIZE = 3
NEWSARCHIVE_SITEMAP = True  # fed by every page written or reused: compared with the rest
assert "incremental" in PLUGINS
"""


def write_article(
    content: Path,
    index: int,
    *,
    date: dt.date | None,
    title: str | None = None,
    people: list[str] | None = None,
    extra: str = "",
) -> Path:
    rng = random.Random(index)
    title = title or f"Harbour Report Number {index}"
    slug = f"harbour-report-number-{index}"
    folder = content / (f"{date:%Y}/{date:%m}" if date else "undated")
    meta: dict = {"title": title, "slug": slug}
    if date:
        meta["date"] = date
    meta["source"] = {
        "network": "MENAFN",
        "provider": PROVIDERS[index % len(PROVIDERS)],
        "id": f"MENAFN0101202400021401104{index:04d}ID{1100000000 + index}",
        "article_id": str(1100000000 + index),
    }
    meta["entities"] = {
        "people": people if people is not None else rng.sample(PEOPLE, 2),
        "organizations": rng.sample(ORGS, 2),
        "places": rng.sample(PLACES, 1),
        "other": [],
    }
    meta["summary"] = f"Summary of report {index}."
    meta["words"] = 40
    body = (
        f"The harbour report number {index} covers dredging and tariffs.\n\n"
        f"## Funding\n\nThe fund said the work would start soon. {extra}\n"
    )
    path = folder / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(meta) + body, encoding="utf-8")
    return path


def settings_file(root: Path, project: Path, var: str, repo: Path) -> Path:
    path = project / f"{var}.py"
    path.write_text(
        SETTINGS.format(
            conf=str(repo / "pelicanconf.py"),
            content=str(project / "content"),
            theme=str(repo / "theme"),
            plugins=str(repo / "plugins"),
            index=str(project / var / "index"),
            cache=str(project / var / "cache"),
        ),
        encoding="utf-8",
    )
    return path


def build(settings: Path, output: Path, repo: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(repo))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsarchive",
            "build",
            "--settings",
            str(settings),
            "--output",
            str(output),
        ],
        cwd=settings.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file()
    }


def counts(log: str) -> tuple[int, int, int]:
    line = next(x for x in log.splitlines() if x.startswith("incremental:"))
    words = line.replace(",", "").split()
    return int(words[1]), int(words[4]), int(words[6])


@pytest.fixture(scope="module")
def incremental_run(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> dict:
    project = tmp_path_factory.mktemp("incremental")
    # A snapshot of the theme and plugins, so the three builds see the same templates and code.
    snapshot = project / "repo"
    shutil.copytree(repo_root / "theme", snapshot / "theme")
    shutil.copytree(
        repo_root / "plugins", snapshot / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(repo_root / "pelicanconf.py", snapshot / "pelicanconf.py")
    content = project / "content" / "articles"
    start = dt.date(2023, 1, 5)
    paths = {}
    for i in range(24):
        date = None if i % 11 == 5 else start + dt.timedelta(days=9 * i)
        paths[i] = write_article(content, i, date=date)
    inc_conf = settings_file(project, project, "var-inc", snapshot)
    out_inc = project / "out-inc"
    first = build(inc_conf, out_inc, repo_root)
    mtimes_first = mtimes(out_inc)
    second = build(inc_conf, out_inc, repo_root)
    mtimes_second = mtimes(out_inc)
    before = files(out_inc)

    # The daily update.
    write_article(content, 100, date=start + dt.timedelta(days=9 * 23 + 2))
    write_article(content, 101, date=dt.date(2025, 6, 1))  # a new month and year
    write_article(content, 102, date=None)  # undated
    write_article(
        content,
        7,
        date=start + dt.timedelta(days=63),
        title="Harbour Report Revised",
        extra="A correction was added.",
    )
    write_article(content, 9, date=start + dt.timedelta(days=81), people=["Zora Newcombe"])
    removed_page = "articles/" + paths[3].relative_to(content).as_posix()[:-3] + ".html"
    assert (out_inc / removed_page).is_file()
    paths[3].unlink()
    # The compiled templates kept between builds, one of them cut short as by a full disk.
    compiled = sorted((project / "var-inc" / "cache" / "jinja").glob("*.cache"))
    compiled[0].write_bytes(compiled[0].read_bytes()[:40])
    third = build(inc_conf, out_inc, repo_root)
    # A page damaged by hand after the build (its size and time change) is rendered again.
    damaged = out_inc / "articles" / f"{paths[1].relative_to(content).as_posix()[:-3]}.html"
    damaged.write_text(damaged.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    fourth = build(inc_conf, out_inc, repo_root)

    full_conf = settings_file(project, project, "var-full", snapshot)
    out_full = project / "out-full"
    build(full_conf, out_full, repo_root)
    return {
        "compiled": compiled,
        "first": first,
        "second": second,
        "third": third,
        "fourth": fourth,
        "mtimes_first": mtimes_first,
        "mtimes_second": mtimes_second,
        "inc": out_inc,
        "full": out_full,
        "before": before,
        "removed_page": removed_page,
    }


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_unchanged_rebuild_renders_nothing(incremental_run: dict) -> None:
    rendered, reused, removed = counts(incremental_run["second"])
    assert rendered == 0 and removed == 0
    assert reused == counts(incremental_run["first"])[0] > 20


def test_unchanged_pages_are_not_rewritten(incremental_run: dict) -> None:
    """A no-change rebuild leaves every page file untouched (a deploy copies nothing)."""
    first, second = incremental_run["mtimes_first"], incremental_run["mtimes_second"]
    pages = [rel for rel in first if rel.endswith(".html") and not rel.startswith("search/")]
    assert len(pages) > 20
    assert {rel: second[rel] for rel in pages} == {rel: first[rel] for rel in pages}


def test_a_page_edited_after_the_build_is_rendered_again(incremental_run: dict) -> None:
    rendered, reused, removed = counts(incremental_run["fourth"])
    assert (rendered, removed) == (1, 0) and reused > 20


def test_compiled_templates_are_kept_for_the_next_build(incremental_run: dict) -> None:
    """The theme is compiled once, not once per build and generator; a cut-short file of it
    (cut before the update) is compiled again, and the update still equals a clean build."""
    compiled = incremental_run["compiled"]
    assert len(compiled) >= 10  # article, entity, archive, index pages and their partials
    assert all(path.stat().st_size > 400 for path in compiled)


def test_update_renders_only_part_of_the_site(incremental_run: dict) -> None:
    rendered, reused, removed = counts(incremental_run["third"])
    assert rendered > 0 and reused > 0
    assert removed >= 1  # the removed article's page at least
    assert not (incremental_run["inc"] / incremental_run["removed_page"]).exists()


def test_incremental_output_equals_clean_full_build(incremental_run: dict) -> None:
    inc, full = incremental_run["inc"], incremental_run["full"]
    inc_files, full_files = files(inc), files(full)
    assert inc_files == full_files
    assert inc_files != incremental_run["before"]
    differing = [
        rel for rel in sorted(inc_files) if not filecmp.cmp(inc / rel, full / rel, shallow=False)
    ]
    assert differing == []
    assert "people/zora-newcombe.html" in (inc / "sitemap.xml").read_text(encoding="utf-8")
    page = (inc / "people/zora-newcombe.html").read_text(encoding="utf-8")
    assert "Harbour Report Number 9" in page


HREF = re.compile(r'href="([^"]+)"')


def _links(page: Path, output: Path) -> set[str]:
    """The site pages ``page`` links to, as paths under ``output``."""
    found = set()
    for href in HREF.findall(page.read_text(encoding="utf-8")):
        target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
        if output in target.parents:
            found.add(target.relative_to(output).as_posix())
    return found


def unit_records(var: Path) -> tuple[dict, dict]:
    """The entity units (key -> [token, pages]) the last two builds recorded: the previous
    build's from the copy ``build`` keeps, this one's from the state file."""
    (state,) = (var / "cache" / "incremental").glob("*.json")
    previous = json.loads(state.with_suffix(".before").read_text(encoding="utf-8"))
    return previous["units"], json.loads(state.read_text(encoding="utf-8"))["units"]


def test_pages_that_read_an_article_and_no_others_are_rendered_when_it_changes(
    tmp_path: Path, repo_root: Path
) -> None:
    """The page-dependency record is exact: after one article's text changes (its title and
    summary kept), the pages rendered again are its own page and the lists that show it (home,
    entity, source, month, archive overview), which are the pages other than articles that link
    to it. Its neighbours' pages (which show only its title and URL) and every other page are
    reused untouched."""
    content = tmp_path / "content" / "articles"
    start = dt.date(2023, 1, 5)
    paths = {i: write_article(content, i, date=None if i % 11 == 5 else
                              start + dt.timedelta(days=9 * i)) for i in range(30)}
    conf = settings_file(tmp_path, tmp_path, "var", repo_root)
    out = tmp_path / "out"
    build(conf, out, repo_root)
    before = mtimes(out)
    (state,) = (tmp_path / "var" / "cache" / "incremental").glob("*.json")
    shutil.copy(state, state.with_suffix(".before"))
    edited = paths[12]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                      encoding="utf-8")
    log = build(conf, out, repo_root)
    after = mtimes(out)
    rendered = {rel for rel in after if rel.endswith(".html") and not rel.startswith("search/")
                and after[rel] != before.get(rel)}
    own = "articles/" + edited.relative_to(content).as_posix()[:-3] + ".html"
    readers = {rel for rel in after if rel.endswith(".html") and not rel.startswith("articles/")
               and own in _links(out / rel, out)}
    assert len(readers) >= 5  # home, entity, source, month and archive pages at least
    assert rendered == {own} | readers
    assert counts(log)[0] == len(rendered)
    # An entity's pages are one unit: the units of the entities the edited article names are
    # fingerprinted page by page again (their tokens changed), every other unit is kept whole.
    units_before, units_after = unit_records(tmp_path / "var")
    changed = {key for key, (token, _) in units_after.items() if units_before[key][0] != token}
    named = normalise_entities(split(edited.read_text(encoding="utf-8"))[0]["entities"])
    assert changed == {entity_name_url(name, kind) for kind, names in named.items()
                       for name in names}
    kept = sum(len(pages) for key, (_, pages) in units_after.items() if key not in changed)
    assert kept > 0 and f"({kept} reused with their entity" in log


def test_a_new_article_leaves_the_pages_of_other_months_and_sources_alone(
    tmp_path: Path, repo_root: Path
) -> None:
    """A new article comes first in the site-wide list, so every month, year and source holds
    its articles at positions one further on. Their pages show the articles, not the positions:
    of the month and source pages, exactly those that list the new article are rendered again.
    The article it follows now links to it from its own page, which no list shows: the pages
    listing that neighbour (another provider's) stay as they are too."""
    content = tmp_path / "content" / "articles"
    start = dt.date(2023, 1, 5)
    for i in range(30):
        write_article(content, i, date=start + dt.timedelta(days=9 * i))
    conf = settings_file(tmp_path, tmp_path, "var", repo_root)
    out = tmp_path / "out"
    build(conf, out, repo_root)
    before = mtimes(out)
    new = write_article(content, 300, date=start + dt.timedelta(days=9 * 29 + 2))
    assert PROVIDERS[300 % len(PROVIDERS)] != PROVIDERS[29 % len(PROVIDERS)]
    build(conf, out, repo_root)
    after = mtimes(out)
    group = re.compile(r"(archives/\d{4}/\d{2}|sources/(?!index)[^/]+)\.html")
    pages = {rel for rel in after if group.fullmatch(rel)}
    own = "articles/" + new.relative_to(content).as_posix()[:-3] + ".html"
    listing = {rel for rel in pages if own in _links(out / rel, out)}
    rendered = {rel for rel in pages if after[rel] != before.get(rel)}
    assert len(pages - listing) >= 8  # other months and sources, which must be left alone
    assert listing and sorted(rendered) == sorted(listing)
