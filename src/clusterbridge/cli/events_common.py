"""What the `clusterbridge events` commands share: the consoles, argument help, and parsing of
the short notations organisers type (slot lists, table lists, local times).

Slots are numbered from 1 on the command line and in files, as agendas and table plans show
them; the events package numbers them from 0, so the translation happens here and only here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import typer
from rich.console import Console

from clusterbridge.core.errors import ClusterBridgeError, InvalidInput, Problem
from clusterbridge.events.organising import TableSpec

console = Console(soft_wrap=True)
status_console = Console(stderr=True, soft_wrap=True)
"""Progress bars and notes go to standard error, so `--json` output stays one object."""

EVENT = typer.Argument(..., help="The event's id (see `clusterbridge events list`).")
REGISTRATION = typer.Argument(..., help="A registration's id (see `events registrations`).")
REQUEST = typer.Argument(..., help="A meeting request's id (see `events requests`).")
OUT = typer.Option(..., "--out", help="The file to write.")


def parse_slots(text: str | None, slot_count: int, column: str = "unavailable") -> list[int]:
    """``"1,3-5"`` (1-based slots, ranges allowed; commas, semicolons or spaces between) as
    sorted 0-based slots; :class:`InvalidInput` naming each bad item."""
    problems: list[Problem] = []
    chosen: set[int] = set()
    for item in _items(text):
        first, _, last = item.partition("-")
        try:
            low, high = int(first), int(last or first)
        except ValueError:
            problems.append(Problem("give slot numbers like 1,3-5", column=column, value=item))
            continue
        if not 1 <= low <= high <= slot_count:
            reason = (
                f"the event has slots 1 to {slot_count}" if slot_count else "the event has no slots"
            )
            problems.append(Problem(reason, column=column, value=item))
            continue
        chosen.update(range(low - 1, high))
    if problems:
        raise InvalidInput(problems, summary="Not accepted")
    return sorted(chosen)


def _items(text: str | None) -> Iterable[str]:
    for part in (text or "").replace(";", ",").replace(" ", ",").split(","):
        if part.strip():
            yield part.strip()


def parse_tables(text: str) -> list[TableSpec]:
    """``"Booth A:4,Table 2"`` as tables (two seats when no number follows the name)."""
    specs = []
    problems: list[Problem] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        name, seats = item, "2"
        if ":" in item:
            name, _, seats = item.rpartition(":")
        try:
            specs.append(TableSpec(name.strip(), int(seats)))
        except ValueError:
            problems.append(Problem("give seats as a number, e.g. A:4", column="names", value=item))
    if problems:
        raise InvalidInput(problems, summary="Not accepted")
    return specs


def parse_local_time(text: str) -> datetime:
    """An ISO 8601 date and time (``2026-03-29T09:00``); without an offset it is the venue's."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            [Problem("give a date and time like 2026-03-29T09:00", column="start", value=text)],
            summary="Not accepted",
        ) from None


def write_file(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path``; a clear error, not a traceback, when that fails."""
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)
    except OSError as error:
        raise ClusterBridgeError(f"cannot write {path}: {error.strerror or error}") from None


def one_based(slots: Iterable[int]) -> str:
    """0-based slots as the 1-based list a user typed (``"2, 5"``)."""
    return ", ".join(str(slot + 1) for slot in slots) or "-"


def local(moment: datetime | None, timezone: str) -> str:
    """A UTC time as the venue's clock shows it (``2026-03-29 10:00 CEST``)."""
    if moment is None:
        return "-"
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M %Z")
