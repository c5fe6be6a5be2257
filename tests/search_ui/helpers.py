"""Helpers for the search UI tests: porter.js in real Node, paths, Chromium settings."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "porter_driver.js"
NODE = "/usr/bin/node"
ARTIFACTS = REPO / "tests" / "artifacts"


def run_porter(request: dict[str, Any]) -> Any:
    """Run one request through theme/static/js/porter.js in real Node (see porter_driver.js)."""
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
