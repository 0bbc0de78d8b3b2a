"""The demo's matchmaking events: a published past day with agendas and outcomes, and an
upcoming day open for registration, both made through the real operations and optimiser."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from clusterbridge.accounts.demo import demo_member_company
from clusterbridge.core.db import transaction
from clusterbridge.demo import generate
from clusterbridge.events.demo import PAST_EVENT, UPCOMING_EVENT, load_demo_events
from clusterbridge.events.models import (
    Event,
    EventStatus,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Registration,
)
from clusterbridge.events.plans import agenda
from clusterbridge.registry.importers.tables import import_tables


def test_demo_events_are_published_and_open(engine: Engine) -> None:
    import_tables(generate(seed=7, organisations=1_200), actor="demo", engine=engine)
    past, upcoming = load_demo_events(seed=3, engine=engine, time_limit=3.0)
    assert load_demo_events(seed=3, engine=engine) == []  # once only
    with transaction(engine) as session:
        events = {e.name: e for e in session.scalars(select(Event))}
        assert events[PAST_EVENT].id == past
        assert events[PAST_EVENT].status is EventStatus.PUBLISHED
        assert events[UPCOMING_EVENT].id == upcoming
        assert events[UPCOMING_EVENT].status is EventStatus.OPEN
        meetings = list(session.scalars(select(Meeting).where(Meeting.event_id == past)))
        assert len(meetings) >= 100
        assert all(m.published for m in meetings)
        assert {m.status for m in meetings} <= {MeetingStatus.HELD, MeetingStatus.NOT_HELD}
        assert any(m.outcome is not None for m in meetings)
        mutual = select(func.count()).where(
            MeetingRequest.event_id == past, MeetingRequest.mutual.is_(True)
        )
        assert (session.scalar(mutual) or 0) > 0
        member = demo_member_company(session)
        mine = session.scalar(
            select(Registration.id).where(
                Registration.event_id == past, Registration.organisation_id == member
            )
        )
        assert mine is not None
        assert agenda(session, mine).items  # the demo member has meetings to show
