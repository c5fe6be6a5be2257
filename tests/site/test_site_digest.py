"""The page digester keeps in its memo only what outlives a page: values made for one page
(a page of a list, a projection) digest the same but are not held to the end of the build."""

from __future__ import annotations

from newsarchive.site.incremental import Digester
from newsarchive.site.pages import Page


class _Article:
    def __init__(self, title: str) -> None:
        self.title = title


def _page(items: list[_Article]) -> Page[_Article]:
    return Page(number=1, items=items, base="people/ines-varga", oldest=1, newest=len(items),
                total=len(items), newer_number=None, older_number=None)


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
