"""``newsarchive bundle``: the built site as one zip that works after unzipping anywhere.

All files sit under one folder named like the zip (``newsarchive-offline/index.html``) so
unzipping never spills files into the user's folder. Entries are sorted and carry a fixed
timestamp and permissions, so the same site always gives the same bytes; the zip is written
atomically, so a failed run never leaves a truncated archive behind.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import zipfile
from pathlib import Path

from newsarchive.atomic import write_bytes

DEFAULT_ZIP = "dist/newsarchive-offline.zip"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def site_files(output: Path) -> list[Path]:
    """Files of the site, sorted by their ``/``-separated path; hidden and temp files left out."""
    files = []
    for path in output.rglob("*"):
        rel = path.relative_to(output)
        if not path.is_file() or any(p.startswith(".") for p in rel.parts):
            continue
        if path.suffix == ".tmp":
            continue
        files.append(path)
    return sorted(files, key=lambda p: p.relative_to(output).as_posix())


def make_zip(output: Path, folder: str) -> tuple[bytes, int]:
    """The zip's bytes and its number of files."""
    buffer = io.BytesIO()
    files = site_files(output)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(output).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, path.read_bytes())
    return buffer.getvalue(), len(files)


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if not (output / "index.html").is_file():
        print(
            f"newsarchive bundle: {output / 'index.html'} not found; build the site first "
            f"(newsarchive build --output {output})",
            file=sys.stderr,
        )
        return 1
    target = Path(args.zip or DEFAULT_ZIP)
    if target.suffix != ".zip":
        print(f"newsarchive bundle: {target} must end in .zip", file=sys.stderr)
        return 2
    if target.resolve().is_relative_to(output.resolve()):
        print(f"newsarchive bundle: {target} is inside the site folder {output}", file=sys.stderr)
        return 2
    try:
        data, count = make_zip(output, target.stem)
        write_bytes(target, data)
    except OSError as exc:  # a full disk, a folder that cannot be written: the old zip stays
        where = exc.filename or target
        print(f"newsarchive bundle: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {os.fspath(target)}: {count} files, {len(data) / 1e6:.1f} MB; "
          f"unzip it and open {target.stem}/index.html")
    return 0
