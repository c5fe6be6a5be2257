"""Input layouts and their registry: which files each layout reads and how it makes articles.

One list decides the folder walk (which file names are inputs), ``--format`` (the registered names),
and, for ``auto``, which layout reads a file. A layout turns one file into one or more
:class:`Part` s, so a file that holds many articles (one per line, one per record) fits the same
pipeline as a file that is one article.

Importing this module stays cheap (no ftfy, no parser regexes): the command line builds
``--format`` from it for every sub-command, so the parsers are imported when a file is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from newsarchive.ingest.model import Article, InputError

if TYPE_CHECKING:
    from newsarchive.ingest.scraped import Scraper


@dataclass(frozen=True)
class Part:
    """One article of an input file, or the reason that part of the file is not one.

    ``position`` is ``""`` for a file that is a single article, else where the article sits in
    the file (``":LINE"`` or ``"@OFFSET"``); it is appended to the file's path in the report, the
    manifest and ``raw.path``. ``raw`` is the article's own bytes inside a many-article file:
    its hash is what ``raw.sha256`` records, so appending to a feed reconverts only what is new.
    """

    position: str
    article: Article | None = None
    error: str | None = None
    raw: bytes | None = None


class RawFile:
    """An input file's bytes; its text is decoded on first use, once, for every layout asked."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name  # the file name, for layouts that decide by extension
        self.data = data

    @cached_property
    def text(self) -> str:
        """The decoded text; raises :class:`InputError` (binary, empty, ...)."""
        from newsarchive.ingest.decode import decode_bytes

        return decode_bytes(self.data)


class Layout:
    """Base of every input layout. Subclasses set the class attributes and :meth:`parse`."""

    name: str = ""
    extensions: tuple[str, ...] = ()  # file name endings read from folders ("*.txt")
    fallback: bool = False  # asked last in ``auto``: it reads whatever the others do not claim

    def detect(self, file: RawFile) -> bool:
        """Whether this layout claims ``file`` among those sharing its extension (default: yes)."""
        return True

    def parse(self, file: RawFile) -> list[Part]:
        """The articles of ``file``; raise :class:`InputError` when the whole file is unusable."""
        raise NotImplementedError


class TextLayout(Layout):
    """A layout whose file is one article of decoded text."""

    def parse(self, file: RawFile) -> list[Part]:
        return [Part("", self.parse_text(file.text))]

    def parse_text(self, text: str) -> Article:
        raise NotImplementedError


class Registry:
    """The registered layouts, in the order ``auto`` asks them (fallbacks last)."""

    def __init__(self) -> None:
        self._layouts: dict[str, Layout] = {}

    def register(self, layout: Layout) -> Layout:
        if not layout.name or layout.name == "auto" or layout.name in self._layouts:
            raise ValueError(f"layout name {layout.name!r} is empty, reserved or taken")
        self._layouts[layout.name] = layout
        return layout

    def unregister(self, name: str) -> None:
        del self._layouts[name]

    def names(self) -> list[str]:
        return list(self._layouts)

    def get(self, name: str) -> Layout:
        return self._layouts[name]

    def ordered(self) -> Iterator[Layout]:
        yield from (layout for layout in self._layouts.values() if not layout.fallback)
        yield from (layout for layout in self._layouts.values() if layout.fallback)

    def claims_name(self, name: str, chosen: str = "auto") -> bool:
        """Whether a file called ``name`` found in a folder is an input for ``--format chosen``."""
        layouts = self._layouts.values() if chosen == "auto" else [self._layouts[chosen]]
        return any(name.endswith(ext) for layout in layouts for ext in layout.extensions)

    def choose(self, file: RawFile, chosen: str = "auto") -> Layout:
        """The layout that reads ``file``: the forced one, else the first that detects it among
        those registered for its extension (any layout when no extension matches)."""
        if chosen != "auto":
            return self._layouts[chosen]
        layouts = list(self.ordered())
        matching = [lay for lay in layouts if any(file.name.endswith(e) for e in lay.extensions)]
        for layout in matching or layouts:
            if layout.detect(file):
                return layout
        raise InputError("no input layout recognises this file")


class MenafnLayout(TextLayout):
    """A scraped MENAFN article page (see ``menafn``)."""

    name = "menafn"
    extensions = (".txt",)

    def detect(self, file: RawFile) -> bool:
        from newsarchive.ingest import menafn

        return menafn.detect(file.text)

    def parse_text(self, text: str) -> Article:
        from newsarchive.ingest import menafn

        return menafn.parse(text)


class PlainLayout(TextLayout):
    """Plain wire text: title line, blank line, paragraphs (see ``plain``)."""

    name = "plain"
    extensions = (".txt",)
    fallback = True

    def parse_text(self, text: str) -> Article:
        from newsarchive.ingest import plain

        return plain.parse(text)


class ScraperLayout(Layout):
    """JSON written by a news scraper: one article per ``.json`` file or per ``.jsonl`` line
    (see ``scraped``). ``.json`` files that no scraper layout recognises are read by the last
    one registered, so a broken file is reported with its JSON error."""

    extensions = (".json", ".jsonl")
    scraper_name = ""

    def _scraper(self) -> Scraper:
        from newsarchive.ingest import scraped

        return getattr(scraped, self.scraper_name)

    def detect(self, file: RawFile) -> bool:
        from newsarchive.ingest import scraped

        return scraped.looks_like(file.data, self._scraper())

    def parse(self, file: RawFile) -> list[Part]:
        from newsarchive.ingest import scraped

        return scraped.parse_file(file.name, file.data, self._scraper())


class NewsPleaseLayout(ScraperLayout):
    name = "newsplease"
    scraper_name = "NEWSPLEASE"


class TrafilaturaLayout(ScraperLayout):
    name = "trafilatura"
    scraper_name = "TRAFILATURA"

    def detect(self, file: RawFile) -> bool:
        return True  # the JSON reader of last resort (after news-please)


class WarcLayout(Layout):
    """A web archive: one article per HTML page record (see ``warc``)."""

    name = "warc"
    extensions = (".warc", ".warc.gz")

    def parse(self, file: RawFile) -> list[Part]:
        from newsarchive.ingest import warc

        return warc.parse(file.data)


REGISTRY = Registry()
REGISTRY.register(MenafnLayout())
REGISTRY.register(PlainLayout())
REGISTRY.register(NewsPleaseLayout())
REGISTRY.register(TrafilaturaLayout())
REGISTRY.register(WarcLayout())
register = REGISTRY.register
unregister = REGISTRY.unregister
names = REGISTRY.names


def detect(text: str) -> str:
    """The name of the layout ``auto`` picks for a ``.txt`` file holding ``text``."""
    return REGISTRY.choose(_text_file(text)).name


def parse(text: str, layout: str = "auto") -> Article:
    """The one article of ``text`` read as a ``.txt`` file (``"auto"`` detects the layout)."""
    chosen = REGISTRY.choose(_text_file(text), layout)
    if not isinstance(chosen, TextLayout):
        raise InputError(f"layout {chosen.name!r} does not read a single text article")
    return chosen.parse_text(text)


def _text_file(text: str) -> RawFile:
    file = RawFile("input.txt", text.encode("utf-8"))
    file.__dict__["text"] = text  # already decoded: the cached property is not run again
    return file
