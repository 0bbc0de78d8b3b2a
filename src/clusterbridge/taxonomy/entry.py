"""One item of a code list, the shape every vocabulary shares for listing and search."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """A code with its English label; ``parent`` and ``level`` place it in a hierarchy
    (NACE section > division > group > class, NUTS country > 1 > 2 > 3, ...)."""

    code: str
    label: str
    parent: str | None = None
    level: int = 1
