"""Run a query on the Whoosh index: the reference ranking, excerpts and word suggestions that
the browser (``theme/static/js/engine.js``) reproduces.

* Filters restrict the matches without changing scores (Whoosh's ``filter=``): entities are
  ANDed, providers and years ORed within their kind, ``date_from``/``date_to`` bound the
  publication date (inclusive; an undated article is outside any date range).
* A query without any chunk (empty, or only spaces) lists the articles the filters allow.
* Orders (:data:`SORTS`): ``relevance`` is the score rounded to :data:`SCORE_DECIMALS`, ties to
  the lower document number (as a clean build numbers them, in path order: an updated index
  may hold articles found late in a segment of their own); ``newest``/``oldest`` sort by
  publication date, ties to the lower document number, undated articles last in both. Listing
  without a query is ``newest`` unless ``oldest`` is asked for.
* The excerpt (:func:`excerpt`) is up to :data:`EXCERPT_FRAGMENTS` passages of the body holding
  the most query words; matched words are wrapped in ``[[`` and ``]]``.
* :func:`did_you_mean` offers, for a query word the index does not hold, the closest indexed
  words.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh.reading import IndexReader

from newsarchive.article import ENTITY_TYPES
from newsarchive.search.analysis import term_spans
from newsarchive.search.query import (
    ParsedQuery,
    parse,
    scan,
    space_characters,
    to_whoosh,
)
from newsarchive.search.ranking import Ranking
from newsarchive.search.schema import SEARCH_FIELDS, TOKEN_PATTERN
from newsarchive.search.store import document_order, open_index, read_vocabulary

#: Scores are compared and reported to this many decimals (engine.js reads it from the manifest).
SCORE_DECIMALS = 9
_SCALE = 10**SCORE_DECIMALS
SORTS = ("relevance", "newest", "oldest")
#: Excerpts: the body text they are taken from is cut to ``TEXT_CHARS`` characters (the export
#: writes the same cut text); a fragment is ``EXCERPT_TOKENS`` indexed words, starting
#: ``EXCERPT_LEAD`` words before a matched word; at most ``EXCERPT_FRAGMENTS`` fragments.
TEXT_CHARS = 12_000
EXCERPT_TOKENS = 24
EXCERPT_LEAD = 8
EXCERPT_FRAGMENTS = 3
ELLIPSIS = "…"
MARK = ("[[", "]]")
#: Did you mean: at most ``SUGGEST_WORDS`` indexed words starting with the same character,
#: within ``SUGGEST_DISTANCE`` edits (the first for words of up to 4 characters).
SUGGEST_WORDS = 3
SUGGEST_DISTANCE = (1, 2)
SUGGEST_SHORT = 4
#: The terms of the vocabulary have at least this many characters (export ``_vocabulary``).
VOCAB_MIN_CHARS = 2
#: The analyzer's tokenizer pattern, compiled as Whoosh's RegexTokenizer compiles it: excerpts
#: find the indexed words of a text with :func:`~newsarchive.search.analysis.term_spans`.
_TOKENS = re.compile(TOKEN_PATTERN, re.UNICODE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def score_key(score: float) -> int:
    """The score as an integer number of 1e-9 units: the value results are ordered by.

    Whoosh adds a document's per-term and per-field scores in the order of each segment's
    matcher tree, so one article can score a few units in the last place differently in an
    index split into segments than in one written in a single pass. Rounding first makes such
    articles tie, and ties go to the lower document number, so the order does not depend on
    how the index is segmented (and the browser, which adds in single-segment order, agrees).
    """
    return math.floor(score * _SCALE + 0.5)


def date_number(date: str) -> int:
    """``YYYY-MM-DD`` as the number ``YYYYMMDD`` (0 when undated): what dates are sorted by
    (the export's ``f/date`` shard holds these numbers)."""
    return int(date.replace("-", "")) if date else 0


class FilterError(ValueError):
    """A filter value that cannot be used (a malformed date, an unknown entity type)."""


def check_date(text: str) -> str:
    if not _DATE.match(text or ""):
        raise FilterError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        dt.date.fromisoformat(text)
    except ValueError as exc:
        raise FilterError(f"{text!r} is not a date ({exc})") from None
    return text


@dataclass(frozen=True)
class Filters:
    """Entities (``TYPE/SLUG``, ANDed), providers and years (each ORed), a date range."""

    entities: tuple[str, ...] = ()
    providers: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""

    def __bool__(self) -> bool:
        return bool(
            self.entities or self.providers or self.years or self.date_from or self.date_to
        )

    def query(self) -> wq.Query | None:
        """The Whoosh filter query (None: no filter). Raises :class:`FilterError`."""
        parts: list[wq.Query] = []
        for key in self.entities:
            kind, _, slug = key.partition("/")
            if kind not in ENTITY_TYPES or not slug:
                raise FilterError(
                    f"{key!r} is not TYPE/SLUG with TYPE one of {', '.join(ENTITY_TYPES)}"
                )
            parts.append(wq.Term(kind, slug))
        for name, values in (("provider", self.providers), ("year", self.years)):
            if values:
                terms = [wq.Term(name, v) for v in dict.fromkeys(values)]
                parts.append(terms[0] if len(terms) == 1 else wq.Or(terms))
        if self.date_from or self.date_to:
            start = check_date(self.date_from) if self.date_from else None
            end = check_date(self.date_to) if self.date_to else None
            parts.append(wq.TermRange("date", start, end))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)


@dataclass(frozen=True)
class Hit:
    rank: int
    id: str
    title: str
    url: str
    score: float
    docnum: int
    date: str = ""
    provider: str = ""
    excerpt: str = ""
    entities: str = ""

    def as_json(self) -> dict[str, object]:
        """The ``search --json`` record (its keys are a contract: README, "Search")."""
        return {
            "rank": self.rank,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "score": self.score,
            "date": self.date,
            "provider": self.provider,
            "excerpt": self.excerpt,
        }

    def csv_row(self) -> list[object]:
        """The ``search --csv`` row (engine.js ``csvRows`` writes the same)."""
        return [self.rank, self.title, self.date, self.provider, self.url, self.entities]


CSV_HEADER = ["rank", "title", "date", "provider", "url", "entities"]


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)


def entity_text(stored: dict[str, Any]) -> str:
    """The article's entity names, by type in :data:`ENTITY_TYPES` order, joined by "; "."""
    try:
        names = json.loads(stored.get("entity_names") or "{}")
    except ValueError:
        names = {}
    return "; ".join(n for kind in ENTITY_TYPES for n in names.get(kind, []) or [])


def highlight_terms(parsed: ParsedQuery) -> tuple[list[str], list[str]]:
    """The terms to mark and the lower-cased prefixes being completed (engine.js does the same):
    every positive item's words; a prefix item's own stem and its raw prefix."""
    terms: list[str] = []
    prefixes: list[str] = []
    for group in parsed.groups:
        for item in group:
            if item.type == "prefix":
                if item.stem and item.stem not in terms:
                    terms.append(item.stem)
                if item.words[0] not in prefixes:
                    prefixes.append(item.words[0])
                continue
            for w in item.words:
                if w not in terms:
                    terms.append(w)
    return terms, prefixes


@cache
def _space_run() -> re.Pattern[str]:
    return re.compile("[" + re.escape(space_characters()) + "]+")


def excerpt_parts(text: str, terms: list[str], prefixes: list[str]) -> list[tuple[str, bool]]:
    """The excerpt as ``(text, matched)`` pieces (engine.js ``excerptParts``, step for step).

    Indexed words of the body are found with the analyzer; a word is matched when its term is a
    query term or its lower-cased form starts with a completed prefix. Every matched word
    proposes a fragment of ``EXCERPT_TOKENS`` words starting ``EXCERPT_LEAD`` words before it
    (moved back to fit before the end); fragments are ranked by distinct matched terms, then
    matched words, then position, and taken while they do not overlap one already taken, up to
    ``EXCERPT_FRAGMENTS``. With no matched word, the excerpt is the first fragment. Fragments
    are shown in text order, joined by " … ", with "…" where text is cut off; runs of spaces
    become one space.
    """
    body = text[:TEXT_CHARS]
    tokens = term_spans(body, _TOKENS)
    n = len(tokens)
    if not n:
        return []
    wanted = set(terms)
    hits = [
        term in wanted or any(body[s:e].lower().startswith(p) for p in prefixes)
        for term, s, e in tokens
    ]
    size = min(n, EXCERPT_TOKENS)
    candidates: dict[int, tuple[int, int]] = {}
    for h in range(n):
        if not hits[h]:
            continue
        start = max(0, min(h - EXCERPT_LEAD, n - size))
        if start in candidates:
            continue
        inside = [i for i in range(start, start + size) if hits[i]]
        candidates[start] = (len({tokens[i][0] for i in inside}), len(inside))
    ranked = sorted(candidates, key=lambda s: (-candidates[s][0], -candidates[s][1], s))
    chosen: list[int] = []
    for start in ranked:
        if len(chosen) >= EXCERPT_FRAGMENTS:
            break
        if all(start + size <= c or c + size <= start for c in chosen):
            chosen.append(start)
    if not chosen:
        chosen = [0]
    chosen.sort()
    spaces = _space_run()
    parts: list[tuple[str, bool]] = []
    if chosen[0] > 0:
        parts.append((ELLIPSIS, False))
    for k, start in enumerate(chosen):
        if k:
            parts.append((" " + ELLIPSIS + " ", False))
        for i in range(start, start + size):
            _, s, e = tokens[i]
            if i > start:
                parts.append((spaces.sub(" ", body[tokens[i - 1][2] : s]), False))
            parts.append((body[s:e], hits[i]))
    if chosen[-1] + size < n:
        parts.append((ELLIPSIS, False))
    return [p for p in parts if p[0]]


def excerpt(text: str, terms: list[str], prefixes: list[str]) -> str:
    """The excerpt with matched words wrapped in ``[[`` and ``]]``."""
    return "".join(
        MARK[0] + piece + MARK[1] if hit else piece
        for piece, hit in excerpt_parts(text, terms, prefixes)
    )


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), in code points;
    any distance over ``limit`` is returned as ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[len(b)], limit + 1)


def unknown_words(reader: IndexReader, parsed: ParsedQuery) -> list[str]:
    """Query terms (single-word items) that no searchable field holds, in query order."""
    out: list[str] = []
    for group in parsed.groups:
        for item in group:
            if item.type != "all" or len(item.words) != 1:
                continue
            term = item.words[0]
            if term not in out and not any((f, term) in reader for f in SEARCH_FIELDS):
                out.append(term)
    return out


def closest_words(reader: IndexReader, term: str,
                  vocabulary: dict[str, list[Any]] | None = None) -> list[str]:
    """Indexed words (the vocabulary the export writes) starting with the same character as
    ``term``, within the edit distance for its length, closest first, then in most articles,
    then alphabetical; at most :data:`SUGGEST_WORDS` (engine.js ``closestWords``). From
    ``vocabulary`` (:func:`read_vocabulary`) when given, else from the segments' words."""
    if not term:
        return []
    limit = SUGGEST_DISTANCE[0] if len(term) <= SUGGEST_SHORT else SUGGEST_DISTANCE[1]
    if vocabulary is not None:
        counts = {
            word: documents
            for key, flat in vocabulary.items() if key[0] == term[0]
            for word, documents in zip(flat[0::2], flat[1::2], strict=True)
        }
        words: Iterable[str] = counts
        frequency = counts.__getitem__
    else:
        # The distance first, the document counts only of the words close enough: counting a
        # word looks it up in every segment, and most words that share a first character are
        # far off.
        in_field: dict[str, list[str]] = {}
        for fieldname in SEARCH_FIELDS:
            for raw in reader.expand_prefix(fieldname, term[0]):
                word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                in_field.setdefault(word, []).append(fieldname)
        words = in_field

        def frequency(word: str) -> int:
            return sum(reader.doc_frequency(f, word) for f in in_field[word])

    scored = []
    for word in words:
        # no closer than the difference in length
        if len(word) < VOCAB_MIN_CHARS or word == term or abs(len(word) - len(term)) > limit:
            continue
        distance = edit_distance(term, word, limit)
        if distance <= limit:
            scored.append((distance, -frequency(word), word))
    return [w for _, _, w in sorted(scored)[:SUGGEST_WORDS]]


def surface_word(reader: IndexReader, term: str) -> str:
    """How a reader writes the indexed ``term`` (a stem such as ``dredg``): its most frequent
    spelling, lower-cased (an acronym as it is), in the title and text of the first article
    that holds it; ties go to the earliest; the term itself when none is found
    (engine.js ``surfaceWord``)."""
    firsts = [
        next(iter(reader.postings(f, term).all_ids()))
        for f in SEARCH_FIELDS
        if (f, term) in reader
    ]
    if not firsts:
        return term
    stored = reader.stored_fields(min(firsts))
    text = (stored.get("title") or "") + "\n" + (stored.get("body") or "")[:TEXT_CHARS]
    counts: dict[str, int] = {}
    for found, start, end in term_spans(text, _TOKENS):
        if found == term:
            original = text[start:end]
            shown = original if original == term else original.lower()
            counts[shown] = counts.get(shown, 0) + 1
    return max(counts, key=lambda w: counts[w]) if counts else term


def did_you_mean(reader: IndexReader, parsed: ParsedQuery,
                 index_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """``[{"word": term, "suggestions": [...]}]`` for every unknown query word with any; the
    suggestions are the closest indexed terms, each as a reader writes it (:func:`surface_word`);
    from the vocabulary beside the index in ``index_dir`` when it is current."""
    out = []
    unknown = unknown_words(reader, parsed)
    vocabulary = read_vocabulary(index_dir, reader) if unknown and index_dir else None
    for term in unknown:
        close = closest_words(reader, term, vocabulary)
        if close:
            out.append({"word": term, "suggestions": [surface_word(reader, w) for w in close]})
    return out


def _column_value(column: Any, docnum: int) -> str:
    """A document's value in a Whoosh column; ``""`` for none. (A segment's column stops at its
    last document with a value, so reading past it raises IndexError in whoosh 2.7.)"""
    try:
        return column[docnum] or ""
    except IndexError:
        return ""


def _order(sort: str, browse: bool) -> str:
    if sort not in SORTS:
        raise FilterError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    return "newest" if browse and sort == "relevance" else sort


def search(
    index_dir: str | Path,
    text: str,
    *,
    limit: int = 10,
    prefix: bool = False,
    filters: Filters | None = None,
    sort: str = "relevance",
    offset: int = 0,
    suggest: bool = False,
) -> SearchResult:
    """Whoosh's default BM25F ranking of the query (scored by :class:`Ranking`, which gives
    the same floats faster), or, without a query, the articles the filters allow, restricted
    by ``filters``, in the order ``sort``; see the module notes."""
    filters = filters or Filters()
    fq = filters.query()
    browse = not scan(text or "")
    order = _order(sort, browse)
    ix = open_index(index_dir)
    with ix.searcher(weighting=Ranking()) as searcher:
        reader = searcher.reader()
        parsed = parse(text or "", prefix=prefix)
        scores: dict[int, float] = {}
        if browse:
            if fq is None:
                return SearchResult(text, 0)
            scores = dict.fromkeys(searcher.docs_for_query(fq), 0.0)
        else:
            q = to_whoosh(reader, parsed)
            if q is not None:
                # limit=None: Whoosh scores every match and sorts by (-score, docnum). Its top-N
                # collector prunes with matcher.replace()/block quality, which can drop
                # documents that belong in the top N (a two-word AND on a 2,000-article index
                # lost its best hits).
                results = searcher.search(q.query, limit=None, mask=q.mask, filter=fq)
                scores = {docnum: score for score, docnum in results.top_n}
        keys = {d: score_key(s) for d, s in scores.items()}
        # ties go to the lower document number of a clean build of the same articles
        clean = document_order(index_dir, reader.doc_count_all()).canonical
        if order == "relevance":
            ranked = sorted(keys, key=lambda d: (-keys[d], clean(d)))
        else:
            column = reader.column_reader("date")
            dates = {d: date_number(_column_value(column, d)) for d in keys}
            sign = -1 if order == "newest" else 1
            ranked = sorted(keys, key=lambda d: (dates[d] == 0, sign * dates[d], clean(d)))
        terms, prefixes = highlight_terms(parsed)
        hits = []
        for rank, docnum in enumerate(ranked[offset : offset + limit], start=offset + 1):
            stored = searcher.stored_fields(docnum)
            hits.append(
                Hit(
                    rank=rank,
                    id=stored["id"],
                    title=stored.get("title", ""),
                    url=stored.get("url", ""),
                    score=keys[docnum] / _SCALE,
                    docnum=docnum,
                    date=stored.get("date", ""),
                    provider=stored.get("provider", ""),
                    excerpt=excerpt(stored.get("body", ""), terms, prefixes),
                    entities=entity_text(stored),
                )
            )
        suggestions = did_you_mean(reader, parsed, index_dir) if suggest else []
        return SearchResult(text, len(ranked), hits, suggestions)
