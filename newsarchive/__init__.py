"""newsarchive: scraped news text to a static, searchable archive."""
