"""An entity's articles per month, drawn as an inline SVG bar chart at build time.

No JavaScript and no colour needed to read it: every bar carries its count as a text label above it
and a ``<title>`` (tooltip, read by screen readers), bars use ``currentColor`` so they follow the
page's light or dark text colour, and the page adds a table with the same numbers. Months with no
articles inside the range are drawn as empty slots so gaps are visible; a range longer than
``max_months`` is drawn per year instead.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from html import escape

BAR_WIDTH = 22
BAR_GAP = 6
CHART_HEIGHT = 80
TOP_PAD = 16
BOTTOM_PAD = 30
SIDE_PAD = 4


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: ``period`` is ``YYYY-MM`` (or ``YYYY``), ``label`` is human-readable."""

    period: str
    label: str
    short: str
    year: int
    count: int


@dataclass
class Timeline:
    unit: str = "month"
    bars: list[Bar] = field(default_factory=list)
    undated: int = 0

    @property
    def peak(self) -> int:
        return max((bar.count for bar in self.bars), default=0)

    @property
    def nonzero(self) -> list[Bar]:
        return [bar for bar in self.bars if bar.count]

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars) + self.undated


def _month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    year, month = first
    out = []
    while (year, month) <= last:
        out.append((year, month))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


@cache
def _month_labels(year: int, month: int) -> tuple[str, str, str]:
    """A month's period, label and short label (formatted once per month, not once per bar of
    every entity's timeline)."""
    first_day = dt.date(year, month, 1)
    return f"{year:04d}-{month:02d}", first_day.strftime("%B %Y"), first_day.strftime("%b")


@cache
def _month_bar(year: int, month: int, count: int) -> Bar:
    """One month's bar (bars are frozen: every timeline with that month and count shares one,
    instead of each entity's timeline making its own)."""
    period, label, short = _month_labels(year, month)
    return Bar(period=period, label=label, short=short, year=year, count=count)


def build_timeline(dates: Iterable[dt.date | None], *, max_months: int = 60) -> Timeline:
    """Count ``dates`` per month (``None`` = undated) over the continuous range they span."""
    per_month: Counter[tuple[int, int]] = Counter()
    undated = 0
    for value in dates:
        if value is None:
            undated += 1
        else:
            per_month[(value.year, value.month)] += 1
    timeline = Timeline(undated=undated)
    if not per_month:
        return timeline
    span = _month_range(min(per_month), max(per_month))
    if len(span) <= max_months:
        timeline.bars = [_month_bar(year, month, per_month.get((year, month), 0))
                         for year, month in span]
        return timeline
    per_year: Counter[int] = Counter()
    for (year, _month), n in per_month.items():
        per_year[year] += n
    timeline.unit = "year"
    for year in range(min(per_year), max(per_year) + 1):
        timeline.bars.append(
            Bar(period=f"{year:04d}", label=str(year), short=str(year), year=year,
                count=per_year.get(year, 0))
        )
    return timeline


def _plural(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


def _text(cls: str, x: float, y: float, body: str, size: int, anchor: str = "middle") -> str:
    return (
        f'<text class="{cls}" x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="currentColor">{escape(body)}</text>'
    )


@dataclass(frozen=True)
class Chart:
    """A timeline's chart, drawn when a page shows it (``str()``): the page of an entity whose
    articles did not change is not rendered again, so its chart need not be drawn either."""

    timeline: Timeline
    title: str

    def __str__(self) -> str:
        return render_svg(self.timeline, self.title)

    def __html__(self) -> str:
        return str(self)

    def __bool__(self) -> bool:
        return bool(self.timeline.bars)


def render_svg(timeline: Timeline, title: str, *, element_id: str = "timeline") -> str:
    """The chart as an ``<svg>`` string; ``title`` is escaped here."""
    if not timeline.bars:
        return ""
    step = BAR_WIDTH + BAR_GAP
    width = SIDE_PAD * 2 + step * len(timeline.bars) - BAR_GAP
    height = TOP_PAD + CHART_HEIGHT + BOTTOM_PAD
    base = TOP_PAD + CHART_HEIGHT
    peak = timeline.peak or 1
    first, last = timeline.bars[0], timeline.bars[-1]
    desc = (
        f"{_plural(sum(b.count for b in timeline.bars))} from {first.label} to {last.label}, "
        f"peak {timeline.peak} per {timeline.unit}."
    )
    parts = [
        f'<svg class="timeline-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" data-unit="{timeline.unit}">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(desc)}</desc>',
        f'<line class="timeline__axis" x1="0" y1="{base + 0.5}" x2="{width}" y2="{base + 0.5}" '
        f'stroke="currentColor" stroke-width="1"/>',
    ]
    previous_year = None
    for i, bar in enumerate(timeline.bars):
        x = SIDE_PAD + i * step
        bar_height = round(CHART_HEIGHT * bar.count / peak) if bar.count else 0
        if bar.count and bar_height < 2:
            bar_height = 2
        y = base - bar_height
        centre = x + BAR_WIDTH / 2
        parts.append(
            f'<g class="bar" data-period="{bar.period}" data-count="{bar.count}">'
            f"<title>{escape(bar.label)}: {_plural(bar.count)}</title>"
            f'<rect class="timeline__bar" x="{x}" y="{y}" width="{BAR_WIDTH}" '
            f'height="{bar_height}" fill="currentColor"/>'
        )
        if bar.count:
            parts.append(_text("timeline__value bar__value", centre, y - 4, str(bar.count), 11))
        if timeline.unit == "month":
            parts.append(_text("timeline__label", centre, base + 12, bar.short[:1], 9))
            if bar.year != previous_year:
                parts.append(_text("timeline__label", x, base + 25, str(bar.year), 10, "start"))
        else:
            parts.append(_text("timeline__label", centre, base + 14, bar.short[-2:], 9))
        previous_year = bar.year
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
