"""Named entities of articles: spaCy NER, then normalisation and short-form merging.

Ingest calls :class:`EntityExtractor`; everything else here is an implementation detail.
"""

from newsarchive.entities.archive import resolve_archive
from newsarchive.entities.config import EntityConfig, EntityConfigError
from newsarchive.entities.extractor import DEFAULT_MODEL, EntityExtractor
from newsarchive.entities.model import ENTITY_TYPES, LABEL_TYPES, ArticleEntities

__all__ = [
    "DEFAULT_MODEL",
    "ENTITY_TYPES",
    "LABEL_TYPES",
    "ArticleEntities",
    "EntityConfig",
    "EntityConfigError",
    "EntityExtractor",
    "resolve_archive",
]
