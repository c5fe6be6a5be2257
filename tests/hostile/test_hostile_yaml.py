"""YAML built to explode (aliases expanding to billions of items, deep nesting, huge blocks) is
refused at once with one line, in article front matter and in entities.yml alike."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from newsarchive import frontmatter
from newsarchive.entities.config import EntityConfig, EntityConfigError

LAUGHS = "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n"
    for i in range(9)
)
HOSTILE = {
    "billion-laughs": (LAUGHS, "YAML aliases"),
    "deep-flow": ("d: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested deeper"),
    "deep-block": ("".join(" " * i + "k:\n" for i in range(400)), "nested"),
    "huge": ("k: '" + "x" * 400_000 + "'\n", "larger than"),
}


def peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_front_matter_refused_fast_in_one_line(name: str) -> None:
    body, reason = HOSTILE[name]
    before = peak_kb()
    start = time.perf_counter()
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.split(f"---\ntitle: Quay Lights\n{body}---\nText.\n")
    assert time.perf_counter() - start < 1.0
    assert reason in str(caught.value) and "\n" not in str(caught.value)
    assert peak_kb() - before < 200_000  # memory stays bounded (ru_maxrss is in kB)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_entities_file_refused_fast_in_one_line(tmp_path: Path, name: str) -> None:
    body, _ = HOSTILE[name]
    path = tmp_path / "entities.yml"
    path.write_text(body, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(EntityConfigError) as caught:
        EntityConfig.load(path)
    assert time.perf_counter() - start < 1.0
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message


def test_an_entities_file_over_the_size_bound_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "entities.yml"
    path.write_bytes(b"blocklist: []\n" + b"#" * (9 * 2**20))
    with pytest.raises(EntityConfigError, match="larger than 8 MB"):
        EntityConfig.load(path)


def test_ordinary_front_matter_with_a_scalar_alias_still_reads() -> None:
    meta, body = frontmatter.split("---\ntitle: &t Quay Lights\nslug: *t\n---\nText.\n")
    assert meta == {"title": "Quay Lights", "slug": "Quay Lights"} and body == "Text.\n"
