"""Shared fixtures for the benchmark tests: the repository root on sys.path and small corpora.

``bench`` is a top-level folder of the repository, not part of the installed package, so the
repository root must be importable before the test modules import it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 generated raw articles (seed 7), shared by the generator and ingest tests."""
    out = tmp_path_factory.mktemp("bench-raw")
    generate(out, 40, seed=7)
    return out
