"""``newsarchive ingest``: argparse namespace in, exit status out."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsarchive.ingest.inputs import escape
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
        scheduler=args.scheduler,
        provider=args.provider,
        date_from_path=args.date_from_path,
    )
    started = time.perf_counter()
    records, status = run_pipeline(options, sys.stderr)
    elapsed = time.perf_counter() - started
    if records is None:  # nothing ran; the reason is already on stderr
        return status
    if args.report:
        try:
            write_report(args.report, records)
        except OSError as exc:
            print(f"newsarchive: {escape(args.report)}: cannot write the report "
                  f"({exc.strerror or exc})", file=sys.stderr)
            return 1
    if not args.quiet:
        print(summary_line(records, elapsed), file=sys.stderr)
    return status
