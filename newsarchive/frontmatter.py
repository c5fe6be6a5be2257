"""Read the Markdown article files that ingest writes: YAML front matter between ``---`` lines."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

FENCE = "---"


class FrontMatterError(ValueError):
    """The file does not start with a YAML front matter block that parses to a mapping."""


def split(text: str) -> tuple[dict[str, Any], str]:
    """Return ``(metadata, markdown_body)`` for the text of one article file."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != FENCE:
        raise FrontMatterError("no front matter: the file must start with a '---' line")
    for end in range(1, len(lines)):
        if lines[end].rstrip("\r") == FENCE:
            break
    else:
        raise FrontMatterError("front matter is not closed by a '---' line")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter is not a mapping")
    body = "\n".join(lines[end + 1 :]).lstrip("\n")
    return meta, body


def load(path: str | os.PathLike[str]) -> tuple[dict[str, Any], str]:
    """Read and split one article file."""
    return split(Path(path).read_text(encoding="utf-8"))
