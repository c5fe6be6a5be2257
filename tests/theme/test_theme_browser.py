"""The theme in real Chromium from file://: narrow screens, dark mode, print, keyboard focus.

Screenshots land in tests/artifacts/theme/ (not committed) for a human to look at.
"""

from __future__ import annotations

import pytest

from .conftest import REPO, ThemeSite

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts" / "theme"
PAGES = {
    "home": "index.html",
    "article": "articles/2024/03/harbour-authority-signs-dredging-deal.html",
    "hostile": "articles/2024/05/tidelog-fix-shows-tags-as-text.html",
    "entity": "people/ines-varga-holt.html",
    "entity-index": "organizations/index.html",
    "archive": "archives.html",
}


@pytest.fixture(scope="module")
def browser(chromium: object) -> object:
    """The session's shared Chromium (see tests/conftest.py)."""
    return chromium


def _open(browser: object, site: ThemeSite, page: str, **context: object) -> object:
    ctx = browser.new_context(**context)  # type: ignore[attr-defined]
    tab = ctx.new_page()
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file:") else None)
    tab.goto((site.output / page).as_uri())
    tab.wait_for_load_state("load")
    assert outside == [], f"{page} requested {outside}"
    return tab


@pytest.mark.parametrize("width", [360])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scroll_on_phones(
    browser: object, theme_site: ThemeSite, name: str, width: int
) -> None:
    tab = _open(browser, theme_site, PAGES[name], viewport={"width": width, "height": 800})
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}-light-{width}.png"), full_page=True)
    tab.context.close()


def _rgb(css_hex: str) -> str:
    r, g, b = (int(css_hex[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_dark_mode_follows_the_system(browser: object, theme_site: ThemeSite) -> None:
    from .test_theme_css import CSS, palettes

    colours = palettes(CSS.read_text(encoding="utf-8"))
    for scheme in ("light", "dark"):
        tab = _open(
            browser,
            theme_site,
            PAGES["article"],
            viewport={"width": 1280, "height": 900},
            color_scheme=scheme,
        )
        body = tab.evaluate(
            "(() => { const s = getComputedStyle(document.body);"
            " return [s.backgroundColor, s.color]; })()"
        )
        assert body == [_rgb(colours[scheme]["--bg"]), _rgb(colours[scheme]["--text"])]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for name in ("home", "article", "entity"):
            tab.goto((theme_site.output / PAGES[name]).as_uri())
            tab.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}-1280.png"), full_page=True)
        tab.context.close()


def test_print_hides_navigation_and_search(browser: object, theme_site: ThemeSite) -> None:
    tab = _open(browser, theme_site, PAGES["article"], viewport={"width": 1000, "height": 900})
    tab.emulate_media(media="print")
    hidden = tab.evaluate(
        "['.site-nav', '.site-search']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none"]
    after = tab.evaluate(
        "[...document.querySelectorAll('.article__meta .original-link, .article__footer a')]"
        ".map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"
    )
    original, *internal = after
    assert original[0].startswith("https://") and original[0] in original[1], original
    assert internal and all(content in ("none", "normal") for _, content in internal), internal
    assert tab.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    tab.context.close()


def test_keyboard_focus_is_visible_and_skip_link_works(
    browser: object, theme_site: ThemeSite
) -> None:
    tab = _open(browser, theme_site, PAGES["home"], viewport={"width": 1280, "height": 900})
    tab.keyboard.press("Tab")
    focused = tab.evaluate(
        "(() => { const e = document.activeElement, s = getComputedStyle(e);"
        " const r = e.getBoundingClientRect();"
        " return [e.className, s.outlineStyle, parseFloat(s.outlineWidth), r.top >= 0]; })()"
    )
    assert focused[0] == "skip-link"
    assert focused[1] != "none" and focused[2] >= 2 and focused[3], focused
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"
    tab.keyboard.press("Tab")
    inside_main = tab.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main, "after the skip link, Tab continues inside <main>"
    tab.context.close()


def test_reduced_motion_turns_transitions_off(browser: object, theme_site: ThemeSite) -> None:
    durations = {}
    for motion in ("reduce", "no-preference"):
        tab = _open(
            browser, theme_site, PAGES["article"], viewport={"width": 1280, "height": 900},
            reduced_motion=motion,
        )
        durations[motion] = tab.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.chip')).transitionDuration)"
        )
        tab.context.close()
    assert durations["reduce"] < 0.001 < durations["no-preference"]



def test_decorations_stay_out_of_accessible_names(browser: object, theme_site: ThemeSite) -> None:
    """Type glyphs on chips are decoration: a chip is announced by the entity's name alone."""
    tab = _open(browser, theme_site, PAGES["article"], viewport={"width": 1280, "height": 900})
    chips = tab.locator("aside a.chip")
    names = chips.all_inner_texts()
    assert names
    for name in names:
        link = tab.get_by_role("link", name=name.strip(), exact=True)
        assert link.count() >= 1, f"chip {name!r} has a different accessible name"
    label = tab.locator(".article__meta .original-link").inner_text().strip()
    announced = tab.get_by_role("link", name=f"{label} (external)", exact=True)
    assert announced.count() == 1, "the outbound link is announced as external"
    tab.context.close()
