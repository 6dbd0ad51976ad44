"""Pagination without a total count: lists stay fast however many rows the desk holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PAGE_SIZE = 50


@dataclass
class Page:
    items: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def page_of(queryset, raw_number, *, size: int = PAGE_SIZE) -> Page:
    """Return page ``raw_number`` (1-based; bad values mean 1) of ``queryset``."""
    try:
        number = max(1, min(int(raw_number or 1), 10_000))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Page(items=rows[:size], number=number, has_next=len(rows) > size)


def query_without_page(request) -> str:
    """Return the request's query string minus ``page``, for building page links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
