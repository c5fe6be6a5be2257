"""Per-article outcome records, the ``--report`` JSON and the summary line.

A file that is one article has one record named by its path; a file of many articles has one
record per article, its path followed by the article's position (``:LINE`` or ``@OFFSET``); a file
that cannot be read at all has one failed record under its plain path.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from newsarchive import atomic

STATUSES = ("converted", "unchanged", "duplicate", "failed")


@dataclass
class Record:
    path: str  # the input as given on the command line (or found in a folder), plus position
    status: str  # converted | unchanged | duplicate | failed
    output: str | None = None  # the Markdown file (for duplicates: the one it duplicates)
    error: str | None = None


def write_report(path: str | Path, records: list[Record]) -> None:
    data = json.dumps([asdict(record) for record in records], ensure_ascii=False, indent=1)
    atomic.write_text(path, data + "\n")


def summary_line(records: list[Record], seconds: float) -> str:
    counts = {status: sum(1 for r in records if r.status == status) for status in STATUSES}
    rate = len(records) / seconds if seconds > 0 else 0.0
    parts = ", ".join(f"{counts[s]} {s}" for s in STATUSES)
    return f"newsarchive: {len(records)} files: {parts} in {seconds:.1f} s ({rate:.1f} articles/s)"
