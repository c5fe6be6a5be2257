"""spaCy loading and batch NER, with only the components that NER's output depends on.

en_core_web_sm's ``ner`` has its own embedding layer (it does not listen to the shared
``tok2vec``), but its output still depends on sentence boundaries: the NER never lets an
entity cross one. Without any, "... after AT&T. Consolidation ..." becomes one ORG. So we keep
``ner``, a sentence-boundary component and any shared embedding layer those listen to, and
remove the rest (tagger, attribute_ruler, lemmatizer). The boundary component is the model's
``senter`` where it has one (disabled by default in the English pipelines): it has its own
small embedding layer, so the shared ``tok2vec`` and the ``parser`` go too, which takes about
40 % off NER's time. Its sentences differ from the parser's in a few places, and the NER's
spans with them (8 of 1,407 BBC articles list a name differently; CoNLL scores the same or a
little higher). It also runs a paragraph on into the next where the parser would not, which
the rules notice (they ask which words open sentences), so :func:`paragraph_starts` opens a
sentence at every paragraph after NER. A model without ``senter`` keeps its ``parser``.

One input repair: an article is a title and paragraphs joined by blank lines, and a title or
heading has no final full stop, so the sentence component often runs it into the next
paragraph and NER returns spans such as "Calloway Shipping\n\nCalloway Shipping". Before
NER, the first newline after a paragraph with no final punctuation becomes a ".": same length,
so every character offset still points into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsarchive.entities.lexicon import remember

if TYPE_CHECKING:  # spaCy is imported lazily: a run that needs no NER never pays for it
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Mention:
    """One NER span: its text, spaCy label and character offsets in the article text."""

    text: str
    label: str
    start: int
    end: int
    votes: int = 1  # weight of this label when a name's type is decided (datelines count 2)
    score: float | None = None  # the model's confidence in the label, when the model gives one

    @property
    def weight(self) -> float:
        """What this mention adds to its label in the type vote: votes times confidence."""
        return self.votes * (1.0 if self.score is None else self.score)


#: What a mention a layout rule made (a results row, a scorecard's player) weighs in the type
#: vote: more than the model's readings of the same name in the article.
LAYOUT_VOTES = 3


def layout_mention(name: str, label: str, start: int) -> Mention:
    """The mention of ``name`` at ``start`` that a layout rule made, with :data:`LAYOUT_VOTES`."""
    return Mention(name, label, start, start + len(name), votes=LAYOUT_VOTES)


@lru_cache(maxsize=2)
def load_pipeline(model: str) -> Language:
    """Load ``model`` (package name or path) and strip it to what NER needs.

    Cached per process: several extractors (say, one per entities.yml) share one pipeline.
    """
    import spacy
    from spacy.language import Language

    nlp = spacy.load(model)
    if "ner" not in nlp.component_names:
        raise ValueError(f"spaCy model {model!r} has no 'ner' component")
    remember(nlp)  # its lemmatizer's word lists, before the lemmatizer goes
    keep = _needed_components(nlp)
    for name in reversed(nlp.component_names):
        if name not in keep:
            nlp.remove_pipe(name)
    for name in nlp.disabled:
        nlp.enable_pipe(name)
    if "parser" not in nlp.component_names:
        if not Language.has_factory(_PARAGRAPHS):
            Language.component(_PARAGRAPHS, func=paragraph_starts)
        nlp.add_pipe(_PARAGRAPHS, last=True)
    if not Language.has_factory(_DROP_TENSOR):
        Language.component(_DROP_TENSOR, func=drop_tensor)
    nlp.add_pipe(_DROP_TENSOR, last=True)
    return nlp


_DROP_TENSOR = "newsarchive_drop_tensor"
_PARAGRAPHS = "newsarchive_paragraph_starts"


def paragraph_starts(doc: Doc) -> Doc:
    """Open a sentence at every paragraph, and at every line of one (a list's items, a
    table's rows): the sentence recogniser runs a paragraph on into the next where the parser
    would not, and the rules ask which words open sentences. After NER, which keeps the spans
    it finds with the recogniser's own sentences."""
    import numpy
    from spacy.attrs import IS_SPACE

    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1])
    for i in spaces:
        token = doc[int(i) + 1]
        if "\n" in doc[int(i)].text and not token.is_space:
            token.is_sent_start = True
    return doc


def drop_tensor(doc: Doc) -> Doc:
    """Forget the token vectors once NER is done: nothing here reads them, and a Doc that
    crosses processes (``nlp.pipe`` with ``n_process``, as the bench's bare baseline runs it)
    would carry hundreds of floats per token as bytes.
    """
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def _needed_components(nlp: Language) -> set[str]:
    keep = {"ner"}
    if "senter" in nlp.component_names:
        keep.add("senter")
    elif "parser" in nlp.component_names:
        keep.add("parser")
    # Shared embedding layers (tok2vec, transformer) list the components that listen to them.
    for name in nlp.component_names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", None) or ()
        if keep.intersection(listeners):
            keep.add(name)
    return keep


def fit_length(nlp: Language, text: str) -> str:
    """Cut ``text`` to spaCy's ``max_length`` (at a paragraph break when possible).

    spaCy refuses longer texts; entities of a multi-megabyte "article" beyond the first
    million characters are not worth a crash.
    """
    limit = nlp.max_length
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[: cut if cut > 0 else limit]


_OPEN_PARAGRAPH_END = re.compile(r"(?<=[^\s.!?:;\"”'’)])\n(?=[ \t\r]*\n)")


def mark_paragraph_ends(text: str) -> str:
    """``text`` with a full stop in place of the newline that ends an unpunctuated paragraph."""
    return _OPEN_PARAGRAPH_END.sub(".", text)


def run_docs(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 64
) -> Iterator[tuple[str, Doc]]:
    """``nlp.pipe`` over ``texts`` in this process; yields (text, doc) in input order.

    The doc's character offsets are those of ``text`` (the paragraph-end repair keeps lengths).
    Several processes: :mod:`newsarchive.entities.workers`.
    """
    fitted = (fit_length(nlp, t) for t in texts)
    pairs = ((mark_paragraph_ends(t), t) for t in fitted)
    docs: Iterable[tuple[Doc, str]] = nlp.pipe(
        pairs, as_tuples=True, batch_size=batch_size
    )
    for doc, text in docs:
        yield text, doc


#: Where a pipeline that scores its entities (spancat, say) leaves them; the stock small
#: model does not, and then every label weighs the same.
SCORED_SPANS = "sc"


def mentions_of(doc: Doc, text: str) -> list[Mention]:
    """The NER spans of ``doc`` as mentions of ``text``, with the model's scores if any."""
    scores: dict[tuple[int, int, str], float] = {}
    group = doc.spans.get(SCORED_SPANS) if doc.spans else None
    values = group.attrs.get("scores") if group is not None else None
    if group is not None and values is not None:
        for span, value in zip(group, values, strict=False):
            scores[(span.start_char, span.end_char, span.label_)] = float(value)
    return [
        Mention(
            text[ent.start_char : ent.end_char],
            ent.label_,
            ent.start_char,
            ent.end_char,
            score=scores.get((ent.start_char, ent.end_char, ent.label_)),
        )
        for ent in doc.ents
    ]


def run(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 64
) -> Iterator[tuple[str, list[Mention]]]:
    """Like :func:`run_docs`, with the model's mentions instead of the doc."""
    for text, doc in run_docs(nlp, texts, batch_size=batch_size):
        yield text, mentions_of(doc, text)
