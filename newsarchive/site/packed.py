"""Articles hold their HTML compressed for as long as the build runs.

Pelican keeps every article, and each article's HTML as a Python string, from the moment it is
read to the end of the build; so does the reader cache, which pickles the same strings (and
Python then keeps a UTF-8 copy of each string that has a character beyond ASCII), and
Pelican's memo of ``get_content`` keeps the HTML once more for each article whose page was
rendered. At 100,000 articles that is most of the build's memory, for text that is read about
twice per build: once when the article's own page is rendered, once for its entity chips.

Here the text is kept as zlib-compressed UTF-8 (level 1: HTML of news shrinks to about a third,
at about 100 MB/s) in the reader cache and on the article, and expanded when it is read. The
article's page is rendered from exactly the same string as before, so the output does not
change.
"""

from __future__ import annotations

import zlib
from typing import Any

from pelican.contents import Article
from pelican.readers import Readers

LEVEL = 1
_ENCODING = ("utf-8", "surrogatepass")


def pack(text: str) -> bytes:
    return zlib.compress(text.encode(*_ENCODING), LEVEL)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode(*_ENCODING)


class PackedArticle(Article):
    """An :class:`~pelican.contents.Article` whose HTML (``_content``) is stored packed."""

    @property  # type: ignore[override]
    def _content(self) -> str:
        return unpack(self.__dict__["_packed"])

    @_content.setter
    def _content(self, value: str) -> None:
        self.__dict__["_packed"] = pack(value)

    def get_content(self, siteurl: str) -> str:
        # Pelican memoises this per article for the whole build, which would keep every page's
        # HTML again; expanding it costs less than a tenth of rendering the page.
        return self._update_content(self._content, siteurl)


class PackedHtml(str):
    """The HTML a reader made, with its packed bytes (``packed``), so that it is packed once
    for both the reader cache and the article."""

    packed: bytes

    @classmethod
    def of(cls, html: str) -> PackedHtml:
        made = cls(html)
        made.packed = pack(html)
        return made

    @classmethod
    def unpacked(cls, data: bytes) -> PackedHtml:
        made = cls(unpack(data))
        made.packed = data
        return made


def pack_article(article: Any) -> None:
    """Turn a freshly read :class:`Article` into a :class:`PackedArticle` (in place)."""
    if type(article) is not Article or "_content" not in article.__dict__:
        return
    html = article.__dict__.pop("_content")
    article.__class__ = PackedArticle
    article.__dict__["_packed"] = html.packed if isinstance(html, PackedHtml) else pack(html)


class PackedReaders(Readers):
    """Pelican's :class:`~pelican.readers.Readers` whose cache holds each article's HTML packed
    (in memory and in the cache file, which shrinks and loads faster in proportion)."""

    def cache_data(self, filename: str, data: Any) -> None:
        content, metadata = data
        if isinstance(content, str):
            packed = content.packed if isinstance(content, PackedHtml) else pack(content)
            data = (_Packed(packed), metadata)
        super().cache_data(filename, data)

    def get_cached_data(self, filename: str, default: Any = None) -> Any:
        data = super().get_cached_data(filename, default)
        if data is default or not isinstance(data, tuple) or len(data) != 2:
            return data
        content, metadata = data
        if isinstance(content, _Packed):
            return PackedHtml.unpacked(content.data), metadata
        return data


class _Packed:
    """Packed HTML in the reader cache (a class of its own, so that a cache written before
    packing, which holds plain strings, still reads)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Packed, (self.data,))


def pack_readers(generator: Any) -> None:
    """Give ``generator`` (an articles generator, just made) the packing readers; entries of
    the cache its readers loaded are packed too."""
    readers = generator.readers
    if type(readers) is not Readers:
        return
    readers.__class__ = PackedReaders
    cache = readers._cache
    for key, (stamp, data) in list(cache.items()):
        if isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], str):
            cache[key] = (stamp, (_Packed(pack(data[0])), data[1]))


def drop_reader_cache(generator: Any) -> None:
    """Once the articles generator has saved its reader cache, nothing reads it again in this
    build: let it go."""
    readers = getattr(generator, "readers", None)
    if isinstance(readers, PackedReaders):
        readers._cache = {}
