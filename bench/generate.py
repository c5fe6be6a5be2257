"""Deterministic generator of raw benchmark articles.

Usage: ``python -m bench.generate --articles N --out DIR [--seed S]``.

The corpus must behave like a scraped news archive at any size, so that timings measured on it say
something about real archives: a Zipf vocabulary (many rare words, so search indexes grow like
real ones), a pool of fictional people, organisations and places with power-law frequencies that
recur and co-occur in sentences the NER model recognises (so entity pages have a realistic long
tail), dates over several years with growing MENAFN story ids, the MENAFN page quirks, mixed
encodings and a small share of syndicated duplicates.

Determinism: every article is a pure function of ``(seed, world_size, index)``. Each article draws
from its own ``random.Random`` seeded from a SHA-256 of those values, never from ``hash()``, set
order, the clock or the locale; so the same arguments give the same bytes, and extra articles
(``--start``) can be generated later into the same world, as an archive grows by daily updates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import words as W

START_DATE = dt.date(2019, 1, 7)
SPAN_DAYS = 6 * 365
FIRST_STORY_ID = 1_100_000_000
VOCAB_SIZE = 40_000
PLAIN_SHARE = 0.15
DUPLICATE_SHARE = 0.02
TRUTH_FILE = "bench-truth.json"


def truth_path(out: str | Path, start: int = 0) -> Path:
    """Where the answers for the articles generated into ``out`` go: beside the folder, not in
    it, so that ingesting the folder reads only articles."""
    out = Path(out)
    name = TRUTH_FILE if start == 0 else f"bench-truth-{start}.json"
    return out.parent / f"{out.name}.{name}"


def _rng(*parts: object) -> random.Random:
    """A private random stream for one purpose, independent of hash randomisation."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _zipf_cum(n: int, s: float = 1.07, q: float = 2.7) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights for ranks 0..n-1 (rank 0 most frequent)."""
    return list(itertools.accumulate(1.0 / (r + q) ** s for r in range(n)))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    """Drop repeats, keeping first-seen order (a dict keeps insertion order; a set would not)."""
    return tuple(dict.fromkeys(items))


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    role: str
    org: int
    place: int


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str | None


@dataclass(frozen=True)
class Provider:
    name: str
    short: str | None  # the "(XX)" abbreviation, used in datelines
    block: str  # the 12-digit provider/channel block of the MENAFN id


@dataclass
class World:
    """Everything shared by all articles of one seed: vocabulary and the entity pools."""

    seed: int
    size: int
    vocab: tuple[str, ...]
    vocab_cum: list[float]
    function_words: tuple[str, ...]
    function_cum: list[float]
    people: tuple[Person, ...]
    people_cum: list[float]
    orgs: tuple[Org, ...]
    orgs_cum: list[float]
    places: tuple[str, ...]
    places_cum: list[float]
    providers: tuple[Provider, ...]
    providers_cum: list[float]


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    parts = []
    for i in range(syllables):
        onset = rng.choice(W.ONSETS) if (i == 0 or rng.random() < 0.8) else ""
        parts.append(onset + rng.choice(W.VOWELS) + rng.choice(W.CODAS))
    return "".join(parts)


def _vocabulary(seed: int) -> tuple[str, ...]:
    """Pseudo-words by frequency rank; frequent ranks are short, as in real languages."""
    rng = _rng(seed, "vocab")
    taken = set(W.FUNCTION_WORDS) | set(W.NOUNS)
    out: list[str] = []
    while len(out) < VOCAB_SIZE:
        rank = len(out)
        base = 1 + (rank > 150) + (rank > 5000)
        word = _pseudo_word(rng, max(1, base + rng.choice((-1, 0, 0, 1))))
        if len(word) >= 3 and word not in taken:
            taken.add(word)
            out.append(word)
    return tuple(out)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def build_world(seed: int, size: int) -> World:
    """The entity pools grow with the archive (more articles, more distinct people)."""
    rng = _rng(seed, "world", size)
    n_places = _clamp(size // 12, 25, 800)
    n_orgs = _clamp(size // 5, 40, 3000)
    n_people = _clamp(size // 3, 60, 6000)

    places: list[str] = []
    seen: set[str] = set()
    while len(places) < n_places:
        name = rng.choice(W.PLACE_HEADS) + rng.choice(W.PLACE_TAILS)
        if rng.random() < 0.2:
            name = f"{rng.choice(W.PLACE_PREFIXES)} {name}"
        if name not in seen:
            seen.add(name)
            places.append(name)

    orgs: list[Org] = []
    while len(orgs) < n_orgs:
        if rng.random() < 0.25:
            pattern = rng.choice(W.ORG_PATTERNS_PUBLIC)
            name = pattern.format(x=rng.choice(W.MINISTRY_TOPICS), p=rng.choice(places))
        else:
            name = f"{rng.choice(W.ORG_HEADS)} {rng.choice(W.ORG_SUFFIXES)}"
            if rng.random() < 0.3:
                name = f"{rng.choice(W.ORG_HEADS)} {name}"
        if name in seen:
            continue
        seen.add(name)
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        acronym = initials if len(initials) >= 3 and rng.random() < 0.5 else None
        orgs.append(Org(name, acronym))

    people: list[Person] = []
    org_cum = _zipf_cum(n_orgs, s=0.9)
    place_cum = _zipf_cum(n_places, s=0.9)
    org_ids = range(n_orgs)
    place_ids = range(n_places)
    while len(people) < n_people:
        surname = rng.choice(W.SURNAME_HEADS) + rng.choice(W.SURNAME_TAILS)
        if rng.random() < 0.02:
            surname += "-" + rng.choice(W.SURNAME_HEADS) + rng.choice(W.SURNAME_TAILS)
        name = f"{rng.choice(W.FIRST_NAMES)} {surname}"
        if name in seen:
            continue
        seen.add(name)
        people.append(
            Person(
                name=name,
                surname=surname,
                role=rng.choice(W.ROLES),
                org=rng.choices(org_ids, cum_weights=org_cum)[0],
                place=rng.choices(place_ids, cum_weights=place_cum)[0],
            )
        )

    providers = []
    for name in W.PROVIDERS:
        short = name[name.rindex("(") + 1 : -1] if name.endswith(")") else None
        providers.append(Provider(name, short, f"{rng.randrange(10**12):012d}"))

    function_words = _unique(W.FUNCTION_WORDS)
    return World(
        seed=seed,
        size=size,
        vocab=_vocabulary(seed),
        vocab_cum=_zipf_cum(VOCAB_SIZE),
        function_words=function_words,
        function_cum=_zipf_cum(len(function_words), s=0.8, q=1.0),
        people=tuple(people),
        people_cum=_zipf_cum(n_people, s=1.0),
        orgs=tuple(orgs),
        orgs_cum=_zipf_cum(n_orgs, s=1.0),
        places=tuple(places),
        places_cum=_zipf_cum(n_places, s=1.0),
        providers=tuple(providers),
        providers_cum=_zipf_cum(len(providers), s=0.8),
    )


@dataclass
class Content:
    """The layout-independent story: what any copy of it (syndicated or re-crawled) shares."""

    index: int
    title: str
    date: dt.date
    story_id: int
    paragraphs: list[str]  # sub-headings are paragraphs without final punctuation
    caption: str | None
    dateline_place: str
    people: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RawArticle:
    """One generated input file plus what was planted in it (for tests and recall checks)."""

    relpath: str
    data: bytes
    layout: str  # "menafn" | "plain"
    story_id: int | None
    duplicate_of: int | None
    people: tuple[str, ...]
    orgs: tuple[str, ...]
    places: tuple[str, ...]


class _Writer:
    """Sentence and paragraph factory for one article, drawing from that article's stream."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.w = world
        self.rng = rng

    def content_word(self) -> str:
        return self.rng.choices(self.w.vocab, cum_weights=self.w.vocab_cum)[0]

    def function_word(self) -> str:
        return self.rng.choices(self.w.function_words, cum_weights=self.w.function_cum)[0]

    def filler(self) -> str:
        """A sentence of function words, real nouns and Zipf pseudo-words."""
        rng = self.rng
        opener = rng.choice(
            (
                "The",
                "In the",
                "This",
                "According to the",
                "Under the",
                "For the",
                "At the",
                "It said the",
                "Officials said the",
                "A",
            )
        )
        tokens = [opener]
        for _ in range(rng.randint(7, 22)):
            roll = rng.random()
            if roll < 0.42:
                tokens.append(self.function_word())
            elif roll < 0.9:
                tokens.append(self.content_word())
            else:
                tokens.append(rng.choice(W.NOUNS))
            if rng.random() < 0.05:
                tokens[-1] += ","
        tokens[-1] = tokens[-1].rstrip(",")
        return " ".join(tokens) + "."

    def entity_sentence(self, person: Person, org: str, place: str, first: bool) -> str:
        rng = self.rng
        noun, noun2 = rng.choice(W.NOUNS), rng.choice(W.NOUNS)
        adj = rng.choice(W.ADJECTIVES)
        day = rng.choice(W.WEEKDAYS)
        pseudo = self.content_word()
        who = person.name if first or rng.random() < 0.4 else person.surname
        templates = (
            f"The {noun} was {rng.choice(W.VERBS_PAST)} on {day}, said {person.name}, "
            f"{person.role} of {org}.",
            f"{who} said on {day} that the {adj} {noun} with {org} would "
            f"{rng.choice(W.VERBS_BASE)} the {pseudo} {noun2}.",
            f"{org} {rng.choice(W.VERBS_PAST)} a {adj} {noun} in {place} on {day}, "
            f"{person.name} told reporters.",
            f"According to {person.name}, the {noun} is expected to {rng.choice(W.VERBS_BASE)} "
            f"the {pseudo} {noun2} in {place}.",
            f"\u201cThe {noun} will {rng.choice(W.VERBS_BASE)} our {noun2},\u201d {who} said.",
            f"{who} added that {org} had {rng.choice(W.VERBS_PAST)} a {adj} {noun} worth "
            f"{rng.choice(W.NUMBER_WORDS)} million dollars.",
            f"Officials in {place} said the {noun} was {rng.choice(W.VERBS_PAST)} after talks "
            f"with {org}, where {person.name} is {person.role}.",
        )
        return rng.choice(templates)

    def subheading(self) -> str:
        rng = self.rng
        text = rng.choice(
            (
                f"{rng.choice(W.ADJECTIVES)} {rng.choice(W.NOUNS)} and {rng.choice(W.NOUNS)}",
                f"{rng.choice(W.NOUNS)} {self.content_word()}",
                f"the {rng.choice(W.ADJECTIVES)} {rng.choice(W.NOUNS)}",
                f"{rng.choice(W.NOUNS)} under {rng.choice(W.NOUNS)}",
            )
        )
        return text[0].upper() + text[1:]


def _is_duplicate(seed: int, index: int) -> int | None:
    """The index this article copies, or None; depends only on (seed, index)."""
    if index < 20:
        return None
    rng = _rng(seed, "dup", index)
    if rng.random() >= DUPLICATE_SHARE:
        return None
    original = index - rng.randint(1, 40)
    earlier = _is_duplicate(seed, original)
    return original if earlier is None else earlier


def _pub_date(world: World, index: int, rng: random.Random) -> dt.date:
    days = index * SPAN_DAYS // max(world.size, 1) + rng.randint(0, 2)
    return START_DATE + dt.timedelta(days=days)


def backfill_index(world: World, index: int) -> int:
    """The article whose date article ``index`` takes when it is backfilled: one spread over the
    first nine tenths of the world's span, so a batch of them lands in older months, as when an
    archive adds articles found late, instead of after the newest."""
    return index * 7919 % max(1, world.size * 9 // 10)


def make_content(world: World, index: int, dated: int | None = None) -> Content:
    """The story of article ``index``; its copies call this with the original's index. ``dated``:
    the article whose date it takes (itself by default)."""
    rng = _rng(world.seed, world.size, "article", index)
    writer = _Writer(world, rng)
    date = _pub_date(world, index if dated is None else dated, rng)
    story_id = FIRST_STORY_ID + index * 997 + rng.randint(0, 900)

    people_idx = range(len(world.people))
    lead = world.people[rng.choices(people_idx, cum_weights=world.people_cum)[0]]
    cast = [lead] + [
        world.people[i]
        for i in rng.choices(people_idx, cum_weights=world.people_cum, k=rng.randint(0, 3))
    ]
    cast = list({p.name: p for p in cast}.values())
    orgs = [world.orgs[p.org] for p in cast] + rng.choices(
        world.orgs, cum_weights=world.orgs_cum, k=rng.randint(0, 2)
    )
    places = [world.places[lead.place]] + rng.choices(
        world.places, cum_weights=world.places_cum, k=rng.randint(0, 2)
    )

    target_words = int(rng.triangular(300, 1200, 520))
    paragraphs: list[str] = []
    used_people: list[str] = []
    used_orgs: list[str] = []
    used_places: list[str] = []
    introduced: set[str] = set()
    acronym_shown: set[str] = set()
    count = 0
    n_headings = rng.choice((0, 0, 1, 1, 2, 3))
    heading_at = set(rng.sample(range(2, 12), n_headings))
    while count < target_words:
        if len(paragraphs) in heading_at:
            paragraphs.append(writer.subheading())
        sentences = []
        for _ in range(rng.randint(2, 5)):
            entity_chance = 0.55 if len(paragraphs) < 3 else 0.22
            if rng.random() < entity_chance:
                k = rng.randrange(len(cast))
                person = cast[k]
                org = orgs[k] if k < len(orgs) and rng.random() < 0.7 else rng.choice(orgs)
                place = rng.choice(places)
                org_text = org.name
                if org.name in acronym_shown and rng.random() < 0.4:
                    org_text = f"the {org.acronym}"
                elif org.acronym and org.name not in introduced and rng.random() < 0.5:
                    org_text = f"{org.name} ({org.acronym})"
                    acronym_shown.add(org.name)
                first = person.name not in introduced
                sentence = writer.entity_sentence(person, org_text, place, first)
                sentence = sentence[0].upper() + sentence[1:]
                introduced.update((person.name, org.name))
                if person.name not in used_people:
                    used_people.append(person.name)
                if org.name not in used_orgs:
                    used_orgs.append(org.name)
                if place in sentence and place not in used_places:
                    used_places.append(place)
            else:
                sentence = writer.filler()
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())

    if rng.random() < 0.05:  # a link lost its word: drop one word from a paragraph
        p = rng.randrange(len(paragraphs))
        tokens = paragraphs[p].split()
        if len(tokens) > 6:
            del tokens[rng.randrange(1, len(tokens) - 1)]
            paragraphs[p] = " ".join(tokens)
    if rng.random() < 0.05:  # two words fused ("the Library of theCongress")
        p = rng.randrange(len(paragraphs))
        paragraphs[p] = paragraphs[p].replace(" the ", " the", 1)

    caption = None
    if rng.random() < 0.08:
        caption = (
            f"{lead.name} at the {rng.choice(W.NOUNS)} event. Photo courtesy of {orgs[0].name}"
        )
        if orgs[0].name not in used_orgs:
            used_orgs.append(orgs[0].name)
        if lead.name not in used_people:
            used_people.insert(0, lead.name)

    title = _title(writer, rng, lead, orgs, places)
    return Content(
        index=index,
        title=title,
        date=date,
        story_id=story_id,
        paragraphs=paragraphs,
        caption=caption,
        dateline_place=places[0],
        people=used_people,
        orgs=used_orgs,
        places=used_places,
    )


def _title_case(text: str) -> str:
    small = {"of", "the", "and", "with", "in", "on", "for", "to", "a"}
    out = []
    for i, word in enumerate(text.split()):
        out.append(word if (i and word in small) else word[:1].upper() + word[1:])
    return " ".join(out)


def _title(
    writer: _Writer, rng: random.Random, lead: Person, orgs: list[Org], places: list[str]
) -> str:
    verb = rng.choice(
        ("Signs", "Approves", "Announces", "Launches", "Completes", "Opens", "Expands", "Delays")
    )
    noun = rng.choice(W.NOUNS)
    pseudo = writer.content_word()
    other = orgs[-1].name
    text = rng.choice(
        (
            f"{orgs[0].name} {verb} {rng.choice(W.ADJECTIVES)} {pseudo} {noun} with {other}",
            f"{places[0]} {noun} {pseudo}: {lead.name} {verb.lower()} {rng.choice(W.NOUNS)}",
            f"{lead.name} named {lead.role} of {orgs[0].name}",
            f"{orgs[0].name} {verb} {pseudo} {noun} in {places[0]}",
            f"{rng.choice(W.ADJECTIVES)} {noun} for {places[0]} as {other} {verb.lower()} {pseudo}",
        )
    )
    return _title_case(text)


_WEEKDAY_NAMES = W.WEEKDAYS  # datetime.weekday(): Monday == 0, no locale involved


def _crawl_header(rng: random.Random, date: dt.date) -> str:
    delay = rng.randint(0, 3) if rng.random() < 0.8 else rng.randint(4, 200)
    day = date + dt.timedelta(days=delay)
    return (
        f"{_WEEKDAY_NAMES[day.weekday()]} {day.day} {W.MONTHS[day.month - 1]} {day.year} "
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT"
    )


def _provider_tag(rng: random.Random, provider: Provider) -> str:
    roll = rng.random()
    if roll < 0.05:
        return "(MENAFN)"
    if roll < 0.10:
        return f"( MENAFN - {provider.name} )"
    if roll < 0.15:
        return f"(MENAFN- {provider.name}) {rng.choice(W.CREDIT_WORDS)}"
    return f"(MENAFN- {provider.name})"


def _mojibake(text: str) -> str:
    """The disclaimer as it looks after UTF-8 bytes were read as cp1252 and the 0x9D byte lost."""
    return text.replace("\u201c", "\u00e2\u20ac\u0153").replace("\u201d", "\u00e2\u20ac")


def render_menafn(
    content: Content, provider: Provider, rng: random.Random, briefing: bool = False
) -> str:
    """The page text in the scraped MENAFN layout (crawl header, tag, id line, disclaimer)."""
    date = content.date
    lines = [_crawl_header(rng, date), "", content.title, "", ""]
    tag = _provider_tag(rng, provider)
    paragraphs = list(content.paragraphs)
    first = paragraphs.pop(0)
    if rng.random() < 0.6:
        credit = f" ({provider.short})" if provider.short else ""
        dash = " --" if credit else " -"
        month = W.MONTHS[date.month - 1]
        first = f"{content.dateline_place.upper()}, {month} {date.day}{credit}{dash} {first}"
    if content.caption:
        lines += [f"{tag} {content.caption}", "", first]
    else:
        lines.append(f"{tag} {first}")
    for paragraph in paragraphs:
        lines.append("\n" * rng.choice((0, 0, 0, 1, 2)))
        if briefing and paragraph.endswith(".") and rng.random() < 0.5:
            city = rng.choice((content.dateline_place, "the capital")).upper()
            paragraph = f"{city} - {paragraph}"
        lines.append(paragraph)
    lines.append("")
    roll = rng.random()
    if roll < 0.03:
        lines += ["(more)", ""]
    elif roll < 0.65:
        initials = "".join(rng.choice("abcdeghklmnorst") for _ in range(rng.choice((2, 3, 3))))
        lines += [f"(end) {initials}", ""]
    id_line = f"MENAFN{date.day:02d}{date.month:02d}{date.year}{provider.block}ID{content.story_id}"
    lines.append(id_line)
    if rng.random() < 0.15:
        lines.append(id_line)
    disclaimer = _mojibake(W.DISCLAIMER) if rng.random() < 0.08 else W.DISCLAIMER
    lines += ["", "", "Legal Disclaimer:", disclaimer, "", "Search"]
    if rng.random() < 0.3:
        lines += ["More Stories", "Market Research"]
    return "\n".join(lines) + "\n"


def render_plain(content: Content, rng: random.Random) -> str:
    """Title line, blank line, paragraphs: the other common layout."""
    body = [content.caption] if content.caption else []
    body += content.paragraphs
    return content.title + "\n\n" + "\n\n".join(body) + "\n"


def _encode(text: str, rng: random.Random) -> bytes:
    """Mostly UTF-8; a few files in cp1252, with a BOM, or with CRLF line ends."""
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    roll = rng.random()
    if roll < 0.03:
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            pass
    elif roll < 0.05:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def make_article(world: World, index: int, backfill: bool = False) -> RawArticle:
    """Article ``index`` as file bytes; copies share their original's story or body. With
    ``backfill``, an article that is not a copy is dated in an older month
    (:func:`backfill_index`)."""
    rng = _rng(world.seed, world.size, "layout", index)
    original = _is_duplicate(world.seed, index)
    if original is not None:
        content = make_content(world, original)
    else:
        content = make_content(world, index, backfill_index(world, index) if backfill else None)
    provider = world.providers[
        rng.choices(range(len(world.providers)), cum_weights=world.providers_cum)[0]
    ]
    if original is not None:
        # Same story id via another provider, or a re-crawl of the same page (same body).
        first_provider = world.providers[
            _rng(world.seed, world.size, "layout", original).choices(
                range(len(world.providers)), cum_weights=world.providers_cum
            )[0]
        ]
        if provider is first_provider:
            provider = world.providers[(world.providers.index(provider) + 1) % len(world.providers)]
        layout = "menafn"
    else:
        layout = "plain" if rng.random() < PLAIN_SHARE else "menafn"

    if layout == "menafn":
        text = render_menafn(content, provider, rng, briefing=rng.random() < 0.05)
        relpath = f"menafn/{content.date.year}/{content.date.month:02d}/{index:06d}.txt"
    else:
        text = render_plain(content, rng)
        relpath = f"plain/{index // 1000:03d}/{index:06d}.txt"
    return RawArticle(
        relpath=relpath,
        data=_encode(text, rng),
        layout=layout,
        story_id=content.story_id if layout == "menafn" else None,
        duplicate_of=original,
        people=tuple(content.people),
        orgs=tuple(content.orgs),
        places=tuple(content.places),
    )


def generate(
    out: str | Path, articles: int, seed: int = 1, start: int = 0, world_size: int | None = None,
    backfill: bool = False,
) -> list[RawArticle]:
    """Write articles ``start .. start+articles-1`` under ``out`` and a truth file beside them.

    ``world_size`` fixes the pools and the date spread; it defaults to ``start + articles`` so a
    plain run is self-contained, and later batches pass the original size to extend the same world.
    ``backfill`` dates a later batch back into older months (:func:`backfill_index`).
    """
    out = Path(out)
    world = build_world(seed, world_size or (start + articles))
    made = [make_article(world, i, backfill) for i in range(start, start + articles)]
    for article in made:
        path = out / article.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(article.data)
    answers = truth_path(out, start)
    truth = {
        "seed": seed,
        "world_size": world.size,
        "articles": {
            a.relpath: {
                "index": int(a.relpath.rsplit("/", 1)[1][:-4]),
                "layout": a.layout,
                "story_id": a.story_id,
                "duplicate_of": a.duplicate_of,
                "people": list(a.people),
                "organizations": list(a.orgs),
                "places": list(a.places),
            }
            for a in made
        },
    }
    answers.write_text(json.dumps(truth, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="Write a deterministic raw benchmark corpus."
    )
    parser.add_argument("--articles", type=int, required=True, help="how many files to write")
    parser.add_argument("--out", required=True, help="folder for the raw .txt files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="first article index (for updates)")
    parser.add_argument("--world-size", type=int, default=None, help="pool size of an earlier run")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be 1 or more")
    made = generate(args.out, args.articles, args.seed, args.start, args.world_size)
    dups = sum(a.duplicate_of is not None for a in made)
    plain = sum(a.layout == "plain" for a in made)
    print(
        f"wrote {len(made)} articles ({plain} plain, {dups} duplicates) to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
