"""Huge inputs stay linear: parsing and rendering four times the text takes about four times as
long (a quadratic step would take sixteen), and NER reads a bounded prefix of a giant file."""

from __future__ import annotations

import time
from pathlib import Path

from newsarchive.ingest import menafn, plain, render
from newsarchive.ingest.pipeline import NER_MAX_CHARS, Options, run
from newsarchive.search.gcpause import collector_paused


def lines_page(count: int) -> str:
    return "Kessin Harbour Log\n\n" + "".join(
        f"Entry {i}: the Kessin ferry left berth {i % 7} at dawn.\n" for i in range(count)
    )


def paragraphs_page(count: int) -> str:
    return ("Thursday 14 March 2024 09:42 GMT\n\nKessin Harbour Digest\n\n(MENAFN- Kessin Gazette) "
            + "".join(f"Paragraph {i}: pilots met at Kessin.\n\n" for i in range(count))
            + "MENAFN12032024000214011040ID1107943315\n")


def cost(make_page, parse, count: int) -> float:
    """Best of three runs, each with the cyclic collector paused: a collection that lands in one
    run (or another process taking the CPU for a moment) is noise, not the parser's growth."""
    text = make_page(count)
    best = float("inf")
    for _ in range(3):
        with collector_paused():
            start = time.perf_counter()
            article = parse(text)
            render.render(article, render.metadata(article, slug="x", entities={}, raw_path="x",
                                                   raw_sha256="0"))
            best = min(best, time.perf_counter() - start)
    return best


def test_parsing_and_rendering_stay_linear() -> None:
    for make_page, parse in ((lines_page, plain.parse), (paragraphs_page, menafn.parse)):
        small, large = cost(make_page, parse, 5_000), cost(make_page, parse, 20_000)
        assert large / small < 8, (make_page.__name__, small, large)


def test_a_giant_file_converts_with_names_from_its_first_part(tmp_path: Path, capsys) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "giant.txt").write_text(lines_page(60_000), encoding="utf-8")
    records, status = run(Options(paths=[str(raw)], out=tmp_path / "out", quiet=True))
    assert status == 0 and records is not None and records[0].status == "converted"
    err = capsys.readouterr().err
    assert f"names are taken from the first {NER_MAX_CHARS:,}" in err
    assert err.count("\n") == 1
