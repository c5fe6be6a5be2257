"""English words, from the lists the spaCy model ships with its lemmatizer.

The English pipelines carry WordNet's nouns, verbs, adjectives and adverbs (``lemma_index``)
and their irregular forms (``lemma_exc``) for the lemmatizer, which the entity pass does not
run. They are what tells "Attendance", "Scorer" or "Forwards" (the labels of a report's lines)
from "Kessel" or "Varnholm" (names). WordNet also lists many proper names ("London",
"NATO"), so a word found here is only a candidate: the rules that use it check the gazetteer
and the article first.

The words are taken from the pipeline when :func:`~newsarchive.entities.ner.load_pipeline`
loads it, before the lemmatizer is removed, and kept by the pipeline's vocabulary. A model
without a lemmatizer gives no words, and the rules that use them change nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.vocab import Vocab

#: vocabulary id -> (the vocabulary, kept alive so that its id is not reused, its words)
_WORDS: dict[int, tuple[Any, frozenset[str]]] = {}


def remember(nlp: Language) -> None:
    """Keep the words of ``nlp``'s lemmatizer tables for its vocabulary."""
    words: set[str] = set()
    if "lemmatizer" in nlp.component_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        for name, take in (("lemma_index", lambda v: v), ("lemma_exc", lambda v: v.keys())):
            if lookups is None or not lookups.has_table(name):
                continue
            for by_pos in lookups.get_table(name).values():
                words.update(w for w in take(by_pos) if isinstance(w, str))
    _WORDS[id(nlp.vocab)] = (nlp.vocab, frozenset(w.lower() for w in words))


def english_words(vocab: Vocab) -> frozenset[str]:
    """The words remembered for ``vocab`` (empty when none were)."""
    found = _WORDS.get(id(vocab))
    return found[1] if found is not None else frozenset()


def is_english_word(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` (any case), or the singular a plain ``-s``/``-es``/``-ies`` gives, is
    one of ``words``."""
    lower = word.lower()
    forms = [lower]
    if lower.endswith("ies"):
        forms.append(lower[:-3] + "y")
    if lower.endswith("es"):
        forms.append(lower[:-2])
    if lower.endswith("s"):
        forms.append(lower[:-1])
    return any(form in words for form in forms)
