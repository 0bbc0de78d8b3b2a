"""The event computations: held meetings and agreements of a cluster's members, from a tiny
published event whose outcomes are recorded by hand."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from clusterbridge.analytics.evaluation.computed import COMPUTATIONS, Scope
from clusterbridge.core.db import transaction
from clusterbridge.events import operations
from clusterbridge.events.models import Meeting, MeetingOutcome
from clusterbridge.registry.models import Organisation
from tests.analytics.evaluation.conftest import YEAR, Tiny


def _ids(engine: Engine, *external_ids: str) -> list[int]:
    with transaction(engine) as session:
        found = dict(
            session.execute(
                select(Organisation.external_id, Organisation.id).where(
                    Organisation.external_id.in_(external_ids)
                )
            ).all()
        )
    return [found[e] for e in external_ids]


def _held_meetings(engine: Engine, organisations: list[int], year: int) -> None:
    """Organisations 0-1 and 0-2 meet at an event in ``year``; the first meeting signs an
    agreement, the second is held with a follow-up."""
    with transaction(engine) as session:
        values = operations.EventInput(name="Day", timezone="Europe/Madrid", slot_minutes=20)
        event = operations.create_event(session, values, actor_id=None).id
        start = datetime(year, 6, 3, 9, 0, tzinfo=ZoneInfo("Europe/Madrid"))
        operations.add_session(session, event, "Morning", start, 4, actor_id=None)
        operations.set_tables(session, event, 2, actor_id=None)
        operations.open_registration(session, event, actor_id=None)
        ids = []
        for n, organisation in enumerate(organisations):
            entry = operations.RegistrationInput(organisation, f"P{n}", f"p{n}@example.org")
            registration = operations.register(session, event, entry, actor_id=None).id
            operations.decide_registration(session, registration, True, actor_id=None)
            ids.append(registration)
        for other in ids[1:]:
            request = operations.send_request(session, ids[0], other, actor_id=None).id
            operations.respond_request(session, request, True, actor_id=None)
        operations.close_registration(session, event, actor_id=None)
        job = operations.start_schedule_job(session, event, actor_id=None).id
    operations.run_schedule_job(job, engine=engine, time_limit=2.0, workers=1)
    with transaction(engine) as session:
        operations.publish(session, event, actor_id=None)
        meetings = session.query(Meeting).filter_by(event_id=event).order_by(Meeting.id).all()
        first, second = meetings
        operations.record_outcome(
            session, first.id, True, MeetingOutcome.AGREEMENT_SIGNED, actor_id=None
        )
        operations.record_outcome(session, second.id, True, MeetingOutcome.FOLLOW_UP, actor_id=None)


def test_members_meetings_and_agreements_are_counted(tiny: Tiny, engine: Engine) -> None:
    with transaction(engine) as session:
        scope = Scope.of_programme(session, YEAR, tiny.programme)
        assert COMPUTATIONS["event_meetings"](scope) == {}  # no events that year: no values
    _held_meetings(engine, _ids(engine, "a", "b", "x"), YEAR)
    with transaction(engine) as session:
        scope = Scope.of_programme(session, YEAR, tiny.programme)
        meetings = COMPUTATIONS["event_meetings"](scope)
        agreements = COMPUTATIONS["event_agreements"](scope)
        other_year = COMPUTATIONS["event_meetings"](
            Scope.of_programme(session, YEAR - 1, tiny.programme)
        )
    # c1's members on 31 Dec include a and b (not x, who left): a held 2, b held 1.
    assert meetings[tiny.c1] == 3
    assert agreements[tiny.c1] == 2  # a-b signed: counted for a and for b
    assert meetings[tiny.c2] == 2  # c2 has a alone
    assert other_year == {}
