"""Grow an ingested archive to N articles for the build benchmark, without running NER again.

Ingest runs the spaCy model at about ten articles a second on this machine, so 100,000 articles
would take hours before the build is even measured. The build (the step measured at that size)
reads only Markdown, so the bench makes the large archive from an ingested one: copy ``r`` of
each article is moved ``r * YEARS`` years back (a deeper back catalogue, same months and
weekdays mix), its slug and file name get ``r<r>-`` in front (in front: a long slug is cut to its
first 80 characters), and nothing else changes: the same entities,
providers and text, so pages, lists and the search index grow as a real archive's would.

    python -m bench.replicate SRC DST --articles N
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

from newsarchive.article import article_files

YEARS = 7


_YEAR = re.compile(r"^(\s*[\"']?)(\d{4})(-\d\d-\d\d)")


def _copy_text(text: str, copy: int, stem: str) -> tuple[str, str | None]:
    """The article text of copy ``copy`` (its date and retrieval date ``copy * YEARS`` years back,
    its slug prefixed) and its new ``YYYY/MM`` folder (None when undated). The front matter is
    edited line by line, so everything else stays byte for byte."""
    head, sep, body = text.partition("\n---\n")
    lines = head.split("\n")
    folder = None
    slugged = False
    for i, line in enumerate(lines):
        key, colon, value = line.partition(": ")
        if not colon or line.startswith(" "):
            continue
        if key in ("date", "retrieved"):
            match = _YEAR.match(value)
            if match:
                year = int(match.group(2)) - copy * YEARS
                day = match.group(3)
                if day.endswith("-02-29"):
                    day = day[:-2] + "28"
                value = f"{match.group(1)}{year:04d}{day}{value[match.end():]}"
                lines[i] = f"{key}: {value}"
                if key == "date":
                    folder = f"{year:04d}/{day[1:3]}"
        elif key == "slug":
            lines[i] = f"slug: r{copy}-{value.strip().strip(chr(34))}"
            slugged = True
    if not slugged:
        lines.insert(1, f"slug: r{copy}-{stem}")
    return "\n".join(lines) + sep + body, folder


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
                text, folder = _copy_text(path.read_text(encoding="utf-8"), copy, path.stem)
                target = dst / (folder or "undated") / f"r{copy}-{path.stem}.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
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
