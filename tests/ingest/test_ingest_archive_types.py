"""One type per name across the archive, kept by every ingest exactly as one clean ingest would."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from newsarchive import frontmatter
from newsarchive.ingest import archive_types
from newsarchive.ingest.manifest import Entry, Manifest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "raw"


def write_article(folder: Path, key: str, entities: dict[str, list[str]]) -> Entry:
    meta = {"title": key, "slug": key.rsplit("/", 1)[-1], "entities": entities, "words": 3}
    data = (frontmatter.dump(meta) + "\nBody text.\n").encode()
    path = folder / f"{key}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return Entry(raw_path=f"{key}.txt", raw_sha256="0", output_sha256=hashlib.sha256(data)
                 .hexdigest(), story_id=None, body_sha256="0", entities=entities)


def kinds(**lists: list[str]) -> dict[str, list[str]]:
    return {kind: lists.get(kind, []) for kind in ("people", "organizations", "places", "other")}


def test_names_take_the_archive_type_and_only_changed_files_are_written(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / ".newsarchive.json")
    manifest.articles["2024/01/a"] = write_article(
        tmp_path, "2024/01/a", kinds(places=["Dunmere"], people=["Talia Brenmoor"]))
    manifest.articles["2024/01/b"] = write_article(tmp_path, "2024/01/b", kinds(places=["Dunmere"]))
    manifest.articles["2024/01/c"] = write_article(
        tmp_path, "2024/01/c", kinds(organizations=["Dunmere", "Quarry Council"]))
    manifest.articles["2024/01/d"] = write_article(
        tmp_path, "2024/01/d", kinds(organizations=["Quarry Council"]))
    # a file edited by hand keeps what the curator wrote
    edited = tmp_path / "2024/01/d.md"
    edited.write_bytes(edited.read_bytes() + b"A note.\n")
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "2024/01").iterdir()}
    said: list[str] = []

    assert archive_types.apply(manifest, tmp_path, said.append) == 1
    meta, body = frontmatter.load(tmp_path / "2024/01/c.md")
    assert meta["entities"] == kinds(organizations=["Quarry Council"], places=["Dunmere"])
    assert body == "Body text.\n"
    assert manifest.articles["2024/01/c"].written == meta["entities"]
    assert manifest.articles["2024/01/c"].entities["organizations"] == ["Dunmere", "Quarry Council"]
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "2024/01").iterdir()}
    assert {n for n in after if after[n] != before[n]} == {"c.md"}
    assert said == []
    # a second pass has nothing to do
    assert archive_types.apply(manifest, tmp_path, said.append) == 0


def test_articles_vote_with_the_weights_the_manifest_keeps(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / ".newsarchive.json")
    for key in ("2024/01/a", "2024/01/b"):
        manifest.articles[key] = write_article(tmp_path, key, kinds(people=["Harwick"]))
    table = write_article(tmp_path, "2024/01/c", kinds(organizations=["Harwick"]))
    table.weights = {"Harwick": 12.0}  # a results table: twelve votes against two
    manifest.articles["2024/01/c"] = table
    manifest.save()
    saved = Manifest.load(tmp_path)
    assert saved.articles["2024/01/c"].weights == {"Harwick": 12.0}
    assert "weights" not in json.loads(saved.to_bytes())["articles"]["2024/01/a"]  # none: unsaid
    assert archive_types.apply(saved, tmp_path, print) == 2
    for key in ("2024/01/a", "2024/01/b"):
        meta, _ = frontmatter.load(tmp_path / f"{key}.md")
        assert meta["entities"] == kinds(organizations=["Harwick"])


def test_an_acronym_alone_is_written_under_the_long_name_another_article_gave_it(
    tmp_path: Path,
) -> None:
    manifest = Manifest(tmp_path / ".newsarchive.json")
    defined = write_article(
        tmp_path, "2024/01/a", kinds(organizations=["Kessel Ferry Authority"]))
    defined.aliases = {"Kessel Ferry Authority": ["KFA"]}
    manifest.articles["2024/01/a"] = defined
    manifest.articles["2024/01/b"] = write_article(
        tmp_path, "2024/01/b", kinds(organizations=["KFA"], places=["Dunmere"]))
    # as many articles write the long name alone as the acronym alone: the long name stays
    manifest.articles["2024/01/c"] = write_article(
        tmp_path, "2024/01/c", kinds(organizations=["Kessel Ferry Authority"]))
    assert archive_types.apply(manifest, tmp_path, print) == 1
    meta, _ = frontmatter.load(tmp_path / "2024/01/b.md")
    assert meta["entities"] == kinds(organizations=["Kessel Ferry Authority"], places=["Dunmere"])
    assert manifest.articles["2024/01/b"].entities["organizations"] == ["KFA"]  # its own list


def test_a_short_form_alone_is_written_under_the_party_another_article_named_beside_it(
    tmp_path: Path,
) -> None:
    manifest = Manifest(tmp_path / ".newsarchive.json")
    manifest.articles["2024/02/a"] = write_article(
        tmp_path, "2024/02/a", kinds(organizations=["Harbour", "Harbour Party"]))
    manifest.articles["2024/02/b"] = write_article(
        tmp_path, "2024/02/b", kinds(people=["Harbour", "Tamsin Vell"]))
    manifest.articles["2024/02/c"] = write_article(
        tmp_path, "2024/02/c", kinds(places=["Harbour"]))  # a place of that name
    assert archive_types.apply(manifest, tmp_path, print) == 2
    meta, _ = frontmatter.load(tmp_path / "2024/02/b.md")
    assert meta["entities"] == kinds(organizations=["Harbour Party"], people=["Tamsin Vell"])
    meta, _ = frontmatter.load(tmp_path / "2024/02/a.md")
    assert meta["entities"] == kinds(organizations=["Harbour Party"])
    assert manifest.articles["2024/02/c"].written is None
    # the article that named the party leaves: nothing says "Harbour" is the party any more
    del manifest.articles["2024/02/a"], manifest.articles["2024/02/c"]
    assert archive_types.apply(manifest, tmp_path, print) == 1
    meta, _ = frontmatter.load(tmp_path / "2024/02/b.md")
    assert meta["entities"] == kinds(people=["Harbour", "Tamsin Vell"])


def test_later_articles_leave_a_settled_name_and_its_articles_alone(tmp_path: Path) -> None:
    # "Torvane" in 60 articles of 2023, read as a place 31 to 29: a close vote, settled by its
    # first 50 articles (places, 26 to 24).
    manifest = Manifest(tmp_path / ".newsarchive.json")
    for i in range(60):
        key = f"2023/{1 + i // 10:02d}/t{i:02d}"
        lists = kinds(places=["Torvane"]) if i < 26 or i >= 55 else kinds(
            organizations=["Torvane"])
        manifest.articles[key] = write_article(tmp_path, key, lists)
    assert archive_types.apply(manifest, tmp_path, print) == 29
    # Ten new articles of 2024 read it as an organisation: the archive now leans that way (39
    # to 31), not clearly. Only the new articles are written, under the settled type.
    for i in range(10):
        key = f"2024/01/n{i}"
        manifest.articles[key] = write_article(tmp_path, key, kinds(organizations=["Torvane"]))
    assert archive_types.apply(manifest, tmp_path, print) == 10
    meta, _ = frontmatter.load(tmp_path / "2024/01/n0.md")
    assert meta["entities"] == kinds(places=["Torvane"])


def test_a_person_read_both_ways_stays_a_person_as_articles_arrive(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / ".newsarchive.json")
    for i, lists in enumerate([kinds(people=["Layla Quennby"])] * 3
                              + [kinds(organizations=["Layla Quennby"])] * 3):
        manifest.articles[f"2023/01/p{i}"] = write_article(tmp_path, f"2023/01/p{i}", lists)
    assert archive_types.apply(manifest, tmp_path, print) == 3
    for i in range(2):  # two more readings as an organisation: 5 to 3, not twice as many
        key = f"2024/01/q{i}"
        manifest.articles[key] = write_article(
            tmp_path, key, kinds(organizations=["Layla Quennby"]))
    assert archive_types.apply(manifest, tmp_path, print) == 2  # the new articles only
    meta, _ = frontmatter.load(tmp_path / "2023/01/p0.md")
    assert meta["entities"] == kinds(people=["Layla Quennby"])


def test_hand_edited_file_is_left_with_a_warning(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / ".newsarchive.json")
    manifest.articles["2024/01/a"] = write_article(tmp_path, "2024/01/a", kinds(places=["Kessel"]))
    manifest.articles["2024/01/b"] = write_article(tmp_path, "2024/01/b", kinds(places=["Kessel"]))
    manifest.articles["2024/01/c"] = write_article(
        tmp_path, "2024/01/c", kinds(organizations=["Kessel"]))
    target = tmp_path / "2024/01/c.md"
    target.write_bytes(target.read_bytes() + b"Edited.\n")
    said: list[str] = []
    assert archive_types.apply(manifest, tmp_path, said.append) == 0
    assert len(said) == 1 and "edited by hand" in said[0] and "c.md" in said[0]
    assert target.read_bytes().endswith(b"Edited.\n")
    # a vote that left a file as it was is not settled: the next run votes (and warns) again
    assert manifest.vote == ""
    assert archive_types.apply(manifest, tmp_path, said.append) == 0
    assert len(said) == 2 and all("edited by hand" in line for line in said)


def ingest(out: Path, raw: Path, entities: Path | None, cwd: Path) -> None:
    command = [sys.executable, "-m", "newsarchive", "ingest", str(raw), "--out", str(out),
               "--quiet"]
    if entities is not None:
        command += ["--entities", str(entities)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=cwd)
    assert done.returncode == 0, done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_growing_archive_equals_one_clean_ingest(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    files = sorted(p for p in SAMPLES.rglob("*.txt"))
    half = len(files) // 2
    for source in files[:half]:
        target = raw / source.relative_to(SAMPLES)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    grown = tmp_path / "grown"
    ingest(grown, raw, None, tmp_path)
    for source in files[half:]:  # the second half arrives
        target = raw / source.relative_to(SAMPLES)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    ingest(grown, raw, None, tmp_path)
    clean = tmp_path / "clean"
    ingest(clean, raw, None, tmp_path)
    assert tree(grown) == tree(clean)

    entities = tmp_path / "entities.yml"  # then a curator moves a name to another type
    entities.write_text('types:\n  "Harbour Road": organizations\n', encoding="utf-8")
    ingest(grown, raw, entities, tmp_path)
    clean2 = tmp_path / "clean2"
    ingest(clean2, raw, entities, tmp_path)
    assert tree(grown) == tree(clean2)
    assert tree(clean2) != tree(clean)


def test_an_archive_as_the_last_vote_left_it_is_not_read_again(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / ".newsarchive.json")
    for key, lists in (("2024/03/a", kinds(places=["Orsk Bay"])),
                       ("2024/03/b", kinds(organizations=["Orsk Bay"])),
                       ("2024/03/c", kinds(places=["Orsk Bay"]))):
        manifest.articles[key] = write_article(tmp_path, key, lists)
    assert archive_types.apply(manifest, tmp_path, print) == 1
    settled = manifest.vote
    assert settled == archive_types.state(manifest)
    manifest.save()
    manifest = Manifest.load(tmp_path)
    assert manifest.vote == settled
    assert archive_types.apply(manifest, tmp_path, print) == 0  # as the vote left it
    # A new article changes the state: the vote runs again.
    manifest.articles["2024/03/d"] = write_article(
        tmp_path, "2024/03/d", kinds(organizations=["Orsk Bay"]))
    assert archive_types.state(manifest) != settled
    assert archive_types.apply(manifest, tmp_path, print) == 1
    assert manifest.vote not in ("", settled)
    meta, _ = frontmatter.load(tmp_path / "2024/03/d.md")
    assert meta["entities"] == kinds(places=["Orsk Bay"])
    # An article converted again (its own lists back in its file) is voted on again.
    before = manifest.vote
    again = write_article(tmp_path, "2024/03/b", kinds(organizations=["Orsk Bay"]))
    manifest.articles["2024/03/b"] = again
    assert archive_types.state(manifest) != before
    assert archive_types.apply(manifest, tmp_path, print) == 1
    meta, _ = frontmatter.load(tmp_path / "2024/03/b.md")
    assert meta["entities"] == kinds(places=["Orsk Bay"])
