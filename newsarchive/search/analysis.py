"""The one analyzer of the archive, and its fast index-time twin.

The analyzer (``schema.make_analyzer``) is Whoosh's StemmingAnalyzer with two changes, both
mirrored by ``theme/static/js/analyzer.js`` from the rules the manifest carries
(``export.client_rules()["analyzer"]``):

* an acronym (:data:`ACRONYMS`: a stop word of 2 to 5 ASCII letters written in capitals, "US",
  "IT") is kept as itself: not lower-cased, not stopped, not stemmed, so "oil US" does not match
  "tell us";
* stop words leave gaps in the positions (:class:`GapStopFilter`, Whoosh's
  ``StopFilter(renumber=False)`` made exact): a dropped word moves the next position on by
  its gap, :data:`STOP_GAPS` for a stop word (2 and up, a different gap for each stop word),
  1 for any other word too short to index; a kept word takes the position and moves it on by
  1. A phrase's words carry their offsets in the query (query.py), so ``"bank of england"``
  matches "Bank of England" but neither "Bank in England" nor "Bank England" (only runs of
  several stop words whose gaps add up alike are not told apart).

Whoosh runs every token through a chain of generators (tokenizer, filters) that mutate one
``Token`` object; at archive scale that chain is most of the cost of building the index.
:func:`term_positions` computes the very same result in one loop over a regular-expression
``findall``, with a cached Porter stemmer:

* tokens are the matches of :data:`~newsarchive.search.schema.TOKEN_PATTERN`; an acronym is kept,
  any other token lower-cased one by one (lower-casing a whole non-ASCII text first could change
  where words break);
* a word shorter than two characters or in Whoosh's stop list is dropped, leaving its gap;
* each kept word but an acronym is stemmed with Whoosh's own ``porter.stem``.

Query text still goes through the Whoosh analyzer (``schema.make_analyzer``), and a test checks
on the samples and on awkward Unicode that both give identical postings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from whoosh.analysis import STOP_WORDS, Filter
from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.lang.porter import stem

#: The stop filter of the one analyzer (Whoosh's StemmingAnalyzer defaults):
#: ``schema.make_analyzer`` passes them to Whoosh, and the export sends them to the browser's
#: analyzer in the manifest.
MIN_WORD_CHARS = 2
STOP_LIST = frozenset(STOP_WORDS)
#: Acronyms kept as themselves: the stop words of 2 to 5 ASCII letters, in capitals.
#: The position gap each stop word leaves: 2 for the first in sorted order, then 3, 4, ...
STOP_GAPS: dict[str, int] = {w: i + 2 for i, w in enumerate(sorted(STOP_LIST))}
#: The gap of any other word too short to index.
SHORT_GAP = 1
ACRONYM_CHARS = (2, 5)
ACRONYMS = frozenset(
    w.upper()
    for w in STOP_LIST
    if ACRONYM_CHARS[0] <= len(w) <= ACRONYM_CHARS[1] and w.isascii() and w.isalpha()
)


class AcronymLowercaseFilter(Filter):
    """Whoosh's ``LowercaseFilter``, except that a token in ``acronyms`` is kept as it is."""

    def __init__(self, acronyms: frozenset[str] = ACRONYMS) -> None:
        self.acronyms = frozenset(acronyms)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.acronyms == self.acronyms

    def __call__(self, tokens):  # noqa: ANN001, ANN204 (Whoosh's filter protocol)
        acronyms = self.acronyms
        for t in tokens:
            if t.text not in acronyms:
                t.text = t.text.lower()
            yield t


class _StemCache(dict):
    """Word -> Porter stem, filled on first use (a dict lookup is far cheaper than an LRU)."""

    LIMIT = 1_000_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        term = self[word] = stem(word)
        return term


_STEMS = _StemCache()


class GapStopFilter(Filter):
    """Whoosh's ``StopFilter`` with positions renumbered by :data:`STOP_GAPS` (see above)."""

    def __init__(
        self,
        stoplist: frozenset[str] = STOP_LIST,
        minsize: int = MIN_WORD_CHARS,
        gaps: dict[str, int] | None = None,
    ) -> None:
        self.stops = frozenset(stoplist)
        self.min = minsize
        self.gaps = dict(STOP_GAPS if gaps is None else gaps)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and (other.stops, other.min, other.gaps) == (
            self.stops, self.min, self.gaps
        )

    def __call__(self, tokens):  # noqa: ANN001, ANN204 (Whoosh's filter protocol)
        stops, minsize, gaps = self.stops, self.min, self.gaps
        pos = 0
        for t in tokens:
            text = t.text
            if len(text) < minsize or text in stops:
                pos += gaps.get(text, SHORT_GAP)
                continue
            if t.positions:
                t.pos = pos
            pos += 1
            t.stopped = False
            yield t


def _word_term(word: str) -> str | int:
    """What the analyzer makes of one token: its term, or the position gap it leaves when it
    is dropped (a stop word or a word too short to index)."""
    if word in ACRONYMS:
        return word
    lower = word.lower()
    if len(lower) < MIN_WORD_CHARS or lower in STOP_LIST:
        return STOP_GAPS.get(lower, SHORT_GAP)
    return _STEMS[lower]


class _WordCache(dict):
    """Token as written -> :func:`_word_term`, filled on first use: one lookup per token."""

    LIMIT = 1_000_000

    def __missing__(self, word: str) -> str | int:
        if len(self) >= self.LIMIT:
            self.clear()
        found = self[word] = _word_term(word)
        return found


_WORDS = _WordCache()


def term_positions(text: str, pattern: Findall) -> dict[str, list[int]]:
    """Stemmed term -> positions, in order of first occurrence (as Whoosh's formats count)."""
    out: dict[str, list[int]] = {}
    pos = 0
    for term in map(_WORDS.__getitem__, pattern.findall(text)):
        if term.__class__ is int:
            pos += term
            continue
        found = out.get(term)
        if found is None:
            out[term] = [pos]
        else:
            found.append(pos)
        pos += 1
    return out


def term_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[str, int, int]]:
    """``(term, start, end)`` of every indexed token of ``text`` in order, with the characters
    it was read from: the analyzer's tokens with ``chars=True`` (what excerpts mark), one
    lookup per token. ``pattern`` is the token pattern as the tokenizer compiles it."""
    words = _WORDS
    out = []
    for match in pattern.finditer(text):
        term = words[match.group()]
        if term.__class__ is not int:
            out.append((term, match.start(), match.end()))
    return out


class Findall(Protocol):
    """What :func:`term_positions` reads words with: a compiled pattern's ``findall``."""

    def findall(self, text: str) -> list[str]: ...


#: Whoosh's tokenizer pattern (``schema.TOKEN_PATTERN``), and what it finds in a text where no
#: dot comes before a word character (nearly every text): the runs of word characters.
_DOTTED_WORDS = r"\w+(\.?\w+)*"
_PLAIN_WORDS = re.compile(r"\w+")
_DOT_WORD = re.compile(r"\.\w")


class _WordsFindall:
    """``findall`` of :data:`_DOTTED_WORDS`, through the simpler ``\\w+`` (a quarter faster)
    when the text has no dot followed by a word character: only such a dot can join two runs
    of word characters into one word."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern
        self.pattern = pattern.pattern

    def findall(self, text: str) -> list[str]:
        if _DOT_WORD.search(text) is None:
            return _PLAIN_WORDS.findall(text)
        return self._pattern.findall(text)


def findall_pattern(expression: str) -> Findall:
    """The token pattern with its groups made non-capturing, so ``findall`` returns whole words."""
    pattern = re.compile(re.sub(r"(?<!\\)\((?!\?)", "(?:", expression), re.UNICODE)
    return _WordsFindall(pattern) if expression == _DOTTED_WORDS else pattern


class FastText(TEXT):
    """A ``TEXT`` field whose indexing skips Whoosh's token chain (same postings, same bytes).

    Only index time changes; the analyzer is kept for queries, highlighting and pickling.
    """

    def __init__(self, *args: object, expression: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.expression = expression

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_findall", None)
        return state

    def index(self, value: object, **kwargs: object) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, str) or kwargs or type(self.format) is not Positions:
            yield from super().index(value, **kwargs)
            return
        pattern = self.__dict__.get("_findall")
        if pattern is None:
            pattern = self._findall = findall_pattern(self.expression)
        fmt = self.format
        boost = fmt.field_boost
        encode = fmt.encode
        for term, positions in term_positions(value, pattern).items():
            count = len(positions)
            yield (term.encode("utf-8"), count, float(count) * boost, encode(positions))
