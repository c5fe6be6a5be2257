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

#: The other stand-ins, used as Whoosh and the ``cached_property`` package use them, must answer
#: as the real modules do; the real ones are imported only when needed.
STAND_INS = """
import sys, types
from newsarchive.search.cli import _defer_unused_imports
_defer_unused_imports()
import whoosh.compat, whoosh.reading
from cached_property import cached_property
stand_in = sys.modules['asyncio']
class Reader:
    @cached_property
    def plain(self):
        return 7
    @cached_property
    async def later(self):
        return 8
def plain():
    pass
async def coroutine():
    pass
def marked():
    pass
marked._is_coroutine = object()
reader = Reader()
assert reader.plain == 7
print([m for m in ('asyncio', 'urllib.request') if hasattr(sys.modules[m], '__getattr__')])
answers = [stand_in.iscoroutinefunction(f) for f in (plain, coroutine, marked)]
import asyncio
async def read_later():
    return await reader.later
real = [asyncio.iscoroutinefunction(f) for f in (plain, coroutine, marked)]
print(asyncio.run(read_later()), answers == real, answers)
real_module = sys.modules['asyncio']
print(type(real_module) is types.ModuleType and not hasattr(real_module, '__getattr__'))
source, target = sys.argv[1:3]
whoosh.compat.urlretrieve('file://' + source, target)
print(open(target).read(), 'urllib.request' in sys.modules)
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


def test_the_stand_ins_answer_as_the_modules_do(tmp_path) -> None:  # noqa: ANN001 (fixture)
    """A cached property of a plain function is read without importing asyncio; an ``async``
    one, a function marked as an old-style coroutine and Whoosh's download helper (on a local
    file) get what the real modules give."""
    source = tmp_path / "source.txt"
    source.write_text("Lake Dorova", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", STAND_INS, str(source), str(tmp_path / "copy.txt")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "['asyncio', 'urllib.request']", "8 True [False, True, False]", "True",
        "Lake Dorova True"]


def test_a_search_does_not_load_them(small_archive) -> None:  # noqa: ANN001 (fixture)
    code = (
        "import sys, runpy; sys.argv = ['newsarchive', 'search', 'harbour', '--index', "
        f"{str(small_archive.index)!r}, '--json']\n"
        "from newsarchive.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "mods = sys.modules\n"
        "print(code, *(name in mods and hasattr(mods[name], '__getattr__') for name in "
        "('whoosh.lang.morph_en', 'asyncio', 'urllib.request')), "
        "'newsarchive.ingest.layout' in mods, 'yaml' in mods, "
        "'multiprocessing' in mods, 'logging' in mods, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.split() == ["0", "True", "True", "True", "False", "False", "False", "False"]
    assert proc.stdout.startswith("[{")
