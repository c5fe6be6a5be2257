"""The segmented index: an update rewrites only the segments whose articles changed, and the
result ranks and exports exactly like a clean single-pass build."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from newsarchive.digests import sha256_hex
from newsarchive.search import build as build_mod
from newsarchive.search import export as export_mod
from newsarchive.search import index as index_mod
from newsarchive.search.build import build_search
from newsarchive.search.export import export_index
from newsarchive.search.index import VERSION_FILE, update_index
from newsarchive.search.postings import CACHE_SUFFIX, SegmentPostings
from newsarchive.search.searcher import search

from .conftest import index_facts, run_js
from .synth import write_archive

QUERIES = ["harbour", "quortellian", "harbour vote", "the", "glimmerwharf", "ka*"]


@pytest.fixture
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five articles per segment, split above ten, so a small archive has many segments."""
    monkeypatch.setattr(index_mod, "SEGMENT_ARTICLES", 5)


def _state(index: Path) -> list[tuple[str, list[str]]]:
    data = json.loads((index / VERSION_FILE).read_text("utf-8"))
    return [(seg["segment"], [a for a, _ in seg["articles"]]) for seg in data["segments"]]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.js"))}


def _article(content: Path, rel: str, title: str, body: str) -> Path:
    path = content / f"{rel}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'---\ntitle: "{title}"\ndate: 2024-05-02\n---\n\n{body}\n', "utf-8")
    return path


def test_update_rewrites_only_the_changed_segments(tmp_path: Path, small_segments) -> None:
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    write_archive(content, 30, seed=21)
    build_search(content, index, out)
    before = _state(index)
    assert [len(ids) for _, ids in before] == [5] * 6
    inodes = {p.name: p.stat().st_ino for p in index.glob("*.seg")}

    # one edit in the second segment, one removal in the fourth; nothing else moves
    second, fourth = before[1][1][2], before[3][1][0]
    edited = content / f"{second}.md"
    edited.write_text(edited.read_text("utf-8") + "\nA quortellian harbour vote.\n", "utf-8")
    (content / f"{fourth}.md").unlink()
    report = build_search(content, index, out)
    assert report.index.updated == [second] and report.index.removed == [fourth]
    after = _state(index)
    assert [seg for seg, _ in after][::2] == [seg for seg, _ in before][::2]
    assert after[1][0] != before[1][0] and after[3][0] != before[3][0]
    assert after[3][1] == [a for a in before[3][1] if a != fourth]
    for name, inode in inodes.items():  # untouched segments are the same files, linked
        if name.split("_", 1)[1].removesuffix(".seg") in {seg for seg, _ in after}:
            assert (index / name).stat().st_ino == inode

    clean, clean_out = tmp_path / "clean", tmp_path / "clean-search"
    build_search(content, clean, clean_out)
    assert index_facts(index, QUERIES) == index_facts(clean, QUERIES)
    assert _files(out) == _files(clean_out)


def test_additions_join_their_range_and_big_segments_split(
    tmp_path: Path, small_segments, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a late article makes its segment be written with it: none goes to the late segment
    monkeypatch.setattr(index_mod, "LATE_PER_SEGMENT", 1)
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    write_archive(content, 20, seed=22)
    build_search(content, index, out)
    before = _state(index)
    last = before[-1][1][-1]
    # eleven articles after the last one: the last segment grows past ten and is split in four
    added = [
        _article(content, f"{last}z{i:02d}", f"Glimmerwharf {i}", "The harbour.") for i in range(11)
    ]
    # and one that sorts before everything: it joins the first segment
    _article(content, "0000/01/first", "Harbour vote", "The quortellian harbour vote.")
    report = build_search(content, index, out)
    assert len(report.index.added) == 12
    after = _state(index)
    assert after[0][1][0] == "0000/01/first" and after[0][0] != before[0][0]
    assert [seg for seg, _ in after[1:3]] == [seg for seg, _ in before[1:3]]
    tail = [ids for _, ids in after[3:]]
    assert sum(map(len, tail)) == 16 and all(len(ids) <= 10 for ids in tail) and len(tail) == 4
    assert [a for ids in tail for a in ids][-11:] == [
        p.relative_to(content).with_suffix("").as_posix() for p in added
    ]

    clean, clean_out = tmp_path / "clean", tmp_path / "clean-search"
    build_search(content, clean, clean_out)
    assert index_facts(index, QUERIES) == index_facts(clean, QUERIES)
    assert _files(out) == _files(clean_out)


def test_segmented_index_exports_like_one_segment(tmp_path: Path, monkeypatch) -> None:
    content = tmp_path / "articles"
    write_archive(content, 40, seed=23)
    update_index(content, tmp_path / "one")
    assert len(_state(tmp_path / "one")) == 1
    monkeypatch.setattr(index_mod, "SEGMENT_ARTICLES", 3)
    update_index(content, tmp_path / "many")
    assert len(_state(tmp_path / "many")) == 14
    assert index_facts(tmp_path / "many", QUERIES) == index_facts(tmp_path / "one", QUERIES)
    export_index(tmp_path / "one", tmp_path / "one-out")
    export_index(tmp_path / "many", tmp_path / "many-out")
    assert _files(tmp_path / "one-out") == _files(tmp_path / "many-out")


def test_segments_grow_with_the_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert index_mod.segment_size(1_000) == index_mod.SEGMENT_ARTICLES
    assert index_mod.segment_size(100_000) == 2_084  # 48 segments, not 500
    monkeypatch.setattr(index_mod, "SEGMENT_ARTICLES", 2)
    monkeypatch.setattr(index_mod, "SEGMENTS", 4)
    content = tmp_path / "articles"
    write_archive(content, 30, seed=28)
    update_index(content, tmp_path / "index")
    sizes = [len(ids) for _, ids in _state(tmp_path / "index")]
    assert len(sizes) == 4 and sum(sizes) == 30 and max(sizes) == 8  # ceil(30 / 4), not 2


def test_small_segments_join_a_neighbour_when_one_is_written(
    tmp_path: Path, small_segments
) -> None:
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    paths = write_archive(content, 30, seed=29)
    build_search(content, index, out)
    before = _state(index)
    assert [len(ids) for _, ids in before] == [5] * 6
    # the third segment loses three of its five articles: the two left join the second one,
    # and the other segments are not touched
    for ident in before[2][1][:3]:
        (content / f"{ident}.md").unlink()
    build_search(content, index, out)
    after = _state(index)
    assert [len(ids) for _, ids in after] == [5, 7, 5, 5, 5]
    assert after[1][1] == before[1][1] + before[2][1][3:]
    assert [seg for seg, _ in after[2:]] == [seg for seg, _ in before[3:]]
    assert after[0][0] == before[0][0]
    clean, clean_out = tmp_path / "clean", tmp_path / "clean-search"
    build_search(content, clean, clean_out)
    assert index_facts(index, QUERIES) == index_facts(clean, QUERIES)
    assert _files(out) == _files(clean_out)
    assert len(paths) == 30


def test_a_damaged_state_file_means_a_clean_rebuild(tmp_path: Path, small_segments) -> None:
    content, index = tmp_path / "articles", tmp_path / "index"
    write_archive(content, 12, seed=24)
    update_index(content, index)
    (index / VERSION_FILE).write_text('{"schema": 3, "segments": [', "utf-8")
    report = update_index(content, index)
    assert len(report.added) == 12 and not report.failed
    assert sum(len(ids) for _, ids in _state(index)) == 12
    assert not [p for p in index.parent.iterdir() if p.name.endswith((".new", ".old"))]


def test_unchanged_article_that_no_longer_parses_leaves_with_its_segment(
    tmp_path: Path, small_segments
) -> None:
    content, index = tmp_path / "articles", tmp_path / "index"
    paths = write_archive(content, 10, seed=25)
    update_index(content, index)
    state = _state(index)
    # a change in the first segment makes its other articles be read again; fake a stricter
    # parser by breaking one of them behind the index's back (same hash recorded)
    first, victim = (content / f"{a}.md" for a in state[0][1][:2])
    first.write_text(first.read_text("utf-8") + "\nMore.\n", "utf-8")
    data = json.loads((index / VERSION_FILE).read_text("utf-8"))
    victim.write_text("no front matter\n", "utf-8")
    digest = sha256_hex(victim.read_bytes())
    data["segments"][0]["articles"][1][1] = digest
    (index / VERSION_FILE).write_text(json.dumps(data), "utf-8")
    report = update_index(content, index)
    victim_id = state[0][1][1]
    assert report.removed == [victim_id] and [p for p, _ in report.failed] == [str(victim)]
    assert report.unchanged == 8 and len(report.updated) == 1
    assert victim_id not in [a for _, ids in _state(index) for a in ids]
    assert os.path.isdir(index) and len(paths) == 10


def test_export_reads_each_segment_once_and_caches_it(tmp_path: Path, small_segments) -> None:
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    paths = write_archive(content, 20, seed=26)
    build_search(content, index, out)
    segments = [seg for seg, _ in _state(index)]
    caches = sorted(index.glob(f"*{CACHE_SUFFIX}"))
    assert [c.name for c in caches] == sorted(f"articles_{seg}{CACHE_SUFFIX}" for seg in segments)
    expected = _files(out)

    # a damaged cache and a missing one are read again from their segments
    caches[0].write_bytes(b"not a cache")
    caches[1].unlink()
    again = tmp_path / "again"
    export_index(index, again)
    assert _files(again) == expected
    assert SegmentPostings.from_bytes(caches[0].read_bytes()) is not None and caches[1].is_file()

    # an update drops the caches of the segments it replaced, with the segments
    edited = paths[0]
    edited.write_text(edited.read_text("utf-8") + "\nA glimmerwharf.\n", "utf-8")
    build_search(content, index, out)
    now = {seg for seg, _ in _state(index)}
    assert {c.name.split("_", 1)[1].removesuffix(CACHE_SUFFIX) for c in index.glob("*.nax")} == now
    assert len(now - set(segments)) == 1
    clean, clean_out = tmp_path / "clean", tmp_path / "clean-search"
    build_search(content, clean, clean_out)
    assert _files(out) == _files(clean_out)


def test_segments_written_in_parallel_equal_one_by_one(
    tmp_path: Path, small_segments, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "articles"
    write_archive(content, 23, seed=27)
    monkeypatch.setenv("NEWSARCHIVE_SEARCH_JOBS", "1")
    build_search(content, tmp_path / "serial", tmp_path / "serial-out")
    monkeypatch.setenv("NEWSARCHIVE_SEARCH_JOBS", "3")
    assert index_mod.search_jobs() == 3
    build_search(content, tmp_path / "parallel", tmp_path / "parallel-out")
    assert len(_state(tmp_path / "parallel")) == 5
    assert index_facts(tmp_path / "parallel", QUERIES) == index_facts(tmp_path / "serial", QUERIES)
    assert _files(tmp_path / "parallel-out") == _files(tmp_path / "serial-out")
    assert not [p for p in tmp_path.iterdir() if "-parts-" in p.name]


def test_lent_cpus_let_a_second_writer_in_only_with_a_permit(
    tmp_path: Path, small_segments, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site build lends the segment writers one CPU and hands over a second when Pelican is
    done (``lend_cpus``): with one permit one writer process writes every segment (no second
    one is forked), with two a second writer overlaps it from the start, with a second permit
    handed over later a second writer is forked then and takes the segments left, and the bytes
    are the same."""
    content = tmp_path / "articles"
    write_archive(content, 23, seed=27)
    monkeypatch.setenv("NEWSARCHIVE_SEARCH_JOBS", "1")
    build_search(content, tmp_path / "serial", tmp_path / "serial-out")
    log = tmp_path / "writers.log"
    real = index_mod._write_segment

    def logged(folder: str, number: int):  # runs in the forked writers
        start = time.monotonic()
        time.sleep(0.3)  # long enough for a second writer, if let in, to overlap
        out = real(folder, number)
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {start} {time.monotonic()}\n")
        return out

    monkeypatch.setattr(index_mod, "_write_segment", logged)
    context = multiprocessing.get_context("fork")
    for permits, later in ((1, None), (2, None), (1, 0.8)):
        log.write_text("", encoding="utf-8")
        semaphore = context.Semaphore(permits)
        index_mod.lend_cpus(semaphore)
        handed = []
        if later is not None:  # as the site build does when Pelican is done
            def hand_over(semaphore=semaphore, later=later, handed=handed) -> None:
                time.sleep(later)
                handed.append(time.monotonic())
                semaphore.release()
            threading.Thread(target=hand_over).start()
        name = f"lent{permits}-{later}"
        try:
            build_search(content, tmp_path / name, tmp_path / f"{name}-out")
        finally:
            index_mod.lend_cpus(None)
        rows = [line.split() for line in log.read_text("utf-8").splitlines()]
        spans = sorted((float(start), float(end), pid) for pid, start, end in rows)
        assert len(spans) == 5
        overlaps = any(b[0] < a[1] for a, b in zip(spans, spans[1:], strict=False))
        assert overlaps == (permits == 2 or later is not None), (permits, later)
        writers = {pid for _start, _end, pid in spans}
        assert len(writers) == (1 if (permits, later) == (1, None) else 2), (permits, later)
        if later is not None:  # the second writer started only once the permit came
            second = {pid for _s, _e, pid in spans} - {spans[0][2]}
            assert min(s for s, _e, pid in spans if pid in second) >= handed[0]
        facts = index_facts(tmp_path / name, QUERIES)
        assert facts == index_facts(tmp_path / "serial", QUERIES)
        assert _files(tmp_path / f"{name}-out") == _files(tmp_path / "serial-out")


def test_an_article_added_first_rewrites_no_other_text_shard(tmp_path: Path) -> None:
    """Text shards are named by their data, not by document number: an article whose path
    sorts first shifts every document number, yet only its own text shard is written, and only
    its own folder's row shard (rows are chunked by number within a folder)."""
    content = tmp_path / "articles"
    paths = write_archive(content, 30, seed=31)
    update_index(content, tmp_path / "index")
    export_index(tmp_path / "index", tmp_path / "out")
    first = content / "2000" / "01" / "first-of-all.md"
    first.parent.mkdir(parents=True)
    first.write_text(paths[0].read_text(encoding="utf-8") + "\nA sentence only this one has.\n",
                     encoding="utf-8")
    update_index(content, tmp_path / "index")
    report = export_index(tmp_path / "index", tmp_path / "out")
    assert len([n for n in report.written if n.startswith("x/")]) == 1
    assert [n for n in report.written if n.startswith("d/")] == [f"d/{_group('2000/01')}-0"]
    export_index(tmp_path / "index", tmp_path / "clean")
    assert _files(tmp_path / "out") == _files(tmp_path / "clean")


def _group(folder: str) -> str:
    return hashlib.blake2b(folder.encode(), digest_size=4).hexdigest()


def test_an_article_added_to_an_older_month_rewrites_that_months_rows_only(
    tmp_path: Path,
) -> None:
    """An article added to an older month shifts the numbers of every later document: its own
    month's row shards from its place on are written again, no other month's, and the client
    finds every document's row where the manifest's groups say."""
    content = tmp_path / "articles"
    paths = write_archive(content, 60, seed=32)
    update_index(content, tmp_path / "index")
    export_index(tmp_path / "index", tmp_path / "out")
    by_folder = Counter(p.parent.relative_to(content).as_posix() for p in paths)
    folder = max(sorted(f for f in by_folder if f != "undated"), key=by_folder.__getitem__)
    later = [p for p in paths if p.parent.relative_to(content).as_posix() > folder]
    assert by_folder[folder] >= 2 and later
    added = content / folder / "aaa-found-late.md"
    added.write_text(paths[0].read_text(encoding="utf-8"), encoding="utf-8")
    update_index(content, tmp_path / "index")
    report = export_index(tmp_path / "index", tmp_path / "out")
    rows = sorted(n for n in report.written if n.startswith("d/"))
    assert rows == [f"d/{_group(folder)}-{k}" for k in range(-(-(by_folder[folder] + 1) // 8))]
    export_index(tmp_path / "index", tmp_path / "clean")
    assert _files(tmp_path / "out") == _files(tmp_path / "clean")
    # the client reads each hit's row from the shard the manifest's groups name
    words = sorted({w for w in added.read_text("utf-8").lower().split() if w.isalpha()})[:12]
    found = run_js(tmp_path / "out", words, limit=100, tmp=tmp_path)
    ids = [[h.id for h in search(tmp_path / "index", w, limit=100).hits] for w in words]
    assert [[h["id"] for h in r["hits"]] for r in found] == ids
    assert len({i.rpartition("/")[0] for hits in ids for i in hits}) > 3


def test_an_update_trusts_recorded_file_stats_and_nothing_else(tmp_path: Path) -> None:
    """Files whose size and modification time are the recorded ones are not hashed again; an
    edited file is still found, also when the record is garbled or missing."""
    content = tmp_path / "articles"
    paths = write_archive(content, 12, seed=41)
    update_index(content, tmp_path / "index")
    stats = json.loads((tmp_path / "index" / index_mod.STATS_FILE).read_text("utf-8"))["files"]
    data = json.loads((tmp_path / "index" / VERSION_FILE).read_text("utf-8"))
    indexed = {a: h for seg in data["segments"] for a, h in seg["articles"]}
    assert indexed == {a: v[2] for a, v in stats.items()}
    for damage in ("keep", "garble", "remove"):
        record = tmp_path / "index" / index_mod.STATS_FILE
        if damage == "garble":
            record.write_text("{not json", "utf-8")
        elif damage == "remove":
            record.unlink()
        paths[3].write_text(paths[3].read_text("utf-8") + f"\nEdited ({damage}).\n", "utf-8")
        report = update_index(content, tmp_path / "index")
        assert (len(report.updated), len(report.added), report.unchanged) == (1, 0, 11)


def test_text_shards_left_as_written_are_not_made_again_and_damaged_ones_are(
    tmp_path: Path,
) -> None:
    """The export keeps a text shard whose file still has the size and time the last export
    left (its name is a hash of its data); one edited since is written again."""
    content = tmp_path / "articles"
    paths = write_archive(content, 20, seed=43)
    out, index = tmp_path / "out", tmp_path / "index"
    build_search(content, index, out)
    texts = sorted((out / "x").glob("*.js"))
    damaged = texts[0]
    damaged.write_bytes(damaged.read_bytes().replace(b"NewsarchiveSearch", b"XewsarchiveSearch"))
    paths[5].write_text(paths[5].read_text("utf-8") + "\nOne new closing line.\n", "utf-8")
    report = build_search(content, index, out).export
    assert report is not None
    written = [n for n in report.written if n.startswith("x/")]
    assert f"x/{damaged.stem}" in written and len(written) == 2  # the edited article's, and it
    assert report.kept == 18  # the others, not even made
    build_search(content, tmp_path / "clean-index", tmp_path / "clean")
    assert _files(out) == _files(tmp_path / "clean")


def test_shards_left_as_written_are_compared_by_digest_and_edited_ones_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an update, the export knows a shard file it left untouched by the digest the last
    export recorded (the file is not read back); one edited since, to the same size, is read,
    found different and written again; the output equals a clean build's."""
    content = tmp_path / "articles"
    paths = write_archive(content, 24, seed=44)
    out, index = tmp_path / "out", tmp_path / "index"
    build_search(content, index, out)
    docs = sorted((out / "d").glob("*.js"))
    damaged = docs[-1]
    data = damaged.read_bytes()
    damaged.write_bytes(data.replace(b"NewsarchiveSearch", b"XewsarchiveSearch", 1))
    paths[0].write_text(paths[0].read_text("utf-8") + "\nOne new closing line.\n", "utf-8")
    read: list[str] = []
    real = Path.read_bytes

    def counted(path: Path) -> bytes:
        if out in path.parents:
            read.append(path.relative_to(out).as_posix())
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    report = build_search(content, index, out).export
    monkeypatch.undo()
    assert report is not None and report.unchanged > 0
    assert read == [f"d/{damaged.stem}.js"]  # of the files it did not write, only the edited one
    assert f"d/{damaged.stem}" in report.written
    build_search(content, tmp_path / "clean-index", tmp_path / "clean")
    assert _files(out) == _files(tmp_path / "clean")


def test_a_segment_written_again_reads_only_its_changed_articles(
    tmp_path: Path, small_segments, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unchanged articles of a segment written again come from its stored fields (the
    article files are not read), and the index equals a clean build's."""
    content, index = tmp_path / "articles", tmp_path / "index"
    write_archive(content, 10, seed=27)
    update_index(content, index)
    first = _state(index)[0][1]
    edited = content / f"{first[1]}.md"
    edited.write_text(edited.read_text("utf-8") + "\nA quortellian harbour vote.\n", "utf-8")
    read: list[str] = []
    real = index_mod.read_article
    monkeypatch.setattr(index_mod, "read_article",
                        lambda path, root: read.append(path.name) or real(path, root))
    report = update_index(content, index)
    assert report.updated == [first[1]] and read == [edited.name]
    assert _state(index)[0][1] == first
    update_index(content, tmp_path / "clean")
    assert index_facts(index, QUERIES) == index_facts(tmp_path / "clean", QUERIES)


def test_an_articles_fields_are_rebuilt_from_what_its_segment_stored(tmp_path: Path) -> None:
    from newsarchive.search.document import fields_from_stored, read_article
    from newsarchive.search.schema import build_schema

    schema = build_schema()
    for path in write_archive(tmp_path / "articles", 12, seed=29):
        fields = read_article(path, tmp_path / "articles").whoosh_fields()
        stored = {k: v for k, v in fields.items() if schema[k].stored}
        assert "entities" not in stored and fields_from_stored(stored) == fields


@pytest.mark.parametrize("free", ["at the start", "once merged", "when they are due"])
def test_position_shards_exported_apart_equal_those_exported_in_one_process(
    tmp_path: Path, small_segments, monkeypatch: pytest.MonkeyPatch, free: str
) -> None:
    """With a second CPU free (Pelican done) when the export starts, only once the segments'
    runs are merged, or only when the position shards are due (after the term shards), they are
    exported by a forked process beside the rest: the files, the report and the stamp the next
    export trusts are those of one process, on a first export, on an update that moves document
    numbers (an article sorting first) and when a position shard was edited since; and a
    process that fails leaves the shards to this one."""
    content = tmp_path / "articles"
    write_archive(content, 26, seed=53)
    context = multiprocessing.get_context("fork")
    apart: list[str] = []  # what each forked process made its shards from
    real_init = export_mod._PositionsApart.__init__

    def counted(self, make, *args, **kwargs) -> None:
        apart.append(make.func.__name__)
        real_init(self, make, *args, **kwargs)

    monkeypatch.setattr(export_mod._PositionsApart, "__init__", counted)
    real_lent = index_mod.both_cpus_lent
    asked: list[int] = []

    def lent_while_exporting() -> bool:
        """Pelican is done (its permit is released) when the export asks the second time (the
        runs are merged) or the third (the position shards are due)."""
        asked.append(1)
        if len(asked) == (2 if free == "once merged" else 3) and index_mod._LENT:
            index_mod._LENT[0].release()
        return real_lent()

    if free != "at the start":
        monkeypatch.setattr(build_mod, "both_cpus_lent", lent_while_exporting)

    def both(lent: bool, name: str):
        asked.clear()
        permits = 2 if free == "at the start" else 1
        index_mod.lend_cpus(context.Semaphore(permits) if lent else None)
        try:
            return build_search(content, tmp_path / f"{name}-index", tmp_path / name)
        finally:
            index_mod.lend_cpus(None)

    def same() -> None:
        one, two = both(False, "one"), both(True, "two")
        assert _files(tmp_path / "one") == _files(tmp_path / "two")
        assert one.export is not None and two.export is not None
        assert sorted(one.export.written) == sorted(two.export.written)
        assert one.export.unchanged == two.export.unchanged
        assert one.export.total_bytes == two.export.total_bytes
        assert {k: v[2] for k, v in one.export.files.items()} == {
            k: v[2] for k, v in two.export.files.items()
        }

    made = "position_shards" if free == "at the start" else "_position_shards_of"
    same()
    assert apart == [made]
    _article(content, "0000/aaa-first", "Glimmerwharf tide tables", "Harbour vote, tide tables.")
    same()
    position = sorted((tmp_path / "two" / "p").glob("*.js"))[0]
    position.write_bytes(position.read_bytes().replace(b"[", b"[ ", 1))
    (tmp_path / "one" / "p" / position.name).write_bytes(position.read_bytes())
    _article(content, "0000/aab-second", "Quortellian dues", "Harbour dues rose.")
    same()
    assert apart == [made] * 3

    # a process that dies without a word: the shards are exported here
    monkeypatch.setattr(export_mod, "_positions_part", lambda *args: os._exit(0))
    _article(content, "0000/aac-third", "Harbour tolls", "Tolls rose at the harbour.")
    same()
    assert apart == [made] * 4
