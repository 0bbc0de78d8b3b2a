"""The organiser's "schedule" action as a job, and publishing its result.

:func:`start_schedule_job` queues a job (one at a time per event, which a unique index on the
active jobs guarantees across web workers); :func:`run_schedule_job` runs it in its own short
transactions, so the job's progress is visible while the optimiser works. The job reads the
event once, solves the selection problem (keeping published meetings in place when the event was
published before), assigns tables and writes the result as the event's draft schedule, which
:func:`publish` then makes the schedule participants see.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clusterbridge.core.db import transaction
from clusterbridge.core.errors import ClusterBridgeError, Conflict
from clusterbridge.core.models import utcnow
from clusterbridge.events.common import get_event, get_record, invalid, record
from clusterbridge.events.models import (
    EventStatus,
    JobStatus,
    Meeting,
    MeetingStatus,
    ScheduleJob,
)
from clusterbridge.events.solving import solve_and_write

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
SCHEDULABLE = (EventStatus.CLOSED, EventStatus.SCHEDULED, EventStatus.PUBLISHED)
INTERNAL_ERROR = "The scheduler stopped on an internal error; it is in the server log."
ABANDONED_AFTER = timedelta(hours=2)
"""Longer than any run (time limits are minutes): a run this old lost its worker."""
ABANDONED = "The run stopped without finishing (its worker was stopped); start it again."


class SchedulerUnavailable(ClusterBridgeError):
    """OR-Tools, an optional extra, is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Scheduling needs OR-Tools: install clusterbridge[scheduling] "
            "(pip install 'clusterbridge[scheduling]')."
        )


def check_solver() -> None:
    """Raise :class:`SchedulerUnavailable` when the optimiser cannot be imported."""
    try:
        import ortools.sat.python.cp_model  # noqa: F401
    except ImportError:
        raise SchedulerUnavailable() from None


def start_schedule_job(session: Session, event_id: int, *, actor_id: int | None) -> ScheduleJob:
    """Queue a scheduling run for an event whose registration is closed. Refused while another
    run of the event is queued or running, and once outcomes of meetings are recorded."""
    event = get_event(session, event_id, lock=True)
    if event.status not in SCHEDULABLE:
        raise Conflict(
            f"Close registration before scheduling ({event.name!r} is {event.status.value})."
        )
    if not event.sessions:
        raise invalid("sessions", "add at least one session before scheduling")
    if not event.tables:
        raise invalid("tables", "set the tables before scheduling")
    _end_abandoned(session, event_id)
    active = session.scalar(
        select(ScheduleJob.id).where(
            ScheduleJob.event_id == event_id, ScheduleJob.status.in_(ACTIVE)
        )
    )
    if active is not None:
        raise Conflict(
            f"A scheduling run of this event is already queued or running (job {active})."
        )
    recorded = session.scalar(
        select(func.count()).where(Meeting.event_id == event_id, Meeting.outcome.is_not(None))
    )
    if recorded:
        raise Conflict("Outcomes of meetings are recorded, so the schedule can no longer change.")
    check_solver()
    job = ScheduleJob(
        event_id=event_id,
        status=JobStatus.QUEUED,
        progress=0.0,
        message="Waiting to start",
        requested_by_id=actor_id,
    )
    session.add(job)
    try:  # the unique index on active runs settles a race; the caller's transaction rolls back
        session.flush()
    except IntegrityError:
        raise Conflict("A scheduling run of this event was started meanwhile.") from None
    record(
        session,
        actor_id,
        "schedule.queued",
        "event_schedule_job",
        job.id,
        after={"event_id": event_id},
    )
    return job


def _end_abandoned(session: Session, event_id: int) -> None:
    """Mark failed the runs of the event that started (or were queued) longer ago than any run
    lasts: their worker stopped, and they would block every new run."""
    cutoff = utcnow() - ABANDONED_AFTER
    stale = session.scalars(
        select(ScheduleJob).where(
            ScheduleJob.event_id == event_id,
            ScheduleJob.status.in_(ACTIVE),
            func.coalesce(ScheduleJob.started_at, ScheduleJob.created_at) < cutoff,
        )
    ).all()
    for job in stale:
        job.status, job.finished_at, job.message = JobStatus.FAILED, utcnow(), ABANDONED
        session.flush()
        record(
            session,
            None,
            "schedule.failed",
            "event_schedule_job",
            job.id,
            after={"message": ABANDONED},
        )


@dataclass(frozen=True)
class JobOutcome:
    """How a run ended: its status, message and result (None when it failed)."""

    job_id: int
    status: JobStatus
    message: str
    result: dict[str, Any] | None


def run_schedule_job(
    job_id: int,
    progress: Progress | None = None,
    *,
    engine: Engine | None = None,
    time_limit: float = 60.0,
    workers: int = 2,
) -> JobOutcome:
    """Run a queued job to its end. Every failure (no solver, bad data, a bug) is stored on the
    job as "failed" with a message and returned, never raised: this runs in web workers. A job
    that is not queued (another worker took it) is left alone."""
    reporter = _Reporter(job_id, engine, progress)
    with transaction(engine) as session:
        get_record(session, ScheduleJob, job_id, "scheduling job")
        claimed = session.execute(
            update(ScheduleJob)
            .where(ScheduleJob.id == job_id, ScheduleJob.status == JobStatus.QUEUED)
            .values(status=JobStatus.RUNNING, started_at=utcnow(), message="Reading the event")
        )
    if getattr(claimed, "rowcount", 0) != 1:
        return _outcome(job_id, engine)
    try:
        check_solver()
        solve_and_write(job_id, engine, reporter.report, time_limit, workers)
    except ClusterBridgeError as error:
        _fail(job_id, engine, str(error))
    except Exception:
        log.exception("scheduling job %s failed", job_id)
        _fail(job_id, engine, INTERNAL_ERROR)
    return _outcome(job_id, engine)


class _Reporter:
    """Passes progress to the caller at once and to the job row at most twice a second (each
    write is its own short transaction)."""

    def __init__(self, job_id: int, engine: Engine | None, progress: Progress | None) -> None:
        self.job_id, self.engine, self.progress = job_id, engine, progress
        self.written = 0.0

    def report(self, fraction: float, message: str) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if self.progress is not None:
            self.progress(fraction, message)
        now = time.monotonic()
        if now - self.written < 0.5 and fraction < 1.0:
            return
        self.written = now
        with transaction(self.engine) as session:
            session.execute(
                update(ScheduleJob)
                .where(ScheduleJob.id == self.job_id)
                .values(progress=fraction, message=message[:500])
            )


def _fail(job_id: int, engine: Engine | None, message: str) -> None:
    with transaction(engine) as session:
        job = get_record(session, ScheduleJob, job_id, "scheduling job")
        job.status, job.message, job.finished_at = JobStatus.FAILED, message, utcnow()
        record(
            session,
            job.requested_by_id,
            "schedule.failed",
            "event_schedule_job",
            job_id,
            after={"message": message},
        )


def _outcome(job_id: int, engine: Engine | None) -> JobOutcome:
    with transaction(engine) as session:
        job = get_record(session, ScheduleJob, job_id, "scheduling job")
        return JobOutcome(job.id, job.status, job.message, job.result)


@dataclass(frozen=True)
class PublishSummary:
    """What publishing changed in the schedule participants see."""

    meetings: int
    added: int
    moved: int
    cancelled: int


def publish(session: Session, event_id: int, *, actor_id: int | None) -> PublishSummary:
    """Make the draft schedule the published one. A meeting already published keeps its row
    (and so its calendar entry) and takes its new slot and table; published meetings the draft
    no longer holds are cancelled."""
    event = get_event(session, event_id, lock=True)
    if event.status is not EventStatus.SCHEDULED:
        raise Conflict(
            f"There is no new schedule to publish ({event.name!r} is {event.status.value}); "
            "run the scheduler first."
        )
    active = session.scalar(
        select(ScheduleJob.id).where(
            ScheduleJob.event_id == event_id, ScheduleJob.status.in_(ACTIVE)
        )
    )
    if active is not None:
        raise Conflict(f"A scheduling run (job {active}) is in progress; publish when it ends.")
    meetings = session.scalars(select(Meeting).where(Meeting.event_id == event_id)).all()
    live = {_pair(m): m for m in meetings if m.published and m.status is MeetingStatus.SCHEDULED}
    added = moved = 0
    for draft in (m for m in meetings if not m.published):
        if draft.status is not MeetingStatus.SCHEDULED:
            session.delete(draft)
            continue
        current = live.pop(_pair(draft), None)
        if current is None:
            draft.published = True
            added += 1
            continue
        moved += current.slot != draft.slot
        current.slot, current.table_id = draft.slot, draft.table_id
        session.delete(draft)
    for dropped in live.values():
        dropped.status = MeetingStatus.CANCELLED
    event.status, event.published_at = EventStatus.PUBLISHED, utcnow()
    session.flush()
    total = session.scalar(
        select(func.count()).where(
            Meeting.event_id == event_id,
            Meeting.published.is_(True),
            Meeting.status == MeetingStatus.SCHEDULED,
        )
    )
    summary = PublishSummary(total or 0, added, moved, len(live))
    record(session, actor_id, "published", "event", event_id, after=summary.__dict__)
    return summary


def _pair(meeting: Meeting) -> frozenset[int]:
    return frozenset((meeting.requester_id, meeting.requested_id))
