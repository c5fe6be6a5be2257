"""Untrusted text stays text, and a hostile title or slug cannot write outside output/.

The fixture ``2023/11/etc-passwd.md`` has ``<script>alert(1)</script>``, ``<img ... onerror=...>``,
a ``javascript:`` link and a ``<div onclick>`` in its body, title, summary, provider, entity name
and source URL, and ``../../etc/passwd`` as title, slug and raw path.
"""

from __future__ import annotations

import os

from sitehtml import parse

ARTICLE = "articles/2023/11/etc-passwd.html"


def html_files(site):
    return sorted(site.output.rglob("*.html"))


def test_hostile_article_renders_as_text(fixture_site):
    html = fixture_site.read(ARTICLE)
    page = parse(html)
    assert page.find("h1").text() == "../../etc/passwd <script>alert(1)</script>"
    body_text = page.find("main").text()
    assert "<script>alert(1)</script>" in body_text
    assert "<img src=x onerror=alert(1)>" in body_text
    assert '<div onclick="alert(1)">block</div>' in body_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_page_contains_injected_markup(fixture_site):
    for path in html_files(fixture_site):
        page = parse(path.read_text(encoding="utf-8"))
        for element in page.iter():
            handlers = [name for name in element.attrs if name.startswith("on")]
            assert not handlers, f"{path}: <{element.tag} {handlers}>"
            for name in ("href", "src", "action"):
                value = element.attrs.get(name, "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text")), path
            if element.tag == "script":
                assert "alert(" not in element.text() or element.attrs.get("type") == (
                    "application/ld+json"
                ), path
            if element.tag == "img":
                assert element.attrs.get("src") != "x", path
        # JSON-LD may carry the title, but never a raw "</script" that would end its block.
        for script in page.find_all("script"):
            assert "</script" not in script.text().lower(), path


def test_hostile_slug_and_paths_stay_inside_output(fixture_site):
    output = fixture_site.output.resolve()
    assert (fixture_site.output / ARTICLE).is_file()
    for dirpath, dirnames, filenames in os.walk(fixture_site.root):
        for name in filenames + dirnames:
            path = os.path.join(dirpath, name)
            assert not os.path.islink(path), path
            assert name != "passwd", path
    for path in fixture_site.output.rglob("*"):
        assert path.resolve().is_relative_to(output), path
    # Everything the build wrote is under the build's own folders.
    top = {p.name for p in fixture_site.root.iterdir()}
    assert top <= {"output", "cache", "content", "index", "pelicanconf_test.py"}, top
    # Entity and source slugs from hostile names are single safe path segments.
    assert (fixture_site.output / "other/script-alert-1-script.html").is_file()
    assert (fixture_site.output / "sources/quayside-img-src-x-onerror-alert-1-post.html").is_file()
