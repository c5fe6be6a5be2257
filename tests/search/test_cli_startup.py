"""``newsarchive search`` defers modules Whoosh imports but a search never uses; they still work
when something does use them, and the results are the same."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO

CHECK = """
import sys
from newsarchive.search.cli import _defer_unused_imports
_defer_unused_imports()
import whoosh.query  # imports variations from the morphology module
assert 'whoosh.lang.morph_en' in sys.modules
from whoosh.lang.morph_en import variations
words = sorted(variations('running'))
import whoosh.lang.morph_en as morph
assert callable(morph.variations) and sorted(morph.variations('running')) == words
print(len(words))
"""


def test_deferred_modules_load_when_used() -> None:
    reference = subprocess.run(
        [sys.executable, "-c", "from whoosh.lang.morph_en import variations; "
         "print(len(sorted(variations('running'))))"],
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout
    deferred = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=REPO
    )
    assert deferred.returncode == 0, deferred.stderr
    assert deferred.stdout == reference and int(reference) > 3


def test_a_search_does_not_load_them(small_archive) -> None:  # noqa: ANN001 (fixture)
    code = (
        "import sys, runpy; sys.argv = ['newsarchive', 'search', 'harbour', '--index', "
        f"{str(small_archive.index)!r}, '--json']\n"
        "from newsarchive.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "mods = sys.modules\n"
        "print(code, 'whoosh.lang.morph_en' in mods and hasattr(mods['whoosh.lang.morph_en'], "
        "'__getattr__'), 'newsarchive.ingest.layout' in mods, 'yaml' in mods, "
        "'multiprocessing' in mods, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.split() == ["0", "True", "False", "False", "False"]
    assert proc.stdout.startswith("[{")
