"""One name and one type per thing across the archive: the last step, over every article's
entities.

An acronym or a short form an article uses alone ("IMF", "Harbour", "Mod Libs") goes to the
long name other articles of the archive folded it into or listed it beside ("International
Monetary Fund", "Harbour Party", "Moderate Liberals"): :func:`archive_acronyms`; one no article
introduces goes to the one organisation its letters spell: :func:`archive_initialisms`; a name
written two ways ("&" or "and") has one spelling: :func:`archive_spellings`.

An entity page is keyed by type and name, so "Dunmere" listed as a place in one article and as
an organisation in another would make two pages for what a reader takes to be one thing. Each
article has already decided its own type by vote (:mod:`newsarchive.entities.vote`); here the
articles vote again, each with the weight of its own evidence (``ArticleEntities.weights``: the
mentions that voted for its type, so a results table of twenty rows outweighs one sentence of
prose where the model took the club for a person; the square root of it for a name of several
words, so one article's repeated misreading of a person does not outvote other articles; see
:func:`article_weight`), with the same tie rule (the gazetteer, then
the earliest article in the order given, then the fixed type order). Two things steady that
vote, since a name whose type changes is rewritten in every article that names it:

- a name's own words: one that starts with a given name is a person, one that ends in
  "Holdings" or "Marine" an organisation, unless another type has more than twice the evidence
  (:func:`_leaning`);
- a close vote over a name in many articles is settled by its first articles in the order
  given (:func:`_settled`): new articles, which come later, re-type it only once the whole
  archive leans clearly the other way.

Both depend only on which articles the archive holds, so an archive grown by several ingests
still votes like one clean ingest.

Ingest calls :func:`resolve_archive` once it has the entities of every article, new and
unchanged alike (read back from front matter), in a stable order (the article key), and writes
back the articles whose lists changed. It is pure: no model, no files.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsarchive.entities.gazetteer import gazetteer
from newsarchive.entities.given_names import given_names, looks_like_a_person
from newsarchive.entities.model import ENTITY_TYPES, ArticleEntities
from newsarchive.entities.normalize import ACRONYM, acronym_letters, initials, name_key
from newsarchive.entities.vocab import (
    ACRONYM_JOINERS,
    CHAMBER,
    LEGAL_FORMS,
    ORG_DESIGNATORS,
    PARTY_NICKNAMES,
    TRADE_WORDS,
)
from newsarchive.entities.vote import _EPSILON, decide


def archive_types(
    articles: Sequence[ArticleEntities], borrowed: frozenset[tuple[int, str]] = frozenset()
) -> dict[str, str]:
    """The type each name (by :func:`name_key`) gets across ``articles``.

    Each article votes with the weight of its evidence (:func:`article_weight`). An article
    that names a thing only by a short form the archive renamed (``borrowed``: its index and the
    long name's key) votes only for a name no article names itself: a short form takes the long
    name's type ("Lib Dems", read as a person, is the organisation "Liberal Democrats").

    A town's name the model reads as a person ("Glasgow") votes as a place, unless some
    person of the archive has that name ("Bush" of "George W Bush", "Paris" of "Paris Hilton")."""
    ballots: dict[str, list[tuple[int, str, float]]] = {}
    lent: dict[str, list[tuple[int, str, float]]] = {}
    spelling: dict[str, str] = {}
    for index, article in enumerate(articles):
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                key = name_key(name)
                spelling.setdefault(key, name)
                into = lent if (index, key) in borrowed else ballots
                into.setdefault(key, []).append((index, kind, article_weight(article, name)))
    for key, votes in lent.items():
        ballots.setdefault(key, votes)
    named = _called_alone(name for article in articles for name in article.people)
    types = {}
    for key, votes in ballots.items():
        if " " not in key and key not in named:
            votes = _no_one_called(spelling[key], votes)
        leaning = _leaning(key, votes)
        types[key] = leaning or decide(spelling[key], _settled(votes))
    return types


def _called_alone(people: Iterable[str]) -> frozenset[str]:
    """The keys of the words a person of the archive may be called by alone: the surname of
    each person named in two words or more ("Welsh" of "Irvine Welsh"), and the first word
    where it is a given name ("Paris" of "Paris Hilton"). Not any other first word: a name the
    model read as a person in front of a club's ("Premiership Fulham") is no one's name."""
    words: set[str] = set()
    for name in people:
        parts = name_key(name).split()
        if len(parts) >= 2:
            words.add(parts[-1])
            if parts[0] in given_names():
                words.add(parts[0])
    return frozenset(words)


def _no_one_called(name: str, votes: list[tuple[int, str, float]]) -> list[tuple[int, str, float]]:
    """The votes for a one-word name no person of the archive has: a town's reading as a
    person is a place's ("Glasgow"); another name's readings as a person do not count when
    some article reads it as an organisation and it is no given name ("Kessmark", the company
    in one article, a person to the model in ten; on BBC dev "Yukos", "Everton", "Uefa"). A
    reading as a place does not do that: the model reads a surname as a place as often."""
    if gazetteer().place(name) is not None:
        return [(i, "places" if kind == "people" else kind, w) for i, kind, w in votes]
    if name_key(name) in given_names() or not any(
        kind == "organizations" for _i, kind, _w in votes
    ):
        return votes
    return [vote for vote in votes if vote[1] != "people"]


#: How many of a name's articles settle its type when the archive's vote is not clear: the
#: first in the order given (by article key: the earliest).
SETTLED_ARTICLES = 50
#: How far ahead the archive's vote must be to be clear: the best type has more than this many
#: times the evidence of any other.
CLEAR_LEAD = 3.0


def _settled(votes: list[tuple[int, str, float]]) -> list[tuple[int, str, float]]:
    """The votes that decide a name's type: all of them when their vote is clear
    (:data:`CLEAR_LEAD`) or the name is in few articles, else those of its first
    :data:`SETTLED_ARTICLES` articles.

    A name the model reads two ways about as often (a town and a club of its name, a person
    sometimes taken for a company) would otherwise tip from one type to the other with every
    few new articles, and every article that names it would be rewritten. Its first articles
    settle it instead, and new articles, which come later, leave it alone until the whole
    archive leans clearly the other way. This depends only on which articles the archive holds,
    never on the order they came in, so a grown archive still equals one ingested at once.
    """
    if len(votes) <= SETTLED_ARTICLES:
        return votes
    articles = sorted({index for index, _kind, _w in votes})
    if len(articles) <= SETTLED_ARTICLES:
        return votes
    totals = sorted(_totals(votes).values(), reverse=True)
    if len(totals) == 1 or totals[0] > CLEAR_LEAD * totals[1] + _EPSILON:
        return votes
    last = articles[SETTLED_ARTICLES - 1]
    return [vote for vote in votes if vote[0] <= last]


def _totals(votes: list[tuple[int, str, float]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for _i, kind, weight in votes:
        totals[kind] = totals.get(kind, 0.0) + weight
    return totals


#: How much more evidence another type needs to win a name whose words say what it is from the
#: readings of that type: more than twice as much (:func:`_leaning`).
PRIOR = 2.0


def _leaning(key: str, votes: list[tuple[int, str, float]]) -> str | None:
    """The type the words of the name ``key`` say it is, when some articles read it so and no
    other type has more than :data:`PRIOR` times their evidence; else None (the vote decides).

    - ``people``: a name that starts with a given name ("Layla Feldby";
      :func:`newsarchive.entities.given_names.looks_like_a_person`);
    - ``organizations``: a name of several words that ends in a word such as "Authority" or
      "Holdings" (:data:`~newsarchive.entities.vocab.ORG_DESIGNATORS`,
      :data:`~newsarchive.entities.vocab.LEGAL_FORMS`); one that ends in a trade ("Kessel
      Marine", "Norvane Pharma": :data:`~newsarchive.entities.vocab.TRADE_WORDS`) is an
      organisation whenever an article reads it so, however many read it as a person: no person
      or place is named so.

    The model reads some persons as companies and some companies as persons about as often as
    it reads them right, or more often; a vote that close would also tip with every few new
    articles.
    """
    totals = _totals(votes)
    if len(totals) < 2:
        return None
    parts = key.split()
    if len(parts) >= 2 and parts[-1] in TRADE_WORDS and totals.get("organizations"):
        return "organizations" if gazetteer().place(key) is None else None
    for kind, looks_like in (("people", looks_like_a_person),
                             ("organizations", _looks_like_an_organisation)):
        mine = totals.get(kind, 0.0)
        if not mine:
            continue
        if max(v for k, v in totals.items() if k != kind) > PRIOR * mine + _EPSILON:
            continue
        if looks_like(key):
            return kind
    return None


_ORG_ENDINGS = ORG_DESIGNATORS | LEGAL_FORMS | TRADE_WORDS


def _looks_like_an_organisation(name: str) -> bool:
    """A name of several words whose last word says it is an organisation ("Kessel Holdings"),
    not a place the gazetteer knows."""
    parts = name_key(name).split()
    return len(parts) >= 2 and parts[-1] in _ORG_ENDINGS and gazetteer().place(name) is None


#: The most one article's reading of a known place's name weighs in the archive vote
#: (:func:`article_weight`): a table's rows still outweigh one sentence of prose.
TOWN_CAP = 3.0


def article_weight(article: ArticleEntities, name: str) -> float:
    """What one article's reading of ``name`` weighs in the archive vote.

    A single word is often a place and a club named after it ("Harwick" the town in prose, the
    club in a results table): there the weight of the evidence counts in full, since the table's
    twenty rows are what tell the club apart. A name of two or more words that the gazetteer does
    not know as a place ("Talia Brenmoor") is one thing, and one article repeating the model's
    misreading three times must not outvote two articles that read it right: an article weighs
    the square root of its evidence (3 -> 1.73, less than two articles of 1).

    A town a place lookup knows ("Tulsa", "New York") weighs at most :data:`TOWN_CAP` an
    article: one page of standings names its club in every row, and must not outvote the many
    articles that name the town once or twice in prose.
    """
    weight = article.weights.get(name, 1.0)
    if weight > TOWN_CAP and gazetteer().place(name) is not None:
        return TOWN_CAP
    if weight > 1 and len(name.split()) > 1 and gazetteer().place(name) is None:
        return math.sqrt(weight)
    return weight


def archive_written_acronyms(
    articles: Sequence[ArticleEntities], acronyms: dict[str, str]
) -> dict[str, str]:
    """The long names (by key) the archive writes less often than their acronym, each to the
    acronym as the archive writes it: "NATO", when more articles name it so alone than by its
    long name alone, is the page's name, and its long name an alias.

    ``acronyms`` maps an acronym's key to its long name (:func:`archive_acronyms`). An article
    that writes both counts for neither; a tie keeps the long name."""
    if not acronyms:
        return {}
    longs = {name_key(long): key for key, long in acronyms.items()}
    alone: Counter[str] = Counter()  # acronym key: articles that write it without its long name
    spelt_long: Counter[str] = Counter()  # long key: articles that write it without its acronym
    forms: dict[str, Counter[str]] = {}
    for article in articles:
        written = {name_key(name): name for name in _names(article)}
        for canonical, folded in article.aliases.items():
            written.setdefault(name_key(canonical), canonical)
            for form in folded:
                written.setdefault(name_key(form), form)
        for key in written.keys() & acronyms.keys():
            if name_key(acronyms[key]) not in written:
                alone[key] += 1
                forms.setdefault(key, Counter())[written[key]] += 1
        for key in written.keys() & longs.keys():
            if longs[key] not in written:
                spelt_long[key] += 1
    found = {}
    for key, long in acronyms.items():
        if alone[key] > spelt_long[name_key(long)]:
            form = min(forms[key], key=lambda form: (-forms[key][form], form))
            if ACRONYM.fullmatch(form) and key not in name_key(long).split():
                found[name_key(long)] = form  # not a word of the name in capitals ("KESSEL")
    return found


def archive_acronyms(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The long name each acronym or short form stands for across the archive (by the short
    form's key).

    Learnt from the articles themselves: an article that folded "IMF" into "International
    Monetary Fund" (introduced in brackets, or spelt by the long name's initials in the same
    article; see its ``aliases``) says what "IMF" means where another article uses it alone.
    Short forms are learnt the same way (:func:`short_form`): from the forms an article folded
    into an organisation, and from an article that lists both a short form and its long name as
    names of their own ("Harbour" and "Harbour Party", "Lib Dems" and "Liberal Democrats"): the
    article speaks of one thing twice. A form folded into two different things ("World Trade
    Organisation", "World Tourism Organisation"; "Moderate Liberals", "Modern Libertarians") is
    left alone; spellings of one thing
    ("Securities and Exchange Commission", "Securities & Exchange Commission") go to the most
    frequent, then the first in A-Z order. Only what the archive's own articles fold is renamed:
    a "Congress" is never taken for a "Congress Party" no article names beside it.
    """
    return {key: target for key, (target, _short) in _learnt(articles).items()}


def _learnt(articles: Sequence[ArticleEntities]) -> dict[str, tuple[str, bool]]:
    """:func:`archive_acronyms`, each with whether it is a short form (not an acronym)."""
    targets: dict[str, Counter[str]] = {}
    short_keys: set[str] = set()
    cut_keys: set[str] = set()  # first words cut short ("Fed"): see short_form
    seen: Counter[str] = Counter()  # articles that name or fold each one-word name
    for article in articles:
        seen.update({
            name_key(name)
            for name in (*article.people, *article.organizations, *article.other,
                         *(form for forms in article.aliases.values() for form in forms))
            if len(name.split()) == 1
        })
        people = {name_key(name) for name in article.people}
        for canonical, forms in article.aliases.items():
            for form in forms:
                if name_key(form) == name_key(canonical):
                    continue
                if ACRONYM.fullmatch(form) and not (
                        name_key(canonical) in people
                        and name_key(form) in name_key(canonical).split()):
                    # an acronym; not a person's name in capitals ("SYDNEY" of "Sydney
                    # Orrin", a dateline the article folded into the person)
                    targets.setdefault(name_key(form), Counter())[canonical] += 1
                elif name_key(canonical) not in people and short_form(form, canonical, True):
                    targets.setdefault(name_key(form), Counter())[canonical] += 1
                    short_keys.add(name_key(form))
                    if _cut(form, canonical):
                        cut_keys.add(name_key(form))
        for short, long in _listed_short_forms(article):
            targets.setdefault(name_key(short), Counter())[long] += 1
            short_keys.add(name_key(short))
            if _cut(short, long):
                cut_keys.add(name_key(short))
    found = {}
    for key, counts in targets.items():
        if len({_loose(name) for name in counts}) != 1:
            continue
        if key in cut_keys and _FIRST_WORD_SHARE * seen[key] > counts.total():
            continue  # "Fed" beside "Federal Reserve" once, alone in many other articles
        found[key] = (min(counts, key=lambda name: (-counts[name], name)), key in short_keys)
    return found


#: The share of the articles naming a first word cut short ("Fed") that must name the long
#: name beside it or fold it into the long name ("Federal Reserve"), for the archive to take the
#: one for the other.
_FIRST_WORD_SHARE = 0.5


def _words(name: str) -> list[str]:
    """A name's words, case-folded, a hyphen counting as a space: how short forms are
    compared."""
    return [word.casefold() for word in name.replace("-", " ").split()]


def _cut(short: str, long: str) -> bool:
    """Whether ``short`` is ``long``'s first word cut short (:func:`first_word_cut`)."""
    return first_word_cut(_words(short), _words(long))


#: The last word of a name whose first words are often written alone ("Harbour Party" ->
#: "Harbour", its members "Harbours" ...).
_DROPPABLE = frozenset({"party"})


def short_form(short: str, long: str, first_word: bool = False) -> bool:
    """Whether ``short`` is a short form of the organisation ``long``.

    Not a name without its legal form: "Vodafone" alone is the group, not the "Vodafone KK" an
    article folded it into (an article folds those itself, :mod:`newsarchive.entities.resolve`).

    - ``long`` without its last word "Party", or the plural of what is left ("Harbour" or
      "Harbours" for "Harbour Party", "Conservatives" for "Conservative Party");
    - the same words, some cut short ("Lib Dems", "Lib Dem" for "Liberal Democrats") or
      contracted ("Man Utd" for "Manchester United"): at least two words, a cut word keeps three
      letters or more and loses three or more ("Bank of America" is not "Bank of American"),
      and may end in a plural "s" when the word it cuts does ("Dems" for "Democrats"; "News" is
      not "Newcastle"); a contracted one keeps the word's first and last letters, in order,
      and no vowel after its first letter;
    - with ``first_word``, the first word of a name of two words, cut short, alone ("Fed" for
      "Federal Reserve", "Met" for "Metropolitan Police"): the same cut, of the first word, the
      second left off. One word cut short is a weak sign on its own ("Bush" is no "Bushtucker
      Trial"): :func:`archive_acronyms` takes such a form only where the articles that name it
      mostly name the long name beside it, or fold it into it (:data:`_FIRST_WORD_SHARE`), and
      never a person's name.
    """
    part, whole = _words(short), _words(long)
    if not part or part == whole or len(part) > len(whole):
        return False
    if first_word and first_word_cut(part, whole):
        return True
    if len(part) < len(whole):
        rest = whole[len(part) :]
        if whole[: len(part)] == part:
            return rest == ["party"]
        head = whole[:-1]
        return whole[-1] in _DROPPABLE and part == [*head[:-1], head[-1] + "s"]
    if len(part) < 2:
        return False
    cut = False
    for p, w in zip(part, whole, strict=True):
        if p == w:
            continue
        stem = p[:-1] if p.endswith("s") and w.endswith("s") and not w.startswith(p) else p
        if not (_prefix_cut(stem, w) or _contracted(p, w)):
            return False
        cut = True
    return cut


def _prefix_cut(stem: str, word: str) -> bool:
    """``stem`` is ``word``'s start, keeping three letters or more and losing three or more."""
    return len(stem) >= 3 and word.startswith(stem) and len(word) >= len(stem) + 3


def _contracted(short: str, word: str) -> bool:
    """``short`` is ``word`` contracted ("utd" for "united", "intl" for "international"): three
    letters or more, its first and last, in order, losing three or more, and no vowel but the
    first letter ("dent" is a word, not "Davenport" contracted; "news" is not "networks")."""
    if len(short) < 3 or short[0] != word[0] or short[-1] != word[-1]:
        return False
    if any(letter in "aeiou" for letter in short[1:]):
        return False
    if len(word) < len(short) + 3:
        return False
    position = 0
    for letter in short:
        position = word.find(letter, position) + 1
        if not position:
            return False
    return True


def first_word_cut(part: list[str], whole: list[str]) -> bool:
    """Whether the one word ``part`` is the first of the two words ``whole`` cut short ("fed",
    "federal reserve"; both case-folded): it keeps three letters or more and loses three or
    more."""
    if len(part) != 1 or len(whole) != 2 or not part[0].isalpha():
        return False
    return _prefix_cut(part[0], whole[0])


def _listed_short_forms(article: ArticleEntities) -> list[tuple[str, str]]:
    """(short form, organisation) pairs listed side by side in one article (not as places)."""
    longs: dict[tuple[str, ...], list[str]] = {}
    for name in article.organizations:
        letters = initial_letters(name)
        for end in range(1, len(letters) + (len(letters) >= 2)):
            longs.setdefault(letters[:end], []).append(name)
    if not longs:
        return []
    pairs = []
    for kind in ("people", "organizations", "other"):
        for name in getattr(article, kind):
            for long in longs.get(initial_letters(name), ()):
                # a first word cut short ("Fed") only as an organisation or other: a person's
                # name beside a company's ("Sam", "Samsung Electronics") is a person
                if (name != long and short_form(name, long, kind != "people")
                        and not ACRONYM.fullmatch(name)):
                    pairs.append((name, long))
    return pairs


def initial_letters(name: str) -> tuple[str, ...]:
    """The first letter of each word: a short form (:func:`short_form`) has those of the first
    words of its long name, so only names that share them need comparing."""
    return tuple(word[0].casefold() for word in name.replace("-", " ").split())


def _loose(name: str) -> str:
    """Spellings of one name compare equal: "&" or "and", apostrophes, case, a hyphen or a
    space, "-isation" or "-ization"."""
    loose = name_key(name).replace("&", " and ").replace("'", "").replace("ization", "isation")
    return " ".join(loose.replace("-", " ").split())


#: The words of a name written as one with capitals inside ("QBHarwick": "QB", "Harwick").
_CAMEL_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def _unjoined(name: str) -> str | None:
    """The :func:`_loose` form of a one-word name with capitals inside read as the words they
    begin ("DunmereFreight" -> "dunmere freight"); None for any other name ("Seaway", "QB")."""
    if " " in name or "-" in name or name.isupper() or not any(c.isupper() for c in name[1:]):
        return None
    words = _CAMEL_WORDS.findall(name)
    if len(words) < 2 or "".join(words) != name:
        return None
    return _loose(" ".join(words))


def _renamed(
    article: ArticleEntities,
    acronyms: dict[str, str],
    short: frozenset[str] = frozenset(),
    own: dict[str, str] | None = None,
) -> ArticleEntities:
    """``article`` with its names renamed by ``acronyms`` (name key -> archive name: acronyms,
    short forms and other spellings), their weights added to the new name's; the same object
    when none is.

    A renamed name joins the long name's type when the article lists the long name ("Harbour",
    read as a person, beside the organisation "Harbour Party"); a short form (a key in
    ``short``) listed as a place is a place of that name, not the organisation, and stays.
    ``own`` renames names of this article only (a surname: :func:`archive_surnames`).
    """
    def target_of(name: str, kind: str) -> str | None:
        key = name_key(name)
        if own and key in own:
            target = own[key]
        elif kind == "places" and key in short:
            return None
        else:
            target = acronyms.get(key)
        return None if target == name else target

    if not any(target_of(n, kind) for kind in ENTITY_TYPES for n in getattr(article, kind)):
        return article
    kind_of = {name: kind for kind in ENTITY_TYPES for name in getattr(article, kind)}
    listed = set(kind_of)
    lists: dict[str, set[str]] = {kind: set() for kind in ENTITY_TYPES}
    weights = dict(article.weights)
    aliases = {name: list(forms) for name, forms in article.aliases.items()}
    for kind in ENTITY_TYPES:
        for name in getattr(article, kind):
            target = target_of(name, kind)
            if target is None:
                lists[kind].add(name)
                continue
            lists[kind_of.get(target, kind)].add(target)
            before = weights.get(target, 1) if target in listed else 0
            weights[target] = before + weights.pop(name, 1)
            listed.add(target)
            aliases.setdefault(target, [])
            if name not in aliases[target]:
                aliases[target].append(name)
    return replace(article, **{kind: sorted(lists[kind]) for kind in ENTITY_TYPES},
                   weights=weights, aliases=aliases)


#: The endings of a company's web address used as its name ("Kesselmart.com").
WEB_SUFFIXES = (".com", ".co.uk", ".net")


def archive_web_names(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The organisation each web name stands for ("Kesselmart.com" -> "Kesselmart"; by the web
    name's key), where some article lists the name without its ending as an organisation."""
    organisations = {name_key(name): name for article in articles
                     for name in article.organizations}
    found = {}
    for key in organisations:
        for suffix in WEB_SUFFIXES:
            bare = key.removesuffix(suffix)
            if bare != key and bare in organisations:
                found[key] = organisations[bare]
    return found


def archive_spellings(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """One spelling for names written two ways (:func:`_loose`: "Port & Harbour Board", "Port
    and Harbour Board"; "Harbour-Line", "Harbour Line"; "KesselCom", "Kesselcom"), and for a
    name written as one word with capitals inside and as the words they begin
    ("DunmereFreight", "Dunmere Freight"; not "Seaway" and "Sea Way"). The spelling is one not
    in capitals (:func:`_in_capitals`) where there is one, then the one in most articles, then
    the first in A-Z order. It is given by the key of every other spelling, one of the same key
    (case only) too, so an article's chip says what the entity's page says."""
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                counts.setdefault(_loose(name), Counter())[name] += 1
    for loose in [key for key in counts if " " not in key]:  # joined words, where both occur
        words = {_unjoined(name) for name in counts[loose]} & counts.keys()
        if len(words) == 1:
            counts[words.pop()].update(counts.pop(loose))
    found = {}
    for spellings in counts.values():
        if len(spellings) > 1:
            best = min(spellings, key=lambda name: (_in_capitals(name), -spellings[name], name))
            found.update({name_key(n): best for n in spellings if n != best})
    return found


def _in_capitals(name: str) -> bool:
    """Whether ``name`` has a word of five letters or more in capitals ("HARWICK" of a results
    table or a dateline), which an acronym ("NATO") has not: a spelling taken only where no
    article writes the name otherwise."""
    return any(len(word) >= 5 and word.isupper() for word in name.split())


def archive_national_names(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The name without its country for organisations named with one in front ("US Federal
    Reserve" -> "Federal Reserve"; by the long name's key).

    Only where the archive says they are one thing: an article folded the name without the
    country into the long one (it wrote both, for one organisation), and another article lists
    that name as an organisation on its own. The country is one the gazetteer knows ("US",
    "Britain", or the "UN" and the "EU"; not a demonym: the "Scottish Football Association" is
    not the "Football Association"), and what is left has two words or more ("US Airways" is not
    "Airways").
    """
    folded: dict[str, Counter[str]] = {}
    alone: set[str] = set()
    for article in articles:
        alone.update(name_key(name) for name in article.organizations)
        people = {name_key(name) for name in article.people}
        for canonical, forms in article.aliases.items():
            if name_key(canonical) in people:
                continue
            for form in forms:
                if _without_country(canonical) == name_key(form):
                    folded.setdefault(name_key(canonical), Counter())[form] += 1
    return {
        key: min(counts, key=lambda name: (-counts[name], name))
        for key, counts in folded.items()
        if _without_country(key) in alone
    }


def archive_party_forms(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """A party's name without the word "Party", or its members' plural ("Harbour" or "Harbours"
    for the "Harbour Party"; by the form's key), wherever an article uses it, once any article of
    the archive names the party.

    Only a form that some article reads as nothing (a group's name the model labels NORP, a
    department word alone: "Conservatives", "Labour"; :mod:`newsarchive.entities.resolve` keeps
    them at weight 0) and that no more articles read as a person or a place than as an
    organisation: a party is named by these far more often than by its full name, often in
    articles that never spell it out. Other short forms are learnt only from articles that name
    both (:func:`archive_acronyms`): "Congress", which the model reads as an organisation, is
    not the "Congress Party" of another article. A form that two parties share is left alone."""
    parties: dict[tuple[str, ...], Counter[str]] = {}
    spelling: dict[str, str] = {}
    unread: set[str] = set()
    for article in articles:
        for name in article.organizations:
            words = _words(name)
            if len(words) >= 2 and words[-1] in _DROPPABLE:
                parties.setdefault(tuple(words[:-1]), Counter())[name] += 1
            spelling.setdefault(name_key(name), name)
            if not article.weights.get(name, 1):
                unread.add(name_key(name))
    found = {}
    for key, lead in _organisation_lead(articles).items():
        if lead < 0 or key not in unread:
            continue
        words = tuple(_words(spelling[key]))
        heads = [words]
        if words[-1].endswith("s"):
            heads.append((*words[:-1], words[-1][:-1]))
        named = [parties[head] for head in heads if head in parties]
        if len(named) == 1 and len({_loose(name) for name in named[0]}) == 1:
            counts = named[0]
            found[key] = min(counts, key=lambda name: (-counts[name], name))
    return found


def party_heads(articles: Sequence[ArticleEntities]) -> dict[int, dict[str, str]]:
    """Per article (by index), the party each of its names without "Party" stands for ("A
    Conservative spokesman" beside the "Tories" the archive knows as the "Conservative Party"):
    the party's name without its last word, or its members' plural, listed as an organisation
    where the article lists the party as the archive names it (not "Mr Green" beside the "Green
    Party"). Only in such an article: alone, "Congress" is no "Congress Party"
    (:func:`archive_party_forms` takes the forms the model reads as nothing everywhere)."""
    found: dict[int, dict[str, str]] = {}
    for index, article in enumerate(articles):
        listed = {name_key(name) for name in article.organizations}
        for party in article.organizations:
            words = _words(party)
            if len(words) < 2 or words[-1] not in _DROPPABLE:
                continue
            head = " ".join(words[:-1])
            for form in (head, head + "s"):
                if form in listed:
                    found.setdefault(index, {})[form] = party
    return found


#: In how many articles the archive must list a plural as something other than a person for
#: its singular, read as a person, to be taken for it (:func:`archive_plural_forms`).
PLURAL_ARTICLES = 3


def archive_plural_forms(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """A one-word name the archive lists as a person ("Oscar", in "Oscar nominations"), and
    else only as an event or an award, goes to its plural where the archive lists that as
    something else in :data:`PLURAL_ARTICLES` articles or more ("Oscars"): an award or an event
    named in the singular in front of a noun, which the model takes for a given name. Not the
    surname of a person of the archive ("Simpson", "Simpsons"), nor a name any article lists as
    an organisation or a place ("Wasp", a film, beside "Wasps", the club)."""
    kinds: dict[str, Counter[str]] = {}
    spelling: dict[str, str] = {}
    surnames: set[str] = set()
    for article in articles:
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                key = name_key(name)
                kinds.setdefault(key, Counter())[kind] += 1
                spelling.setdefault(key, name)
                parts = key.split()
                if kind == "people" and len(parts) >= 2:
                    surnames.add(parts[-1])
    found = {}
    for key, counts in kinds.items():
        plural = kinds.get(key + "s")
        if (
            " " not in key and key not in surnames
            and "people" in counts and set(counts) <= {"people", "other"}
            and plural is not None
            and sum(n for kind, n in plural.items() if kind != "people") >= PLURAL_ARTICLES
        ):
            found[key] = spelling[key + "s"]
    return found


def archive_cut_forms(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """A name of two or more words, each the word of an organisation's name cut short ("Lib
    Dems" for "Liberal Democrats"; :func:`short_form`), wherever an article uses it, once any
    article names the organisation, and only when one organisation of the archive fits. Each
    word is the same or cut short, keeping three letters and losing three, and one at least is
    cut; a name the gazetteer knows as a place, or an article lists as one ("Beverly Hills"), is
    left alone. The model often reads such a form as a person.

    A country's name and its people's are no cut short: "Sudan Airways" and "Sudanese Airways"
    are one airline, named as more articles write it (a tie: the longer)."""
    longs: dict[tuple[str, ...], set[str]] = {}
    names: dict[str, str] = {}
    placed: set[str] = set()
    writers: Counter[str] = Counter()
    for article in articles:
        for name in article.organizations:
            if len(name.split()) >= 2:
                longs.setdefault(initial_letters(name), set()).add(name)
        for name in _names(article):
            if len(name.split()) >= 2:
                names.setdefault(name_key(name), name)
                writers[name_key(name)] += 1
        placed.update(name_key(name) for name in article.places)
    found = {}
    places = gazetteer()
    for key, name in names.items():
        if key in placed or places.place(name) is not None:
            continue
        fits = {
            _loose(long): long
            for long in sorted(longs.get(initial_letters(name), ()))
            if len(_words(long)) == len(_words(name)) and short_form(name, long)
        }
        if len(fits) == 1:
            (long,) = fits.values()
            if _country_for_people(name, long) and writers[key] > writers[name_key(long)]:
                found[name_key(long)] = name
            else:
                found[key] = long
    return found


def _country_for_people(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with a people's name ("Sudanese") put back to its
    country's ("Sudan"), and nothing else cut."""
    places = gazetteer()
    pairs = [(a, b) for a, b in zip(_words(short), _words(long), strict=True) if a != b]
    return bool(pairs) and all(
        places.place(a) is not None and places.is_demonym(b.title()) for a, b in pairs)


def archive_house_forms(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The one word a chamber is called by ("the Commons", "the Lords" for the "House of
    Commons", the "House of Lords"; by the word's key), wherever an article uses it, once an
    article names the chamber as an organisation and calls it by the word too (folded into it
    there), and when no more articles read the word as a person or a place than as an
    organisation: a "Brandt" beside the store "House of Brandt" is a person, and the "Gulls" of
    the sports pages are no "House of Gulls" that no article calls by that word."""
    houses: dict[str, str] = {}
    for article in articles:
        for name in article.organizations:
            words = _words(name)
            if (
                len(words) == len(CHAMBER) + 1
                and tuple(words[:-1]) == CHAMBER
                and any(_words(form) == words[-1:] for form in article.aliases.get(name, ()))
            ):
                houses.setdefault(words[-1], name)
    if not houses:
        return {}
    return {
        key: houses[key]
        for key, lead in _organisation_lead(articles).items()
        if lead >= 0 and key in houses and " " not in key
    }


def _organisation_lead(articles: Sequence[ArticleEntities]) -> Counter[str]:
    """By name key: the articles that list a name as an organisation, less those that list it as
    a person or a place (a short form is taken for an organisation's only where this is not
    below zero)."""
    lead: Counter[str] = Counter()
    for article in articles:
        lead.update(name_key(name) for name in article.organizations)
        lead.subtract(name_key(name) for name in (*article.people, *article.places))
    return lead


#: How many times more often one full name's articles must share an article's names than any
#: other's, when as many of the names are shared, for a lone surname to be taken for it.
SURNAME_LEAD = 4


def archive_surnames(articles: Sequence[ArticleEntities]) -> dict[int, dict[str, str]]:
    """Per article (by index), the full name each lone surname it lists as a person stands for
    ("Blair" -> "Tony Blair"; by the surname's key), where the article itself names no one of
    that surname (it would have folded the surname into that name itself).

    The full names are the people of the archive, of two words or more, that end with the
    surname and start with a given name or an initial ("Tony Blair", "R Corrigan"; not a film
    the model took for a person, "Kill Bill"). Of those, the one whose articles name most of the
    other names this article names, and at least one of them: a surname is taken for a person
    only where the article speaks of what that person's articles speak of ("Kennedy" beside the
    "Liberal Democrats" is the party's leader, not the violinist of another article). A tie is
    broken only by a clear lead: one name's articles share those names :data:`SURNAME_LEAD` times
    as often as any other's ("Bush" beside "U.S." is the president, not the singer or his
    father, each named in an article or two); else it is left alone, and so is a lone name
    that more articles list as something other than a person ("Blackburn", the club). A lone
    name that is also a given name is taken like any other: the model lists it as a person, and
    news names people by their surnames ("Mr Howard", "Terry" in a match report). A one-word
    name the article lists as an organisation or a place (:func:`_misread_surnames`) is taken
    the same way, on firmer evidence (:func:`_misread_as`).
    """
    full: dict[str, set[str]] = {}  # surname key -> full names
    readings: Counter[str] = Counter()  # one-word names: articles as a person minus others
    others = _read_as_no_person(articles)
    listed: Counter[str] = Counter()  # full names: articles that list them
    for article in articles:
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                parts = name.split()
                if len(parts) == 1:
                    readings[name_key(name)] += 1 if kind == "people" else -1
                elif kind == "people" and _starts_like_a_person(parts):
                    full.setdefault(name_key(parts[-1]), set()).add(name)
                    listed[name] += 1
    lone = {key for key, lead in readings.items() if lead > 0 and key in full}
    misread = {key for key in others if key in full and key not in lone}
    if not lone and not misread:
        return {}
    wanted = {name for names in (full[key] for key in lone | misread) for name in names}
    context: dict[str, Counter[str]] = {name: Counter() for name in wanted}
    for article in articles:
        named = [n for n in article.people if n in wanted]
        if named:
            keys = {name_key(n) for n in _names(article)}
            for name in named:
                context[name].update(keys)
    found: dict[int, dict[str, str]] = {}
    for index, article in enumerate(articles):
        surnames = [n for n in article.people if name_key(n) in lone and len(n.split()) == 1]
        surnames += _misread_surnames(article, misread)
        if not surnames:
            continue
        keys = {name_key(n) for n in _names(article)}
        for surname in surnames:
            key = name_key(surname)
            scores = sorted(
                (
                    (
                        sum(1 for k in keys if k != key and context[name][k]),
                        sum(context[name][k] for k in keys if k != key),
                        name,
                    )
                    for name in full[key]
                ),
                key=lambda item: (-item[0], -item[1], item[2]),
            )
            best, weight, name = scores[0]
            if best and (
                len(scores) == 1
                or scores[1][0] < best
                or weight >= SURNAME_LEAD * scores[1][1]
            ) and (key in lone or _misread_as(key, name, keys, context[name], others, listed)):
                found.setdefault(index, {})[key] = name
    return found


#: How many names that are no places an article must share with a person's articles for a
#: one-word name it lists as something else to be taken for that person's surname.
MISREAD_SHARED = 2


def _misread_as(key: str, name: str, keys: set[str], context: Counter[str],
                others: Counter[str], listed: Counter[str]) -> bool:
    """Whether ``key``, listed as no person (:func:`_misread_surnames`), is the surname of
    ``name``: fewer articles list it as something else than list ``name``, and the article
    shares :data:`MISREAD_SHARED` names that are no places with ``name``'s articles. Places
    are shared by everyone ("Britain" is no sign that "Warwick" is a singer), and one shared
    name can be two things ("Keane" the footballer and the band)."""
    places = gazetteer()
    shared = sum(1 for k in keys if k != key and context[k] and not places.knows(k))
    return others[key] < listed[name] and shared >= MISREAD_SHARED


_NOT_PEOPLE = ("organizations", "places", "other")


def _read_as_no_person(articles: Sequence[ArticleEntities]) -> Counter[str]:
    """One-word names (by key): how many articles list each as something other than a
    person."""
    return Counter(
        name_key(name)
        for article in articles
        for kind in _NOT_PEOPLE
        for name in getattr(article, kind)
        if " " not in name
    )


def _looked_up(name: str) -> bool:
    """A place lookup knows ``name`` as a place, an organisation or a demonym ("Wales",
    "EU", "Scots"): never taken for a person's surname."""
    places = gazetteer()
    return places.knows(name) or bool(places.organization(name)) or places.is_demonym(name)


def _misread_surnames(article: ArticleEntities, misread: set[str]) -> list[str]:
    """The one-word names ``article`` lists as an organisation or a place that may be a
    person's surname the model misread ("Quendry said", an organisation to the model; keys in
    ``misread``): none that a place lookup knows or that is a demonym ("Wales", "Bath"), and
    none that a longer name of the article other than a person's holds ("Hughes" beside
    "Hughes Aircraft"). :func:`archive_surnames` takes one for a person only where fewer
    articles list it as something else than list the full name it matches, and the two are
    spoken of alike."""
    longer = {word for kind in ("organizations", "places") for name in getattr(article, kind)
              if " " in name for word in name_key(name).split()}
    return [
        name
        for kind in ("organizations", "places")
        for name in getattr(article, kind)
        if " " not in name and name_key(name) in misread and name_key(name) not in longer
        and not _looked_up(name)
    ]


def _starts_like_a_person(parts: list[str]) -> bool:
    """The first word is a given name ("Tony") or an initial ("R", "J.")."""
    return _initial(parts[0]) or name_key(parts[0].rstrip(".")) in given_names()


def _initial(word: str) -> bool:
    """Whether ``word`` is an initial: one capital letter, with or without its dot ("R", "J.")."""
    letter = word.rstrip(".")
    return len(letter) == 1 and letter.isupper()


def archive_nicknames(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The party each nickname the archive uses stands for ("Tories" -> "Conservative Party"; by
    the nickname's key), where the archive names that party
    (:data:`~newsarchive.entities.vocab.PARTY_NICKNAMES`: no rule can derive "Tory" from
    "Conservative"). Where it names the party only by its members ("Conservatives"), the
    nickname joins them, and both go wherever the archive takes them."""
    named: dict[str, str] = {}
    for article in articles:
        for name in _names(article):
            named.setdefault(name_key(name), name)
    found = {}
    for nickname, parties in PARTY_NICKNAMES.items():
        if nickname not in named:
            continue
        party = next((named[key] for key in parties if key in named), None)
        if party is not None:
            found[nickname] = party
    return found


def archive_middle_initials(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """One name for a person the archive writes with and without middle initials ("Orla K
    Brandt", "Orla K. Brandt", "Orla Brandt"; by the key of each other form): the form most
    articles list, then the one with the initials. Only where the archive lists one person of
    that first and last name with initials between: beside "Orla K Brandt" and "Orla M
    Brandt", an "Orla Brandt" could be either, and stays."""
    counts: Counter[str] = Counter()  # articles listing each person's name, by its key
    spelt: dict[str, str] = {}
    for article in articles:
        for name in article.people:
            counts[name_key(name)] += 1
            spelt.setdefault(name_key(name), name)
    initialled: dict[str, dict[str, list[str]]] = {}  # first and last -> initials -> keys
    for key, name in spelt.items():
        words = name.split()
        if len(words) >= 3 and all(map(_initial, words[1:-1])):
            bare = name_key(f"{words[0]} {words[-1]}")
            initials = "".join(words[1:-1]).replace(".", "")
            initialled.setdefault(bare, {}).setdefault(initials, []).append(key)
    found: dict[str, str] = {}
    for bare, forms in initialled.items():
        if len(forms) != 1 or bare not in counts:
            continue
        (keys,) = forms.values()
        best = min([bare, *keys], key=lambda k: (-counts[k], k == bare, k))
        found.update({key: spelt[best] for key in [bare, *keys] if key != best})
    return found


def _without_country(name: str) -> str | None:
    """The key of ``name`` without the country its first words name, or the union of countries
    the gazetteer knows as an organisation ("UN", "EU"), when two or more words are left ("US
    Federal Reserve" -> "federal reserve", "UN Security Council" -> "security council")."""
    parts = name_key(name).split()
    places = gazetteer()
    for end in range(1, min(3, len(parts) - 2) + 1):
        first = " ".join(parts[:end])
        place = places.place(first)
        if (place is not None and place.kind == "country") or places.organization(first):
            return " ".join(parts[end:])
    return None


def _with_unread(article: ArticleEntities) -> ArticleEntities:
    """``article`` with the names it read as nothing (weight 0, not listed: a group's name the
    model labels NORP, "Conservatives"; a department word alone, "Labour") listed as
    organisations, for the archive to rename or leave out."""
    listed = _names(article)
    unread = [n for n, w in article.weights.items() if not w and n not in listed]
    if not unread:
        return article
    return replace(article, organizations=sorted({*article.organizations, *unread}))


def _listable(name: str, reads: int) -> bool:
    """Whether a name an article read as nothing, and the archive renamed to nothing else, is
    listed where other articles read it: a group's name of two words or more ("Liberal
    Democrats"); one word only when at least as many articles read it as do not (a club the
    model takes for a people, "Saracens"), not "European" or "Muslims", which a few articles
    read as a company's name."""
    return len(name.split()) >= 2 or reads >= 0


def _names(article: ArticleEntities) -> set[str]:
    return {name for kind in ENTITY_TYPES for name in getattr(article, kind)}


def archive_initialisms(articles: Sequence[ArticleEntities]) -> dict[str, str]:
    """The organisation each acronym no article introduces is spelt from ("KFL" -> "Kessel
    Freight Lines"; by the acronym's key): the one organisation of the archive whose initials
    (:func:`~newsarchive.entities.normalize.initials`) are its letters.

    One article says "Kessel Freight Lines" and another only "KFL": a reader takes them for one
    company, as :func:`archive_acronyms` does where some article writes "Kessel Freight Lines
    (KFL)". Only where the initials name a single organisation (its spellings aside:
    :func:`_loose`): "KFL" stays itself beside a "Kessel Freight Lines" and a "Kessel Fishing
    League". A name some article reads as a place ("UK", "UAE") is no organisation's acronym
    here, since country forms have rules of their own (:func:`archive_national_names`).

    The long name must be written as a name is (:func:`_spells_an_acronym`; two letters only
    for a name that ends in what it is: "KA" for "Kessel Airlines", but a "DJ" is rarely a
    "Dunmere Jewellers"). And the articles that name the one and the other must name some other
    organisation in common: "KFL" in a car maker's news, beside "Orrin Motors", is a model of
    car, not the shipping line whose articles know no "Orrin Motors".
    """
    spelt_from: dict[str, dict[str, str]] = {}
    places: set[str] = set()
    acronyms: set[str] = set()
    for article in articles:
        places.update(name_key(name) for name in article.places)
        acronyms.update(name for name in _names(article) if ACRONYM.fullmatch(name))
        for name in article.organizations:
            if _spells_an_acronym(name):
                spelt_from.setdefault(initials(name), {}).setdefault(_loose(name), name)
    pairs = {}  # acronym -> (its loose form, the long name's, the long name)
    for acronym in acronyms:
        longs = spelt_from.get(acronym_letters(acronym), {})
        if name_key(acronym) not in places and len(longs) == 1:
            (loose, long), = longs.items()
            pairs[acronym] = (_loose(acronym), loose, long)
    wanted = {form for loose_acronym, loose, _ in pairs.values() for form in (loose_acronym, loose)}
    beside: dict[str, set[str]] = {form: set() for form in wanted}  # the organisations by each
    for article in articles:
        organisations = {_loose(name) for name in article.organizations}
        for form in {_loose(name) for name in _names(article)} & wanted:
            beside[form] |= organisations
    return {
        name_key(acronym): long
        for acronym, (loose_acronym, loose, long) in sorted(pairs.items())
        if beside[loose_acronym] & beside[loose] - {loose, loose_acronym}
    }


#: The small words a name spelt by an acronym may have between its capitalised ones ("Bank of
#: Kessel", "Food and Drink Agency"); not "in" or "at", which join a name to a place.
_SPELLING_JOINERS = ACRONYM_JOINERS - {"in", "at", "on", "to", "a", "an", "al", "el"}
_TITLE_WORD = re.compile(r"[A-Z][a-z][\w'’.-]*")


def _spells_an_acronym(name: str) -> bool:
    """Whether ``name`` may be the long name of an acronym (:func:`archive_initialisms`): two
    words or more, each capitalised with lower case after ("Channel Islands AC" has an acronym
    of its own, "non-League Harwick" a word that is not the name's) or a joiner, not a person's
    name, and two of its words at least if it ends in what it is, three otherwise."""
    words = name.split()
    if len(words) < 2 or looks_like_a_person(name):
        return False
    if not all(_TITLE_WORD.fullmatch(w) or w in _SPELLING_JOINERS for w in words):
        return False
    ends_in_kind = words[-1].casefold() in ORG_DESIGNATORS | LEGAL_FORMS | TRADE_WORDS
    return len(initials(name)) >= (2 if ends_in_kind else 3)


def resolve_archive(articles: Sequence[ArticleEntities]) -> list[ArticleEntities]:
    """``articles`` with one spelling per name (:func:`archive_spellings`), a company's web name
    under its name (:func:`archive_web_names`), an organisation
    named with its country in front under the name without it where the archive says they are
    one (:func:`archive_national_names`), every acronym under the long name the archive knows it
    by (:func:`archive_acronyms`, :func:`archive_initialisms`), a person written with and
    without middle initials under one
    name (:func:`archive_middle_initials`) and every name moved to its archive-wide type (same
    order, new objects only where something changed).

    A name an article reads as nothing (a group's name the model labels NORP, kept without a
    vote: "Conservatives") is listed there only as a short form of a name the archive reads
    ("Conservative Party"), or when it has two words or more and some article reads it as an
    organisation itself ("Liberal Democrats")."""
    given = articles
    articles = [_with_unread(article) for article in given]
    spellings = archive_spellings(articles)

    def spelt(name: str) -> str:
        return spellings.get(name_key(name), name)

    national = {key: spelt(name) for key, name in archive_national_names(articles).items()}
    learnt = _learnt(articles)
    acronyms = {key: national.get(name_key(target), spelt(target))
                for key, (target, _) in learnt.items()}
    party_forms = (archive_party_forms(articles) | archive_cut_forms(articles)
                   | archive_house_forms(articles))
    for key, party in party_forms.items():
        acronyms.setdefault(key, spelt(party))
    for key, person in archive_middle_initials(articles).items():
        acronyms.setdefault(key, spelt(person))
    for key, party in archive_nicknames(articles).items():
        acronyms.setdefault(key, acronyms.get(name_key(party), spelt(party)))
    for key, plural in archive_plural_forms(articles).items():
        acronyms.setdefault(key, acronyms.get(name_key(plural), spelt(plural)))
    for key, bare in archive_web_names(articles).items():
        acronyms.setdefault(key, acronyms.get(name_key(bare), spelt(bare)))
    for key, long in archive_initialisms(articles).items():
        acronyms.setdefault(key, national.get(name_key(long), spelt(long)))
    short = frozenset(key for key, (_, is_short) in learnt.items() if is_short) | set(party_forms)
    names = spellings | national | acronyms
    renamed = [_renamed(article, names, short) for article in articles]
    # a surname is read in the context of the names as the archive spells them ("Lib Dems" is
    # the "Liberal Democrats" of the article that names its leader)
    surnames = archive_surnames(renamed)
    for index, heads in party_heads(renamed).items():
        surnames[index] = {**heads, **surnames.get(index, {})}
    renamed = [_renamed(article, {}, own=surnames[index]) if index in surnames else article
               for index, article in enumerate(renamed)]
    # a name the article writes only in another spelling is its own, and votes
    borrowed = frozenset(
        (index, name_key(name))
        for index, (article, own) in enumerate(zip(renamed, articles, strict=True))
        if article is not own
        for name in _names(article) - {spelt(n) for n in _names(own)}
    )
    types = archive_types(renamed, borrowed)
    evidence: Counter[str] = Counter()
    reads: Counter[str] = Counter()  # articles that read the name, minus those that do not
    for article in renamed:
        for name in _names(article):
            weight = article.weights.get(name, 1)
            evidence[name_key(name)] += weight
            reads[name_key(name)] += 1 if weight else -1
    out = []
    for article, own in zip(renamed, given, strict=True):
        unread = {name for name, weight in article.weights.items()
                  if not weight and name not in _names(own)}
        buckets: dict[str, set[str]] = {kind: set() for kind in ENTITY_TYPES}
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                key = name_key(name)
                if evidence[key] > 0 and (name not in unread or _listable(name, reads[key])):
                    buckets[types[name_key(name)]].add(name)
        lists = {kind: sorted(buckets[kind]) for kind in ENTITY_TYPES}
        changed = replace(article, **lists)
        out.append(own if _same_lists(changed, own) else changed)
    out = _with_own_surnames(_with_missed(out, given, renamed), renamed)
    # last, the long names the archive writes less often than their acronyms go by the acronym
    written = archive_written_acronyms(articles, {
        key: acronyms[key] for key, (_, is_short) in learnt.items() if not is_short})
    if not written:
        return out
    out = [_renamed(article, written) for article in out]
    return [own if _same_lists(article, own) else article
            for article, own in zip(out, given, strict=True)]


def _same_lists(article: ArticleEntities, other: ArticleEntities) -> bool:
    return all(list(getattr(article, kind)) == list(getattr(other, kind)) for kind in ENTITY_TYPES)


def _with_own_surnames(
    out: list[ArticleEntities], read: Sequence[ArticleEntities]
) -> list[ArticleEntities]:
    """``out`` with a one-word name joined to the one person the article names in full with it
    as a surname ("Gerrard" beside "Steven Gerrard"), where the archive's types make that full
    name a person only now: the article read it as another type, so its own surname rule could
    not fold the one into the other, and the page of the full name would stand beside a page of
    the surname alone.

    Not a name a place lookup knows or a demonym ("Wales" beside "Said Wales"), not where the
    article names two people of that surname, and not where more other articles list the word
    as something other than a person than list the full name ("Ford" beside "Bill Ford" stays
    the company)."""
    others = _read_as_no_person(read)
    listed = Counter(name for article in out for name in article.people if " " in name)
    result = []
    for article, reading in zip(out, read, strict=True):
        full: dict[str, list[str]] = {}
        for name in article.people:
            parts = name.split()
            if len(parts) > 1:
                full.setdefault(name_key(parts[-1]), []).append(name)
        own_reads = set(_read_as_no_person([reading]))
        joins = {}
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                key = name_key(name)
                targets = full.get(key) if " " not in name else None
                if (
                    targets and len(targets) == 1
                    and not _looked_up(name)
                    and others[key] - (key in own_reads) <= listed[targets[0]]
                ):
                    joins[key] = targets[0]
        result.append(_renamed(article, {}, own=joins) if joins else article)
    return result


#: In how many articles the model must have read a name for the archive to look for it in the
#: others (:func:`_with_missed`), and in what share of the articles that write it.
CONFIDENT_ARTICLES = 2
CONFIDENT_SHARE = 0.5


def _with_missed(
    out: list[ArticleEntities], given: Sequence[ArticleEntities], read: Sequence[ArticleEntities]
) -> list[ArticleEntities]:
    """``out`` with the names the archive reads with confidence listed where an article writes
    them but the model missed them: names of two words or more that :data:`CONFIDENT_ARTICLES`
    articles or more read themselves (with evidence of their type, not only as a form folded
    into them), and at least :data:`CONFIDENT_SHARE` of the articles that write them (a film's
    title the model took for a place in two reviews of twelve is no such name), found among
    the article's capitalised runs (``phrases``) exactly as the archive spells them, under the
    archive's type."""
    kinds: dict[str, str] = {}
    readers: Counter[str] = Counter()
    for article, reading in zip(out, read, strict=True):
        own_names = _names(reading)
        for kind in ENTITY_TYPES:
            for name in getattr(article, kind):
                if " " in name and reading.weights.get(name, 1) > 0 and name in own_names:
                    kinds[name] = kind
                    readers[name] += 1
    writers = Counter(p for article in given for p in article.phrases if p in readers)
    confident = {
        name: kinds[name]
        for name, n in readers.items()
        if n >= CONFIDENT_ARTICLES and n >= CONFIDENT_SHARE * writers[name]
    }
    if not confident:
        return out
    result = []
    for article, own in zip(out, given, strict=True):
        listed = _names(article)
        missed = [p for p in own.phrases if p in confident and p not in listed]
        if not missed:
            result.append(article)
            continue
        lists = {kind: list(getattr(article, kind)) for kind in ENTITY_TYPES}
        for name in missed:
            lists[confident[name]].append(name)
        result.append(replace(article, **{kind: sorted(names) for kind, names in lists.items()}))
    return result
