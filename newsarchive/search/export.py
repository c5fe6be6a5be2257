"""Export the Whoosh index as the browser's client index: small classic-script shards.

Everything the browser ranks with comes out of the Whoosh index itself (its terms, postings,
positions, quantised field lengths and collection statistics), so the client cannot drift from
``newsarchive search``. Every shard is ``NewsarchiveSearch.load("<name>", <data>, <bytes>);`` and
is loaded with a ``<script src>`` tag, which also works from file://.

Layout of ``search/`` (numbers are varints, LEB128, base64 without padding):

* ``manifest.js``: the format version, N, fields, boosts, field-length totals, Whoosh's length
  table, shard counts, and :func:`client_rules`: every rule the browser must apply exactly as
  Python does (stop list, BM25F parameters, hash, fold, prefix limits, entity types, ...). The
  client loads it first and holds no copy of any of them.
* ``t/<k>.js``: terms with ``fnv1a(term) % termShards == k``: ``{term: [title, body, entities]}``,
  each a run of ``(doc delta, frequency, field-length byte)`` triples (missing field: "").
* ``u/<hash>.js``: the runs of a term too large to share a ``t/`` shard (more than
  :data:`OWN_SHARD_CHARS`), whose entry there is its ``fnv1a`` hash, this shard's name.
* ``p/<k>.js``: terms with ``fnv1a(term) % positionShards == k`` (fewer, larger shards), positions
  per posting: ``count, delta...`` (loaded for phrases only).
* ``d/<group>-<k>.js``: documents ``start + k*docChunk ...`` of one folder of the archive (a
  month): ``[id, title, url, date, provider, text]``, where ``text`` names the document's ``x/``
  shard. The manifest's ``docGroups`` lists each folder's first document and name
  (:func:`doc_groups`): an article added to an older month shifts the numbers of every document
  after it, but the rows of the other months keep their shards.
* ``x/<text>.js``: one article's text, ``[body cut to TEXT_CHARS, entity names]``: loaded only
  for the results shown, for their excerpts (and the CSV's entities). Named by a hash of its
  data (:func:`text_name`), not by document number: an article added before it shifts every
  later document's number, and would otherwise rewrite every later text shard.
* ``v/<k>.js``: vocabulary for prefix completion and "did you mean":
  ``{first two chars: [term, df, ...]}``, every key of one first character in one shard.
* ``f/<facet>.js``: provider/year ``{value: docs}``; entity types ``{key: [name, url, docs]}``;
  ``f/date``: every document's date as the number ``YYYYMMDD`` (0: undated), varints.
* ``s/<k>.js``: entity suggestions ``[name, type, url, articles]``, by first letter of a word.

Output is deterministic; a shard whose bytes did not change is not rewritten, and shards that no
longer exist are removed. The postings come from each segment's cache (:mod:`.postings`), a
segment being opened only when its cache must be made again, and are merged a segment at a time;
a document's text shard is written as soon as its segment is read.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import math
import os
import re
import unicodedata
from binascii import b2a_base64
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any

from whoosh.index import TOC
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length

from newsarchive import atomic
from newsarchive.article import (
    ENTITY_TYPES,
    ENTITY_URL,
    TYPE_LABELS,
    TYPE_SINGULAR,
    UNDATED,
    NameVotes,
    entity_key,
    entity_url,
)
from newsarchive.forked import Apart
from newsarchive.search.analysis import ACRONYMS, MIN_WORD_CHARS, SHORT_GAP, STOP_GAPS, STOP_LIST
from newsarchive.search.gcpause import collector_paused
from newsarchive.search.interleave import (
    COMBINED_SUFFIX,
    combined_name,
    interleave,
    split,
)
from newsarchive.search.postings import (
    Merger,
    SegmentPostings,
    cache_file,
    cached_postings,
    deltas,
    load_postings,
    segment_postings,
    varint_bytes,
)
from newsarchive.search.query import PREFIX_EXPANSIONS, PREFIX_MIN, space_characters
from newsarchive.search.schema import BM25F_B, BM25F_K1, FIELD_BOOSTS, SEARCH_FIELDS
from newsarchive.search.searcher import (
    CSV_HEADER,
    ELLIPSIS,
    EXCERPT_FRAGMENTS,
    EXCERPT_LEAD,
    EXCERPT_TOKENS,
    MARK,
    SCORE_DECIMALS,
    SORTS,
    SUGGEST_DISTANCE,
    SUGGEST_SHORT,
    SUGGEST_WORDS,
    TEXT_CHARS,
    VOCAB_MIN_CHARS,
    date_number,
    entity_text,
)
from newsarchive.search.store import (
    INDEX_NAME,
    ORDER_FILE,
    VOCABULARY_FILE,
    document_order,
    open_index,
    vocabulary_bytes,
)

#: The manifest's ``version``: bumped whenever the shards or the manifest change shape. The client
#: (codec.js ``FORMAT_VERSION``) refuses shards of another version with a one-line message.
FORMAT_VERSION = 6
DOC_CHUNK = 8
#: Bytes of posting runs per term shard. Any new article touches most term shards (its words
#: hash all over) and shifts the document numbers after it, so an update rewrites nearly every
#: one: at 10k, 16 kB shards halve the files an update creates against 8 kB (1,760 fewer, about
#: 2 s of a +10 update on this disk) for 8 kB more per query word.
TERM_SHARD_BYTES = 16_000
#: A term whose postings take more characters than this has a shard of its own, ``u/<hash>``:
#: a frequent word would otherwise make its ``t/`` shard large for every word that shares it
#: (at 100k, a query for a name loaded 296 kB of "board" with its own 99 kB).
OWN_SHARD_CHARS = TERM_SHARD_BYTES // 2
#: Bytes of position runs per ``p/`` shard. Positions are loaded for phrase queries only, so their
#: shards are larger: at 10k a +10 update rewrites about 250 of them instead of 1,006 (a phrase's
#: first load reads 64 kB per word where it read 16 kB).
POSITION_SHARD_BYTES = 64_000
VOCAB_SHARD_BYTES = 8_000
SUGGEST_SHARD_BYTES = 16_000
PREFIX_KEY_CHARS = 2
#: The browser's search client under ``theme/static/js/``, in the order pages load them.
CLIENT_SCRIPTS = ("analyzer.js", "codec.js", "query.js", "engine.js")
#: FNV-1a (32 bits): the hash that puts a term, prefix key or suggestion letter in its shard.
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
#: The fold suggestions are matched on: decompose, drop these code point ranges, lower-case.
FOLD_FORM = "NFKD"
FOLD_STRIP: tuple[tuple[int, int], ...] = ((0x300, 0x36F),)
_FOLD_STRIPPED = re.compile(
    "[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in FOLD_STRIP) + "]"
)
MANAGED_DIRS = ("t", "u", "p", "d", "x", "v", "f", "s")
_WORD_SPLIT = re.compile(r"[\W_]+")


@dataclass
class ExportReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: of the unchanged: text shards kept as the last export wrote them, not made again
    kept: int = 0
    removed: list[str] = field(default_factory=list)
    total_bytes: int = 0
    #: size, modification time and :func:`content_digest` of every shard file the export left
    #: ("" where it did not look at the bytes), by shard name (as :func:`shard_files` gives
    #: them): what the next export's ``written`` is
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)


def content_digest(content: bytes) -> str:
    """What the stamp keeps of a shard file's bytes: 16 hex digits of their BLAKE2b hash."""
    return hashlib.blake2b(content, digest_size=8).hexdigest()


def fnv1a(text: str) -> int:
    """FNV-1a, 32 bits, over UTF-8 (codec.js ``fnv1a``)."""
    h = FNV_OFFSET
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h


def fold(text: str) -> str:
    """Lower-case with accents removed (codec.js ``fold``)."""
    return _FOLD_STRIPPED.sub("", unicodedata.normalize(FOLD_FORM, text)).lower()


def client_rules() -> dict[str, Any]:
    """The rules the browser applies exactly as Python does, from their one definition.

    They travel in the manifest, so the JavaScript holds no copy that could drift: the analyzer's
    stop filter, the query parser's limits and spaces, BM25F's parameters, the score rounding,
    the hash and fold parameters, and the entity types with their labels and page URLs.
    """
    return {
        "analyzer": {
            "stopWords": sorted(STOP_LIST),
            "minChars": MIN_WORD_CHARS,
            "stopGaps": STOP_GAPS,
            "shortGap": SHORT_GAP,
            "acronyms": sorted(ACRONYMS),
        },
        "query": {
            "prefixMin": PREFIX_MIN,
            "prefixExpansions": PREFIX_EXPANSIONS,
            "spaces": space_characters(),
        },
        "bm25f": {"K1": BM25F_K1, "B": BM25F_B},
        "scoreDecimals": SCORE_DECIMALS,
        "sorts": list(SORTS),
        "excerpt": {
            "textChars": TEXT_CHARS,
            "tokens": EXCERPT_TOKENS,
            "lead": EXCERPT_LEAD,
            "fragments": EXCERPT_FRAGMENTS,
            "ellipsis": ELLIPSIS,
            "mark": list(MARK),
        },
        "didYouMean": {
            "words": SUGGEST_WORDS,
            "distance": list(SUGGEST_DISTANCE),
            "shortChars": SUGGEST_SHORT,
        },
        "csvHeader": CSV_HEADER,
        "hash": {"offset": FNV_OFFSET, "prime": FNV_PRIME},
        "fold": {"form": FOLD_FORM, "strip": [list(r) for r in FOLD_STRIP]},
        "prefixKeyChars": PREFIX_KEY_CHARS,
        "docChunk": DOC_CHUNK,
        "entityTypes": list(ENTITY_TYPES),
        "typeLabels": {kind: TYPE_LABELS[kind] for kind in ENTITY_TYPES},
        "typeSingular": {kind: TYPE_SINGULAR[kind] for kind in ENTITY_TYPES},
        "entityUrl": ENTITY_URL,
        "undated": UNDATED,
    }


def _b64(data: bytes | bytearray) -> str:
    """Base64 without padding (``binascii`` straight: this runs for every run of every term)."""
    return b2a_base64(data, newline=False).decode("ascii").rstrip("=") if data else ""


def _b64_chars(runs: list[bytes]) -> int:
    """Characters the runs take as :func:`_b64` text: 4 per 3 bytes, no padding."""
    return sum((4 * len(run) + 2) // 3 for run in runs)


def varint_b64(numbers: list[int]) -> str:
    return _b64(varint_bytes(numbers))


#: A key "__proto__" in a JavaScript object literal sets the object's prototype instead of making
#: a property (JSON.parse would not, but shards are scripts). Written as a computed key it is an
#: ordinary property. The pattern can only match a key: inside a JSON string every quote is
#: escaped, so a value never holds ``{"__proto__":`` or ``,"__proto__":``.
_PROTO_KEY = re.compile(r'(?<=[{,])"__proto__":')


def _json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if '"__proto__":' in text:  # a plain search first: the pattern's look-behind is slow
        text = _PROTO_KEY.sub('["__proto__"]:', text)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class Encoded(str):
    """Shard data already encoded as JSON by :func:`_json` (a text shard, encoded to be named)."""


def text_name(encoded: str) -> str:
    """The name of the text shard holding ``encoded``: 16 hex digits of its BLAKE2b hash."""
    return hashlib.blake2b(encoded.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def shard_script(name: str, data: Any) -> bytes:
    """The shard file: a loader call that also states its own size in bytes."""
    body = data if isinstance(data, Encoded) else _json(data)
    head = f"NewsarchiveSearch.load({_json(name)},{body},".encode("utf-8", "surrogatepass")
    tail = b");\n"
    size = len(head) + len(tail)
    while len(head) + len(tail) + len(str(size)) != size:
        size = len(head) + len(tail) + len(str(size))
    return head + str(size).encode() + tail


def doc_groups(ids: list[str]) -> list[tuple[int, str]]:
    """The document shards' groups: ``(first document number, name)`` for each run of documents
    in one folder (ids are article keys, in document order), the name a hash of the folder.

    Document rows are chunked by number, and an article added before others shifts every later
    number: chunked over the whole archive, ten articles found late for older months rewrote
    nearly every row shard (about 1,200 of 1,260 at 10,000 articles; 135 chunked by folder).
    Chunked within a folder, the shift stops at the folder's end. A name is the folder's hash,
    not its text, so it is safe as a file name, and a folder that comes back after another, or
    whose hash another folder already took, gets a counter after it."""
    groups: list[tuple[int, str]] = []
    taken: dict[str, int] = {}
    last: str | None = None
    for number, ident in enumerate(ids):
        folder = ident.rpartition("/")[0]
        if folder == last:
            continue
        last = folder
        name = hashlib.blake2b(folder.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
        seen = taken.get(name, 0)
        taken[name] = seen + 1
        groups.append((number, f"{name}.{seen}" if seen else name))
    return groups


def _shard_count(total: int, target: int) -> int:
    return max(1, math.ceil(total / target))


def _trim(values: list[str]) -> list[str]:
    while values and not values[-1]:
        values.pop()
    return values


def _vocabulary(doc_freq: dict[str, int]) -> dict[str, list[Any]]:
    """Prefix key -> ``[term, documents, ...]``; ``doc_freq`` sums the searchable fields."""
    keyed: dict[str, list[Any]] = defaultdict(list)
    for term in sorted(doc_freq):
        if len(term) >= max(PREFIX_KEY_CHARS, VOCAB_MIN_CHARS):
            keyed[term[:PREFIX_KEY_CHARS]] += [term, doc_freq[term]]
    return keyed


def _entity_facets(entity_names: list[str]) -> dict[str, dict[str, list[Any]]]:
    """Per type: entity key -> [display name, page url, docnums], from each document's stored
    ``entity_names`` (JSON).

    Spellings group into pages and the page name is chosen by :class:`NameVotes`, exactly as the
    site's catalog does, so a facet shows the entity page's own name.
    """
    votes = NameVotes()
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for docnum, names in enumerate(entity_names):
        for key in votes.add_article(json.loads(names or "{}")):
            members[key].append(docnum)
    out: dict[str, dict[str, list[Any]]] = {kind: {} for kind in ENTITY_TYPES}
    for kind, slug in sorted(members):
        out[kind][entity_key(kind, slug)] = [
            votes.name((kind, slug)), entity_url(kind, slug), members[(kind, slug)]
        ]
    return out


def build_shards(index_dir: str | Path) -> dict[str, Any]:
    """Every shard's data, keyed by shard name (without ``.js``)."""
    return dict(iter_shards(index_dir))


def _text(stored: dict[str, Any]) -> Encoded:
    """A document's text shard data, encoded: its body cut to TEXT_CHARS and entity names."""
    return Encoded(_json([(stored.get("body") or "")[:TEXT_CHARS], entity_text(stored)]))


def text_shard(encoded: Encoded) -> tuple[str, int]:
    """The name of the text shard holding ``encoded`` and the size of its file in bytes."""
    name = text_name(encoded)
    return name, len(shard_script(f"x/{name}", encoded))


#: Above this many documents the export merges the postings and the positions in two passes
#: over the segments' caches (one more read of them, a few seconds at 100,000 articles), so
#: the two are never held at once: at 100,000 they are about half of the export's memory each.
TWO_PASS_DOCS = 50_000


def text_shards(stored: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """The name and size of each document's text shard (kept in its segment's cache)."""
    return [text_shard(_text(fields)) for fields in stored]


def iter_shards(
    index_dir: str | Path, kept: Callable[[str, int], bool] | None = None,
    positions: _Positions | None = None,
) -> Iterator[tuple[str, Any]]:
    """Every shard's ``(name, data)``, each document's text shard as soon as its segment is
    read: what is kept for the rest is the postings and a few short fields per document, never
    every article's text at once.

    A text shard for which ``kept(name, size)`` holds is not made at all: its name (a hash of its
    data) and size are cached with the segment's postings, so a document whose shard the last
    export wrote, and that is still as written, costs nothing.

    ``positions``, when given, may make the position shards in another process (see
    :class:`_Positions`): they are then left out here, and it is asked for their count only
    for the manifest, the last shard."""
    ix = open_index(index_dir)
    rows: list[list[str]] = []
    texts: set[str] = set()
    entity_names: list[str] = []
    facet_values: dict[str, list[str]] = {"provider": [], "year": []}
    # The counts and field-length totals are in the table of contents; a segment is opened
    # (and its files read) only when its cache must be made again.
    toc = TOC.read(ix.storage, INDEX_NAME)
    segments = list(toc.segments)
    n_all = sum(seg.doc_count_all() for seg in segments)
    if any(seg.has_deletions() for seg in segments):
        raise ValueError("the index has deleted documents; update it to optimise it first")
    totals = [sum(seg._fieldlengths.get(f, 0) for seg in segments) for f in SEARCH_FIELDS]
    two_passes = n_all > TWO_PASS_DOCS
    elsewhere = positions is not None and not two_passes and positions.start()
    merger = Merger(positions=not two_passes and not elsewhere)

    def parts() -> Iterator[SegmentPostings]:
        return parts_in_order(index_dir, ix, toc, cache=True)

    base = 0
    for part in parts():
        named = part.texts
        for number, stored in enumerate(part.stored):
            text = None
            if named is not None:
                name, size = named[number]
            else:
                text = _text(stored)
                name, size = text_shard(text)
            if name not in texts:  # two articles with the same text share one shard
                texts.add(name)
                if kept is None or not kept(f"x/{name}", size):
                    yield f"x/{name}", text if text is not None else _text(stored)
            rows.append([
                stored["id"],
                stored.get("title", ""),
                stored.get("url", ""),
                stored.get("date", ""),
                stored.get("provider", ""),
                name,
            ])
            entity_names.append(stored.get("entity_names") or "")
            for facet, values in facet_values.items():
                values.append(stored.get(facet) or "")
        part.stored = []
        merger.add(base, part)
        base += part.docs
        del part
    merged = merger.result()
    del merger
    vocab = _vocabulary(merged.doc_freq)
    merged.doc_freq = {}
    atomic.write_bytes(Path(index_dir) / VOCABULARY_FILE,
                       vocabulary_bytes([seg.segment_id() for seg in segments], vocab))

    hashes = {term: fnv1a(term) for term in merged.postings}
    # Pelican may have finished while the segments were merged: the positions can then be
    # exported by a second process while this one makes the term shards
    if not elsewhere and not two_passes and positions is not None:
        elsewhere = positions.take(merged.positions, hashes)
        if elsewhere:
            merged.positions = {}
    # a shard's size counts each run as its base64 text
    sizes = {t: _b64_chars(runs) for t, runs in merged.postings.items()}
    own = {term for term, size in sizes.items() if size > OWN_SHARD_CHARS}
    counts = {
        "postings": _shard_count(
            sum(size + len(t) + 8 for t, size in sizes.items() if t not in own) + 12 * len(own),
            TERM_SHARD_BYTES,
        ),
    }
    del sizes
    table: dict[str, list[bytes]] = merged.postings
    n_shards = counts["postings"]
    # every shard exists, even empty: any term hash lands on a file
    shards: dict[str, dict[str, Any]] = {f"t/{k}": {} for k in range(n_shards)}
    owned: dict[str, dict[str, Any]] = {}
    for term in sorted(table):
        runs = _trim([_b64(run) for run in table[term]])
        shard = shards[f"t/{hashes[term] % n_shards}"]
        if term in own:
            shard[term] = hashes[term]  # the name of its own shard, u/<hash>
            owned.setdefault(f"u/{hashes[term]}", {})[term] = runs
        else:
            shard[term] = runs
    merged.postings = {}  # one kind's runs at a time, as text
    del table
    shards.update(sorted(owned.items()))
    del owned
    while shards:
        name = next(iter(shards))
        yield name, shards.pop(name)
    del shards
    if not elsewhere:
        # with two passes, the second: the segments' positions alone, now the postings are out
        table = _merged_positions(parts()) if two_passes else merged.positions
        merged.positions = {}
        if two_passes or positions is None or not positions.take(table, hashes):
            counts["positions"] = yield from _position_shards_of(table, hashes)
        del table
    del merged, hashes

    groups = doc_groups([row[0] for row in rows])
    ends = [start for start, _ in groups[1:]] + [n_all] if groups else []
    for (start, group), end in zip(groups, ends, strict=True):
        for k, first in enumerate(range(start, end, DOC_CHUNK)):
            yield f"d/{group}-{k}", rows[first : min(first + DOC_CHUNK, end)]
    dates = [date_number(row[3] or "") for row in rows]
    del rows

    vocab_bytes = sum(len(k) + sum(len(str(x)) + 3 for x in v) for k, v in vocab.items())
    n_vocab = _shard_count(vocab_bytes, VOCAB_SHARD_BYTES)
    vocab_shards: dict[str, dict[str, Any]] = {f"v/{k}": {} for k in range(n_vocab)}
    for key in sorted(vocab):  # by the key's first character: "did you mean" reads them all
        vocab_shards[f"v/{fnv1a(key[0]) % n_vocab}"][key] = vocab[key]
    yield from vocab_shards.items()
    del vocab_shards, vocab

    facets: dict[str, str] = {}
    yield "f/date", varint_b64(dates)
    for facet in ("provider", "year"):
        values: dict[str, list[int]] = defaultdict(list)
        for docnum, value in enumerate(facet_values[facet]):
            if value:
                values[value].append(docnum)
        yield f"f/{facet}", {v: varint_b64(deltas(values[v])) for v in sorted(values)}
        facets[facet] = f"f/{facet}"
    suggestions: list[list[Any]] = []
    for kind, entities in _entity_facets(entity_names).items():
        yield f"f/{kind}", {
            key: [name, url, varint_b64(deltas(docset))]
            for key, (name, url, docset) in entities.items()
        }
        facets[kind] = f"f/{kind}"
        suggestions += [[name, kind, url, len(docset)] for name, url, docset in entities.values()]

    suggestions.sort(key=lambda r: (-r[3], r[0], r[1]))
    # the rows' JSON lengths summed: the list's JSON less its brackets and commas
    suggest_bytes = len(_json(suggestions)) - 1 - len(suggestions) if suggestions else 0
    n_suggest = _shard_count(suggest_bytes, SUGGEST_SHARD_BYTES)
    suggest_shards: dict[str, list[Any]] = {f"s/{k}": [] for k in range(n_suggest)}
    for row in suggestions:
        folded = fold(row[0])
        firsts = {w[0] for w in _WORD_SPLIT.split(folded) if w}
        if folded:
            firsts.add(folded[0])
        for name in sorted({f"s/{fnv1a(c) % n_suggest}" for c in firsts}):
            suggest_shards[name].append(row)
    yield from suggest_shards.items()

    yield "manifest", {
        "version": FORMAT_VERSION,
        "N": n_all,
        "fields": list(SEARCH_FIELDS),
        "boosts": [FIELD_BOOSTS[f] for f in SEARCH_FIELDS],
        "fieldLength": totals,
        "lengthTable": [byte_to_length(i) for i in range(256)],
        "termShards": counts["postings"],
        "positionShards": counts["positions"] if positions is None or "positions" in counts
        else positions.count(),
        "vocabShards": n_vocab,
        "suggestShards": n_suggest,
        "facets": facets,
        "dates": "f/date",
        "docGroups": [list(group) for group in groups],
        **client_rules(),
    }


def position_shards(index_dir: str | Path) -> Iterator[tuple[str, Any]]:
    """The position shards alone, as :func:`iter_shards` makes them, from a pass of their own
    over the segments' caches (a segment without one is read, not cached: the main pass
    caches it)."""
    ix = open_index(index_dir)
    toc = TOC.read(ix.storage, INDEX_NAME)
    yield from _position_shards_of(_merged_positions(parts_in_order(index_dir, ix, toc,
                                                                    cache=False)))


def _segment_part(index_dir: str | Path, ix: Any, toc: Any, segment: Any, *,
                  cache: bool) -> SegmentPostings:
    """A segment's postings from its cache file; else read from the segment (and cached
    beside it when ``cache``, with its documents' text shard names)."""
    part = cached_postings(Path(index_dir), segment)
    if part is None:
        leaf = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
        try:
            part = segment_postings(leaf, Path(index_dir) if cache else None)
        finally:
            leaf.close()
    if cache and part.texts is None:
        _cache_texts(Path(index_dir), segment, part, text_shards(part.stored))
    return part


def parts_in_order(index_dir: str | Path, ix: Any, toc: Any, *,
                   cache: bool) -> Iterator[SegmentPostings]:
    """Each path-ordered segment's postings in turn, in the document order of a clean build:
    the articles of the late segment, if the index has one, are interleaved into the
    segments whose runs of articles they fall in (:class:`~newsarchive.search.store.
    DocumentOrder`), so the export does not depend on which articles an update found late."""
    segments = list(toc.segments)
    order = document_order(index_dir, sum(seg.doc_count_all() for seg in segments))
    if not order.late:
        for segment in segments:
            yield _segment_part(index_dir, ix, toc, segment, cache=cache)
        return
    *regular, late_segment = segments
    if late_segment.segid != order.segment or late_segment.doc_count_all() != len(order.late):
        raise ValueError(f"{ORDER_FILE} does not describe the index's last segment")
    # late document j goes in before the path-ordered document ``before[j]``
    before = [number - j for j, number in enumerate(order.late)]
    starts = list(accumulate((seg.doc_count_all() for seg in regular), initial=0))
    homes = [min(bisect.bisect_right(starts, doc) - 1, len(regular) - 1) for doc in before]
    groups: list[list[int]] = [[] for _ in regular]
    for j, home in enumerate(homes):
        groups[home].append(j)
    late_part = _segment_part(index_dir, ix, toc, late_segment, cache=cache)
    # a segment's run with its late articles is cached beside it, named by those articles
    folder = Path(index_dir)
    names = [combined_name(segment.segment_id(), [late_part.stored[j] for j in group])
             if group else "" for segment, group in zip(regular, groups, strict=True)]
    cached = [bool(name) and (folder / name).is_file() for name in names]
    late = split(late_part, [[] if known else group for known, group in zip(cached, groups,
                                                                            strict=True)])
    if cache:
        _forget_combined(folder, set(names))
    last_id = ""
    for index, segment in enumerate(regular):
        group = groups[index]
        part = load_postings(folder / names[index], segment.doc_count_all() + len(group)) if (
            cached[index]) else None
        if part is None:
            part = _segment_part(index_dir, ix, toc, segment, cache=cache)
            if group:
                from_b = [False] * (part.docs + len(group))
                for k, j in enumerate(group):
                    from_b[before[j] - starts[index] + k] = True
                ours = late[index] if not cached[index] else split(late_part, [group])[0]
                part = interleave(part, ours, from_b)
                if cache:
                    atomic.write_bytes(folder / names[index], part.to_bytes(), durable=False)
        late[index] = None  # type: ignore[call-overload]
        ids = [f"{stored.get('id', '')}.md" for stored in part.stored]  # as files are ordered
        if ids and (ids[0] <= last_id or ids != sorted(set(ids))):
            raise ValueError("the index's late segment is out of order: rebuild the index")
        last_id = ids[-1] if ids else last_id
        yield part


def _forget_combined(folder: Path, wanted: set[str]) -> None:
    """Delete the cached runs of segments with late articles that no longer stand."""
    for entry in os.scandir(folder):
        if entry.name.endswith(COMBINED_SUFFIX) and entry.name not in wanted:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)


def _merged_positions(parts: Iterator[SegmentPostings]) -> dict[str, list[bytes]]:
    """The positions runs of all ``parts``, merged in document order, one held at a time."""
    merger = Merger(postings=False)
    base = 0
    for part in parts:
        part.stored = []
        merger.add(base, part)
        base += part.docs
        del part
    return merger.result().positions


def _position_shards_of(
    table: dict[str, list[bytes]], hashes: dict[str, int] | None = None
) -> Generator[tuple[str, Any], None, int]:
    """The position shards of the merged positions ``table`` (emptied once they are made, as
    text), every one of them even when empty, since any term's hash lands on a file; returns
    their count. ``hashes``: each term's :func:`fnv1a`, when known."""
    n_shards = _shard_count(
        sum(_b64_chars(runs) + len(t) + 8 for t, runs in table.items()), POSITION_SHARD_BYTES
    )
    shards: dict[str, dict[str, Any]] = {f"p/{k}": {} for k in range(n_shards)}
    for term in sorted(table):
        found = hashes.get(term) if hashes is not None else None
        slot = fnv1a(term) if found is None else found
        shards[f"p/{slot % n_shards}"][term] = _trim([_b64(run) for run in table[term]])
    table.clear()
    while shards:
        name = next(iter(shards))
        yield name, shards.pop(name)
    return n_shards


class _Positions:
    """Where the position shards of an export are made. A second CPU may be free (Pelican is
    done): asked when the export starts, again once the segments' runs are merged, and once
    more when the position shards are due.

    * Free at the start: a forked process makes them from its own pass over the segments'
      caches, and this export neither merges nor writes them (:meth:`start`).
    * Free only once the runs are merged, or when the position shards are due (Pelican
      finished while this export ran): a process forked then makes them from the runs this
      export merged (:meth:`take`), while this one writes the rest. Asked once the runs are
      merged, it makes the positions beside the term shards (0.5 to 0.7 s in a +10 rebuild of
      10,000 articles with new ones in older months) instead of after them.
    * Else, and for an index of more than :data:`TWO_PASS_DOCS` documents, whose export is kept
      to one process's memory (:func:`iter_shards` asks neither): this export makes them.

    Either process reports what it wrote; should it fail, the shards are exported here."""

    def __init__(self, index_dir: str | Path, out: Path, written: Mapping[str, Any],
                 existing: dict[str, tuple[int, int]], report: ExportReport,
                 second_cpu: Callable[[], bool]) -> None:
        self._index_dir = index_dir
        self._args = (out, written, existing, report)
        self._second_cpu = second_cpu
        self._apart: _PositionsApart | None = None

    def start(self) -> bool:
        """As the export starts: have a forked process make the position shards from the
        segments' caches if a second CPU is free now; whether it does."""
        if self._second_cpu():
            self._apart = _PositionsApart(partial(position_shards, self._index_dir),
                                          *self._args[:3])
        return self._apart is not None

    def take(self, table: dict[str, list[bytes]], hashes: dict[str, int]) -> bool:
        """Have a forked process make the position shards of the merged ``table`` if a second
        CPU is free now; whether it does."""
        if self._apart is not None or not self._second_cpu():
            return False
        self._apart = _PositionsApart(partial(_position_shards_of, table, hashes),
                                      *self._args[:3])
        return True

    def count(self) -> int:
        """Wait for the process making the position shards; their number."""
        if self._apart is None:
            raise RuntimeError("no position shards are made apart")
        return self._apart.count(*self._args[2:])

    def close(self) -> None:
        if self._apart is not None:
            self._apart.close()


class _PositionsApart:
    """The position shards (``make()``) exported by a forked process while this one exports
    the rest: the export of an update that moved many document numbers rewrites thousands of
    shards on one CPU once Pelican is done with the other. The process reports what it wrote;
    should it fail, the shards are exported here instead."""

    def __init__(self, make: Callable[[], Iterator[tuple[str, Any]]], out: Path,
                 written: Mapping[str, Any], existing: dict[str, tuple[int, int]]) -> None:
        self._args = (make, out, written)
        self._helper = Apart(partial(_positions_part, make, out, written, dict(existing)),
                             "position shards")

    def close(self) -> None:
        """Stop the process if it is still running (this export failed before the manifest)."""
        self._helper.close()

    def count(self, existing: dict[str, tuple[int, int]], report: ExportReport) -> int:
        """Wait for the process; add what it did to ``report``; the number of position
        shards."""
        found = self._helper.result()
        if found is None:  # it failed: the shards are exported here
            return _export_position_shards(*self._args, existing, report)
        count, part = found
        for k in range(count):
            existing.pop(f"p/{k}", None)
        report.written += part.written
        report.unchanged += part.unchanged
        report.total_bytes += part.total_bytes
        report.files.update(part.files)
        return count


def _export_position_shards(make: Callable[[], Iterator[tuple[str, Any]]], out: Path,
                            written: Mapping[str, Any], existing: dict[str, tuple[int, int]],
                            report: ExportReport) -> int:
    """Export the position shards ``make()`` gives into ``out``; their count."""
    count = 0
    for name, data in make():
        _export_shard(out, name, data, existing, report, written)
        count += 1
    return count


def _positions_part(make: Callable[[], Iterator[tuple[str, Any]]], out: Path,
                    written: Mapping[str, Any], existing: dict[str, tuple[int, int]]
                    ) -> tuple[int, ExportReport]:
    """In the forked process of :class:`_PositionsApart`: export the position shards; their
    count and what was written."""
    report = ExportReport()
    with collector_paused():
        count = _export_position_shards(make, out, written, existing, report)
    return count, report


def _write_shard(path: Path, content: bytes) -> None:
    """Replace a shard whole: its bytes go to a file beside it that is then renamed over it, so
    a reader never sees half of one. Like the site's pages, shards are not fsync'ed one by one
    (an export writes thousands): a crash leaves the old shard or the new one."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        handle = open(tmp, "wb")  # noqa: SIM115 (closed below, before the rename)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(tmp, "wb")  # noqa: SIM115
    try:
        with handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def shard_files(out: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every ``.js`` file the export manages under ``out``, by
    shard name (``t/3``, ``manifest``)."""
    found: dict[str, tuple[int, int]] = {}
    for sub in ("", *MANAGED_DIRS):
        try:
            entries = os.scandir(out / sub)
        except (FileNotFoundError, NotADirectoryError):
            continue
        with entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".js") and not name.startswith(".") and (
                    sub or name == "manifest.js"
                ):
                    try:
                        info = entry.stat()
                    except OSError:
                        continue
                    found[f"{sub}/{name[:-3]}" if sub else name[:-3]] = (
                        info.st_size, info.st_mtime_ns
                    )
    return found


def _as_left(written: Mapping[str, Any], name: str, stat: tuple[int, int] | None) -> str | None:
    """The digest the last export recorded for shard ``name`` ("" where it recorded none) when
    its file still has the size and modification time that export left; else None."""
    last = written.get(f"{name}.js")
    if stat is None or not isinstance(last, list) or last[:2] != list(stat):
        return None
    return last[2] if len(last) == 3 and isinstance(last[2], str) else ""


def _export_shard(
    out: Path, name: str, data: Any, existing: dict[str, tuple[int, int]],
    report: ExportReport, written: Mapping[str, Any]
) -> None:
    """Write one shard unless the file already holds exactly its bytes: known without reading
    it when the file still has the size and time the last export left, and the digest of its
    bytes recorded then is that of the new ones; else read and compared."""
    path = out / f"{name}.js"
    content = shard_script(name, data)
    report.total_bytes += len(content)
    stat = existing.pop(name, None)
    digest = None
    if stat is not None and stat[0] == len(content):
        digest = content_digest(content)
        recorded = _as_left(written, name, stat)
        try:
            if (recorded == digest) if recorded else (path.read_bytes() == content):
                report.unchanged += 1
                report.files[name] = (*stat, digest)
                return
        except OSError:
            pass
    _write_shard(path, content)
    report.written.append(name)
    info = os.stat(path)
    report.files[name] = (info.st_size, info.st_mtime_ns, digest or content_digest(content))


def _cache_texts(index_dir: Path, segment: Any, part: SegmentPostings,
                 texts: list[tuple[str, int]]) -> None:
    """Add the text shard names to the segment's postings cache, when it has one."""
    cache = cache_file(index_dir, segment.segment_id())
    if cache.is_file():
        part.texts = texts
        atomic.write_bytes(cache, part.to_bytes())


def export_index(index_dir: str | Path, out_dir: str | Path,
                 written: Mapping[str, Any] | None = None, *,
                 second_cpu: Callable[[], bool] | None = None) -> ExportReport:
    """Write the client index under ``out_dir`` (e.g. ``output/search``).

    ``written``: ``[size, modification time, digest]`` of every shard file (by path under
    ``out_dir``) just after the last export into this folder (:attr:`ExportReport.files`). A
    text shard whose file still has them, and the size its data gives, is kept without being
    made again (its name is a hash of its data); any other shard whose file still has them is
    compared by digest, not read.

    ``second_cpu``: whether a second CPU is free now; if it is, at the start or when the
    position shards are due, a forked process exports them meanwhile (:class:`_Positions`).
    """
    out = Path(out_dir)
    report = ExportReport()
    existing = shard_files(out)
    written = written or {}

    def kept(name: str, size: int) -> bool:
        stat = existing.get(name)
        recorded = _as_left(written, name, stat)
        if stat is None or stat[0] != size or recorded is None:
            return False
        existing.pop(name, None)
        report.files[name] = (*stat, recorded)
        report.unchanged += 1
        report.kept += 1
        report.total_bytes += size
        return True

    positions = None
    if second_cpu is not None:
        positions = _Positions(index_dir, out, written, existing, report, second_cpu)
    try:
        with collector_paused():  # the runs held until their shards are out hold no cycles
            for name, data in iter_shards(index_dir, kept if written else None, positions):
                _export_shard(out, name, data, existing, report, written)
    finally:
        if positions is not None:
            positions.close()
    report.written.sort()
    for name in sorted(existing):  # shards that no longer exist
        if name != "manifest":
            (out / f"{name}.js").unlink(missing_ok=True)
            report.removed.append(f"{name}.js")
    return report
