"""``newsarchive entities review``: names split across types, likely aliases and noise, each with
the entities.yml lines that settle it; pasting them makes the finding go away on re-ingest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from newsarchive.entities.config import EntityConfig

ARTICLES = {
    "2024/01/a": {"people": ["Talia Brenmoor", "Osric Vell"], "places": ["Dunmere"],
                  "organizations": ["Quarry Workers Union"]},
    "2024/01/b": {"people": ["Brenmoor"], "organizations": ["Dunmere", "QWU"]},
    "2024/01/c": {"places": ["Dunmere"], "people": ["Osric Vel"]},
    "2024/01/d": {"people": ["Osric Vell"], "other": ["x 2024 y"]},
}


def write_archive(folder: Path) -> None:
    for key, entities in ARTICLES.items():
        path = folder / f"{key}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump({"title": key, "date": "2024-01-05", "entities": entities})
        path.write_text(f"---\n{front}---\nBody.\n", encoding="utf-8")
    (folder / "2024/01/broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")


def review(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", "entities", "review", "--articles", str(folder),
         *extra], capture_output=True, text=True, timeout=300,
    )


def test_review_lists_each_kind_with_lines_to_paste(tmp_path: Path) -> None:
    write_archive(tmp_path)
    result = review(tmp_path, "--json")
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "broken.md" in result.stderr
    found = {(f["kind"], tuple(f["names"])): f for f in json.loads(result.stdout)}
    assert set(found) == {
        ("split-type", ("Dunmere",)),
        ("alias", ("QWU", "Quarry Workers Union")),
        ("alias", ("Brenmoor", "Talia Brenmoor")),
        ("alias", ("Osric Vel", "Osric Vell")),
        ("noise", ("x 2024 y",)),
    }
    assert found[("split-type", ("Dunmere",))]["yaml"] == ["types:", '  "Dunmere": places']
    assert found[("split-type", ("Dunmere",))]["articles"] == 3
    # each type named as the site names one
    assert found[("noise", ("x 2024 y",))]["reason"].startswith("other entity in one article")
    # every suggestion is valid entities.yml on its own
    for finding in found.values():
        EntityConfig.from_mapping(yaml.safe_load("\n".join(finding["yaml"])))


def test_review_text_names_the_counts(tmp_path: Path) -> None:
    write_archive(tmp_path)
    text = review(tmp_path).stdout
    assert "Names under more than one type: 1" in text
    assert "Likely aliases with pages of their own: 3" in text
    assert "Single-article names that look like noise: 1" in text
    assert '"QWU": "Quarry Workers Union"' in text


def test_review_without_articles_is_one_line(tmp_path: Path) -> None:
    result = review(tmp_path / "missing")
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_review_lists_short_forms_ingest_could_not_merge(tmp_path: Path) -> None:
    # No article names "Assembly" beside "Assembly Party", so ingest keeps both pages (the
    # "Assembly" of another country may be meant); the curator is shown the pair.
    articles = {
        "2024/02/a": {"organizations": ["Assembly Party", "Moderate Liberals"]},
        "2024/02/b": {"organizations": ["Assembly", "Mod Libs"]},
        "2024/02/c": {"organizations": ["Alden News", "Alden Newcastle"]},
    }
    for key, entities in articles.items():
        path = tmp_path / f"{key}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump({"title": key, "date": "2024-02-05", "entities": entities})
        path.write_text(f"---\n{front}---\nBody.\n", encoding="utf-8")
    found = {tuple(f["names"]): f for f in json.loads(review(tmp_path, "--json").stdout)
             if f["kind"] == "alias"}
    assert set(found) == {("Assembly", "Assembly Party"), ("Mod Libs", "Moderate Liberals")}
    assert found[("Mod Libs", "Moderate Liberals")]["yaml"] == [
        "aliases:", '  "Mod Libs": "Moderate Liberals"']
    for finding in found.values():
        EntityConfig.from_mapping(yaml.safe_load("\n".join(finding["yaml"])))


def test_review_suggests_a_party_nickname_that_describes_the_same_people(tmp_path: Path) -> None:
    bodies = {
        "2024/02/a": ({"people": ["Orla Tremayne"], "organizations": ["Harbour Party"]},
                      "The Harbour Party met. Harbour leader Orla Tremayne spoke."),
        "2024/02/b": ({"people": ["Orla Tremayne", "Idris Kell"]},
                      "Gully leader Orla Tremayne said the Gullies would win. Idris Kell agreed."),
        # a word that describes members of two parties is no nickname of either
        "2024/02/c": ({"people": ["Per Lund"], "organizations": ["Tide Party"]},
                      "Tide MP Per Lund, a Maverick MP Per Lund, once Harbour MP Per Lund."),
    }
    for key, (entities, body) in bodies.items():
        path = tmp_path / f"{key}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump({"title": key, "date": "2024-02-05", "entities": entities})
        path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    result = review(tmp_path, "--json")
    found = [f for f in json.loads(result.stdout) if f["names"][-1].endswith("Party")]
    assert [(f["names"], f["yaml"]) for f in found] == [
        (["Gully", "Gullies", "Harbour Party"],
         ["aliases:", '  "Gully": "Harbour Party"', '  "Gullies": "Harbour Party"']),
    ]
    EntityConfig.from_mapping(yaml.safe_load("\n".join(found[0]["yaml"])))
