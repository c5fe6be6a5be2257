"""The build's spool (``newsarchive.site.spool``): what an article's packed HTML becomes while
the build runs. It reads back the very bytes, pickles as those bytes, is written only by the
process that made it, and leaves the bytes in memory where no file can be made."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from pathlib import Path

from pelican import Pelican, signals

from newsarchive.site.command import load_settings
from newsarchive.site.packed import PackedArticle, packed_of, unpack
from newsarchive.site.spool import Spool, Spooled, kept, read_back

REPO = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = REPO / "tests" / "fixtures" / "site" / "content"


def test_spooled_bytes_read_back_and_pickle_as_the_bytes(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    first, second = os.urandom(3000), b"second value"
    one, two = spool.keep(first), spool.keep(second)
    assert isinstance(one, Spooled) and isinstance(two, Spooled)
    assert (two.data(), one.data()) == (second, first)
    assert read_back(one) == first and read_back(b"as is") == b"as is"
    again = pickle.loads(pickle.dumps([one, two]))
    assert again == [first, second] and all(type(v) is bytes for v in again)
    # the file has no name: nothing is left in the folder
    assert list(tmp_path.iterdir()) == []


def _in_child(spooled: Spooled, queue: multiprocessing.Queue) -> None:
    queue.put((spooled.data(), type(spooled.spool.keep(b"the child's own")) is bytes))


def test_a_forked_process_reads_its_parents_spool_and_writes_nothing_to_it(
    tmp_path: Path,
) -> None:
    spool = Spool(tmp_path)
    spooled = spool.keep(b"read in the child")
    queue: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_in_child, args=(spooled, queue))
    child.start()
    got = queue.get(timeout=60)
    child.join(60)
    assert got == (b"read in the child", True)
    after = spool.keep(b"the parent's next")
    assert isinstance(after, Spooled) and after.offset == spooled.length
    assert after.data() == b"the parent's next" and spooled.data() == b"read in the child"


def test_without_a_folder_to_spool_in_the_bytes_stay_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    value = kept(b"kept here", blocker / "cache")
    assert type(value) is bytes and value == b"kept here"


def test_a_build_keeps_each_articles_html_in_the_spool(tmp_path: Path) -> None:
    settings = load_settings(REPO / "pelicanconf.py", tmp_path / "output")
    settings.update(
        PATH=str(FIXTURE_CONTENT),
        CACHE_PATH=str(tmp_path / "cache"),
        NEWSARCHIVE_INDEX_DIR=str(tmp_path / "index"),
        NEWSARCHIVE_ENTITIES_FILE="",
        PLUGINS=["yaml_front_matter", "entity_pages"],
        DIRECT_TEMPLATES=[],
    )
    seen: list = []

    def note(generator) -> None:
        seen.extend(generator.articles)

    signals.article_generator_finalized.connect(note)
    try:
        Pelican(settings).run()
    finally:
        signals.article_generator_finalized.disconnect(note)
    assert seen and all(type(a) is PackedArticle for a in seen)
    assert all(isinstance(a.__dict__["_packed"], Spooled) for a in seen)
    for article in seen:
        html = unpack(packed_of(article))
        assert article._content == html and html
        page = (tmp_path / "output" / article.save_as).read_text(encoding="utf-8")
        assert html[:80] in page


def test_a_spool_that_cannot_be_written_leaves_the_bytes_in_memory(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool._file.close()  # as a write fails on a full disk: the call raises OSError
    value = spool.keep(b"still here")
    assert type(value) is bytes and value == b"still here"


def test_a_build_in_another_folder_gets_its_own_spool_and_the_first_still_reads(
    tmp_path: Path,
) -> None:
    first = kept(b"first build", tmp_path / "one")
    second = kept(b"second build", tmp_path / "two")
    assert isinstance(first, Spooled) and isinstance(second, Spooled)
    assert first.spool is not second.spool
    assert (first.data(), second.data()) == (b"first build", b"second build")
    assert kept(b"again", tmp_path / "two").spool is second.spool
