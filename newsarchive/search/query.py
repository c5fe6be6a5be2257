"""The query language shared by ``newsarchive search`` and the browser, and its Whoosh queries.

The parser is written out by hand (not Whoosh's QueryParser) so that the browser's
``theme/static/js/query.js`` can mirror it line for line; both build the same tree, and the tree
decides the order in which Whoosh adds up per-field and per-word scores. The rules:

* words are ANDed; ``a OR b`` matches either (OR binds tighter than the implicit AND);
* ``-word`` or ``-"a phrase"`` excludes matching articles (a query of exclusions only matches
  nothing);
* ``"a phrase"`` needs its words at the same distances as in the query, stop-word gaps included
  (analysis.py): ``"bank of england"`` matches "Bank of England", not "Bank in England";
* ``word*`` (and, while typing, the last bare word) completes a prefix: the
  ``PREFIX_EXPANSIONS`` index terms starting with it that occur in most articles (ties
  alphabetical), plus the word's own stem when the index has it, ORed;
* every chunk goes through the index analyzer: a chunk giving several tokens ("e-mail",
  "U.S.-based") needs all of them, stop words and punctuation vanish, and a query left empty
  matches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import matching
from whoosh import query as wq
from whoosh.query.spans import Span, SpanNear2
from whoosh.reading import IndexReader

from newsarchive.search.schema import SEARCH_FIELDS, make_analyzer

PREFIX_EXPANSIONS = 16
PREFIX_MIN = 2
_ANALYZER = make_analyzer()
_WORDLIKE = re.compile(r"^[^\W]+$")


@dataclass(frozen=True)
class Chunk:
    kind: str  # "word" | "phrase" | "or"
    text: str
    neg: bool = False
    star: bool = False


@dataclass
class Item:
    """``all``: every word; ``phrase``: words at ``offsets`` from the first (positions in the
    query, stop words counted); ``prefix``: a raw prefix to complete."""

    type: str
    words: list[str]
    stem: str | None = None
    offsets: list[int] | None = None

    @property
    def key(self) -> str:
        key = self.type + ":" + " ".join(self.words)
        if self.offsets is not None:
            key += "@" + ",".join(map(str, self.offsets))
        return key


@dataclass
class ParsedQuery:
    groups: list[list[Item]] = field(default_factory=list)
    exclude: list[Item] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


#: Every character ``str.isspace()`` accepts, written out: scanning all of Unicode for them costs
#: a tenth of a second, on every ``newsarchive search``. ``tests/search/test_client_rules.py``
#: checks the list against that scan, so a Python with newer Unicode data is noticed.
SPACE_CHARACTERS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def space_characters() -> str:
    """Where :func:`scan` splits (query.js gets them from the manifest, since JavaScript's ``\\s``
    is a different set)."""
    return SPACE_CHARACTERS


def analyze(text: str) -> list[str]:
    """The index analyzer's tokens for ``text`` (lower-cased, stop words out, stemmed)."""
    return [token.text for token in _ANALYZER(text)]


def analyze_positions(text: str) -> list[tuple[str, int]]:
    """``(term, position)`` of each token of ``text``, stop-word gaps kept."""
    return [(token.text, token.pos) for token in _ANALYZER(text, positions=True)]


def scan(text: str) -> list[Chunk]:
    """Split a query into word, phrase and OR chunks (query.js ``scan``)."""
    out: list[Chunk] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        neg = False
        if ch == "-" and i + 1 < n and not text[i + 1].isspace():
            neg = True
            i += 1
            ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                end = n
            out.append(Chunk("phrase", text[i + 1 : end], neg))
            i = end + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        word = text[i:j]
        i = j
        if not neg and word == "OR":
            out.append(Chunk("or", word))
            continue
        star = False
        if len(word) > 1 and word.endswith("*"):
            star = True
            word = word.rstrip("*")
        out.append(Chunk("word", word, neg, star))
    return out


def parse(text: str, *, prefix: bool = False) -> ParsedQuery:
    """Parse a query (query.js ``parse``); ``prefix`` completes the last bare word."""
    chunks = scan(text or "")
    last = -1
    if prefix and text and not text[-1].isspace():
        for k in range(len(chunks) - 1, -1, -1):
            if chunks[k].kind != "or":
                last = k
                break
        if last >= 0 and (chunks[last].kind != "word" or chunks[last].neg):
            last = -1
    parsed = ParsedQuery()
    groups: list[list[Item]] = []
    seen_ex: set[str] = set()
    current: list[Item] | None = None
    pending_or = False
    for index, chunk in enumerate(chunks):
        if chunk.kind == "or":
            pending_or = current is not None
            continue
        item: Item | None = None
        if chunk.kind == "word" and (chunk.star or index == last):
            raw = chunk.text.lower()
            stemmed = analyze(chunk.text)
            if len(raw) >= PREFIX_MIN and _WORDLIKE.match(raw):
                item = Item("prefix", [raw], stemmed[0] if len(stemmed) == 1 else None)
            elif stemmed:
                item = Item("all", stemmed)
        else:
            tokens = analyze_positions(chunk.text)
            if tokens:
                words = [t for t, _ in tokens]
                if chunk.kind == "phrase" and len(tokens) > 1:
                    item = Item("phrase", words, offsets=[p - tokens[0][1] for _, p in tokens])
                else:
                    item = Item("all", words)
        if chunk.text:
            parsed.words.append(chunk.text)
        if item is None:
            pending_or = pending_or and current is not None
            continue
        if item.type == "all":
            item.words = list(dict.fromkeys(item.words))
        if chunk.neg:
            if item.key not in seen_ex:
                seen_ex.add(item.key)
                parsed.exclude.append(item)
            pending_or = False
            continue
        if pending_or and current is not None:
            if item.key not in [it.key for it in current]:
                current.append(item)
        else:
            current = [item]
            groups.append(current)
        pending_or = False
    seen_groups: set[str] = set()
    for group in groups:
        key = "|".join(it.key for it in group)
        if key not in seen_groups:
            seen_groups.add(key)
            parsed.groups.append(group)
    return parsed


def expand_prefix(reader: IndexReader, item: Item) -> list[str]:
    """The index terms a prefix item stands for, sorted (engine.js ``expandPrefix``)."""
    raw = item.words[0]
    totals: dict[str, int] = {}
    for fieldname in SEARCH_FIELDS:
        for term in reader.expand_prefix(fieldname, raw):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            totals[text] = totals.get(text, 0) + reader.doc_frequency(fieldname, text)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:PREFIX_EXPANSIONS]
    terms = [t for t, _ in ranked]
    if (
        item.stem
        and item.stem not in terms
        and any((f, item.stem) in reader for f in SEARCH_FIELDS)
    ):
        terms.append(item.stem)
    return sorted(terms)


class TreeOr(wq.Or):
    """An Or that always uses Whoosh's tree of union matchers, sized by ``estimate_size``.

    Whoosh's automatic choice pre-loads ORs of three or more clauses on small indexes into an
    ``ArrayUnionMatcher``, which loses matches when it sits inside an And (whoosh 2.7: an AND of
    two such ORs matched only documents of the first array block). The tree is exact, and its
    shape (and so the order in which scores are added) is the one engine.js rebuilds.
    """

    matcher_type = wq.Or.DEFAULT_MATCHER


class _GapSpans(SpanNear2.SpanNear2Matcher):
    """SpanNear2's matcher (the binary tree of intersections Whoosh's phrases score with) that
    keeps a document only when word ``k`` sits exactly ``offsets[k]`` after the first word."""

    def __init__(self, ms: list, offsets: list[int]) -> None:
        self.offsets = offsets
        super().__init__(ms, slop=1, ordered=True, mindist=1)

    def copy(self) -> _GapSpans:
        return _GapSpans([m.copy() for m in self.ms], self.offsets)

    def _get_spans(self) -> list[Span]:
        starts = [{span.start for span in m.spans()} for m in self.ms]
        pairs = list(zip(self.offsets[1:], starts[1:], strict=True))
        last = self.offsets[-1]
        return [
            Span(p, p + last)
            for p in sorted(starts[0])
            if all(p + off in found for off, found in pairs)
        ]


class GapPhrase(wq.Phrase):
    """A phrase whose words must be at the given offsets from its first word (stop-word gaps
    included); scored like Whoosh's ``Phrase`` (the summed scores of its words)."""

    def __init__(self, fieldname: str, words: list[str], offsets: list[int]) -> None:
        super().__init__(fieldname, words)
        self.offsets = list(offsets)

    def __eq__(self, other: object) -> bool:
        return super().__eq__(other) and getattr(other, "offsets", None) == self.offsets

    def __hash__(self) -> int:
        return super().__hash__() ^ hash(tuple(self.offsets))

    def matcher(self, searcher, context=None):  # noqa: ANN001, ANN201 (Whoosh's signature)
        reader = searcher.reader()
        field = searcher.schema[self.fieldname]
        terms = []
        for word in self.words:
            word = field.to_bytes(word)
            if (self.fieldname, word) not in reader:
                return matching.NullMatcher()
            terms.append(wq.Term(self.fieldname, word))
        return _GapSpans([t.matcher(searcher, context) for t in terms], self.offsets)


def _word(term: str) -> wq.Query:
    return TreeOr([wq.Term(f, term) for f in SEARCH_FIELDS])


def _item_query(reader: IndexReader, item: Item) -> wq.Query:
    if item.type == "prefix":
        terms = expand_prefix(reader, item)
        if not terms:
            return wq.NullQuery
        return _word(terms[0]) if len(terms) == 1 else TreeOr([_word(t) for t in terms])
    if item.type == "phrase":
        return TreeOr([GapPhrase(f, item.words, item.offsets or []) for f in SEARCH_FIELDS])
    if len(item.words) == 1:
        return _word(item.words[0])
    return wq.And([_word(w) for w in item.words])


@dataclass(frozen=True)
class WhooshQuery:
    """The query to score, and the query whose matches are excluded (``search(mask=...)``).

    Exclusions go through Whoosh's ``mask`` rather than an ``AndNot`` query: whoosh 2.7's
    ``AndNotMatcher`` does not advance the excluded side before the first match, so a first
    match that should be excluded slipped through. Masking removes documents without touching
    the scores of the others, exactly like AND NOT.
    """

    query: wq.Query
    mask: wq.Query | None = None


def to_whoosh(reader: IndexReader, parsed: ParsedQuery) -> WhooshQuery | None:
    """The Whoosh queries for a parsed query, or None when it can match nothing."""
    if not parsed.groups:
        return None
    groups = []
    for group in parsed.groups:
        subs = [_item_query(reader, it) for it in group]
        groups.append(subs[0] if len(subs) == 1 else TreeOr(subs))
    positive = groups[0] if len(groups) == 1 else wq.And(groups)
    if not parsed.exclude:
        return WhooshQuery(positive)
    negs = [_item_query(reader, it) for it in parsed.exclude]
    return WhooshQuery(positive, negs[0] if len(negs) == 1 else TreeOr(negs))
