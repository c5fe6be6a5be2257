"""What the text cannot say: sidecar ``NAME.meta.json``, ``--provider``, ``--date-from-path``,
and ``raw.path`` relative to the input folder named on the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsarchive import frontmatter
from newsarchive.ingest.extras import date_in_path

from .helpers import ingest

PLAIN = "Norvik Council Backs Tram Extension\n\nThe Norvik council voted to extend the tram.\n"
MENAFN = (
    "Thursday 14 March 2024 09:42 GMT\n\nHarbour Board Meets\n\n"
    "(MENAFN- Coastline Ledger (CL)) The harbour board met on Tuesday.\n\n"
    "MENAFN12032024000214011040ID1107943315\n"
)


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def only_article(out: Path) -> tuple[dict[str, object], str]:
    (path,) = sorted(out.rglob("*.md"))
    return frontmatter.load(path)


def test_sidecar_wins_over_the_text(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "a/story.txt", MENAFN)
    sidecar = {
        "title": "Harbour Board Approves Budget",
        "date": "2024-03-11",
        "retrieved": "2024-03-15T10:00:00+01:00",
        "provider": "Gulf Wire",
        "url": "https://gulfwire.example/budget",
        "id": "GW-2024-0311-7",
        "unknown": "ignored",
    }
    write(raw, "a/story.meta.json", json.dumps(sidecar))
    result = ingest([raw], tmp_path / "out")
    assert result.status == 0, result.stderr
    assert [r.path for r in result.records] == [f"{raw}/a/story.txt"]  # the sidecar is no input
    meta, _ = only_article(tmp_path / "out")
    assert meta["title"] == "Harbour Board Approves Budget"
    assert meta["date"] == dt.date(2024, 3, 11)
    assert meta["retrieved"] == dt.datetime(2024, 3, 15, 9, 0, tzinfo=dt.UTC)
    assert meta["source"] == {
        "network": "MENAFN",
        "provider": "Gulf Wire",
        "id": "GW-2024-0311-7",
        "article_id": "1107943315",
        "url": "https://gulfwire.example/budget",
    }
    assert meta["raw"]["path"] == "a/story.txt"
    # a changed sidecar reconverts; an unchanged one does not
    assert ingest([raw], tmp_path / "out").records[0].status == "unchanged"
    write(raw, "a/story.meta.json", json.dumps(sidecar | {"provider": "Harbour Daily"}))
    assert ingest([raw], tmp_path / "out").records[0].status == "converted"
    assert only_article(tmp_path / "out")[0]["source"]["provider"] == "Harbour Daily"


def test_a_broken_sidecar_fails_its_input_alone(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "bad.txt", PLAIN)
    write(raw, "bad.meta.json", '{"date": "soon"}')
    write(raw, "good.txt", PLAIN.replace("Tram", "Bus").replace("tram", "bus"))
    result = ingest([raw], tmp_path / "out")
    assert result.status == 1
    assert result.stderr.splitlines() == [
        f"newsarchive: {raw}/bad.txt: sidecar bad.meta.json: 'date' is not a date: 'soon'"
    ]
    assert result.record("good.txt").status == "converted"


def test_provider_names_inputs_without_one_only(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "plain.txt", PLAIN)
    write(raw, "menafn.txt", MENAFN)
    result = ingest([raw], tmp_path / "out", provider="Norvik Courier")
    assert result.status == 0, result.stderr
    plain, _ = frontmatter.load(tmp_path / "out/undated/norvik-council-backs-tram-extension.md")
    assert plain["source"] == {"provider": "Norvik Courier"}
    menafn, _ = frontmatter.load(tmp_path / "out/2024/03/harbour-board-meets.md")
    assert menafn["source"]["provider"] == "Coastline Ledger (CL)"


def test_date_from_path_dates_undated_inputs_only(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "2024/05/17/plain.txt", PLAIN)
    write(raw, "2023-01-02-menafn.txt", MENAFN)
    result = ingest([raw], tmp_path / "out", date_from_path=True)
    assert result.status == 0, result.stderr
    out = tmp_path / "out"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        "2024/03/harbour-board-meets.md",
        "2024/05/norvik-council-backs-tram-extension.md",
    ]
    plain, _ = frontmatter.load(tmp_path / "out/2024/05/norvik-council-backs-tram-extension.md")
    assert plain["date"] == dt.date(2024, 5, 17)
    assert plain["raw"]["path"] == "2024/05/17/plain.txt"


@pytest.mark.parametrize(
    ("path", "day"),
    [
        ("archive/2024/05/17/a.txt", dt.date(2024, 5, 17)),
        ("archive/2024-05-17-a.txt", dt.date(2024, 5, 17)),
        ("2023/01/01/x/2024-05-17.txt", dt.date(2024, 5, 17)),  # the nearest to the file
        ("archive/2024/13/17/a.txt", None),
        ("archive/2024/05-17/a.txt", None),  # mixed separators are no date
        ("archive/12024-05-17.txt", None),
    ],
)
def test_date_in_path(path: str, day: dt.date | None) -> None:
    assert date_in_path(path) == day


def test_raw_path_is_relative_to_the_folder_named(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write(one, "x/a.txt", PLAIN)
    write(two, "x/a.txt", PLAIN.replace("Tram", "Ferry").replace("tram", "ferry"))
    write(two, "y/b.txt", PLAIN.replace("Tram", "Bus").replace("tram", "bus"))
    result = ingest([one, two], tmp_path / "out")
    assert result.status == 0, result.stderr
    paths = sorted(frontmatter.load(p)[0]["raw"]["path"] for p in (tmp_path / "out").rglob("*.md"))
    # the same name under two folders keeps the longer form; others are relative to their folder
    assert paths == ["one/x/a.txt", "two/x/a.txt", "y/b.txt"]
    single = ingest([two / "y/b.txt"], tmp_path / "single")
    assert only_article(tmp_path / "single")[0]["raw"]["path"] == "b.txt"
    assert single.status == 0


def test_manifest_of_earlier_runs_keeps_slugs(tmp_path: Path) -> None:
    """Manifests written when raw paths included the folder still find their articles."""
    raw = tmp_path / "raw"
    write(raw, "x/a.txt", PLAIN)
    out = tmp_path / "out"
    ingest([raw], out)
    manifest = json.loads((out / ".newsarchive.json").read_text())
    for entry in manifest["articles"].values():
        entry["raw_path"] = "raw/" + entry["raw_path"]
        entry["fingerprint"] = "older"
    (out / ".newsarchive.json").write_text(json.dumps(manifest))
    result = ingest([raw], out)
    assert [r.status for r in result.records] == ["converted"]
    assert sorted(p.name for p in out.rglob("*.md")) == ["norvik-council-backs-tram-extension.md"]
    manifest = json.loads((out / ".newsarchive.json").read_text())
    assert [e["raw_path"] for e in manifest["articles"].values()] == ["x/a.txt"]
