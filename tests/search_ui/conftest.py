"""Session fixtures of the search UI tests: the offline bundle, an http server, Chromium.

All of them start from the suite's shared ``sample_site`` build (tests/conftest.py).
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest

# ---------------------------------------------------------------- browser fixtures


@pytest.fixture(scope="session")
def offline_folder(sample_site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site as a user gets it offline: `newsarchive bundle`, then unzipped."""
    root = tmp_path_factory.mktemp("offline")
    target = root / "newsarchive-offline.zip"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsarchive",
            "bundle",
            "--output",
            str(sample_site.output),
            "--zip",
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(target) as zf:
        zf.extractall(root / "unzipped")
    folder = root / "unzipped" / target.stem
    assert (folder / "search.html").is_file()
    return folder


@pytest.fixture(scope="session")
def http_root(sample_site) -> Any:
    """The sample site's output served by Python's http.server on 127.0.0.1 (own thread)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    handler = functools.partial(Quiet, directory=str(sample_site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()

