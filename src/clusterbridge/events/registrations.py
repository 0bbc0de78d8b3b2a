"""Registration of organisations' representatives: register, edit, the organiser's decision,
cancellation and booths."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clusterbridge.accounts.models import User
from clusterbridge.accounts.users import normalise_email
from clusterbridge.core.errors import Conflict, InvalidInput, Problem
from clusterbridge.core.models import utcnow
from clusterbridge.events.common import (
    cancel_meetings,
    check_count,
    clean_text,
    get_event,
    get_record,
    get_registration,
    invalid,
    raise_problems,
    record,
)
from clusterbridge.events.models import (
    Event,
    EventStatus,
    EventTable,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
)
from clusterbridge.registry.models import Organisation

ENTITY = "event_registration"
EDITABLE = frozenset({"name", "offer", "looking_for", "max_meetings", "unavailable"})


@dataclass(frozen=True)
class RegistrationInput:
    """A representative registering for an organisation."""

    organisation_id: int
    name: str
    email: str
    user_id: int | None = None
    offer: str | None = None
    looking_for: str | None = None
    max_meetings: int | None = None
    unavailable: Sequence[int] = ()
    """0-based slots in which the participant can have no meeting."""


def register(
    session: Session, event_id: int, values: RegistrationInput, *, actor_id: int | None
) -> Registration:
    """Register a representative while registration is open; the organiser then approves.
    A cancelled registration of the same address is registered again (pending)."""
    event = get_event(session, event_id)
    if event.status is not EventStatus.OPEN:
        raise Conflict(f"Registration for {event.name!r} is not open.")
    problems: list[Problem] = []
    email = _email(problems, values.email)
    if session.get(Organisation, values.organisation_id) is None:
        problems.append(
            Problem(
                "no organisation with this id",
                column="organisation_id",
                value=str(values.organisation_id),
            )
        )
    if values.user_id is not None and session.get(User, values.user_id) is None:
        problems.append(
            Problem("no user with this id", column="user_id", value=str(values.user_id))
        )
    fields = _fields(problems, event, _as_changes(values))
    raise_problems(problems)
    existing = session.scalar(
        select(Registration).where(Registration.event_id == event_id, Registration.email == email)
    )
    if existing is not None and existing.status is not RegistrationStatus.CANCELLED:
        raise Conflict(f"{email} is already registered for this event ({existing.status.value}).")
    registration = existing or Registration(event_id=event_id, email=email)
    registration.organisation_id = values.organisation_id
    registration.user_id = values.user_id
    registration.status = RegistrationStatus.PENDING
    registration.decided_at = None
    for name, value in fields.items():
        setattr(registration, name, value)
    session.add(registration)
    session.flush()
    after = {"email": email, "organisation_id": values.organisation_id, **fields}
    record(session, actor_id, "registration.created", ENTITY, registration.id, after=after)
    return registration


def _as_changes(values: RegistrationInput) -> dict[str, Any]:
    return {name: getattr(values, name) for name in EDITABLE}


def _email(problems: list[Problem], raw: str) -> str:
    try:
        return normalise_email(raw or "")
    except InvalidInput as error:
        problems.extend(error.problems)
        return ""


def _fields(problems: list[Problem], event: Event, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields of ``changes``, cleaned; problems for bad ones."""
    clean: dict[str, Any] = {}
    limits = {"name": (200, True), "offer": (500, False), "looking_for": (500, False)}
    for name, (limit, required) in limits.items():
        if name in changes:
            clean[name] = clean_text(problems, name, changes[name], limit, required)
    if "max_meetings" in changes:
        clean["max_meetings"] = check_count(
            problems, "max_meetings", changes["max_meetings"], 1, 1000
        )
    if "unavailable" in changes:
        clean["unavailable"] = _slots(problems, event, changes["unavailable"] or ())
    return clean


def _slots(problems: list[Problem], event: Event, slots: Iterable[int]) -> list[int]:
    total = event.slot_count
    chosen = set()
    for slot in slots:
        if isinstance(slot, bool) or not isinstance(slot, int) or not 0 <= slot < total:
            reason = f"the event has slots 0 to {total - 1}" if total else "the event has no slots"
            problems.append(Problem(reason, column="unavailable", value=str(slot)))
        else:
            chosen.add(slot)
    return sorted(chosen)


def update_registration(
    session: Session, registration_id: int, changes: Mapping[str, Any], *, actor_id: int | None
) -> Registration:
    """Change the name, texts, meeting limit or unavailable slots of a registration."""
    registration = get_registration(session, registration_id)
    problems = [
        Problem("this field cannot be changed here", column=name)
        for name in changes
        if name not in EDITABLE
    ]
    event = get_event(session, registration.event_id)
    fields = _fields(problems, event, changes)
    raise_problems(problems)
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED):
        raise Conflict(f"This registration is {registration.status.value}.")
    diff = {k: v for k, v in fields.items() if getattr(registration, k) != v}
    before = {k: getattr(registration, k) for k in diff}
    for name, value in diff.items():
        setattr(registration, name, value)
    session.flush()
    if diff:
        record(session, actor_id, "registration.updated", ENTITY, registration.id, before, diff)
    return registration


def decide_registration(
    session: Session, registration_id: int, approve: bool, *, actor_id: int | None
) -> Registration:
    """The organiser approves or declines a pending registration."""
    registration = get_registration(session, registration_id)
    if registration.status is not RegistrationStatus.PENDING:
        raise Conflict(
            f"The registration of {registration.name} is {registration.status.value}, "
            "not pending; only pending registrations are decided."
        )
    registration.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.DECLINED
    registration.decided_at = utcnow()
    session.flush()
    action = "registration.approved" if approve else "registration.declined"
    record(
        session, actor_id, action, ENTITY, registration.id, after={"status": registration.status}
    )
    return registration


def cancel_registration(
    session: Session, registration_id: int, *, actor_id: int | None
) -> Registration:
    """Withdraw a participant: their open requests (sent and received) and their scheduled
    meetings are cancelled with them, so counterparts' agendas stop showing them."""
    registration = get_registration(session, registration_id)
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED):
        raise Conflict(
            f"The registration of {registration.name} is already {registration.status.value}."
        )
    before = {"status": registration.status}
    registration.status = RegistrationStatus.CANCELLED
    registration.booth_table_id = None
    requests = session.scalars(
        select(MeetingRequest).where(
            or_(
                MeetingRequest.requester_id == registration_id,
                MeetingRequest.requested_id == registration_id,
            ),
            MeetingRequest.status.in_((RequestStatus.PENDING, RequestStatus.ACCEPTED)),
        )
    ).all()
    pairs = []
    for request in requests:
        request.status = RequestStatus.CANCELLED
        pairs.append((request.requester_id, request.requested_id))
    cancelled = cancel_meetings(session, registration.event_id, pairs, actor_id)
    session.flush()
    after = {"status": registration.status, "requests": len(requests), "meetings": cancelled}
    record(session, actor_id, "registration.cancelled", ENTITY, registration.id, before, after)
    return registration


def set_booth(
    session: Session, registration_id: int, table_id: int | None, *, actor_id: int | None
) -> Registration:
    """Give a participant a fixed table (a booth) for all its meetings, or take it away."""
    registration = get_registration(session, registration_id)
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED):
        raise Conflict(f"This registration is {registration.status.value}.")
    if table_id is not None:
        table = get_record(session, EventTable, table_id, "table")
        if table.event_id != registration.event_id:
            raise invalid("table_id", "this table belongs to another event", str(table_id))
        holder = session.scalar(
            select(Registration.name).where(
                Registration.booth_table_id == table_id, Registration.id != registration_id
            )
        )
        if holder is not None:
            raise Conflict(f"{table.name} is already the booth of {holder}.")
    before = {"booth_table_id": registration.booth_table_id}
    registration.booth_table_id = table_id
    session.flush()
    after = {"booth_table_id": table_id}
    record(session, actor_id, "registration.booth_set", ENTITY, registration.id, before, after)
    return registration
