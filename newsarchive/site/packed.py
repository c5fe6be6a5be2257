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
change. The packed bytes of an article read in this build lie in the build's spool file
(``newsarchive.site.spool``), not in memory; the content cache pickles the bytes themselves.
"""

from __future__ import annotations

import zlib
from typing import Any

from pelican.contents import Article
from pelican.readers import Readers

from newsarchive.site.spool import Spooled, kept, read_back

LEVEL = 1
_ENCODING = ("utf-8", "surrogatepass")


def pack(text: str) -> bytes:
    return zlib.compress(text.encode(*_ENCODING), LEVEL)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode(*_ENCODING)


#: Pelican's default ``INTRASITE_LINK_REGEX``: a link to another file of the site is written
#: ``{static}...`` or ``|static|...``, so HTML with neither "{" nor "|" has none.
DEFAULT_LINK_REGEX = "[{|](?P<what>.*?)[|}]"


def may_link(html: str) -> bool:
    """Whether ``html`` may hold a link to another file of the site (see above)."""
    return "{" in html or "|" in html


class PackedArticle(Article):
    """An :class:`~pelican.contents.Article` whose HTML (``_content``) is stored packed, with
    whether it may hold a link to another file of the site (``_may_link``), so that an article
    without one is not expanded to look for them."""

    @property  # type: ignore[override]
    def _content(self) -> str:
        return unpack(packed_of(self))

    @_content.setter
    def _content(self, value: str) -> None:
        self.__dict__["_packed"] = _spooled(pack(value), self)
        self.__dict__["_may_link"] = may_link(value)

    def _links_possible(self) -> bool:
        return self.__dict__.get("_may_link", True) or (
            self.settings.get("INTRASITE_LINK_REGEX") != DEFAULT_LINK_REGEX
        )

    def get_static_links(self) -> set[str]:
        return super().get_static_links() if self._links_possible() else set()

    def get_content(self, siteurl: str) -> str:
        # Pelican memoises this per article for the whole build, which would keep every page's
        # HTML again; expanding it costs less than a tenth of rendering the page.
        html = self._content
        return self._update_content(html, siteurl) if self._links_possible() else html


class PackedHtml(str):
    """The HTML a reader made, with its packed bytes (``packed``) and :func:`may_link`
    (``links``), so that it is packed once for both the reader cache and the article.

    Read back from the cache it is empty (:meth:`deferred`): Pelican only hands it to the new
    article, which takes the packed bytes (:func:`pack_article`), so it is never expanded
    there."""

    packed: bytes
    links: bool

    @classmethod
    def of(cls, html: str) -> PackedHtml:
        made = cls(html)
        made.packed, made.links = pack(html), may_link(html)
        return made

    @classmethod
    def deferred(cls, data: bytes, links: bool) -> PackedHtml:
        made = cls("")
        made.packed, made.links = data, links
        return made

    @classmethod
    def unpacked(cls, data: bytes, links: bool) -> PackedHtml:
        made = cls(unpack(data))
        made.packed, made.links = data, links
        return made


def pack_article(article: Any) -> None:
    """Turn a freshly read :class:`Article` into a :class:`PackedArticle` (in place)."""
    if type(article) is not Article or "_content" not in article.__dict__:
        return
    html = article.__dict__.pop("_content")
    article.__class__ = PackedArticle
    if isinstance(html, PackedHtml):
        article.__dict__["_packed"] = _spooled(html.packed, article)
        article.__dict__["_may_link"] = html.links
    else:
        article._content = html


def packed_of(article: Any) -> bytes:
    """The packed HTML of a :class:`PackedArticle`, wherever it is kept."""
    return read_back(article.__dict__["_packed"])


def _spooled(data: bytes, article: Any) -> Spooled | bytes:
    """``data`` in the spool beside the build's content cache (see ``newsarchive.site.spool``)."""
    settings = getattr(article, "settings", None) or {}
    return kept(data, settings.get("CACHE_PATH"))


class PackedReaders(Readers):
    """Pelican's :class:`~pelican.readers.Readers` whose cache holds each article's HTML packed
    (in memory and in the cache file, which shrinks and loads faster in proportion)."""

    def cache_data(self, filename: str, data: Any) -> None:
        content, metadata = data
        if isinstance(content, PackedHtml):
            data = (_Packed(content.packed, content.links), metadata)
        elif isinstance(content, str):
            data = (_Packed.of(content), metadata)
        super().cache_data(filename, data)

    def get_cached_data(self, filename: str, default: Any = None) -> Any:
        data = super().get_cached_data(filename, default)
        if data is default or not isinstance(data, tuple) or len(data) != 2:
            return data
        content, metadata = data
        if not isinstance(content, _Packed):
            return data
        if self.settings.get("TYPOGRIFY"):  # Pelican rewrites the text before the article
            return PackedHtml.unpacked(content.data, content.links), metadata
        # Pelican hands it to the new article untouched but for a scan for images without alt
        # text (it warned when the file was read)
        return PackedHtml.deferred(content.data, content.links), metadata


class _Packed:
    """Packed HTML in the reader cache (a class of its own, so that a cache written before
    packing, which holds plain strings, still reads)."""

    __slots__ = ("data", "links")

    def __init__(self, data: bytes, links: bool = True) -> None:
        self.data = data
        self.links = links

    @classmethod
    def of(cls, html: str) -> _Packed:
        return cls(pack(html), may_link(html))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Packed, (self.data, self.links))


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
            cache[key] = (stamp, (_Packed.of(data[0]), data[1]))


def drop_content_cache(generator: Any) -> None:
    """Once the articles generator has saved its cache (of its readers' output, or of whole
    articles), nothing reads it again in this build: let it go."""
    readers = getattr(generator, "readers", None)
    if isinstance(readers, PackedReaders):
        readers._cache = {}
    if isinstance(getattr(generator, "_cache", None), dict):
        generator._cache = {}


def relink_cached(generator: Any) -> None:
    """Point every article or page the generator's cache gave back at this build's context and
    settings. Pelican's whole-content cache (``CONTENT_CACHING_LAYER = "generator"``) gives back
    each one as the last build pickled it, holding that build's context: an article reads the
    URL prefix of the page being written (``localsiteurl``) from its context, and the writer sets
    it on this build's."""
    context, settings = generator.context, generator.settings
    for name in ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                 "drafts_translations", "pages", "hidden_pages", "draft_pages",
                 "draft_translations"):
        for item in getattr(generator, name, None) or ():
            if getattr(item, "_context", context) is not context:
                item._context = context
                item.settings = settings
