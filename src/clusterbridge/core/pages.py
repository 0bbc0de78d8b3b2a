"""Numbered pages of a list: the registry directories, a record's history, the users a manager
administers all come back as a :class:`Page` so the templates draw one pager for them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One numbered page of a list, with the size of the whole list."""

    items: tuple[T, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
