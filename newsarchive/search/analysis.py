"""Index-time analysis: the terms and positions Whoosh's StemmingAnalyzer gives, computed fast.

Whoosh runs every token through a chain of generators (tokenizer, lower-case, stop and stem
filters) that mutate one ``Token`` object; at archive scale that chain is most of the cost of
building the index. :func:`term_positions` computes the very same result in one loop over a
regular-expression ``findall``, with a cached Porter stemmer:

* tokens are the matches of :data:`~newsarchive.search.schema.TOKEN_PATTERN`, lower-cased one by
  one (lower-casing a whole non-ASCII text first could change where words break; an ASCII text
  is lower-cased at once);
* a word shorter than two characters or in Whoosh's stop list is dropped;
* positions are renumbered like Whoosh's ``StopFilter(renumber=True)``: the first kept word keeps
  its place in the token stream, every later kept word takes the next number;
* each kept word is stemmed with Whoosh's own ``porter.stem``.

Query text still goes through the Whoosh analyzer (``schema.make_analyzer``), and a test checks
on the samples and on awkward Unicode that both give identical postings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import STOP_WORDS
from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.lang.porter import stem

#: The stop filter of the one analyzer (Whoosh's StemmingAnalyzer defaults):
#: ``schema.make_analyzer`` passes them to Whoosh, and the export sends them to the browser's
#: analyzer in the manifest.
MIN_WORD_CHARS = 2
STOP_LIST = frozenset(STOP_WORDS)


class _StemCache(dict):
    """Word -> Porter stem, filled on first use (a dict lookup is far cheaper than an LRU)."""

    LIMIT = 1_000_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        term = self[word] = stem(word)
        return term


_STEMS = _StemCache()


def term_positions(text: str, pattern: re.Pattern[str]) -> dict[str, list[int]]:
    """Stemmed term -> positions, in order of first occurrence (as Whoosh's formats count)."""
    if text.isascii():  # lower-casing ASCII never changes where words break
        words = pattern.findall(text.lower())
    else:
        words = [w.lower() for w in pattern.findall(text)]
    stops = STOP_LIST
    first = 0
    for word in words:
        if len(word) >= MIN_WORD_CHARS and word not in stops:
            break
        first += 1
    kept = [w for w in words if len(w) >= MIN_WORD_CHARS and w not in stops]
    out: dict[str, list[int]] = {}
    for pos, term in enumerate(map(_STEMS.__getitem__, kept), first):
        found = out.get(term)
        if found is None:
            out[term] = [pos]
        else:
            found.append(pos)
    return out


def findall_pattern(expression: str) -> re.Pattern[str]:
    """The token pattern with its groups made non-capturing, so ``findall`` returns whole words."""
    return re.compile(re.sub(r"(?<!\\)\((?!\?)", "(?:", expression), re.UNICODE)


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
