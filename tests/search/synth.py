"""A seeded generator of fictional news articles (Markdown + front matter) for search tests.

Words are drawn from a Zipf-like distribution over a made-up vocabulary mixed with common English
words (stop words included), inflected forms that stem together, numbers, hyphenated and dotted
tokens and a few accented words, so that document frequencies, lengths and scores tie and differ
the way real archives do.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SYLLABLES = [
    "ka",
    "lo",
    "mar",
    "ven",
    "dus",
    "tri",
    "bel",
    "op",
    "ran",
    "sel",
    "qui",
    "tor",
    "ash",
    "em",
    "hal",
    "nor",
    "pix",
    "zu",
    "ger",
    "lin",
    "cor",
    "dam",
    "fe",
    "wy",
]
COMMON_TEXT = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which "
    "but have an they you were her she there been one all we their has would when if so no will "
    "said year years harbour authority port council minister government report plan contract "
    "deal signed signing signs market markets trading traded trader company companies shipping "
    "running runs runner hopping hoped troubled trouble u.s. e-mail covid-19 3,000 2024 10.5 "
    "naïve café résumé Zürich straße"
)
COMMON = COMMON_TEXT.split()
PROVIDERS = ["Coastline Ledger (CL)", "Delmar Wire", "Northern Gazette", "Valebrook Times"]
PEOPLE = ["Ines Varga-Holt", "Tobias Reinholt", "Marta Quill", "Oren Basto", "Lise Amundo"]
ORGS = ["Port Alden Harbour Authority", "Delmar Marine Holdings", "Northern Shipping Fund"]
PLACES = ["Port Alden", "Valebrook", "Kestrel Bay", "Zürich-Nord"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    made = sorted(words)
    rng.shuffle(made)
    out = []
    for i, w in enumerate(made):
        out.append(w)
        if i % 7 == 0:
            out += [w + "ing", w + "ed", w + "s"]
    mixed = COMMON + out
    return mixed


def zipf_sampler(rng: random.Random, words: list[str], s: float = 1.05):
    weights = [1.0 / (rank + 1) ** s for rank in range(len(words))]
    order = words[:]
    rng.shuffle(order)

    def draw(k: int) -> list[str]:
        return rng.choices(order, weights=weights, k=k)

    return draw


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_archive(root: Path, count: int, seed: int) -> list[Path]:
    """Write ``count`` articles under ``root`` (the content/articles folder)."""
    rng = random.Random(seed)
    draw = zipf_sampler(rng, vocabulary(rng, 2500))
    paths = []
    for n in range(count):
        year = rng.choice([2022, 2023, 2024, None])
        month = rng.randint(1, 12)
        title_words = draw(rng.randint(3, 9))
        title = " ".join(title_words).capitalize()
        slug = f"article-{n:05d}"
        folder = f"{year}/{month:02d}" if year else "undated"
        paras = []
        for _ in range(rng.randint(1, 6)):
            words = draw(rng.randint(5, 120 if rng.random() < 0.9 else 400))
            paras.append(" ".join(words).capitalize() + ".")
        if rng.random() < 0.2:
            paras.insert(1, "## " + " ".join(draw(3)).capitalize())
        if rng.random() < 0.1:
            paras.append(
                "Prices rose \\*sharply\\* at *Kestrel Bay* &amp; [the port](https://x.test)."
            )
        entities = {
            "people": sorted(set(rng.sample(PEOPLE, rng.randint(0, 2)))),
            "organizations": sorted(set(rng.sample(ORGS, rng.randint(0, 2)))),
            "places": sorted(set(rng.sample(PLACES, rng.randint(0, 1)))),
            "other": [],
        }
        lines = ["---", f"title: {_quote(title)}", f"slug: {slug}"]
        if year:
            lines.append(f"date: {year}-{month:02d}-{rng.randint(1, 28):02d}")
        lines += [
            "source:",
            f"  provider: {_quote(rng.choice(PROVIDERS))}",
            "entities:",
        ]
        for kind, names in entities.items():
            lines.append(f"  {kind}: [{', '.join(_quote(x) for x in names)}]")
        lines.append(f"summary: {_quote(paras[0][:200])}")
        lines += ["---", "", "\n\n".join(paras), ""]
        path = root / folder / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths
