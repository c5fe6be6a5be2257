"""Pelican settings for the local and offline site: relative URLs, explicit .html everywhere.

Every URL ends in ``.html`` and every link is relative, so the site works from a web server and
from ``file://`` (the offline bundle). Feeds are off here: they need absolute URLs (publishconf.py).
Templates get nested front matter as dicts and must escape text (``|e``): autoescape is off.
"""

from newsarchive.article import ARTICLES_DIR, PELICAN_ARTICLE_URL, entity_name_url
from newsarchive.site.memo import once_per_article
from newsarchive.slug import entity_slug, slugify

# No AUTHOR setting (even None would make every article Pelican's Author(None)): the provider
# is who wrote an article (source.provider), and Pelican's grouping of every article under one
# author costs time quadratic in the archive's size.
SITENAME = "News Archive"
SITESUBTITLE = "Scraped news, browsable by person, organisation and place"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = [ARTICLES_DIR]  # exactly one folder: article keys are paths under it
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
OUTPUT_PATH = "output"
THEME = "theme"
THEME_STATIC_DIR = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %b %Y"

PLUGIN_PATHS = ["plugins"]
# The search step's `finalized` receiver waits for its worker. Pelican's signals (blinker) promise
# no order, but call these few receivers in the order the plugins connect them, so `incremental`
# comes first and saves its record of the pages while the worker is still exporting
# (tests/site/test_plugin_order.py). The order changes no output.
PLUGINS = ["yaml_front_matter", "entity_pages", "incremental", "search_index", "sitemap"]

# Articles: articles/YYYY/MM/<slug>.html; undated ones articles/undated/<slug>.html. The
# front-matter reader sets each article's url and save_as from newsarchive.article (the rule search
# links by) and marks undated ones `undated`, so no template ever prints a date for them.
ARTICLE_URL = PELICAN_ARTICLE_URL
ARTICLE_SAVE_AS = ARTICLE_URL
ARTICLE_LANG_URL = "articles/{date:%Y}/{date:%m}/{slug}-{lang}.html"
ARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL
DRAFT_URL = "drafts/{slug}.html"
DRAFT_SAVE_AS = DRAFT_URL
PAGE_URL = "pages/{slug}.html"
PAGE_SAVE_AS = PAGE_URL
PAGE_LANG_URL = "pages/{slug}-{lang}.html"
PAGE_LANG_SAVE_AS = PAGE_LANG_URL
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "news"
SLUGIFY_SOURCE = "basename"

# The archive overview and the search page; the home page (index.html and its older pages), entity,
# source and year/month archive pages (archives/YYYY.html, archives/YYYY/MM.html,
# archives/undated.html) come from plugins/entity_pages, paginated so that older pages stay put
# as articles arrive (newsarchive.site.pages).
DIRECT_TEMPLATES = ["archives", "search"]
ARCHIVES_SAVE_AS = "archives.html"
SEARCH_SAVE_AS = "search.html"
DEFAULT_PAGINATION = 20  # articles on each page of the home list
# No tag/category/author pages and no Pelican period archives (undated articles would land in a
# year 1 archive); the archive pages come from the plugin.
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
# Each file is its own article (its path is its key): no grouping of articles that share a slug
# as translations of one another, which Pelican does in time quadratic in the archive's size.
ARTICLE_TRANSLATION_ID = None
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

# Feeds need absolute URLs: off for the local/offline site (publishconf.py turns them on).
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
NEWSARCHIVE_ENTITY_FEEDS = False
NEWSARCHIVE_SITEMAP = False

# Content cache: unchanged articles are not read again on the next build. Whole articles are
# cached ("generator"), not only what the reader made of each file: Pelican's own set-up of an
# article took most of the time it spent on 10,000 unchanged ones. `newsarchive build` drops
# the cache when the settings or the reader change (Pelican checks each file's time only).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "generator"
CACHE_PATH = "var/cache"
# Not gzip'ed: compressing the cache of every article took most of a no-change rebuild's time
# (about 4 s at 10,000 articles); the cache is a few tens of MB more on disk.
GZIP_CACHE = False

# Pelican's defaults, plus templates read once per build: Jinja's default checks each template's
# file time whenever a page asks for it, and every page imports its macros (about ten checks a
# page, 188,000 file stats at 10,000 articles).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "auto_reload": False}
JINJA_FILTERS = {"slugify_entity": entity_slug, "slugify": slugify, "entity_url": entity_name_url}
JINJA_GLOBALS = {"once_per_article": once_per_article}

# newsarchive settings
NEWSARCHIVE_INDEX_DIR = "var/index"
NEWSARCHIVE_ENTITIES_FILE = "samples/entities.yml"
ENTITY_PAGE_SIZE = 20
NEWSARCHIVE_ARCHIVE_PAGE_SIZE = 50
NEWSARCHIVE_RELATED_ENTITIES = 10
NEWSARCHIVE_TOP_ENTITIES = 8
