"""Grow an ingested archive to N articles for the build benchmark, without running NER again.

Ingest runs the spaCy model at about ten articles a second on this machine, so 100,000 articles
would take hours before the build is even measured. The build (the step measured at that size)
reads only Markdown, so the bench makes the large archive from an ingested one: copy ``r`` of
each article is moved ``r * YEARS`` years back (a deeper back catalogue, same months and
weekdays mix), its slug and file name get ``-r<r>``, and nothing else changes: the same entities,
providers and text, so pages, lists and the search index grow as a real archive's would.

    python -m bench.replicate SRC DST --articles N
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from newsarchive.article import article_files
from newsarchive.frontmatter import dump, load

YEARS = 7


def _shift(value: Any, years: int) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        try:
            return value.replace(year=value.year - years)
        except ValueError:  # 29 February
            return value.replace(year=value.year - years, day=28)
    return value


def replicate(src: Path, dst: Path, articles: int) -> int:
    """Write ``articles`` Markdown files under ``dst``: the files of ``src`` first, then shifted
    copies, in key order. Returns how many were written."""
    sources = article_files(src)
    if not sources:
        raise SystemExit(f"bench.replicate: no articles in {src}")
    shutil.rmtree(dst, ignore_errors=True)
    written = 0
    copy = 0
    while written < articles:
        for path in sources:
            if written >= articles:
                break
            relative = path.relative_to(src)
            if copy == 0:
                target = dst / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            else:
                meta, body = load(path)
                years = copy * YEARS
                for key in ("date", "retrieved"):
                    if key in meta:
                        meta[key] = _shift(meta[key], years)
                slug = f"{meta.get('slug') or path.stem}-r{copy}"
                meta["slug"] = slug
                date = meta.get("date")
                folder = (f"{date.year:04d}/{date.month:02d}"
                          if isinstance(date, dt.date) else "undated")
                target = dst / folder / f"{path.stem}-r{copy}.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(dump(meta) + body, encoding="utf-8")
            written += 1
        copy += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.replicate", description=__doc__)
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--articles", type=int, required=True)
    args = parser.parse_args(argv)
    print(replicate(args.src, args.dst, args.articles))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
