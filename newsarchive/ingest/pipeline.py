"""Orchestrate one ingest run: find inputs, skip what is unchanged, parse, de-duplicate, assign
slugs, run NER once for everything that needs it, write atomically, update the manifest.

Order matters for reproducibility: inputs are processed sorted by their ``raw.path``, so "the first
of two duplicates wins" and "the second article with a title gets ``-2``" mean the same thing on
every machine. Slugs already recorded in the manifest are kept, so re-runs never rename articles.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from newsarchive import atomic, frontmatter, lock
from newsarchive.article import article_folder, article_key
from newsarchive.ingest import archive_types, copies, layout, parallel, render
from newsarchive.ingest.extras import Extras
from newsarchive.ingest.inputs import Input, collect_inputs, escape, read_input
from newsarchive.ingest.layout import Part, RawFile
from newsarchive.ingest.manifest import FILENAME as MANIFEST_FILENAME
from newsarchive.ingest.manifest import Entry, Manifest, ManifestError
from newsarchive.ingest.model import Article, InputError
from newsarchive.ingest.progress import Progress
from newsarchive.ingest.report import Record
from newsarchive.ingest.signatures import SignatureStore, document_key, sign
from newsarchive.interrupts import held
from newsarchive.slug import slugify

# Bump when the generated Markdown changes for the same input, so re-runs regenerate everything.
INGEST_VERSION = "3"
#: Seconds between manifest saves while articles are written (see ``_convert``), at least.
SAVE_EVERY = 2.0
#: ... and at least this many times as long as the last save took: the manifest grows with the
#: archive (14 MB, 0.6 s to encode at 10,000 articles), so saves every 2 s cost the process that
#: also writes every article time growing with the square of the archive (6 s of a 2,000-article
#: cold ingest; about 150 s of a 10,000-article one by that growth).
SAVE_SHARE = 20
#: NER reads at most this much of one article (about 15,000 words, five times a long feature).
NER_MAX_CHARS = 100_000
PARALLEL_THRESHOLD = 300  # below this many articles, extra spaCy processes cost more than they save


class UsageError(Exception):
    """A bad option value (unreadable entities.yml, ...): exit status 2."""


@dataclass
class Options:
    paths: list[str]
    out: Path
    entities: str | None = None
    jobs: int | None = None
    force: bool = False
    layout: str = "auto"
    quiet: bool = False
    provider: str | None = None  # --provider: for inputs that name none
    date_from_path: bool = False  # --date-from-path: date undated inputs from their path
    scheduler: str | None = None  # a Dask scheduler address, or "local"


@dataclass
class Job:
    """An article that must be (re)converted."""

    index: int  # position in the records list
    input: Input
    position: str  # "" for a file that is one article, else where in the file (see layout.Part)
    raw_sha256: str
    article: Article
    body_sha256: str
    story_id: str | None
    old_id: str | None
    article_key: str = ""  # the output file: its path under --out without ".md" (article.py)
    target: Path = field(default_factory=Path)
    fingerprint: str = ""  # the run's, or with a sidecar, the run's and the sidecar's
    copies: list[dict[str, Any]] = field(default_factory=list)  # other inputs of this story
    unrecorded: bytes | None = None  # the file's bytes when the manifest does not know them

    @property
    def raw_key(self) -> str:
        """The input as ``raw.path`` and the manifest name it: file path plus position."""
        return self.input.raw_path + self.position


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def body_fingerprint(article: Article) -> str:
    """Hash of the body with case, punctuation and spacing normalised: the same story re-scraped
    or syndicated twice hashes the same."""
    normal = re.sub(r"[\W_]+", " ", article.body_text().casefold()).strip()
    return sha256(normal.encode("utf-8"))


def default_jobs(count: int) -> int:
    if count < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


@dataclass
class _Read:
    """One input file as read: why it cannot be read, or that it is unchanged (its article key),
    or what parsing it needs (:func:`_parse`) and what its articles then get."""

    item: Input
    error: str | None = None
    file: RawFile | None = None
    raw_sha: str = ""
    extras: Extras | None = None
    fingerprint: str = ""
    layout: str = "auto"
    unchanged: str | None = None


def _parse(read: _Read) -> list[Part] | str | None:
    """The parts of the file ``read`` holds, or why it has none; None when it is not parsed.
    Pure, so that it may run in a helper process."""
    if read.file is None:
        return None
    try:
        parts = layout.REGISTRY.choose(read.file, read.layout).parse(read.file)
    except InputError as exc:
        return str(exc)
    return parts or "no article found in this file"


class Run:
    """State of one ingest run; see :func:`run`."""

    def __init__(self, options: Options, stderr: TextIO) -> None:
        self.options = options
        self.stderr = stderr
        self.out = options.out
        self.records: list[Record] = []
        self.progress: Progress | None = None
        self._duplicates: list[tuple[int, str | Job]] = []
        self._duplicate_jobs: dict[int, Job] = {}  # by record index
        self.cluster: Any = None  # a newsarchive.ingest.cluster.Cluster with --scheduler
        self.unsaved = False  # the manifest could not be saved (a full disk)
        self.signatures: SignatureStore | None = None  # loaded when new articles are compared
        self._signed: dict[int, Any] = {}  # each job's signature values, by record index
        self._bodies: set[bytes] = set()  # the bodies (signatures.body_key) of the archive

    # -- messages ---------------------------------------------------------------------------

    def fail(self, index: int, reason: str) -> None:
        record = self.records[index]
        record.status, record.error = "failed", reason
        self.say(f"newsarchive: {record.path}: {reason}")

    def say(self, line: str) -> None:
        if self.progress is not None and self.progress.enabled:
            self.stderr.write("\r" + " " * 50 + "\r")
        print(line, file=self.stderr, flush=True)

    def target(self, key: str) -> Path:
        return self.out / f"{key}.md"

    def shown(self, key: str) -> str:
        """The output file as the report and messages name it."""
        return escape(self.target(key))

    def add_record(self, path: str) -> int:
        """A new record (failed until decided otherwise); returns its index."""
        self.records.append(Record(path, "failed"))
        return len(self.records) - 1

    # -- the run ----------------------------------------------------------------------------

    def execute(self) -> list[Record]:
        options = self.options
        entities_mod, config, model = self._entity_config()
        fingerprint = sha256(
            json.dumps(
                [INGEST_VERSION, model, config.fingerprint(), options.layout]
                + [options.provider, options.date_from_path]
            ).encode()
        )
        with contextlib.ExitStack() as stack:
            try:
                self.out.mkdir(parents=True, exist_ok=True)
                stack.enter_context(lock.hold(self.out))
            except OSError as exc:
                where = escape(exc.filename or self.out)
                raise UsageError(f"{where}: cannot write here ({exc.strerror or exc})") from exc
            return self._execute(entities_mod, config, model, fingerprint)

    def _execute(
        self, entities_mod: Any, config: Any, model: str, fingerprint: str
    ) -> list[Record]:
        options = self.options
        if self.cluster is not None:  # the workers load the model while the inputs are read
            self.cluster.warm(model, config)
        try:
            manifest = Manifest.load(self.out)
        except ManifestError as exc:
            if not options.force:
                raise UsageError(f"{exc}; fix or delete it, or use --force") from exc
            self.say(f"newsarchive: {exc}; starting a new one (--force)")
            manifest = Manifest(self.out / MANIFEST_FILENAME)

        inputs, missing = collect_inputs(options.paths, Path.cwd(), options.layout)
        for record in missing:
            self.say(f"newsarchive: {record.path}: {record.error}")
        self.progress = Progress(len(inputs), stream=self.stderr, enabled=not options.quiet)

        by_raw = manifest.by_raw_key()
        jobs: list[Job] = []
        count = parallel.jobs_for(options.jobs, len(inputs), default_jobs)
        with parallel.helpers(count) as pool:
            reads = (self._read(item, manifest, by_raw, fingerprint) for item in inputs)
            for read, parsed in parallel.ordered_map(pool, _parse, reads):
                jobs.extend(self._prepare(read, parsed, manifest, by_raw))
            # the earliest published of several copies is kept (ties by raw path)
            jobs.sort(key=lambda job: copies.publication_order(job.article.date, job.raw_key))
            jobs = self._deduplicate(jobs, manifest)
            jobs = self._fold_near_copies(self._known_copies(jobs, manifest), manifest, pool)
        jobs.sort(key=lambda job: job.index)
        self._assign_ids(jobs, manifest)
        jobs = [job for job in jobs if self._check_target(job, manifest)]
        kept_elsewhere = self._list_copies()
        if jobs:
            self._convert(jobs, manifest, entities_mod, config, model, fingerprint)
        self._update_copies(kept_elsewhere, manifest)
        archive_types.apply(manifest, self.out, self.say)
        self.progress.close()
        for index, winner in self._duplicates:
            key = winner if isinstance(winner, str) else winner.article_key
            self.records[index].output = self.shown(key)
        self._save(manifest)
        if self.signatures is not None:
            with contextlib.suppress(OSError):  # a cache: the next run signs them again
                self.signatures.save(self._bodies)
        return missing + self.records

    def _save(self, manifest: Manifest) -> None:
        """Save the manifest; a full disk or a write error is one line (said once) and makes the
        run fail, the manifest on disk staying the last one saved."""
        try:
            manifest.save()
        except OSError as exc:
            if not self.unsaved:
                self.say(f"newsarchive: {escape(manifest.path)}: cannot save the manifest "
                         f"({exc.strerror or exc}); the next run converts these articles again")
            self.unsaved = True

    def _entity_config(self) -> tuple[Any, Any, str]:
        from newsarchive import entities  # lazy: only ingest needs it
        from newsarchive.entities.config import resolve_path

        path = resolve_path(self.options.entities, Path())
        if path is None:
            return entities, entities.EntityConfig.empty(), entities.DEFAULT_MODEL
        try:
            config = entities.EntityConfig.load(path)
        except entities.EntityConfigError as exc:
            raise UsageError(str(exc)) from exc
        except OSError as exc:
            raise UsageError(f"{path}: {exc.strerror or exc}") from exc
        return entities, config, entities.DEFAULT_MODEL

    def _read(
        self, item: Input, manifest: Manifest, by_raw: dict[str, str], fingerprint: str
    ) -> _Read:
        """Read one input file and decide whether it must be parsed (a file that is one article
        and is unchanged is not); records nothing, so that it may run ahead of the records."""
        try:
            raw = read_input(item.file)
            extras = Extras.for_input(item.file, self.options.provider, self.options.date_from_path)
        except InputError as exc:
            return _Read(item, str(exc))
        if extras.sidecar_sha256:  # a changed sidecar reconverts the article
            fingerprint = sha256(f"{fingerprint} {extras.sidecar_sha256}".encode())
        raw_sha = sha256(raw)
        old_id = _old_id(by_raw, item, "")
        if old_id is not None and self._unchanged(manifest, old_id, raw_sha, fingerprint):
            return _Read(item, unchanged=old_id)
        return _Read(item, None, RawFile(item.file.name, raw), raw_sha, extras, fingerprint,
                     self.options.layout)

    def _prepare(
        self, read: _Read, parsed: list[Part] | str | None, manifest: Manifest,
        by_raw: dict[str, str],
    ) -> list[Job]:
        """Record one input file read (and parsed: its parts, or why not) as unchanged or
        failed, or return the articles to convert."""
        item = read.item
        if read.unchanged is not None:
            self.records.append(Record(item.shown, "unchanged", self.shown(read.unchanged)))
            self.progress.advance()
            return []
        if read.error is not None:
            return self._file_failed(item, read.error)
        if isinstance(parsed, str):
            return self._file_failed(item, parsed)
        assert parsed is not None and read.extras is not None
        self.progress.total += len(parsed) - 1
        return [
            job
            for part in parsed
            if (job := self._job(item, part, read.raw_sha, manifest, by_raw, read.fingerprint,
                                 read.extras))
        ]

    def _job(
        self,
        item: Input,
        part: Part,
        file_sha: str,
        manifest: Manifest,
        by_raw: dict[str, str],
        fingerprint: str,
        extras: Extras,
    ) -> Job | None:
        """The job for one part of a file, or None when it failed or is unchanged."""
        index = self.add_record(item.shown + part.position)
        if part.article is None:
            self.fail(index, part.error or "no article")
            self.progress.advance()
            return None
        raw_sha = sha256(part.raw) if part.position and part.raw is not None else file_sha
        old_id = _old_id(by_raw, item, part.position)
        if (
            part.position
            and old_id is not None
            and self._unchanged(manifest, old_id, raw_sha, fingerprint)
        ):
            record = self.records[index]
            record.status, record.output = "unchanged", self.shown(old_id)
            self.progress.advance()
            return None
        article = extras.apply(part.article)
        for note in article.notes:  # the article converts; the reader should know what is odd
            self.say(f"newsarchive: {self.records[index].path}: warning: {note}")
        story_id = article.source.article_id if article.source else None
        body = body_fingerprint(article)
        job = Job(index, item, part.position, raw_sha, article, body, story_id, old_id)
        job.fingerprint = fingerprint
        return job

    def _file_failed(self, item: Input, reason: str) -> list[Job]:
        self.fail(self.add_record(item.shown), reason)
        self.progress.advance()
        return []

    def _unchanged(self, manifest: Manifest, old_id: str, raw_sha: str, fingerprint: str) -> bool:
        """Same raw bytes and converter settings, and the output is still there. An unchanged
        input is never rewritten, even when its output was edited; only ``--force`` hashes the
        output to find out."""
        entry = manifest.articles[old_id]
        target = self.target(old_id)
        if entry.raw_sha256 != raw_sha or entry.fingerprint != fingerprint:
            return False
        if not target.is_file():
            return False
        return not (self.options.force and sha256(target.read_bytes()) != entry.output_sha256)

    def _deduplicate(self, jobs: list[Job], manifest: Manifest) -> list[Job]:
        """Same story id or same normalised body as an article already in the archive, or as an
        earlier input of this run (sorted order), is a duplicate: reported, not written."""
        converting = {job.raw_key for job in jobs}
        converting |= {job.input.legacy_raw_path + job.position for job in jobs}
        # winners: an existing output id (str) or an earlier job of this run
        by_story: dict[str, str | Job] = {}
        by_body: dict[str, str | Job] = {}
        for key, entry in sorted(manifest.articles.items()):
            if entry.raw_key in converting:
                continue
            if entry.story_id:
                by_story.setdefault(entry.story_id, key)
            by_body.setdefault(entry.body_sha256, key)
        kept: list[Job] = []
        for job in jobs:
            winner = (by_story.get(job.story_id) if job.story_id else None) or by_body.get(
                job.body_sha256
            )
            if winner is not None:
                self.records[job.index].status = "duplicate"
                self._duplicates.append((job.index, winner))
                self._duplicate_jobs[job.index] = job
                self._drop_stale(job, manifest)
                self.progress.advance()
                continue
            if job.story_id:
                by_story[job.story_id] = job
            by_body[job.body_sha256] = job
            kept.append(job)
        return kept

    def _known_copies(self, jobs: list[Job], manifest: Manifest) -> list[Job]:
        """Inputs an article already lists under ``copies``, with the same bytes, while that
        article is not converted again in this run: duplicates of it, as the last run found.

        Without this, every run that met a copy would compare it with the whole archive again
        (reading and hashing every article), and a re-run with nothing new would not be cheap.
        """
        listed = {
            (copy["raw"]["path"], copy["raw"]["sha256"]): key
            for key, entry in manifest.articles.items()
            for copy in entry.copies
        }
        converting = {job.old_id for job in jobs if job.old_id}
        rest: list[Job] = []
        for job in jobs:
            key = listed.get((job.raw_key, job.raw_sha256))
            if key is None or key in converting or not self.target(key).is_file():
                rest.append(job)
                continue
            self.records[job.index].status = "duplicate"
            self._duplicates.append((job.index, key))
            self._duplicate_jobs[job.index] = job
            self.progress.advance()
        return rest

    def _fold_near_copies(self, jobs: list[Job], manifest: Manifest, pool: Any) -> list[Job]:
        """Near copies (MinHash LSH, see ``copies``) of an article already in the archive or of
        an earlier published job of this run are duplicates of it, as exact copies are. The
        articles are hashed in ``pool`` (:mod:`~newsarchive.ingest.parallel`); those already
        written were signed by an earlier run (:mod:`~newsarchive.ingest.signatures`)."""
        if not jobs:
            return jobs
        items, made = self._signed_items(jobs, manifest, pool)
        by_key = {job.raw_key: job for job in jobs}
        for group in copies.clusters(items, made):
            group = self._published(group)
            if len(group) < 2:
                continue
            kept = group[0]
            existing = [item for item in group if item.existing]
            if existing and not all(self._can_give_way(item.key, manifest) for item in existing):
                kept = existing[0]  # an article edited by hand stays the one kept
            winner: str | Job = kept.key if kept.existing else by_key[kept.key]
            for item in group:
                if item is kept:
                    continue
                if item.existing and isinstance(winner, Job):
                    self._give_way(item, winner, manifest)
                    continue
                job = by_key.get(item.key) if not item.existing else None
                if job is None or self.records[job.index].status == "duplicate":
                    continue
                self.records[job.index].status = "duplicate"
                self._duplicates.append((job.index, winner))
                self._duplicate_jobs[job.index] = job
                self._drop_stale(job, manifest)
                self.progress.advance()
        return [job for job in jobs if self.records[job.index].status != "duplicate"]

    def _signed_items(
        self, jobs: list[Job], manifest: Manifest, pool: Any
    ) -> tuple[list[copies.Item], list[Any]]:
        """The articles already written that this run keeps, then the jobs, each with its
        signature; the signatures are kept for the store (``_write``, ``signatures``)."""
        converting = {job.raw_key for job in jobs} | set(self._running_keys())
        converting |= {job.input.legacy_raw_path + job.position for job in jobs}
        store = self.signatures = SignatureStore.load(self.out)
        listed = [
            (key, entry.raw_key)
            for key, entry in sorted(manifest.articles.items())
            if entry.raw_key not in converting
        ]
        items, made = [], []
        for written, minhash in parallel.ordered_map(pool, sign, store.read(self.out, listed)):
            if written.body is None:
                minhash = store.signature(written.digest)
            else:
                store.put(written.digest, copies.values_of(minhash))
            self._bodies.add(written.digest)
            # when and by whom it was published is read only if it has copies (_published)
            order = copies.publication_order(None, written.raw_key)
            items.append(copies.Item(written.key, order, "", True))
            made.append(minhash)
        texts = (job.article.body_text() for job in jobs)
        signed = parallel.ordered_map(pool, copies.signature, texts)
        for job, (_text, minhash) in zip(jobs, signed, strict=True):
            order = copies.publication_order(job.article.date, job.raw_key)
            items.append(copies.Item(job.raw_key, order, "", False))
            made.append(minhash)
            self._signed[job.index] = copies.values_of(minhash)
        return items, made

    def _published(self, group: list[copies.Item]) -> list[copies.Item]:
        """The group with the date and source of its articles already written read from their
        front matter (one that cannot be read takes no part), earliest published first."""
        found = []
        for item in group:
            if item.existing:
                try:
                    meta, _ = frontmatter.load(self.target(item.key))
                except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
                    continue
                date = meta.get("date") if isinstance(meta.get("date"), dt.date) else None
                item.order = copies.publication_order(date, item.order[2])
                item.source = meta.get("source") if isinstance(meta.get("source"), dict) else None
            found.append(item)
        return sorted(found, key=lambda item: item.order)

    def _can_give_way(self, key: str, manifest: Manifest) -> bool:
        target = self.target(key)
        entry = manifest.articles[key]
        return not target.exists() or sha256(target.read_bytes()) == entry.output_sha256

    def _give_way(self, item: copies.Item, kept: Job, manifest: Manifest) -> None:
        """An article already written whose story an earlier published input of this run also
        carries becomes one of its copies: its file is removed, its copies move along."""
        entry = manifest.articles.pop(item.key)
        kept.copies.append(copies.copy_entry(item.source, entry.raw_key, entry.raw_sha256))
        kept.copies.extend(entry.copies)
        self.target(item.key).unlink(missing_ok=True)
        shown = self.shown(item.key)
        for index, record in enumerate(self.records):
            if record.status == "unchanged" and record.output == shown:
                record.status = "duplicate"
                self._duplicates.append((index, kept))

    def _running_keys(self) -> list[str]:
        return [job.raw_key for job in self._duplicate_jobs.values()]

    def _list_copies(self) -> dict[str, list[dict[str, Any]]]:
        """Give each kept job its copies; return the copies of articles kept from earlier runs."""
        elsewhere: dict[str, list[dict[str, Any]]] = {}
        for index, winner in self._duplicates:
            job = self._duplicate_jobs.get(index)
            if job is None:  # an article that gave way: already listed by _give_way
                continue
            entry = copies.copy_entry(job.article.source, job.raw_key, job.raw_sha256)
            if isinstance(winner, str):
                elsewhere.setdefault(winner, []).append(entry)
            else:
                winner.copies.append(entry)
        return elsewhere

    def _update_copies(
        self, elsewhere: dict[str, list[dict[str, Any]]], manifest: Manifest
    ) -> None:
        """A later copy of an article already written adds itself to that article's ``copies``
        (only while the file is what ingest wrote: a hand-edited one is left alone)."""
        for key, found in sorted(elsewhere.items()):
            entry = manifest.articles.get(key)
            target = self.target(key)
            if entry is None or not target.is_file():
                continue
            current = target.read_bytes()
            listed = copies.merge(entry.copies, found)
            if sha256(current) != entry.output_sha256 or listed == entry.copies:
                continue
            data = copies.with_copies(current, listed)
            try:
                atomic.write_bytes(target, data)
            except OSError as exc:
                self.say(f"newsarchive: {escape(target)}: copies not updated "
                         f"({exc.strerror or exc})")
                continue
            entry.copies, entry.output_sha256 = listed, sha256(data)

    def _assign_ids(self, jobs: list[Job], manifest: Manifest) -> None:
        """Keep the manifest's id when the title and date still lead to it; otherwise the first
        free ``slug``, ``slug-2``, ``slug-3`` ... across the whole archive."""
        mine = {job.old_id for job in jobs if job.old_id}
        taken = {key.rsplit("/", 1)[-1] for key in manifest.articles if key not in mine}
        known = set(manifest.articles)
        # output files the manifest does not know, with the raw path their front matter names:
        # a run that was killed before saving the manifest leaves such files behind
        orphans: dict[str, str | None] = {}
        if self.out.is_dir():
            for path in self.out.rglob("*.md"):
                key = article_key(path.relative_to(self.out).as_posix())
                if key not in known:
                    taken.add(path.stem)
                    orphans[key] = _raw_path_of(path)
        fresh: list[Job] = []
        for job in jobs:
            folder = article_folder(job.article.date)
            base = slugify(job.article.title)
            old = job.old_id
            if old is not None:
                old_folder, _, old_slug = old.rpartition("/")
                same_base = old_slug == base or re.fullmatch(re.escape(base) + r"-\d+", old_slug)
                if old_folder == folder and same_base and old_slug not in taken:
                    job.article_key = old
                    taken.add(old_slug)
                    continue
            fresh.append(job)
        for job in fresh:
            base = slugify(job.article.title)
            folder = article_folder(job.article.date)
            slug, number = base, 1
            while slug in taken:
                if orphans.get(f"{folder}/{slug}") == job.raw_key:
                    # made from this very input by an interrupted run: take it back (it is
                    # rewritten only if its bytes are what this run generates, see _write)
                    del orphans[f"{folder}/{slug}"]
                    break
                number += 1
                slug = f"{base}-{number}"
            taken.add(slug)
            job.article_key = f"{folder}/{slug}"
        for job in jobs:
            job.target = self.target(job.article_key)

    def _check_target(self, job: Job, manifest: Manifest) -> bool:
        """Refuse to overwrite an output that differs from what this tool last wrote there."""
        if self.options.force or not job.target.is_file():
            return True
        entry = manifest.articles.get(job.article_key)
        if entry is None:
            return True  # decided after rendering: identical bytes are fine
        current = job.target.read_bytes()
        if sha256(current) == entry.output_sha256:
            return True
        # Not what the manifest recorded: edited by hand, or written by a run that could not
        # save its manifest (a full disk). Decided after rendering: the very bytes this run
        # writes are ours.
        job.unrecorded = current
        return True

    def _ner_text(self, job: Job) -> str:
        """The text NER reads: the whole article, up to :data:`NER_MAX_CHARS` (cut at a paragraph),
        so a giant file costs seconds, not the hour spaCy would take over all of it."""
        text = job.article.plain_text()
        if len(text) <= NER_MAX_CHARS:
            return text
        cut = text.rfind("\n\n", 0, NER_MAX_CHARS)
        self.say(f"newsarchive: {self.records[job.index].path}: warning: {len(text):,} characters; "
                 f"names are taken from the first {NER_MAX_CHARS:,}")
        return text[: cut if cut > 0 else NER_MAX_CHARS]

    def _convert(
        self,
        jobs: list[Job],
        manifest: Manifest,
        entities_mod: Any,
        config: Any,
        model: str,
        fingerprint: str,
    ) -> None:
        if self.cluster is not None:
            results = self.cluster.extract(model, config, [self._ner_text(j) for j in jobs])
        else:
            extractor = entities_mod.EntityExtractor(model=model, config=config)
            count = self.options.jobs or default_jobs(len(jobs))
            texts = (self._ner_text(job) for job in jobs)
            results = extractor.extract(texts, jobs=count)
        done = 0
        saved, took = 0.0, 0.0
        try:
            for job, found in zip(jobs, results, strict=False):
                done += 1
                # the clock starts at the first article (after the model loaded): a run that
                # adds a few saves the manifest once, at its end
                saved = saved or time.monotonic()
                with held():  # the file and its manifest entry, or neither
                    self._write(job, found, manifest, fingerprint)
                self.progress.advance()
                if time.monotonic() - saved > max(SAVE_EVERY, SAVE_SHARE * took):
                    # What is written is recorded as it goes: a run that is killed leaves a
                    # manifest from which the next run counts those articles as unchanged.
                    start = time.monotonic()
                    self._save(manifest)
                    saved = time.monotonic()
                    took = saved - start
        except BaseException as exc:  # interrupted (Ctrl-C, SIGTERM): keep what was written
            if not isinstance(exc, Exception):
                self._save(manifest)
                raise
            reason = f"entity extraction failed ({type(exc).__name__}: {exc})"
            for job in jobs[done:]:
                if self.records[job.index].status != "converted":
                    self.fail(job.index, reason)
            return
        for job in jobs[done:]:
            self.fail(job.index, "entity extraction returned no result")

    def _write(self, job: Job, found: Any, manifest: Manifest, fingerprint: str) -> None:
        meta = render.metadata(
            job.article,
            slug=job.article_key.rsplit("/", 1)[-1],
            entities=found.as_front_matter(),
            raw_path=job.raw_key,
            raw_sha256=job.raw_sha256,
        )
        data = render.render(job.article, meta)
        old = manifest.articles.get(job.article_key)
        running = {job.raw_key for job in self._duplicate_jobs.values()}
        kept_copies = [c for c in old.copies if c["raw"]["path"] not in running] if old else []
        listed = copies.merge(kept_copies, job.copies)
        if listed:
            data = copies.with_copies(data, listed)
        current = job.target.read_bytes() if job.target.is_file() else None
        ours = current == data or (
            current is not None and archive_types.same_but_entities(current, data)
        )
        if job.unrecorded is not None and not ours and not self.options.force:
            self.fail(
                job.index,
                f"output {escape(job.target)} was edited by hand; not overwritten "
                "(use --force to replace it)",
            )
            return
        unknown = job.article_key not in manifest.articles
        if current is not None and current != data and unknown and not self.options.force:
            self.fail(
                job.index,
                f"output {escape(job.target)} exists but is not in the manifest of this folder; "
                "not overwritten (use --force to replace it)",
            )
            return
        if current != data:
            try:
                atomic.write_bytes(job.target, data)
            except OSError as exc:
                self.fail(job.index, f"cannot write {escape(job.target)} ({exc.strerror or exc})")
                return
        self._drop_stale(job, manifest)
        manifest.articles[job.article_key] = Entry(
            raw_path=job.input.raw_path,
            position=job.position,
            raw_sha256=job.raw_sha256,
            output_sha256=sha256(data),
            story_id=job.story_id,
            body_sha256=job.body_sha256,
            aliases={key: sorted(value) for key, value in sorted(found.aliases.items())},
            fingerprint=job.fingerprint or fingerprint,
            copies=listed,
            entities=found.as_front_matter(),
            weights=dict(found.weights),
            phrases=list(found.phrases),
        )
        if self.signatures is not None and job.index in self._signed:
            digest = document_key(data)
            self.signatures.put(digest, self._signed.pop(job.index))
            self._bodies.add(digest)
        record = self.records[job.index]
        record.status, record.output, record.error = "converted", escape(job.target), None

    def _drop_stale(self, job: Job, manifest: Manifest) -> None:
        """The input's previous output moved (new title/date) or became a duplicate: remove the
        old file if it is still exactly what was generated, and its manifest entry."""
        old = job.old_id
        if old is None or old == job.article_key or old not in manifest.articles:
            return
        entry = manifest.articles.pop(old)
        path = self.target(old)
        if path.is_file() and sha256(path.read_bytes()) == entry.output_sha256:
            path.unlink()


def _old_id(by_raw: dict[str, str], item: Input, position: str) -> str | None:
    """The article made from this input before, under its name now or as older runs named it."""
    found = by_raw.get(item.raw_path + position)
    if found is None and item.legacy_raw_path:
        found = by_raw.get(item.legacy_raw_path + position)
    return found


def _raw_path_of(path: Path) -> str | None:
    """The ``raw.path`` in an article file's front matter, or None if it has none."""
    try:
        meta, _ = frontmatter.load(path)
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return None
    raw = meta.get("raw")
    value = raw.get("path") if isinstance(raw, dict) else None
    return value if isinstance(value, str) else None


def _connect(address: str) -> Any:
    from newsarchive.ingest.cluster import Cluster, ClusterError  # lazy: an optional extra

    try:
        return Cluster.connect(address)
    except ClusterError as exc:
        raise UsageError(str(exc)) from None


def run(options: Options, stderr: TextIO | None = None) -> tuple[list[Record] | None, int]:
    """Run one ingest; return the records and the exit status (0, 1, or 2 for a bad option).

    Records are None when nothing ran: a bad option (2) or another ingest writing to the same
    output folder (1).
    """
    stream = stderr or sys.stderr
    worker = Run(options, stream)
    try:
        if options.scheduler:  # before anything is written: an unreachable one is a usage error
            worker.cluster = _connect(options.scheduler)
        records = worker.execute()
    except UsageError as exc:
        print(f"newsarchive: {exc}", file=stream)
        return None, 2
    except lock.LockBusy as exc:
        print(f"newsarchive: {exc}", file=stream)
        return None, 1
    finally:
        if worker.cluster is not None:
            if not options.quiet:
                print(f"newsarchive: NER on {worker.cluster.address}, "
                      f"{worker.cluster.workers()} workers", file=stream)
            worker.cluster.close()
    failed = worker.unsaved or any(record.status == "failed" for record in records)
    status = 1 if failed else 0
    return records, status

