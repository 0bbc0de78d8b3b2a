"""Errors of account operations, each with a message the person can act on.

The web turns :class:`NotAllowed` into a 403 page and :class:`RateLimited` into a 429 with a
``Retry-After`` header; the CLI prints any of them and exits with code 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from clusterbridge.core.errors import ClusterBridgeError, InvalidInput, Problem

T = TypeVar("T")


class NotAllowed(ClusterBridgeError):
    """The acting user may not do this (outside their scope, or a role they cannot give)."""


class InvalidLink(ClusterBridgeError):
    """An invitation or password-reset link is unknown, already used or expired."""


class AccountNotActive(ClusterBridgeError):
    """The password was right but the account cannot sign in (waiting for approval, disabled)."""


class RateLimited(ClusterBridgeError):
    """Too many attempts in a short time; ``retry_after`` says in how many seconds to retry."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = max(1, retry_after)
        minutes = -(-self.retry_after // 60)
        wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
        super().__init__(f"Too many attempts. Please wait {wait} and try again.")


def invalid(field: str, reason: str, value: str | None = None) -> InvalidInput:
    """A one-problem :class:`InvalidInput` about a form field (the web shows it next to it)."""
    return InvalidInput([Problem(reason, column=field, value=value)], summary="Not accepted")


class Checks:
    """Runs several validations and reports every problem at once, so a form shows all its
    mistakes together instead of one per submission."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def run(self, check: Callable[[], T]) -> T | None:
        """``check()``'s value, or None when it raised :class:`InvalidInput` (then recorded)."""
        try:
            return check()
        except InvalidInput as error:
            self.problems.extend(error.problems)
            return None

    def add(self, field: str, reason: str) -> None:
        self.problems.append(Problem(reason, column=field))

    def raise_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems, summary="Not accepted")
