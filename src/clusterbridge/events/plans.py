"""What a schedule says, read from the database: the meetings, a participant's agenda, the
organiser's table plan, and the outcome figures cluster evaluation uses.

Agendas and table plans are the typed :mod:`clusterbridge.events.agenda` data their PDF,
iCalendar and CSV writers render; times are the venue's local times.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, aliased

from clusterbridge.events.agenda import Agenda, AgendaItem, TablePlan, TablePlanRow
from clusterbridge.events.common import get_event, get_registration
from clusterbridge.events.models import (
    Event,
    EventSession,
    EventTable,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingStatus,
    Registration,
    slot_times,
)
from clusterbridge.registry.models import Organisation

SHOWN = (MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.NOT_HELD)
"""Meetings an agenda or a table plan shows: all but cancelled ones."""


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting with both sides named, for the organiser's lists and outcome forms."""

    id: int
    slot: int
    starts_at: datetime
    ends_at: datetime
    table: str
    requester_id: int
    requester: str
    requested_id: int
    requested: str
    status: MeetingStatus
    outcome: MeetingOutcome | None
    outcome_note: str | None
    published: bool
    message: str | None


def _select(condition: ColumnElement[bool]) -> Any:
    first, second = aliased(Registration), aliased(Registration)
    first_org, second_org = aliased(Organisation), aliased(Organisation)
    return (
        select(
            Meeting,
            first.name,
            first_org.name,
            second.name,
            second_org.name,
            EventTable.name,
            MeetingRequest.message,
        )
        .join(first, first.id == Meeting.requester_id)
        .join(first_org, first_org.id == first.organisation_id)
        .join(second, second.id == Meeting.requested_id)
        .join(second_org, second_org.id == second.organisation_id)
        .join(MeetingRequest, MeetingRequest.id == Meeting.request_id)
        .outerjoin(EventTable, EventTable.id == Meeting.table_id)
        .where(condition)
        .order_by(Meeting.slot, EventTable.name, Meeting.id)
    )


def _label(name: str, organisation: str) -> str:
    return f"{name} ({organisation})"


def _rows(session: Session, event: Event, condition: ColumnElement[bool]) -> list[MeetingRow]:
    zone = ZoneInfo(event.timezone)
    spans = [(s.starts_at, s.slots) for s in event.sessions]
    found = []
    for m, a, a_org, b, b_org, table, message in session.execute(_select(condition)):
        start, end = slot_times(spans, event.slot_minutes, m.slot)
        found.append(
            MeetingRow(
                m.id,
                m.slot,
                start.astimezone(zone),
                end.astimezone(zone),
                table or "",
                m.requester_id,
                _label(a, a_org),
                m.requested_id,
                _label(b, b_org),
                m.status,
                m.outcome,
                m.outcome_note,
                m.published,
                message,
            )
        )
    return found


def meetings(
    session: Session, event_id: int, *, published: bool = True, cancelled: bool = False
) -> list[MeetingRow]:
    """The published meetings (or the draft's, with ``published=False``) by slot and table."""
    event = get_event(session, event_id)
    condition = (Meeting.event_id == event_id) & (Meeting.published.is_(published))
    if not cancelled:
        condition = condition & Meeting.status.in_(SHOWN)
    return _rows(session, event, condition)


def agenda(session: Session, registration_id: int) -> Agenda:
    """A participant's published meetings in time order, at the venue's local times."""
    registration = get_registration(session, registration_id)
    event = get_event(session, registration.event_id)
    organisation = session.get(Organisation, registration.organisation_id)
    mine = (Meeting.requester_id == registration_id) | (Meeting.requested_id == registration_id)
    rows = _rows(
        session,
        event,
        (Meeting.event_id == event.id)
        & Meeting.published.is_(True)
        & Meeting.status.in_(SHOWN)
        & mine,
    )
    items = tuple(
        AgendaItem(
            uid=f"meeting-{row.id}@{event.id}.clusterbridge",
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            table=row.table,
            counterparts=(row.requested if row.requester_id == registration_id else row.requester,),
            note=row.message or "",
        )
        for row in rows
    )
    return Agenda(
        event=event.name,
        venue=event.venue,
        timezone=event.timezone,
        participant=registration.name,
        organisation=organisation.name if organisation else "",
        items=items,
        published_at=event.published_at,
    )


def table_plan(session: Session, event_id: int, *, draft: bool = False) -> TablePlan:
    """Every published meeting (the draft's with ``draft``) by slot and table."""
    event = get_event(session, event_id)
    rows = tuple(
        TablePlanRow(
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            slot=row.slot + 1,
            table=row.table,
            participants=(row.requester, row.requested),
        )
        for row in meetings(session, event_id, published=not draft)
    )
    return TablePlan(event=event.name, venue=event.venue, timezone=event.timezone, rows=rows)


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    """How an event's published meetings went."""

    meetings: int
    """Published meetings, cancelled ones left out."""
    by_status: dict[MeetingStatus, int]
    by_outcome: dict[MeetingOutcome, int]
    not_recorded: int
    """Meetings nobody has said anything about yet."""


def outcome_summary(session: Session, event_id: int) -> OutcomeSummary:
    get_event(session, event_id)
    rows = session.execute(
        select(Meeting.status, Meeting.outcome).where(
            Meeting.event_id == event_id,
            Meeting.published.is_(True),
            Meeting.status.in_(SHOWN),
        )
    ).all()
    by_status = Counter(status for status, _ in rows)
    by_outcome = Counter(outcome for _, outcome in rows if outcome is not None)
    return OutcomeSummary(
        len(rows), dict(by_status), dict(by_outcome), by_status[MeetingStatus.SCHEDULED]
    )


@dataclass(frozen=True, slots=True)
class OrganisationMeetingCount:
    """Meetings an organisation held at matchmaking events in one year, and how many of them
    ended with an agreement signed."""

    organisation_id: int
    year: int
    held: int
    agreements: int


def held_meeting_counts(
    session: Session, year: int | None = None, organisation_ids: Collection[int] | None = None
) -> list[OrganisationMeetingCount]:
    """Per organisation and year (of the meeting, at the venue), held meetings and agreements;
    a meeting counts for both sides' organisations (once if both are the same)."""
    first, second = aliased(Registration), aliased(Registration)
    rows = session.execute(
        select(
            Meeting.event_id,
            Meeting.slot,
            Meeting.outcome,
            first.organisation_id,
            second.organisation_id,
        )
        .join(first, first.id == Meeting.requester_id)
        .join(second, second.id == Meeting.requested_id)
        .where(Meeting.status == MeetingStatus.HELD, Meeting.published.is_(True))
    ).all()
    years = _meeting_years(session, {(row[0], row[1]) for row in rows})
    held: Counter[tuple[int, int]] = Counter()
    agreements: Counter[tuple[int, int]] = Counter()
    for event_id, slot, outcome, org_a, org_b in rows:
        when = years[(event_id, slot)]
        for organisation in {org_a, org_b}:
            held[(organisation, when)] += 1
            if outcome is MeetingOutcome.AGREEMENT_SIGNED:
                agreements[(organisation, when)] += 1
    wanted = set(organisation_ids) if organisation_ids is not None else None
    return [
        OrganisationMeetingCount(org, when, count, agreements[(org, when)])
        for (org, when), count in sorted(held.items())
        if (year is None or when == year) and (wanted is None or org in wanted)
    ]


def _meeting_years(session: Session, slots: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """The local year of each (event, slot)."""
    event_ids = {event_id for event_id, _ in slots}
    events = {e.id: e for e in session.scalars(select(Event).where(Event.id.in_(event_ids)))}
    spans: dict[int, list[tuple[datetime, int]]] = {event_id: [] for event_id in event_ids}
    for row in session.execute(
        select(EventSession.event_id, EventSession.starts_at, EventSession.slots)
        .where(EventSession.event_id.in_(event_ids))
        .order_by(EventSession.starts_at)
    ):
        spans[row.event_id].append((row.starts_at, row.slots))
    years = {}
    for event_id, slot in slots:
        event = events[event_id]
        start, _ = slot_times(spans[event_id], event.slot_minutes, slot)
        years[(event_id, slot)] = start.astimezone(ZoneInfo(event.timezone)).year
    return years
