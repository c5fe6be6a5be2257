"""The ingest manifest ``<out>/.newsarchive.json``: what was generated from what.

It makes re-runs cheap and safe: an article whose raw bytes, entity configuration, model and
converter version are unchanged is skipped without loading spaCy; an output whose bytes no longer
match ``output_sha256`` was edited by hand and is not overwritten without ``--force``; a raw file
keeps its slug across runs. The site reads the per-article entity ``aliases``: from
:data:`ALIASES_FILENAME` beside it, a copy of them alone made with each manifest (the site builds
need nothing else of the manifest, and parsing all of it took a fifth of a second of every build
at 10,000 articles), or from the manifest itself when that copy is not of the manifest there.

Entries are keyed by article key (the output path, see ``newsarchive.article``); each names its
input by ``raw_path`` plus ``position`` (``""`` for a file that is one article, ``":LINE"`` or
``"@OFFSET"`` inside a file of many; written only when not empty). Version 1 manifests (no
positions) are read as they are.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsarchive import atomic
from newsarchive.ingest.inputs import escape

FILENAME = ".newsarchive.json"
#: The articles' ``aliases`` alone, with the :func:`digest` of the manifest they are from.
ALIASES_FILENAME = ".newsarchive-aliases.json"
VERSION = 2
READABLE = (1, 2)


class ManifestError(ValueError):
    pass


@dataclass
class Entry:
    raw_path: str
    raw_sha256: str
    output_sha256: str
    story_id: str | None
    body_sha256: str
    aliases: dict[str, list[str]] = field(default_factory=dict)
    fingerprint: str = ""  # converter version + NER model + entity configuration + --format
    position: str = ""  # where the article sits in a file of many articles
    copies: list[dict[str, Any]] = field(default_factory=list)  # its front matter's ``copies``
    #: The article's own entity lists, before the archive-wide vote (``archive_types``), and the
    #: lists that vote wrote into its file when they differ from these (else None).
    entities: dict[str, list[str]] = field(default_factory=dict)
    written: dict[str, list[str]] | None = None
    #: The evidence behind each of those names' types, with which the article votes
    #: (``ArticleEntities.weights``; absent from older manifests, where each name counts 1).
    weights: dict[str, float] = field(default_factory=dict)
    #: Its capitalised runs, where the archive matches names the model missed in it
    #: (``ArticleEntities.phrases``).
    phrases: list[str] = field(default_factory=list)

    @property
    def raw_key(self) -> str:
        """The input of this article: its file's path plus its position in that file."""
        return self.raw_path + self.position


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _as_json(entry: Entry) -> dict[str, object]:
    """The entry as a JSON object, keys in field order (``dataclasses.asdict`` deep-copies every
    value, which was a third of a no-op ingest run)."""
    data = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
    if not entry.position:
        del data["position"]
    if not entry.copies:
        del data["copies"]
    if not entry.weights:
        del data["weights"]
    if not entry.phrases:
        del data["phrases"]
    return data


@dataclass
class Manifest:
    path: Path
    articles: dict[str, Entry] = field(default_factory=dict)
    #: What the archive-wide type vote last settled (``archive_types.state``); "" when it has not
    #: run to the end, so the next run votes again.
    vote: str = ""

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / FILENAME
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") not in READABLE:
                raise ManifestError(f"unsupported manifest version {data.get('version')!r}")
            articles = {key: Entry(**entry) for key, entry in data["articles"].items()}
            vote = data.get("vote", "")
            if not isinstance(vote, str):
                raise ValueError("'vote' is not a string")
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ManifestError(f"{escape(path)}: unreadable manifest ({exc})") from exc
        return cls(path, articles, vote)

    def by_raw_key(self) -> dict[str, str]:
        """Article key per input (path plus position)."""
        return {entry.raw_key: key for key, entry in self.articles.items()}

    def to_bytes(self) -> bytes:
        data: dict[str, object] = {"version": VERSION}
        if self.vote:
            data["vote"] = self.vote
        data["articles"] = {key: _as_json(self.articles[key]) for key in sorted(self.articles)}
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()

    def aliases_bytes(self, manifest: bytes) -> bytes:
        """The :data:`ALIASES_FILENAME` record of this manifest, whose bytes are ``manifest``."""
        aliases = {key: self.articles[key].aliases for key in sorted(self.articles)
                   if self.articles[key].aliases}
        record = {"version": VERSION, "manifest": digest(manifest), "aliases": aliases}
        return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()

    def save(self) -> bool:
        """Write the manifest if its bytes changed; return whether it was written. Its aliases
        record is written after it (when it is not that of these bytes already): a run cut off
        in between leaves a record of another manifest, which readers pass over."""
        data = self.to_bytes()
        written = not (self.path.exists() and self.path.read_bytes() == data)
        if written:
            atomic.write_bytes(self.path, data)
        aliases_path = self.path.with_name(ALIASES_FILENAME)
        record = self.aliases_bytes(data)
        try:
            current = aliases_path.read_bytes()
        except OSError:
            current = None
        if current != record:
            atomic.write_bytes(aliases_path, record)
        return written


def digest(manifest: bytes) -> str:
    """What ties an aliases record to the manifest it was made with: the BLAKE2b of its bytes."""
    return hashlib.blake2b(manifest, digest_size=16).hexdigest()


def read_aliases(path: Path) -> tuple[dict[str, object], bool] | None:
    """The ``aliases`` of every article of the manifest at ``path``, from the aliases record
    beside it when that was made with this manifest, and whether they came from it; None when
    there is no manifest. Raises OSError or ValueError for a manifest that cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        record = json.loads(path.with_name(ALIASES_FILENAME).read_bytes())
    except (OSError, ValueError):
        record = None
    if (isinstance(record, dict) and record.get("manifest") == digest(data)
            and isinstance(record.get("aliases"), dict)):
        return record["aliases"], True
    parsed = json.loads(data, object_pairs_hook=_aliases_only)
    articles = parsed.get("articles", {}) if isinstance(parsed, dict) else {}
    if not isinstance(articles, dict):
        return {}, False
    return {key: entry.get("aliases") if isinstance(entry, dict) else None
            for key, entry in articles.items()}, False


def _aliases_only(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Keep of each article's record only its aliases, as the JSON is parsed: the other fields
    (entity lists, weights, phrases) are most of the manifest, and holding them all at once
    would cost about ten times the aliases' memory."""
    record = dict(pairs)
    if "raw_path" in record and "raw_sha256" in record:
        return {"aliases": record.get("aliases")}
    return record
