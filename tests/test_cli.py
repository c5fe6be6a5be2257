"""The command-line contract: sub-commands, flags and exit status for usage errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsarchive.cli import build_parser


def test_search_query_may_start_with_an_exclusion() -> None:
    args = build_parser().parse_args(["search", "-harbour port", "--json", "--limit", "3"])
    assert (args.query, args.json, args.limit) == ("-harbour port", True, 3)
    assert args.index == "var/index"


@pytest.mark.parametrize(
    "argv",
    [
        ["ingest"],  # PATH is required
        ["search"],  # QUERY is required
        ["search", "x", "--limit", "0"],
        ["ingest", "a.txt", "--jobs", "0"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", *argv], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_defaults_match_the_contract() -> None:
    parser = build_parser()
    ingest = parser.parse_args(["ingest", "raw"])
    assert (ingest.out, ingest.force, ingest.report) == ("content/articles", False, None)
    build = parser.parse_args(["build"])
    assert (build.settings, build.output) == ("pelicanconf.py", "output")
    bundle = parser.parse_args(["bundle"])
    assert (bundle.output, bundle.zip) == ("output", None)
