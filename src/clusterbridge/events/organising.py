"""The organiser's side of an event: create and edit it, add sessions, set the tables, open and
close registration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clusterbridge.accounts.models import User
from clusterbridge.core.errors import Conflict, Problem
from clusterbridge.events.common import (
    check_count,
    clean_text,
    get_event,
    invalid,
    raise_problems,
    record,
)
from clusterbridge.events.models import (
    Event,
    EventSession,
    EventStatus,
    EventTable,
    Meeting,
    Registration,
)
from clusterbridge.registry.models import Programme
from clusterbridge.registry.operations.fields import StaleVersion

MAX_SLOTS_PER_SESSION = 200
MAX_TABLES = 2000


@dataclass(frozen=True)
class EventInput:
    """What an organiser says about a new event."""

    name: str
    timezone: str
    venue: str = ""
    description: str | None = None
    slot_minutes: int = 30
    max_meetings: int | None = None
    programme_id: int | None = None
    organiser_id: int | None = None


EDITABLE = frozenset(EventInput.__dataclass_fields__)


@dataclass(frozen=True)
class TableSpec:
    """A named table and its seats (a meeting of two needs at least two)."""

    name: str
    capacity: int = 2


def create_event(session: Session, values: EventInput, *, actor_id: int | None) -> Event:
    """Add an event in draft; raises :class:`InvalidInput` with a problem per bad field."""
    clean = _checked(session, asdict(values))
    event = Event(status=EventStatus.DRAFT, **clean)
    session.add(event)
    session.flush()
    record(session, actor_id, "created", "event", event.id, after=clean)
    return event


def update_event(
    session: Session,
    event_id: int,
    changes: Mapping[str, Any],
    expected_version: int,
    *,
    actor_id: int | None,
) -> Event:
    """Change some fields of an event seen at ``expected_version`` (:class:`StaleVersion` if
    it changed since). The slot length is fixed once a schedule is published, since every
    published time hangs on it."""
    event = get_event(session, event_id)
    if event.version != expected_version:
        raise StaleVersion("event", event.id, event.version)
    raise_problems(
        [
            Problem("this field cannot be changed here", column=k)
            for k in changes
            if k not in EDITABLE
        ]
    )
    clean = _checked(session, dict(changes))
    diff = {k: v for k, v in clean.items() if getattr(event, k) != v}
    if "slot_minutes" in diff:
        _check_slot_change(session, event, diff["slot_minutes"])
    before = {k: getattr(event, k) for k in diff}
    for name, value in diff.items():
        setattr(event, name, value)
    session.flush()
    if diff:
        record(session, actor_id, "updated", "event", event.id, before, diff)
    return event


def _checked(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` cleaned, or :class:`InvalidInput` listing every problem."""
    problems: list[Problem] = []
    clean = dict(values)
    limits = {"name": (300, True), "venue": (300, False), "description": (20000, False)}
    for name, (limit, required) in limits.items():
        if name in values:
            clean[name] = clean_text(problems, name, values[name], limit, required)
    if "venue" in clean:
        clean["venue"] = clean["venue"] or ""
    if "timezone" in values:
        clean["timezone"] = _timezone(problems, values["timezone"])
    if "slot_minutes" in values:
        if values["slot_minutes"] is None:
            problems.append(Problem("a value is required", column="slot_minutes"))
        check_count(problems, "slot_minutes", values["slot_minutes"], 5, 240)
    check_count(problems, "max_meetings", values.get("max_meetings"), 1, 1000)
    programme = values.get("programme_id")
    if programme is not None and session.get(Programme, programme) is None:
        problems.append(
            Problem("no programme with this id", column="programme_id", value=str(programme))
        )
    organiser = values.get("organiser_id")
    if organiser is not None and session.get(User, organiser) is None:
        problems.append(
            Problem("no user with this id", column="organiser_id", value=str(organiser))
        )
    raise_problems(problems)
    return clean


def _timezone(problems: list[Problem], name: str | None) -> str:
    text = (name or "").strip()
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            Problem("give an IANA time zone such as Europe/Brussels", column="timezone", value=text)
        )
    return text


def _check_slot_change(session: Session, event: Event, minutes: int) -> None:
    published = session.scalar(
        select(func.count()).where(Meeting.event_id == event.id, Meeting.published.is_(True))
    )
    if published:
        raise Conflict("The schedule is published, so the slot length can no longer change.")
    spans = [(s.name, s.starts_at, s.slots) for s in event.sessions]
    _check_overlaps(spans, minutes)


def add_session(
    session: Session,
    event_id: int,
    name: str,
    starts_at: datetime,
    slots: int,
    *,
    actor_id: int | None,
) -> EventSession:
    """Add a block of ``slots`` consecutive slots. A time without a zone is the venue's local
    time. A session may go before existing ones only while no slot number is in use (no
    meetings, no unavailable slots), since slot numbers follow the sessions' order."""
    event = get_event(session, event_id, lock=True)
    problems: list[Problem] = []
    label = clean_text(problems, "name", name, 200, required=True)
    check_count(problems, "slots", slots, 1, MAX_SLOTS_PER_SESSION)
    raise_problems(problems)
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=ZoneInfo(event.timezone))
    spans = [(s.name, s.starts_at, s.slots) for s in event.sessions]
    _check_overlaps([*spans, (label or "", starts_at, slots)], event.slot_minutes)
    if any(start > starts_at for _, start, _ in spans) and _slots_in_use(session, event_id):
        raise Conflict(
            "Slots of this event are already in use (meetings or unavailable slots), so a "
            "new session can only go after the last one."
        )
    added = EventSession(event_id=event_id, name=label, starts_at=starts_at, slots=slots)
    session.add(added)
    session.flush()
    session.refresh(event, ["sessions"])
    after = {"name": label, "starts_at": starts_at, "slots": slots}
    record(session, actor_id, "session.added", "event", event_id, after=after)
    return added


def _check_overlaps(spans: Sequence[tuple[str, datetime, int]], minutes: int) -> None:
    ordered = sorted(spans, key=lambda span: span[1])
    for (name, start, slots), (other, next_start, _) in pairwise(ordered):
        if start + timedelta(minutes=minutes * slots) > next_start:
            raise invalid("starts_at", f"sessions {name!r} and {other!r} overlap")


def _slots_in_use(session: Session, event_id: int) -> bool:
    if session.scalar(select(Meeting.id).where(Meeting.event_id == event_id).limit(1)):
        return True
    lists = session.scalars(
        select(Registration.unavailable).where(Registration.event_id == event_id)
    )
    return any(lists)


def set_tables(
    session: Session, event_id: int, tables: int | Sequence[TableSpec], *, actor_id: int | None
) -> list[EventTable]:
    """Make the event's tables ``Table 1 .. Table n`` (two seats each) or the named ones given.
    Tables keep their identity by name; one that a booth or a published meeting uses cannot go.
    The draft schedule, if any, is dropped: it may use tables that no longer exist."""
    event = get_event(session, event_id, lock=True)
    wanted = _table_specs(tables)
    keep = {spec.name: spec for spec in wanted}
    gone = [table for table in event.tables if table.name not in keep]
    _check_unused(session, gone)
    session.execute(
        delete(Meeting).where(Meeting.event_id == event_id, Meeting.published.is_(False))
    )
    if event.status is EventStatus.SCHEDULED:
        event.status = EventStatus.CLOSED
    for table in gone:
        event.tables.remove(table)
    session.flush()
    existing = {table.name: table for table in event.tables}
    for spec in wanted:
        if spec.name in existing:
            existing[spec.name].capacity = spec.capacity
        else:
            event.tables.append(EventTable(name=spec.name, capacity=spec.capacity))
    session.flush()
    after = {"tables": [f"{s.name} ({s.capacity})" for s in wanted]}
    record(session, actor_id, "tables.set", "event", event_id, after=after)
    return list(event.tables)


def _table_specs(tables: int | Sequence[TableSpec]) -> list[TableSpec]:
    if isinstance(tables, int):
        problems: list[Problem] = []
        check_count(problems, "tables", tables, 1, MAX_TABLES)
        raise_problems(problems)
        return [TableSpec(f"Table {n}") for n in range(1, tables + 1)]
    problems = []
    seen: set[str] = set()
    specs = []
    for row, spec in enumerate(tables, start=1):
        name = clean_text(problems, "name", spec.name, 100, required=True) or ""
        if name.casefold() in seen:
            problems.append(Problem("two tables have this name", row=row, column="name"))
        seen.add(name.casefold())
        check_count(problems, "capacity", spec.capacity, 2, 100)
        specs.append(TableSpec(name, spec.capacity))
    if not specs:
        problems.append(Problem("give at least one table", column="tables"))
    raise_problems(problems)
    return specs


def _check_unused(session: Session, tables: Sequence[EventTable]) -> None:
    ids = [table.id for table in tables]
    if not ids:
        return
    booth = session.execute(
        select(EventTable.name, Registration.name)
        .join(Registration, Registration.booth_table_id == EventTable.id)
        .where(EventTable.id.in_(ids))
    ).first()
    if booth is not None:
        raise Conflict(f"{booth[0]} is the booth of {booth[1]}; move the booth first.")
    used = session.scalar(
        select(EventTable.name)
        .join(Meeting, Meeting.table_id == EventTable.id)
        .where(EventTable.id.in_(ids), Meeting.published.is_(True))
        .limit(1)
    )
    if used is not None:
        raise Conflict(f"{used} holds published meetings, so it cannot be removed.")


def open_registration(session: Session, event_id: int, *, actor_id: int | None) -> Event:
    """Let organisations register (also after publishing, for late participants)."""
    event = get_event(session, event_id, lock=True)
    if event.status is EventStatus.OPEN:
        raise Conflict("Registration is already open.")
    if not event.sessions:
        raise invalid("sessions", "add at least one session before opening registration")
    return _set_status(session, event, EventStatus.OPEN, "registration_opened", actor_id)


def close_registration(session: Session, event_id: int, *, actor_id: int | None) -> Event:
    """Stop registration; requests may still be sent and answered until scheduling."""
    event = get_event(session, event_id, lock=True)
    if event.status is not EventStatus.OPEN:
        raise Conflict(f"Registration is not open (the event is {event.status.value}).")
    return _set_status(session, event, EventStatus.CLOSED, "registration_closed", actor_id)


def _set_status(
    session: Session, event: Event, status: EventStatus, action: str, actor_id: int | None
) -> Event:
    before = {"status": event.status}
    event.status = status
    session.flush()
    record(session, actor_id, action, "event", event.id, before, {"status": status})
    return event
