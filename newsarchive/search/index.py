"""Keep the Whoosh index in step with the Markdown articles.

Each article is stored with the SHA-256 of its file. An update compares those hashes with the
files on disk; when nothing was added, changed or removed, the index is not touched at all (the
common daily case of a rebuild with no new articles costs one hash per file).

When anything changed, the index is written afresh, in the stable order of the article paths,
into a sibling folder that then replaces the old one. Updating in place is not an option for an
index whose scores the browser must reproduce and which must rank exactly like a clean build:
Whoosh's segment merge keeps the field lengths of deleted documents in the field-length totals
(so ``avgfl`` drifts) and places the new segment's documents first (so ties break differently).
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index

from newsarchive import atomic
from newsarchive.search.document import ArticleError, article_id, file_sha256, read_article
from newsarchive.search.schema import SCHEMA_VERSION, build_schema

INDEX_NAME = "articles"
VERSION_FILE = "newsarchive-index.json"


class IndexMissingError(FileNotFoundError):
    """There is no article index in the folder (run ``newsarchive build`` first)."""


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


def open_index(index_dir: str | Path) -> Index:
    """Open the article index for reading (raises :class:`IndexMissingError`)."""
    path = Path(index_dir)
    if not path.is_dir() or not whoosh_index.exists_in(str(path), indexname=INDEX_NAME):
        raise IndexMissingError(f"no search index in {path} (run 'newsarchive build' to create it)")
    return whoosh_index.open_dir(str(path), indexname=INDEX_NAME)


def _current_version(path: Path) -> int | None:
    try:
        return int(json.loads((path / VERSION_FILE).read_text("utf-8"))["schema"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _open_or_create(path: Path) -> Index:
    """Open the index, or create it afresh when absent or written by another schema version."""
    if whoosh_index.exists_in(str(path), indexname=INDEX_NAME):
        if _current_version(path) == SCHEMA_VERSION:
            return whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(path), build_schema(), indexname=INDEX_NAME)
    atomic.write_text(path / VERSION_FILE, json.dumps({"schema": SCHEMA_VERSION}) + "\n")
    return ix


def article_files(content_dir: Path) -> list[Path]:
    """Every Markdown article under the folder, in a stable order (which fixes doc numbers)."""
    return sorted(
        (p for p in content_dir.rglob("*.md") if not any(s.startswith(".") for s in p.parts)),
        key=lambda p: p.relative_to(content_dir).as_posix(),
    )


def update_index(content_dir: str | Path, index_dir: str | Path) -> IndexReport:
    """Bring the index at ``index_dir`` up to date with the articles under ``content_dir``.

    A file that fails to parse is reported on one line and left out of the index, as Pelican
    leaves it out of the site: search never leads to a page that was not built.
    """
    content = Path(content_dir)
    path = Path(index_dir)
    ix = _open_or_create(path)
    with ix.searcher() as searcher:
        indexed = {
            fields["id"]: fields.get("sha256", "") for fields in searcher.all_stored_fields()
        }
    files = article_files(content) if content.is_dir() else []
    report = IndexReport()
    sources: list[tuple[Path, str, bytes]] = []
    for file in files:
        ident = article_id(file, content)
        try:
            data = file.read_bytes()
        except OSError as exc:
            _fail(report, file, exc)
            continue
        sources.append((file, ident, data))
        old = indexed.get(ident)
        if old is None:
            report.added.append(ident)
        elif old != file_sha256(data):
            report.updated.append(ident)
        else:
            report.unchanged += 1
    report.removed = sorted(set(indexed) - {ident for _, ident, _ in sources})
    if not report.changed and not report.failed:
        return report
    docs = []
    for file, ident, data in sources:
        try:
            docs.append(read_article(file, content, data))
        except ArticleError as exc:
            _fail(report, file, exc)
            for bucket in (report.added, report.updated):
                if ident in bucket:
                    bucket.remove(ident)
            if ident in indexed and ident not in report.removed:
                report.removed.append(ident)
                report.removed.sort()
                if indexed[ident] == file_sha256(data):
                    report.unchanged -= 1
    if report.changed:
        ix.close()
        _rebuild(path, docs)
    return report


def _fail(report: IndexReport, file: Path, exc: Exception) -> None:
    report.failed.append((str(file), str(exc)))
    print(f"newsarchive: {file}: not indexed: {exc}", file=sys.stderr)


def _rebuild(path: Path, docs: list) -> None:
    """Write every document into a fresh index beside ``path``, then swap it in."""
    fresh = path.with_name(path.name + ".new")
    stale = path.with_name(path.name + ".old")
    for leftover in (fresh, stale):
        if leftover.exists():
            shutil.rmtree(leftover)
    fresh.mkdir(parents=True)
    ix = whoosh_index.create_in(str(fresh), build_schema(), indexname=INDEX_NAME)
    writer = ix.writer()
    try:
        for doc in docs:
            writer.add_document(**doc.whoosh_fields())
    except BaseException:
        writer.cancel()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    writer.commit()
    ix.close()
    atomic.write_text(fresh / VERSION_FILE, json.dumps({"schema": SCHEMA_VERSION}) + "\n")
    path.rename(stale)
    fresh.rename(path)
    shutil.rmtree(stale)
