"""Event tables: the migration matches the models and undoes cleanly; slot numbering; the
database itself refuses two active scheduling runs of one event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import IntegrityError

from clusterbridge.core import migrate
from clusterbridge.core.db import transaction
from clusterbridge.core.models import Base
from clusterbridge.events import models as m
from tests.events import event_factory as make

EVENT_TABLES = {
    "events",
    "event_sessions",
    "event_tables",
    "event_registrations",
    "meeting_requests",
    "event_meetings",
    "event_schedule_jobs",
}


def test_the_migration_matches_the_event_models(engine: Engine) -> None:
    assert set(Base.metadata.tables) >= EVENT_TABLES
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_the_events_migration_downgrades_and_upgrades(engine: Engine) -> None:
    migrate.downgrade(engine, "0005")
    assert not EVENT_TABLES & set(inspect(engine).get_table_names())
    migrate.upgrade(engine, "0006")
    assert migrate.current(engine) == "0006"
    assert set(inspect(engine).get_table_names()) >= EVENT_TABLES
    migrate.upgrade(engine)


def test_slots_run_across_sessions_in_start_order() -> None:
    morning = datetime(2027, 3, 10, 8, 0, tzinfo=UTC)
    afternoon = datetime(2027, 3, 10, 13, 0, tzinfo=UTC)
    sessions = [(morning, 3), (afternoon, 2)]
    assert m.slot_times(sessions, 30, 0) == (morning, morning + timedelta(minutes=30))
    assert m.slot_times(sessions, 30, 2)[0] == morning + timedelta(minutes=60)
    assert m.slot_times(sessions, 30, 3) == (afternoon, afternoon + timedelta(minutes=30))
    assert m.slot_times(sessions, 30, 4)[1] == afternoon + timedelta(minutes=60)
    with pytest.raises(ValueError, match="outside the event's 5 slots"):
        m.slot_times(sessions, 30, 5)
    with pytest.raises(ValueError, match="negative"):
        m.slot_times(sessions, 30, -1)


def test_an_event_maps_its_slots_to_times(engine: Engine) -> None:
    event_id = make.event(
        sessions=(("Afternoon", make.DAY_1_AFTERNOON, 2), ("Morning", make.DAY_1, 3))
    )
    with transaction() as session:
        event = session.get(m.Event, event_id)
        assert event is not None
        assert [s.name for s in event.sessions] == ["Morning", "Afternoon"]
        assert event.slot_count == 5
        start, end = event.slot_times(3)
        assert start == make.DAY_1_AFTERNOON
        assert end - start == timedelta(minutes=20)


def test_the_database_refuses_two_active_jobs_for_one_event(engine: Engine) -> None:
    event_id = make.event()
    with transaction() as session:
        session.add(m.ScheduleJob(event_id=event_id, status=m.JobStatus.DONE))
        session.add(m.ScheduleJob(event_id=event_id, status=m.JobStatus.QUEUED))
    with pytest.raises(IntegrityError), transaction() as session:
        session.add(m.ScheduleJob(event_id=event_id, status=m.JobStatus.RUNNING))
    with transaction() as session:
        session.add(m.ScheduleJob(event_id=event_id, status=m.JobStatus.FAILED))
