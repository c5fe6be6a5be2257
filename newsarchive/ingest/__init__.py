"""Ingest: scraped article text (MENAFN pages, plain wire text) to Markdown with front matter.

The stages are small modules so each can be tested on its own: ``inputs`` (find and read files,
escape their names), ``decode`` (bytes to clean text), ``layout`` (the registry of input layouts:
which files each reads, and how a file becomes one or more articles), ``menafn`` / ``plain`` with
``textrules`` (text to an ``Article``), ``markdown`` (body to escaped Markdown), ``render`` (front
matter + body), ``lock`` (one run per output folder) and ``pipeline`` (manifest, duplicates,
slugs, NER, atomic writes).
"""
