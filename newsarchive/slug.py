"""One slug function for articles, entities and sources: every part of the chain agrees on URLs."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

MAX_LENGTH = 80
_NON_WORD = re.compile(r"[^a-z0-9]+")
_PAGE_LIKE = re.compile(r"-\d+$")
RESERVED = frozenset({"index"})
#: Latin letters that Unicode does not decompose into an ASCII base letter.
_LATIN_EXTRA = str.maketrans(
    {"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe",
     "Œ": "OE", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"}
)


def slugify(text: str, *, fallback: str = "untitled", max_length: int = MAX_LENGTH) -> str:
    """ASCII, lower-case, dash-separated; accents folded, everything else dropped.

    The result is always a safe single path segment: no dots, slashes or leading dashes, so
    untrusted titles and names can never climb out of the output folder.
    """
    latin = text.translate(_LATIN_EXTRA)
    folded = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", folded.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or fallback


def _lost_letters(text: str) -> bool:
    """True when ASCII folding drops a letter (Arabic, Cyrillic, CJK ...), not just an accent."""
    for char in text.translate(_LATIN_EXTRA):
        if char.isalpha() and not unicodedata.normalize("NFKD", char).isascii():
            base = unicodedata.normalize("NFKD", char)[0]
            if not base.isascii():
                return True
    return False


@functools.lru_cache(maxsize=1 << 16)
def entity_slug(name: str) -> str:
    """Slug of an entity page name, never clashing with ``index.html`` or a page-2 file.

    Remembered per name: a build asks for the same names tens of thousands of times.

    Page N of an entity is ``<slug>-N.html``, so a name whose slug ends in ``-<digits>`` (say
    "Group of 20") gets an ``-e`` suffix; ``index`` is taken by the per-type index page. A name
    written in a non-Latin script keeps what ASCII it has plus a short hash of the whole name,
    so two such names never share a page.
    """
    slug = slugify(name, fallback="")
    if _lost_letters(name):
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug}-{digest}" if slug else f"e-{digest}"
    slug = slug or "entity"
    if slug in RESERVED or _PAGE_LIKE.search(slug):
        slug += "-e"
    return slug
