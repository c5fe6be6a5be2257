"""Pelican reader for the article files ingest writes: YAML front matter + Markdown body.

Pelican's own Markdown reader only understands flat ``Key: value`` headers, and
pelican-yaml-metadata runs ``summary`` through Markdown (so raw HTML in a scraped summary would
reach the page) and has no notion of undated articles. This reader parses the front matter with
the project's one parser (``newsarchive.frontmatter.split``), reads it with the article contract
(``newsarchive.article.normalise``, the very function the search indexer calls), keeps nested YAML
(``source``, ``raw``) as real dicts and lists, and puts it in Pelican's shape with
``newsarchive.site.metadata``.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from typing import Any

from markdown import Markdown
from pelican import signals
from pelican.readers import BaseReader, MarkdownReader
from pelican.utils import pelican_open

from newsarchive.frontmatter import FENCE, FrontMatterError, split
from newsarchive.site.incremental import SOURCE_DIGEST
from newsarchive.site.markdown_safety import EscapeRawHtml
from newsarchive.site.metadata import to_pelican_metadata
from newsarchive.site.packed import (
    PackedHtml,
    drop_content_cache,
    pack_article,
    pack_readers,
    relink_cached,
)
from newsarchive.site.settings import key_of
from newsarchive.site.settle import hold_full_collections, release, settle
from newsarchive.site.stamps import save_stamps, stamp_by_bytes

log = logging.getLogger(__name__)


class YamlFrontMatterReader(BaseReader):
    """Markdown with YAML front matter; files without front matter fall back to Pelican's reader
    outside the article folders (hand-written pages may use Pelican's ``Title:`` headers)."""

    enabled = True
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        md_settings = copy.deepcopy(self.settings["MARKDOWN"])
        extensions = [
            ext for ext in md_settings.get("extensions", []) if ext != "markdown.extensions.meta"
        ]
        if not self.settings.get("NEWSARCHIVE_ALLOW_RAW_HTML", False):
            extensions.append(EscapeRawHtml())
        md_settings["extensions"] = extensions
        self._md = Markdown(**md_settings)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        with pelican_open(source_path) as text:
            content = text
        key = key_of(source_path, self.settings)
        if not content.lstrip("\ufeff").startswith(FENCE) and key is None:
            # Pelican's reader adds to the MARKDOWN setting in place: given the shared one, a
            # build that reads such a page would digest other settings than a build that finds
            # it in the cache, and the incremental writer would render every page again
            own = {**self.settings, "MARKDOWN": copy.deepcopy(self.settings["MARKDOWN"])}
            return MarkdownReader(own).read(source_path)
        try:
            meta, body = split(content)
            metadata = to_pelican_metadata(meta, key)
        except (FrontMatterError, ValueError) as exc:
            # Pelican logs "Could not process <file>" (newsarchive build adds this reason) and
            # goes on with the other files; nothing is cached for this one.
            raise ValueError(str(exc)) from exc
        for name in ("tags", "category", "author", "authors"):
            if name in metadata and isinstance(metadata[name], str | list):
                metadata[name] = self.process_metadata(name, metadata[name])
        html = PackedHtml.of(self._md.reset().convert(body))
        # what the page fingerprints stand the article's HTML and metadata for (they are a
        # function of this text): newsarchive.site.incremental.content_by_source
        text = content.encode("utf-8", "surrogatepass")
        metadata[SOURCE_DIGEST] = hashlib.sha256(text).hexdigest()
        return html, metadata


def _add_reader(readers: Any) -> None:
    for ext in YamlFrontMatterReader.file_extensions:
        readers.reader_classes[ext] = YamlFrontMatterReader


def register() -> None:
    signals.readers_init.connect(_add_reader)
    # articles hold their HTML compressed (newsarchive.site.packed): most of a large build's memory
    signals.article_generator_init.connect(pack_readers)
    signals.content_object_init.connect(pack_article)
    # articles and pages Pelican's cache gave back belong to this build's context
    signals.article_generator_pretaxonomy.connect(relink_cached)
    signals.page_generator_finalized.connect(relink_cached)
    signals.article_generator_finalized.connect(drop_content_cache)
    # the cache holds an article while its file holds the same bytes, whatever its time
    for init, finalized in ((signals.article_generator_init, signals.article_generator_finalized),
                            (signals.page_generator_init, signals.page_generator_finalized)):
        init.connect(stamp_by_bytes)
        finalized.connect(save_stamps)
    # every article is read and stays to the end of the build: out of the collector's way
    # (from when the articles generator is made: the search worker, forked when Pelican is
    # initialised, keeps the collector as it was)
    signals.article_generator_init.connect(hold_full_collections)
    signals.article_generator_finalized.connect(_settle)


def _settle(_generator: Any) -> None:
    settle()
    # connected now, after every plugin's own receiver (blinker calls them in the order they
    # were connected): the build's last steps run with its objects still frozen
    signals.finalized.connect(_release)


def _release(_pelican: Any) -> None:
    signals.finalized.disconnect(_release)
    release()
