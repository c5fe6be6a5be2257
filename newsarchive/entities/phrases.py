"""The names an article could mention: its capitalised runs of two words or more.

The model misses names it finds elsewhere ("Tony Blair" read in one article, passed over in
another). The archive learns which names it reads with confidence only once every article is
in (:func:`newsarchive.entities.archive.resolve_archive`), and by then an article's text is no
longer at hand: ingest keeps, for each article, the runs of capitalised words it writes (word
boundaries, joiners such as "of" and "and" inside, the possessive, a leading "The" and titles
cut as from a mention), so the archive can match its names against them without reading the
article again or running the model on it.
"""

from __future__ import annotations

import re

from newsarchive.entities.normalize import KEEP_DOT, clean

#: Capitalised words, one space apart, with lower-case joiners between them.
_RUN = re.compile(
    r"[A-Z][\w'’&.-]*(?:(?: (?:of|and|for|the|on|de|du|da|van|von|al|el|bin|la|le|&))*"
    r" [A-Z][\w'’&.-]*)+"
)


def name_phrases(text: str) -> list[str]:
    """The runs of ``text`` that could be a name of two words or more, each as a mention of it
    would be cleaned (as a person's, with every title cut, and as anything else's), and the
    parts of a run that "and" joins ("Kessel Marine and the Harbour Board"), sorted."""
    found: set[str] = set()
    for match in _RUN.finditer(text):
        runs = _sentences(match.group(0))
        parts = [part for whole in runs if " and " in whole for part in whole.split(" and ")]
        for run in runs + parts:
            for kind in ("people", "organizations"):
                cleaned = clean(run, kind)
                if cleaned is not None and len(cleaned.name.split()) >= 2:
                    found.add(cleaned.name)
    return sorted(found)


def _sentences(run: str) -> list[str]:
    """``run`` cut after each word whose full stop ends a sentence ("Africa. CHICAGO"), not
    after initials or an abbreviation a name keeps ("U.S. Senate", "Kessel Co. Ltd")."""
    parts: list[str] = []
    words: list[str] = []
    for word in run.split(" "):
        words.append(word)
        stem = word.rstrip(".")
        if word.endswith(".") and "." not in stem and stem.lower() not in KEEP_DOT:
            parts.append(" ".join(words))
            words = []
    if words:
        parts.append(" ".join(words))
    return parts
