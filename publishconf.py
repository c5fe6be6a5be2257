"""Pelican settings for the hosted site: absolute URLs, canonical links, Atom feeds, sitemap.

Builds on pelicanconf.py. The site's address comes from NEWSARCHIVE_SITEURL.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("NEWSARCHIVE_SITEURL", "https://archive.example.org").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# Whole archive + one feed per entity (feeds/<type>/<slug>.atom.xml); undated articles are left
# out of feeds, which need a date per entry.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_MAX_ITEMS = 50
NEWSARCHIVE_ENTITY_FEEDS = True
NEWSARCHIVE_SITEMAP = True
