"""What the optimiser needs to know about an event, read in one go and turned into a
:class:`~clusterbridge.events.scheduling.problem.SelectionProblem`.

The snapshot is plain data: the scheduling job reads it in a short transaction, then solves for
minutes without holding the database, and maps the answer back to registrations and tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.events.common import get_event
from clusterbridge.events.models import (
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    RequestStatus,
)
from clusterbridge.events.scheduling.problem import Request, SelectionProblem, Table


@dataclass(frozen=True)
class Pair:
    """A meeting two participants asked for: one accepted request, or two when mutual."""

    request_id: int
    """The first request of the pair; the meeting row points at it."""
    requester_id: int
    requested_id: int
    priorities: tuple[int, ...]
    previous: int | None = None
    """Its slot in the published schedule, if it has one."""


@dataclass(frozen=True)
class TableRow:
    id: int
    name: str
    capacity: int


@dataclass(frozen=True)
class Snapshot:
    """An event's scheduling input. Participants are the approved registrations, numbered by
    their place in ``participants``; tables by their place in ``tables``."""

    event_id: int
    event_name: str
    slots: int
    morning_slots: int
    participants: tuple[int, ...]
    tables: tuple[TableRow, ...]
    pairs: tuple[Pair, ...]
    forbidden: tuple[frozenset[int], ...]
    max_meetings: tuple[int | None, ...]
    booths: tuple[int | None, ...]
    republishing: bool
    """The event was published before: the published slots are the previous schedule."""

    def meetings(self) -> list[tuple[int, int]]:
        """Each pair's two participants, by their numbers."""
        index = {registration: n for n, registration in enumerate(self.participants)}
        return [(index[p.requester_id], index[p.requested_id]) for p in self.pairs]

    def previous(self) -> tuple[int | None, ...] | None:
        return tuple(p.previous for p in self.pairs) if self.republishing else None

    def problem(self, weight: Callable[[Sequence[int]], int]) -> SelectionProblem:
        """The selection problem, each pair weighed by ``weight(priorities)``."""
        requests = tuple(
            Request(participants=people, weight=weight(pair.priorities))
            for people, pair in zip(self.meetings(), self.pairs, strict=True)
        )
        return SelectionProblem(
            name=self.event_name,
            participants=len(self.participants),
            slots=self.slots,
            morning_slots=self.morning_slots,
            tables=len(self.tables),
            requests=requests,
            forbidden=self.forbidden,
            max_meetings=self.max_meetings,
            booths=self.booths,
        )

    def table_list(self) -> list[Table]:
        return [Table(t.name, t.capacity) for t in self.tables]


def read_snapshot(session: Session, event_id: int) -> Snapshot:
    """Read the event's approved participants, accepted requests, tables, unavailable slots,
    meeting limits, booths and published slots."""
    event = get_event(session, event_id)
    slots = event.slot_count
    tables = tuple(TableRow(t.id, t.name, t.capacity) for t in event.tables)
    table_index = {t.id: n for n, t in enumerate(tables)}
    people = session.scalars(
        select(Registration)
        .where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.APPROVED,
        )
        .order_by(Registration.id)
    ).all()
    approved = {r.id for r in people}
    published = _published_slots(session, event_id)
    return Snapshot(
        event_id=event_id,
        event_name=event.name,
        slots=slots,
        morning_slots=event.sessions[0].slots if event.sessions else 0,
        participants=tuple(r.id for r in people),
        tables=tables,
        pairs=_pairs(session, event_id, approved, published),
        forbidden=tuple(frozenset(s for s in r.unavailable or () if s < slots) for r in people),
        max_meetings=tuple(
            r.max_meetings if r.max_meetings is not None else event.max_meetings for r in people
        ),
        booths=tuple(
            table_index.get(r.booth_table_id) if r.booth_table_id is not None else None
            for r in people
        ),
        republishing=event.published_at is not None,
    )


def _pairs(
    session: Session,
    event_id: int,
    approved: set[int],
    published: dict[frozenset[int], int],
) -> tuple[Pair, ...]:
    requests = session.scalars(
        select(MeetingRequest)
        .where(
            MeetingRequest.event_id == event_id,
            MeetingRequest.status == RequestStatus.ACCEPTED,
        )
        .order_by(MeetingRequest.id)
    ).all()
    grouped: dict[frozenset[int], list[MeetingRequest]] = defaultdict(list)
    for request in requests:
        if request.requester_id in approved and request.requested_id in approved:
            grouped[frozenset((request.requester_id, request.requested_id))].append(request)
    pairs = []
    for key, group in grouped.items():
        first = group[0]
        pairs.append(
            Pair(
                request_id=first.id,
                requester_id=first.requester_id,
                requested_id=first.requested_id,
                priorities=tuple(r.priority for r in group),
                previous=published.get(key),
            )
        )
    return tuple(pairs)


def _published_slots(session: Session, event_id: int) -> dict[frozenset[int], int]:
    rows = session.execute(
        select(Meeting.requester_id, Meeting.requested_id, Meeting.slot).where(
            Meeting.event_id == event_id,
            Meeting.published.is_(True),
            Meeting.status == MeetingStatus.SCHEDULED,
        )
    )
    return {frozenset((a, b)): slot for a, b, slot in rows}
