"""Named entities of articles: spaCy NER, then normalisation and short-form merging.

Ingest calls :class:`EntityExtractor`; everything else here is an implementation detail.

The names below are imported when first asked for (PEP 562): the site build and the search CLI
read only :mod:`newsarchive.entities.config` and :mod:`~newsarchive.entities.normalize`, and
importing the archive and extraction rules with them cost every build 60 to 80 ms.
"""

from importlib import import_module
from typing import Any

#: Where each public name is defined.
_HOMES = {
    "resolve_archive": "newsarchive.entities.archive",
    "EntityConfig": "newsarchive.entities.config",
    "EntityConfigError": "newsarchive.entities.config",
    "DEFAULT_MODEL": "newsarchive.entities.extractor",
    "EntityExtractor": "newsarchive.entities.extractor",
    "ENTITY_TYPES": "newsarchive.entities.model",
    "LABEL_TYPES": "newsarchive.entities.model",
    "ArticleEntities": "newsarchive.entities.model",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
