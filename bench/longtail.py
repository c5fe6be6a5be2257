"""The bench archive with names found in one article each, as real news has them.

The generator's people, organisations and places come from pools that grow slowly with N, so at
10,000 articles there are about 5,500 entity pages. In real news most names are in one article
(on 1,407 BBC articles, 72 % of the entity pages list a single article), so an archive of the
same size has several times as many entity pages, and the build's cost per page weighs more.
This variant gives every article of an ingested archive two people and one organisation that
no other article names (in its front matter and in one closing sentence), everything else byte
for byte; the bench builds it with our build and with bare Pelican like the archive itself
(``python -m bench.run --skip`` every step but ``longtail`` runs it alone).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from newsarchive.article import article_files

#: Syllables of the made-up names (fictional: a digest of the article's path picks them).
SYLLABLES = ("ka", "lo", "mer", "vin", "tas", "dre", "sul", "pon", "gri", "hal", "bek", "ros",
             "tun", "vel", "mar", "nis", "col", "dav", "fer", "lin")
KINDS = ("Holdings", "Group", "Trust", "Institute")


def _word(seed: bytes, syllables: int) -> str:
    return "".join(SYLLABLES[b % len(SYLLABLES)] for b in seed[:syllables]).capitalize()


def lone_names(key: str) -> tuple[list[str], str]:
    """The two people and the organisation that article ``key`` alone names."""
    h = hashlib.sha256(key.encode("utf-8")).digest()
    people = [f"{_word(h[0:], 2)} {_word(h[2:], 3)}", f"{_word(h[5:], 2)} {_word(h[7:], 3)}"]
    return people, f"{_word(h[10:], 3)} {KINDS[h[13] % len(KINDS)]}"


def _with(head: str, key: str, names: list[str]) -> str:
    """``head`` with ``names`` added to the front matter's flow list of ``key``."""
    def added(line: re.Match[str]) -> str:
        found = json.loads(line.group(2))
        return line.group(1) + json.dumps(sorted({*found, *names}), ensure_ascii=False)

    return re.sub(rf"(\n  {key}: )(\[.*?\])", added, head, count=1)


def add_lone_names(src: Path, dst: Path) -> int:
    """Write every article of ``src`` under ``dst`` with its lone names; how many."""
    shutil.rmtree(dst, ignore_errors=True)
    count = 0
    for path in article_files(src):
        relative = path.relative_to(src)
        people, org = lone_names(relative.as_posix())
        head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
        head = _with(_with(head, "people", people), "organizations", [org])
        body = body.rstrip("\n") + f"\n\n{people[0]} of {org} met {people[1]} afterwards.\n"
        target = dst / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(head + sep + body, encoding="utf-8")
        count += 1
    return count

