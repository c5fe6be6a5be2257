"""Library pieces behind what a reader meets: surname order, neighbours by date and month, the
names an article shows first, and plain web addresses in article text as safe links."""

from __future__ import annotations

import datetime as dt

import pytest
from markdown import Markdown

from newsarchive.site.catalog import (
    ArticleInfo,
    build_catalog,
    date_neighbours,
    letters,
    month_neighbours,
    most_mentioned,
    split_person_name,
)
from newsarchive.site.markdown_safety import EscapeRawHtml


def art(key, date, people=()):
    return ArticleInfo(key=key, date=date, entities={"people": list(people)})


@pytest.mark.parametrize(("name", "expected"), [
    ("Tobias Reinholt", ("Reinholt", "Tobias")),
    ("Ines Varga-Holt", ("Varga-Holt", "Ines")),
    ("Ludwig van Beethoven", ("Beethoven", "Ludwig van")),
    ("Martin Luther King Jr.", ("King", "Martin Luther Jr.")),
    ("Madonna", ("Madonna", "")),
])
def test_split_person_name(name, expected):
    assert split_person_name(name) == expected


def test_people_sorted_and_lettered_by_surname():
    catalog = build_catalog([
        art("a", dt.date(2024, 1, 1), ["Zoe Adams", "Anna Young", "Omar al-Sayed", "Madonna"]),
    ])
    people = catalog.entities["people"]
    assert [e.index_name for e in people] == [
        "Adams, Zoe", "Madonna", "al-Sayed, Omar", "Young, Anna"
    ]
    assert [(k, [e.name for e in v]) for k, v in letters(people)] == [
        ("A", ["Zoe Adams"]), ("M", ["Madonna"]), ("S", ["Omar al-Sayed"]), ("Y", ["Anna Young"])
    ]


def test_date_and_month_neighbours():
    articles = [
        art("2024/03/c", dt.date(2024, 3, 1)),
        art("2023/11/a", dt.date(2023, 11, 5)),
        art("undated/y", None),
        art("2024/03/b", dt.date(2024, 3, 1)),
        art("undated/x", None),
    ]
    catalog = build_catalog(articles)
    around = {articles[i].key: (articles[b].key if b is not None else None,
                                articles[a].key if a is not None else None)
              for i, (b, a) in date_neighbours(catalog, articles).items()}
    # oldest first: the reverse of the archive's newest-first order (same-day ties included)
    assert around == {
        "2023/11/a": (None, "2024/03/c"),
        "2024/03/c": ("2023/11/a", "2024/03/b"),
        "2024/03/b": ("2024/03/c", None),
        "undated/x": (None, "undated/y"),
        "undated/y": ("undated/x", None),
    }
    months = month_neighbours(catalog)
    assert months == {
        (2023, 11): (None, {"url": "archives/2024/03.html", "label": "March 2024"}),
        (2024, 3): ({"url": "archives/2023/11.html", "label": "November 2023"}, None),
    }


def test_most_mentioned_keeps_the_given_order():
    names = ["Ana", "Bo", "Cy", "Di"]
    text = "Cy met Di. Di and Cy and Cy. Bo."
    assert most_mentioned(names, text, 2) == ["Cy", "Di"]
    assert most_mentioned(names, text, 10) is names  # nothing to choose: not copied
    assert most_mentioned(names, "", 2) == ["Ana", "Bo"]


def render(text: str) -> str:
    md = Markdown(extensions=["markdown.extensions.extra", EscapeRawHtml()])
    return md.convert(text)


@pytest.mark.parametrize(("source", "html"), [
    ("See https://a.test/x\\_y?p=1&amp;q=2.",
     '<p>See <a class="bare-url" href="https://a.test/x_y?p=1&amp;q=2" rel="nofollow noopener">'
     "https://a.test/x_y?p=1&amp;q=2</a>.</p>"),
    ("(http://b.test/wiki/A_(b))",
     '<p>(<a class="bare-url" href="http://b.test/wiki/A_(b)" rel="nofollow noopener">'
     "http://b.test/wiki/A_(b)</a>)</p>"),
    ('https://c.test/"onmouseover=alert(1)',
     '<p><a class="bare-url" href="https://c.test/" rel="nofollow noopener">https://c.test/</a>'
     '"onmouseover=alert(1)</p>'),
    ("https://d.test/&lt;script&gt;",
     '<p><a class="bare-url" href="https://d.test/" rel="nofollow noopener">https://d.test/</a>'
     "&lt;script&gt;</p>"),
    ("javascript:alert(1) data:text/html,x ftp://e.test https:// www.f.test",
     "<p>javascript:alert(1) data:text/html,x ftp://e.test https:// www.f.test</p>"),
    ("`https://g.test/`", "<p><code>https://g.test/</code></p>"),
    ("[here](https://h.test/)",
     '<p><a href="https://h.test/" rel="nofollow noopener">here</a></p>'),
    ("<script>alert(1)</script> https://i.test",
     '<p>&lt;script&gt;alert(1)&lt;/script&gt; '
     '<a class="bare-url" href="https://i.test" rel="nofollow noopener">https://i.test</a></p>'),
])
def test_plain_addresses_become_safe_links(source, html):
    assert render(source) == html
