"""Keep the Whoosh index in step with the Markdown articles, rewriting only what changed.

The index is a list of Whoosh segments, each holding a contiguous run of articles in path order,
and the segments are listed in that order too. Whoosh numbers documents across segments in list
order and takes its ranking statistics (document count, field-length totals, document frequency)
as sums over segments, so this index ranks exactly like one written in a single pass over the
same articles, ties included. ``newsarchive-index.json`` records which articles (id and SHA-256
of the file) each segment holds.

An update hashes every file; when nothing was added, changed or removed, the index is not
touched. Otherwise each new id joins the segment whose range it falls in, and only the segments
whose articles changed are written again (split when they grew past twice :func:`segment_size`,
joined with a neighbour when one of the two is under half of it); the others are reused as they
are. The exception is the late segment (:func:`plan_segments`): new articles whose segments are
not written anyway go, up to a few, into one segment listed last, so that an article found late
for an older month does not make its segment be written again; the export and ``newsarchive
search`` number its articles where a clean build does (:data:`~newsarchive.search.store.
ORDER_FILE`), so they rank and export as before, ties included.

A segment is written in one pass (:mod:`newsarchive.search.segment`), by a worker that reads
its articles itself; an unchanged article of a segment written again is taken from the fields the
old segment stored, not read again nor analysed again, and its terms are copied from the old
segment's files, renumbered when it moved (:class:`~newsarchive.search.segment.Reuse`).
Whoosh's own in-place update is not used: its deletions keep the deleted documents' lengths in
the field-length totals and its merges put new documents first, so the ranking would drift
from a clean build's.

The new state is written into a sibling folder (unchanged segment files hard-linked, else
copied) that then replaces the old one, so a failure part-way leaves the last good index.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index, clean_files

from newsarchive import atomic
from newsarchive.article import article_entries
from newsarchive.digests import FileDigests
from newsarchive.search.document import (
    ArticleDoc,
    ArticleError,
    article_key,
    fields_from_stored,
    read_article,
)
from newsarchive.search.schema import SCHEMA_VERSION, build_schema
from newsarchive.search.store import (
    INDEX_NAME,
    ORDER_FILE,
    IndexMissingError,
    document_order,
    open_index,
)

if TYPE_CHECKING:  # the writers' modules are imported where they write
    from newsarchive.search.postings import SegmentPostings
    from newsarchive.search.segment import Reuse

__all__ = ["INDEX_NAME", "IndexMissingError", "IndexReport", "open_index", "update_index"]

VERSION_FILE = "newsarchive-index.json"
#: Fewest articles per segment. Smaller segments make an update rewrite less; more segments make
#: every search open and look up more of them, and repeat each term's entry in every segment. A
#: segment written again keeps its unchanged articles' terms, so its cost follows its number of
#: terms: at 10,000 articles, 10 new articles landing in 10 older months and one edit rewrite 9
#: segments in 5.9 s on 32 segments of 307 and in 4.2 s on 48 of 205, while ``newsarchive
#: search`` takes 0.21 to 0.23 s a query on 32 and 0.22 to 0.24 s on 48 (64: 0.24 to 0.27 s).
SEGMENT_ARTICLES = 200
#: Past ``SEGMENT_ARTICLES * SEGMENTS``, segments grow with the archive instead of multiplying.
SEGMENTS = 48


@dataclass
class Segment:
    """One Whoosh segment: its id (``""`` while still to be written) and its articles in order,
    each as ``(article id, SHA-256 of the file)``. A ``late`` segment (the last, at most one)
    holds articles added among those of the others (see :func:`plan_segments`)."""

    segid: str
    articles: list[tuple[str, str]]
    late: bool = False


@dataclass
class IndexReport:
    """What an update did; ``failed`` holds ``(path, reason)`` for files that could not be read."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class IndexDamaged(ValueError):
    """The index folder holds our index, but a file of it is missing or changed."""


def _read_state(path: Path) -> list[Segment] | None:
    """The recorded segments, or ``None`` when the folder is not a current index of ours.

    Raises :class:`IndexDamaged` when it is ours but damaged: a segment file missing, truncated or
    rewritten since it was written (Whoosh writes a segment once and never changes it, so its size
    and modification time must be the recorded ones), or a table of contents that does not open.
    """
    try:
        data = json.loads((path / VERSION_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise IndexDamaged(f"{VERSION_FILE} is not readable ({exc})") from None
    try:
        if data["schema"] != SCHEMA_VERSION:
            return None
        segments = [
            Segment(item["segment"], [(str(a), str(h)) for a, h in item["articles"]],
                    bool(item.get("late", False)))
            for item in data["segments"]
        ]
        if any(seg.late for seg in segments[:-1]):
            return None
        files = {str(k): list(v) for item in data["segments"] for k, v in item["files"].items()}
    except (KeyError, TypeError, AttributeError, ValueError):
        return None  # written by an older version: rebuilt without a word
    for name, recorded in sorted(files.items()):
        try:
            info = os.stat(path / name)
        except OSError:
            raise IndexDamaged(f"segment file {name} is missing") from None
        if [info.st_size, info.st_mtime_ns] != recorded:
            raise IndexDamaged(f"segment file {name} changed since it was written")
    try:
        ix = whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
    except Exception as exc:  # noqa: BLE001 (any failure to open means damage)
        raise IndexDamaged(f"its table of contents does not open ({type(exc).__name__})") from None
    try:
        listed = [(seg.segid, seg.doc_count_all()) for seg in _segments(ix)]
    finally:
        ix.close()
    if listed != [(seg.segid, len(seg.articles)) for seg in segments]:
        raise IndexDamaged("its table of contents does not match its segments")
    if segments and segments[-1].late:
        try:
            order = document_order(path, sum(len(seg.articles) for seg in segments))
        except ValueError as exc:
            raise IndexDamaged(str(exc)) from None
        if order.segment != segments[-1].segid or len(order.late) != len(segments[-1].articles):
            raise IndexDamaged(f"{ORDER_FILE} does not match its late segment")
    return segments


def _segment_stats(folder: Path, segment: Any) -> dict[str, list[int]]:
    """Size and modification time of a segment's Whoosh file (not of our re-creatable cache)."""
    name = f"{segment.segment_id()}.seg"
    info = os.stat(folder / name)
    return {name: [info.st_size, info.st_mtime_ns]}


def update_index(content_dir: str | Path, index_dir: str | Path) -> IndexReport:
    """Bring the index at ``index_dir`` up to date with the articles under ``content_dir``.

    A file that fails to parse is reported on one line and left out of the index, as Pelican
    leaves it out of the site: search never leads to a page that was not built.
    """
    content = Path(content_dir)
    path = Path(index_dir)
    try:
        old = _read_state(path)
    except IndexDamaged as exc:
        print(f"newsarchive: search index {path}: {exc}; rebuilding it", file=sys.stderr)
        old = None
    indexed = {a: h for seg in old or [] for a, h in seg.articles}
    entries = article_entries(content) if content.is_dir() else []
    report = IndexReport()
    current: list[tuple[str, str]] = []
    sources: dict[str, str] = {}
    # written after the index, so a stale record can only make a later update hash a file again
    digests = FileDigests(path / STATS_FILE, trusted=old is not None)
    for relative, file in entries:
        ident = article_key(relative)
        try:
            digest = digests.digest(ident, file)
        except OSError as exc:
            _fail(report, file, exc)
            continue
        sources[ident] = file
        current.append((ident, digest))
        known = indexed.get(ident)
        if known is None:
            report.added.append(ident)
        elif known != digest:
            report.updated.append(ident)
        else:
            report.unchanged += 1
    report.removed = sorted(set(indexed) - set(sources))
    if old is not None and not report.changed and not report.failed:
        digests.save()
        return report
    docs: dict[str, ArticleDoc] = {}
    if old is not None:
        # An update whose only changes do not parse changes nothing. (A fresh build reads every
        # article once, while writing its segment.)
        for ident, digest in list(current):
            if ident in report.added or ident in report.updated:
                try:
                    docs[ident] = read_article(Path(sources[ident]), content)
                except (ArticleError, OSError) as exc:
                    _fail(report, sources[ident], exc)
                    _forget(report, ident)
                    current.remove((ident, digest))
        if not report.changed:
            digests.save()
            return report
    plan = plan_segments(old or [], current)
    planned = {seg.segid for seg in plan}
    replaced = {seg.segid: seg for seg in old or [] if seg.segid not in planned}
    _write(path, plan, _Sources(content, sources, docs, path, replaced), report,
           [ident for ident, _ in current])
    digests.save()
    return report


#: Size, modification time and SHA-256 of every article file the index was last brought up to
#: date with, so that an update hashes only the files whose size or time changed.
STATS_FILE = "newsarchive-files.json"


def _forget(report: IndexReport, ident: str) -> None:
    """Count an article that failed to parse as not in the index (its old version goes)."""
    if ident in report.added:
        report.added.remove(ident)
        return
    if ident in report.updated:
        report.updated.remove(ident)
    else:
        report.unchanged -= 1
    report.removed.append(ident)
    report.removed.sort()


@dataclass
class _Sources:
    """Where the segment writers read articles: the files by id, those already parsed, and the
    old index with its segments that are written again (by segment id), whose stored fields
    stand for their unchanged articles."""

    content: Path
    files: dict[str, str]
    docs: dict[str, ArticleDoc]
    index: Path | None = None
    replaced: dict[str, Segment] = field(default_factory=dict)
    #: article id -> the segment of ``replaced`` it was in
    old_segment: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.old_segment = {a: seg.segid for seg in self.replaced.values() for a, _ in seg.articles}

    def caches_for(self, articles: list[tuple[str, str]]) -> dict[str, SegmentPostings]:
        """The export caches of the old segments written again that held any of ``articles``,
        by segment id, read from just those (a worker holds no more than its own). A cache
        that is missing or does not match its segment, article by article, is left out."""
        from newsarchive.search.postings import load_cache

        needed = sorted({self.old_segment[a] for a, _ in articles if a in self.old_segment})
        found: dict[str, SegmentPostings] = {}
        for segid in needed if self.index is not None else ():
            seg = self.replaced[segid]
            part = load_cache(self.index, f"{INDEX_NAME}_{segid}", len(seg.articles))
            if part is not None and len(part.stored) == len(seg.articles) and all(
                stored.get("id") == ident and stored.get("sha256") == digest
                for (ident, digest), stored in zip(seg.articles, part.stored, strict=True)
            ):
                found[segid] = part
        return found

    def reuse(self, articles: list[tuple[str, str]],
              caches: dict[str, SegmentPostings]) -> Reuse | None:
        """What the segment of ``articles`` can take from the old segment that held most of
        them (when that one's cache is at hand)."""
        from newsarchive.search.segment import Reuse

        held = Counter(self.old_segment[a] for a, _ in articles if a in self.old_segment)
        segid = max(held, key=lambda s: (held[s], s)) if held else None
        part = caches.get(segid) if segid is not None else None
        if part is None or self.index is None:
            return None
        toc = TOC.read(FileStorage(str(self.index)), INDEX_NAME)
        found = [seg for seg in toc.segments if seg.segid == segid]
        if not found:
            return None
        return Reuse.of(str(self.index), found[0], part, self.replaced[segid].articles)


def plan_segments(old: list[Segment], current: list[tuple[str, str]]) -> list[Segment]:
    """The new segment list: an old segment whose articles are unchanged keeps its ``segid``;
    the others get ``segid=""`` (to be written). ``current`` is in path order.

    An article added among the articles of an unchanged segment would move every later one of
    that segment to a new document number, and the segment would be written again, most of its
    terms with it. It goes instead into the late segment, which follows the others in Whoosh's
    numbering and holds up to :func:`late_limit` articles; the export and ``newsarchive search``
    number its articles where a clean build does (:class:`~newsarchive.search.store.
    DocumentOrder`). Late articles are folded into their segment's run when that segment is
    written anyway, when :data:`LATE_PER_SEGMENT` of them fall in it, and, the runs holding
    the most first, when they outgrow the limit."""
    size = segment_size(len(current))
    regular = [seg for seg in old if not seg.late]
    if not regular:
        return _chunks(current, size)
    previous = old[-1] if old[-1].late else None
    firsts = [seg.articles[0][0] for seg in regular]
    held = {a for seg in regular for a, _ in seg.articles}
    where = [max(0, bisect.bisect_right(firsts, item[0]) - 1) for item in current]
    groups: list[list[tuple[str, str]]] = [[] for _ in regular]
    for item, number in zip(current, where, strict=True):
        if item[0] in held:
            groups[number].append(item)
    written = [group != seg.articles for seg, group in zip(regular, groups, strict=True)]
    late = [
        (item, number) for item, number in zip(current, where, strict=True)
        if item[0] not in held and not written[number]
    ]
    # a run that LATE_PER_SEGMENT late articles fall in takes them in (one write for them all),
    # and past the limit so do the runs holding the most, until the rest fit
    counts = Counter(number for _, number in late)
    folded = {number for number, count in counts.items() if count >= LATE_PER_SEGMENT}
    left = sum(count for number, count in counts.items() if number not in folded)
    for number, count in sorted(counts.items(), key=lambda nc: (-nc[1], nc[0])):
        if left <= late_limit(size):
            break
        if number not in folded:
            folded.add(number)
            left -= count
    late = [(item, number) for item, number in late if number not in folded]
    stays = {a for (a, _), _ in late}
    groups = [[] for _ in regular]
    for item, number in zip(current, where, strict=True):
        if item[0] not in stays:
            groups[number].append(item)
    plan: list[Segment] = []
    for seg, group in zip(regular, groups, strict=True):
        if group == seg.articles:
            plan.append(seg)
        elif len(group) > 2 * size:
            plan += _chunks(group, size)
        elif group:
            plan.append(Segment("", group))
    plan = _merge_small(plan, size)
    articles = [item for item, _ in late]
    if articles and not plan:
        return _chunks(articles, size)
    if articles:
        kept = previous is not None and previous.articles == articles
        plan.append(previous if kept else Segment("", articles, late=True))  # type: ignore[arg-type]
    return plan


#: Late articles falling in one segment's run that make it be written with them: each segment a
#: late article falls in costs every export an interleaving of its runs (cached beside the index
#: until that segment or its late articles change), and writing it again costs about five such.
LATE_PER_SEGMENT = 4


def late_limit(size: int) -> int:
    """The most articles the late segment holds, for segments of ``size`` articles: one
    segment's worth."""
    return size


def _merge_small(plan: list[Segment], size: int) -> list[Segment]:
    """Join neighbours when one of them is written anyway and one is under half ``size``, as long
    as the two stay within twice ``size``: segments that lost articles, or were cut when the
    archive (and so the size) was smaller, become one instead of piling up."""
    out: list[Segment] = []
    for seg in plan:
        if out:
            prev = out[-1]
            joined = len(prev.articles) + len(seg.articles)
            if (
                (not seg.segid or not prev.segid)
                and min(len(prev.articles), len(seg.articles)) < size / 2
                and joined <= 2 * size
            ):
                out[-1] = Segment("", prev.articles + seg.articles)
                continue
        out.append(seg)
    return out


def segment_size(articles: int) -> int:
    """Articles per segment for an archive of this size: at least :data:`SEGMENT_ARTICLES`, and
    large enough that a fresh index has at most :data:`SEGMENTS` segments."""
    return max(SEGMENT_ARTICLES, math.ceil(articles / SEGMENTS))


def _chunks(items: list[tuple[str, str]], size: int) -> list[Segment]:
    count = max(1, math.ceil(len(items) / size))
    size = math.ceil(len(items) / count) if items else 0
    return [Segment("", items[i : i + size]) for i in range(0, len(items), size)] if items else []


def _fail(report: IndexReport, file: str | Path, exc: Exception) -> None:
    report.failed.append((str(file), str(exc)))
    print(f"newsarchive: {file}: not indexed: {exc}", file=sys.stderr)


def _order(plan: list[Segment], order: list[str]) -> dict[str, Any]:
    """The :data:`ORDER_FILE` of an index whose last segment is late: the number of each of its
    articles among all of them in ``order`` (path order) less those that failed to parse."""
    held = {a for seg in plan for a, _ in seg.articles}
    numbers = {a: n for n, a in enumerate(a for a in order if a in held)}
    return {"segment": plan[-1].segid, "canonical": [numbers[a] for a, _ in plan[-1].articles]}


def _write(path: Path, plan: list[Segment], sources: _Sources, report: IndexReport,
           order: list[str]) -> None:
    """Write the planned index beside ``path`` (new segments written, the rest linked), then
    swap it in. An article of a segment being written that does not parse is reported and left
    out (a segment left with no article is dropped). ``order``: every article id in path
    order."""
    fresh = path.with_name(path.name + ".new")
    stale = path.with_name(path.name + ".old")
    for leftover in (fresh, stale):
        if leftover.exists():
            shutil.rmtree(leftover)
    fresh.mkdir(parents=True)
    parts = Path(tempfile.mkdtemp(prefix=f".{path.name}-parts-", dir=path.parent))
    try:
        ix = whoosh_index.create_in(str(fresh), build_schema(), indexname=INDEX_NAME)
        todo = [seg for seg in plan if not seg.segid]
        written = _write_segments(
            [parts / str(i) for i in range(len(todo))], [seg.articles for seg in todo], sources
        )
        by_id: dict[str, Any] = {}
        for seg, (folder, (segment, articles, failed)) in zip(todo, written, strict=True):
            for ident, reason in failed:
                report.failed.append((str(sources.files[ident]), reason))
                print(f"newsarchive: {sources.files[ident]}: not indexed: {reason}",
                      file=sys.stderr)
                _forget(report, ident)
            seg.articles = articles
            if segment is None:
                continue
            seg.segid = segment.segid
            by_id[segment.segid] = segment
            for name in _segment_files(os.listdir(folder), segment):
                os.replace(folder / name, fresh / name)
        plan = [seg for seg in plan if seg.articles]
        if len(plan) == 1:  # a late segment alone is in path order
            plan[0].late = False
        kept = {seg.segid for seg in plan} - set(by_id)
        if kept:  # unchanged segments: their files (and export caches) are linked, not copied
            old_ix = whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
            names = os.listdir(path)
            for segment in _segments(old_ix):
                if segment.segid in kept:
                    by_id[segment.segid] = segment
                    for name in _segment_files(names, segment):
                        _link(path / name, fresh / name)
            old_ix.close()
        segments = [by_id[seg.segid] for seg in plan]
        generation = ix.latest_generation() + 1
        ix.close()
        TOC(build_schema(), segments, generation).write(ix.storage, INDEX_NAME)
        clean_files(ix.storage, INDEX_NAME, generation, segments)
        state = {
            "schema": SCHEMA_VERSION,
            "segments": [
                {
                    "segment": seg.segid,
                    "articles": [list(a) for a in seg.articles],
                    "files": _segment_stats(fresh, by_id[seg.segid]),
                    **({"late": True} if seg.late else {}),
                }
                for seg in plan
            ],
        }
        if plan and plan[-1].late:
            atomic.write_text(fresh / ORDER_FILE, json.dumps(_order(plan, order)) + "\n")
        atomic.write_text(fresh / VERSION_FILE, json.dumps(state, separators=(",", ":")) + "\n")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    if path.exists():
        path.rename(stale)
    fresh.rename(path)
    shutil.rmtree(stale, ignore_errors=True)


#: What the forked segment writers read: the articles of each segment to write, and their
#: sources (set for the duration of :func:`_write_segments`).
_TODO: list[list[tuple[str, str]]] = []
_SOURCES: list[_Sources] = []
#: The CPUs the site build lends the segment writers (:func:`lend_cpus`), or None.
_LENT: list[Any] = []


def lend_cpus(permits: Any) -> None:
    """Let the segment writers of the next update run on the CPUs ``permits`` (a
    ``multiprocessing.Semaphore`` shared across ``fork``) holds, or stop it (``None``).

    The site build runs the search step in a worker beside Pelican and leaves it one CPU
    (:func:`search_jobs`). It lends the segment writers a semaphore holding one permit and
    releases a second when Pelican is done rendering: one writer runs from the start, and a
    second is forked only once that permit comes (:func:`_in_lanes`), so segments still to be
    written then (new articles spread over older months rewrite many) use the CPU Pelican gave
    back, and a build whose segments are all written before (a full build) never holds a
    second writer's memory beside Pelican's.
    """
    _LENT[:] = [] if permits is None else [permits]


def both_cpus_lent() -> bool:
    """Whether the site build has lent both its CPUs (:func:`lend_cpus`): Pelican is done
    rendering and no segment writer holds one."""
    if not _LENT:
        return False
    permits = _LENT[0]
    taken = 0
    try:
        while taken < 2 and permits.acquire(False):
            taken += 1
    finally:
        for _ in range(taken):
            permits.release()
    return taken == 2


#: ``(segment or None, articles written as (id, SHA-256), failures as (id, reason))``
Written = tuple[Any, list[tuple[str, str]], list[tuple[str, str]]]
#: Seconds between a waiting second writer's looks at whether there is still work for it.
LANE_POLL = 0.2


def _write_segments(
    folders: list[Path], articles: list[list[tuple[str, str]]], sources: _Sources
) -> list[tuple[Path, Written]]:
    """Write each run of articles as one segment in its folder; ``(folder, Written)`` pairs.

    Segments are independent, so they are written by up to :func:`search_jobs` forked workers
    at once, or in lanes on CPUs lent by the site build (:func:`lend_cpus`); on one core, or
    without ``fork``, one after the other in this process. Each worker reads and analyses its
    articles itself, so no process holds more than the segments it is writing.
    """
    jobs = min(search_jobs(), len(articles))
    lent = _LENT[0] if _LENT and jobs == 1 and len(articles) > 1 else None
    names = [str(folder) for folder in folders]
    _TODO[:] = articles
    _SOURCES[:] = [sources]
    try:
        import multiprocessing  # here only: ``newsarchive search`` never writes

        forks = "fork" in multiprocessing.get_all_start_methods()
        if lent is not None and forks and (os.cpu_count() or 1) > 1:
            out = _in_lanes(lent, names)
        elif jobs > 1 and forks:
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                out = list(pool.map(_write_segment, names, range(len(names))))
        else:
            out = [_write_segment(name, i) for i, name in enumerate(names)]
    finally:
        _TODO.clear()
        _SOURCES.clear()
    return list(zip(folders, out, strict=True))


def _in_lanes(permits: Any, folders: list[str]) -> list[Written]:
    """The segments written by one forked writer holding a permit of ``permits`` and, once
    a second permit comes while segments are left, by a second writer forked then; each takes
    the next segment left when it is free."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    results: list[Any] = [None] * len(folders)
    taken = [0]
    lock = threading.Lock()
    over = threading.Event()
    failures: list[BaseException] = []

    def take() -> int | None:
        with lock:
            if taken[0] >= len(folders):
                return None
            taken[0] += 1
            return taken[0] - 1

    def lane(first: int) -> None:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            number: int | None = first
            while number is not None:
                results[number] = pool.submit(_write_named, folders[number], number).result()
                number = None if over.is_set() else take()

    def second() -> None:
        try:
            while not over.is_set():
                if permits.acquire(timeout=LANE_POLL):
                    try:
                        if (first := take()) is not None:
                            lane(first)
                    finally:
                        permits.release()
                    return
        except BaseException as exc:  # raised again by the first lane's thread
            failures.append(exc)

    with permits:
        helper = threading.Thread(target=second, name="second segment writer", daemon=True)
        helper.start()
        try:
            if (first := take()) is not None:
                lane(first)
        finally:
            over.set()
            helper.join()
    if failures:
        raise failures[0]
    return results


def _write_named(folder: str, number: int) -> Written:
    """:func:`_write_segment`, named here so that a writer process looks it up itself."""
    return _write_segment(folder, number)


def search_jobs() -> int:
    """Worker processes for writing segments: ``NEWSARCHIVE_SEARCH_JOBS``, else one per CPU
    but one (left to Pelican, which renders beside the search step), at most 4."""
    try:
        return max(1, int(os.environ["NEWSARCHIVE_SEARCH_JOBS"]))
    except (KeyError, ValueError):
        return max(1, min(4, (os.cpu_count() or 1) - 1))


def _write_segment(folder: str, number: int) -> Written:
    """Write run ``number`` as one segment in ``folder``, with the export's postings cache
    beside it (moved with it), built from the postings in memory."""
    sources = _SOURCES[0]
    written: list[tuple[str, str]] = []
    failed: list[tuple[str, str]] = []

    articles = _TODO[number]
    caches = sources.caches_for(articles)
    stored = {
        ident: (digest, fields)
        for segid, part in caches.items()
        for (ident, digest), fields in zip(sources.replaced[segid].articles, part.stored,
                                           strict=True)
    }

    def documents() -> Iterator[dict[str, Any]]:
        for ident, digest in articles:
            doc = sources.docs.get(ident)
            kept = stored.pop(ident, None) if doc is None else None
            if kept is not None and kept[0] == digest:
                written.append((ident, digest))
                yield dict(fields_from_stored(kept[1]), _key=(ident, digest))
                continue
            if doc is None:
                try:
                    doc = read_article(Path(sources.files[ident]), sources.content)
                except (ArticleError, OSError) as exc:
                    failed.append((ident, str(exc)))
                    continue
            written.append((ident, doc.sha256))
            yield doc.whoosh_fields()

    # imported here: ``newsarchive search`` only reads the index
    from newsarchive.search.export import text_shards
    from newsarchive.search.postings import cache_file
    from newsarchive.search.segment import write_segment

    segment, cache = write_segment(
        folder, build_schema(), INDEX_NAME, documents(), sources.reuse(articles, caches)
    )
    if segment is not None:
        cache.texts = text_shards(cache.stored)  # so the export never rewrites the cache
        path = cache_file(folder, segment.segment_id())
        with open(path, "wb") as handle:  # re-creatable: no fsync
            handle.write(cache.to_bytes())
    return segment, written, failed


def _segment_files(names: list[str], segment: Any) -> list[str]:
    """The file names among ``names`` that belong to the segment (Whoosh's and our cache)."""
    prefix = segment.segment_id() + "."
    return [name for name in names if name.startswith(prefix)]


def _segments(ix: Index) -> list:
    """The segments of the index's latest generation, in document-number order."""
    return list(TOC.read(ix.storage, INDEX_NAME).segments)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
