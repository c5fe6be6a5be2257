"""Helpers for the search UI tests: analyzer.js in real Node, paths."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from newsarchive.search.export import client_rules

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "analyzer_driver.js"
NODE = "/usr/bin/node"
ARTIFACTS = REPO / "tests" / "artifacts"


def run_analyzer(request: dict[str, Any]) -> Any:
    """Run one request through theme/static/js/analyzer.js in real Node (see analyzer_driver.js),
    with the analyzer rules the export puts in the manifest."""
    request = {"rules": client_rules()["analyzer"], **request}
    proc = subprocess.run(
        [NODE, str(DRIVER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, f"node failed: {proc.stderr}"
    return json.loads(proc.stdout)
