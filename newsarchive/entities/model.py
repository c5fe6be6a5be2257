"""Result types shared by the extractor and its callers."""

from __future__ import annotations

from dataclasses import dataclass, field

# Front-matter entity keys, in the fixed order used for output and for breaking type ties.
from newsarchive.article import ENTITY_TYPES

#: spaCy labels kept, and the entity type each one becomes; every other label is dropped.
LABEL_TYPES: dict[str, str] = {
    "PERSON": "people",
    "ORG": "organizations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
    "EVENT": "other",
    "PRODUCT": "other",
    "LAW": "other",
}


@dataclass
class ArticleEntities:
    """Entities of one article, each under its canonical name and exactly one type.

    ``aliases`` maps a canonical name to the other surface forms that were folded into it, so the
    site can show "also known as" and search can find an entity by a short form. ``weights`` is
    the evidence behind each name's type in this article (the summed weight of the mentions that
    voted for it; absent when 1): the archive-wide vote counts an article by it, so a name's type
    across the archive is the vote of all its mentions.
    """

    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict, compare=False)
    #: The article's capitalised runs (:func:`newsarchive.entities.phrases.name_phrases`): where
    #: the archive finds the names it reads with confidence that the model missed here.
    phrases: list[str] = field(default_factory=list, compare=False)

    def as_front_matter(self) -> dict[str, list[str]]:
        """The ``entities:`` mapping of the article front matter (always all four keys)."""
        return {kind: list(getattr(self, kind)) for kind in ENTITY_TYPES}
