"""Named-entity recognition on a Dask distributed cluster (``newsarchive ingest --scheduler``).

NER is nearly all of ingest's time (about ten articles a second per core), and it is a pure
function of an article's text, the model and entities.yml. So the client keeps everything that
touches files or needs the whole archive (reading and parsing inputs, duplicates, slugs, writing
Markdown and the manifest) and sends only texts to the cluster, in batches of a few megabytes.
Workers need the same Python environment (newsarchive and the spaCy model installed) but no
access to the input or output folders.

Each worker process loads the spaCy pipeline once and keeps it (:func:`extract_batch` caches
extractors by model and configuration); ingest has each worker load it as soon as it knows the
model (:meth:`Cluster.warm`), while the client still reads the inputs. Nothing heavy is pickled
from the client. A worker that dies mid-run has its batches rerun elsewhere by the scheduler; as
only the client writes, no article is lost or written twice, and the results are the very values
a local run computes, so the Markdown is byte-identical.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsarchive.entities.config import EntityConfig
from newsarchive.entities.extractor import EntityExtractor
from newsarchive.entities.model import ArticleEntities

#: Texts per task, by size: big enough that the scheduler's overhead (milliseconds per task) is
#: nothing beside NER (a few seconds per megabyte), small enough to spread over many workers.
BATCH_BYTES = 2 * 2**20
BATCH_TEXTS = 500
#: Tasks per worker at least, where the texts allow: the workers finish within about one small
#: task of each other. With 2 MB tasks, 2,000 news articles made 5 tasks for 2 workers, and one
#: worker ran the last alone for a fifth of the run.
TASKS_PER_WORKER = 8
#: ... but no task smaller than this: below it the tasks' own overhead would show.
MIN_BATCH_BYTES = 64 * 2**10
CONNECT_TIMEOUT = "10s"

_EXTRACTORS: dict[tuple[str, str], EntityExtractor] = {}


class ClusterError(Exception):
    """The cluster cannot be used (not installed, not reachable); the message is one line."""


def _extractor(model: str, config: EntityConfig) -> EntityExtractor:
    """This worker process's extractor for ``model`` and ``config``, made on first use."""
    key = (model, config.fingerprint())
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        extractor = _EXTRACTORS[key] = EntityExtractor(model=model, config=config)
    return extractor


def extract_batch(model: str, config: EntityConfig, texts: list[str]) -> list[ArticleEntities]:
    """Run on a worker: the entities of ``texts``, with this process's cached pipeline."""
    return list(_extractor(model, config).extract(texts, jobs=1))


def warm_worker(model: str, config: EntityConfig) -> int:
    """Run on a worker: its extractor made and warmed (the model loaded, the rules' lookups
    built), while the client still reads and parses the inputs; returns the worker's pid."""
    _extractor(model, config).warm()
    return os.getpid()


def batches(texts: Sequence[str], workers: int = 1) -> list[tuple[int, int]]:
    """``(start, end)`` slices of ``texts`` in order: about :data:`TASKS_PER_WORKER` for each of
    ``workers``, each at most :data:`BATCH_BYTES` of text (or :data:`BATCH_TEXTS` texts) and at
    least :data:`MIN_BATCH_BYTES` (the last may be less)."""
    total = sum(len(text) for text in texts)
    share = total // max(1, workers * TASKS_PER_WORKER)
    limit = max(MIN_BATCH_BYTES, min(BATCH_BYTES, share))
    out: list[tuple[int, int]] = []
    start = size = 0
    for index, text in enumerate(texts):
        size += len(text)
        if size >= limit or index + 1 - start >= BATCH_TEXTS:
            out.append((start, index + 1))
            start, size = index + 1, 0
    if start < len(texts):
        out.append((start, len(texts)))
    return out


@dataclass
class Cluster:
    """A connected Dask client; ``local`` holds the LocalCluster it started, if any."""

    client: Any
    address: str
    local: Any = None
    warming: list[Any] = field(default_factory=list)

    @classmethod
    def connect(cls, address: str) -> Cluster:
        """Connect to ``address`` (``tcp://host:8786``), or start a LocalCluster for ``local``."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError(
                "--scheduler needs Dask distributed: pip install 'newsarchive[cluster]'"
            ) from None
        local = None
        try:
            if address == "local":
                local = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                     processes=True, dashboard_address=None)
                client = Client(local)
            else:
                client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            if local is not None:
                local.close()
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise ClusterError(f"cannot reach the scheduler at {address} ({reason})") from None
        return cls(client, address, local)

    def warm(self, model: str, config: EntityConfig) -> None:
        """Have every worker load the model now, one task pinned to each: a local run loads it
        after the inputs are read, but the cluster's workers are idle until then."""
        self.warming = [
            self.client.submit(warm_worker, model, config, workers=[address],
                               allow_other_workers=False, pure=False)
            for address in self._addresses()
        ]

    def _addresses(self) -> list[str]:
        return list(self.client.scheduler_info().get("workers", {}))

    def workers(self) -> int:
        return len(self._addresses())

    def extract(
        self, model: str, config: EntityConfig, texts: Sequence[str]
    ) -> Iterator[ArticleEntities]:
        """The entities of ``texts``, in order, as the batches come back."""
        futures = [
            self.client.submit(extract_batch, model, config, list(texts[start:end]), pure=False)
            for start, end in batches(texts, self.workers())
        ]
        try:
            for future in futures:
                yield from future.result()
        finally:
            for future in futures:
                future.release()

    def close(self) -> None:
        for future in self.warming:
            future.release()
        self.client.close()
        if self.local is not None:
            self.local.close()
