"""Read side of events: lists, an event's detail, participants to browse, requests, jobs.

Functions take a :class:`Session` and return frozen dataclasses, never ORM objects, so the pages,
the API and the CLI share them; a list costs a fixed number of statements whatever its length.
Participants and requests are in :mod:`clusterbridge.events.participants`, agendas, table
plans and outcome figures in :mod:`clusterbridge.events.plans`; all are importable from here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clusterbridge.events.common import get_event, get_record
from clusterbridge.events.models import (
    Event,
    EventSession,
    EventStatus,
    JobStatus,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    RequestStatus,
    ScheduleJob,
)
from clusterbridge.events.participants import (
    EventRequestRow,
    ParticipantRow,
    RegistrationRow,
    RequestLists,
    RequestRow,
    event_requests,
    participants,
    registrations,
    registrations_of_user,
    requests_for,
    require_registration_of,
)
from clusterbridge.events.plans import (
    MeetingRow,
    OrganisationMeetingCount,
    OutcomeSummary,
    agenda,
    held_meeting_counts,
    meetings,
    outcome_summary,
    table_plan,
)

__all__ = [
    "EventRequestRow",
    "MeetingRow",
    "OrganisationMeetingCount",
    "OutcomeSummary",
    "ParticipantRow",
    "RegistrationRow",
    "RequestLists",
    "RequestRow",
    "agenda",
    "event_requests",
    "held_meeting_counts",
    "meetings",
    "outcome_summary",
    "participants",
    "registrations",
    "registrations_of_user",
    "requests_for",
    "require_registration_of",
    "table_plan",
]


LATEST = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: int
    name: str
    venue: str
    timezone: str
    status: EventStatus
    starts_at: datetime | None
    ends_at: datetime | None
    participants: int
    """Approved registrations."""
    published_at: datetime | None


def list_events(
    session: Session, status: EventStatus | None = None, programme_id: int | None = None
) -> list[EventSummary]:
    """Events, the soonest first (those without sessions last)."""
    query = select(Event)
    if status is not None:
        query = query.where(Event.status == status)
    if programme_id is not None:
        query = query.where(Event.programme_id == programme_id)
    events = session.scalars(query.order_by(Event.id)).all()
    ids = [e.id for e in events]
    spans: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    minutes = {e.id: e.slot_minutes for e in events}
    for row in session.execute(
        select(EventSession.event_id, EventSession.starts_at, EventSession.slots).where(
            EventSession.event_id.in_(ids)
        )
    ):
        end = row.starts_at + timedelta(minutes=minutes[row.event_id] * row.slots)
        spans[row.event_id].append((row.starts_at, end))
    counts = _mapping(
        session.execute(
            select(Registration.event_id, func.count())
            .where(
                Registration.event_id.in_(ids),
                Registration.status == RegistrationStatus.APPROVED,
            )
            .group_by(Registration.event_id)
        )
    )
    summaries = [
        EventSummary(
            e.id,
            e.name,
            e.venue,
            e.timezone,
            e.status,
            min((s for s, _ in spans[e.id]), default=None),
            max((end for _, end in spans[e.id]), default=None),
            counts.get(e.id, 0),
            e.published_at,
        )
        for e in events
    ]
    return sorted(summaries, key=lambda s: (s.starts_at is None, s.starts_at or LATEST))


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: int
    name: str
    starts_at: datetime
    ends_at: datetime
    first_slot: int
    """0-based number of the session's first slot."""
    slots: int


@dataclass(frozen=True, slots=True)
class TableInfo:
    id: int
    name: str
    capacity: int
    booth_of: str | None
    """The participant whose booth this table is."""


@dataclass(frozen=True, slots=True)
class JobInfo:
    id: int
    event_id: int
    status: JobStatus
    progress: float
    message: str
    result: dict[str, Any] | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class EventDetail:
    id: int
    version: int
    name: str
    description: str | None
    venue: str
    timezone: str
    slot_minutes: int
    max_meetings: int | None
    status: EventStatus
    programme_id: int | None
    organiser_id: int | None
    published_at: datetime | None
    sessions: tuple[SessionInfo, ...]
    tables: tuple[TableInfo, ...]
    registrations: dict[RegistrationStatus, int]
    requests: dict[RequestStatus, int]
    published_meetings: int
    draft_meetings: int
    latest_job: JobInfo | None


def event_detail(session: Session, event_id: int) -> EventDetail:
    event = get_event(session, event_id)
    sessions, first = [], 0
    for s in event.sessions:
        ends = s.starts_at + timedelta(minutes=event.slot_minutes * s.slots)
        sessions.append(SessionInfo(s.id, s.name, s.starts_at, ends, first, s.slots))
        first += s.slots
    booths = _mapping(
        session.execute(
            select(Registration.booth_table_id, Registration.name).where(
                Registration.event_id == event_id, Registration.booth_table_id.is_not(None)
            )
        )
    )
    tables = tuple(TableInfo(t.id, t.name, t.capacity, booths.get(t.id)) for t in event.tables)
    meeting_counts = Counter(
        _mapping(
            session.execute(
                select(Meeting.published, func.count())
                .where(Meeting.event_id == event_id, Meeting.status != MeetingStatus.CANCELLED)
                .group_by(Meeting.published)
            )
        )
    )
    return EventDetail(
        event.id,
        event.version,
        event.name,
        event.description,
        event.venue,
        event.timezone,
        event.slot_minutes,
        event.max_meetings,
        event.status,
        event.programme_id,
        event.organiser_id,
        event.published_at,
        tuple(sessions),
        tables,
        _counts(session, Registration.status, Registration.event_id == event_id),
        _counts(session, MeetingRequest.status, MeetingRequest.event_id == event_id),
        meeting_counts[True],
        meeting_counts[False],
        latest_job(session, event_id),
    )


def _mapping(rows: Iterable[Any]) -> dict[Any, Any]:
    """Two-column rows as a dict of the first column to the second. (A Result has ``keys()``,
    so ``dict(result)`` would read it as a mapping; iterating gives the rows.)"""
    return dict(iter(rows))


def _counts(session: Session, column: Any, condition: Any) -> dict[Any, int]:
    return _mapping(session.execute(select(column, func.count()).where(condition).group_by(column)))


def _job_info(job: ScheduleJob) -> JobInfo:
    return JobInfo(
        job.id,
        job.event_id,
        job.status,
        job.progress,
        job.message,
        job.result,
        job.created_at,
        job.started_at,
        job.finished_at,
    )


def job_status(session: Session, job_id: int) -> JobInfo:
    return _job_info(get_record(session, ScheduleJob, job_id, "scheduling job"))


def latest_job(session: Session, event_id: int) -> JobInfo | None:
    job = session.scalar(
        select(ScheduleJob)
        .where(ScheduleJob.event_id == event_id)
        .order_by(ScheduleJob.id.desc())
        .limit(1)
    )
    return None if job is None else _job_info(job)
