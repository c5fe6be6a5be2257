"""entities.yml: hand-made corrections that NER and the merge rules cannot know.

Format (every key optional; an empty file is an empty config)::

    aliases:                 # surface form -> canonical name
      "Ines Varga": "Ines Varga-Holt"
    merges:                  # canonical name -> surface forms folded into it
      "Port Alden Harbour Authority": ["Harbour Authority", "PAHA"]
    blocklist: ["Reuters"]   # never an entity
    types:                   # canonical name -> people | organizations | places | other
      "Kessel": places

Names are matched case-insensitively with whitespace collapsed, against both the span NER
found and the span after the built-in clean-up (possessive, leading "the", titles).

This is the only reader of entities.yml: ingest uses it to resolve names, the site build to show
each entity's other names. :func:`resolve_path` is the only place that decides which file is read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsarchive.entities.model import ENTITY_TYPES
from newsarchive.entities.normalize import RULES_VERSION, collapse, name_key
from newsarchive.frontmatter import MAX_DEPTH, flow_depth

_KEYS = ("aliases", "merges", "blocklist", "types")
DEFAULT_FILE = "entities.yml"
#: A curated file of this size is far beyond any real one; larger is refused before parsing.
MAX_BYTES = 8 * 1024 * 1024


def resolve_path(explicit: str | os.PathLike[str] | None, base: str | os.PathLike[str]
                 ) -> Path | None:
    """Which entities.yml to read: ``explicit`` when given (``""`` means none), else
    ``base/entities.yml`` when it exists. Ingest passes ``--entities`` and the current folder,
    the build ``NEWSARCHIVE_ENTITIES_FILE`` and the settings file's folder."""
    if explicit is not None:
        return Path(explicit) if os.fspath(explicit) else None
    found = Path(base) / DEFAULT_FILE
    return found if found.is_file() else None


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader without YAML anchors and aliases: entities.yml never needs them, and a few
    nested aliases can stand for billions of items (refused at once instead)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.YAMLError(
                f"YAML aliases are not allowed (line {event.start_mark.line + 1})"
            )
        return super().compose_node(parent, index)


class EntityConfigError(ValueError):
    """entities.yml cannot be used; the message is one line naming the file and the reason."""


@dataclass(frozen=True)
class EntityConfig:
    """Parsed entities.yml, reduced to lookups keyed by :func:`name_key`.

    ``aliases`` already contains the ``merges`` section, so the extractor sees one mapping.
    Stored as sorted tuples so the object is immutable, hashable and fingerprintable.
    """

    alias_pairs: tuple[tuple[str, str], ...] = ()  # (key of surface form, canonical name)
    blocked: frozenset[str] = frozenset()  # keys
    type_pairs: tuple[tuple[str, str], ...] = ()  # (key of canonical name, entity type)
    source: str | None = field(default=None, compare=False)
    #: (canonical name, surface form) as written in the file, for showing other names.
    written: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    _aliases: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)
    _types: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_aliases", dict(self.alias_pairs))
        object.__setattr__(self, "_types", dict(self.type_pairs))

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def empty(cls) -> EntityConfig:
        return cls()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> EntityConfig:
        """Read and validate ``path``; any problem raises :class:`EntityConfigError`."""
        name = os.fspath(path)
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise EntityConfigError(f"{name}: cannot read file ({exc.strerror or exc})") from None
        if len(raw) > MAX_BYTES:
            raise EntityConfigError(f"{name}: larger than {MAX_BYTES // 2**20} MB")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise EntityConfigError(f"{name}: not UTF-8 text") from None
        if flow_depth(text) > MAX_DEPTH:
            raise EntityConfigError(f"{name}: nested deeper than {MAX_DEPTH} levels")
        try:
            data = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 (a SafeLoader)
        except RecursionError:
            raise EntityConfigError(f"{name}: nested too deeply") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc) or "syntax error"
            raise EntityConfigError(f"{name}: invalid YAML{where}: {problem}") from None
        try:
            return cls.from_mapping(data, source=name)
        except _Invalid as exc:
            raise EntityConfigError(f"{name}: {exc}") from None

    @classmethod
    def from_mapping(cls, data: Any, *, source: str | None = None) -> EntityConfig:
        """Validate already-parsed YAML. Raises :class:`EntityConfigError` (named ``source``)."""
        try:
            return cls._build(data, source)
        except _Invalid as exc:
            raise EntityConfigError(f"{source or 'entities.yml'}: {exc}") from None

    @classmethod
    def _build(cls, data: Any, source: str | None) -> EntityConfig:
        if data is None:
            return cls(source=source)
        if not isinstance(data, Mapping):
            raise _Invalid(f"top level must be a mapping with keys {', '.join(_KEYS)}")
        unknown = sorted(str(k) for k in data if k not in _KEYS)
        if unknown:
            raise _Invalid(f"unknown key {unknown[0]!r} (allowed: {', '.join(_KEYS)})")

        aliases: dict[str, str] = {}
        origin: dict[str, str] = {}
        written: list[tuple[str, str]] = []

        def add_alias(surface: str, canonical: str, where: str) -> None:
            key = name_key(surface)
            if key == name_key(canonical):
                return
            written.append((canonical, surface))
            if key in aliases and name_key(aliases[key]) != name_key(canonical):
                raise _Invalid(
                    f"{where}: {surface!r} is already mapped to {aliases[key]!r} ({origin[key]})"
                )
            aliases[key] = canonical
            origin[key] = where

        for surface, canonical in _mapping(data, "aliases").items():
            add_alias(
                _name(surface, "aliases key"), _name(canonical, f"aliases[{surface!r}]"), "aliases"
            )
        for canonical, surfaces in _mapping(data, "merges").items():
            target = _name(canonical, "merges key")
            if not isinstance(surfaces, list):
                raise _Invalid(f"merges[{canonical!r}] must be a list of names")
            for surface in surfaces:
                add_alias(_name(surface, f"merges[{canonical!r}] item"), target, "merges")
        for canonical in aliases.values():
            if name_key(canonical) in aliases:
                raise _Invalid(
                    f"{canonical!r} is a canonical name and also an alias of "
                    f"{aliases[name_key(canonical)]!r}; map every alias to the final name"
                )

        blocked_raw = data.get("blocklist")
        if blocked_raw is None:
            blocked_raw = []
        if not isinstance(blocked_raw, list):
            raise _Invalid("blocklist must be a list of names")
        blocked = frozenset(name_key(_name(item, "blocklist item")) for item in blocked_raw)

        types: dict[str, str] = {}
        for name, kind in _mapping(data, "types").items():
            entity = _name(name, "types key")
            if kind not in ENTITY_TYPES:
                raise _Invalid(
                    f"types[{name!r}] must be one of {', '.join(ENTITY_TYPES)}, not {kind!r}"
                )
            key = name_key(aliases.get(name_key(entity), entity))
            if types.get(key, kind) != kind:
                raise _Invalid(f"types: {name!r} is given two types")
            types[key] = kind

        return cls(
            alias_pairs=tuple(sorted(aliases.items())),
            blocked=blocked,
            type_pairs=tuple(sorted(types.items())),
            source=source,
            written=tuple(sorted(set(written))),
        )

    # -- queries ------------------------------------------------------------------------------

    def canonical(self, name: str) -> str | None:
        """The configured canonical name for ``name``, or None."""
        return self._aliases.get(name_key(name))

    def is_blocked(self, name: str) -> bool:
        return name_key(name) in self.blocked

    def forced_type(self, name: str) -> str | None:
        return self._types.get(name_key(name))

    def fingerprint(self) -> str:
        """sha256 of the normalised config and of the rule-set version.

        Ingest stores it with each article: editing entities.yml (or upgrading the merge rules)
        changes it, so affected articles are re-run instead of being reported unchanged.
        """
        payload = json.dumps(
            {
                "rules": RULES_VERSION,
                "aliases": [list(p) for p in self.alias_pairs],
                "blocklist": sorted(self.blocked),
                "types": [list(p) for p in self.type_pairs],
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class _Invalid(Exception):
    """Internal: a validation problem, before the file name is prefixed."""


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[Any, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _Invalid(f"{key} must be a mapping of names")
    return value


def _name(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{where} must be a string, not {type(value).__name__} {value!r}")
    text = collapse(value)
    if not text:
        raise _Invalid(f"{where} must not be empty")
    return text
