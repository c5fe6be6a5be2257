"""``newsarchive entities review``: what a curator should look at, with lines to paste.

NER and the rules get most names right; the rest is cheapest to fix by hand, in entities.yml,
which survives every re-ingest. This reads the archive's front matter (through the article
contract, as the site does) and lists three kinds of finding, each with the entities.yml lines
that would settle it:

- a name listed under two or more types (one real-world thing, several pages): ``types:``;
- likely aliases that still have pages of their own: an acronym spelling another name's initials,
  a lone surname with one full name in the archive that ends with it, a short form of one
  organisation's name ("Assembly" of "Assembly Party", "Mod Libs" of "Moderate Liberals") and
  near-identical spellings (``rapidfuzz`` similarity): ``aliases:``;
- single-article names that look like noise (no letter, digits, lower case, very long): a
  ``blocklist:`` line.

It only reads; nothing is changed until the curator edits entities.yml and ingests again.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsarchive.article import (
    ENTITY_TYPES,
    TYPE_SINGULAR,
    ArticleError,
    article_key,
    normalise,
)
from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.normalize import initials, name_key
from newsarchive.entities.vocab import PARTY_NICKNAMES, TITLE_WORDS
from newsarchive.frontmatter import FrontMatterError, load
from newsarchive.slug import entity_slug

#: Similarity (0-100, rapidfuzz ``ratio`` on case-folded names) above which two spellings of one
#: type are offered as one name; below it, "Ana Ruiz"/"Ana Ruis" still pass, "Ana Ruiz"/"Ana Ortiz"
#: do not.
SIMILAR = 92
MAX_WORDS = 8
#: A capitalised word, then one or two job titles, before a name: "Tory leader ", "Kessel MP ".
_DESCRIBED = r"\b([A-Z][a-z]+)((?: (?:[a-z][a-z-]+|MP|MEP|MSP)){1,2}) "
#: The job titles that may come between: the titles stripped from names, and party roles.
_DESCRIBING = TITLE_WORDS | {
    "leader", "candidate", "peer", "councillor", "backbencher", "member", "whip", "rebel"
}
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


@dataclass
class Finding:
    kind: str  # "split-type" | "alias" | "noise"
    names: list[str]
    reason: str
    articles: int
    yaml: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """Per name (as written) and type: in how many articles it appears; per person, the
    capitalised words that describe them ("Kessel leader Anna Marsh": "Kessel")."""

    counts: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    described: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    words: Counter[str] = field(default_factory=Counter)

    def add_text(self, people: Iterable[str], body: str) -> None:
        """Read ``body`` for the words before a job title and a person's name ("Tory leader
        Martin Crale"), and for the capitalised words it uses."""
        names = sorted((n for n in set(people) if len(n.split()) >= 2), key=len, reverse=True)
        self.words.update(set(_CAPITALISED.findall(body)))
        if not names:
            return
        pattern = re.compile(_DESCRIBED + "(" + "|".join(map(re.escape, names)) + r")\b")
        for match in pattern.finditer(body):
            titles = match.group(2).split()
            if all(t.lower() in _DESCRIBING for t in titles):
                self.described[match.group(3)][match.group(1)] += 1

    def add(self, entities: Mapping[str, Sequence[str]]) -> None:
        for kind in ENTITY_TYPES:
            for name in set(entities.get(kind, ())):
                self.counts[(kind, name)] += 1

    def names(self, kind: str) -> dict[str, int]:
        return {name: n for (k, name), n in self.counts.items() if k == kind}


def read_archive(folder: Path) -> tuple[Tally, list[str]]:
    """Entity counts of every article under ``folder``, and one line per file left out."""
    tally, skipped = Tally(), []
    for path in sorted(folder.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            meta, body = load(path)
            entities = normalise(meta, article_key(path.relative_to(folder).as_posix())).entities
            tally.add(entities)
            tally.add_text(entities.get("people", ()), body)
        except (OSError, UnicodeDecodeError, FrontMatterError, ArticleError) as exc:
            skipped.append(f"newsarchive: {path}: left out of the review ({exc})")
    return tally, skipped


def _quoted(name: str) -> str:
    return json.dumps(name, ensure_ascii=False)


def split_types(tally: Tally) -> list[Finding]:
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for (kind, name), n in tally.counts.items():
        by_key[name_key(name)][kind] += n
        spellings[name_key(name)][name] += n
    found = []
    for key, kinds in sorted(by_key.items()):
        if len(kinds) < 2:
            continue
        name = min(spellings[key], key=lambda s: (-spellings[key][s], s))
        best = min(kinds, key=lambda k: (-kinds[k], ENTITY_TYPES.index(k)))
        detail = ", ".join(f"{k} in {kinds[k]}" for k in ENTITY_TYPES if k in kinds)
        found.append(Finding("split-type", [name], f"listed as {detail}", sum(kinds.values()),
                             ["types:", f"  {_quoted(name)}: {best}"]))
    return found


def aliases(tally: Tally) -> list[Finding]:
    from rapidfuzz import fuzz, process

    found: list[Finding] = []
    for kind in ENTITY_TYPES:
        names = tally.names(kind)
        longer = sorted((n for n in names if len(n.split()) > 1), key=lambda n: (-names[n], n))
        by_initials: dict[str, list[str]] = defaultdict(list)
        by_last: dict[str, list[str]] = defaultdict(list)
        for name in longer:
            by_initials[initials(name)].append(name)
            by_last[name.split()[-1].casefold()].append(name)
        for name in sorted(names):
            target, why = None, ""
            full = by_last.get(name.casefold(), [])
            if name.isupper() and 2 <= len(name) <= 6 and len(by_initials.get(name, ())) == 1:
                target, why = by_initials[name][0], "an acronym of"
            elif kind == "people" and " " not in name and len(full) == 1:
                target, why = full[0], "the surname of the only"
            if target and entity_slug(target) != entity_slug(name):
                found.append(Finding(
                    "alias", [name, target], f"{name!r} looks like {why} {target!r}",
                    names[name] + names[target],
                    ["aliases:", f"  {_quoted(name)}: {_quoted(target)}"]))
        ordered = sorted(names, key=lambda n: (-names[n], n))
        folded = [n.casefold() for n in ordered]
        seen: set[str] = set()
        for index, name in enumerate(ordered):
            if name in seen:
                continue
            for _, score, other_index in process.extract_iter(
                folded[index], folded[index + 1 :], scorer=fuzz.ratio, score_cutoff=SIMILAR
            ):
                other = ordered[index + 1 + other_index]
                if entity_slug(other) == entity_slug(name) or other in seen:
                    continue
                seen.add(other)
                found.append(Finding(
                    "alias", [other, name], f"{other!r} is spelt almost like {name!r} "
                    f"({score:.0f}/100)", names[name] + names[other],
                    ["aliases:", f"  {_quoted(other)}: {_quoted(name)}"]))
    return found


def short_forms(tally: Tally) -> list[Finding]:
    """Short forms of exactly one organisation's name ("Assembly" of "Assembly Party", "Mod
    Libs" of "Moderate Liberals"; see :func:`newsarchive.entities.archive.short_form`) that
    still have pages of their own: ingest merges them only where an article names both, so the
    rest is for the curator. Forms no rule can see ("Tidesiders" for "Tidewater Party") are
    written into entities.yml by hand, as aliases."""
    from newsarchive.entities.archive import initial_letters, short_form

    longs = tally.names("organizations")
    by_letters: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in longs:
        letters = initial_letters(name)
        for end in range(1, len(letters) + 1):
            by_letters[letters[:end]].append(name)
    found = []
    for kind in ("people", "organizations", "other"):
        names = tally.names(kind)
        for name in sorted(names):
            targets = {t for t in by_letters.get(initial_letters(name), ()) if short_form(name, t)}
            if len(targets) != 1:
                continue
            (target,) = targets
            if entity_slug(target) != entity_slug(name):
                found.append(Finding(
                    "alias", [name, target], f"{name!r} looks like a short form of {target!r}",
                    names[name] + longs[target],
                    ["aliases:", f"  {_quoted(name)}: {_quoted(target)}"]))
    return found


def party_nicknames(tally: Tally) -> list[Finding]:
    """Another word for a party, which no rule can derive from its name ("Tory" for the
    "Conservative Party"): the word and the party's own word ("Conservative") describe the same
    person ("Tory leader Martin Crale", "Conservative leader Martin Crale"). A word paired with
    two parties (a member who changed sides) is left out. The lines cover the word and the
    plural the articles use ("Tories")."""
    parties = {
        name.rsplit(" ", 1)[0]: name
        for name in tally.names("organizations")
        if len(name.split()) >= 2 and name.split()[-1].casefold() == "party"
    }
    if not parties:
        return []
    paired: dict[str, Counter[str]] = defaultdict(Counter)
    for words in tally.described.values():
        own = [w for w in words if w in parties]
        for word in words:
            if word in parties or word.lower() in TITLE_WORDS:
                continue
            for party in own:
                paired[word][parties[party]] += 1
    places = gazetteer()
    found = []
    for word, targets in sorted(paired.items()):
        if len(targets) != 1 or places.place(word) or places.is_demonym(word):
            continue
        if name_key(word) in PARTY_NICKNAMES:
            continue  # the archive already knows it (archive_nicknames)
        (target,) = targets
        forms = [word, *(p for p in _plurals(word) if p in tally.words)]
        found.append(Finding(
            "alias", [*forms, target],
            f"{word!r} describes the same people as {target!r} "
            f"({targets[target]} {'person' if targets[target] == 1 else 'people'})",
            targets[target],
            ["aliases:", *(f"  {_quoted(form)}: {_quoted(target)}" for form in forms)]))
    return found


def _plurals(word: str) -> list[str]:
    """ "Tory" -> "Tories", "Kessel" -> "Kessels"."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def _noise(name: str) -> str | None:
    if not any(ch.isalpha() for ch in name):
        return "has no letter"
    if any(ch.isdigit() for ch in name):
        return "has digits"
    if name == name.lower():
        return "is all lower case"
    if len(name.split()) > MAX_WORDS:
        return f"is longer than {MAX_WORDS} words"
    return None


def noise(tally: Tally) -> list[Finding]:
    found = []
    for (kind, name), n in sorted(tally.counts.items()):
        reason = _noise(name) if n == 1 else None
        if reason:
            found.append(Finding("noise", [name], f"{TYPE_SINGULAR[kind]} in one article that "
                                 f"{reason}", 1,
                                 [f"blocklist: [{_quoted(name)}]"]))
    return found


def review(tally: Tally) -> list[Finding]:
    return [*split_types(tally), *aliases(tally), *short_forms(tally), *party_nicknames(tally),
            *noise(tally)]


def render_text(findings: Iterable[Finding]) -> str:
    titles = {"split-type": "Names under more than one type",
              "alias": "Likely aliases with pages of their own",
              "noise": "Single-article names that look like noise"}
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.kind].append(finding)
    lines: list[str] = []
    for kind, title in titles.items():
        items = grouped.get(kind, [])
        lines.append(f"{title}: {len(items)}")
        for item in items:
            lines.append(f"  - {item.reason} ({item.articles} article"
                         f"{'' if item.articles == 1 else 's'}); paste into entities.yml:")
            lines += [f"      {line}" for line in item.yaml]
        lines.append("")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.articles)
    if not folder.is_dir():
        print(f"newsarchive entities review: {os.fspath(folder)}: no such folder "
              "(ingest first, or pass --articles)", file=sys.stderr)
        return 2
    tally, skipped = read_archive(folder)
    for line in skipped:
        print(line, file=sys.stderr)
    findings = review(tally)
    if args.json:
        print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=1))
    else:
        print(render_text(findings), end="")
    return 0
