"""The YAML front-matter reader: nested YAML reaches Pelican's templates as real dicts and lists."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pelican import Pelican, signals

from newsarchive.article import UNDATED_SENTINEL
from newsarchive.frontmatter import split
from newsarchive.site.command import load_settings
from newsarchive.site.metadata import to_pelican_metadata

REPO = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = REPO / "tests" / "fixtures" / "site" / "content"
PROBE = (
    "{% if article.source is defined %}{{ article.source is mapping }}|"
    "{{ article.source.provider }}{% else %}-|-{% endif %}|"
    "{{ article.entities.places|join(';') }}|{{ article.entities.people is sequence }}|"
    "{{ article.raw.sha256[-1:] }}|"
    "{{ article.retrieved.year if article.retrieved is defined else '-' }}|{{ article.undated }}"
)


def _fixture_settings(tmp_path):
    """Settings for a real in-process Pelican run over a copy of the fixture site (reader and
    entity pages, no search step)."""
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    settings = load_settings(REPO / "pelicanconf.py", tmp_path / "output")
    settings.update(
        PATH=str(tmp_path / "content"),
        CACHE_PATH=str(tmp_path / "cache"),
        NEWSARCHIVE_INDEX_DIR=str(tmp_path / "index"),
        NEWSARCHIVE_ENTITIES_FILE="",
        PLUGINS=["yaml_front_matter", "entity_pages"],
        DIRECT_TEMPLATES=[],
    )
    return settings


def test_nested_yaml_arrives_in_templates_as_dicts_and_lists(tmp_path):
    """A real in-process Pelican run; a signal handler renders a template with each article."""
    settings = _fixture_settings(tmp_path)
    rendered: dict[str, str] = {}
    types: dict[str, tuple[type, type, type]] = {}

    def probe(generator):
        template = generator.env.from_string(PROBE)
        for article in generator.articles:
            rendered[article.slug] = template.render(article=article)
            types[article.slug] = (type(article.source if hasattr(article, "source") else {}),
                                   type(article.entities), type(article.entities["people"]))

    signals.article_generator_finalized.connect(probe)
    try:
        Pelican(settings).run()
    finally:
        signals.article_generator_finalized.disconnect(probe)

    assert len(rendered) == 7
    assert rendered["delmar-wins-dredging-contract"] == (
        "True|Harbour Wire|Kessel Bay;Port Alden|True|3|2024|False"
    )
    assert types["delmar-wins-dredging-contract"] == (dict, dict, list)
    assert rendered["ferry-timetable-notice"] == "-|-|Port Alden|True|6|-|True"


def test_summary_is_escaped_title_kept_as_text():
    meta = to_pelican_metadata(
        {"title": "A <b>bold</b> & title", "summary": "<script>x</script> & co",
         "date": "2024-03-12"},
        "2024/03/a-bold-title",
    )
    assert meta["title"] == "A <b>bold</b> & title"
    assert meta["summary"] == "&lt;script&gt;x&lt;/script&gt; &amp; co"
    assert meta["date"] == dt.datetime(2024, 3, 12)
    assert meta["undated"] is False
    assert meta["entities"] == {"people": [], "organizations": [], "places": [], "other": []}


def test_undated_article_gets_flag_sentinel_and_undated_url():
    meta = to_pelican_metadata({"title": "No Date Here", "slug": "../x/No Date"}, "undated/n")
    assert meta["undated"] is True
    assert meta["date"] == UNDATED_SENTINEL
    assert meta["slug"] == "x-no-date"
    assert meta["url"] == meta["save_as"] == "articles/undated/x-no-date.html"


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"slug": "x"}, "no 'title'"),
        ({"title": "T", "date": "soon"}, "'date' is not a date"),
        ({"title": "T", "entities": ["a"]}, "'entities' is not a mapping"),
        ({"title": "T", "entities": {"animals": ["cat"]}}, "unknown type 'animals'"),
        ({"title": "T", "source": "Wire"}, "'source' is not a mapping"),
    ],
)
def test_bad_front_matter_names_the_field(meta, message):
    with pytest.raises(ValueError, match=message):
        to_pelican_metadata(meta, "2024/03/probe")


def test_broken_article_is_reported_and_others_still_built(tmp_path):
    """One file with broken YAML: the build says which file and why, exits 1, writes the rest."""
    import subprocess
    import sys

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    bad = content / "articles" / "2024" / "03" / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *\n"
        f"PATH = {str(content)!r}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        f"THEME = {str(REPO / 'theme')!r}\nPLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        "PLUGINS = ['yaml_front_matter', 'entity_pages']\nDIRECT_TEMPLATES = []\n"
        f"NEWSARCHIVE_INDEX_DIR = {str(tmp_path / 'index')!r}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "build", "--settings", str(settings),
         "--output", str(tmp_path / "output")],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "broken.md" in log and "not valid YAML" in log
    assert (tmp_path / "output/articles/2024/03/delmar-wins-dredging-contract.html").is_file()
    assert (tmp_path / "output/people/ines-varga-holt.html").is_file()


def test_what_a_build_freezes_for_the_collector_it_gives_back(tmp_path):
    """While the articles are read, the collector makes no full collections; once they are
    read, they and the catalog are frozen out of it while the pages are written, to the end of
    the build's last step; then the collector is as before (a process may build again)."""
    import gc

    settings = _fixture_settings(tmp_path)
    thresholds = gc.get_threshold()
    reading: list[tuple[int, ...]] = []
    frozen: list[int] = []
    finalizing: list[int] = []

    def threshold(_generator):
        reading.append(gc.get_threshold())

    def count(_pelican):
        frozen.append(gc.get_freeze_count())

    def last_step(_pelican):
        finalizing.append(gc.get_freeze_count())

    signals.article_generator_preread.connect(threshold)
    signals.all_generators_finalized.connect(count)
    try:
        pelican = Pelican(settings)  # the plugins' receivers are connected by now
        receivers = set(signals.finalized.receivers)
        signals.finalized.connect(last_step)
        pelican.run()
    finally:
        signals.article_generator_preread.disconnect(threshold)
        signals.all_generators_finalized.disconnect(count)
        signals.finalized.disconnect(last_step)
    assert reading and reading[0][:2] == thresholds[:2]
    assert reading[0][2] > 1_000_000  # no full collection while reading
    assert frozen and frozen[0] > 1000
    # still frozen (less what was freed meanwhile) in a receiver connected after the plugins'
    assert finalizing and finalizing[0] > 1000
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
    assert set(signals.finalized.receivers) == receivers  # the release is connected per build


def test_keys_and_recurring_source_names_are_one_string_for_every_article():
    """Every article keeps its metadata to the end of the build: the keys the YAML loader makes
    anew for each file, and the agency names repeated in thousands of them, are kept once."""

    def read(number: int) -> dict:
        text = (
            f'---\ntitle: "Harbour note {number}"\ndate: 2024-03-1{number}\n'
            f'source:\n  network: "WIRE"\n  provider: "Ostmark Press Agency"\n'
            f'  id: "op-{number}"\nraw:\n  path: "plain/{number}.txt"\n---\nText.\n'
        )
        meta, _body = split(text)
        return to_pelican_metadata(meta, f"2024/03/harbour-note-{number}")

    one, two = read(1), read(2)

    def key(mapping: dict, name: str) -> str:
        return next(k for k in mapping if k == name)

    for name in ("title", "source", "raw"):
        assert key(one, name) is key(two, name)
    for name in ("network", "provider", "id"):
        assert key(one["source"], name) is key(two["source"], name)
    assert key(one["raw"], "path") is key(two["raw"], "path")
    assert one["source"]["provider"] is two["source"]["provider"]
    assert one["source"]["network"] is two["source"]["network"]
    # what differs stays as read
    assert (one["source"]["id"], two["source"]["id"]) == ("op-1", "op-2")
    assert one["raw"] == {"path": "plain/1.txt"}
