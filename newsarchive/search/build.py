"""One step for the site build: bring the Whoosh index up to date, then export the client index.

The export is skipped when the index did not change and the exported manifest is the one written
from this index generation, so a no-op rebuild costs one hash comparison per article.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from newsarchive import atomic
from newsarchive.search.export import ExportReport, export_index
from newsarchive.search.index import IndexReport, open_index, update_index

STAMP_FILE = "newsarchive-export.json"


@dataclass
class BuildReport:
    index: IndexReport
    export: ExportReport | None


def _stamp(index_dir: Path, out_dir: Path) -> dict[str, object]:
    manifest = out_dir / "manifest.js"
    digest = hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.is_file() else ""
    return {
        "generation": open_index(index_dir).latest_generation(),
        "output": str(out_dir.resolve()),
        "manifest_sha256": digest,
    }


def build_search(
    content_dir: str | Path, index_dir: str | Path, out_dir: str | Path
) -> BuildReport:
    """Update ``index_dir`` from the articles in ``content_dir``; export to ``out_dir``."""
    index_path, out_path = Path(index_dir), Path(out_dir)
    report = update_index(content_dir, index_path)
    stamp_file = index_path / STAMP_FILE
    if not report.changed and (out_path / "manifest.js").is_file():
        try:
            previous = json.loads(stamp_file.read_text("utf-8"))
        except (OSError, ValueError):
            previous = None
        if previous == _stamp(index_path, out_path):
            return BuildReport(report, None)
    exported = export_index(index_path, out_path)
    atomic.write_text(stamp_file, json.dumps(_stamp(index_path, out_path), sort_keys=True) + "\n")
    return BuildReport(report, exported)
