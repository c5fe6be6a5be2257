"""Slugs decide file names and URLs, so they must be safe, stable and collision-aware."""

from __future__ import annotations

import pytest

from newsarchive.slug import entity_slug, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Harbour Authority Signs Ten-Year Deal", "harbour-authority-signs-ten-year-deal"),
        ("Café Lumen", "cafe-lumen"),
        ("Łódź Port & Straße", "lodz-port-strasse"),
        ("../../etc/passwd", "etc-passwd"),
        ("<b>Bold</b> move", "b-bold-b-move"),
        ("", "untitled"),
    ],
)
def test_slugify_is_one_safe_ascii_segment(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_long_titles_at_a_word_boundary() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"word"}


def test_entity_slug_avoids_index_and_page_numbers() -> None:
    assert entity_slug("Index") == "index-e"
    assert entity_slug("Group of 20") == "group-of-20-e"
    assert entity_slug("Group of") == "group-of"


def test_non_latin_names_get_distinct_slugs() -> None:
    names = ["Иван Петров", "Анна Петрова", "北京港务局", "محمد علي"]
    slugs = [entity_slug(name) for name in names]
    assert len(set(slugs)) == len(names)
    assert all(slug.startswith("e-") and len(slug) == 12 for slug in slugs)
    assert entity_slug("Иван Петров") == slugs[0]  # stable
