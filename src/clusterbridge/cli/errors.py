"""Turn domain errors into a clean message and a non-zero exit code, never a traceback."""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.core.settings import get_settings

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
            err_console.print(
                f"[bold red]Error:[/] {escape(str(error))}", highlight=False, soft_wrap=True
            )
            raise typer.Exit(code=1) from None

    return wrapper


def log_unexpected_error() -> Path:
    """Append the current exception's traceback to the error log under the data directory."""
    folder = get_settings().data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "errors.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now(UTC).isoformat()}\n{traceback.format_exc()}\n")
    return path
