"""An analyst's questions, the same in ``newsarchive search`` and in engine.js (Node): filters
without a query, date ranges, sorts, acronyms, phrases with stop words, excerpts, "did you mean"
and CSV. Every comparison goes through test_parity's ``_compare`` (ids, totals, scores,
excerpts, suggestions and CSV rows)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsarchive.search.build import build_search
from newsarchive.search.index import open_index
from newsarchive.search.schema import SEARCH_FIELDS
from newsarchive.search.searcher import (
    SUGGEST_DISTANCE,
    SUGGEST_SHORT,
    SUGGEST_WORDS,
    VOCAB_MIN_CHARS,
    FilterError,
    Filters,
    closest_words,
    edit_distance,
    excerpt,
    search,
)
from newsarchive.search.store import VOCABULARY_FILE, read_vocabulary, vocabulary_bytes

from .conftest import REPO, Archive, run_js
from .test_parity import _compare

ARTICLES = {
    "2024/01/oil-us": ("Oil output rises", "2024-01-10", "Gulf Wire",
                       "Oil exports to the US rose again, traders said."),
    "2024/02/tell-us": ("Readers write in", "2024-02-11", "Gulf Wire",
                        "Tell us what you think about oil prices."),
    "2024/03/boe": ("Rates held", "2024-03-12", "Northern Gazette",
                    "The Bank of England held rates. Running costs fell; the runner ran."),
    "2024/03/bie": ("Branches open", "2024-03-12", "Northern Gazette",
                    "A new bank in England opened branches in the north."),
    "2023/12/be": ("Bank England", "2023-12-01", "Valebrook Times",
                   "Bank England is the name of a fictional band."),
    "undated/it-dept": ("IT budget", "", "Valebrook Times",
                        "The IT department said it would run the harbour systems."),
}


def _write(root: Path) -> Path:
    content = root / "content" / "articles"
    for key, (title, date, provider, body) in ARTICLES.items():
        path = content / f"{key}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        head = ["---", f'title: "{title}"', f"slug: {key.rsplit('/', 1)[1]}"]
        if date:
            head.append(f"date: {date}")
        head += ["source:", f'  provider: "{provider}"', "entities:",
                 '  organizations: ["Delmar Marine Holdings"]' if key.endswith("-us") else
                 "  organizations: []", "  people: []", "  places: []", "  other: []"]
        path.write_text("\n".join([*head, "---", "", body, ""]), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    root = tmp_path_factory.mktemp("analyst")
    archive = Archive(_write(root), root / "index", root / "output" / "search")
    build_search(archive.content, archive.index, archive.search)
    return archive


def _ids(archive: Archive, q: str, **kw: Any) -> list[str]:
    return [h.id for h in search(archive.index, q, limit=100, **kw).hits]


def _same(archive: Archive, specs: list[Any], tmp: Path, limit: int = 10) -> list[dict]:
    js = run_js(archive.search, specs, tmp=tmp, limit=limit)
    problems = _compare(archive.index, js, limit=limit)
    assert not problems, "\n".join(problems[:20])
    return js


def test_acronyms_and_stop_word_phrases(tiny: Archive, tmp_path: Path) -> None:
    assert _ids(tiny, "oil US") == ["2024/01/oil-us"]  # not "tell us ... oil"
    assert set(_ids(tiny, "oil")) == {"2024/01/oil-us", "2024/02/tell-us"}
    assert _ids(tiny, "IT") == ["undated/it-dept"]
    assert _ids(tiny, '"bank of england"') == ["2024/03/boe"]
    assert _ids(tiny, '"bank in england"') == ["2024/03/bie"]
    assert _ids(tiny, '"bank england"') == ["2023/12/be"]
    specs = ["oil US", "US", "us", "IT", "it", '"bank of england"', '"bank in england"',
             '"bank england"', "bank england", '"the bank of"', "running", "run*", "harbuor",
             "oil banc"]
    _same(tiny, specs, tmp_path)


def test_excerpts_highlight_stems() -> None:
    text = "Costs fell. The runner was running while others run; nothing else matters here."
    # from the first to the last indexed word of the fragment; "running" stems to "runn"
    assert excerpt(text, ["runn"], []) == (
        "Costs fell. The runner was [[running]] while others run; nothing else matters here"
    )
    assert excerpt(text, [], ["runn"]).count("[[") == 2  # the prefix "runn*": runner, running
    assert excerpt(text, ["run"], []).count("[[") == 1  # "run" only; "runner" stems apart
    assert excerpt("", ["x"], []) == ""
    long = " ".join(f"w{i}" for i in range(200)) + " target " + " ".join("z" for _ in range(5))
    got = excerpt(long, ["target"], [])
    assert got.startswith("…") and "[[target]]" in got


def test_did_you_mean(tiny: Archive) -> None:
    result = search(tiny.index, "harbuor", suggest=True)
    assert result.total == 0
    assert result.suggestions == [{"word": "harbuor", "suggestions": ["harbour"]}]
    assert edit_distance("harbuor", "harbour", 2) == 1
    assert edit_distance("abc", "xyz", 1) == 2


def test_closest_words_are_those_of_the_whole_vocabulary(large_archive: Archive) -> None:
    """The words suggested are, of every indexed word with the query word's first character,
    the closest by edit distance, then in most articles (summed over the fields), then
    alphabetical: the suggestion skips counting far words, and must not change which win."""
    with open_index(large_archive.index).searcher() as s:
        reader = s.reader()
        words: dict[str, int] = {}
        for f in SEARCH_FIELDS:
            for raw in reader.lexicon(f):
                word = raw.decode() if isinstance(raw, bytes) else raw
                words[word] = words.get(word, 0) + reader.doc_frequency(f, word)
        known = sorted(w for w in words if len(w) >= 6 and w.isalpha())[::53][:12]
        queries = [w[:2] + w[3:] for w in known] + [w[:3] + "x" + w[4:] for w in known]
        queries += [w[:3] for w in known]  # short words: one edit
        suggested = 0
        for term in queries:
            limit = SUGGEST_DISTANCE[0] if len(term) <= SUGGEST_SHORT else SUGGEST_DISTANCE[1]
            expected = sorted(
                (edit_distance(term, w, limit), -df, w)
                for w, df in words.items()
                if w[0] == term[0] and len(w) >= VOCAB_MIN_CHARS and w != term
                and edit_distance(term, w, limit) <= limit
            )[:SUGGEST_WORDS]
            assert closest_words(reader, term) == [w for _, _, w in expected], term
            suggested += bool(expected)
    assert suggested >= len(queries) // 2  # the cases are not all empty


def test_the_vocabulary_beside_the_index_suggests_what_its_segments_do(
    large_archive: Archive, tmp_path: Path
) -> None:
    """"Did you mean" reads the vocabulary the export writes beside the index instead of every
    segment's words: the same suggestions; and a vocabulary made from other segments, or one
    that does not read, is not used."""
    with open_index(large_archive.index).searcher() as s:
        reader = s.reader()
        vocabulary = read_vocabulary(large_archive.index, reader)
        assert vocabulary is not None
        words = sorted({w for flat in vocabulary.values() for w in flat[0::2] if len(w) >= 5})
        picked = words[::41][:20]
        queries = [w[:2] + w[3:] for w in picked] + [w[:3] + "q" + w[3:] for w in picked]
        queries += [w[:2] for w in picked]
        suggested = 0
        for term in queries:
            found = closest_words(reader, term, vocabulary)
            assert found == closest_words(reader, term), term
            suggested += bool(found)
        assert suggested >= len(queries) // 2  # the cases are not all empty

        copy = tmp_path / "index"
        copy.mkdir()
        (copy / VOCABULARY_FILE).write_bytes(vocabulary_bytes(["another"], vocabulary))
        assert read_vocabulary(copy, reader) is None
        (copy / VOCABULARY_FILE).write_bytes(b"not a vocabulary")
        assert read_vocabulary(copy, reader) is None
        (copy / VOCABULARY_FILE).unlink()
        assert read_vocabulary(copy, reader) is None


def test_an_index_of_no_articles_suggests_nothing(tmp_path: Path) -> None:
    """A query on an archive with no articles yet finds nothing and offers nothing, from the
    vocabulary beside the index or without it."""
    content = tmp_path / "articles"
    content.mkdir()
    build_search(content, tmp_path / "index", tmp_path / "search")
    assert (tmp_path / "index" / VOCABULARY_FILE).is_file()
    for _ in range(2):
        result = search(tmp_path / "index", "harbuor", suggest=True)
        assert (result.total, result.hits, result.suggestions) == (0, [], [])
        (tmp_path / "index" / VOCABULARY_FILE).unlink(missing_ok=True)


def test_suggestions_are_words_a_reader_writes(large_archive: Archive) -> None:
    """A suggested stem ("harbour" indexes as itself, "dredging" as "dredg") is shown as the
    spelling the archive uses most, and that spelling finds the same articles."""
    from newsarchive.search.schema import make_analyzer
    from newsarchive.search.searcher import surface_word

    analyzer = make_analyzer()
    with open_index(large_archive.index).searcher() as s:
        reader = s.reader()
        terms = [t.decode() if isinstance(t, bytes) else t for t in reader.lexicon("body")]
        stems = [t for t in terms if not t[-1:].isdigit()][::97][:40]
        shown = {t: surface_word(reader, t) for t in stems}
    assert any(w != t for t, w in shown.items())  # some stems are not words
    for term, word in shown.items():
        assert [tok.text for tok in analyzer(word)] == [term], (term, word)


def test_filters_dates_sorts_parity(large_archive: Archive, tmp_path: Path) -> None:
    with open_index(large_archive.index).searcher() as s:
        stored = list(s.all_stored_fields())
    providers = Counter(d.get("provider") for d in stored if d.get("provider"))
    years = Counter(d["year"] for d in stored)
    entities: Counter[str] = Counter()
    for d in stored:
        for kind in ("people", "organizations", "places"):
            for slug in filter(None, (d.get(kind) or "").split(",")):
                entities[f"{kind}/{slug}"] += 1
    top_p = [p for p, _ in providers.most_common(2)]
    top_e = [e for e, _ in entities.most_common(3)]
    top_y = [y for y, _ in years.most_common(2)]
    specs: list[dict[str, Any]] = [
        {"q": "", "filters": {"entity": top_e[:1]}},
        {"q": "", "filters": {"entity": top_e[:2]}},
        {"q": "", "filters": {"entity": top_e[:2], "provider": top_p}},
        {"q": "", "filters": {"year": top_y}},
        {"q": "", "filters": {"year": ["undated"]}},
        {"q": "", "filters": {"provider": top_p[:1]}, "sort": "oldest"},
        {"q": "", "filters": {"from": "2023-03-01", "to": "2023-03-31"}},
        {"q": "", "filters": {"from": "2024-06-15"}},
        {"q": "", "filters": {"to": "2022-02-01"}, "sort": "relevance"},
        {"q": "harbour", "filters": {"from": "2023-01-01", "to": "2023-12-31"}},
        {"q": "harbour authority", "filters": {"entity": top_e[:1]}},
        {"q": "port OR market", "filters": {"provider": top_p}, "sort": "newest"},
        {"q": "port", "sort": "oldest"},
        {"q": "port", "sort": "newest"},
        {"q": "signing -deal", "sort": "newest"},
        {"q": "port*", "sort": "oldest"},
    ]
    js = _same(large_archive, specs, tmp_path, limit=40)
    assert all(r["total"] for r in js), [r["filters"] for r in js if not r["total"]]
    # entities are ANDed, providers ORed
    one, two = js[0]["total"], js[1]["total"]
    assert two <= one
    # browsing lists newest first, undated last; oldest reverses the dated ones
    hits = search(large_archive.index, "", filters=Filters(providers=tuple(top_p)), limit=5000)
    dates = [h.date for h in hits.hits]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated
    ranged = search(large_archive.index, "", filters=Filters(date_from="2023-03-01",
                                                              date_to="2023-03-31"), limit=5000)
    assert ranged.hits and all("2023-03-01" <= h.date <= "2023-03-31" for h in ranged.hits)
    inside = [d for d in stored if "2023-03-01" <= d.get("date", "") <= "2023-03-31"]
    assert ranged.total == len(inside)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", "search", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO, check=False,
    )


def test_cli_browse_csv_and_usage(tiny: Archive) -> None:
    idx = str(tiny.index)
    proc = _cli("--entity", "organizations/delmar-marine-holdings", "--index", idx, "--json")
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in json.loads(proc.stdout)] == ["2024/02/tell-us", "2024/01/oil-us"]
    proc = _cli("--provider", "Northern Gazette", "--from", "2024-03-12", "--to", "2024-03-12",
                "--index", idx, "--csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert rows[0] == ["rank", "title", "date", "provider", "url", "entities"]
    assert [r[1] for r in rows[1:]] == ["Branches open", "Rates held"]  # same date: path order
    assert _cli("--index", idx).returncode == 2
    assert _cli("--from", "2024-13-01", "--index", idx).returncode == 2
    assert _cli("--entity", "nonsense", "--index", idx).returncode == 2
    with pytest.raises(FilterError):
        search(tiny.index, "", filters=Filters(date_to="yesterday"))
    proc = _cli("harbuor", "--index", idx)
    assert "Did you mean harbour" in proc.stdout
