"""How the participants' pages write an event's times: always the venue's local clock with the
zone named, since participants read the pages from home before they travel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from clusterbridge.events.queries import EventDetail, SessionInfo


def day_text(moment: datetime) -> str:
    """'Sun 29 March 2026' (no leading zero, English names whatever the server's locale)."""
    return f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def span_text(starts_at: datetime, ends_at: datetime, timezone: str) -> str:
    """'Sun 29 March 2026, 10:00–12:30' in ``timezone``; the end's day is named when it differs."""
    zone = ZoneInfo(timezone)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{day_text(end)}, {end:%H:%M}"
    return f"{day_text(start)}, {start:%H:%M}–{until}"


def time_text(starts_at: datetime, ends_at: datetime, timezone: str) -> str:
    """'10:00–10:30' in ``timezone``."""
    zone = ZoneInfo(timezone)
    return f"{starts_at.astimezone(zone):%H:%M}–{ends_at.astimezone(zone):%H:%M}"


@dataclass(frozen=True, slots=True)
class SlotChoice:
    """One slot of the registration form's "unavailable" checkboxes."""

    slot: int
    """0-based, as the operations number slots."""
    times: str


@dataclass(frozen=True, slots=True)
class SessionSlots:
    name: str
    when: str
    slots: tuple[SlotChoice, ...]


def session_slots(event: EventDetail) -> list[SessionSlots]:
    """Every slot of the event, grouped by session, with its local times."""
    return [_slots_of(event, session) for session in event.sessions]


def _slots_of(event: EventDetail, session: SessionInfo) -> SessionSlots:
    length = timedelta(minutes=event.slot_minutes)
    starts = [session.starts_at + n * length for n in range(session.slots)]
    choices = tuple(
        SlotChoice(session.first_slot + n, time_text(start, start + length, event.timezone))
        for n, start in enumerate(starts)
    )
    when = span_text(session.starts_at, session.ends_at, event.timezone)
    return SessionSlots(session.name, when, choices)


def event_span(event: EventDetail) -> str:
    """When the whole event runs, or '' before it has sessions."""
    if not event.sessions:
        return ""
    ends_at = max(session.ends_at for session in event.sessions)
    return span_text(event.sessions[0].starts_at, ends_at, event.timezone)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


LABELS = {
    "status_labels": {
        "draft": "Draft (not announced)",
        "open": "Registration open",
        "closed": "Registration closed",
        "scheduled": "Schedule in preparation",
        "published": "Schedule published",
    },
    "registration_labels": {
        "pending": "Pending approval",
        "approved": "Approved",
        "declined": "Declined",
        "cancelled": "Cancelled",
    },
    "request_labels": {
        "pending": "Waiting for an answer",
        "accepted": "Accepted",
        "declined": "Declined",
        "cancelled": "Withdrawn",
    },
}
"""Words for the statuses, as the pages show them (every page gets all three)."""
