"""The read side: event lists and details, browsing participants, a user's registrations; and
the rules of recording outcomes and of cancelling published meetings (on meetings written
directly, so no solver is needed)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from clusterbridge.accounts.models import AccountStatus, User
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound
from clusterbridge.events import models as m
from clusterbridge.events import operations as ops
from clusterbridge.events import queries
from tests.events import event_factory as make
from tests.web.statements import counting_statements


def test_events_are_listed_soonest_first_with_their_span(engine: Engine) -> None:
    later = make.event(sessions=(("Day 2", make.DAY_1 + timedelta(days=1), 3),))
    sooner = make.event(
        sessions=(("Morning", make.DAY_1, 3), ("Afternoon", make.DAY_1_AFTERNOON, 2))
    )
    undated = make.event(sessions=(), open_registration=False)
    (acme,) = make.organisations("Acme")
    make.participant(sooner, acme, "Ana")
    make.participant(sooner, acme, "Ada", approve=False)
    with transaction() as session:
        listed = queries.list_events(session)
        drafts = queries.list_events(session, status=m.EventStatus.DRAFT)
    assert [e.id for e in listed] == [sooner, later, undated]
    assert listed[0].starts_at == make.DAY_1
    assert listed[0].ends_at == make.DAY_1_AFTERNOON + timedelta(minutes=40)
    assert (listed[0].participants, listed[1].participants) == (1, 0)
    assert [e.id for e in drafts] == [undated]


def test_event_detail_counts_what_the_organiser_watches(engine: Engine) -> None:
    a, b = make.organisations("Acme", "Beta")
    event_id = make.event(
        sessions=(("Morning", make.DAY_1, 3), ("Afternoon", make.DAY_1_AFTERNOON, 2))
    )
    ana, ben = make.participant(event_id, a, "Ana"), make.participant(event_id, b, "Ben")
    make.participant(event_id, b, "Bo", approve=False)
    make.request(ana, ben, accept=False)
    with transaction() as session:
        detail = queries.event_detail(session, event_id)
    assert [(s.name, s.first_slot, s.slots) for s in detail.sessions] == [
        ("Morning", 0, 3),
        ("Afternoon", 3, 2),
    ]
    assert detail.sessions[0].ends_at == make.DAY_1 + timedelta(minutes=60)
    assert detail.registrations == {
        m.RegistrationStatus.APPROVED: 2,
        m.RegistrationStatus.PENDING: 1,
    }
    assert detail.requests == {m.RequestStatus.PENDING: 1}
    assert (detail.published_meetings, detail.draft_meetings, detail.latest_job) == (0, 0, None)
    with pytest.raises(NotFound, match="no event with id 999"), transaction() as session:
        queries.event_detail(session, 999)


def test_participants_are_searched_by_every_word(engine: Engine) -> None:
    a, b, c = make.organisations("Acme Cells", "Beta Recycling", "100% Gamma_Labs")
    event_id = make.event()
    make.participant(event_id, a, "Ana Lima", offer="LFP cells for buses")
    make.participant(event_id, b, "Ben Roy", offer="Black mass RECYCLING")
    make.participant(event_id, c, "Cleo Diaz")
    make.participant(event_id, c, "Pending Pat", approve=False)

    def names(search: str | None) -> list[str]:
        with transaction() as session:
            return [p.name for p in queries.participants(session, event_id, search)]

    assert names(None) == ["Cleo Diaz", "Ana Lima", "Ben Roy"]  # by organisation name
    assert names("recycling") == ["Ben Roy"]
    assert names("cells lima") == ["Ana Lima"]
    assert names("cells roy") == []
    assert names("100%") == ["Cleo Diaz"]
    assert names("m_a") == []  # '_' is a character, not a wildcard (it would match "mma")
    assert names("_labs") == ["Cleo Diaz"]


def test_registrations_of_a_user(engine: Engine) -> None:
    (acme,) = make.organisations("Acme")
    with transaction() as session:
        user = User(email="ana@example.org", name="Ana", status=AccountStatus.ACTIVE)
        session.add(user)
        session.flush()
        user_id = user.id
    first, second = make.event(), make.event()
    with transaction() as session:
        mine = ops.register(
            session,
            first,
            ops.RegistrationInput(acme, "Ana", "ana@example.org", user_id=user_id),
            actor_id=user_id,
        )
        mine_id = mine.id
        gone = ops.register(
            session,
            second,
            ops.RegistrationInput(acme, "Ana", "ana@example.org", user_id=user_id),
            actor_id=user_id,
        )
        ops.cancel_registration(session, gone.id, actor_id=user_id)
    with transaction() as session:
        assert queries.registrations_of_user(session, user_id) == {first: mine_id}
        rows = queries.registrations(session, first)
    assert [(r.email, r.organisation, r.status) for r in rows] == [
        ("ana@example.org", "Acme", m.RegistrationStatus.PENDING)
    ]


def _meeting(event_id: int, first: int, second: int, slot: int, published: bool = True) -> int:
    request_id = make.request(first, second)
    with transaction() as session:
        meeting = m.Meeting(
            event_id=event_id,
            request_id=request_id,
            requester_id=first,
            requested_id=second,
            slot=slot,
            published=published,
        )
        session.add(meeting)
        session.flush()
        return meeting.id


def _status(meeting_id: int) -> m.MeetingStatus:
    with transaction() as session:
        found = session.get(m.Meeting, meeting_id)
        assert found is not None
        return found.status


def test_outcomes_are_recorded_for_published_meetings_only(engine: Engine) -> None:
    a, b, c = make.organisations("Acme", "Beta", "Gamma")
    event_id = make.event()
    ana, ben, cleo = (
        make.participant(event_id, o, n) for o, n in ((a, "Ana"), (b, "Ben"), (c, "Cleo"))
    )
    held = _meeting(event_id, ana, ben, 0)
    drafted = _meeting(event_id, ben, cleo, 1, published=False)
    with pytest.raises(InvalidInput, match="not held has no outcome"), transaction() as session:
        ops.record_outcome(session, held, False, m.MeetingOutcome.FOLLOW_UP, actor_id=None)
    with (
        pytest.raises(Conflict, match="not part of the published schedule"),
        transaction() as session,
    ):
        ops.record_outcome(session, drafted, True, actor_id=None)
    with pytest.raises(NotFound, match="no meeting with id 999"), transaction() as session:
        ops.record_outcome(session, 999, True, actor_id=None)
    with transaction() as session:
        ops.record_outcome(session, held, False, actor_id=None)
        ops.record_outcome(
            session, held, True, m.MeetingOutcome.AGREEMENT_SIGNED, "MoU", actor_id=None
        )
    with transaction() as session:
        saved = session.get(m.Meeting, held)
        assert saved is not None
        assert (saved.status, saved.outcome, saved.outcome_note) == (
            m.MeetingStatus.HELD,
            m.MeetingOutcome.AGREEMENT_SIGNED,
            "MoU",
        )
    assert make.audit_count("event.meeting.outcome_recorded") == 2
    with transaction() as session:
        ops.close_registration(session, event_id, actor_id=None)
    with (
        pytest.raises(Conflict, match="Outcomes of meetings are recorded"),
        transaction() as session,
    ):
        ops.start_schedule_job(session, event_id, actor_id=None)


def test_cancelling_a_participant_cancels_their_published_meetings(engine: Engine) -> None:
    a, b, c = make.organisations("Acme", "Beta", "Gamma")
    event_id = make.event()
    ana, ben, cleo = (
        make.participant(event_id, o, n) for o, n in ((a, "Ana"), (b, "Ben"), (c, "Cleo"))
    )
    with_ana = _meeting(event_id, ana, ben, 0)
    without_ana = _meeting(event_id, ben, cleo, 1)
    with transaction() as session:
        ops.cancel_registration(session, ana, actor_id=None)
    assert (_status(with_ana), _status(without_ana)) == (
        m.MeetingStatus.CANCELLED,
        m.MeetingStatus.SCHEDULED,
    )
    assert make.audit_count("event.meeting.cancelled") == 1
    with pytest.raises(Conflict, match="was cancelled"), transaction() as session:
        ops.record_outcome(session, with_ana, True, actor_id=None)
    with transaction() as session:
        assert [i.counterparts for i in queries.agenda(session, ben).items] == [("Cleo (Gamma)",)]
        assert queries.agenda(session, ana).items == ()


def test_a_published_meeting_s_table_stays(engine: Engine) -> None:
    a, b = make.organisations("Acme", "Beta")
    event_id = make.event(tables=2)
    ana, ben = make.participant(event_id, a, "Ana"), make.participant(event_id, b, "Ben")
    meeting = _meeting(event_id, ana, ben, 0)
    with transaction() as session:
        table = queries.event_detail(session, event_id).tables[1].id
        session.get(m.Meeting, meeting).table_id = table  # type: ignore[union-attr]
    with (
        pytest.raises(Conflict, match="Table 2 holds published meetings"),
        transaction() as session,
    ):
        ops.set_tables(session, event_id, 1, actor_id=None)
    with transaction() as session:
        version = queries.event_detail(session, event_id).version
    with (
        pytest.raises(Conflict, match="slot length can no longer change"),
        transaction() as session,
    ):
        ops.update_event(session, event_id, {"slot_minutes": 30}, version, actor_id=None)


def test_an_event_s_requests_come_in_one_query_with_both_sides(engine: Engine) -> None:
    acme, kbat = make.organisations("Acme", "K-Bat")
    event_id = make.event()
    ana = make.participant(event_id, acme, "Ana Puig")
    minjun = make.participant(event_id, kbat, "Min-jun Kim")
    kept = make.request(ana, minjun, priority=3)
    open_one = make.request(minjun, make.participant(event_id, acme, "Pau Vila"), accept=False)
    with transaction() as session:
        with counting_statements(engine) as counter:
            rows = queries.event_requests(session, event_id)
        pending = queries.event_requests(session, event_id, m.RequestStatus.PENDING)
    assert counter.count == 2  # the event's existence, then the requests
    assert [(r.id, r.requester, r.requested_organisation, r.priority) for r in rows] == [
        (kept, "Ana Puig", "K-Bat", 3),
        (open_one, "Min-jun Kim", "Acme", 2),
    ]
    assert [r.id for r in pending] == [open_one]
