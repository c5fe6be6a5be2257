"""Newspapers: named by a press review's headings, and by their mastheads in any article.

A press review ("PRESS DIGEST - Kessel", "What the Varnholm papers say") sums up several
newspapers' stories, each under a heading that is the paper's name, in capitals on a line of
its own ("KESSEL TIMES", "LA GAZETA"). Nothing in such a line tells the small model what it is,
and it reads none of them; the article's opening does: it says it sums up newspapers or the
press. In such an article, a heading in capitals of one to six words, with no digits but a
number ending it ("KESSEL 24"), names an organisation, unless it is a place the gazetteer
knows (a review may be ordered by city) or only common English words and no word of a paper's
name ("ECONOMY" heads a section, not a paper; "JAKARTA POST", "THE TIMES" and "LE TEMPS" name
one). Where half the headings or more have such words, the others are papers too, however
common their words ("DAWN" beside "HARWICK POST" and "THE KESSEL TIMES").

In any article, capitalised words ending in a word only a newspaper's name ends in ("the
Sunday Kessel Telegraph reported", "Varnholm Standard"; :data:`~newsarchive.entities.vocab.
MASTHEAD_WORDS`) name a paper where the model read nothing, or only the town in it. Titles
that "daily" or "weekly" introduce are found by :mod:`~newsarchive.entities.kinds`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsarchive.entities.gazetteer import Gazetteer, gazetteer
from newsarchive.entities.lexicon import is_english_word
from newsarchive.entities.ner import Mention
from newsarchive.entities.normalize import name_key
from newsarchive.entities.vocab import FOREIGN_ARTICLES, MASTHEAD_WORDS, NEWSPAPER_WORDS

#: What an opening says of a press review: it is one, or it sums up newspapers or a country's
#: press ("the leading stories in the Kessel press").
_REVIEW = re.compile(
    r"\bpress (?:digest|review)s?\b|\bnewspapers\b|\bthe papers\b|\bdailies\b"
    r"|\b(?:(?-i:[A-Z][a-z]+n)|national|local|daily|morning|evening|weekend|Sunday) press\b",
    re.IGNORECASE,
)
#: How much of the article's start says what it is: its title and first paragraphs.
OPENING_CHARS = 600
#: A heading: a line in capitals, of one to six words and no digits but a number ending it
#: ("HARWICK 24").
_HEADING = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][A-Z'’&.\-]*(?: [A-Z][A-Z'’&.\-]*){0,5}(?: \d{1,3})?)[ \t]*$"
)


def is_press_review(text: str) -> bool:
    """Whether the article's opening says it sums up newspapers (see the module)."""
    return _REVIEW.search(text, 0, OPENING_CHARS) is not None


def is_paper_heading(text: str, mention: Mention) -> bool:
    """Whether ``mention``, an organisation, is a whole heading line of ``text`` (a press
    review's paper: kept where a heading read as a name is otherwise dropped)."""
    if mention.label != "ORG":
        return False
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    match = _HEADING.fullmatch(line)
    return match is not None and match.group("name") == mention.text


def press_review_mentions(
    text: str, mentions: Sequence[Mention], words: frozenset[str]
) -> list[Mention]:
    """The newspapers a press review names in its headings, as organisations (see the module);
    none in an article that is no press review. ``words`` are the model's English words
    (:func:`~newsarchive.entities.lexicon.english_words`)."""
    if not is_press_review(text):
        return []
    title_end = text.find("\n")
    places = gazetteer()
    headings = [match for match in _HEADING.finditer(text)
                if match.start("name") > title_end
                and places.place(match.group("name").title()) is None]
    read = [any(m.start < match.end("name") and match.start("name") < m.end
                for m in mentions if m.label == "ORG") for match in headings]
    # where half the headings or more have a paper's words, the others are papers too ("DAWN"
    # beside "THE KESSEL TIMES" and "HARWICK POST"), however common their words
    papers = sum(_a_papers_name(match.group("name")) for match in headings)
    all_papers = 2 * papers >= len(headings) > 1
    found: list[Mention] = []
    for match, seen in zip(headings, read, strict=True):
        start, end = match.span("name")
        name = match.group("name")
        if words and not all_papers and not _a_papers_name(name) and all(
            _common(w.strip("'’&.-"), words, places) for w in name.split()
        ):
            continue
        if seen:
            continue  # the model read it: as it is
        found.append(Mention(name, "ORG", start, end))
    return found


def _common(word: str, words: frozenset[str], places: Gazetteer) -> bool:
    """Whether ``word`` is a common English word: in the model's word lists (which hold some
    proper names too) and no place the gazetteer knows."""
    return is_english_word(word, words) and not places.knows(word.title())


def _a_papers_name(name: str) -> bool:
    """Whether a heading reads as a newspaper's name whatever its words: it has a word of
    one ("TIMES", "POST") or opens with another language's article ("LE", "EL")."""
    keys = name.lower().split()
    return keys[0] in FOREIGN_ARTICLES or any(k in NEWSPAPER_WORDS for k in keys)


def ends_in_a_masthead(name: str) -> bool:
    """A name of two words or more whose last word is a newspaper's ("Varnholmer Zeitung",
    "Kessel Times"; :data:`~newsarchive.entities.vocab.MASTHEAD_WORDS`): a paper, where the
    model read a person or a place. Not a name with "of" ("Anna Marsh of The Kessel Times": a
    person and her paper)."""
    parts = name_key(name).split()
    return len(parts) >= 2 and parts[-1] in MASTHEAD_WORDS and "of" not in parts


#: Capitalised words (no possessive among them: an apostrophe ends a word; the joiners of other
#: languages' names between them) ending in a masthead's word, which no capitalised word
#: follows ("Times Square").
_MASTHEAD = re.compile(
    r"(?<![\w'’.-])((?:(?!An? )[A-Z][\w-]* (?:(?:dello|della|del|de|di|du|am|zu) )?){1,4}"
    r"(?:" + "|".join(sorted(w.capitalize() for w in MASTHEAD_WORDS)) + r"))"
    r"(?![\w'’-]| [A-Z])"
)


def masthead_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Newspapers named by their mastheads (see the module), each as an organisation, in
    place of what the model read inside it ("Kessel" in "Kessel Times", "Sunday" in "The
    Sunday Kessel Telegraph"). Not where the model read it as an organisation already, nor
    inside a longer name ("Anna Marsh of The Kessel Gazette"), nor a masthead's word after
    "The" alone, or before "&" or "'s", which opens another name ("The Standard & Varnholm's
    index")."""
    found: list[Mention] = []
    for match in _MASTHEAD.finditer(text):
        start, end = match.span(1)
        name = match.group(1)
        if name.split()[0] == "The" and len(name.split()) == 2:
            continue
        if _OTHER_NAME_AFTER.match(text, end):
            continue
        if inside_a_longer_name(mentions, start, end):
            continue  # "Anna Marsh of The Kessel Gazette"
        if any(m.label == "ORG" and (m.start, m.end) == (start, end) for m in mentions):
            continue
        found.append(Mention(name, "ORG", start, end))
    return found


def inside_a_longer_name(mentions: Sequence[Mention], start: int, end: int) -> bool:
    """Whether [start, end) lies inside a longer name the model read (a person, an
    organisation, a place or a people) among ``mentions``."""
    return any(
        m.start < end and start < m.end and (m.start < start or end < m.end)
        and m.label in _NAME_LABELS
        for m in mentions
    )


#: The model's labels of names a layout rule's find may be read inside.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
#: What makes a masthead's word the start of another name: "&", or a possessive noun after it.
_OTHER_NAME_AFTER = re.compile(r" ?&|['’]s\b")

