"""`clusterbridge events ...`: run a B2B matchmaking event from the command line, from creating
it to recording how its meetings went.

The CLI acts as the organiser with full rights (it has the database anyway); the audit log
names the configured actor (``CLUSTERBRIDGE_ACTOR``). Each command parses its arguments, calls
one operation or query of :mod:`clusterbridge.events` in one transaction, and prints the
result. This module holds the event's own commands and mounts the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from clusterbridge.cli import events_imports, events_people, events_schedule
from clusterbridge.cli.errors import friendly_errors
from clusterbridge.cli.events_common import (
    EVENT,
    console,
    local,
    parse_local_time,
    parse_tables,
)
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.events import organising, plans, queries
from clusterbridge.events.models import EventStatus

app = typer.Typer(
    help="B2B matchmaking events: sessions, tables, registrations, requests, schedules, agendas.",
    no_args_is_help=True,
)


@app.command("list")
@friendly_errors
def list_events(
    status: EventStatus | None = typer.Option(None, "--status", help="Only events in this state."),
) -> None:
    """List the events, the soonest first."""
    with transaction() as session:
        events = queries.list_events(session, status=status)
    table = Table(title="Events")
    for header in ("id", "name", "status", "starts", "venue", "participants"):
        table.add_column(header, justify="right" if header in ("id", "participants") else "left")
    for event in events:
        table.add_row(
            str(event.id),
            escape(event.name),
            event.status.value,
            local(event.starts_at, event.timezone),
            escape(event.venue),
            str(event.participants),
        )
    console.print(table if events else "No events yet; add one with `events create`.")


@app.command("show")
@friendly_errors
def show(event_id: int = EVENT) -> None:
    """Show an event: its settings, sessions and slots, tables, registrations and schedule."""
    with transaction() as session:
        detail = queries.event_detail(session, event_id)
        outcomes = plans.outcome_summary(session, event_id) if detail.published_meetings else None
    zone = detail.timezone
    console.print(f"[bold]{escape(detail.name)}[/] (event {detail.id}, {detail.status.value})")
    facts = [
        ("venue", detail.venue or "-"),
        ("time zone", zone),
        ("slot length", f"{detail.slot_minutes} minutes"),
        ("meetings per participant", str(detail.max_meetings or "no limit")),
        ("registrations", _counts(detail.registrations)),
        ("meeting requests", _counts(detail.requests)),
        ("meetings", f"{detail.published_meetings} published, {detail.draft_meetings} draft"),
    ]
    if detail.latest_job is not None:
        job = detail.latest_job
        facts.append(("latest scheduling run", f"job {job.id}, {job.status.value}: {job.message}"))
    if outcomes is not None:
        recorded = outcomes.meetings - outcomes.not_recorded
        facts.append(("outcomes recorded", f"{recorded} of {outcomes.meetings}"))
    for label, value in facts:
        console.print(f"  {label}: {escape(value)}", highlight=False)
    sessions = Table(title="Sessions")
    for header in ("name", "starts", "ends", "slots"):
        sessions.add_column(header)
    for item in detail.sessions:
        numbers = f"{item.first_slot + 1}-{item.first_slot + item.slots}"
        sessions.add_row(
            escape(item.name), local(item.starts_at, zone), local(item.ends_at, zone), numbers
        )
    tables = Table(title="Tables")
    for header in ("name", "seats", "booth of"):
        tables.add_column(header)
    for table in detail.tables:
        tables.add_row(escape(table.name), str(table.capacity), escape(table.booth_of or "-"))
    console.print(sessions if detail.sessions else "No sessions yet.")
    console.print(tables if detail.tables else "No tables yet.")


def _counts(counts: Mapping[Any, int]) -> str:
    """``{approved: 3, pending: 1}`` as "3 approved, 1 pending"."""
    return ", ".join(f"{n} {status}" for status, n in counts.items() if n) or "none"


@app.command("create")
@friendly_errors
def create(
    name: str = typer.Option(..., "--name", help="The event's name."),
    venue: str = typer.Option(..., "--venue", help="Where it takes place."),
    timezone: str = typer.Option(
        ..., "--timezone", help="The venue's IANA time zone, e.g. Europe/Brussels."
    ),
    slot_minutes: int = typer.Option(30, "--slot-minutes", help="Length of a meeting slot."),
    max_meetings: int | None = typer.Option(
        None, "--max-meetings", help="Most meetings per participant (default: no limit)."
    ),
    description: str | None = typer.Option(None, "--description", help="What it is about."),
) -> None:
    """Create an event (in draft: add sessions and tables, then open registration)."""
    values = organising.EventInput(
        name=name,
        timezone=timezone,
        venue=venue,
        description=description,
        slot_minutes=slot_minutes,
        max_meetings=max_meetings,
    )
    with transaction() as session:
        event = organising.create_event(session, values, actor_id=None)
        console.print(f"Created event {event.id}: {escape(event.name)} (draft).", highlight=False)


@app.command("session")
@friendly_errors
def add_session(
    event_id: int = EVENT,
    name: str = typer.Option(..., "--name", help='The session\'s name, e.g. "Day 1 morning".'),
    start: str = typer.Option(
        ..., "--start", help="When it starts (ISO 8601; without an offset, the venue's time)."
    ),
    slots: int = typer.Option(..., "--slots", help="How many meeting slots it holds."),
) -> None:
    """Add a session: a block of consecutive meeting slots."""
    starts_at = parse_local_time(start)
    with transaction() as session:
        organising.add_session(session, event_id, name, starts_at, slots, actor_id=None)
        detail = queries.event_detail(session, event_id)
    added = next(s for s in detail.sessions if s.name == name.strip())
    console.print(
        f"Added session {escape(added.name)}: slots {added.first_slot + 1}-"
        f"{added.first_slot + added.slots}, {local(added.starts_at, detail.timezone)} to "
        f"{local(added.ends_at, detail.timezone)}.",
        highlight=False,
    )


@app.command("tables")
@friendly_errors
def tables(
    event_id: int = EVENT,
    count: int | None = typer.Option(
        None, "--count", help='Number of tables "Table 1".."Table N", two seats each.'
    ),
    names: str | None = typer.Option(
        None, "--names", help='Named tables with their seats, e.g. "Booth A:4,Table 2:2".'
    ),
) -> None:
    """Set the event's tables (replacing the previous list; a draft schedule is dropped)."""
    if (count is None) == (names is None):
        raise ClusterBridgeError("give either --count or --names")
    wanted: int | list[organising.TableSpec] = (
        count if count is not None else parse_tables(names or "")
    )
    with transaction() as session:
        made = organising.set_tables(session, event_id, wanted, actor_id=None)
        seats = sum(table.capacity for table in made)
        console.print(f"The event has {len(made)} tables ({seats} seats).", highlight=False)


@app.command("open")
@friendly_errors
def open_registration(event_id: int = EVENT) -> None:
    """Open registration, so organisations' representatives can register."""
    with transaction() as session:
        event = organising.open_registration(session, event_id, actor_id=None)
        console.print(f"Registration for {escape(event.name)} is open.", highlight=False)


@app.command("close")
@friendly_errors
def close_registration(event_id: int = EVENT) -> None:
    """Close registration; requests may still be sent and answered until scheduling."""
    with transaction() as session:
        event = organising.close_registration(session, event_id, actor_id=None)
        console.print(f"Registration for {escape(event.name)} is closed.", highlight=False)


for _name, _command in (
    ("register", events_people.register),
    ("registrations", events_people.registrations),
    ("approve", events_people.approve),
    ("decline", events_people.decline),
    ("request", events_people.request),
    ("requests", events_people.requests),
    ("accept", events_people.accept),
    ("decline-request", events_people.decline_request),
    ("import-registrations", events_imports.import_registrations),
    ("import-requests", events_imports.import_requests),
    ("schedule", events_schedule.schedule),
    ("publish", events_schedule.publish),
    ("meetings", events_schedule.meetings),
    ("agenda", events_schedule.agenda),
    ("plan", events_schedule.plan),
    ("outcome", events_schedule.outcome),
):
    app.command(_name)(_command)
