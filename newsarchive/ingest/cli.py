"""``newsarchive ingest``: argparse namespace in, exit status out."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsarchive.ingest.pipeline import Options
from newsarchive.ingest.pipeline import run as run_pipeline
from newsarchive.ingest.report import summary_line, write_report


def run(args: argparse.Namespace) -> int:
    options = Options(
        paths=list(args.paths),
        out=Path(args.out),
        entities=args.entities,
        jobs=args.jobs,
        force=args.force,
        layout=args.format,
        quiet=args.quiet,
    )
    started = time.perf_counter()
    records, status = run_pipeline(options, sys.stderr)
    elapsed = time.perf_counter() - started
    if status == 2:
        return 2
    if args.report:
        write_report(args.report, records)
    if not args.quiet:
        print(summary_line(records, elapsed), file=sys.stderr)
    return status
