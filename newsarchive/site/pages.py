"""Split a list into pages with explicit ``.html`` URLs that stay put as the archive grows.

Lists (the home page, an entity's, a source's or a month's articles) are newest first. New
articles mostly arrive at the newest end, but a scraper catching up, or a backfill of an older
collection, puts them anywhere in time. Numbering pages from the newest would move every article
to another page whenever one arrives; numbering fixed runs from the oldest still moves every page
newer than the place where one lands. Here the older pages are cut where the *items* say, not
where a count says, so an item arriving anywhere changes only the pages around it:

- the first page (``x.html``) shows the newest ``size`` items;
- walking from the oldest item, a run ends after an item whose anchor (a stable name the caller
  gives each item, e.g. its date and a digest of its URL) hashes to 0 modulo ``size``; such an
  item is a *cut*, so runs are ``size`` items long on average and each cut depends on its own item
  alone. A run shorter than ``size // 2`` is joined to the next newer run, so the pages stay
  well filled; the joined runs form a *group*. A group is named by the cut just before it
  (``x--<anchor>.html``) and the oldest group, with no cut before it, is numbered
  (``x-2.html``), so a list with older pages always has ``x-2.html``, its oldest page;
- a group longer than ``size`` is cut into pages of ``size`` counted from its oldest item
  (``x--<anchor>-2.html``, ``x-3.html``, ...), the newest of them taking in a rest shorter than
  ``size // 2`` (so an older page holds up to ``1.5 * size`` items, and a list about 5 % more
  pages than fixed runs of ``size`` would take);
- a page is written once its oldest item has dropped off the first page; until then the first
  page shows all of it.

An item arriving inside a group changes that group's pages (and the first page); an arriving cut
splits one group in two, and the pages next to a changed one change their links. Older pages
carry no totals or positions ("page 3 of 40", "articles 41-60" would change with every
addition); the caller's ``describe`` names them by what they hold (a range of dates).

Undated articles have no place in time: they come last in a list and are paged apart from the
dated ones, numbered in list order (``x--undated.html``, ``x--undated-2.html``...), after the
oldest dated page. A new undated article then moves only undated pages.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: the first (newest items), an older dated page or an undated page.

    ``name`` is what follows ``base`` in the URL (``""`` for the first page). ``oldest`` and
    ``newest`` are, on undated pages, the 1-based positions of their items among the undated;
    ``total`` is the list's length on the first page and None on the others.
    """

    name: str
    items: Sequence[T]
    base: str
    label: str
    total: int | None
    newer_url: str | None = None
    older_url: str | None = None
    oldest_url: str | None = None
    oldest: int = 0
    newest: int = 0

    @property
    def first(self) -> bool:
        return not self.name

    @property
    def undated(self) -> bool:
        return self.name.startswith("--undated")

    @property
    def url(self) -> str:
        return f"{self.base}{self.name}.html"

    @property
    def newest_url(self) -> str | None:
        """The first page, from an older page."""
        return None if self.first else f"{self.base}.html"


@functools.lru_cache(maxsize=1 << 16)
def is_cut(anchor: str, size: int) -> bool:
    """Whether the item named ``anchor`` ends a run (about one item in ``size``)."""
    digest = hashlib.sha256(anchor.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % size == 0


def groups(anchors: Sequence[str], size: int) -> list[tuple[str | None, int, int]]:
    """The groups of the dated items named ``anchors`` (oldest first) as ``(anchor of the cut
    before the group or None for the oldest group, start, end)``, ``end`` exclusive."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i, anchor in enumerate(anchors):
        if is_cut(anchor, size):
            runs.append((start, i + 1))
            start = i + 1
    if start < len(anchors) or not runs:
        runs.append((start, len(anchors)))
    short = max(1, size // 2)
    out: list[tuple[str | None, int, int]] = []
    begin: int | None = None
    for start, end in runs:
        begin = start if begin is None else begin
        if end - start < short and end < len(anchors):
            continue  # joined to the next newer run
        out.append((anchors[begin - 1] if begin else None, begin, end))
        begin = None
    return out


def paginate(
    items: Sequence[T],
    size: int,
    base: str,
    undated: int = 0,
    anchor: Callable[[T], str] = str,
    describe: Callable[[Sequence[T]], str] | None = None,
) -> list[Page[T]]:
    """The first page, the older dated pages from the newest to the oldest, then the pages of
    the ``undated`` items that end ``items`` (see the module).

    ``items`` are newest first. ``anchor`` names an item for good (unique in the list, the same
    in every build); ``describe`` labels an older dated page from its items. An empty list
    still has its (empty) first page.
    """
    size = max(1, int(size))
    n = len(items)
    undated = max(0, min(int(undated), n))
    dated = n - undated
    head = min(size, n)
    oldest_first = list(items[:dated])[::-1]
    older: list[tuple[str, Sequence[T]]] = []  # oldest first
    for cut, start, end in groups([anchor(item) for item in oldest_first], size):
        chunks = [(lo, min(end, lo + size)) for lo in range(start, max(end, start + 1), size)]
        if len(chunks) > 1 and chunks[-1][1] - chunks[-1][0] < size // 2:
            chunks[-2:] = [(chunks[-2][0], end)]  # a short newest piece stays with the one before
        for k, (lo, hi) in enumerate(chunks, start=1):
            if dated - lo <= head:  # its oldest item is on the first page, and all newer ones
                break
            name = f"-{k + 1}" if cut is None else (f"--{cut}" if k == 1 else f"--{cut}-{k}")
            older.append((name, oldest_first[lo:hi][::-1]))
    older.reverse()  # newest first
    rest = undated - max(0, head - dated)
    start = n - rest
    undated_pages = [items[i : i + size] for i in range(start, n, size)]
    names = ["", *(name for name, _ in older),
             *(f"--undated-{k}" if k > 1 else "--undated"
               for k in range(1, len(undated_pages) + 1))]
    urls = [f"{base}{name}.html" for name in names]
    oldest_dated = f"{base}-2.html" if older else None
    pages: list[Page[T]] = []
    for i, name in enumerate(names):
        newer = urls[i - 1] if i else None
        older_url = urls[i + 1] if i + 1 < len(urls) else None
        dated_page = i <= len(older)
        oldest_url = oldest_dated if dated_page and oldest_dated not in (urls[i], older_url) \
            and older_url else None
        if i == 0:
            pages.append(Page(name, items[:head], base, "Newest", n, newer, older_url, oldest_url))
        elif dated_page:
            chunk = older[i - 1][1]
            label = describe(chunk) if describe else "Older"
            pages.append(Page(name, chunk, base, label, None, newer, older_url, oldest_url))
        else:
            k = i - len(older)
            chunk = undated_pages[k - 1]
            first = (start - dated) + (k - 1) * size + 1
            pages.append(Page(name, chunk, base, f"Undated, page {k}", None, newer, older_url,
                              None, first, first + len(chunk) - 1))
    return pages
