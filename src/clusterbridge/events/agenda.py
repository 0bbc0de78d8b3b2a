"""What a participant's agenda and an organiser's table plan say, as plain typed data.

Queries build these from the database; the PDF, iCalendar and CSV writers render them, so the
writers never touch the database and can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AgendaItem:
    """One meeting on a participant's agenda."""

    uid: str
    """Stable across re-publishing (e.g. ``meeting-42@<event id>.clusterbridge``): calendars
    update the entry instead of adding a second one when a meeting moves."""
    starts_at: datetime
    ends_at: datetime
    table: str
    counterparts: tuple[str, ...]
    """Who the participant meets, e.g. ``"Ji-ho Park (Korea Battery Co.)"``."""
    note: str = ""


@dataclass(frozen=True)
class Agenda:
    """A participant's published meetings at one event, in time order."""

    event: str
    venue: str
    timezone: str
    """IANA name; the agenda shows local times of the venue."""
    participant: str
    organisation: str
    items: tuple[AgendaItem, ...]
    published_at: datetime | None = None


@dataclass(frozen=True)
class TablePlanRow:
    """One meeting in the organiser's table plan."""

    starts_at: datetime
    ends_at: datetime
    slot: int
    """1-based slot number of the event."""
    table: str
    participants: tuple[str, ...]


@dataclass(frozen=True)
class TablePlan:
    """Every scheduled meeting of an event by slot and table."""

    event: str
    venue: str
    timezone: str
    rows: tuple[TablePlanRow, ...]
