"""The last step of every ingest: one name and one type per thing across the whole archive.

Each article decides its own entity types (:mod:`newsarchive.entities.vote`); a name typed as a
place in one article and as an organisation in another would still get two pages, and so would
"IMF" alone in one article and "International Monetary Fund" in another. Here the articles vote
(:func:`newsarchive.entities.resolve_archive`) and every article lists each name under the
archive's name and type.

The vote uses each article's own lists, the weight of the evidence behind each name's type and
the forms it folded into each name (which, with the short forms it lists beside their long
names, teach the archive what an acronym or a short form stands for), kept in the manifest
(``Entry.entities``, ``Entry.weights``, ``Entry.aliases``), never the lists a previous vote
wrote, so an archive grown by several ingests votes exactly like one clean ingest of the same
files. Only articles whose lists change are rewritten, and only their ``entities``
block; NER never runs again for them. An article edited by hand is left as it is.

A run that changed nothing the vote reads (no article added, converted again or removed) does
not vote again: the manifest keeps a hash of what the last complete vote left (:func:`state`),
so a warm re-ingest costs no gazetteer load and no vote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from newsarchive import atomic, frontmatter
from newsarchive.entities import ArticleEntities, resolve_archive
from newsarchive.entities.given_names import table_version
from newsarchive.entities.normalize import RULES_VERSION
from newsarchive.ingest.manifest import Entry, Manifest

ENTITIES = "entities:"


def with_entities(document: bytes, entities: dict[str, list[str]]) -> bytes:
    """An article file with its front matter's ``entities`` block replaced.

    The block is written by :func:`newsarchive.frontmatter.dump`, exactly as ingest writes it, so
    the file equals what one run writing these lists from the start would have written.
    """
    text = document.decode("utf-8")
    head, fence, body = text[4:].partition("\n---\n")
    lines = head.split("\n")
    start = lines.index(ENTITIES)
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    block = frontmatter.dump({"entities": entities}).split("\n")[1:-2]
    return ("---\n" + "\n".join(lines[:start] + block + lines[end:]) + fence + body).encode()


def same_but_entities(one: bytes, other: bytes) -> bool:
    """Whether two article files differ at most in their ``entities`` block (the one part this
    pass rewrites): the file a run wrote and then re-typed, against the same article rendered
    again."""
    try:
        return with_entities(one, {}) == with_entities(other, {})
    except (UnicodeDecodeError, ValueError):
        return False


def _voters(manifest: Manifest) -> list[tuple[str, Entry]]:
    """The articles that vote (those with entity lists of their own), by key."""
    return [(key, entry) for key, entry in sorted(manifest.articles.items()) if entry.entities]


def state(manifest: Manifest) -> str:
    """A hash of everything the vote reads and writes: each article's own lists and evidence,
    the lists its file holds and the file's hash, the version of the rules and of the table of
    given names."""
    data = [
        [key, entry.entities, entry.aliases, entry.weights, entry.phrases, entry.written,
         entry.output_sha256]
        for key, entry in _voters(manifest)
    ]
    return hashlib.sha256(json.dumps([RULES_VERSION, table_version(), data]).encode()).hexdigest()


def apply(manifest: Manifest, out: Path, say: Callable[[str], None]) -> int:
    """Give every article of ``manifest`` (files under ``out``) the archive's types; returns the
    number of files rewritten. Nothing is read when the archive is as the last complete vote
    left it."""
    if manifest.vote == state(manifest):
        return 0
    complete = True
    voters = _voters(manifest)
    own = [
        ArticleEntities(**entry.entities, aliases=entry.aliases, weights=entry.weights,
                        phrases=[p for p in entry.phrases if isinstance(p, str)]
                        if isinstance(entry.phrases, list) else [])
        for _, entry in voters
    ]
    rewritten = 0
    for (key, entry), found in zip(voters, resolve_archive(own), strict=True):
        lists = found.as_front_matter()
        if lists == (entry.written or entry.entities):
            continue
        path = out / f"{key}.md"
        try:
            data = path.read_bytes()
        except OSError as exc:
            say(f"newsarchive: {path}: cannot read it to update its entity types "
                f"({exc.strerror or exc})")
            complete = False
            continue
        if hashlib.sha256(data).hexdigest() != entry.output_sha256:
            say(f"newsarchive: {path}: warning: edited by hand; its entity types are left as "
                "they are")
            complete = False
            continue
        new = with_entities(data, lists)
        try:
            atomic.write_bytes(path, new)
        except OSError as exc:
            say(f"newsarchive: {path}: cannot write it ({exc.strerror or exc})")
            complete = False
            continue
        entry.output_sha256 = hashlib.sha256(new).hexdigest()
        entry.written = None if lists == entry.entities else lists
        rewritten += 1
    manifest.vote = state(manifest) if complete else ""
    return rewritten
