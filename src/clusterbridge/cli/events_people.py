"""`clusterbridge events register | registrations | approve | decline | request | requests |
accept | decline-request`: the participants of an event and the meetings they ask for."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.cli.events_common import (
    EVENT,
    REGISTRATION,
    REQUEST,
    console,
    one_based,
    parse_slots,
)
from clusterbridge.core.db import transaction
from clusterbridge.events import queries
from clusterbridge.events import registrations as registering
from clusterbridge.events import requests as asking
from clusterbridge.events.common import get_event
from clusterbridge.events.models import RegistrationStatus, RequestStatus


@friendly_errors
def register(
    event_id: int = EVENT,
    organisation: int = typer.Option(
        ..., "--organisation", help="The organisation's id in the registry."
    ),
    name: str = typer.Option(..., "--name", help="The representative's name."),
    email: str = typer.Option(..., "--email", help="The representative's e-mail address."),
    max_meetings: int | None = typer.Option(
        None, "--max-meetings", help="Most meetings for this participant (default: the event's)."
    ),
    unavailable: str | None = typer.Option(
        None, "--unavailable", help='Slots without meetings, numbered from 1, e.g. "1,4-6".'
    ),
) -> None:
    """Register an organisation's representative (pending until approved)."""
    with transaction() as session:
        slots = parse_slots(unavailable, get_event(session, event_id).slot_count)
        values = registering.RegistrationInput(
            organisation_id=organisation,
            name=name,
            email=email,
            max_meetings=max_meetings,
            unavailable=slots,
        )
        made = registering.register(session, event_id, values, actor_id=None)
        console.print(
            f"Registered {escape(made.name)} <{escape(made.email)}> as registration {made.id} "
            "(pending; approve it with `events approve`).",
            highlight=False,
        )


@friendly_errors
def registrations(
    event_id: int = EVENT,
    status: RegistrationStatus | None = typer.Option(
        None, "--status", help="Only registrations in this state."
    ),
) -> None:
    """List an event's registrations with their state."""
    with transaction() as session:
        rows = queries.registrations(session, event_id, status)
    table = Table(title=f"Registrations of event {event_id}")
    for header in ("id", "name", "e-mail", "organisation", "status", "max", "unavailable"):
        table.add_column(header, justify="right" if header in ("id", "max") else "left")
    for row in rows:
        table.add_row(
            str(row.id),
            escape(row.name),
            escape(row.email),
            escape(f"{row.organisation} ({row.organisation_id})"),
            row.status.value,
            str(row.max_meetings or "-"),
            one_based(row.unavailable),
        )
    console.print(table if rows else "No registrations match.")


def _decide(registration_id: int, approve: bool) -> None:
    with transaction() as session:
        decided = registering.decide_registration(session, registration_id, approve, actor_id=None)
        console.print(
            f"The registration of {escape(decided.name)} is {decided.status.value}.",
            highlight=False,
        )


@friendly_errors
def approve(registration_id: int = REGISTRATION) -> None:
    """Approve a pending registration: the participant can then send and receive requests."""
    _decide(registration_id, approve=True)


@friendly_errors
def decline(registration_id: int = REGISTRATION) -> None:
    """Decline a pending registration."""
    _decide(registration_id, approve=False)


@friendly_errors
def request(
    requester: int = typer.Argument(..., help="Registration id of who asks for the meeting."),
    requested: int = typer.Argument(..., help="Registration id of who they want to meet."),
    priority: int = typer.Option(
        2, "--priority", min=1, max=3, help="1 nice to have, 2 wanted, 3 most wanted."
    ),
    message: str | None = typer.Option(None, "--message", help="A note for the other side."),
) -> None:
    """Ask for a meeting between two approved participants of the same event."""
    with transaction() as session:
        sent = asking.send_request(
            session, requester, requested, priority=priority, message=message, actor_id=None
        )
        state = "mutual, so accepted" if sent.mutual else sent.status.value
        console.print(f"Meeting request {sent.id} sent ({state}).", highlight=False)


@friendly_errors
def requests(
    event_id: int = EVENT,
    status: RequestStatus | None = typer.Option(
        None, "--status", help="Only requests in this state."
    ),
) -> None:
    """List an event's meeting requests: who asked whom, with what priority, and the answer."""
    with transaction() as session:
        shown = queries.event_requests(session, event_id, status)
    table = Table(title=f"Meeting requests of event {event_id}")
    for header in ("id", "from", "to", "priority", "status", "message"):
        table.add_column(header, justify="right" if header in ("id", "priority") else "left")
    for row in shown:
        state = row.status.value + (" (mutual)" if row.mutual else "")
        table.add_row(
            str(row.id),
            escape(f"{row.requester} ({row.requester_organisation}) [{row.requester_id}]"),
            escape(f"{row.requested} ({row.requested_organisation}) [{row.requested_id}]"),
            str(row.priority),
            state,
            escape(row.message or ""),
        )
    console.print(table if shown else "No meeting requests match.")


def _respond(request_id: int, accept: bool) -> None:
    with transaction() as session:
        answered = asking.respond_request(session, request_id, accept, actor_id=None)
        console.print(f"Meeting request {answered.id} is {answered.status.value}.", highlight=False)


@friendly_errors
def accept(request_id: int = REQUEST) -> None:
    """Accept a meeting request on behalf of the participant who was asked."""
    _respond(request_id, accept=True)


@friendly_errors
def decline_request(request_id: int = REQUEST) -> None:
    """Decline a meeting request (a scheduled meeting for it is cancelled)."""
    _respond(request_id, accept=False)
