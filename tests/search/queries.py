"""Seeded query generator for ranking parity: every kind of query the language allows.

Words come from the archive's own article text (surface forms, so the analyzer and stemmer are
exercised) and are picked across document-frequency strata from the Whoosh index, so queries mix
rare and common terms, ties and near-ties.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from newsarchive.frontmatter import load
from newsarchive.search.index import open_index
from newsarchive.search.query import analyze

STOP = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "with", "be", "by", "on"]
PUNCT = [
    "harbour,",
    "port!!",
    "(deal)",
    "e-mail",
    "U.S.",
    "u.s. contract",
    "3,000",
    "10.5",
    "covid-19",
    "…port…",
    "port's",
    "'signed'",
    "deal;contract",
    "#port",
    "@authority",
]
UNICODE = ["café", "CAFÉ", "Zürich", "straße", "naïve", "résumé", "Zürich-Nord", "naïve café"]


def _surface_words(content: Path, rng: random.Random, files: int = 60) -> list[str]:
    paths = sorted(content.rglob("*.md"))
    words: list[str] = []
    for path in rng.sample(paths, min(files, len(paths))):
        _, body = load(path)
        words += re.findall(r"[^\W\d_][\w'.-]*", body)
    return words


def _texts(content: Path, rng: random.Random, files: int = 40) -> list[list[str]]:
    paths = sorted(content.rglob("*.md"))
    out = []
    for path in rng.sample(paths, min(files, len(paths))):
        meta, body = load(path)
        out.append(str(meta.get("title", "")).split() + body.split())
    return out


def generate(content: Path, index_dir: Path, seed: int, count: int) -> list[str]:
    """``count`` queries covering every kind (single, pairs, rare+common, stop words,
    punctuation, numbers, Unicode, OR, NOT, phrases, prefixes, absent words)."""
    rng = random.Random(seed)
    words = _surface_words(content, rng)
    texts = _texts(content, rng)
    with open_index(index_dir).searcher() as searcher:
        reader = searcher.reader()

        def df(word: str) -> int:
            toks = analyze(word)
            return reader.doc_frequency("body", toks[0]) if toks else 0

        scored = sorted({w.strip(".'").lower() for w in words if analyze(w)}, key=df)
    rare = scored[: max(1, len(scored) // 4)]
    common = scored[-max(1, len(scored) // 8) :]

    def w() -> str:
        return rng.choice(words).strip(".")

    def phrase(n: int) -> str:
        text = rng.choice(texts)
        start = rng.randrange(max(1, len(text) - n))
        return " ".join(text[start : start + n]).strip(".,;")

    makers = [
        lambda: w(),
        lambda: w().upper(),
        lambda: f"{w()} {w()}",
        lambda: f"{rng.choice(rare)} {rng.choice(common)}",
        lambda: f"{rng.choice(common)} {rng.choice(common)}",
        lambda: f"{rng.choice(common)} {rng.choice(common)} {rng.choice(common)}",
        lambda: f"{w()} {w()} {w()} {w()}",
        lambda: rng.choice(STOP),
        lambda: f"{rng.choice(STOP)} {rng.choice(STOP)}",
        lambda: f"{rng.choice(STOP)} {w()}",
        lambda: rng.choice(PUNCT),
        lambda: f"{w()}, {rng.choice(PUNCT)}",
        lambda: str(rng.choice([2022, 2023, 2024, 3000, 10, 19, 7])),
        lambda: rng.choice(UNICODE),
        lambda: f"{rng.choice(UNICODE)} {w()}",
        lambda: f"{w()} OR {w()}",
        lambda: f"{rng.choice(common)} OR {rng.choice(rare)} {rng.choice(common)}",
        lambda: f"{w()} OR {w()} OR {w()}",
        lambda: f"{rng.choice(common)} -{rng.choice(common)}",
        lambda: f"-{w()} {rng.choice(common)}",
        lambda: f'{rng.choice(common)} -"{phrase(2)}"',
        lambda: f'"{phrase(2)}"',
        lambda: f'"{phrase(3)}"',
        lambda: f'"{phrase(2)}" {w()}',
        lambda: f'"{rng.choice(STOP)} {phrase(2)}"',
        lambda: f'"{w()} {w()}"',
        lambda: f"{w()[:3]}*",
        lambda: f"{rng.choice(common)} {w()[:2]}*",
        lambda: f"{w()} {w()}".replace(" ", "  "),
        lambda: f"{w()} {w()}".title(),
        lambda: "zzqxv " + w(),
        lambda: f"{w()} {w()}".replace(w(), w()) + " " + w(),
    ]
    queries: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(queries) < count:
        q = makers[i % len(makers)]()
        i += 1
        if q and q not in seen:
            seen.add(q)
            queries.append(q)
    return queries
