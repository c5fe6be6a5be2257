"""Syndicated copies are folded: the earliest published is kept (ties by path) and lists the
others under ``copies``; the others are reported ``duplicate`` naming it; stories on the same
topic stay apart; a copy that arrives in a later run is added to the kept article's ``copies``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from newsarchive import frontmatter
from newsarchive.ingest import copies

from .helpers import ingest

LEAD = (
    "The Port Alden Harbour Authority has signed a ten-year dredging contract with Delmar Marine "
    "Holdings, the authority's chairwoman Ines Varga-Holt said on Tuesday."
)
REST = (
    "The agreement covers the inner basin and the northern approach channel. Varga-Holt told "
    "reporters that Delmar Marine would begin work in May and finish the first phase by the end "
    "of the year.\n\nDelmar Marine's chief executive, Tobias Reinholt, said the company had "
    "ordered two new cutter-suction vessels for the contract and would hire forty crew."
)
LEDGER = "Coastline Ledger (CL)"
OTHER_STORY = (
    "The Port Alden Harbour Authority will raise mooring fees for yachts from July, its finance "
    "director Oskar Lindqvist said on Monday.\n\nLindqvist said the harbour needed the money to "
    "repair the western breakwater, which was damaged in the winter storms."
)


def page(provider: str, day: int, story_id: int, title: str, body: str) -> str:
    return (
        f"Thursday 14 March 2024 09:42 GMT\n\n{title}\n\n(MENAFN- {provider}) PORT ALDEN, "
        f"March {day} -- {body}\n\nMENAFN{day:02d}032024000214011040ID{story_id}\n"
    )


def write(root: Path, name: str, text: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")


def test_near_copies_fold_into_the_earliest(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    title = "Harbour Authority Signs Dredging Deal"
    story, edited = LEAD + "\n\n" + REST, LEAD + "\n\n" + REST.replace("forty", "40")
    write(raw, "a-gulf.txt", page("Gulf Wire", 13, 1107943390, title + " With Delmar", story))
    write(raw, "b-ledger.txt", page(LEDGER, 12, 1107943315, title, edited))
    fees_page = page(LEDGER, 12, 1107943316, "Harbour Raises Mooring Fees", OTHER_STORY)
    write(raw, "c-fees.txt", fees_page)
    result = ingest([raw], tmp_path / "out")
    assert result.status == 0, result.stderr
    kept = tmp_path / "out/2024/03/harbour-authority-signs-dredging-deal.md"
    gulf = result.record("a-gulf.txt")
    assert (gulf.status, gulf.output) == ("duplicate", str(kept))
    assert result.record("b-ledger.txt").status == "converted"
    assert result.record("c-fees.txt").status == "converted"  # same topic, another story
    meta, _ = frontmatter.load(kept)
    sha = hashlib.sha256((raw / "a-gulf.txt").read_bytes()).hexdigest()
    assert meta["copies"] == [
        {
            "provider": "Gulf Wire",
            "id": "MENAFN13032024000214011040ID1107943390",
            "url": "https://menafn.com/1107943390/"
            "Harbour-Authority-Signs-Dredging-Deal-With-Delmar",
            "raw": {"path": "a-gulf.txt", "sha256": sha},
        }
    ]
    fees, _ = frontmatter.load(tmp_path / "out/2024/03/harbour-raises-mooring-fees.md")
    assert "copies" not in fees


def test_a_later_copy_updates_copies(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "a.txt", page(LEDGER, 12, 1107943315, "Dredging Deal", LEAD + "\n\n" + REST))
    out = tmp_path / "out"
    assert ingest([raw], out).status == 0
    kept = out / "2024/03/dredging-deal.md"
    assert "copies" not in frontmatter.load(kept)[0]
    later = tmp_path / "later"
    story = LEAD + "\n\n" + REST
    write(later, "b.txt", page("Harbour Daily", 14, 1107943400, "Dredging Deal Signed", story))
    result = ingest([later], out)
    assert (result.records[0].status, result.records[0].output) == ("duplicate", str(kept))
    meta, body = frontmatter.load(kept)
    assert [c["provider"] for c in meta["copies"]] == ["Harbour Daily"]
    assert body.startswith("PORT ALDEN, March 12 -- The Port Alden")
    again = ingest([raw, later], out)  # everything known: unchanged, copies still listed
    assert [r.status for r in again.records] == ["unchanged", "duplicate"]
    assert again.records[1].output == str(kept)
    assert [c["provider"] for c in frontmatter.load(kept)[0]["copies"]] == ["Harbour Daily"]


def test_a_known_copy_is_not_compared_with_the_archive_again(tmp_path: Path, monkeypatch) -> None:
    """A re-run meets the copy it listed last time: a duplicate at once, without reading and
    hashing every article again (the comparison is made to fail if it runs)."""
    raw = tmp_path / "raw"
    story = LEAD + "\n\n" + REST
    write(raw, "a.txt", page(LEDGER, 12, 1107943315, "Dredging Deal", story))
    write(raw, "b.txt", page("Harbour Daily", 14, 1107943400, "Dredging Deal Signed", story))
    out = tmp_path / "out"
    first = ingest([raw], out)
    assert [r.status for r in first.records] == ["converted", "duplicate"]
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def no_comparison(items: object) -> list:
        raise AssertionError("the archive was compared again")

    monkeypatch.setattr(copies, "clusters", no_comparison)
    again = ingest([raw], out)
    assert [(r.status, r.output) for r in again.records] == [
        ("unchanged", first.records[0].output), ("duplicate", first.records[1].output)
    ]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_copies_block_shape() -> None:
    entry = copies.copy_entry(None, "x.txt", "ab")
    assert copies.yaml_lines([entry]) == ["copies:", '  - raw: {path: "x.txt", sha256: "ab"}']
    document = b'---\ntitle: "T"\ncopies:\n  - raw: {path: "y", sha256: "c"}\n---\n\nBody.\n'
    assert copies.with_copies(document, [entry]) == (
        b'---\ntitle: "T"\ncopies:\n  - raw: {path: "x.txt", sha256: "ab"}\n---\n\nBody.\n'
    )


def test_an_earlier_copy_in_a_later_run_is_kept_and_the_written_one_gives_way(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    story = LEAD + "\n\n" + REST
    write(raw, "b.txt", page("Harbour Daily", 14, 1107943400, "Dredging Deal Signed", story))
    assert ingest([raw], out).status == 0
    later_copy = out / "2024/03/dredging-deal-signed.md"
    assert later_copy.is_file()
    write(raw, "a.txt", page(LEDGER, 12, 1107943315, "Dredging Deal", story))
    result = ingest([raw], out)
    assert result.status == 0, result.stderr
    kept = out / "2024/03/dredging-deal.md"
    assert [(r.path, r.status, r.output) for r in result.records] == [
        (f"{raw}/a.txt", "converted", str(kept)),
        (f"{raw}/b.txt", "duplicate", str(kept)),
    ]
    assert not later_copy.exists()
    listed = frontmatter.load(kept)[0]["copies"]
    assert [(c["provider"], c["raw"]["path"]) for c in listed] == [("Harbour Daily", "b.txt")]
    again = ingest([raw], out)
    assert [r.status for r in again.records] == ["unchanged", "duplicate"]
    assert sorted(p.name for p in out.rglob("*.md")) == ["dredging-deal.md"]


def _story(seed: int, words: int = 300) -> list[str]:
    """A story of made-up words (from a fixed hash stream, so the same on every run)."""
    stream = hashlib.sha256(f"story {seed}".encode()).digest()
    out = []
    while len(out) < words:
        stream = hashlib.sha256(stream).digest()
        out.extend("".join("bdfgklmnprstvz"[b % 14] + "aeiou"[b // 14 % 5] for b in stream[i:i + 3])
                   for i in range(0, 30, 3))
    return out[:words]


def _true_similarity(a: list[str], b: list[str]) -> float:
    runs = [{tuple(text[i:i + copies.SHINGLE_WORDS])
             for i in range(len(text) - copies.SHINGLE_WORDS + 1)} for text in (a, b)]
    return len(runs[0] & runs[1]) / len(runs[0] | runs[1])


def test_copies_well_above_the_threshold_are_never_missed() -> None:
    """Forty stories, each with a copy that has every 30th word changed (about 0.72 of their
    five-word runs shared, well above THRESHOLD): every pair is one group, and no two stories
    are. The LSH bands MinHashLSH derives from the threshold offered such a pair for the check
    with probability 0.85, so about six of the forty were missed."""
    items, pairs = [], []
    for number in range(40):
        story = _story(number)
        copy = [word if i % 30 != 15 else word + "x" for i, word in enumerate(story)]
        assert 0.68 < _true_similarity(story, copy) < 0.76
        order = copies.publication_order(None, f"{number:02d}")
        items.append(copies.Item(f"{number}a", order, " ".join(story), False))
        items.append(copies.Item(f"{number}b", order, " ".join(copy), False))
        pairs.append([f"{number}a", f"{number}b"])
    groups = copies.clusters(items)
    assert sorted(sorted(item.key for item in group) for group in groups) == sorted(pairs)


def test_shingle_hashes_are_one_per_distinct_run_of_words() -> None:
    story = _story(7, 500)
    text = " ".join(story + story[:50])  # the repeated runs hash as the runs they repeat
    runs = {tuple(story[i:i + 5]) for i in range(len(story) - 4)} | {
        tuple((story + story[:50])[i:i + 5]) for i in range(len(story) + 46)}
    hashes = copies.shingle_hashes(copies._WORD.findall(text))
    assert len(hashes) == len(set(hashes)) == len(runs)
    assert copies.shingle_hashes(["one", "two"]) != copies.shingle_hashes(["two", "one"])
    assert len(copies.shingle_hashes(["one", "two"])) == 1  # fewer words than a run: one
