"""Entity extraction in worker processes: texts go out, finished entity lists come back.

NER is nearly all of ingest's time, so ``--jobs N`` runs it in N processes. Each worker runs the
whole extraction (the model, the whole-document evidence and the article rules) on a chunk of
texts and returns only the :class:`~newsarchive.entities.model.ArticleEntities`: a few hundred
bytes per article. ``nlp.pipe(n_process=N)`` would instead ship every parsed ``Doc`` back as
bytes and leave the rules to the parent, which then competes with the workers for the CPUs.

The pool forks from a parent that has already loaded the model, so the workers share its
memory and start at once. A worker ignores Ctrl-C (the parent stops the pool and saves what is
written), takes the default action for SIGTERM (the parent's "save and exit" handler is the
parent's alone), and Linux kills it when its parent dies, even by SIGKILL.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsarchive.forked import detach

if TYPE_CHECKING:
    from newsarchive.entities.extractor import EntityExtractor
    from newsarchive.entities.model import ArticleEntities

#: Texts per task. Small, so that at the end of a run no worker waits long for the other's last
#: chunk; NER is as fast per text in chunks of 16 as of 64.
CHUNK = 16


_extractor: EntityExtractor | None = None  # the worker's own, inherited through the fork


def extract(
    extractor: EntityExtractor, texts: Iterable[str], jobs: int
) -> Iterator[ArticleEntities]:
    """``extractor``'s results for ``texts`` computed in ``jobs`` processes, in input order.

    ``texts`` is read lazily, a few chunks ahead of the results consumed. Leaving the iterator
    early (an error, Ctrl-C) stops the workers.
    """
    extractor.warm()  # the model and the rules' lookups, built once, before the fork
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start, initargs=(extractor, os.getpid())) as pool:
        for results in pool.imap(_run, _chunks(texts)):
            yield from results


def _chunks(texts: Iterable[str]) -> Iterator[list[str]]:
    iterator = iter(texts)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        yield chunk


def _start(extractor: EntityExtractor, parent: int) -> None:
    global _extractor
    _extractor = extractor
    detach(parent)


def _run(texts: list[str]) -> list[ArticleEntities]:
    assert _extractor is not None, "a worker runs only in a pool started by extract()"
    return list(_extractor.extract(texts, jobs=1, batch_size=len(texts)))
