"""What an input's text cannot say, from beside it or from the command line.

* A sidecar ``NAME.meta.json`` beside ``NAME.txt`` gives ``title``, ``date``, ``retrieved``,
  ``provider``, ``url`` and ``id``; a collector knows these better than a scrape, so they win.
* ``--provider NAME`` names the provider of inputs that name none.
* ``--date-from-path`` dates undated inputs from a ``YYYY/MM/DD`` or ``YYYY-MM-DD`` in their path
  (archives are often filed by day).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.ingest.model import Article, InputError, Source

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_KEYS = ("title", "date", "retrieved", "provider", "url", "id")
MAX_SIDECAR_BYTES = 1 << 20
_PATH_DATE = re.compile(r"(?<!\d)(\d{4})([/-])(\d{2})\2(\d{2})(?!\d)")


def sidecar_of(path: Path) -> Path | None:
    """``NAME.meta.json`` beside ``NAME.txt``, if it exists."""
    if not path.name.endswith(".txt"):
        return None
    candidate = path.with_name(path.name[: -len(".txt")] + SIDECAR_SUFFIX)
    try:
        return candidate if candidate.is_file() else None
    except OSError:  # a name at the length limit has no room for a sidecar beside it
        return None


def is_sidecar(name: str) -> bool:
    return name.endswith(SIDECAR_SUFFIX)


@dataclass(frozen=True)
class Extras:
    """Values applied to every article of one input, and the hash of what they came from."""

    sidecar: dict[str, Any]
    sidecar_sha256: str | None
    provider: str | None
    path_date: dt.date | None

    @classmethod
    def for_input(cls, path: Path, provider: str | None, date_from_path: bool) -> Extras:
        """Read the sidecar of ``path``; :class:`InputError` names it when it is unusable."""
        meta: dict[str, Any] = {}
        digest = None
        sidecar = sidecar_of(path)
        if sidecar is not None:
            data = _read(sidecar)
            digest = hashlib.sha256(data).hexdigest()
            meta = _parse(sidecar.name, data)
        return cls(meta, digest, provider, date_in_path(str(path)) if date_from_path else None)

    def apply(self, article: Article) -> Article:
        """The article with sidecar values over its own, then gaps filled from the options."""
        meta = self.sidecar
        changes: dict[str, Any] = {}
        if meta.get("title"):
            changes |= {"title": meta["title"], "title_source": None}
        if "date" in meta:
            changes["date"] = meta["date"]
        if "retrieved" in meta:
            changes["retrieved"] = meta["retrieved"]
        source = article.source or Source(network=None)
        fields = {key: meta[key] for key in ("provider", "url", "id") if key in meta}
        if not (fields.get("provider") or source.provider) and self.provider:
            fields["provider"] = self.provider
        if fields:
            changes["source"] = dataclasses.replace(source, **fields)
        if changes.get("date", article.date) is None and self.path_date is not None:
            changes["date"] = self.path_date
        return dataclasses.replace(article, **changes) if changes else article


def date_in_path(path: str) -> dt.date | None:
    """The last ``YYYY/MM/DD`` or ``YYYY-MM-DD`` in ``path`` that is a real day."""
    for match in reversed(list(_PATH_DATE.finditer(path))):
        try:
            return dt.date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            continue
    return None


def _read(sidecar: Path) -> bytes:
    try:
        with sidecar.open("rb") as handle:
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        raise InputError(f"sidecar {sidecar.name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_SIDECAR_BYTES:
        raise InputError(f"sidecar {sidecar.name}: larger than 1 MB")
    return data


def _parse(name: str, data: bytes) -> dict[str, Any]:
    from newsarchive.ingest.scraped import parse_when, to_utc

    try:
        record = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(f"sidecar {name}: not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise InputError(f"sidecar {name}: not a JSON object")
    meta: dict[str, Any] = {}
    for key in SIDECAR_KEYS:
        value = record.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, int) and not isinstance(value, bool) and key == "id":
            value = str(value)
        if not isinstance(value, str):
            raise InputError(f"sidecar {name}: {key!r} must be text, not {json.dumps(value)}")
        value = " ".join(value.split())
        if key == "date":
            when = parse_when(value)
            if when is None:
                raise InputError(f"sidecar {name}: 'date' is not a date: {value[:40]!r}")
            value = when.date() if isinstance(when, dt.datetime) else when
        elif key == "retrieved":
            try:
                value = to_utc(value, "retrieved")
            except InputError as exc:
                raise InputError(f"sidecar {name}: {exc}") from None
        meta[key] = value
    return meta
