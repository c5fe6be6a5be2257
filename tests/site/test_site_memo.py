"""The entity-page item memo: one rendering per article, place and arguments, gone with the
article."""

from __future__ import annotations

import gc

from newsarchive.site import memo


class _Article:
    def __init__(self, title: str) -> None:
        self.title = title


def _counting_render() -> tuple[list[tuple[str, int]], object]:
    calls: list[tuple[str, int]] = []

    def render(article: _Article, level: int) -> str:
        calls.append((article.title, level))
        return f"<h{level}>{article.title} ’</h{level}>"

    return calls, render


def test_an_item_is_rendered_once_per_article_siteurl_and_arguments() -> None:
    calls, render = _counting_render()
    first, second = _Article("Harbour levy"), _Article("Ferry strike")
    assert memo.once_per_article(render, first, "..", 3) == "<h3>Harbour levy ’</h3>"
    assert memo.once_per_article(render, first, "..", 3) == "<h3>Harbour levy ’</h3>"
    memo.once_per_article(render, first, "../..", 3)
    memo.once_per_article(render, first, "..", 2)
    memo.once_per_article(render, second, "..", 3)
    assert calls == [("Harbour levy", 3), ("Harbour levy", 3), ("Harbour levy", 2),
                     ("Ferry strike", 3)]


def test_a_freed_article_leaves_nothing_behind() -> None:
    calls, render = _counting_render()
    article = _Article("Quarry reopens")
    memo.once_per_article(render, article, "..", 3)
    key = id(article)
    assert key in memo._KEYS
    del article
    gc.collect()
    assert key not in memo._KEYS
    assert not [k for k in memo._RENDERED if k[0] == key]
