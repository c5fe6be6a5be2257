"""An installation without the table of given names (``gender-guesser`` is GPL-3.0, and a
deployment may leave it out) still ingests every article: one line says the rule is off."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: Runs the CLI with the table's package unimportable, as when it is not installed.
WITHOUT_TABLE = (
    "import sys; sys.modules['gender_guesser'] = None; "
    "from newsarchive.cli import main; sys.exit(main())"
)


def test_an_ingest_without_the_given_name_table_says_so_once_and_writes_every_article(
    tmp_path: Path,
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    stories = [
        "Layla Quennby of the Esterlund Quarry Council said the ferry to Port Tarrowby resumed "
        "on Monday. Quennby praised the crews.",
        "Hugo van Tarrowby opened the new harbour library in Velmora, where readers queued "
        "from dawn for the first loans.",
        "The Kessel Marine board approved a second dredger for the Orrin estuary after a "
        "vote that ran late into the night.",
    ]
    for i, story in enumerate(stories):
        (raw / f"story-{i}.txt").write_text(f"Story {i}\n\n{story}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_TABLE, "ingest", str(raw), "--out", str(tmp_path / "out"),
         "--quiet"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    warnings = [line for line in result.stderr.splitlines() if "given names" in line]
    assert warnings == [
        "newsarchive: no table of given names (gender-guesser: ModuleNotFoundError); "
        "names are typed without it"
    ]
    assert "Traceback" not in result.stderr
    written = sorted(p.name for p in (tmp_path / "out").rglob("*.md"))
    assert len(written) == 3
