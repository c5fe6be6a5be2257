"""Articles found late: an update puts articles added among older ones in a segment of their own
instead of writing their segments again, and the export and ``newsarchive search`` still number
every article as a clean build does."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.index import TOC

from newsarchive.search import export as export_mod
from newsarchive.search import index as index_mod
from newsarchive.search.build import build_search
from newsarchive.search.index import VERSION_FILE, update_index
from newsarchive.search.interleave import interleave, split
from newsarchive.search.postings import SegmentPostings, load_cache
from newsarchive.search.searcher import search
from newsarchive.search.store import INDEX_NAME, ORDER_FILE, DocumentOrder, open_index

from .conftest import index_facts
from .synth import write_archive

QUERIES = ["harbour", "quortellian", "the", "ka*", "lo", "mar ven"]


def _state(index: Path) -> list[dict]:
    return json.loads((index / VERSION_FILE).read_text("utf-8"))["segments"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.js"))}


def _ids(content: Path) -> list[str]:
    paths = sorted(content.rglob("*.md"))
    return [p.relative_to(content).with_suffix("").as_posix() for p in paths]


def _same_as_clean(tmp_path: Path, content: Path, index: Path, out: Path) -> None:
    clean, clean_out = tmp_path / "clean", tmp_path / "clean-search"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.rmtree(clean_out, ignore_errors=True)
    build_search(content, clean, clean_out)
    assert not (clean / ORDER_FILE).exists()
    assert index_facts(index, QUERIES) == index_facts(clean, QUERIES)
    assert _files(out) == _files(clean_out)


def _copy_beside(content: Path, ident: str, name: str) -> str:
    """A new article in ``ident``'s folder with ``ident``'s text: the two tie in every search."""
    source = content / f"{ident}.md"
    target = source.with_name(f"{name}.md")
    target.write_text(source.read_text("utf-8"), "utf-8")
    return target.relative_to(content).with_suffix("").as_posix()


@pytest.fixture
def segments_of_five(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five articles per segment, a late segment of up to five, and two late articles in a
    segment's run make it be written with them."""
    monkeypatch.setattr(index_mod, "SEGMENT_ARTICLES", 5)
    monkeypatch.setattr(index_mod, "LATE_PER_SEGMENT", 2)


def test_document_order_puts_late_documents_where_a_clean_build_does() -> None:
    order = DocumentOrder(regular=5, late=(0, 3, 7))
    assert [order.canonical(d) for d in range(8)] == [1, 2, 4, 5, 6, 0, 3, 7]
    assert [DocumentOrder(4).canonical(d) for d in range(4)] == [0, 1, 2, 3]


def _cache(content: Path, index: Path) -> SegmentPostings:
    update_index(content, index)
    segments = list(TOC.read(open_index(index).storage, INDEX_NAME).segments)
    assert len(segments) == 1
    found = load_cache(index, segments[0].segment_id(), segments[0].doc_count_all())
    assert found is not None
    return found


def test_two_segments_interleaved_equal_one_segment_of_both(tmp_path: Path) -> None:
    """Runs, positions, lengths, stored fields and text shards of two segments interleaved are
    those of one segment written with all their articles; split undoes it."""
    everything = tmp_path / "all"
    write_archive(everything, 40, seed=51)
    files = sorted(p.relative_to(everything) for p in everything.rglob("*.md"))
    late = set(random.Random(5).sample(range(len(files)), 9))
    for side, wanted in (("a", False), ("b", True)):
        for number, name in enumerate(files):
            if (number in late) == wanted:
                (tmp_path / side / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(everything / name, tmp_path / side / name)
    a, b = _cache(tmp_path / "a", tmp_path / "ia"), _cache(tmp_path / "b", tmp_path / "ib")
    both = _cache(everything, tmp_path / "iall")
    joined = interleave(a, b, [n in late for n in range(len(files))])
    assert joined.terms == both.terms and joined.terms["body"]
    assert (joined.docs, joined.lengths, joined.stored, joined.texts, joined.exact) == (
        both.docs, both.lengths, both.stored, both.texts, both.exact)
    parts = split(both, [sorted(late), [n for n in range(len(files)) if n not in late]])
    for part, side in zip(parts, (b, a), strict=True):
        assert (part.docs, part.terms, part.lengths, part.stored, part.exact) == (
            side.docs, side.terms, side.lengths, side.stored, side.exact)


@pytest.fixture(scope="module")
def one_segment(tmp_path_factory: pytest.TempPathFactory) -> SegmentPostings:
    """The cache of one real segment of 30 articles."""
    root = tmp_path_factory.mktemp("one-segment")
    write_archive(root / "articles", 30, seed=55)
    return _cache(root / "articles", root / "index")


def _facts(part: SegmentPostings) -> tuple[object, ...]:
    return part.docs, part.terms, part.lengths, part.stored, part.texts, part.exact


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=30, max_size=30))
def test_any_split_interleaved_again_is_the_segment_it_came_from(
    one_segment: SegmentPostings, late: list[bool]
) -> None:
    """Whatever documents are taken out (none, all, the first, the last, runs of them), the two
    parts interleaved where they stood are the segment again, term by term."""
    numbers = range(one_segment.docs)
    taken, left = split(one_segment, [[n for n in numbers if late[n]],
                                      [n for n in numbers if not late[n]]])
    assert taken.docs == sum(late)
    assert _facts(interleave(left, taken, late)) == _facts(one_segment)


def test_articles_added_among_others_go_to_the_late_segment(tmp_path: Path,
                                                            segments_of_five) -> None:
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    write_archive(content, 30, seed=52)
    build_search(content, index, out)
    before = _state(index)
    assert len(before) == 6
    inodes = {p.name: p.stat().st_ino for p in index.glob("*.seg")}
    # three articles inside the runs of three segments, each tying with the one it copies
    added = [_copy_beside(content, seg["articles"][2][0], f"a0-late-{n}")
             for n, seg in enumerate(before[::2])]
    report = build_search(content, index, out)
    assert sorted(report.index.added) == sorted(added)
    after = _state(index)
    assert [seg["segment"] for seg in after[:-1]] == [seg["segment"] for seg in before]
    assert after[-1]["late"] is True and [a for a, _ in after[-1]["articles"]] == sorted(added)
    assert {p.name: p.stat().st_ino for p in index.glob("*.seg") if p.name in inodes} == inodes
    order = json.loads((index / ORDER_FILE).read_text("utf-8"))
    ids = _ids(content)
    assert order == {"segment": after[-1]["segment"],
                     "canonical": [ids.index(a) for a in sorted(added)]}
    _same_as_clean(tmp_path, content, index, out)
    # ties are broken by a clean build's numbers, not by Whoosh's
    words = " ".join((content / f"{added[0]}.md").read_text("utf-8").split()[-3:])
    hits = search(index, words, limit=50).hits
    scores = [h.score for h in hits]
    assert len(scores) > len(set(scores))
    assert [h.id for h in hits] == [h.id for h in search(tmp_path / "clean", words, limit=50).hits]
    for sort in ("newest", "oldest"):
        assert [h.id for h in search(index, words, sort=sort, limit=50).hits] == [
            h.id for h in search(tmp_path / "clean", words, sort=sort, limit=50).hits]


def test_a_late_segment_without_its_order_file_is_rebuilt(
    tmp_path: Path, segments_of_five, capsys: pytest.CaptureFixture[str]
) -> None:
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    write_archive(content, 20, seed=54)
    build_search(content, index, out)
    _copy_beside(content, _state(index)[1]["articles"][2][0], "a0-late")
    build_search(content, index, out)
    assert _state(index)[-1].get("late")
    (index / ORDER_FILE).unlink()
    capsys.readouterr()
    build_search(content, index, out)
    assert f"{ORDER_FILE} does not match its late segment; rebuilding it" in capsys.readouterr().err
    assert not any(seg.get("late") for seg in _state(index))
    _same_as_clean(tmp_path, content, index, out)


def _late(index: Path) -> list[str]:
    state = _state(index)
    return [a for a, _ in state[-1]["articles"]] if state[-1].get("late") else []


def test_late_articles_fold_into_segments_written_anyway_and_past_the_limit(
    tmp_path: Path, segments_of_five, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    write_archive(content, 30, seed=53)
    build_search(content, index, out)
    before = _state(index)
    first = _copy_beside(content, before[1]["articles"][1][0], "a0-late-a")
    second = _copy_beside(content, before[4]["articles"][3][0], "a0-late-b")
    interleaved: list[int] = []

    def counted(a: SegmentPostings, *args: object) -> SegmentPostings:
        interleaved.append(a.docs)
        return interleave(a, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(export_mod, "interleave", counted)
    build_search(content, index, out)
    assert _late(index) == [first, second] and len(interleaved) == 2
    assert len(list(index.glob("*.naxl"))) == 2
    _same_as_clean(tmp_path, content, index, out)

    # an edit in the second segment writes it again: the late article in its run joins it; the
    # other segment's run with its late article is read as the last export cached it
    edited = content / f"{before[1]['articles'][0][0]}.md"
    edited.write_text(edited.read_text("utf-8") + "\nA quortellian harbour.\n", "utf-8")
    build_search(content, index, out)
    state = _state(index)
    assert first in [a for a, _ in state[1]["articles"]] and _late(index) == [second]
    assert len(interleaved) == 2 and len(list(index.glob("*.naxl"))) == 1
    _same_as_clean(tmp_path, content, index, out)

    # a late article edited, another added and removed: the late segment is written again
    late = content / f"{second}.md"
    late.write_text(late.read_text("utf-8") + "\nHarbour.\n", "utf-8")
    third = _copy_beside(content, before[3]["articles"][2][0], "a0-late-c")
    build_search(content, index, out)
    assert _late(index) == sorted([second, third])
    _same_as_clean(tmp_path, content, index, out)
    (content / f"{third}.md").unlink()
    build_search(content, index, out)
    assert _late(index) == [second]
    _same_as_clean(tmp_path, content, index, out)

    # two late articles in one segment's run: it is written with them
    pair = [_copy_beside(content, before[0]["articles"][k][0], f"a0-pair-{k}") for k in (2, 3)]
    build_search(content, index, out)
    assert _late(index) == [second]
    assert set(pair) <= {a for a, _ in _state(index)[0]["articles"]}
    _same_as_clean(tmp_path, content, index, out)

    # one more in each of five other runs: six late articles, one past the limit; the first run
    # holding the most of them takes its own in
    more = [_copy_beside(content, ident, f"{ident.rpartition('/')[2]}x")  # after ``ident``
            for ident in (before[n]["articles"][2][0] for n in (0, 1, 2, 3, 5))]
    build_search(content, index, out)
    assert _late(index) == sorted([second, *more[1:]])
    assert more[0] in {a for a, _ in _state(index)[0]["articles"]}
    _same_as_clean(tmp_path, content, index, out)
