"""One cold ingest of the fixture folder per session, so spaCy loads once for most tests."""

from __future__ import annotations

import shutil

import pytest

from .helpers import FIXTURES, IngestResult, ingest


@pytest.fixture(scope="session")
def fixture_run(tmp_path_factory: pytest.TempPathFactory) -> IngestResult:
    """All fixtures (good and bad) ingested once, cold, with the real spaCy model."""
    work = tmp_path_factory.mktemp("fixture-run")
    raw = work / "raw"
    shutil.copytree(FIXTURES, raw)
    return ingest([raw], work / "articles")
