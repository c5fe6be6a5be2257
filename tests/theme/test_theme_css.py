"""The stylesheet keeps its promises: AA contrast in light and dark, a print block, reduced motion.

Colours are read from the custom properties declared in style.css (light ``:root`` and the
``prefers-color-scheme: dark`` override), so a colour change that breaks contrast fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "theme" / "static" / "css" / "style.css"

# (foreground, background, minimum): text pairs need 4.5:1 (WCAG 1.4.3); non-text parts such as
# focus rings and chart bars need 3:1 against the page (WCAG 1.4.11).
TEXT = 4.5
NON_TEXT = 3.0
PAIRS = [
    ("--text", "--bg", TEXT),
    ("--text", "--surface", TEXT),
    ("--text", "--surface-2", TEXT),
    ("--bg", "--text", TEXT),  # inverted: current page in pagination and sort toggles
    ("--text-muted", "--bg", TEXT),
    ("--text-muted", "--surface", TEXT),
    ("--text-muted", "--surface-2", TEXT),
    ("--link", "--bg", TEXT),
    ("--link", "--surface", TEXT),
    ("--link", "--surface-2", TEXT),
    ("--link-hover", "--bg", TEXT),
    ("--link-hover", "--surface", TEXT),
    ("--kicker", "--bg", TEXT),
    ("--masthead-text", "--masthead-bg", TEXT),
    ("--masthead-muted", "--masthead-bg", TEXT),
    ("--nav-text", "--nav-bg", TEXT),
    ("--nav-current", "--nav-bg", TEXT),
    ("--button-fg", "--button-bg", TEXT),
    ("--button-fg", "--button-hover-bg", TEXT),
    ("--people-fg", "--people-bg", TEXT),
    ("--organizations-fg", "--organizations-bg", TEXT),
    ("--places-fg", "--places-bg", TEXT),
    ("--other-fg", "--other-bg", TEXT),
    ("--count-fg", "--count-bg", TEXT),
    ("--focus", "--bg", NON_TEXT),
    ("--focus-ring", "--masthead-bg", NON_TEXT),
    ("--bar", "--bg", NON_TEXT),
    ("--bar", "--surface", NON_TEXT),
]

_BLOCK = re.compile(r":root\s*\{(?P<body>[^}]*)\}")
_PROP = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")


def _strip_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def _media_block(css: str, condition: str) -> str:
    """The text of the first ``@media`` block whose condition contains ``condition``."""
    start = css.find("@media")
    while start != -1:
        brace = css.index("{", start)
        if condition in css[start:brace]:
            depth, i = 1, brace + 1
            while depth:
                depth += {"{": 1, "}": -1}.get(css[i], 0)
                i += 1
            return css[brace + 1 : i - 1]
        start = css.find("@media", brace)
    raise AssertionError(f"no @media block with {condition!r}")


def _props(block: str) -> dict[str, str]:
    match = _BLOCK.search(block)
    assert match, "no :root declarations"
    return {name: value.strip() for name, value in _PROP.findall(match.group("body"))}


def palettes(css_text: str) -> dict[str, dict[str, str]]:
    """Light palette (first :root) and dark palette (light overridden by the dark :root)."""
    css = _strip_comments(css_text)
    light = _props(css)
    dark = {**light, **_props(_media_block(css, "prefers-color-scheme: dark"))}
    return {"light": light, "dark": dark}


def resolve(props: dict[str, str], name: str) -> str:
    value = props[name]
    for _ in range(10):
        ref = re.fullmatch(r"var\((--[\w-]+)\)", value)
        if not ref:
            return value
        value = props[ref.group(1)]
    raise AssertionError(f"{name}: var() chain too deep")


def rgb(value: str) -> tuple[float, float, float]:
    value = value.strip().lower()
    m = re.fullmatch(r"#([0-9a-f]{3}|[0-9a-f]{6})", value)
    assert m, f"colour {value!r} is not #rgb/#rrggbb"
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(colour: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance (sRGB)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((luminance(rgb(fg)), luminance(rgb(bg))), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_contrast_formula_matches_wcag_reference_points() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    # #767676 on white is the well-known lightest grey that passes AA (4.54:1).
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("fg", "bg", "minimum"), PAIRS, ids=[f"{f}-on-{b}" for f, b, _ in PAIRS])
def test_colour_pairs_meet_wcag_aa(scheme: str, fg: str, bg: str, minimum: float) -> None:
    props = palettes(CSS.read_text(encoding="utf-8"))[scheme]
    ratio = contrast(resolve(props, fg), resolve(props, bg))
    assert ratio >= minimum, f"{scheme}: {fg} on {bg} is {ratio:.2f}:1, needs {minimum}:1"


def test_dark_palette_really_is_dark() -> None:
    dark = palettes(CSS.read_text(encoding="utf-8"))["dark"]
    assert luminance(rgb(resolve(dark, "--bg"))) < 0.05
    assert luminance(rgb(resolve(dark, "--text"))) > 0.6


def test_print_block_hides_navigation_and_prints_link_targets() -> None:
    css = _strip_comments(CSS.read_text(encoding="utf-8"))
    block = _media_block(css, "print")
    assert re.search(r"\.site-nav[^{]*\{[^}]*display:\s*none", block, re.S)
    assert re.search(r"\[role=\"search\"\][^{]*\{[^}]*display:\s*none", block, re.S)
    assert "attr(href)" in block
    assert re.search(r"body\s*\{[^}]*background:\s*#fff", block, re.S)


def test_reduced_motion_is_respected() -> None:
    css = _strip_comments(CSS.read_text(encoding="utf-8"))
    block = _media_block(css, "prefers-reduced-motion: reduce")
    assert "transition-duration" in block and "animation-duration" in block
    # transitions live only inside the block for people who did not ask for less motion
    allowed = _media_block(css, "prefers-reduced-motion: no-preference")
    assert "transition" in allowed
    assert "transition:" not in css.replace(block, "").replace(allowed, "")


def test_no_remote_resources_in_css() -> None:
    css = _strip_comments(CSS.read_text(encoding="utf-8"))
    assert "@import" not in css
    for url in re.findall(r"url\(([^)]*)\)", css):
        assert not re.match(r"['\"]?(https?:)?//", url.strip()), url
