"""bench/longtail.py: every article gains names that no other article has, nothing else moves."""

from __future__ import annotations

from pathlib import Path

from bench.longtail import add_lone_names
from newsarchive.frontmatter import load

ARTICLE = """---
title: "Harbour Report {n}"
slug: "harbour-report-{n}"
date: 2024-03-0{n}
entities:
  people: ["Ines Varga-Holt"]
  organizations: []
  places: ["Port Alden"]
  other: []
---

The harbour report {n} covers dredging.
"""


def test_each_article_gains_three_names_no_other_article_has(tmp_path: Path) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    for n in range(1, 4):
        path = src / "2024" / "03" / f"harbour-report-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE.format(n=n), encoding="utf-8")
    assert add_lone_names(src, dst) == 3
    added: list[set[str]] = []
    for n in range(1, 4):
        relative = Path("2024") / "03" / f"harbour-report-{n}.md"
        before, body_before = load(src / relative)
        after, body = load(dst / relative)
        people = set(after["entities"]["people"]) - {"Ines Varga-Holt"}
        orgs = set(after["entities"]["organizations"])
        assert len(people) == 2 and len(orgs) == 1
        assert after["entities"]["places"] == before["entities"]["places"]
        assert {k: v for k, v in after.items() if k != "entities"} == {
            k: v for k, v in before.items() if k != "entities"}
        assert body.startswith(body_before.rstrip("\n"))
        assert all(name in body for name in people | orgs)
        added.append(people | orgs)
    assert not (added[0] & added[1] or added[0] & added[2] or added[1] & added[2])
