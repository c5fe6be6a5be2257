"""Ingest: scraped article text (MENAFN pages, plain wire text) to Markdown with front matter.

The stages are small modules so each can be tested on its own: ``decode`` (bytes to clean text),
``layout`` (which parser), ``menafn`` / ``plain`` (text to an ``Article``), ``markdown`` (body to
escaped Markdown), ``render`` (front matter + body), and ``pipeline`` (files, manifest,
duplicates, slugs, NER, atomic writes).
"""
