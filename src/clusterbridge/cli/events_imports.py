"""`clusterbridge events import-registrations | import-requests`: bulk entry from a spreadsheet,
which is how organisers really collect participants and their wishes.

A file is read whole (CSV in UTF-8 with comma, semicolon or tab, or XLSX), every row is checked
and then passed to the same operations the single commands call, all in one transaction: either
every row is imported or, when any row has a problem, nothing is, and the report names the
file, row and column of every problem found.

Rows are applied one after another without savepoints (with the SQLite driver as configured, a
savepoint opened before the transaction's first write commits when released, which would break
all-or-nothing).
None is needed: the operations check everything before they write, so a refused row leaves
nothing behind, and any problem rolls the whole import back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy.orm import Session

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.cli.events_common import EVENT, console, parse_slots, status_console
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import ClusterBridgeError, InvalidInput, Problem
from clusterbridge.events import queries
from clusterbridge.events import registrations as registering
from clusterbridge.events import requests as asking
from clusterbridge.events.common import get_event
from clusterbridge.registry.importers.files import Table, read_table

REGISTRATION_OPTIONAL = ("max_meetings", "unavailable", "offer", "looking_for")
REQUEST_OPTIONAL = ("priority", "message")
FILE = typer.Argument(..., help="CSV (UTF-8; comma, semicolon or tab) or XLSX file.")
DRY_RUN = typer.Option(False, "--dry-run", help="Check every row, but write nothing.")


@dataclass
class Tally:
    """What an import did: rows imported, and how many of them the organiser's flag settled."""

    rows: int = 0
    settled: int = 0
    mutual: int = 0


Row = dict[str, str]
ApplyRow = Callable[[Session, Row], Tally]


@friendly_errors
def import_registrations(
    event_id: int = EVENT,
    file: Path = FILE,
    approve: bool = typer.Option(False, "--approve", help="Approve every imported registration."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Register representatives from a CSV or XLSX file, all rows or none.

    Columns: organisation_id, name, email; optional max_meetings, unavailable (slots numbered
    from 1, like "1;4-6"), offer, looking_for."""
    table = _read(file, ("organisation_id", "name", "email"), REGISTRATION_OPTIONAL)
    with transaction() as session:
        slot_count = get_event(session, event_id).slot_count

        def apply(session: Session, row: Row) -> Tally:
            return _register(session, event_id, slot_count, row, approve)

        tally = _apply_all(session, table, apply)
        if dry_run:
            session.rollback()
    verb = "Checked" if dry_run else "Imported"
    approved = f" ({tally.settled} approved)" if approve else " (pending until approved)"
    console.print(
        f"{verb} {tally.rows} registrations from {table.name}{approved}.", highlight=False
    )


def _register(session: Session, event_id: int, slot_count: int, row: Row, approve: bool) -> Tally:
    problems: list[Problem] = []
    organisation = _whole(problems, row, "organisation_id")
    if organisation is None and not row["organisation_id"].strip():
        problems.append(Problem("a value is required", column="organisation_id", value=""))
    max_meetings = _whole(problems, row, "max_meetings")
    slots: list[int] = []
    with _collect(problems):
        slots = parse_slots(row.get("unavailable"), slot_count)
    values = registering.RegistrationInput(
        organisation_id=organisation or 0,
        name=row["name"],
        email=row["email"],
        offer=row.get("offer") or None,
        looking_for=row.get("looking_for") or None,
        max_meetings=max_meetings,
        unavailable=slots,
    )
    with _attempt(problems):
        made = registering.register(session, event_id, values, actor_id=None)
        if approve:
            registering.decide_registration(session, made.id, True, actor_id=None)
    return Tally(rows=1, settled=int(approve))


@friendly_errors
def import_requests(
    event_id: int = EVENT,
    file: Path = FILE,
    accept: bool = typer.Option(
        False, "--accept", help="Accept every imported request on behalf of who was asked."
    ),
    dry_run: bool = DRY_RUN,
) -> None:
    """Send meeting requests from a CSV or XLSX file, all rows or none.

    Columns: requester_email, requested_email; optional priority (1-3, default 2), message.
    Both sides must be approved participants of the event."""
    table = _read(file, ("requester_email", "requested_email"), REQUEST_OPTIONAL)
    with transaction() as session:
        emails = {r.email: r.id for r in queries.registrations(session, event_id)}

        def apply(session: Session, row: Row) -> Tally:
            return _request(session, emails, row, accept)

        tally = _apply_all(session, table, apply)
        if dry_run:
            session.rollback()
    verb = "Checked" if dry_run else "Imported"
    extra = f", {tally.settled} accepted" if accept else ""
    console.print(
        f"{verb} {tally.rows} meeting requests from {table.name} "
        f"({tally.mutual} mutual pair{'' if tally.mutual == 1 else 's'}{extra}).",
        highlight=False,
    )


def _request(session: Session, emails: dict[str, int], row: Row, accept: bool) -> Tally:
    problems: list[Problem] = []
    people = []
    for column in ("requester_email", "requested_email"):
        address = row[column].strip().lower()
        if address not in emails:
            reason = "no registration with this e-mail address at this event"
            problems.append(Problem(reason, column=column, value=row[column]))
        people.append(emails.get(address, 0))
    priority = _whole(problems, row, "priority")
    if 0 in people:
        raise InvalidInput(problems)
    settled = mutual = 0
    with _attempt(problems):
        sent = asking.send_request(
            session,
            people[0],
            people[1],
            priority=2 if priority is None else priority,
            message=row.get("message") or None,
            actor_id=None,
        )
        mutual = int(sent.mutual)
        if accept and not sent.mutual:
            asking.respond_request(session, sent.id, True, actor_id=None)
            settled = 1
    return Tally(rows=1, settled=settled, mutual=mutual)


def _read(path: Path, required: Sequence[str], optional: Sequence[str]) -> Table:
    """The file's rows; :class:`InvalidInput` when it cannot be read or its header is wrong."""
    table = read_table(path)
    known = (*required, *optional)
    problems = [
        Problem("a required column is missing", file=table.name, row=1, column=column)
        for column in required
        if column not in table.header
    ]
    problems += [
        Problem(f"unknown column (known: {', '.join(known)})", file=table.name, row=1, column=c)
        for c in table.header
        if c not in known
    ]
    if problems:
        raise InvalidInput(problems)
    return table


def _apply_all(session: Session, table: Table, apply: ApplyRow) -> Tally:
    """Apply every row, collecting each row's problems with its file and row; raise them all
    (which rolls the transaction back) when there is any."""
    problems: list[Problem] = []
    tally = Tally()
    with _bar(len(table.rows)) as advance:
        for number, row in table.rows:
            try:
                done = apply(session, row)
            except InvalidInput as error:
                problems += [_located(p, table.name, number) for p in error.problems]
            except ClusterBridgeError as error:
                problems.append(Problem(str(error), file=table.name, row=number))
            else:
                tally.rows += done.rows
                tally.settled += done.settled
                tally.mutual += done.mutual
            advance()
    if problems:
        raise InvalidInput(problems)
    return tally


def _located(problem: Problem, file: str, row: int) -> Problem:
    return Problem(problem.reason, file=file, row=row, column=problem.column, value=problem.value)


def _whole(problems: list[Problem], row: Row, column: str) -> int | None:
    """The whole number in ``column`` (None when empty or absent)."""
    text = (row.get(column) or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        problems.append(Problem("must be a whole number", column=column, value=text))
        return None


@contextmanager
def _collect(problems: list[Problem]) -> Iterator[None]:
    """Add the problems of an :class:`InvalidInput` raised in the block to ``problems``."""
    try:
        yield
    except InvalidInput as error:
        problems.extend(error.problems)


@contextmanager
def _attempt(problems: list[Problem]) -> Iterator[None]:
    """Run one row's operations even when the row already has problems, to report everything
    wrong with it at once; raise the row's problems at the end of the block if there are any.
    A field already found wrong is not reported twice."""
    try:
        yield
    except InvalidInput as error:
        seen = {p.column for p in problems}
        problems.extend(p for p in error.problems if p.column is None or p.column not in seen)
    except ClusterBridgeError as error:
        if not problems:
            raise
        problems.append(Problem(str(error)))
    if problems:
        raise InvalidInput(problems)


@contextmanager
def _bar(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error that disappears when done."""
    with Progress(
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        console=status_console,
        transient=True,
    ) as bar:
        task = bar.add_task("rows", total=total)
        yield lambda: bar.advance(task)
