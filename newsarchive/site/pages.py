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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def page_url(base: str, number: int) -> str:
    """URL of page ``number`` of ``base`` (a path without ``.html``)."""
    return f"{base}.html" if number == 1 else f"{base}-{number}.html"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: the first (newest items) or an older run.

    ``number`` is 1 for the first page; run ``k`` (counted from the oldest) is page ``k + 1``.
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
        """The page of the oldest items, from any page that has older ones."""
        return page_url(self.base, 2) if self.older_number is not None else None

    @property
    def newest_url(self) -> str | None:
        """The first page, from an older page."""
        return None if self.first else page_url(self.base, 1)


def paginate(items: Sequence[T], size: int, base: str) -> list[Page[T]]:
    """The first page, then the older runs from the newest to the oldest (see the module).

    ``items`` are newest first. An empty list still has its (empty) first page.
    """
    size = max(1, int(size))
    n = len(items)
    runs = max(1, -(-n // size))  # runs counted from the oldest; the newest one is on page 1
    older = runs - 1  # runs with a page of their own: 1 .. older
    first = Page(
        number=1,
        items=items[:size],
        base=base,
        oldest=max(1, n - size + 1) if n else 0,
        newest=n,
        total=n,
        newer_number=None,
        older_number=older + 1 if older else None,
    )
    pages = [first]
    for run in range(older, 0, -1):
        oldest, newest = (run - 1) * size + 1, run * size  # positions from the oldest
        pages.append(
            Page(
                number=run + 1,
                items=items[n - newest : n - oldest + 1],
                base=base,
                oldest=oldest,
                newest=newest,
                total=None,
                newer_number=run + 2 if run < older else 1,
                older_number=run if run > 1 else None,
            )
        )
    return pages
