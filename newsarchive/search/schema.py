"""The Whoosh schema of the article index, and the few facts the browser must mirror.

Only three fields are searchable (title, body, entities), because every searchable field has to be
reproduced bit for bit by ``theme/static/js/search-core.js``. Everything else is stored for result
pages or indexed as an exact-value facet for filters.
"""

from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, Schema

from newsarchive.search.analysis import FastText

#: Searchable fields in the order the client export and the query builder use them.
SEARCH_FIELDS: tuple[str, ...] = ("title", "body", "entities")
#: Whoosh applies a field boost at index time: a posting's weight is ``freq * boost``.
FIELD_BOOSTS: dict[str, float] = {"title": 2.0, "body": 1.0, "entities": 1.0}
ENTITY_TYPES: tuple[str, ...] = ("people", "organizations", "places", "other")
#: Bumped whenever the schema changes, so an old index is rebuilt instead of misread.
SCHEMA_VERSION = 2
UNDATED_YEAR = "undated"


#: The tokenizer pattern of Whoosh 2.7.4's StemmingAnalyzer. whoosh-reloaded's default also
#: counts ``*`` as a word character; naming the pattern keeps the index (and so the browser,
#: which mirrors it) independent of which Whoosh fork is installed.
TOKEN_PATTERN = r"\w+(\.?\w+)*"


def make_analyzer() -> StemmingAnalyzer:
    """The one analyzer of every searchable field and of every query word."""
    return StemmingAnalyzer(expression=TOKEN_PATTERN)


def _text(name: str, **kwargs: bool) -> FastText:
    return FastText(
        analyzer=make_analyzer(),
        expression=TOKEN_PATTERN,
        field_boost=FIELD_BOOSTS[name],
        **kwargs,
    )


def build_schema() -> Schema:
    """The article schema: the same analyzer for every searchable field."""
    facets = {
        name: KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)
        for name in ENTITY_TYPES
    }
    return Schema(
        id=ID(stored=True, unique=True),
        title=_text("title", stored=True),
        body=_text("body"),
        entities=_text("entities"),
        provider=ID(stored=True),
        year=ID(stored=True),
        date=STORED,
        url=STORED,
        summary=STORED,
        entity_names=STORED,
        sha256=STORED,
        **facets,
    )
