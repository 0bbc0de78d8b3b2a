"""The steps of one scheduling run: read the event, solve, assign tables, write the draft.

The optimiser modules import OR-Tools, an optional extra, so they are imported here, inside the
run, and only when a run happens.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from clusterbridge.core.db import transaction
from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.core.models import table_of, utcnow
from clusterbridge.events.common import get_event, get_record, record
from clusterbridge.events.models import (
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
from clusterbridge.events.snapshot import Snapshot, read_snapshot

Report = Callable[[float, str], None]
SCHEDULABLE = (EventStatus.CLOSED, EventStatus.SCHEDULED, EventStatus.PUBLISHED)
EMPTY_RESULT: dict[str, Any] = {
    "status": "optimal",
    "weight": 0,
    "bound": 0,
    "gap": 0.0,
    "breaks": 0,
    "moved": 0,
    "dropped": 0,
    "table_changes": 0,
    "requested": 0,
    "without_meeting": 0,
}
"""The result of an event without accepted requests: nothing to schedule."""


def solve_and_write(
    job_id: int, engine: Engine | None, report: Report, time_limit: float, workers: int
) -> None:
    """Run job ``job_id`` (already marked running); raises :class:`ClusterBridgeError` with a
    message for the organiser when no schedule comes out."""
    started = time.perf_counter()
    with transaction(engine) as session:
        job = get_record(session, ScheduleJob, job_id, "scheduling job")
        snapshot = read_snapshot(session, job.event_id)
    report(
        0.05, f"{len(snapshot.participants)} participants, {len(snapshot.pairs)} meetings asked for"
    )
    slots, tables, summary = _solve(snapshot, report, time_limit, workers)
    with transaction(engine) as session:
        written = _write(session, snapshot, slots, tables)
        summary["meetings"] = written
        summary["seconds"] = round(time.perf_counter() - started, 3)
        _finish(session, job_id, snapshot.event_id, summary)
    report(1.0, _message(summary))


def _solve(
    snapshot: Snapshot, report: Report, time_limit: float, workers: int
) -> tuple[Sequence[int | None], Sequence[int | None], dict[str, Any]]:
    """Slots and table numbers per pair, and the figures of the job's result."""
    from clusterbridge.events.scheduling.selection import request_weight, solve_selection
    from clusterbridge.events.scheduling.tables import assign_tables

    if not snapshot.pairs:
        return (), (), dict(EMPTY_RESULT, without_meeting=len(snapshot.participants))
    result = solve_selection(
        snapshot.problem(request_weight),
        time_limit=time_limit,
        workers=workers,
        progress=lambda fraction, message: report(0.05 + 0.85 * fraction, message),
        previous=snapshot.previous(),
    )
    if result.status in ("infeasible", "unknown"):
        raise ClusterBridgeError(result.message or _no_schedule(result.status, time_limit))
    report(0.9, "Assigning tables")
    tables = assign_tables(
        snapshot.meetings(),
        result.slots,
        snapshot.table_list(),
        snapshot.booths,
        time_limit=min(10.0, max(1.0, time_limit / 6)),
    )
    report(0.95, "Saving the schedule")
    summary = {
        "status": result.status,
        "weight": result.weight,
        "bound": result.bound,
        "gap": result.gap,
        "breaks": result.breaks,
        "moved": _count(result.moved),
        "dropped": _count(result.dropped),
        "table_changes": tables.changes,
        "requested": len(snapshot.pairs),
        "without_meeting": _count(result.without_meeting),
    }
    return result.slots, tables.tables, summary


def _no_schedule(status: str, time_limit: float) -> str:
    if status == "infeasible":
        return "No schedule satisfies the event's rules (fixed meetings, booths, tables)."
    return f"No schedule was found within {time_limit:g} seconds; allow the scheduler more time."


def _count(value: Any) -> int:
    """A count the optimiser reports either as a number or as the list of what it counts."""
    if value is None:
        return 0
    if isinstance(value, int | float):
        return int(value)
    return len(value)


def _write(
    session: Session,
    snapshot: Snapshot,
    slots: Sequence[int | None],
    tables: Sequence[int | None],
) -> int:
    """Replace the event's draft meetings with the new ones. Pairs whose request or
    registration was cancelled while the optimiser ran are left out."""
    get_event(session, snapshot.event_id, lock=True)
    still = _still_wanted(session, snapshot.event_id)
    session.execute(
        delete(Meeting).where(Meeting.event_id == snapshot.event_id, Meeting.published.is_(False))
    )
    now = utcnow()
    rows = [
        {
            "event_id": snapshot.event_id,
            "request_id": pair.request_id,
            "requester_id": pair.requester_id,
            "requested_id": pair.requested_id,
            "slot": slot,
            "table_id": None if table is None else snapshot.tables[table].id,
            "status": MeetingStatus.SCHEDULED,
            "published": False,
            "created_at": now,
            "updated_at": now,
        }
        for pair, slot, table in zip(snapshot.pairs, slots, tables, strict=True)
        if slot is not None and pair.request_id in still
    ]
    if rows:
        session.execute(insert(table_of(Meeting)), rows)
    return len(rows)


def _still_wanted(session: Session, event_id: int) -> set[int]:
    """Ids of the accepted requests whose two participants are still approved."""
    approved = set(
        session.scalars(
            select(Registration.id).where(
                Registration.event_id == event_id,
                Registration.status == RegistrationStatus.APPROVED,
            )
        )
    )
    rows = session.execute(
        select(MeetingRequest.id, MeetingRequest.requester_id, MeetingRequest.requested_id).where(
            MeetingRequest.event_id == event_id,
            MeetingRequest.status == RequestStatus.ACCEPTED,
        )
    )
    return {row.id for row in rows if row.requester_id in approved and row.requested_id in approved}


def _finish(session: Session, job_id: int, event_id: int, summary: dict[str, Any]) -> None:
    job = get_record(session, ScheduleJob, job_id, "scheduling job")
    job.status, job.progress, job.finished_at = JobStatus.DONE, 1.0, utcnow()
    job.result, job.message = summary, _message(summary)
    event = get_event(session, event_id)
    if event.status in SCHEDULABLE:
        event.status = EventStatus.SCHEDULED
    record(
        session, job.requested_by_id, "schedule.done", "event_schedule_job", job_id, after=summary
    )


def _message(summary: dict[str, Any]) -> str:
    text = (
        f"Scheduled {summary['meetings']} of {summary['requested']} requested meetings "
        f"(weight {summary['weight']}, bound {summary['bound']}), {summary['breaks']} breaks"
    )
    if summary["moved"] or summary["dropped"]:
        text += f"; {summary['moved']} published meetings moved, {summary['dropped']} dropped"
    return text + "."
