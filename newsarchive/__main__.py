"""Allow ``python -m newsarchive``."""

from newsarchive.cli import entry

entry()
