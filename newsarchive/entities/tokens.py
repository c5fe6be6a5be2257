"""Where a word stands in a parsed article: the questions the document rules ask of every
token, answered from one table of the doc's token attributes.

Walking a ``Doc`` token by token builds a Python object per token; a rule that asks once per
candidate name walked a long article once per name. The table is built once per doc (kept in
``doc.user_data``) and each question is a vectorised comparison of word hashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy
    from spacy.strings import StringStore
    from spacy.tokens import Doc

_KEY = "newsarchive.tokens"


@dataclass(frozen=True)
class TokenTable:
    """One row per token: its word's hash, whether it opens a sentence, its character
    offset, and whether it is an opening quote or bracket."""

    strings: StringStore
    orth: numpy.ndarray
    sent_start: numpy.ndarray
    idx: numpy.ndarray
    opener: numpy.ndarray

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        """The doc's table, built on first use."""
        table = doc.user_data.get(_KEY)
        if table is None:
            from spacy.attrs import IDX, IS_LEFT_PUNCT, IS_QUOTE, ORTH, SENT_START

            rows = doc.to_array([ORTH, SENT_START, IDX, IS_QUOTE, IS_LEFT_PUNCT])
            table = cls(
                strings=doc.vocab.strings,
                orth=rows[:, 0],
                sent_start=rows[:, 1] == 1,
                idx=rows[:, 2],
                opener=(rows[:, 3] | rows[:, 4]) != 0,
            )
            doc.user_data[_KEY] = table
        return table

    def where(self, word: str) -> numpy.ndarray:
        """The indices of the tokens written exactly ``word``."""
        import numpy

        # the store's id, not the string's hash: a few words ("X", "ID") are spaCy's symbols
        return numpy.flatnonzero(self.orth == self.strings[word])


def opens_sentences_only(doc: Doc, name: str, *, lower_too: bool = True) -> bool:
    """Whether every token ``name`` of ``doc`` opens a sentence (after any opening quotes or
    brackets) and (``lower_too``) ``doc`` also writes the word in lower case."""
    table = TokenTable.of(doc)
    for i in table.where(name):
        first = int(i)
        while first > 0 and not table.sent_start[first] and table.opener[first - 1]:
            first -= 1
        if not table.sent_start[first]:
            return False
    return not lower_too or len(table.where(name.lower())) > 0


def written_inside(doc: Doc, name: str, start: int) -> bool:
    """Whether ``name`` occurs again, with its capitals, not at the start of a sentence
    (a token at character offset ``start`` is the occurrence asked about)."""
    table = TokenTable.of(doc)
    found = table.where(name)
    return bool(((table.idx[found] != start) & ~table.sent_start[found]).any())
