"""Articles hold their HTML packed (``newsarchive.site.packed``): the content cache (whole
articles) keeps no article's HTML as text, and a build that takes every article back from that
cache writes the same bytes as the build that made it; a change of settings drops the cache;
the cache holds an article while its file holds the same bytes, whatever its time
(``newsarchive.site.stamps``)."""

from __future__ import annotations

import filecmp
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

from newsarchive.digests import sha256_hex
from newsarchive.site.packed import PackedArticle, pack, pack_article, packed_of, unpack
from pelicanconf import PLUGINS

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "site"
#: A sentence of tests/fixtures/site/content/articles/2024/03/delmar-wins-dredging-contract.md
PHRASE = "dredging"


def _build(settings: Path, output: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "build", "--settings", str(settings),
         "--output", str(output)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stderr


def _same_tree(one: Path, other: Path) -> list[str]:
    different = []
    for path in sorted(one.rglob("*")):
        twin = other / path.relative_to(one)
        if path.is_file() and not (twin.is_file() and filecmp.cmp(path, twin, shallow=False)):
            different.append(str(path.relative_to(one)))
    extra = {p.relative_to(other) for p in other.rglob("*")} - {
        p.relative_to(one) for p in one.rglob("*")
    }
    return different + sorted(map(str, extra))


def test_the_content_cache_is_packed_and_a_build_from_it_is_the_same(
    tmp_path: Path, settings_writer
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    settings = settings_writer(
        tmp_path, content, NEWSARCHIVE_ENTITIES_FILE=str(FIXTURES / "entities.yml")
    )
    _build(settings, tmp_path / "cold")

    cache = tmp_path / "cache" / "ArticlesGenerator"
    raw = cache.read_bytes()
    entries = pickle.loads(raw)
    assert entries
    htmls = []
    for _stamp, article in entries.values():
        assert isinstance(article, PackedArticle)
        htmls.append(unpack(packed_of(article)))
    assert any(PHRASE in html for html in htmls)
    assert all(html.encode() not in raw for html in htmls if len(html) > 40)

    # every article now comes from the cache; every page is rendered again (a new folder)
    assert "reading every article again" not in _build(settings, tmp_path / "warm")
    assert _same_tree(tmp_path / "cold", tmp_path / "warm") == []


#: A plugin that notes every article or page read from its file rather than the cache: Pelican
#: sends ``content_object_init`` as it makes one, and the cache gives back those it made before.
READ_LOG = """
from pelican import signals


def _note(content):
    with open({log!r}, "a", encoding="utf-8") as handle:
        handle.write(content.source_path + "\\n")


def register():
    signals.content_object_init.connect(_note)
"""


def test_an_article_whose_file_changed_time_but_not_bytes_comes_from_the_cache(
    tmp_path: Path, settings_writer
) -> None:
    """An archive copied without its times, or written again as it was, is not read again:
    only the article whose bytes changed is, and the cache's stamps are the files' digests."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    log = tmp_path / "read.log"
    plugin = tmp_path / "extra" / "read_log" / "__init__.py"
    plugin.parent.mkdir(parents=True)
    plugin.write_text(READ_LOG.format(log=str(log)), encoding="utf-8")
    settings = settings_writer(
        tmp_path, content, NEWSARCHIVE_ENTITIES_FILE=str(FIXTURES / "entities.yml"),
        PLUGIN_PATHS=[str(REPO / "plugins"), str(plugin.parents[1])],
        PLUGINS=[*PLUGINS, "read_log"],
    )
    files = sorted(content.rglob("*.md"))
    _build(settings, tmp_path / "first")
    assert sorted(log.read_text("utf-8").split()) == sorted(map(str, files))

    log.unlink()
    later = os.stat(files[0]).st_mtime + 3600
    for path in files:
        path.write_bytes(path.read_bytes())
        os.utime(path, (later, later))
    edited = content / "articles" / "2024" / "03" / "delmar-wins-dredging-contract.md"
    edited.write_text(edited.read_text("utf-8") + "\nThe quay reopens in Quellmarch.\n", "utf-8")
    os.utime(edited, (later, later))
    _build(settings, tmp_path / "second")
    assert log.read_text("utf-8").split() == [str(edited)]
    (page,) = (tmp_path / "second" / "articles").rglob("delmar-wins-dredging-contract.html")
    assert "Quellmarch" in page.read_text("utf-8")
    stamps = {stamp for stamp, _ in pickle.loads(
        (tmp_path / "cache" / "ArticlesGenerator").read_bytes()).values()}
    articles = [p for p in files if "articles" in p.parts]
    assert stamps == {sha256_hex(p.read_bytes()) for p in articles}


def test_a_change_of_settings_drops_the_content_cache(tmp_path: Path, settings_writer) -> None:
    """Pelican's cache gives an article back as it was made (its date text, say, under the
    date format of that build). The build drops the cache when the settings change."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    settings = settings_writer(
        tmp_path, content, NEWSARCHIVE_ENTITIES_FILE=str(FIXTURES / "entities.yml")
    )
    cache = tmp_path / "cache" / "ArticlesGenerator"

    def dates() -> set[str]:
        entries = pickle.loads(cache.read_bytes()).values()
        return {article.locale_date for _stamp, article in entries}

    assert "reading every article again" not in _build(settings, tmp_path / "first")
    before = dates()
    assert before and all("-" not in text for text in before)  # "01 Mar 2024"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nDEFAULT_DATE_FORMAT = "%Y-%m-%d"\n',
        encoding="utf-8",
    )
    assert "settings changed" in _build(settings, tmp_path / "second")
    after = dates()
    assert len(after) == len(before) and all("-" in text for text in after)  # "2024-03-01"


def test_a_packed_article_reads_and_renders_its_html_unchanged() -> None:
    import datetime as dt

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    html = "<p>Quay dues at Port Alden rise by 4\u202f% \u2014 caf\u00e9 owners object.</p>"
    article = Article(html, metadata={"title": "Quay dues", "date": dt.datetime(2024, 3, 1)},
                      settings=dict(DEFAULT_CONFIG))
    pack_article(article)
    assert type(article) is PackedArticle
    assert "_content" not in vars(article)
    assert packed_of(article) == pack(html)
    assert article._content == html and article.content == html


def test_only_an_article_that_may_link_to_a_site_file_is_scanned_for_links() -> None:
    import datetime as dt

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    def article(html: str) -> PackedArticle:
        made = Article(html, metadata={"title": "Quay map", "date": dt.datetime(2024, 3, 1)},
                       settings=dict(DEFAULT_CONFIG), source_path="/archive/quay-map.md",
                       context={"static_content": {}, "generated_content": {}})
        pack_article(made)
        assert type(made) is PackedArticle
        return made

    linked = article('<p>See <a href="{static}/images/quay.png">the map</a>.</p>')
    assert linked.__dict__["_may_link"] is True
    assert linked.get_static_links() == {"images/quay.png"}
    plain = article("<p>The quay reopens in May.</p>")
    assert plain.__dict__["_may_link"] is False
    assert plain.get_static_links() == set() and plain.content == "<p>The quay reopens in May.</p>"
