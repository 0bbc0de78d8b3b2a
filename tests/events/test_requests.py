"""Meeting requests: who may ask whom and when, mutual requests, answers and cancellations."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from clusterbridge.accounts.errors import NotAllowed
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound
from clusterbridge.events import models as m
from clusterbridge.events import operations as ops
from clusterbridge.events import queries
from tests.events import event_factory as make


def _status(request_id: int) -> tuple[m.RequestStatus, bool]:
    with transaction() as session:
        found = session.get(m.MeetingRequest, request_id)
        assert found is not None
        return found.status, found.mutual


@pytest.fixture
def trio(engine: Engine) -> tuple[int, int, int, int]:
    """An open event with Ana (Acme), Ben (Beta) and Cleo (Gamma), all approved."""
    a, b, c = make.organisations("Acme", "Beta", "Gamma")
    event_id = make.event()
    people = [make.participant(event_id, o, n) for o, n in ((a, "Ana"), (b, "Ben"), (c, "Cleo"))]
    return event_id, *people  # type: ignore[return-value]


def test_a_request_is_pending_until_answered(trio: tuple[int, int, int, int]) -> None:
    _, ana, ben, _ = trio
    with transaction() as session:
        sent = ops.send_request(session, ana, ben, priority=3, message=" Cells? ", actor_id=None)
        assert (sent.status, sent.priority, sent.message) == (m.RequestStatus.PENDING, 3, "Cells?")
        request_id = sent.id
    with (
        pytest.raises(NotAllowed, match="Only the participant who was asked"),
        transaction() as session,
    ):
        ops.respond_request(session, request_id, True, responder_id=ana, actor_id=None)
    with transaction() as session:
        ops.respond_request(session, request_id, True, responder_id=ben, actor_id=None)
    assert _status(request_id) == (m.RequestStatus.ACCEPTED, False)
    with transaction() as session:
        lists = queries.requests_for(session, ben)
    assert [(r.counterpart, r.organisation, r.status) for r in lists.received] == [
        ("Ana", "Acme", m.RequestStatus.ACCEPTED)
    ]
    assert lists.sent == ()
    assert make.audit_count("event.request.sent") == 1
    assert make.audit_count("event.request.accepted") == 1


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"priority": 4}, InvalidInput, "from 1 to 3"),
        ({"priority": 0}, InvalidInput, "from 1 to 3"),
        ({"message": "x" * 2001}, InvalidInput, "at most 2000"),
        ({"requested": "self"}, InvalidInput, "cannot ask to meet themselves"),
        ({"requested": 9999}, NotFound, "no registration with id 9999"),
    ],
)
def test_bad_requests_are_refused(
    trio: tuple[int, int, int, int], change: dict[str, object], error: type[Exception], message: str
) -> None:
    _, ana, ben, _ = trio
    change = dict(change)  # the parameters are shared by both backends' runs
    target = change.pop("requested", ben)
    requested = ana if target == "self" else target
    with pytest.raises(error, match=message), transaction() as session:
        ops.send_request(session, ana, requested, actor_id=None, **change)  # type: ignore[arg-type]
    with transaction() as session:
        assert queries.requests_for(session, ana).sent == ()


def test_only_approved_participants_of_one_event_with_requesting_open(
    trio: tuple[int, int, int, int],
) -> None:
    event_id, ana, ben, _ = trio
    (d,) = make.organisations("Delta")
    with transaction() as session:
        acme = session.get(m.Registration, ana).organisation_id  # type: ignore[union-attr]
    pending = make.participant(event_id, d, "Dan", approve=False)
    colleague = make.participant(event_id, acme, "Ada")
    elsewhere = make.participant(make.event(), d, "Dora")
    with pytest.raises(Conflict, match="Dan is pending, not approved"), transaction() as session:
        ops.send_request(session, ana, pending, actor_id=None)
    with pytest.raises(InvalidInput, match="same event"), transaction() as session:
        ops.send_request(session, ana, elsewhere, actor_id=None)
    with pytest.raises(InvalidInput, match="same organisation"), transaction() as session:
        ops.send_request(session, ana, colleague, actor_id=None)
    with transaction() as session:
        ops.close_registration(session, event_id, actor_id=None)
        ops.send_request(session, ana, ben, actor_id=None)
        session.get(m.Event, event_id).status = m.EventStatus.SCHEDULED  # type: ignore[union-attr]
    with pytest.raises(Conflict, match="'Battery Days' is scheduled"), transaction() as session:
        ops.send_request(session, ben, ana, actor_id=None)


def test_asking_twice_is_refused(trio: tuple[int, int, int, int]) -> None:
    _, ana, ben, _ = trio
    make.request(ana, ben, accept=False)
    with pytest.raises(Conflict, match="Ana already asked to meet Ben"), transaction() as session:
        ops.send_request(session, ana, ben, actor_id=None)


def test_a_request_both_ways_is_mutual_and_accepted(trio: tuple[int, int, int, int]) -> None:
    _, ana, ben, _ = trio
    first = make.request(ana, ben, accept=False)
    second = make.request(ben, ana, accept=False)
    assert _status(first) == _status(second) == (m.RequestStatus.ACCEPTED, True)
    with pytest.raises(Conflict, match="Both participants asked"), transaction() as session:
        ops.respond_request(session, first, False, responder_id=ben, actor_id=None)
    with transaction() as session:
        ops.cancel_request(session, first, requester_id=ana, actor_id=None)
    assert _status(first) == (m.RequestStatus.CANCELLED, False)
    assert _status(second) == (m.RequestStatus.PENDING, False)
    assert make.audit_count("event.request.mutual") == 1


def test_a_cancelled_request_can_be_sent_again(trio: tuple[int, int, int, int]) -> None:
    _, ana, ben, _ = trio
    first = make.request(ana, ben)
    with pytest.raises(NotAllowed, match="Only the participant who sent"), transaction() as session:
        ops.cancel_request(session, first, requester_id=ben, actor_id=None)
    with transaction() as session:
        ops.cancel_request(session, first, requester_id=ana, actor_id=None)
    with pytest.raises(Conflict, match="already cancelled"), transaction() as session:
        ops.cancel_request(session, first, actor_id=None)
    with pytest.raises(Conflict, match="was cancelled"), transaction() as session:
        ops.respond_request(session, first, True, actor_id=None)
    again = make.request(ana, ben, priority=1, accept=False)
    assert again == first
    assert _status(again) == (m.RequestStatus.PENDING, False)


def test_a_declined_request_stays_declined_for_its_sender(trio: tuple[int, int, int, int]) -> None:
    _, ana, ben, _ = trio
    request_id = make.request(ana, ben, accept=False)
    with transaction() as session:
        ops.respond_request(session, request_id, False, responder_id=ben, actor_id=None)
        ops.respond_request(session, request_id, False, responder_id=ben, actor_id=None)
    assert _status(request_id) == (m.RequestStatus.DECLINED, False)
    assert make.audit_count("event.request.declined") == 1
    with pytest.raises(Conflict, match="the request is declined"), transaction() as session:
        ops.send_request(session, ana, ben, actor_id=None)
