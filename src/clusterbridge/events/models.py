"""Tables of B2B matchmaking events: the event and its sessions and tables, registrations,
meeting requests, the meetings a schedule holds and the scheduling jobs that made them.

Slots are numbered 0.. across an event's sessions in start order (the optimiser's numbering);
:func:`slot_times` turns a slot number back into clock times.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clusterbridge.core.models import Base, UTCDateTime, utcnow
from clusterbridge.registry.models import Organisation, Timestamped, Versioned, enum_column


class EventStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    """Registration is open (also after publishing, for late participants)."""
    CLOSED = "closed"
    """Registration is closed; requests may still be sent and answered."""
    SCHEDULED = "scheduled"
    """A schedule was computed and waits to be published."""
    PUBLISHED = "published"


class RegistrationStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    HELD = "held"
    NOT_HELD = "not_held"


class MeetingOutcome(enum.StrEnum):
    FOLLOW_UP = "follow_up"
    AGREEMENT_SIGNED = "agreement_signed"
    NO_INTEREST = "no_interest"
    OTHER = "other"


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Event(Versioned, Base):
    """A matchmaking event: where and when, how long a meeting slot is, who organises it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    venue: Mapped[str] = mapped_column(String(300), default="")
    timezone: Mapped[str] = mapped_column(String(64))
    """IANA name (``Europe/Brussels``): agendas show the venue's local times."""
    slot_minutes: Mapped[int] = mapped_column(Integer, default=30)
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    """The most meetings of one participant unless its registration says otherwise."""
    status: Mapped[EventStatus] = mapped_column(
        enum_column(EventStatus), default=EventStatus.DRAFT, index=True
    )
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"), index=True)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="EventSession.starts_at",
    )
    tables: Mapped[list[EventTable]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventTable.id"
    )

    @property
    def slot_count(self) -> int:
        return sum(s.slots for s in self.sessions)

    def slot_times(self, slot: int) -> tuple[datetime, datetime]:
        """When ``slot`` (0-based) starts and ends, in UTC."""
        return slot_times([(s.starts_at, s.slots) for s in self.sessions], self.slot_minutes, slot)


class EventSession(Base):
    """A block of consecutive slots ("Day 1 morning"); sessions of an event never overlap."""

    __tablename__ = "event_sessions"
    __table_args__ = (CheckConstraint("slots > 0", name="slots_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    slots: Mapped[int] = mapped_column(Integer)

    event: Mapped[Event] = relationship(back_populates="sessions")


class EventTable(Base):
    """A meeting table (or a booth) and how many people sit at it."""

    __tablename__ = "event_tables"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int] = mapped_column(Integer, default=2)

    event: Mapped[Event] = relationship(back_populates="tables")


class Registration(Timestamped, Base):
    """An organisation's representative taking part in an event (approved by the organiser)."""

    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "email"),
        UniqueConstraint("booth_table_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    """Stored lower-case; one registration per address and event."""
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus), default=RegistrationStatus.PENDING
    )
    offer: Mapped[str | None] = mapped_column(String(500))
    looking_for: Mapped[str | None] = mapped_column(String(500))
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    unavailable: Mapped[list[int]] = mapped_column(JSON, default=list)
    """0-based slots in which this participant can have no meeting."""
    booth_table_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_tables.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship()
    booth: Mapped[EventTable | None] = relationship()


class MeetingRequest(Timestamped, Base):
    """One participant asking to meet another. Two requests between the same pair, one each
    way, are *mutual*: both are accepted at once and serve one meeting."""

    __tablename__ = "meeting_requests"
    __table_args__ = (
        UniqueConstraint("requester_id", "requested_id"),
        CheckConstraint("priority BETWEEN 1 AND 3", name="priority_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(
        ForeignKey("event_registrations.id", ondelete="CASCADE")
    )
    requested_id: Mapped[int] = mapped_column(
        ForeignKey("event_registrations.id", ondelete="CASCADE"), index=True
    )
    priority: Mapped[int] = mapped_column(Integer, default=2)
    """1 (nice to have) .. 3 (most wanted)."""
    message: Mapped[str | None] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus), default=RequestStatus.PENDING
    )
    mutual: Mapped[bool] = mapped_column(Boolean, default=False)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requester: Mapped[Registration] = relationship(foreign_keys=[requester_id])
    requested: Mapped[Registration] = relationship(foreign_keys=[requested_id])


class Meeting(Timestamped, Base):
    """A meeting of a schedule. Rows with ``published`` are the schedule participants see; the
    others are the draft of the latest scheduling run, published (or replaced) as a whole."""

    __tablename__ = "event_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_requests.id", ondelete="CASCADE"), index=True
    )
    requester_id: Mapped[int] = mapped_column(
        ForeignKey("event_registrations.id", ondelete="CASCADE"), index=True
    )
    requested_id: Mapped[int] = mapped_column(
        ForeignKey("event_registrations.id", ondelete="CASCADE"), index=True
    )
    slot: Mapped[int] = mapped_column(Integer)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("event_tables.id"))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.SCHEDULED
    )
    outcome: Mapped[MeetingOutcome | None] = mapped_column(enum_column(MeetingOutcome))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    published: Mapped[bool] = mapped_column(Boolean, default=False)

    request: Mapped[MeetingRequest] = relationship()
    table: Mapped[EventTable | None] = relationship()


class ScheduleJob(Base):
    """One run of the optimiser for an event, with progress the pages and the CLI show."""

    __tablename__ = "event_schedule_jobs"
    __table_args__ = (
        Index(
            "uq_event_schedule_jobs_active",
            "event_id",
            unique=True,
            sqlite_where=text("status IN ('queued', 'running')"),
            postgresql_where=text("status IN ('queued', 'running')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    status: Mapped[JobStatus] = mapped_column(enum_column(JobStatus), default=JobStatus.QUEUED)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """status, weight, bound, gap, breaks, moved, dropped, table_changes, meetings, seconds."""
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def slot_times(
    sessions: Sequence[tuple[datetime, int]], slot_minutes: int, slot: int
) -> tuple[datetime, datetime]:
    """Start and end of ``slot`` for sessions given as (start, slots) in start order."""
    if slot < 0:
        raise ValueError(f"slot {slot} is negative")
    first = 0
    for starts_at, slots in sessions:
        if slot < first + slots:
            start = starts_at + timedelta(minutes=slot_minutes * (slot - first))
            return start, start + timedelta(minutes=slot_minutes)
        first += slots
    raise ValueError(f"slot {slot} is outside the event's {first} slots")
