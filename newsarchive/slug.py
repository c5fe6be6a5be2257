"""One slug function for articles, entities and sources, so every part of the chain agrees on URLs."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 80
_NON_WORD = re.compile(r"[^a-z0-9]+")
_PAGE_LIKE = re.compile(r"-\d+$")
RESERVED = frozenset({"index"})


def slugify(text: str, *, fallback: str = "untitled", max_length: int = MAX_LENGTH) -> str:
    """ASCII, lower-case, dash-separated; accents folded, everything else dropped.

    The result is always a safe single path segment: no dots, slashes or leading dashes, so
    untrusted titles and names can never climb out of the output folder.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", folded.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or fallback


def entity_slug(name: str) -> str:
    """Slug of an entity page name, never clashing with ``index.html`` or a page-2 file.

    Page N of an entity is ``<slug>-N.html``, so a name whose slug ends in ``-<digits>`` (say
    "Group of 20") gets an ``-e`` suffix; ``index`` is taken by the per-type index page.
    """
    slug = slugify(name, fallback="entity")
    if slug in RESERVED or _PAGE_LIKE.search(slug):
        slug += "-e"
    return slug
