"""Macro files imported with context are made once per set of values their macros read."""

from __future__ import annotations

from jinja2 import DictLoader, Environment
from markupsafe import Markup

from newsarchive.site.imports import SharedImports

MACROS = (
    "{% macro link(path) %}<a href='{{ SITEURL }}/{{ path }}'>{{ labels[path] }}</a>{% endmacro %}"
)
PAGE = (
    "{% import 'macros.html' as m with context %}"
    "{{ m.link(target) }}|{{ title }}"
)


def _env(shared: bool) -> Environment:
    env = Environment(loader=DictLoader({"macros.html": MACROS, "page.html": PAGE}))
    if shared:
        env.template_class = SharedImports
    return env


def _made(env: Environment) -> int:
    return len(env.get_template("macros.html").__dict__.get("_shared_modules", {}))


def test_pages_render_as_with_a_module_each_and_share_equal_ones() -> None:
    labels = {"people/ada.html": "Ada", "places/kessel.html": "Kessel"}
    other = dict(labels)  # equal, but another object: its module is its own
    pages = [
        {"SITEURL": "..", "target": "people/ada.html", "title": "One", "labels": labels},
        {"SITEURL": "..", "target": "places/kessel.html", "title": "Two", "labels": labels},
        {"SITEURL": ".", "target": "people/ada.html", "title": "Three", "labels": labels},
        {"SITEURL": "..", "target": "people/ada.html", "title": "Four", "labels": other},
        {"SITEURL": "..", "target": "people/ada.html", "title": "Five", "labels": labels},
    ]
    plain, shared = _env(False), _env(True)
    for page in pages:
        assert (shared.get_template("page.html").render(page)
                == plain.get_template("page.html").render(page))
    assert shared.get_template("page.html").render(pages[2]) == (
        "<a href='./people/ada.html'>Ada</a>|Three")
    # pages 1, 2 and 5 read the same SITEURL and labels; 3 another SITEURL, 4 other labels
    assert _made(shared) == 3
    assert _made(plain) == 0


def test_a_module_name_the_page_does_not_give_is_read_as_missing_by_all() -> None:
    env = _env(True)
    page = env.get_template("page.html")
    first = page.render({"target": "a", "title": "x", "labels": {"a": "A"}})
    assert first == "<a href='/a'>A</a>|x"
    assert page.render({"SITEURL": "..", "target": "a", "title": "y",
                        "labels": {"a": "A"}}) == "<a href='../a'>A</a>|y"


def test_equal_values_of_other_types_get_modules_of_their_own() -> None:
    env = _env(True)
    page = env.get_template("page.html")
    labels = {"a": "A"}
    plain = page.render({"SITEURL": "<x>", "target": "a", "title": "", "labels": labels})
    marked = page.render({"SITEURL": Markup("<x>"), "target": "a", "title": "",
                          "labels": labels})
    assert plain == "<a href='<x>/a'>A</a>|" and marked == plain  # no autoescape here
    assert _made(env) == 2
