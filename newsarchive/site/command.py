"""``newsarchive build``: run Pelican on the ingested articles with our settings.

Pelican is imported here, inside the command, and nowhere else in the library: this module is the
command's entry point, not grouping logic. Paths in the settings file are relative to that file
(Pelican's rule), so ``newsarchive build`` works from any folder; ``--output`` is relative to the
current folder, like every other command-line path.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from newsarchive import atomic, lock
from newsarchive.article import has_articles
from newsarchive.site.settings import SettingsError, article_root

PATH_SETTINGS = ("NEWSARCHIVE_INDEX_DIR", "NEWSARCHIVE_ENTITIES_FILE")


class _OneLine(logging.Formatter):
    """Pelican's records on one line each ("Could not process <file>: <reason>")."""

    def format(self, record: logging.LogRecord) -> str:
        lines = record.getMessage().splitlines()
        message = " ".join(part.strip() for part in lines if part.strip())
        # Pelican logs "Could not process <file>" from inside its except block without the
        # exception; the reason (e.g. "front matter is not valid YAML") is still the active one.
        active = sys.exc_info()[1]
        if record.levelno >= logging.ERROR and active is not None and str(active) not in message:
            message = f"{message}: {active}"
        return f"newsarchive build: {record.levelname.lower()}: {message}"


class _ErrorCounter(logging.Handler):
    """Counts Pelican's error records (a file it could not read, a template that failed)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def load_settings(settings_file: str | os.PathLike[str], output: str | os.PathLike[str]
                  ) -> dict[str, Any]:
    """Pelican settings from ``settings_file`` with OUTPUT_PATH set and our paths made absolute."""
    from pelican.settings import read_settings

    settings_path = os.path.abspath(settings_file)
    settings = read_settings(settings_path, override={"OUTPUT_PATH": os.path.abspath(output)})
    base = os.path.dirname(settings_path)
    for key in PATH_SETTINGS:
        value = settings.get(key)
        if isinstance(value, str) and value and not os.path.isabs(value):
            settings[key] = os.path.normpath(os.path.join(base, value))
    return settings


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def count_pages(output: str | os.PathLike[str]) -> int:
    """The ``.html`` files under ``output`` (one directory listing per folder)."""
    return sum(
        1 for _, _, names in os.walk(output) for name in names if name.endswith(".html")
    )


def any_articles(settings: dict[str, Any]) -> bool:
    root = article_root(settings)
    return root.is_dir() and has_articles(root)


CACHE_RECORD = ".newsarchive-cache.json"


def _cache_stats(cache: Path) -> dict[str, list[int]]:
    stats: dict[str, list[int]] = {}
    if cache.is_dir():
        for entry in os.scandir(cache):
            if entry.is_file() and not entry.name.startswith("."):
                info = entry.stat()
                stats[entry.name] = [info.st_size, info.st_mtime_ns]
    return stats


def reader_digest(settings: dict[str, Any]) -> str:
    """A digest of the code that turns a Markdown file into what Pelican caches.

    Pelican's content cache is keyed by each file's modification time only, so a new version of
    the reader (front matter rules, Markdown extensions) would keep serving old pages.
    """
    import markdown

    import newsarchive.article
    import newsarchive.frontmatter
    import newsarchive.site.markdown_safety
    import newsarchive.site.metadata

    digest = hashlib.sha256(f"markdown {markdown.__version__}".encode())
    modules = (newsarchive.article, newsarchive.frontmatter, newsarchive.site.markdown_safety,
               newsarchive.site.metadata)
    files = [Path(m.__file__) for m in modules]  # type: ignore[arg-type]
    files += [Path(folder) / "yaml_front_matter" / "__init__.py"
              for folder in settings.get("PLUGIN_PATHS") or []]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(settings: dict[str, Any]) -> str:
    """What the content cache is made from besides the files: the reader's code and the
    settings (taken before Pelican adds its own) but the output folder, which no article holds.
    Pelican caches whole articles (``CONTENT_CACHING_LAYER = "generator"``) and checks only each
    file's time, so an article cached under other settings (URL patterns, dates, Markdown
    options) would be served as it was."""
    from newsarchive.site.incremental import environment_digest

    kept = {k: v for k, v in settings.items() if k != "OUTPUT_PATH"}
    return environment_digest(kept, [reader_digest(settings)])


def check_cache(settings: dict[str, Any], key: str) -> None:
    """Drop content-cache files that changed since the last build finished, saying so.

    Pelican's cache is a pickle (gzip'ed unless ``GZIP_CACHE`` is off): a truncated one ends the
    build with a traceback, and a garbled one is silently ignored. Its files are written only at
    the end of a build, whose sizes and times are recorded then; a file that differs was damaged
    in between. A cache made by another version of the reader, or under other settings
    (:func:`cache_key`), is dropped too.
    """
    cache = Path(settings.get("CACHE_PATH") or "cache")
    try:
        recorded = json.loads((cache / CACHE_RECORD).read_text("utf-8"))
        files, reader = dict(recorded["files"]), recorded["reader"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return
    stats = _cache_stats(cache)
    if stats and reader != key:
        print(f"newsarchive build: the article reader or the settings changed since {cache} "
              "was written; reading every article again", file=sys.stderr)
        drop_cache(settings)
        return
    for name, stat in sorted(stats.items()):
        if name in files and files[name] != stat:
            print(f"newsarchive build: content cache {cache / name} is damaged; "
                  "reading every article again", file=sys.stderr)
            (cache / name).unlink()


def drop_cache(settings: dict[str, Any]) -> None:
    """After a failed build: Pelican writes its cache in place, so it may be cut short."""
    cache = Path(settings.get("CACHE_PATH") or "cache")
    for name in [*_cache_stats(cache), CACHE_RECORD]:
        with contextlib.suppress(OSError):
            (cache / name).unlink()


def record_cache(settings: dict[str, Any], key: str) -> None:
    cache = Path(settings.get("CACHE_PATH") or "cache")
    if cache.is_dir():
        record = {"reader": key, "files": _cache_stats(cache)}
        atomic.write_text(cache / CACHE_RECORD, json.dumps(record) + "\n")


def build(settings: dict[str, Any]) -> int:
    """Run Pelican once; returns the number of errors it logged."""
    from pelican import Pelican
    from pelican.log import init as init_logging

    if not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OneLine())
        init_logging(level=logging.WARNING, handler=handler)
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(counter)
    return counter.count


def run(args: argparse.Namespace) -> int:
    if not os.path.isfile(args.settings):
        print(f"newsarchive build: settings file {args.settings} not found", file=sys.stderr)
        return 2
    from pelican.settings import get_settings_from_file

    raw = get_settings_from_file(os.path.abspath(args.settings))
    content = os.path.join(os.path.dirname(os.path.abspath(args.settings)), raw.get("PATH", "."))
    settings = load_settings(args.settings, args.output) if os.path.isdir(content) else None
    try:
        files = any_articles(settings) if settings is not None else False
    except SettingsError as exc:
        print(f"newsarchive build: {args.settings}: {exc}", file=sys.stderr)
        return 2
    if not files:
        folders = (raw.get("ARTICLE_PATHS") or [""])[:1]
        where = os.path.normpath(os.path.join(content, *folders))
        print(
            f"newsarchive build: no articles (*.md) in {where}; "
            "run `newsarchive ingest samples/raw --out content/articles` (make content) first",
            file=sys.stderr,
        )
        return 1
    output = settings["OUTPUT_PATH"]
    start = time.perf_counter()
    try:
        os.makedirs(output, exist_ok=True)
        with lock.hold(Path(output), "build"):
            key = cache_key(settings)
            check_cache(settings, key)
            try:
                errors = build(settings)
            except BaseException:
                drop_cache(settings)
                raise
            record_cache(settings, key)
    except lock.LockBusy as exc:
        print(f"newsarchive build: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # Pelican raises for fatal problems (a missing template, a full disk)
        print(f"newsarchive build: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    print(f"built {count_pages(output)} pages in {output} in {elapsed:.1f}s"
          + (f" ({errors} error{'' if errors == 1 else 's'} above)" if errors else ""))
    return 1 if errors else 0
