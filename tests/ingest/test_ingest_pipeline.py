"""Whole runs: idempotence, the manifest, hand edits, duplicates, slugs, bad input, the CLI."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive import frontmatter
from newsarchive.ingest.progress import Progress

from .helpers import FIXTURES, ingest

REPO = Path(__file__).resolve().parents[2]
GOOD = ["menafn/nested-provider.txt", "menafn/bare-tag.txt", "plain/dated.txt"]


def make_raw(tmp_path: Path, names: list[str] = GOOD) -> Path:
    raw = tmp_path / "raw"
    for name in names:
        target = raw / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / name, target)
    return raw


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def cli(args: list[str], cwd: Path, probe: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a fresh interpreter; with ``probe``, also print whether
    spaCy and the model package were imported (the model is imported only when loaded) and
    whether the gazetteer was built (the entity rules and the archive vote need it)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if probe:
        code = (
            "import sys, json\n"
            "from newsarchive.cli import main\n"
            f"rc = main({args!r})\n"
            "mods = sorted(sys.modules)\n"
            "places = sys.modules.get('newsarchive.entities.gazetteer')\n"
            "built = places is not None and places.gazetteer.cache_info().currsize > 0\n"
            "print(json.dumps({'rc': rc, 'spacy': 'spacy' in mods,"
            " 'model': any(m.startswith('en_core_web') for m in mods), 'gazetteer': built}))\n"
        )
        command = [sys.executable, "-c", code]
    else:
        command = [sys.executable, "-m", "newsarchive", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_rerun_is_byte_identical_unchanged_and_loads_neither_model_nor_gazetteer(
    tmp_path: Path,
) -> None:
    raw = make_raw(tmp_path)
    cold = cli(["ingest", "raw", "--out", "articles", "--quiet"], tmp_path, probe=True)
    assert cold.returncode == 0, cold.stderr
    assert json.loads(cold.stdout) == {"rc": 0, "spacy": True, "model": True, "gazetteer": True}
    before = snapshot(tmp_path / "articles")
    assert len([k for k in before if k.endswith(".md")]) == 3

    warm = cli(["ingest", "raw", "--out", "articles", "--quiet"], tmp_path, probe=True)
    assert warm.returncode == 0, warm.stderr
    # nothing changed: no NER, and the archive vote is not run again either
    assert json.loads(warm.stdout) == {
        "rc": 0, "spacy": False, "model": False, "gazetteer": False}
    assert snapshot(tmp_path / "articles") == before  # same bytes, not even rewritten

    again = ingest([raw], tmp_path / "articles")
    assert [r.status for r in again.records] == ["unchanged"] * 3


def test_a_fresh_output_folder_gets_the_same_bytes(tmp_path: Path) -> None:
    raw = make_raw(tmp_path)
    first = ingest([raw], tmp_path / "one")
    second = ingest([raw], tmp_path / "two")
    assert first.status == second.status == 0
    one = {k: v[0] for k, v in snapshot(tmp_path / "one").items()}
    two = {k: v[0] for k, v in snapshot(tmp_path / "two").items()}
    assert one == two


def test_manifest_records_provenance_and_aliases(tmp_path: Path) -> None:
    raw = make_raw(tmp_path)
    result = ingest([raw], tmp_path / "articles")
    data = json.loads((tmp_path / "articles" / ".newsarchive.json").read_text())
    assert data["version"] == 2
    entry = data["articles"]["2024/06/solvarra-cabinet-approves-new-fisheries-quota"]
    md = tmp_path / "articles/2024/06/solvarra-cabinet-approves-new-fisheries-quota.md"
    assert entry["raw_path"] == "menafn/nested-provider.txt"
    assert entry["raw_sha256"] == hashlib.sha256(
        (FIXTURES / "menafn/nested-provider.txt").read_bytes()
    ).hexdigest()
    assert entry["output_sha256"] == hashlib.sha256(md.read_bytes()).hexdigest()
    assert entry["story_id"] == "1108281122"
    assert isinstance(entry["aliases"], dict)
    plain = data["articles"]["2024/04/norvik-council-backs-tram-extension"]
    assert plain["story_id"] is None
    assert result.status == 0


def test_hand_edited_output_is_kept_unless_forced(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, ["plain/dated.txt"])
    out = tmp_path / "articles"
    ingest([raw], out)
    md = out / "2024/04/norvik-council-backs-tram-extension.md"
    edited = md.read_text().replace("Mayor Lena Brandt", "Mayor Lena Brandt (edited)")
    md.write_text(edited)

    # raw unchanged: nothing to do, the edit stays
    same = ingest([raw], out)
    assert [r.status for r in same.records] == ["unchanged"]
    assert md.read_text() == edited

    # raw changed: refusing to overwrite is a failure with a clear reason
    source = raw / "plain/dated.txt"
    source.write_text(source.read_text() + "\nThe vote follows a year of consultation.\n")
    refused = ingest([raw], out)
    assert refused.status == 1
    reason = f"output {md} was edited by hand; not overwritten (use --force to replace it)"
    assert refused.records[0].error == reason
    assert refused.stderr == f"newsarchive: {source}: {reason}\n"
    assert md.read_text() == edited

    forced = ingest([raw], out, force=True)
    assert forced.status == 0
    assert [r.status for r in forced.records] == ["converted"]
    assert "year of consultation" in md.read_text()
    assert "(edited)" not in md.read_text()


def test_a_file_not_written_by_ingest_is_never_overwritten(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, ["plain/undated.txt"])
    out = tmp_path / "articles"
    squatter = out / "undated/kessin-ferry-timetable-changes.md"
    squatter.parent.mkdir(parents=True)
    squatter.write_text("written by someone else\n")
    result = ingest([raw], out)
    assert result.status == 0
    assert result.records[0].output == str(out / "undated/kessin-ferry-timetable-changes-2.md")
    assert squatter.read_text() == "written by someone else\n"


def test_duplicates_are_written_once_first_in_sorted_order_wins(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, ["menafn/bare-tag.txt", "plain/undated.txt"])
    # the same MENAFN story (same story id) scraped again with another crawl time
    text = (raw / "menafn/bare-tag.txt").read_text()
    (raw / "menafn/z-rescrape.txt").write_text(text.replace("11:30 GMT", "19:02 GMT"))
    # the same plain story under another title: same normalised body
    plain = (raw / "plain/undated.txt").read_text()
    (raw / "plain/a-copy.txt").write_text(
        plain.replace("Kessin ferry timetable changes", "KESSIN FERRY: NEW TIMES").upper()
    )
    result = ingest([raw], tmp_path / "articles")
    by_path = {Path(r.path).name: r for r in result.records}
    assert result.status == 0
    assert by_path["bare-tag.txt"].status == "converted"
    assert by_path["z-rescrape.txt"].status == "duplicate"
    assert by_path["z-rescrape.txt"].output == by_path["bare-tag.txt"].output
    assert by_path["a-copy.txt"].status == "converted"  # sorts first: it wins
    assert by_path["undated.txt"].status == "duplicate"
    assert by_path["undated.txt"].output == by_path["a-copy.txt"].output
    assert len(list((tmp_path / "articles").rglob("*.md"))) == 2

    rerun = ingest([raw], tmp_path / "articles")
    assert sorted(r.status for r in rerun.records) == [
        "duplicate", "duplicate", "unchanged", "unchanged",
    ]


def test_equal_titles_get_numbered_slugs_that_survive_reruns(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, body in [("b.txt", "Second story body."), ("c.txt", "Third story body.")]:
        (raw / name).write_text(f"Harbour Notice\n\n{body}\n")
    out = tmp_path / "articles"
    first = ingest([raw], out)
    assert [Path(r.output or "").name for r in first.records] == [
        "harbour-notice.md", "harbour-notice-2.md",
    ]
    (raw / "a.txt").write_text("Harbour Notice\n\nFirst story body, added later.\n")
    second = ingest([raw], out)
    assert [(Path(r.path).name, r.status, Path(r.output or "").name) for r in second.records] == [
        ("a.txt", "converted", "harbour-notice-3.md"),
        ("b.txt", "unchanged", "harbour-notice.md"),
        ("c.txt", "unchanged", "harbour-notice-2.md"),
    ]
    slugs = [frontmatter.load(p)[0]["slug"] for p in sorted(out.rglob("*.md"))]
    assert sorted(slugs) == ["harbour-notice", "harbour-notice-2", "harbour-notice-3"]


def test_a_retitled_article_moves_and_its_old_file_goes(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, ["plain/undated.txt"])
    out = tmp_path / "articles"
    ingest([raw], out)
    old = out / "undated/kessin-ferry-timetable-changes.md"
    assert old.is_file()
    source = raw / "plain/undated.txt"
    source.write_text(source.read_text().replace("timetable changes", "adds evening crossing"))
    result = ingest([raw], out)
    assert result.records[0].status == "converted"
    assert not old.exists()
    assert (out / "undated/kessin-ferry-adds-evening-crossing.md").is_file()
    manifest = json.loads((out / ".newsarchive.json").read_text())
    assert list(manifest["articles"]) == ["undated/kessin-ferry-adds-evening-crossing"]


def test_bad_inputs_fail_alone_and_leave_no_partial_files(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, ["plain/dated.txt", "bad/broken-id.txt", "bad/no-title.txt"])
    (raw / "bad/empty.txt").write_bytes(b"")
    (raw / "bad/binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (raw / "bad/huge-line.txt").write_bytes(b"lorem " * 900_000)  # 5.4 MB, one line
    result = cli(["ingest", "raw", "--out", "articles", "--report", "report.json"], tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "files:" not in line]
    assert errors == [
        "newsarchive: raw/bad/binary.txt: binary file (contains NUL bytes), not article text",
        "newsarchive: raw/bad/broken-id.txt: warning: broken MENAFN id line 7: "
        "'MENAFN1706202400011801104ID11083' (expected MENAFN, DDMMYYYY, 12 digits, ID, 10 "
        "digits); its id and date are left out",
        "newsarchive: raw/bad/empty.txt: empty file",
        "newsarchive: raw/bad/huge-line.txt: line 1 is 5400000 characters long "
        "(no paragraph structure; the limit is 100000)",
    ]
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("newsarchive: 6 files: 3 converted, 0 unchanged, 0 duplicate, ")
    assert summary.endswith(" articles/s)") and "3 failed" in summary
    files = sorted(p.relative_to(tmp_path / "articles").as_posix()
                   for p in (tmp_path / "articles").rglob("*"))
    assert files == [
        ".newsarchive-aliases.json", ".newsarchive-signatures", ".newsarchive.json", "2024",
        "2024/04",
        "2024/04/norvik-council-backs-tram-extension.md",
        "2024/06", "2024/06/a-lead-paragraph-with-no-title-line-above-it.md",
        "undated", "undated/merlo-customs-office-moves.md",
    ]
    report = json.loads((tmp_path / "report.json").read_text())
    assert [(r["path"], r["status"]) for r in report] == [
        ("raw/bad/binary.txt", "failed"),
        ("raw/bad/broken-id.txt", "converted"),
        ("raw/bad/empty.txt", "failed"),
        ("raw/bad/huge-line.txt", "failed"),
        ("raw/bad/no-title.txt", "converted"),
        ("raw/plain/dated.txt", "converted"),
    ]
    assert report[-1] == {
        "path": "raw/plain/dated.txt",
        "status": "converted",
        "output": "articles/2024/04/norvik-council-backs-tram-extension.md",
        "error": None,
    }
    assert all(r["output"] is None and r["error"] for r in report if r["status"] == "failed")


def test_cli_usage_errors_and_missing_paths(tmp_path: Path) -> None:
    assert cli(["ingest", "x", "--jobs", "0"], tmp_path).returncode == 2
    (tmp_path / "bad.yml").write_text("aliases: [unclosed\n")
    bad_config = cli(["ingest", "x", "--entities", "bad.yml", "--quiet"], tmp_path)
    assert bad_config.returncode == 2
    assert bad_config.stderr.startswith("newsarchive: ") and "bad.yml" in bad_config.stderr
    missing = cli(["ingest", "nowhere", "--quiet", "--out", "articles"], tmp_path)
    assert missing.returncode == 1
    assert missing.stderr == "newsarchive: nowhere: no such file or folder\n"


def test_format_option_forces_the_layout(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, ["menafn/bare-tag.txt"])
    result = ingest([raw], tmp_path / "articles", layout="plain")
    meta, body = frontmatter.load(result.records[0].output or "")
    assert "source" not in meta and "date" not in meta
    assert body.startswith("Monday 10 June 2024") is False
    assert "(MENAFN)" in body


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "total", "enabled", "shown"),
    [
        (FakeTTY(), 10, True, True),
        (FakeTTY(), 5, True, False),
        (FakeTTY(), 10, False, False),
        (io.StringIO(), 10, True, False),
    ],
)
def test_progress_bar_only_for_a_tty_and_more_than_five_files(
    stream: io.StringIO, total: int, enabled: bool, shown: bool
) -> None:
    progress = Progress(total, stream=stream, enabled=enabled)
    for _ in range(total):
        progress.advance()
    progress.close()
    assert (f"{total}/{total}" in stream.getvalue()) is shown
    if not shown:
        assert stream.getvalue() == ""


def test_a_changed_entities_file_reruns_ner_and_applies_it(tmp_path: Path) -> None:
    raw = make_raw(tmp_path, ["plain/dated.txt"])
    out = tmp_path / "articles"
    config = tmp_path / "entities.yml"
    config.write_text("blocklist: []\n")
    first = ingest([raw], out, entities=str(config))
    assert [r.status for r in first.records] == ["converted"]
    before, _ = frontmatter.load(first.records[0].output or "")
    assert "Lena Brandt" in before["entities"]["people"]
    assert [r.status for r in ingest([raw], out, entities=str(config)).records] == ["unchanged"]

    config.write_text('blocklist: ["Lena Brandt"]\naliases:\n  "Norvik": "Norvik City"\n')
    second = ingest([raw], out, entities=str(config))
    assert [r.status for r in second.records] == ["converted"]
    meta, _ = frontmatter.load(second.records[0].output or "")
    names = [name for kind in meta["entities"].values() for name in kind]
    assert "Lena Brandt" not in names
    assert "Norvik" not in names


def _bad_batch(raw: Path) -> dict[str, str]:
    """Write a folder of bad inputs next to good ones; return {shown path: expected reason}."""
    bad = raw / "bad"
    bad.mkdir(parents=True)
    (bad / "blank.txt").write_bytes(b"  \r\n\t\n   \n")
    (bad / "nul.txt").write_bytes(b"Kessin Council Meets\n\nThe council\x00 met on Monday.\n")
    (bad / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (bad / "utf16-no-bom.txt").write_bytes(
        "Kessin Council Meets\n\nThe council met on Monday.\n".encode("utf-16-le")
    )
    (bad / "titleless.txt").write_bytes(b"\n\n   \n12 345\n\nThe council met on Monday.\n")
    (bad / "short-id.txt").write_bytes(
        b"Kessin Council Meets\n\n(MENAFN- Kessin Gazette) The council met.\n\n"
        b"MENAFN0106202400012301109ID11082\n"
    )
    (bad / "one-line.txt").write_bytes(b"council " * 700_000)  # 5.6 MB, no line break
    with open(bad / "sparse.txt", "wb") as handle:  # 40 MB without writing 40 MB
        handle.truncate(40 * 2**20)
    folder = bad / "folder.txt"
    folder.mkdir()
    (folder / "inside.txt").write_text(
        "Kessin Library Extends Hours\n\nThe Kessin library will open on Sundays from May.\n"
    )
    (bad / "loop.txt").symlink_to("loop.txt")
    (bad / "dangling.txt").symlink_to("nowhere.txt")
    os.mkfifo(bad / "fifo.txt")
    return {
        "raw/bad/dangling.txt": "broken symbolic link (its target does not exist)",
        "raw/bad/fifo.txt": "not a regular file (FIFO, socket or device)",
        "raw/bad/folder.txt": "is a folder, not a text file",
        "raw/bad/loop.txt": "symbolic link loop",
        "raw/bad/blank.txt": "empty file (only whitespace)",
        "raw/bad/nul.txt": "binary file (contains NUL bytes), not article text",
        "raw/bad/one-line.txt": "line 1 is 5600000 characters long "
        "(no paragraph structure; the limit is 100000)",
        "raw/bad/png.txt": "binary file (contains NUL bytes), not article text",
        "raw/bad/sparse.txt": "file is 40 MB; an article is never that large (the limit is 32 MB)",
        "raw/bad/titleless.txt": "no title (the first line has no letters)",
        "raw/bad/utf16-no-bom.txt": "UTF-16 text without a byte-order mark; save it as UTF-8 "
        "(or UTF-16 with a BOM)",
    }


def test_a_batch_of_hostile_inputs_one_line_each_the_rest_converted(tmp_path: Path) -> None:
    """Unreadable (mode 000) files are not in the batch: the suite runs as root, which reads them
    anyway, so such a test could not fail. Every other kind of bad file is."""
    raw = make_raw(tmp_path, ["plain/dated.txt", "menafn/utf16-bom.txt"])
    expected = _bad_batch(raw)
    result = cli(["ingest", "raw", "--out", "articles", "--report", "report.json"], tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("newsarchive: 15 files: 4 converted, 0 unchanged, 0 duplicate, ")
    short_id = (  # a broken id line is left out with a warning; the article converts
        "newsarchive: raw/bad/short-id.txt: warning: broken MENAFN id line 5: "
        "'MENAFN0106202400012301109ID11082' (expected MENAFN, DDMMYYYY, 12 digits, ID, 10 "
        "digits); its id and date are left out"
    )
    assert sorted(lines[:-1]) == sorted(
        [short_id, *(f"newsarchive: {path}: {reason}" for path, reason in expected.items())]
    )
    report = {r["path"]: r for r in json.loads((tmp_path / "report.json").read_text())}
    for path, reason in expected.items():
        assert report[path] == {"path": path, "status": "failed", "output": None, "error": reason}
    converted = sorted(p for p, r in report.items() if r["status"] == "converted")
    assert converted == [
        "raw/bad/folder.txt/inside.txt",
        "raw/bad/short-id.txt",
        "raw/menafn/utf16-bom.txt",
        "raw/plain/dated.txt",
    ]
    written = sorted(
        p.relative_to(tmp_path / "articles").as_posix()
        for p in (tmp_path / "articles").rglob("*")
        if p.is_file()
    )
    assert written == [
        ".newsarchive-aliases.json",
        ".newsarchive-signatures",
        ".newsarchive.json",
        "2024/04/norvik-council-backs-tram-extension.md",
        "2024/05/bluewake-lines-orders-two-electrique-ferries.md",
        "undated/kessin-council-meets.md",
        "undated/kessin-library-extends-hours.md",
    ]


def test_two_jobs_give_the_same_bytes_as_one(tmp_path: Path) -> None:
    """``--jobs 2`` runs spaCy in two worker processes. 70 articles (more than one ``nlp.pipe``
    batch of 64) make both workers take part."""
    raw = make_raw(tmp_path, GOOD)
    people = ["Ines Varga", "Tobias Renholt", "Mira Okafor", "Pavel Strand", "Lena Brandt"]
    places = ["Port Alden", "Kessin", "Norvik", "Tarrow", "Velmora", "Arvel", "Solvarra"]
    for number in range(67):
        person, place = people[number % 5], places[number % 7]
        (raw / "many").mkdir(exist_ok=True)
        (raw / "many" / f"item-{number:02d}.txt").write_text(
            f"{place} Council Item {number}\n\n{place.upper()}, May {number % 28 + 1} - "
            f"{person} of the {place} Harbour Board said on Monday that item {number} was "
            f"approved by the Ministry of Coastal Affairs.\n\n{person.split()[1]} added that "
            f"{number} ships had called at {place} this year.\n"
        )
    one = cli(["ingest", "raw", "--out", "one", "--jobs", "1", "--quiet"], tmp_path)
    two = cli(["ingest", "raw", "--out", "two", "--jobs", "2", "--quiet"], tmp_path)
    assert (one.returncode, one.stderr) == (0, "")
    assert (two.returncode, two.stderr) == (0, "")
    first, second = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len(first) == 73  # 70 articles, the manifest, its aliases and the signatures
    assert {k: v[0] for k, v in first.items()} == {k: v[0] for k, v in second.items()}
    for number in range(67):  # NER really ran on every article in both runs
        meta, _ = frontmatter.load(next((tmp_path / "two").rglob(f"*-item-{number}.md")))
        assert "Ministry of Coastal Affairs" in meta["entities"]["organizations"]


def test_a_run_killed_before_saving_the_manifest_is_taken_back_not_duplicated(
    tmp_path: Path,
) -> None:
    """Outputs of an interrupted run (files written, manifest not) belong to their inputs: the
    next run adopts them under the same slug instead of writing ``-2`` copies beside them."""
    raw = make_raw(tmp_path)
    out = tmp_path / "articles"
    ingest([raw], out)
    before = snapshot(out)
    (out / ".newsarchive.json").unlink()
    result = ingest([raw], out)
    assert result.status == 0 and {r.status for r in result.records} == {"converted"}
    after = snapshot(out)
    assert sorted(after) == sorted(before)
    for name, (data, mtime) in before.items():
        assert after[name][0] == data
        if name.endswith(".md"):
            assert after[name][1] == mtime  # identical bytes: not even rewritten
    # an orphan from a different input is still someone else's file
    stranger = out / "2024/06/solvarra-cabinet-approves-new-fisheries-quota.md"
    (out / ".newsarchive.json").unlink()
    stranger.write_text(stranger.read_text().replace("menafn/nested", "elsewhere/nested"))
    result = ingest([raw], out)
    assert result.record("nested-provider.txt").output == str(stranger).replace(".md", "-2.md")
