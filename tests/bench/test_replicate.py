"""bench/replicate.py grows an archive by shifted copies that are themselves valid articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.replicate import YEARS, replicate
from newsarchive.article import article_files, normalise
from newsarchive.frontmatter import dump, load


def _write(root: Path, folder: str, slug: str, meta: dict) -> None:
    path = root / folder / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump({"title": slug.title(), **meta}) + "Harbour news.\n", encoding="utf-8")


def test_copies_are_valid_articles_with_their_own_keys_urls_and_dates(tmp_path: Path) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    _write(src, "2024/03", "tender-opens", {"slug": "tender-opens", "date": dt.date(2024, 2, 29),
                                            "retrieved": dt.datetime(2024, 3, 1, 9, 30,
                                                                     tzinfo=dt.UTC)})
    _write(src, "undated", "ferry-notice", {"entities": {"people": ["Ines Varga-Holt"]}})
    long = "harbour-" * 12 + "report"  # longer than a slug may be: copies still differ
    _write(src, "undated", long, {"slug": long})
    assert replicate(src, dst, 6) == 6
    files = article_files(dst)
    assert len(files) == 6
    found = {}
    for path in files:
        meta, body = load(path)
        key = path.relative_to(dst).with_suffix("").as_posix()
        found[key] = normalise(meta, key)
        assert body == "Harbour news.\n"
    assert len({a.url for a in found.values()}) == 6  # no two pages at one URL
    first = found["2017/02/r1-tender-opens"]
    assert first.date.date() == dt.date(2024 - YEARS, 2, 28)  # no 29 February 7 years back
    assert first.slug == "r1-tender-opens"
    assert found["undated/r1-ferry-notice"].date is None
    assert found["undated/r1-ferry-notice"].entities["people"] == ["Ines Varga-Holt"]
