"""The page digester keeps in its memo only what outlives a page: values made for one page
(a page of a list, a projection) digest the same but are not held to the end of the build. The
state keeps a unit of pages whole only as the last build left it."""

from __future__ import annotations

from pathlib import Path

from newsarchive.site.incremental import DEFAULT_PROJECTIONS, OWN_PAGE_ATTRS, Digester, State
from newsarchive.site.pages import Page


class _Article:
    def __init__(self, title: str) -> None:
        self.title = title


def _page(items: list[_Article]) -> Page[_Article]:
    return Page(name="", items=items, base="people/ines-varga", label="Newest",
                total=len(items))


def test_a_page_of_a_list_digests_the_same_and_only_its_articles_are_kept() -> None:
    article = _Article("Harbour levy")
    page = _page([article])
    keeping, fresh = Digester(), Digester(fresh=(Page,))
    assert fresh.digest(page) == keeping.digest(page)
    assert id(page) in keeping._memo and id(page.items) in keeping._memo
    assert id(page) not in fresh._memo and id(page.items) not in fresh._memo
    assert id(article) in fresh._memo
    # a changed article changes the page's digest, memo or not
    article.title = "Harbour levy doubled"
    assert Digester(fresh=(Page,)).digest(_page([article])) != keeping.digest(page)


def test_a_projection_is_not_kept_but_what_it_names_is() -> None:
    article = _Article("Ferry strike")
    projection = {"related": [("people", "ines-varga", 3)], "articles": [article]}
    digester = Digester()
    assert digester.digest_transient(projection) == Digester().digest(projection)
    assert id(projection) not in digester._memo
    assert id(projection["articles"]) not in digester._memo
    assert id(article) in digester._memo


def test_plain_data_digests_by_value_and_type() -> None:
    """Plain data is digested in one call: equal trees built apart digest the same, and trees
    that differ only in a type (list or tuple, 1 or True or "1", str or its subclass) do not."""
    from markupsafe import Markup

    def tree(value: object) -> dict:
        return {"links": [["Ines Varga", "people/ines-varga.html"]], "count": value}

    assert Digester().digest(tree(1)) == Digester().digest(tree(1))
    digests = {Digester().digest(tree(v)) for v in (1, True, "1", 1.0, None, [1], (1,))}
    assert len(digests) == 7
    assert Digester().digest(["Port Eskard"]) != Digester().digest([Markup("Port Eskard")])
    assert Digester().digest(["a", "b"]) != Digester().digest(["b", "a"])


def _saved_unit(tmp_path: Path) -> tuple[Path, Path]:
    """A build that wrote the two pages of unit ``people/ada.html`` and saved its state."""
    output, state_file = tmp_path / "out", tmp_path / "state.json"
    state = State(state_file, "env")
    for name in ("people/ada.html", "people/ada-2.html"):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(f"<p>{name}</p>", encoding="utf-8")
        state.record(name, f"fingerprint of {name}", f"<p>{name}</p>")
    state.record_unit("people/ada.html", "token-1", ["people/ada.html", "people/ada-2.html"])
    state.save(output)
    return output, state_file


def test_a_unit_is_kept_whole_only_with_its_token_and_its_files_as_written(
    tmp_path: Path,
) -> None:
    output, state_file = _saved_unit(tmp_path)
    kept = State(state_file, "env")
    assert kept.reuse_unit("people/ada.html", "token-2", output) is None  # other inputs
    assert kept.reuse_unit("people/ada.html", "token-1", output) == [
        "people/ada.html", "people/ada-2.html"
    ]
    assert kept.stale() == []  # both pages count as this build's
    assert State(state_file, "another env").reuse_unit("people/ada.html", "token-1",
                                                       output) is None
    (output / "people/ada-2.html").write_text("<p>edited by hand</p>", encoding="utf-8")
    assert State(state_file, "env").reuse_unit("people/ada.html", "token-1", output) is None


def test_only_the_article_page_reads_what_is_digested_for_it_alone() -> None:
    """An article is digested without its date neighbours and month URL except on its own
    page (``OWN_PAGE_ATTRS``), so no other template may read them: a list showing them would
    keep a stale link after a new article lands beside one of its items."""
    templates = Path(__file__).resolve().parents[2] / "theme" / "templates"
    readers = {
        path.relative_to(templates).as_posix()
        for path in templates.rglob("*.html")
        for name in OWN_PAGE_ATTRS
        if name in path.read_text(encoding="utf-8")
    }
    assert readers == {"article.html"}
    assert set(DEFAULT_PROJECTIONS["article.html"]) == {"article"}


def test_template_names_are_parsed_once_per_environment(tmp_path: Path) -> None:
    """A template's names are recorded with the build's state: the next build of the same
    environment does not parse it again; another environment or another source does."""
    parsed: list[str] = []

    def parse(source: str) -> tuple[set[str], set[str]]:
        parsed.append(source)
        return {f"var_{len(source)}"}, {"base.html"}

    output, state_file = tmp_path / "out", tmp_path / "state.json"
    output.mkdir()
    first = State(state_file, "env")
    assert first.names_of("{{ harbour }}", parse) == ({"var_13"}, {"base.html"})
    first.save(output)
    again = State(state_file, "env")
    assert again.names_of("{{ harbour }}", parse) == ({"var_13"}, {"base.html"})
    assert parsed == ["{{ harbour }}"]
    assert again.names_of("{{ harbour }}!", parse) == ({"var_14"}, {"base.html"})
    assert State(state_file, "another env").names_of("{{ harbour }}", parse)[0] == {"var_13"}
    assert parsed == ["{{ harbour }}", "{{ harbour }}!", "{{ harbour }}"]
    again.save(output)  # only the sources this build used are kept
    assert len(State(state_file, "env").template_names) == 2
