"""Domain errors: each carries a message a user can act on.

The CLI and the web turn a :class:`ClusterBridgeError` into a clean message and a
non-zero exit code (or an HTTP 4xx); anything else is a bug and is logged.
"""

from __future__ import annotations

from dataclasses import dataclass


class ClusterBridgeError(Exception):
    """Base class of every error a user may see."""


class NotFound(ClusterBridgeError):
    """A record named by the user does not exist."""


class Conflict(ClusterBridgeError):
    """A write was based on a stale version or breaks a uniqueness rule."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value of an input file or form."""

    reason: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        prefix = ", ".join(where)
        value = "" if self.value is None else f" (value {self.value!r})"
        return f"{prefix}: {self.reason}{value}" if prefix else f"{self.reason}{value}"


class InvalidInput(ClusterBridgeError):
    """Input failed validation; nothing was written.

    ``problems`` lists every problem found (files are validated whole before any write).
    """

    def __init__(self, problems: list[Problem], summary: str | None = None) -> None:
        self.problems = problems
        count = len(problems)
        head = summary or f"{count} problem{'s' if count != 1 else ''} found; nothing was changed"
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in problems[:50]))


class UnknownCode(ClusterBridgeError):
    """A code is not in its code list; ``suggestions`` are the closest known codes."""

    def __init__(self, vocabulary: str, value: str, suggestions: list[str]) -> None:
        self.vocabulary = vocabulary
        self.value = value
        self.suggestions = suggestions
        hint = f"; close matches: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown {vocabulary} code {value!r}{hint}")
