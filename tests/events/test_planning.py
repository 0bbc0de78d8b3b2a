"""Scheduling jobs and publishing: when a run may start, what it writes (checked against the
event's rules, not the solver's word), how failures are stored, and what publishing does."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from clusterbridge.core.db import transaction
from clusterbridge.core.errors import Conflict, InvalidInput
from clusterbridge.events import models as m
from clusterbridge.events import operations as ops
from clusterbridge.events import queries
from clusterbridge.events.planning import INTERNAL_ERROR
from tests.events import event_factory as make

TIME_LIMIT = 2.0


def start(event_id: int) -> int:
    with transaction() as session:
        return ops.start_schedule_job(session, event_id, actor_id=None).id


def run(event_id: int, seen: list[tuple[float, str]] | None = None) -> ops.JobOutcome:
    progress = (lambda f, text: seen.append((f, text))) if seen is not None else None
    return ops.run_schedule_job(start(event_id), progress, time_limit=TIME_LIMIT, workers=1)


def close(event_id: int) -> None:
    with transaction() as session:
        ops.close_registration(session, event_id, actor_id=None)


def draft(event_id: int) -> list[m.Meeting]:
    with transaction() as session:
        rows = session.scalars(
            select(m.Meeting).where(m.Meeting.event_id == event_id, m.Meeting.published.is_(False))
        ).all()
        session.expunge_all()
        return list(rows)


@pytest.fixture
def small(engine: Engine) -> tuple[int, list[int]]:
    """Four participants in 4 slots at 2 tables; Ana is away in slot 0, Ben wants one meeting,
    Cleo has a booth (Table 2)."""
    orgs = make.organisations("Acme", "Beta", "Gamma", "Delta")
    event_id = make.event(tables=2)
    ana = make.participant(event_id, orgs[0], "Ana", unavailable=[0])
    ben = make.participant(event_id, orgs[1], "Ben", max_meetings=1)
    cleo = make.participant(event_id, orgs[2], "Cleo")
    dan = make.participant(event_id, orgs[3], "Dan")
    with transaction() as session:
        booth = queries.event_detail(session, event_id).tables[1].id
        ops.set_booth(session, cleo, booth, actor_id=None)
    for first, second in ((ana, ben), (ana, cleo), (ana, dan), (ben, cleo), (cleo, dan)):
        make.request(first, second, priority=2)
    make.request(ben, ana, priority=3)  # mutual with Ana -> Ben
    close(event_id)
    return event_id, [ana, ben, cleo, dan]


def test_a_run_needs_closed_registration_tables_and_no_other_run(engine: Engine) -> None:
    event_id = make.event(tables=0)
    with (
        pytest.raises(Conflict, match="Close registration before scheduling"),
        transaction() as session,
    ):
        ops.start_schedule_job(session, event_id, actor_id=None)
    close(event_id)
    with pytest.raises(InvalidInput, match="set the tables"), transaction() as session:
        ops.start_schedule_job(session, event_id, actor_id=None)
    with transaction() as session:
        ops.set_tables(session, event_id, 1, actor_id=None)
    job_id = start(event_id)
    with (
        pytest.raises(Conflict, match=f"already queued or running \\(job {job_id}\\)"),
        transaction() as session,
    ):
        ops.start_schedule_job(session, event_id, actor_id=None)
    with transaction() as session:
        assert queries.job_status(session, job_id).status is m.JobStatus.QUEUED
    assert make.audit_count("event.schedule.queued") == 1


def test_a_run_schedules_accepted_requests_within_the_rules(small: tuple[int, list[int]]) -> None:
    event_id, (ana, ben, cleo, _) = small
    seen: list[tuple[float, str]] = []
    outcome = run(event_id, seen)
    assert outcome.status is m.JobStatus.DONE, outcome.message
    assert outcome.result is not None
    assert outcome.result["requested"] == 5  # the mutual pair is one meeting
    meetings = draft(event_id)
    assert outcome.result["meetings"] == len(meetings) >= 3
    assert outcome.message.startswith(f"Scheduled {len(meetings)} of 5 requested meetings")
    busy = Counter((p, mt.slot) for mt in meetings for p in (mt.requester_id, mt.requested_id))
    assert max(busy.values()) == 1
    assert all(slot != 0 for (person, slot) in busy if person == ana)
    assert sum(1 for (person, _) in busy if person == ben) <= 1
    per_slot = Counter((mt.slot, mt.table_id) for mt in meetings)
    assert max(per_slot.values()) == 1
    with transaction() as session:
        booth = session.get(m.Registration, cleo).booth_table_id  # type: ignore[union-attr]
    assert all(
        mt.table_id == booth for mt in meetings if cleo in (mt.requester_id, mt.requested_id)
    )
    assert all(
        mt.table_id is not None and mt.status is m.MeetingStatus.SCHEDULED for mt in meetings
    )
    assert seen[-1][0] == 1.0
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    with transaction() as session:
        detail = queries.event_detail(session, event_id)
        job = queries.job_status(session, outcome.job_id)
    assert detail.status is m.EventStatus.SCHEDULED
    assert (detail.draft_meetings, detail.published_meetings) == (len(meetings), 0)
    assert (job.progress, job.started_at is not None, job.finished_at is not None) == (
        1.0,
        True,
        True,
    )
    assert make.audit_count("event.schedule.done") == 1


def test_a_job_runs_once(small: tuple[int, list[int]]) -> None:
    event_id, _ = small
    job_id = start(event_id)
    first = ops.run_schedule_job(job_id, time_limit=TIME_LIMIT, workers=1)
    again = ops.run_schedule_job(job_id, time_limit=TIME_LIMIT, workers=1)
    assert first == again
    assert make.audit_count("event.schedule.done") == 1


def test_a_failing_run_is_stored_not_raised(small: tuple[int, list[int]]) -> None:
    event_id, (ana, *_) = small
    with transaction() as session:
        session.get(m.Registration, ana).unavailable = ["morning"]  # type: ignore[union-attr]
    outcome = run(event_id)
    assert (outcome.status, outcome.message, outcome.result) == (
        m.JobStatus.FAILED,
        INTERNAL_ERROR,
        None,
    )
    with transaction() as session:
        assert queries.event_detail(session, event_id).status is m.EventStatus.CLOSED
        assert queries.latest_job(session, event_id).status is m.JobStatus.FAILED  # type: ignore[union-attr]
    assert make.audit_count("event.schedule.failed") == 1
    with pytest.raises(Conflict, match="run the scheduler first"), transaction() as session:
        ops.publish(session, event_id, actor_id=None)


def test_an_event_without_accepted_requests_gets_an_empty_schedule(engine: Engine) -> None:
    orgs = make.organisations("Acme", "Beta")
    event_id = make.event()
    ana, ben = (make.participant(event_id, o, n) for o, n in zip(orgs, ("Ana", "Ben"), strict=True))
    make.request(ana, ben, accept=False)
    close(event_id)
    outcome = run(event_id)
    assert outcome.status is m.JobStatus.DONE
    assert outcome.result is not None
    assert (outcome.result["meetings"], outcome.result["requested"]) == (0, 0)


def test_publishing_makes_the_draft_the_schedule(small: tuple[int, list[int]]) -> None:
    event_id, _ = small
    with pytest.raises(Conflict, match="run the scheduler first"), transaction() as session:
        ops.publish(session, event_id, actor_id=None)
    run(event_id)
    drafted = {(mt.id, mt.slot, mt.table_id) for mt in draft(event_id)}
    with transaction() as session:
        summary = ops.publish(session, event_id, actor_id=None)
    assert (summary.meetings, summary.added, summary.moved, summary.cancelled) == (
        len(drafted),
        len(drafted),
        0,
        0,
    )
    with transaction() as session:
        shown = {(r.id, r.slot, r.table) for r in queries.meetings(session, event_id)}
        detail = queries.event_detail(session, event_id)
    assert {i for i, _, _ in shown} == {i for i, _, _ in drafted}
    assert (detail.status, detail.draft_meetings) == (m.EventStatus.PUBLISHED, 0)
    assert detail.published_at is not None
    with pytest.raises(Conflict, match="no new schedule to publish"), transaction() as session:
        ops.publish(session, event_id, actor_id=None)


def test_publishing_waits_for_a_running_job(small: tuple[int, list[int]]) -> None:
    event_id, _ = small
    run(event_id)
    job_id = start(event_id)
    with pytest.raises(Conflict, match=f"job {job_id}"), transaction() as session:
        ops.publish(session, event_id, actor_id=None)


def test_a_run_abandoned_by_its_worker_does_not_block_the_next(engine: Engine) -> None:
    event_id = make.event()
    close(event_id)
    stale = start(event_id)
    with transaction() as session:
        job = session.get(m.ScheduleJob, stale)
        assert job is not None
        job.status = m.JobStatus.RUNNING
        job.started_at = job.created_at - timedelta(hours=3)
    fresh = start(event_id)
    with transaction() as session:
        assert queries.job_status(session, stale).status is m.JobStatus.FAILED
        assert "stopped without finishing" in queries.job_status(session, stale).message
        assert queries.latest_job(session, event_id).id == fresh  # type: ignore[union-attr]
