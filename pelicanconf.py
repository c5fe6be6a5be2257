"""Pelican settings for the local and offline site: relative URLs, explicit .html everywhere."""

AUTHOR = "newsarchive"
SITENAME = "News Archive"
SITESUBTITLE = "Scraped news, browsable by person, organisation and place"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["yaml_front_matter", "entity_pages", "search_index"]

# newsarchive settings
NEWSARCHIVE_INDEX_DIR = "var/index"
NEWSARCHIVE_ENTITIES_FILE = "samples/entities.yml"
ENTITY_PAGE_SIZE = 20
