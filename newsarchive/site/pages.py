"""Split a list into pages with explicit ``.html`` URLs that stay put as the archive grows.

Lists (the home page, an entity's, a source's or a month's articles) are newest first, and new
articles arrive at the newest end. Numbering pages from the newest would move every article to
another page whenever one arrives, so every page of a long list would change with each update.
Here, instead:

- the first page (``x.html``) shows the newest ``size`` items;
- the older items are cut into runs of ``size`` counted from the *oldest* item: run 1 is the
  oldest ``size`` items, at ``x-2.html``; run 2 at ``x-3.html``, and so on. A run gets its page
  once a newer item exists beyond it, so every older page is full and never changes again; only
  the first page and the newest run's page (and that page's link to a newer one) change when
  items arrive.

The first page and the newest older page share items (at most ``size - 1``); every item is on
at least one page. Older pages carry no totals ("page 3 of 40" would change with every
addition); they say which items they hold counted from the oldest.

Undated articles have no place in time: they come last in a list, and a new one would land
among them, shifting every dated run if they were counted with the dated ones. So the dated
items are cut into runs as above, and the undated ones (``undated``, at the end of ``items``)
follow in their own pages, ``x--undated.html``, ``x--undated-2.html``..., after the oldest dated
page. A new undated article then moves only undated pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def page_url(base: str, number: int) -> str:
    """URL of page ``number`` of ``base`` (a path without ``.html``); undated pages have
    negative numbers: -1 is ``base--undated.html``, -2 ``base--undated-2.html`` (a slug never
    has two hyphens in a row, so no entity's page can take these names)."""
    if number < 0:
        return f"{base}--undated.html" if number == -1 else f"{base}--undated{number}.html"
    return f"{base}.html" if number == 1 else f"{base}-{number}.html"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: the first (newest items) or an older run.

    ``number`` is 1 for the first page; run ``k`` (counted from the oldest) is page ``k + 1``;
    undated page ``k`` is number ``-k``.
    ``oldest`` and ``newest`` are the 1-based positions of the page's items counted from the
    oldest item, ``total`` the list's length on the first page and None on older pages.
    """

    number: int
    items: Sequence[T]
    base: str
    oldest: int
    newest: int
    total: int | None
    newer_number: int | None
    older_number: int | None

    @property
    def first(self) -> bool:
        return self.number == 1

    @property
    def undated(self) -> bool:
        return self.number < 0

    @property
    def label(self) -> str:
        """How the page names itself in its title, breadcrumbs and links."""
        if self.first:
            return "Newest"
        return f"Undated, page {-self.number}" if self.undated else f"Page {self.number}"

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def newer_url(self) -> str | None:
        return None if self.newer_number is None else page_url(self.base, self.newer_number)

    @property
    def older_url(self) -> str | None:
        return None if self.older_number is None else page_url(self.base, self.older_number)

    @property
    def oldest_url(self) -> str | None:
        """The page of the oldest dated items, from a dated page that has older ones."""
        if self.older_number is None or self.undated or self.older_number < 0:
            return None
        return page_url(self.base, 2)

    @property
    def newest_url(self) -> str | None:
        """The first page, from an older page."""
        return None if self.first else page_url(self.base, 1)


def paginate(items: Sequence[T], size: int, base: str, undated: int = 0) -> list[Page[T]]:
    """The first page, the older dated runs from the newest to the oldest, then the pages of the
    ``undated`` items that end ``items`` (see the module).

    ``items`` are newest first. An empty list still has its (empty) first page.
    """
    size = max(1, int(size))
    n = len(items)
    undated = max(0, min(int(undated), n))
    dated = n - undated
    head = min(size, n)  # the first page
    # dated runs counted from the oldest; the newest one is on page 1 (all of it when the first
    # page is all dated, else the first page already holds every dated item)
    runs = max(1, -(-dated // size))
    older = runs - 1 if dated >= size else 0  # dated runs with a page of their own: 1 .. older
    # undated items not on the first page get pages of their own
    rest = undated - max(0, head - dated)
    undated_pages = -(-rest // size) if rest > 0 else 0
    first_undated = -1 if undated_pages else None
    pages = [
        Page(
            number=1,
            items=items[:head],
            base=base,
            oldest=max(1, dated - size + 1) if dated else 0,
            newest=dated,
            total=n,
            newer_number=None,
            older_number=older + 1 if older else first_undated,
        )
    ]
    for run in range(older, 0, -1):
        oldest, newest = (run - 1) * size + 1, run * size  # positions from the oldest dated
        pages.append(
            Page(
                number=run + 1,
                items=items[dated - newest : dated - oldest + 1],
                base=base,
                oldest=oldest,
                newest=newest,
                total=None,
                newer_number=run + 2 if run < older else 1,
                older_number=run if run > 1 else first_undated,
            )
        )
    start = n - rest  # undated items from here on have pages of their own
    for k in range(1, undated_pages + 1):
        chunk = items[start + (k - 1) * size : start + k * size]
        pages.append(
            Page(
                number=-k,
                items=chunk,
                base=base,
                oldest=(k - 1) * size + 1,
                newest=(k - 1) * size + len(chunk),
                total=None,
                newer_number=-(k - 1) if k > 1 else (2 if older else 1),
                older_number=-(k + 1) if k < undated_pages else None,
            )
        )
    return pages
