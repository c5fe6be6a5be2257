"""Where a build's inputs are, read once from the Pelican settings dict (no Pelican import).

The reader, the entity pages, the search step and ``newsarchive build`` all ask these functions,
so they agree on which folder holds the articles, what an article's key is, which index folder
and which entities.yml are used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsarchive.article import ARTICLES_DIR, article_key
from newsarchive.entities.config import resolve_path
from newsarchive.ingest.manifest import FILENAME as MANIFEST_NAME


class SettingsError(ValueError):
    """Settings newsarchive cannot build with; the message is one line."""


def article_root(settings: Mapping[str, Any]) -> Path:
    """The one folder of articles: ``PATH``/``ARTICLE_PATHS[0]``.

    Article keys are paths under this folder, so a second article folder could give two files
    one key; it is refused rather than half supported.
    """
    folders = list(settings.get("ARTICLE_PATHS") or [ARTICLES_DIR])
    if len(folders) != 1:
        raise SettingsError(f"ARTICLE_PATHS must name one folder, not {folders!r}")
    return Path(os.path.abspath(os.path.join(settings["PATH"], folders[0])))


def key_of(source_path: str | os.PathLike[str], settings: Mapping[str, Any]) -> str | None:
    """The article key of a content file, or None when it is not in the article folder.

    String work on absolute paths (no ``Path`` objects): the reader asks once per article.
    """
    root = os.fspath(article_root(settings))
    path = os.path.abspath(source_path)
    if not path.startswith(root.rstrip(os.sep) + os.sep):
        return None
    relative = os.path.relpath(path, root)
    return article_key(relative.replace(os.sep, "/"))


def project_dir(settings: Mapping[str, Any]) -> Path:
    """The folder relative paths in our settings are read from: the content folder's parent."""
    return Path(os.path.abspath(settings["PATH"])).parent


def index_dir(settings: Mapping[str, Any]) -> Path:
    found = Path(settings.get("NEWSARCHIVE_INDEX_DIR") or "var/index")
    return found if found.is_absolute() else project_dir(settings) / found


def manifest_path(settings: Mapping[str, Any]) -> Path:
    return article_root(settings) / MANIFEST_NAME


def entities_file(settings: Mapping[str, Any]) -> Path | None:
    """The entities.yml this build reads (see :func:`newsarchive.entities.config.resolve_path`)."""
    found = resolve_path(settings.get("NEWSARCHIVE_ENTITIES_FILE"), project_dir(settings))
    if found is not None and not found.is_absolute():
        found = project_dir(settings) / found
    return found
