"""The organiser's operations: each rule refuses bad input with a clear message and writes
nothing; good input is written with its audit entry."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from clusterbridge.core.db import transaction
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound
from clusterbridge.events import models as m
from clusterbridge.events import operations as ops
from clusterbridge.events import queries
from clusterbridge.registry.operations import StaleVersion
from tests.events import event_factory as make


def _event(session_id: int) -> m.Event:
    with transaction() as session:
        event = session.get(m.Event, session_id)
        assert event is not None
        session.expunge(event)
        return event


def test_create_event_lists_every_bad_field(engine: Engine) -> None:
    bad = ops.EventInput(
        name=" ",
        timezone="Mars/Olympus",
        slot_minutes=3,
        max_meetings=0,
        programme_id=999,
        organiser_id=999,
    )
    with pytest.raises(InvalidInput) as error, transaction() as session:
        ops.create_event(session, bad, actor_id=None)
    columns = {p.column for p in error.value.problems}
    assert columns == {
        "name",
        "timezone",
        "slot_minutes",
        "max_meetings",
        "programme_id",
        "organiser_id",
    }
    assert "IANA time zone" in str(error.value)
    with transaction() as session:
        assert session.scalar(select(func.count()).select_from(m.Event)) == 0


def test_create_event_starts_in_draft_and_is_audited(engine: Engine) -> None:
    with transaction() as session:
        event = ops.create_event(
            session,
            ops.EventInput(name="  Battery Days ", timezone="Asia/Seoul", venue="COEX"),
            actor_id=None,
        )
        event_id = event.id
    saved = _event(event_id)
    assert (saved.name, saved.status, saved.slot_minutes, saved.version) == (
        "Battery Days",
        m.EventStatus.DRAFT,
        30,
        1,
    )
    assert make.audit_count("event.created") == 1


def test_update_event_checks_the_version_and_the_fields(engine: Engine) -> None:
    event_id = make.event(open_registration=False)
    with transaction() as session:
        ops.update_event(session, event_id, {"venue": "Tour & Taxis"}, 1, actor_id=None)
    assert _event(event_id).version == 2
    with pytest.raises(StaleVersion, match="changed by someone else"), transaction() as session:
        ops.update_event(session, event_id, {"venue": "Elsewhere"}, 1, actor_id=None)
    with pytest.raises(InvalidInput, match="status"), transaction() as session:
        ops.update_event(session, event_id, {"status": "published"}, 2, actor_id=None)
    with pytest.raises(InvalidInput, match="timezone"), transaction() as session:
        ops.update_event(session, event_id, {"timezone": "Brussels"}, 2, actor_id=None)
    assert _event(event_id).venue == "Tour & Taxis"
    assert make.audit_count("event.updated") == 1


def test_a_longer_slot_may_not_make_sessions_overlap(engine: Engine) -> None:
    event_id = make.event(
        sessions=(("Morning", make.DAY_1, 4), ("Late morning", make.DAY_1 + timedelta(hours=2), 2))
    )
    with pytest.raises(InvalidInput, match="overlap"), transaction() as session:
        ops.update_event(
            session, event_id, {"slot_minutes": 45}, _event(event_id).version, actor_id=None
        )
    with transaction() as session:
        ops.update_event(
            session, event_id, {"slot_minutes": 30}, _event(event_id).version, actor_id=None
        )
    assert _event(event_id).slot_minutes == 30


def test_add_session_reads_a_naive_time_as_local_and_refuses_overlaps(engine: Engine) -> None:
    event_id = make.event(sessions=(), open_registration=False)
    with transaction() as session:
        added = ops.add_session(
            session, event_id, "Day 1", datetime(2027, 3, 10, 9, 0), 6, actor_id=None
        )
        assert added.starts_at == make.DAY_1
    with (
        pytest.raises(InvalidInput, match="'Day 1' and 'Overlap' overlap"),
        transaction() as session,
    ):
        ops.add_session(
            session, event_id, "Overlap", make.DAY_1 + timedelta(minutes=100), 2, actor_id=None
        )
    with pytest.raises(InvalidInput) as error, transaction() as session:
        ops.add_session(session, event_id, "", make.DAY_1_AFTERNOON, 0, actor_id=None)
    assert {p.column for p in error.value.problems} == {"name", "slots"}
    with pytest.raises(NotFound, match="no event with id 999"), transaction() as session:
        ops.add_session(session, 999, "X", make.DAY_1, 1, actor_id=None)
    assert make.audit_count("event.session.added") == 1


def test_a_session_goes_before_others_only_while_no_slot_is_in_use(engine: Engine) -> None:
    event_id = make.event(sessions=(("Afternoon", make.DAY_1_AFTERNOON, 3),))
    with transaction() as session:
        ops.add_session(session, event_id, "Morning", make.DAY_1, 2, actor_id=None)
    org = make.organisations("Acme")[0]
    make.participant(event_id, org, "Ana Lima", unavailable=[0])
    with pytest.raises(Conflict, match="only go after the last one"), transaction() as session:
        ops.add_session(
            session, event_id, "Early", make.DAY_1 - timedelta(hours=2), 2, actor_id=None
        )
    with transaction() as session:
        ops.add_session(
            session, event_id, "Day 2", make.DAY_1 + timedelta(days=1), 2, actor_id=None
        )
    with transaction() as session:
        detail = queries.event_detail(session, event_id)
    assert [(s.name, s.first_slot, s.slots) for s in detail.sessions] == [
        ("Morning", 0, 2),
        ("Afternoon", 2, 3),
        ("Day 2", 5, 2),
    ]


def test_set_tables_by_count_or_by_name(engine: Engine) -> None:
    event_id = make.event(tables=0)
    with transaction() as session:
        tables = ops.set_tables(session, event_id, 3, actor_id=None)
        assert [(t.name, t.capacity) for t in tables] == [
            ("Table 1", 2),
            ("Table 2", 2),
            ("Table 3", 2),
        ]
        first_id = tables[0].id
    with transaction() as session:
        specs = [ops.TableSpec("Table 1", 4), ops.TableSpec("Booth A", 2)]
        tables = ops.set_tables(session, event_id, specs, actor_id=None)
        assert [(t.name, t.capacity) for t in tables] == [("Table 1", 4), ("Booth A", 2)]
        assert tables[0].id == first_id
    for bad, field in (
        (0, "tables"),
        ([ops.TableSpec("A"), ops.TableSpec("a")], "name"),
        ([ops.TableSpec("A", 1)], "capacity"),
        ([], "tables"),
    ):
        with pytest.raises(InvalidInput) as error, transaction() as session:
            ops.set_tables(session, event_id, bad, actor_id=None)
        assert field in {p.column for p in error.value.problems}
    assert make.audit_count("event.tables.set") == 2


def test_a_booth_table_cannot_be_removed(engine: Engine) -> None:
    event_id = make.event(tables=2)
    org = make.organisations("Acme")[0]
    person = make.participant(event_id, org, "Ana Lima")
    with transaction() as session:
        table_id = queries.event_detail(session, event_id).tables[1].id
        ops.set_booth(session, person, table_id, actor_id=None)
    with (
        pytest.raises(Conflict, match="Table 2 is the booth of Ana Lima"),
        transaction() as session,
    ):
        ops.set_tables(session, event_id, 1, actor_id=None)
    with transaction() as session:
        assert (
            len(
                session.scalars(select(m.EventTable).where(m.EventTable.event_id == event_id)).all()
            )
            == 2
        )


def test_registration_opens_and_closes_in_order(engine: Engine) -> None:
    event_id = make.event(sessions=(), open_registration=False)
    with pytest.raises(InvalidInput, match="add at least one session"), transaction() as session:
        ops.open_registration(session, event_id, actor_id=None)
    with pytest.raises(Conflict, match="not open"), transaction() as session:
        ops.close_registration(session, event_id, actor_id=None)
    with transaction() as session:
        ops.add_session(session, event_id, "Morning", make.DAY_1, 4, actor_id=None)
        ops.open_registration(session, event_id, actor_id=None)
    with pytest.raises(Conflict, match="already open"), transaction() as session:
        ops.open_registration(session, event_id, actor_id=None)
    with transaction() as session:
        ops.close_registration(session, event_id, actor_id=None)
    assert _event(event_id).status is m.EventStatus.CLOSED
    assert make.audit_count("event.registration_opened") == 1
    assert make.audit_count("event.registration_closed") == 1
