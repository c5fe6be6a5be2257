"""The Whoosh schema of the article index, and the few facts the browser must mirror.

Only three fields are searchable (title, body, entities), because every searchable field has to
be reproduced bit for bit by the browser (``theme/static/js/analyzer.js`` and ``engine.js``).
Everything else is stored for result pages or indexed as an exact-value facet for filters. The
facts the browser needs reach it through the exported manifest
(:func:`newsarchive.search.export.client_rules`).
"""

from __future__ import annotations

from whoosh.analysis import Analyzer, RegexTokenizer, StemFilter
from whoosh.fields import ID, KEYWORD, STORED, Schema
from whoosh.scoring import BM25F

from newsarchive.article import ENTITY_TYPES, UNDATED
from newsarchive.search.analysis import (
    ACRONYMS,
    MIN_WORD_CHARS,
    STOP_LIST,
    AcronymLowercaseFilter,
    FastText,
    GapStopFilter,
)

#: Searchable fields in the order the client export and the query builder use them.
SEARCH_FIELDS: tuple[str, ...] = ("title", "body", "entities")
#: Whoosh applies a field boost at index time: a posting's weight is ``freq * boost``.
FIELD_BOOSTS: dict[str, float] = {"title": 2.0, "body": 1.0, "entities": 1.0}
#: Bumped whenever the schema or what a document stores changes (3: URLs from the article
#: contract; 4: acronyms and stop-word gaps in the analyzer, the date indexed, the body
#: stored for excerpts), so an old index is rebuilt instead of misread.
SCHEMA_VERSION = 4
UNDATED_YEAR = UNDATED
#: The ranking: Whoosh's default weighting (what ``newsarchive search`` scores with), whose
#: parameters the browser reads from the manifest.
_WEIGHTING = BM25F()
BM25F_K1: float = _WEIGHTING.K1
BM25F_B: float = _WEIGHTING.B


#: The tokenizer pattern of Whoosh 2.7.4's StemmingAnalyzer. whoosh-reloaded's default also
#: counts ``*`` as a word character; naming the pattern keeps the index (and so the browser,
#: which mirrors it) independent of which Whoosh fork is installed.
TOKEN_PATTERN = r"\w+(\.?\w+)*"


def make_analyzer() -> Analyzer:
    """The one analyzer of every searchable field and of every query word: StemmingAnalyzer's
    chain, with acronyms kept as themselves and stop-word gaps kept in positions
    (:mod:`newsarchive.search.analysis`)."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | AcronymLowercaseFilter(ACRONYMS)
        | GapStopFilter(STOP_LIST, MIN_WORD_CHARS)
        | StemFilter(ignore=ACRONYMS)
    )


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
        body=_text("body", stored=True),
        entities=_text("entities"),
        provider=ID(stored=True),
        year=ID(stored=True),
        date=ID(stored=True, sortable=True),
        url=STORED,
        summary=STORED,
        entity_names=STORED,
        sha256=STORED,
        **facets,
    )
