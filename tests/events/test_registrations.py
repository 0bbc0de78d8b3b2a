"""Registration: who may register when, the organiser's decision, cancellation and booths."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from clusterbridge.core.db import transaction
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound
from clusterbridge.events import models as m
from clusterbridge.events import operations as ops
from clusterbridge.events import queries
from tests.events import event_factory as make


def _registration(registration_id: int) -> m.Registration:
    with transaction() as session:
        found = session.get(m.Registration, registration_id)
        assert found is not None
        session.expunge(found)
        return found


def test_register_lists_every_bad_field_and_writes_nothing(engine: Engine) -> None:
    event_id = make.event()
    bad = ops.RegistrationInput(
        organisation_id=999,
        name="",
        email="not an address",
        user_id=999,
        max_meetings=0,
        unavailable=[1, 4, -1],
        offer="x" * 501,
    )
    with pytest.raises(InvalidInput) as error, transaction() as session:
        ops.register(session, event_id, bad, actor_id=None)
    problems = {(p.column, p.value) for p in error.value.problems}
    assert ("unavailable", "4") in problems
    assert ("unavailable", "-1") in problems
    assert {p.column for p in error.value.problems} == {
        "organisation_id",
        "name",
        "email",
        "user_id",
        "max_meetings",
        "unavailable",
        "offer",
    }
    assert "the event has slots 0 to 3" in str(error.value)
    with transaction() as session:
        assert session.scalar(select(func.count()).select_from(m.Registration)) == 0


def test_registration_needs_an_open_event_and_one_address_per_event(engine: Engine) -> None:
    org = make.organisations("Acme")[0]
    closed = make.event(open_registration=False)
    values = ops.RegistrationInput(org, "Ana Lima", "Ana.Lima@Example.org", unavailable=[2, 2, 1])
    with (
        pytest.raises(Conflict, match="Registration for 'Battery Days' is not open"),
        transaction() as session,
    ):
        ops.register(session, closed, values, actor_id=None)
    event_id = make.event()
    with transaction() as session:
        registration = ops.register(session, event_id, values, actor_id=None)
        assert registration.email == "ana.lima@example.org"
        assert registration.unavailable == [1, 2]
        assert registration.status is m.RegistrationStatus.PENDING
    with pytest.raises(Conflict, match="already registered"), transaction() as session:
        ops.register(session, event_id, values, actor_id=None)
    assert make.audit_count("event.registration.created") == 1


def test_a_cancelled_registration_registers_again(engine: Engine) -> None:
    org = make.organisations("Acme")[0]
    event_id = make.event()
    first = make.participant(event_id, org, "Ana Lima")
    with transaction() as session:
        ops.cancel_registration(session, first, actor_id=None)
    again = make.participant(event_id, org, "Ana Lima", approve=False)
    assert again == first
    assert _registration(again).status is m.RegistrationStatus.PENDING


def test_only_pending_registrations_are_decided(engine: Engine) -> None:
    org = make.organisations("Acme")[0]
    event_id = make.event()
    person = make.participant(event_id, org, "Ana Lima", approve=False)
    with transaction() as session:
        ops.decide_registration(session, person, False, actor_id=None)
    assert _registration(person).status is m.RegistrationStatus.DECLINED
    assert _registration(person).decided_at is not None
    with pytest.raises(Conflict, match="is declined, not pending"), transaction() as session:
        ops.decide_registration(session, person, True, actor_id=None)
    with pytest.raises(NotFound, match="no registration with id 999"), transaction() as session:
        ops.decide_registration(session, 999, True, actor_id=None)
    with pytest.raises(Conflict, match="already declined"), transaction() as session:
        ops.cancel_registration(session, person, actor_id=None)


def test_cancelling_a_registration_cancels_its_requests(engine: Engine) -> None:
    a, b, c = make.organisations("Acme", "Beta", "Gamma")
    event_id = make.event()
    ana, ben, cleo = (
        make.participant(event_id, o, n) for o, n in ((a, "Ana"), (b, "Ben"), (c, "Cleo"))
    )
    sent = make.request(ana, ben)
    received = make.request(cleo, ana, accept=False)
    untouched = make.request(ben, cleo)
    with transaction() as session:
        ops.cancel_registration(session, ana, actor_id=None)
    with transaction() as session:
        status = {r.id: r.status for r in session.scalars(select(m.MeetingRequest))}
    assert status == {
        sent: m.RequestStatus.CANCELLED,
        received: m.RequestStatus.CANCELLED,
        untouched: m.RequestStatus.ACCEPTED,
    }
    with transaction() as session:
        names = [p.name for p in queries.participants(session, event_id)]
    assert names == ["Ben", "Cleo"]


def test_update_registration_checks_its_fields(engine: Engine) -> None:
    org = make.organisations("Acme")[0]
    event_id = make.event()
    person = make.participant(event_id, org, "Ana Lima")
    with transaction() as session:
        ops.update_registration(
            session, person, {"unavailable": [3], "looking_for": "cell suppliers"}, actor_id=None
        )
    assert _registration(person).unavailable == [3]
    with pytest.raises(InvalidInput) as error, transaction() as session:
        ops.update_registration(
            session, person, {"email": "x@y.org", "unavailable": [9]}, actor_id=None
        )
    assert {p.column for p in error.value.problems} == {"email", "unavailable"}
    assert _registration(person).looking_for == "cell suppliers"
    assert make.audit_count("event.registration.updated") == 1


def test_a_booth_is_one_participant_s_table_of_the_same_event(engine: Engine) -> None:
    a, b = make.organisations("Acme", "Beta")
    event_id = make.event()
    other_event = make.event()
    ana, ben = make.participant(event_id, a, "Ana"), make.participant(event_id, b, "Ben")
    with transaction() as session:
        table, spare = (t.id for t in queries.event_detail(session, event_id).tables)
        foreign = queries.event_detail(session, other_event).tables[0].id
        ops.set_booth(session, ana, table, actor_id=None)
    with (
        pytest.raises(Conflict, match="Table 1 is already the booth of Ana"),
        transaction() as session,
    ):
        ops.set_booth(session, ben, table, actor_id=None)
    with pytest.raises(InvalidInput, match="another event"), transaction() as session:
        ops.set_booth(session, ben, foreign, actor_id=None)
    with pytest.raises(NotFound, match="no table with id 9999"), transaction() as session:
        ops.set_booth(session, ben, 9999, actor_id=None)
    with transaction() as session:
        ops.set_booth(session, ben, spare, actor_id=None)
        ops.set_booth(session, ana, None, actor_id=None)
    with transaction() as session:
        booths = {t.name: t.booth_of for t in queries.event_detail(session, event_id).tables}
    assert booths == {"Table 1": None, "Table 2": "Ben"}
