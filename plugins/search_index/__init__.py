"""Pelican glue: after the site is written, update the Whoosh index and export ``search/``.

All the work is in :mod:`newsarchive.search.build`; this only maps Pelican settings to paths.
``NEWSARCHIVE_INDEX_DIR`` (default ``var/index``) is taken relative to the project folder, the
parent of the content folder, so the build does not depend on the current directory.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pelican import signals

from newsarchive.search.build import build_search


def _paths(settings: dict) -> tuple[Path, Path, Path]:
    content_root = Path(settings["PATH"])
    article_paths = settings.get("ARTICLE_PATHS") or ["articles"]
    content_dir = content_root / article_paths[0]
    index_dir = Path(settings.get("NEWSARCHIVE_INDEX_DIR", "var/index"))
    if not index_dir.is_absolute():
        index_dir = content_root.parent / index_dir
    out_dir = Path(settings["OUTPUT_PATH"]) / "search"
    return content_dir, index_dir, out_dir


def update_search(pelican: object) -> None:
    content_dir, index_dir, out_dir = _paths(pelican.settings)  # type: ignore[attr-defined]
    report = build_search(content_dir, index_dir, out_dir)
    idx = report.index
    line = (
        f"search index: {len(idx.added)} added, {len(idx.updated)} updated, "
        f"{len(idx.removed)} removed, {idx.unchanged} unchanged"
    )
    if idx.failed:
        line += f", {len(idx.failed)} failed"
    if report.export is not None:
        line += f"; {len(report.export.written)} search shards written"
    print(line, file=sys.stderr)


def register() -> None:
    signals.finalized.connect(update_search)
