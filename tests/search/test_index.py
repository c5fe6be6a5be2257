"""The Whoosh index: incremental updates, bad files, and the ``newsarchive search`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from whoosh import query as wq

from newsarchive.search.build import build_search
from newsarchive.search.index import open_index, update_index
from newsarchive.search.query import analyze
from newsarchive.search.searcher import search

from .conftest import REPO, index_facts, run_js
from .synth import write_archive


def _ids(index: Path) -> set[str]:
    with open_index(index).searcher() as s:
        return {f["id"] for f in s.all_stored_fields()}


def _replace_title(path: Path, title: str) -> None:
    lines = path.read_text("utf-8").split("\n")
    lines = [f'title: "{title}"' if line.startswith("title:") else line for line in lines]
    path.write_text("\n".join(lines), "utf-8")


def test_incremental_add_change_remove(tmp_path: Path) -> None:
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    paths = write_archive(content, 40, seed=4)
    first = build_search(content, index, out)
    assert len(first.index.added) == 40 and first.export is not None

    # nothing changed: nothing re-indexed, nothing exported
    again = build_search(content, index, out)
    assert not again.index.changed and again.index.unchanged == 40 and again.export is None

    changed, removed = paths[3], paths[7]
    changed_id = changed.relative_to(content).with_suffix("").as_posix()
    removed_id = removed.relative_to(content).with_suffix("").as_posix()
    _replace_title(changed, "Quortellian ferry strike")
    removed.unlink()
    extra = content / "2024" / "05" / "new-one.md"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text(
        '---\ntitle: "Glimmerwharf opens"\ndate: 2024-05-02\n---\n\nThe glimmerwharf opened.\n',
        "utf-8",
    )
    report = build_search(content, index, out)
    assert report.index.added == ["2024/05/new-one"]
    assert report.index.updated == [changed_id]
    assert report.index.removed == [removed_id]
    assert report.index.unchanged == 38
    assert report.export is not None

    ids = _ids(index)
    assert removed_id not in ids and "2024/05/new-one" in ids and len(ids) == 40
    assert [h.id for h in search(index, "quortellian").hits] == [changed_id]
    assert [h.id for h in search(index, "glimmerwharf").hits] == ["2024/05/new-one"]
    with open_index(index).searcher() as s:
        assert s.doc_count_all() == s.doc_count() == 40  # optimised: no deleted documents

    # the client index follows: new words found, the removed article nowhere
    js = run_js(out, ["quortellian", "glimmerwharf"], tmp=tmp_path)
    assert [h["id"] for h in js[0]["hits"]] == [changed_id]
    assert [h["id"] for h in js[1]["hits"]] == ["2024/05/new-one"]
    docs_text = "".join(p.read_text("utf-8") for p in (out / "d").glob("*.js"))
    assert removed_id not in docs_text and "2024/05/new-one" in docs_text
    # rows in chunks of 8 within each folder (a month, or undated)
    folders = Counter(ident.rpartition("/")[0] for ident in ids)
    assert len(list((out / "d").glob("*.js"))) == sum(-(-n // 8) for n in folders.values())


def test_unchanged_export_is_not_rewritten(tmp_path: Path) -> None:
    content, index, out = tmp_path / "articles", tmp_path / "index", tmp_path / "search"
    write_archive(content, 30, seed=6)
    build_search(content, index, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.js")}
    (index / "newsarchive-export.json").unlink()  # force the export to run again
    report = build_search(content, index, out)
    assert report.export is not None and report.export.written == []
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.js")} == before


def test_bad_file_is_reported_and_others_indexed(tmp_path: Path, capsys) -> None:
    content, index = tmp_path / "articles", tmp_path / "index"
    write_archive(content, 5, seed=8)
    bad = content / "2024" / "01" / "broken.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("no front matter here\n", "utf-8")
    report = update_index(content, index)
    assert [p for p, _ in report.failed] == [str(bad)]
    assert len(report.added) == 5
    err = capsys.readouterr().err
    assert str(bad) in err and "front matter" in err
    # an indexed article whose file goes bad leaves the index, as its page leaves the site
    good = sorted(content.rglob("article-*.md"))[0]
    good_id = good.relative_to(content).with_suffix("").as_posix()
    good.write_text("---\ntitle: [unclosed\n---\n", "utf-8")
    report = update_index(content, index)
    assert report.removed == [good_id] and good_id not in _ids(index)
    assert len(_ids(index)) == 4


def test_incremental_update_ranks_exactly_like_a_clean_build(tmp_path: Path) -> None:
    content, index = tmp_path / "articles", tmp_path / "index"
    paths = write_archive(content, 30, seed=9)
    update_index(content, index)
    _replace_title(paths[2], "Quortellian harbour vote")
    paths[5].write_text(paths[5].read_text("utf-8") + "\nMore words about the harbour.\n")
    paths[11].unlink()
    extra = content / "2019" / "01" / "early.md"  # sorts before every other article
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text('---\ntitle: "Harbour vote"\ndate: 2019-01-02\n---\n\nThe harbour.\n')
    report = update_index(content, index)
    assert report.changed
    update_index(content, tmp_path / "clean")
    queries = ["harbour", "quortellian", "harbour vote", "the"]
    assert index_facts(index, queries) == index_facts(tmp_path / "clean", queries)


def test_markdown_is_indexed_as_plain_text(tmp_path: Path) -> None:
    content, index = tmp_path / "articles", tmp_path / "index"
    art = content / "2024" / "02" / "marks.md"
    art.parent.mkdir(parents=True)
    art.write_text(
        '---\ntitle: "Marks"\ndate: 2024-02-03\nentities:\n  people: ["Ines Varga-Holt"]\n---\n\n'
        "## Dockside\n\nA \\*starred\\* **bold** word, [linked text](https://example.test/zzlink)"
        " and AT&amp;T.\n",
        "utf-8",
    )
    update_index(content, index)
    with open_index(index).searcher() as s:
        r = s.reader()
        body = {t.decode() if isinstance(t, bytes) else t for t in r.lexicon("body")}
        expected = set(analyze("Dockside starred bold linked text AT T"))
        assert expected <= body and "at" not in body  # stop word; "T" is below minsize
        assert not {"zzlink", "https", "amp"} & body
        # entity names are searchable by name; the facet holds the entity page slug
        assert s.search(wq.Term("entities", "varga")).scored_length() == 1
        assert s.search(wq.Term("people", "ines-varga-holt")).scored_length() == 1


def _cli_search(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m newsarchive search ARGS`` from the repository, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", "search", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def test_cli_missing_index_and_human_output(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "nope", tmp_path / "empty"):  # missing, and a folder without one
        proc = _cli_search("port", "--index", str(folder))
        assert proc.returncode == 2
        assert "no search index" in proc.stderr and "newsarchive build" in proc.stderr
    content, index = tmp_path / "articles", tmp_path / "index"
    write_archive(content, 20, seed=12)
    update_index(content, index)
    human = _cli_search("the harbour", "--index", str(index), "--limit", "2")
    as_json = _cli_search("the harbour", "--index", str(index), "--limit", "2", "--json")
    hits = json.loads(as_json.stdout)
    assert human.returncode == as_json.returncode == 0 and len(hits) == 2
    assert hits[0]["title"] in human.stdout and hits[0]["url"] in human.stdout
    assert "1. " in human.stdout and "2. " in human.stdout
