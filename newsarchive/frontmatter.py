"""Read the Markdown article files that ingest writes: YAML front matter between ``---`` lines."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import yaml

FENCE = "---"
#: libyaml's loader when PyYAML was built with it: the same constructors and resolver as
#: SafeLoader (so the same values), about eight times faster; every build reads every file.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Front matter is a few hundred bytes; anything near this is a mistake or an attack, refused
#: before parsing so that memory and time stay bounded.
MAX_FRONT_MATTER = 256 * 1024
#: Front matter nests three levels (``source.url``, ``copies[].raw.path``); a little slack.
MAX_DEPTH = 12


class FrontMatterError(ValueError):
    """The file does not start with a YAML front matter block that parses to a mapping."""


def _fenced(text: str) -> tuple[list[str], int]:
    """The text's lines and the index of the line that closes its front matter."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != FENCE:
        raise FrontMatterError("no front matter: the file must start with a '---' line")
    for end in range(1, len(lines)):
        if lines[end].rstrip("\r") == FENCE:
            return lines, end
    raise FrontMatterError("front matter is not closed by a '---' line")


def _body(lines: list[str], end: int) -> str:
    return "\n".join(lines[end + 1 :]).lstrip("\n")


def split(text: str) -> tuple[dict[str, Any], str]:
    """Return ``(metadata, markdown_body)`` for the text of one article file."""
    lines, end = _fenced(text)
    block = "\n".join(lines[1:end])
    if len(block) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"front matter is larger than {MAX_FRONT_MATTER // 1024} kB")
    if flow_depth(block) > MAX_DEPTH:
        raise FrontMatterError(f"front matter is nested deeper than {MAX_DEPTH} levels")
    try:
        meta = yaml.load(block, Loader=_LOADER) or {}
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {_one_line(exc)}") from exc
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter is not a mapping")
    _check_shape(meta)
    return meta, _body(lines, end)


def body(text: str) -> str:
    """The Markdown body of one article file, as :func:`split` gives it, without reading the
    front matter."""
    return _body(*_fenced(text))


def flow_depth(text: str) -> int:
    """How deep ``[`` and ``{`` nest in ``text`` (brackets inside quotes may count too: an upper
    bound). libyaml recurses once per level in C, so a few hundred thousand brackets crash the
    process; this is checked before parsing. Ordinary front matter has a handful of brackets and
    costs two ``count`` calls."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def _check_shape(meta: dict[str, Any]) -> None:
    """Refuse YAML aliases and deep nesting, which no article needs.

    A few nested aliases (``&a [*b, *b, ...]``) load as a small graph of shared objects that
    stands for billions of items: anything that walks it (a template, a cache, JSON) explodes. The
    walk here visits each object once, so it costs no more than the text that was parsed.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(meta, 1)]
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, dict | list):
            continue
        if id(value) in seen:
            raise FrontMatterError("front matter uses YAML aliases, which are not allowed")
        seen.add(id(value))
        if depth > MAX_DEPTH:
            raise FrontMatterError(f"front matter is nested deeper than {MAX_DEPTH} levels")
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children)


def _one_line(exc: yaml.YAMLError) -> str:
    """PyYAML's multi-line message reduced to what went wrong and where, on one line."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{problem} (line {mark.line + 2})" if mark is not None else problem


def load(path: str | os.PathLike[str]) -> tuple[dict[str, Any], str]:
    """Read and split one article file."""
    return split(Path(path).read_text(encoding="utf-8"))


# --- writing -------------------------------------------------------------------------------------

# Characters a YAML double-quoted scalar cannot hold literally (non-printable in YAML 1.1, or line
# breaks that PyYAML would fold: NEL, LS, PS) and the BOM.
_YAML_UNSAFE = re.compile(
    "[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"
)


def quote(text: str) -> str:
    """A YAML double-quoted scalar that ``yaml.safe_load`` reads back as exactly ``text``.

    Always quoting means YAML 1.1 never reinterprets a value: ``no``, ``on``, ``0123``,
    ``2024-03-12`` or ``1e3`` stay strings.
    """
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return '"' + _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", body) + '"'


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() != dt.timedelta(0):
            raise ValueError("datetimes in front matter must be UTC")
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return quote(value)
    raise TypeError(f"cannot write {type(value).__name__} in front matter")


def dump(meta: dict[str, Any]) -> str:
    """Front matter text (with the ``---`` fences) for ``meta``, keys in the mapping's order.

    Nested mappings are block style, lists flow style with quoted strings, ``None`` values are
    omitted. Dates are bare (``2024-03-12`` loads as ``datetime.date``), UTC datetimes bare with a
    ``Z`` (``2024-03-14T09:42:00Z`` loads as an aware ``datetime`` in UTC). Output is deterministic,
    so the same metadata always gives the same bytes.
    """
    lines = [FENCE]

    def emit(mapping: dict[str, Any], indent: str) -> None:
        for key, value in mapping.items():
            if value is None:
                continue
            if isinstance(value, dict):
                lines.append(f"{indent}{key}:")
                emit(value, indent + "  ")
            elif isinstance(value, list | tuple):
                lines.append(f"{indent}{key}: [{', '.join(_scalar(item) for item in value)}]")
            else:
                lines.append(f"{indent}{key}: {_scalar(value)}")

    emit(meta, "")
    lines.append(FENCE)
    return "\n".join(lines) + "\n"
