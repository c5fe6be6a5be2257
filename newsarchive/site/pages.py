"""Split a list into numbered pages with explicit ``.html`` URLs (``x.html``, ``x-2.html`` ...)."""

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
    """One page of a paginated list; ``start`` is the 1-based position of its first item."""

    number: int
    total: int
    items: Sequence[T]
    base: str
    start: int
    count: int

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def prev_url(self) -> str | None:
        return page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.base, self.number + 1) if self.number < self.total else None

    @property
    def end(self) -> int:
        return self.start + len(self.items) - 1

    def url_of(self, number: int) -> str:
        return page_url(self.base, number)

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers to link: first, last and two either side of this one; None = a gap."""
        shown: list[int | None] = []
        for n in range(1, self.total + 1):
            if n in (1, self.total) or abs(n - self.number) <= 2:
                shown.append(n)
            elif shown and shown[-1] is not None:
                shown.append(None)
        return shown


def paginate(items: Sequence[T], size: int, base: str) -> list[Page[T]]:
    """Pages of at most ``size`` items; an empty list still has one (empty) page."""
    size = max(1, int(size))
    total = max(1, -(-len(items) // size))
    return [
        Page(
            number=n,
            total=total,
            items=items[(n - 1) * size : n * size],
            base=base,
            start=(n - 1) * size + 1,
            count=len(items),
        )
        for n in range(1, total + 1)
    ]
