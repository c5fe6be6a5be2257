"""The near-copy signatures of written articles are kept between runs, found by the body they
were made from: a run that adds articles signs only what is new, finds the same copies as a run
that signs everything again, and an article whose body was edited is signed again."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive import frontmatter
from newsarchive.ingest import copies, pipeline, signatures
from newsarchive.ingest.markdown import render_body
from newsarchive.ingest.model import Block
from newsarchive.ingest.signatures import FILENAME, SignatureStore, body_key

from .helpers import ingest
from .test_ingest_copies import LEAD, LEDGER, REST, _story, page, write

ESCAPED = (
    "Delmar & Sons <Holdings> paid *twice* for the_basin [phase 1] | {north}\\west: "
    "1. the first 2. the second # not a heading - not a list = not a rule ~ nor a fence."
)


def _signature(text: str) -> object:
    return copies.signature(text)


def _values(minhash: object) -> list[int] | None:
    return None if minhash is None else copies.values_of(minhash).tolist()


def test_the_store_keeps_what_it_is_given_and_only_what_it_is_told_to(tmp_path: Path) -> None:
    store = SignatureStore.load(tmp_path)
    texts = {name: " ".join(_story(seed)) for seed, name in enumerate(["a", "b", "c"])}
    made = {name: _signature(text) for name, text in texts.items()}
    for name in ("a", "b"):
        store.put(body_key(texts[name]), copies.values_of(made[name]))
    store.put(body_key("Too short."), None)
    store.save({body_key(texts["a"]), body_key("Too short.")})
    path = tmp_path / FILENAME
    again = SignatureStore.load(tmp_path)
    assert body_key(texts["a"]) in again and body_key(texts["b"]) not in again
    assert body_key("Too short.") in again and again.signature(body_key("Too short.")) is None
    found = again.signature(body_key(texts["a"]))
    assert _values(found) == _values(made["a"])
    assert found.jaccard(made["a"]) == 1.0 and found.jaccard(made["c"]) < 0.1
    written = path.stat().st_mtime_ns, path.read_bytes()
    again.put(body_key(texts["a"]), copies.values_of(made["a"]))
    again.save({body_key(texts["a"]), body_key("Too short.")})  # nothing changed: not written
    assert (path.stat().st_mtime_ns, path.read_bytes()) == written
    path.write_bytes(written[1].replace(b"signatures 1", b"signatures 0"))  # another version's
    assert body_key(texts["a"]) not in SignatureStore.load(tmp_path)
    path.write_bytes(written[1][:-7])  # cut short
    assert body_key(texts["a"]) not in SignatureStore.load(tmp_path)


blocks = st.lists(
    st.tuples(
        st.sampled_from(["p", "h", "caption", "byline"]),
        st.one_of(st.text(max_size=60), st.text(alphabet="&;#\\*_<>:-=~+.019aZé \n`[]{}|",
                                                max_size=40)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(blocks)
def test_a_written_body_has_the_words_of_the_text_it_was_made_from(parts) -> None:
    """What lets a run store the signature of the text it converted under the body it wrote."""
    article_blocks = [Block(kind, text) for kind, text in parts]
    text = "\n\n".join(block.text for block in article_blocks)
    document = '---\ntitle: "T"\n---\n\n' + render_body(article_blocks)
    body = frontmatter.body(document)
    assert body == frontmatter.split(document)[1]
    words = copies._WORD.findall
    assert words(copies.markdown_text(body).casefold()) == words(text.casefold())


def _stories(raw: Path) -> None:
    title = "Harbour Authority Signs Dredging Deal"
    write(raw, "a.txt", page(LEDGER, 12, 1107943315, title, LEAD + "\n\n" + REST))
    write(raw, "b.txt", page(LEDGER, 12, 1107943316, "Delmar Notice", LEAD + "\n\n" + ESCAPED))
    other = " ".join(_story(3, 120))
    write(raw, "c.txt", page("Gulf Wire", 11, 1107943317, "Basin Survey Published", other))


def test_every_written_article_is_stored_with_the_signature_of_its_file(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    _stories(raw)
    assert ingest([raw], out).status == 0
    store = SignatureStore.load(out)
    files = sorted(out.rglob("*.md"))
    assert len(files) == 3
    for path in files:
        body = frontmatter.load(path)[1]
        assert body_key(body) in store
        from_file = _signature(copies.markdown_text(body))
        assert _values(store.signature(body_key(body))) == _values(from_file), path
    assert len((out / FILENAME).read_bytes()) == len(signatures._head()) + 3 * signatures._ROW


def test_a_run_with_the_store_finds_what_a_run_without_it_finds(
    tmp_path: Path, monkeypatch
) -> None:
    raw, later = tmp_path / "raw", tmp_path / "later"
    signed: list[str] = []

    def counted(written: signatures.Written) -> object:
        signed.extend([written.key] if written.body is not None else [])
        return signatures.sign(written)

    monkeypatch.setattr(pipeline, "sign", counted)
    _stories(raw)
    copy = LEAD + "\n\n" + REST.replace("forty", "40")
    write(later, "d.txt", page("Harbour Daily", 14, 1107943400, "Dredging Deal Signed", copy))
    write(later, "e.txt", page("Harbour Daily", 14, 1107943401, "Fees", " ".join(_story(9))))
    runs = {}
    for name in ("kept", "dropped"):
        out = tmp_path / name
        assert ingest([raw], out).status == 0
        if name == "dropped":
            (out / FILENAME).unlink()
        signed.clear()
        result = ingest([later], out)
        assert len(signed) == (3 if name == "dropped" else 0)
        runs[name] = (
            [(r.status, Path(r.output).relative_to(out).as_posix()) for r in result.records],
            {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()},
        )
    assert runs["kept"] == runs["dropped"]
    assert runs["kept"][0] == [
        ("duplicate", "2024/03/harbour-authority-signs-dredging-deal.md"),
        ("converted", "2024/03/fees.md"),
    ]


def test_an_article_whose_body_was_edited_is_signed_again(tmp_path: Path) -> None:
    """An article rewritten by hand into another story is compared as it now reads."""
    raw, out, later = tmp_path / "raw", tmp_path / "out", tmp_path / "later"
    _stories(raw)
    assert ingest([raw], out).status == 0
    edited = out / "2024/03/basin-survey-published.md"
    old_body = frontmatter.load(edited)[1]
    story = " ".join(_story(21))
    document = edited.read_text(encoding="utf-8")
    edited.write_text(document[: document.index(old_body)] + story + "\n", encoding="utf-8")
    write(later, "d.txt", page("Harbour Daily", 15, 1107943402, "Survey Copy", story))
    result = ingest([later], out)
    assert [(r.status, r.output) for r in result.records] == [("duplicate", str(edited))]
    store = SignatureStore.load(out)
    assert body_key(old_body) not in store and body_key(story + "\n") in store
