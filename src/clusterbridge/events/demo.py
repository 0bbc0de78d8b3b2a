"""The demo scenario's two matchmaking events, built through the same operations as real ones.

- A past EU–Korea matchmaking day in Barcelona: Catalan and Korean cluster members registered,
  sent requests (some mutual, some declined), the optimiser scheduled the accepted ones, the
  schedule was published and the outcomes recorded, so agendas, the table plan and outcome
  figures all have something to show.
- An upcoming Korea–EU day in Seoul with registration open, where a demo user can register,
  browse participants and send requests.

Synthetic: every participant is a demo organisation; names and e-mails are invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from random import Random
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clusterbridge.accounts.demo import DEMO_DOMAIN, demo_member_company
from clusterbridge.core.db import transaction
from clusterbridge.demo.clusters import CATALAN_PROGRAMME, KOREAN_PROGRAMME
from clusterbridge.demo.names import (
    CATALAN_FIRST,
    CATALAN_SURNAMES,
    KOREAN_GIVEN,
    KOREAN_SURNAMES,
    slugify,
)
from clusterbridge.events import operations
from clusterbridge.events.models import Event, Meeting, MeetingOutcome, MeetingStatus
from clusterbridge.events.planning import SchedulerUnavailable
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Cluster, Membership, Organisation, Programme

PAST_EVENT = "EU–Korea Cluster Matchmaking Day 2026"
UPCOMING_EVENT = "Korea–EU Battery and Mobility B2B 2027"
KINDS = (OrganisationKind.COMPANY, OrganisationKind.STARTUP, OrganisationKind.UNIVERSITY)
OUTCOMES = (
    (MeetingOutcome.FOLLOW_UP, 55),
    (MeetingOutcome.AGREEMENT_SIGNED, 12),
    (MeetingOutcome.NO_INTEREST, 25),
    (MeetingOutcome.OTHER, 8),
)


def load_demo_events(
    seed: int = 2026, engine: Engine | None = None, time_limit: float = 10.0
) -> list[int]:
    """Create both demo events (once: nothing happens when the past one exists); return their
    ids. The past event is scheduled only when the optimiser (the `scheduling` extra) is
    installed; otherwise it stays closed with its requests."""
    rng = Random(seed)
    with transaction(engine) as session:
        if session.scalar(select(Event.id).where(Event.name == PAST_EVENT)) is not None:
            return []
        catalan = _members(session, CATALAN_PROGRAMME)
        korean = _members(session, KOREAN_PROGRAMME)
        if not catalan or not korean:
            return []
        member = demo_member_company(session)
        past = _past_event(session, rng, catalan, korean, member)
        upcoming = _upcoming_event(session, rng, catalan, korean)
    _schedule_and_publish(past, rng, engine, time_limit)
    return [past, upcoming]


def _members(session: Session, programme: str) -> list[Organisation]:
    """Current members of the programme's clusters that take part in B2B days."""
    query = (
        select(Organisation)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .join(Cluster, Membership.cluster_id == Cluster.id)
        .join(Programme, Cluster.programme_id == Programme.id)
        .where(Programme.external_id == programme, Organisation.kind.in_(KINDS))
        .order_by(Organisation.external_id)
        .distinct()
    )
    return list(session.scalars(query))


def _past_event(
    session: Session,
    rng: Random,
    catalan: list[Organisation],
    korean: list[Organisation],
    member: int | None,
) -> int:
    """Barcelona, 14 October 2026: 36 + 36 participants, 18 slots of 20 minutes, 30 tables."""
    event = _event(
        session,
        PAST_EVENT,
        "Europe/Madrid",
        "Fira de Barcelona, Gran Via, Hall 8",
        "Catalan and Korean cluster members meet for 20-minute B2B meetings.",
    )
    zone = ZoneInfo("Europe/Madrid")
    _session(session, event, "Morning", datetime(2026, 10, 14, 9, 30, tzinfo=zone), 10)
    _session(session, event, "Afternoon", datetime(2026, 10, 14, 14, 30, tzinfo=zone), 8)
    operations.set_tables(session, event, 30, actor_id=None)
    chosen = _sample(rng, catalan, 36, must=member) + _sample(rng, korean, 36)
    registrations = _register(session, event, rng, chosen)
    _send_requests(session, rng, registrations, per_participant=(3, 7))
    operations.close_registration(session, event, actor_id=None)
    return event


def _upcoming_event(
    session: Session, rng: Random, catalan: list[Organisation], korean: list[Organisation]
) -> int:
    """Seoul, 20 April 2027: registration open, 24 participants and their first requests."""
    event = _event(
        session,
        UPCOMING_EVENT,
        "Asia/Seoul",
        "COEX, Seoul, Hall D",
        "Battery, mobility and hydrogen clusters from Korea and Europe.",
    )
    zone = ZoneInfo("Asia/Seoul")
    _session(session, event, "Morning", datetime(2027, 4, 20, 9, 0, tzinfo=zone), 8)
    _session(session, event, "Afternoon", datetime(2027, 4, 20, 13, 30, tzinfo=zone), 8)
    operations.set_tables(session, event, 20, actor_id=None)
    chosen = _sample(rng, korean, 12) + _sample(rng, catalan, 12)
    registrations = _register(session, event, rng, chosen)
    _send_requests(session, rng, registrations, per_participant=(0, 3), answer=False)
    return event


def _event(session: Session, name: str, timezone: str, venue: str, description: str) -> int:
    values = operations.EventInput(
        name=name,
        timezone=timezone,
        venue=venue,
        description=description,
        slot_minutes=20,
        max_meetings=10,
    )
    return operations.create_event(session, values, actor_id=None).id


def _session(session: Session, event: int, name: str, start: datetime, slots: int) -> None:
    operations.add_session(session, event, name, start, slots, actor_id=None)


def _sample(
    rng: Random, organisations: list[Organisation], count: int, must: int | None = None
) -> list[Organisation]:
    chosen = rng.sample(organisations, min(count, len(organisations)))
    if must is not None and all(o.id != must for o in chosen):
        extra = [o for o in organisations if o.id == must]
        chosen = extra + chosen[: count - len(extra)]
    return chosen


def _register(
    session: Session, event: int, rng: Random, organisations: Sequence[Organisation]
) -> list[int]:
    """Register and approve one representative per organisation; a few are unavailable for
    part of the day."""
    operations.open_registration(session, event, actor_id=None)
    ids = []
    for number, organisation in enumerate(organisations, 1):
        late = rng.random() < 0.15
        name, latin = _person(rng, organisation.country)
        values = operations.RegistrationInput(
            organisation_id=organisation.id,
            name=name,
            email=f"{slugify(latin)}.{number}.event{event}@{DEMO_DOMAIN}",
            offer=(organisation.offers or organisation.description or "")[:500] or None,
            looking_for=(organisation.needs or "")[:500] or None,
            unavailable=range(rng.randint(2, 5)) if late else (),
        )
        registration = operations.register(session, event, values, actor_id=None)
        operations.decide_registration(session, registration.id, True, actor_id=None)
        ids.append(registration.id)
    return ids


def _person(rng: Random, country: str | None) -> tuple[str, str]:
    """An invented representative's name, and its Latin spelling for the e-mail address."""
    if country == "KR":
        (surname, surname_latin), (given, given_latin) = (
            rng.choice(KOREAN_SURNAMES),
            rng.choice(KOREAN_GIVEN),
        )
        return f"{surname}{given} ({given_latin} {surname_latin})", f"{given_latin} {surname_latin}"
    name = f"{rng.choice(CATALAN_FIRST)} {rng.choice(CATALAN_SURNAMES)}"
    return name, name


def _send_requests(
    session: Session,
    rng: Random,
    registrations: list[int],
    per_participant: tuple[int, int],
    answer: bool = True,
) -> None:
    """Each participant asks to meet a few others (mostly from the other country: the first
    half of the list is one country, the second the other); most asked ones accept."""
    half = len(registrations) // 2
    sent: set[tuple[int, int]] = set()
    for index, requester in enumerate(registrations):
        abroad = registrations[half:] if index < half else registrations[:half]
        for requested in rng.sample(abroad, rng.randint(*per_participant)):
            if (requester, requested) in sent:
                continue
            priority = rng.choices((1, 2, 3), weights=(2, 5, 3))[0]
            request = operations.send_request(
                session, requester, requested, priority=priority, actor_id=None
            )
            sent.add((requester, requested))
            if answer and not request.mutual and (requested, requester) not in sent:
                accept = rng.random() < 0.85
                operations.respond_request(session, request.id, accept, actor_id=None)


def _schedule_and_publish(
    event: int, rng: Random, engine: Engine | None, time_limit: float
) -> None:
    """Run the optimiser (briefly: the demo needs a good schedule, not a proof), publish, and
    record what happened at each meeting."""
    try:
        operations.check_solver()
    except SchedulerUnavailable:
        return
    with transaction(engine) as session:
        job = operations.start_schedule_job(session, event, actor_id=None).id
    outcome = operations.run_schedule_job(job, engine=engine, time_limit=time_limit)
    if outcome.result is None:
        return
    with transaction(engine) as session:
        operations.publish(session, event, actor_id=None)
    with transaction(engine) as session:
        meetings = session.scalars(
            select(Meeting.id)
            .where(Meeting.event_id == event, Meeting.status == MeetingStatus.SCHEDULED)
            .order_by(Meeting.id)
        )
        outcomes = [o for o, _ in OUTCOMES]
        weights = [w for _, w in OUTCOMES]
        for meeting in list(meetings):
            held = rng.random() < 0.9
            result = rng.choices(outcomes, weights=weights)[0] if held else None
            operations.record_outcome(session, meeting, held, result, actor_id=None)
