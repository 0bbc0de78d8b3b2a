"""Turn domain errors into a clean message and a non-zero exit code, never a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

from clusterbridge.core.errors import ClusterBridgeError

P = ParamSpec("P")
R = TypeVar("R")

err_console = Console(stderr=True)


def friendly_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Decorate a command so a :class:`ClusterBridgeError` prints as a message with exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ClusterBridgeError as error:
            err_console.print(f"[bold red]Error:[/] {error}", markup=True, highlight=False)
            raise typer.Exit(code=1) from None

    return wrapper
