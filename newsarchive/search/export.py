"""Export the Whoosh index as the browser's client index: small classic-script shards.

Everything the browser ranks with comes out of the Whoosh index itself (its terms, postings,
positions, quantised field lengths and collection statistics), so the client cannot drift from
``newsarchive search``. Every shard is ``NewsarchiveSearch.load("<name>", <data>, <bytes>);`` and
is loaded with a ``<script src>`` tag, which also works from file://.

Layout of ``search/`` (numbers are varints, LEB128, base64 without padding):

* ``manifest.js``: N, fields, boosts, field-length totals, Whoosh's length table, shard counts.
* ``t/<k>.js``: terms with ``fnv1a(term) % termShards == k``: ``{term: [title, body, entities]}``,
  each a run of ``(doc delta, frequency, field-length byte)`` triples (missing field: "").
* ``p/<k>.js``: same keys, positions per posting: ``count, delta...`` (loaded for phrases only).
* ``d/<k>.js``: documents ``k*docChunk ...``: ``[id, title, url, date, provider, summary]``.
* ``v/<k>.js``: vocabulary for prefix completion: ``{first two chars: [term, df, ...]}``.
* ``f/<facet>.js``: provider/year ``{value: docs}``; entity types ``{key: [name, url, docs]}``.
* ``s/<k>.js``: entity suggestions ``[name, type, url, articles]``, by first letter of a word.

Output is deterministic; a shard whose bytes did not change is not rewritten, and shards that no
longer exist are removed.
"""

from __future__ import annotations

import base64
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length, length_to_byte

from newsarchive import atomic
from newsarchive.search.index import open_index
from newsarchive.search.schema import ENTITY_TYPES, FIELD_BOOSTS, SEARCH_FIELDS

FORMAT_VERSION = 1
DOC_CHUNK = 8
TERM_SHARD_BYTES = 8_000
VOCAB_SHARD_BYTES = 8_000
SUGGEST_SHARD_BYTES = 16_000
SUMMARY_CHARS = 280
PREFIX_KEY_CHARS = 2
MANAGED_DIRS = ("t", "p", "d", "v", "f", "s")
_WORD_SPLIT = re.compile(r"[\W_]+")


@dataclass
class ExportReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    total_bytes: int = 0


def fnv1a(text: str) -> int:
    """FNV-1a, 32 bits, over UTF-8 (search-core.js ``fnv1a``)."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def fold(text: str) -> str:
    """Lower-case with accents removed (search-core.js ``foldKey``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F).lower()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        low = n & 0x7F
        n >>= 7
        if n:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


#: Encoded bytes of every number below 2**14 (one or two bytes): nearly every value in the export.
_VARINTS = [_varint(n) for n in range(1 << 14)]


def varint_b64(numbers: list[int]) -> str:
    if not numbers or max(numbers) < 0x80:
        # Most postings are small numbers (deltas, frequencies): one byte each, encoded in C.
        data = bytes(numbers)
    else:
        table = _VARINTS
        data = b"".join([table[n] if n < 16384 else _varint(n) for n in numbers])
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _deltas(docs: list[int]) -> list[int]:
    out, prev = [], 0
    for d in docs:
        out.append(d - prev)
        prev = d
    return out


def _json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def shard_script(name: str, data: Any) -> bytes:
    """The shard file: a loader call that also states its own size in bytes."""
    head = f"NewsarchiveSearch.load({_json(name)},{_json(data)},".encode()
    tail = b");\n"
    size = len(head) + len(tail)
    while len(head) + len(tail) + len(str(size)) != size:
        size = len(head) + len(tail) + len(str(size))
    return head + str(size).encode() + tail


def _shard_count(total: int, target: int) -> int:
    return max(1, math.ceil(total / target))


def _trim(values: list[str]) -> list[str]:
    while values and not values[-1]:
        values.pop()
    return values


def _posting_blocks(matcher: Any) -> Iterator[tuple[Sequence[int], Sequence[bytes]]]:
    """The ``(doc ids, encoded values)`` of a term's postings, one posting block at a time.

    Whoosh's per-posting API (``items_as``) costs several Python calls per posting, which made
    the export as slow as indexing. Its on-disk leaf matcher decodes a whole block of ids and
    values at once; this reads those block arrays (attributes of whoosh-reloaded 2.7.5's
    ``W3LeafMatcher``) and falls back to the public per-posting API for any other matcher.
    """
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._values is None:
                matcher._read_values()
            yield matcher._ids, matcher._values
            matcher._next_block()
        return
    items = list(matcher.all_items())
    if items:
        ids, values = zip(*items, strict=True)
        yield ids, values


def _position_deltas(value: bytes) -> list[int]:
    """Position deltas of one ``Positions`` posting value.

    The value is ``uint32 count`` + a pickle (stop opcode possibly stripped) of the deltas
    between successive positions, which is exactly what the client stores, so no decode and
    re-encode (``formats.Positions.encode``/``decode_positions``).
    """
    body = value[_INT_SIZE:]
    return loads(body if body.endswith(b".") else body + b".")


def _term_shards(
    reader: Any, n_docs: int
) -> tuple[dict[str, Any], list[int], dict[str, int]]:
    """Postings and positions of every term, Whoosh's field-length totals, and each term's
    document frequency summed over the searchable fields (for the vocabulary)."""
    fl_bytes = {}
    for fname in SEARCH_FIELDS:
        row = []
        for doc in range(n_docs):
            length = reader.doc_field_length(doc, fname) or 0
            byte = length_to_byte(length) if length else 0
            if length and byte_to_length(byte) != length:
                raise ValueError(f"length {length} of {fname} is not a table value")
            row.append(byte)
        fl_bytes[fname] = row
    postings: dict[str, list[str]] = defaultdict(lambda: [""] * len(SEARCH_FIELDS))
    positions: dict[str, list[str]] = defaultdict(lambda: [""] * len(SEARCH_FIELDS))
    doc_freq: dict[str, int] = defaultdict(int)
    for fi, fname in enumerate(SEARCH_FIELDS):
        fmt = reader.schema[fname].format
        if type(fmt) is Positions:
            deltas_of = _position_deltas
        else:
            def deltas_of(value: bytes, fmt: Any = fmt) -> list[int]:
                return _deltas(list(fmt.decode_positions(value)))
        lengths = fl_bytes[fname]
        for tbytes in reader.lexicon(fname):
            term = tbytes.decode("utf-8") if isinstance(tbytes, bytes) else tbytes
            triples: list[int] = []
            pos_values: list[int] = []
            prev = 0
            count = 0
            for ids, values in _posting_blocks(reader.postings(fname, tbytes)):
                count += len(ids)
                for doc, value in zip(ids, values, strict=True):
                    codes = deltas_of(value)
                    freq = len(codes)
                    triples += (doc - prev, freq, lengths[doc])
                    prev = doc
                    pos_values.append(freq)
                    pos_values += codes
            postings[term][fi] = varint_b64(triples)
            positions[term][fi] = varint_b64(pos_values)
            doc_freq[term] += count
    totals = [reader.field_length(f) for f in SEARCH_FIELDS]
    return {"postings": postings, "positions": positions}, totals, doc_freq


def _vocabulary(doc_freq: dict[str, int]) -> dict[str, list[Any]]:
    """Prefix key -> ``[term, documents, ...]``; ``doc_freq`` sums the searchable fields."""
    keyed: dict[str, list[Any]] = defaultdict(list)
    for term in sorted(doc_freq):
        if len(term) >= PREFIX_KEY_CHARS:
            keyed[term[:PREFIX_KEY_CHARS]] += [term, doc_freq[term]]
    return keyed


def _entity_facets(docs: list[dict[str, Any]]) -> dict[str, dict[str, list[Any]]]:
    """Per type: entity key -> [display name, page url, docnums]; names merge by slug."""
    from newsarchive.slug import entity_slug

    out: dict[str, dict[str, list[Any]]] = {}
    for kind in ENTITY_TYPES:
        by_slug: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for docnum, stored in enumerate(docs):
            for name in json.loads(stored.get("entity_names") or "{}").get(kind, []):
                by_slug[entity_slug(name)][name].add(docnum)
        facet: dict[str, list[Any]] = {}
        for slug in sorted(by_slug):
            names = by_slug[slug]
            display = sorted(names, key=lambda n: (-len(names[n]), n))[0]
            docset = sorted(set().union(*names.values()))
            facet[f"{kind}/{slug}"] = [display, f"{kind}/{slug}.html", docset]
        out[kind] = facet
    return out


def build_shards(index_dir: str | Path) -> dict[str, Any]:
    """Every shard's data, keyed by shard name (without ``.js``)."""
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        n_all = searcher.doc_count_all()
        if reader.doc_count() != n_all:
            raise ValueError("the index has deleted documents; update it to optimise it first")
        terms, totals, doc_freq = _term_shards(reader, n_all)
        vocab = _vocabulary(doc_freq)
        docs = [reader.stored_fields(d) for d in range(n_all)]
    shards: dict[str, Any] = {}

    sizes = {t: sum(len(v) for v in vals) + len(t) + 8 for t, vals in terms["postings"].items()}
    n_terms = _shard_count(sum(sizes.values()), TERM_SHARD_BYTES)
    for k in range(n_terms):  # every shard exists, even empty: any term hash lands on a file
        shards[f"t/{k}"] = {}
        shards[f"p/{k}"] = {}
    for kind in ("postings", "positions"):
        prefix = "t" if kind == "postings" else "p"
        for term in sorted(terms[kind]):
            name = f"{prefix}/{fnv1a(term) % n_terms}"
            shards.setdefault(name, {})[term] = _trim(list(terms[kind][term]))

    for start in range(0, n_all, DOC_CHUNK):
        rows = []
        for stored in docs[start : start + DOC_CHUNK]:
            summary = stored.get("summary") or ""
            if len(summary) > SUMMARY_CHARS:
                summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
            rows.append(
                [
                    stored["id"],
                    stored.get("title", ""),
                    stored.get("url", ""),
                    stored.get("date", ""),
                    stored.get("provider", ""),
                    summary,
                ]
            )
        shards[f"d/{start // DOC_CHUNK}"] = rows

    vocab_bytes = sum(len(k) + sum(len(str(x)) + 3 for x in v) for k, v in vocab.items())
    n_vocab = _shard_count(vocab_bytes, VOCAB_SHARD_BYTES)
    for k in range(n_vocab):
        shards[f"v/{k}"] = {}
    for key in sorted(vocab):
        shards.setdefault(f"v/{fnv1a(key) % n_vocab}", {})[key] = vocab[key]

    facets: dict[str, str] = {}
    for facet in ("provider", "year"):
        values: dict[str, list[int]] = defaultdict(list)
        for docnum, stored in enumerate(docs):
            value = stored.get(facet)
            if value:
                values[value].append(docnum)
        shards[f"f/{facet}"] = {v: varint_b64(_deltas(values[v])) for v in sorted(values)}
        facets[facet] = f"f/{facet}"
    suggestions: list[list[Any]] = []
    for kind, entities in _entity_facets(docs).items():
        shards[f"f/{kind}"] = {
            key: [name, url, varint_b64(_deltas(docset))]
            for key, (name, url, docset) in entities.items()
        }
        facets[kind] = f"f/{kind}"
        suggestions += [[name, kind, url, len(docset)] for name, url, docset in entities.values()]

    suggestions.sort(key=lambda r: (-r[3], r[0], r[1]))
    suggest_bytes = sum(len(_json(r)) for r in suggestions)
    n_suggest = _shard_count(suggest_bytes, SUGGEST_SHARD_BYTES)
    suggest_shards: dict[str, list[Any]] = {f"s/{k}": [] for k in range(n_suggest)}
    for row in suggestions:
        folded = fold(row[0])
        firsts = {w[0] for w in _WORD_SPLIT.split(folded) if w}
        if folded:
            firsts.add(folded[0])
        for name in sorted({f"s/{fnv1a(c) % n_suggest}" for c in firsts}):
            suggest_shards[name].append(row)
    shards.update(suggest_shards)

    shards["manifest"] = {
        "version": FORMAT_VERSION,
        "N": n_all,
        "fields": list(SEARCH_FIELDS),
        "boosts": [FIELD_BOOSTS[f] for f in SEARCH_FIELDS],
        "fieldLength": totals,
        "lengthTable": [byte_to_length(i) for i in range(256)],
        "termShards": n_terms,
        "docChunk": DOC_CHUNK,
        "vocabShards": n_vocab,
        "suggestShards": n_suggest,
        "facets": facets,
        "entityTypes": list(ENTITY_TYPES),
    }
    return shards


def export_index(index_dir: str | Path, out_dir: str | Path) -> ExportReport:
    """Write the client index under ``out_dir`` (e.g. ``output/search``)."""
    out = Path(out_dir)
    report = ExportReport()
    wanted: set[Path] = set()
    for name, data in sorted(build_shards(index_dir).items()):
        path = out / f"{name}.js"
        wanted.add(path)
        content = shard_script(name, data)
        report.total_bytes += len(content)
        try:
            if path.read_bytes() == content:
                report.unchanged += 1
                continue
        except OSError:
            pass
        atomic.write_bytes(path, content)
        report.written.append(name)
    for sub in MANAGED_DIRS:
        folder = out / sub
        if folder.is_dir():
            for stale in sorted(folder.glob("*.js")):
                if stale not in wanted:
                    stale.unlink()
                    report.removed.append(stale.relative_to(out).as_posix())
    return report
