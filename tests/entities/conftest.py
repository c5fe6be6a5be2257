"""Shared fixtures: the real spaCy model is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.entities import EntityExtractor

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "entities"


@pytest.fixture(scope="session")
def fixture_text() -> Callable[[str], str]:
    """Reads a text fixture of tests/fixtures/entities by file name."""

    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def extractor() -> EntityExtractor:
    """An extractor with the default model, already loaded (pipelines are cached per process,
    so extractors built later with another config reuse this load)."""
    ex = EntityExtractor()
    ex.nlp()
    return ex
