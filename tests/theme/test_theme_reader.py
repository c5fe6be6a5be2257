"""The site as a reader uses it, in real Chromium at 1280 px and 390 px: wording, reading order,
the article sidebar, the A-Z of people, dates, previous/next links, the search shortcut and
boxes, focus contrast, links in article text, search landmarks, the entity search link.

``reader_site`` (conftest.py) adds a sixty-entity article and a busy January 2024 to the theme
fixtures.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import CROWDED, CROWDED_PEOPLE, ThemeSite

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CROWDED_PAGE = f"articles/{CROWDED}.html"


def _open(browser: Any, site: ThemeSite, page: str, **context: Any) -> Any:
    ctx = browser.new_context(**context)
    tab = ctx.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto((site.output / page).as_uri())
    tab.wait_for_load_state("load")
    tab.errors = errors
    return tab


def test_counts_of_one_are_singular(chromium: Any, reader_site: ThemeSite) -> None:
    tab = _open(chromium, reader_site, "people/emil-quist.html", viewport=DESKTOP)
    assert tab.locator(".entity-count").inner_text().strip() == (
        "1 article mentions Emil Quist."
    )
    tab.goto((reader_site.output / "people/tobias-reinholt.html").as_uri())
    assert tab.locator(".entity-count").inner_text().strip() == (
        "3 articles mention Tobias Reinholt."
    )
    # No "1 articles", "1 people", "1 sources" anywhere on the site.
    plural_after_one = re.compile(
        r"(?<![\d.,])1 (articles|people|organisations|places|sources|providers|"
        r"shared articles|undated articles) ", re.I)
    for path in reader_site.html_files():
        text = " ".join(path.read_text(encoding="utf-8").split())
        text = re.sub(r"<[^>]+>", " ", text)
        text = " ".join(text.split())
        assert not plural_after_one.search(text + " "), path
    tab.context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_entity_page_reading_order_is_visual_order(
    chromium: Any, reader_site: ThemeSite, viewport: dict[str, int]
) -> None:
    tab = _open(chromium, reader_site, "people/tobias-reinholt.html", viewport=viewport)
    parts = tab.evaluate(
        """['.entity-timeline', '.entity-articles', '.entity-related'].map(s => {
             const e = document.querySelector(s), r = e.getBoundingClientRect();
             return [s, r.top + scrollY, r.left];
           })"""
    )
    timeline, articles, related = parts
    # Seen: the timeline above the list; the related names beside (desktop) or below (phone).
    assert timeline[1] < articles[1]
    if viewport is DESKTOP:
        assert related[2] > articles[2]
    else:
        assert related[1] > articles[1]
    # Read and tabbed in the same order: the timeline's controls before the first article link.
    order = tab.evaluate(
        """(() => {
             const focusable = [...document.querySelectorAll('main a, main summary')];
             const t = focusable.indexOf(document.querySelector('.entity-timeline summary'));
             const a = focusable.indexOf(document.querySelector('.entity-articles a'));
             const r = focusable.indexOf(document.querySelector('.entity-related a'));
             return [t, a, r];
           })()"""
    )
    assert 0 <= order[0] < order[1] < order[2], order
    tab.keyboard.press("Tab")  # the skip link
    tab.keyboard.press("Enter")
    seen = []
    for _ in range(40):
        tab.keyboard.press("Tab")
        seen.append(tab.evaluate(
            "(() => { const e = document.activeElement;"
            " return e.closest('.entity-timeline') ? 'timeline'"
            " : e.closest('.entity-articles') ? 'articles'"
            " : e.closest('.entity-related') ? 'related' : 'other'; })()"
        ))
    firsts = [s for i, s in enumerate(seen) if s != "other" and s not in seen[:i]]
    assert firsts == ["timeline", "articles", "related"], seen
    tab.context.close()


def test_crowded_article_sidebar_is_collapsed(chromium: Any, reader_site: ThemeSite) -> None:
    tab = _open(chromium, reader_site, CROWDED_PAGE, viewport=DESKTOP)
    heights = tab.evaluate(
        "[document.querySelector('.layout__aside > .panel').getBoundingClientRect().height,"
        " document.querySelector('.layout__main').getBoundingClientRect().height]"
    )
    aside, main = heights
    assert aside < main / 2, heights
    people = tab.locator(".entity-group--people")
    visible = people.locator(":scope > ul.chips a.chip")
    assert visible.count() == 6
    # The most mentioned name is among the ones shown; the rest wait behind the disclosure.
    assert "Tobias Reinholt" in visible.all_inner_texts()
    more = people.locator("details.entity-more")
    assert more.locator("summary").inner_text().strip() == "Show 14 more"
    assert not more.locator("a.chip").first.is_visible()
    more.locator("summary").click()
    assert more.locator("a.chip").count() == 14
    assert more.locator("a.chip").first.is_visible()
    every = sorted(people.locator("a.chip").all_inner_texts())
    assert every == sorted(CROWDED_PEOPLE)
    # Short lists are not collapsed.
    tab.goto((reader_site.output / "articles/2024/01/ferry-fares-frozen.html").as_uri())
    assert tab.locator("details.entity-more").count() == 0
    tab.context.close()


def test_people_a_to_z_by_surname_with_every_letter(
    chromium: Any, reader_site: ThemeSite
) -> None:
    tab = _open(chromium, reader_site, "people/index.html", viewport=DESKTOP)
    names = tab.locator(".az-group .entity-list a").all_inner_texts()
    surnames = [n.split(",")[0].strip() for n in names]
    assert len(names) == len(set(CROWDED_PEOPLE) | {"Mara O'Donnell"})
    assert surnames == sorted(surnames, key=str.casefold)
    assert names[:2] == ["Achterberg, Corin", "Brask, Anneli"]
    assert "Varga-Holt, Ines" in names and "Reinholt, Tobias" in names
    letters = tab.locator(".az-nav a").all_inner_texts()
    expected = sorted({s[0].upper() for s in surnames})
    assert letters == expected  # one-article people included (most of them have one)
    for letter in letters:
        tab.locator(".az-nav a", has_text=letter).first.click()
        assert tab.evaluate("location.hash") == f"#letter-{letter}"
        group = tab.locator(f"#letter-{letter} .entity-list a").all_inner_texts()
        assert group and all(n[0].upper() == letter for n in group)
    tab.context.close()


DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b")
LONG = re.compile(
    r"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}$"
)


def test_one_date_format_everywhere(chromium: Any, reader_site: ThemeSite) -> None:
    tab = _open(chromium, reader_site, "index.html", viewport=DESKTOP)
    for page in ("index.html", CROWDED_PAGE, "people/tobias-reinholt.html", "archives.html",
                 "archives/2024/01.html", "sources/harbour-wire.html"):
        tab.goto((reader_site.output / page).as_uri())
        shown = tab.evaluate(
            "[...document.querySelectorAll('main time')].map(t => t.innerText.trim())"
        )
        assert shown, page
        for text in shown:
            date = text.removesuffix(" UTC")
            date = re.sub(r" \d\d:\d\d$", "", date)
            assert LONG.match(date), f"{page}: {text!r}"
        body = tab.locator("main").inner_text()
        for found in DATE.finditer(body):
            assert LONG.match(found.group(0)), f"{page}: {found.group(0)!r}"
    tab.context.close()


def test_previous_and_next_articles_in_date_order(chromium: Any, reader_site: ThemeSite) -> None:
    tab = _open(chromium, reader_site, "articles/2024/01/ferry-fares-frozen.html",
                viewport=PHONE)
    walked = [tab.locator("h1").inner_text()]
    dates = [tab.locator(".article__meta time.meta__date").get_attribute("datetime")]
    while tab.locator(".prev-next a[rel=next]").count():
        tab.locator(".prev-next a[rel=next]").click()
        tab.wait_for_load_state("load")
        walked.append(tab.locator("h1").inner_text())
        dates.append(tab.locator(".article__meta time.meta__date").get_attribute("datetime"))
    assert dates == sorted(dates) and len(dates) >= 4, walked
    # and back from the newest to the oldest
    back = [walked[-1]]
    back_dates = [dates[-1]]
    while tab.locator(".prev-next a[rel=prev]").count():
        tab.locator(".prev-next a[rel=prev]").click()
        tab.wait_for_load_state("load")
        back.append(tab.locator("h1").inner_text())
        back_dates.append(tab.locator(".article__meta time.meta__date").get_attribute("datetime"))
    assert back[: len(walked)] == walked[::-1]
    assert back_dates == sorted(back_dates, reverse=True) and len(back) > len(walked)
    tab.context.close()


def test_previous_and_next_months(chromium: Any, reader_site: ThemeSite) -> None:
    tab = _open(chromium, reader_site, "archives/2024/01.html", viewport=DESKTOP)
    nav = tab.get_by_role("navigation", name="Other months")
    assert nav.locator(".prev-next__prev").inner_text().split("\n")[-1] == "November 2023"
    assert nav.locator(".prev-next__next").inner_text().split("\n")[-1] == "March 2024"
    nav.locator(".prev-next__next a").click()
    tab.wait_for_load_state("load")
    assert tab.locator("h1").inner_text() == "March 2024"
    tab.goto((reader_site.output / "archives/2024/05.html").as_uri())
    nav = tab.get_by_role("navigation", name="Other months")
    assert nav.locator(".prev-next__prev").count() == 1
    assert nav.locator(".prev-next__next").count() == 0  # the newest month
    tab.context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_slash_focuses_the_search_box(
    chromium: Any, reader_site: ThemeSite, viewport: dict[str, int]
) -> None:
    tab = _open(chromium, reader_site, "index.html", viewport=viewport)
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "home-search-q"
    assert tab.evaluate("document.activeElement.value") == ""  # the "/" was not typed
    tab.keyboard.type("harbour/")
    assert tab.evaluate("document.activeElement.value") == "harbour/"  # typing is left alone
    assert tab.errors == []
    tab.context.close()


def test_one_search_box_on_the_phone_home_page(chromium: Any, reader_site: ThemeSite) -> None:
    tab = _open(chromium, reader_site, "index.html", viewport=PHONE)
    visible = tab.evaluate(
        "[...document.querySelectorAll('input[type=search]')]"
        ".filter(i => i.offsetParent !== null).map(i => i.id)"
    )
    assert visible == ["home-search-q"]
    tab.goto((reader_site.output / "people/index.html").as_uri())
    assert tab.locator("#site-search-q").is_visible()  # other pages keep the header's box
    tab.context.close()


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    la, lb = sorted((_luminance(a[:3]), _luminance(b[:3])), reverse=True)  # type: ignore[arg-type]
    return (la + 0.05) / (lb + 0.05)


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_navigation_focus_ring_contrast(
    chromium: Any, reader_site: ThemeSite, scheme: str
) -> None:
    tab = _open(chromium, reader_site, "people/index.html", viewport=DESKTOP,
                color_scheme=scheme)
    link = tab.locator(".site-nav a").first
    link.focus()
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    style = tab.evaluate(
        "(() => { const e = document.activeElement, s = getComputedStyle(e);"
        " const nav = getComputedStyle(document.querySelector('.site-nav'));"
        " return [e.closest('.site-nav') !== null, s.outlineStyle, s.outlineColor,"
        " nav.backgroundColor]; })()"
    )
    in_nav, outline_style, outline, background = style
    assert in_nav and outline_style != "none"
    ratio = _contrast(_rgb(outline), _rgb(background))
    assert ratio >= 3, f"{scheme}: focus ring {outline} on {background} is {ratio:.2f}:1"
    tab.context.close()


def test_addresses_in_article_text_are_safe_links(chromium: Any, reader_site: ThemeSite) -> None:
    tab = _open(chromium, reader_site, CROWDED_PAGE, viewport=DESKTOP)
    links = tab.evaluate(
        "[...document.querySelectorAll('.article__body a')]"
        ".map(a => [a.getAttribute('href'), a.innerText, a.rel])"
    )
    assert links == [
        ["https://council.port-alden.test/hearings/dredging?day=2&part=1",
         "https://council.port-alden.test/hearings/dredging?day=2&part=1",
         "nofollow noopener"],
        ["http://minutes.port-alden.test/2024/04/", "http://minutes.port-alden.test/2024/04/",
         "nofollow noopener"],
    ]
    # the full stop and comma after an address stay text; "javascript:" never becomes a link
    body = tab.locator(".article__body").inner_text()
    assert "day=2&part=1, and the minutes" in body and "javascript:alert(1) stayed text" in body
    tab.context.close()


def test_search_landmarks_are_named(chromium: Any, reader_site: ThemeSite) -> None:
    tab = _open(chromium, reader_site, "index.html", viewport=DESKTOP)
    for page in ("index.html", "people/index.html", "search.html"):
        tab.goto((reader_site.output / page).as_uri())
        names = tab.evaluate(
            "[...document.querySelectorAll('[role=search]')]"
            ".filter(f => f.offsetParent !== null || getComputedStyle(f).display !== 'none')"
            ".map(f => f.getAttribute('aria-label') || '')"
        )
        named = [n for n in names if n]
        assert len(set(names)) == len(names) and len(names) - len(named) <= 1, (page, names)
        assert "Site search" in names, page
    tab.context.close()


def test_entity_page_links_to_search_within_its_articles(
    chromium: Any, reader_site: ThemeSite
) -> None:
    tab = _open(chromium, reader_site, "people/ines-varga-holt.html", viewport=DESKTOP)
    link = tab.get_by_role("link", name="Search within these articles")
    href = link.get_attribute("href")
    assert href == "../search.html?entity=people/ines-varga-holt"
    link.click()
    tab.wait_for_load_state("load")
    # the search page may rewrite its address (the filter's slash percent-encoded) as it runs
    landed = urlsplit(tab.url)
    assert landed.path.endswith("/search.html")
    assert parse_qs(landed.query)["entity"] == ["people/ines-varga-holt"]
    tab.get_by_text("1 article matches").or_(tab.get_by_text("articles match")).first.wait_for()
    tab.goto((reader_site.output / "people/emil-quist.html").as_uri())
    assert tab.get_by_role("link", name="Search within this article").count() == 1
    tab.context.close()
