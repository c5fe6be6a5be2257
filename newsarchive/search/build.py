"""One step for the site build: bring the Whoosh index up to date, then export the client index.

The export is skipped when the index did not change and the exported manifest is the one written
from this index generation, so a no-op rebuild costs one hash comparison per article.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from newsarchive import atomic
from newsarchive.search.export import ExportReport, export_index, shard_files
from newsarchive.search.index import IndexReport, both_cpus_lent, open_index, update_index

STAMP_FILE = "newsarchive-export.json"


@dataclass
class BuildReport:
    index: IndexReport
    export: ExportReport | None


def _stamp(index_dir: Path, out_dir: Path,
           shards: dict[str, tuple[int, int, str]] | None = None) -> dict[str, object]:
    """What the last export into ``out_dir`` left: the index generation it read and, by path
    under ``out_dir``, every shard file's size and modification time (and the digest of its
    bytes: ``shards``, as the export reports them; read from the folder, there are none)."""
    found = shard_files(out_dir) if shards is None else shards
    return {
        "generation": open_index(index_dir).latest_generation(),
        "output": str(out_dir.resolve()),
        "shards": {f"{name}.js": list(stat) for name, stat in sorted(found.items())},
    }


def _files(stamp: object) -> dict[str, list[object]]:
    """A stamp's shard files as size and modification time alone."""
    shards = stamp.get("shards") if isinstance(stamp, dict) else None
    if not isinstance(shards, dict):
        return {}
    return {k: v[:2] if isinstance(v, list) else v for k, v in shards.items()}


def build_search(
    content_dir: str | Path, index_dir: str | Path, out_dir: str | Path
) -> BuildReport:
    """Update ``index_dir`` from the articles in ``content_dir``; export to ``out_dir``.

    When the index did not change, the export is skipped if every shard is exactly as the last
    export left it (same size and modification time); a shard deleted, truncated or edited since
    is said in one line and the export runs again (it rewrites only the shards that differ).
    """
    index_path, out_path = Path(index_dir), Path(out_dir)
    stamp_file = index_path / STAMP_FILE
    try:  # read first: an update that writes segments replaces the index folder, stamp and all
        previous = json.loads(stamp_file.read_text("utf-8"))
    except (OSError, ValueError):
        previous = None
    report = update_index(content_dir, index_path)
    written = None  # the shards as the last export into this folder left them
    if isinstance(previous, dict) and previous.get("output") == str(out_path.resolve()):
        written = previous.get("shards") if isinstance(previous.get("shards"), dict) else None
    if not report.changed and (out_path / "manifest.js").is_file():
        current = _stamp(index_path, out_path)
        same_index = isinstance(previous, dict) and all(
            previous.get(k) == current[k] for k in ("generation", "output")
        )
        if same_index and _files(previous) == current["shards"]:
            return BuildReport(report, None)
        if same_index:
            old, new = _files(previous), current["shards"]
            names = sorted(n for n in set(old) | set(new) if old.get(n) != new.get(n))
            shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
            print(f"newsarchive: search shards in {out_path}: {len(names)} missing or changed "
                  f"since the last export ({shown}); exporting again", file=sys.stderr)
    exported = export_index(index_path, out_path, written, second_cpu=both_cpus_lent)
    stamp = _stamp(index_path, out_path, exported.files)
    atomic.write_text(stamp_file, json.dumps(stamp, sort_keys=True) + "\n")
    return BuildReport(report, exported)
