"""Keep the Whoosh index in step with the Markdown articles, re-indexing only what changed.

Each article is stored with the SHA-256 of its file. An update compares those hashes with the
files on disk: new and changed files are (re)indexed, files that are gone are deleted, the rest
is left alone. Every commit is optimised into a single segment so that the statistics the
browser reproduces (``doc_count_all``, document frequencies, field-length totals) count only
live documents; deleted documents would otherwise keep weighing on them until a merge.
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

    A file that fails to parse is reported and skipped; if an older version of it is indexed,
    that version stays (an article is never dropped because of a bad edit).
    """
    content = Path(content_dir)
    path = Path(index_dir)
    ix = _open_or_create(path)
    with ix.searcher() as searcher:
        indexed = {
            fields["id"]: fields.get("sha256", "") for fields in searcher.all_stored_fields()
        }
    report = IndexReport()
    docs = []
    seen: set[str] = set()
    files = article_files(content) if content.is_dir() else []
    for file in files:
        ident = article_id(file, content)
        seen.add(ident)
        old = indexed.get(ident)
        try:
            data = file.read_bytes()
            if old is not None and old == file_sha256(data):
                report.unchanged += 1
                continue
            doc = read_article(file, content, data)
        except (OSError, ArticleError) as exc:
            report.failed.append((str(file), str(exc)))
            print(f"newsarchive: {file}: not indexed: {exc}", file=sys.stderr)
            continue
        (report.updated if old is not None else report.added).append(ident)
        docs.append(doc)
    report.removed = sorted(set(indexed) - seen)
    if not report.changed:
        return report
    writer = ix.writer()
    try:
        for ident in report.removed:
            writer.delete_by_term("id", ident)
        for doc in docs:
            writer.update_document(**doc.whoosh_fields())
    except BaseException:
        writer.cancel()
        raise
    writer.commit(optimize=True)
    return report
