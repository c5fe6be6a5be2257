"""The site's plugins are listed so that the incremental plugin saves its record of the pages
before the search step waits for its worker (pelicanconf.py: the wait then overlaps the save)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# The plugins registered as Pelican registers them (without starting a build), then the
# `finalized` receivers in the order a send calls them.
RECEIVERS = """
from blinker import ANY
from pelican import signals
from pelican.plugins._utils import load_plugins
from pelican.settings import read_settings
for plugin in load_plugins(read_settings("pelicanconf.py")):
    plugin.register()
print(*(f"{r.__module__}.{r.__name__}" for r in signals.finalized.receivers_for(ANY)))
"""


def test_the_record_is_saved_before_the_search_step_waits() -> None:
    proc = subprocess.run([sys.executable, "-c", RECEIVERS], capture_output=True, text=True,
                          cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    names = proc.stdout.split()
    assert "search_index.update_search" in names, names
    assert names.index("incremental._finalize") < names.index("search_index.update_search")
