"""A whole small event, end to end, with the real optimiser: registration, requests, a
scheduling run, publishing, agendas and the table plan, a cancellation, a participant's new
unavailability and a late participant (re-optimisation keeps published meetings in place), and
the outcomes cluster evaluation counts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from clusterbridge.core.db import transaction
from clusterbridge.events import models as m
from clusterbridge.events import operations as ops
from clusterbridge.events import queries
from tests.events import event_factory as make
from tests.events.test_planning import TIME_LIMIT, close, run

SESSIONS = (("Morning", make.DAY_1, 3), ("Afternoon", make.DAY_1_AFTERNOON, 3))


def _published(event_id: int) -> dict[frozenset[str], tuple[int, int]]:
    """Published meetings by the pair of names: (meeting id, slot)."""
    with transaction() as session:
        rows = queries.meetings(session, event_id)
    return {
        frozenset((r.requester.split(" (")[0], r.requested.split(" (")[0])): (r.id, r.slot)
        for r in rows
    }


def _publish(event_id: int) -> ops.PublishSummary:
    with transaction() as session:
        return ops.publish(session, event_id, actor_id=None)


def test_a_small_event_from_registration_to_outcomes(engine: Engine) -> None:
    korea, acme, beta, gamma, delta = make.organisations(
        "Korea Battery Co.", "Acme Cells", "Beta Recycling", "Gamma Labs", "Delta Motors"
    )
    event_id = make.event(sessions=SESSIONS, tables=2)
    jiho = make.participant(event_id, korea, "Ji-ho Park", offer="LFP cells")
    ana = make.participant(event_id, acme, "Ana Lima")
    ben = make.participant(event_id, beta, "Ben Roy", offer="black mass recycling")
    cleo = make.participant(event_id, gamma, "Cleo Diaz")
    make.participant(event_id, delta, "Declined Person", approve=False)

    with transaction() as session:
        found = queries.participants(session, event_id, "recycling")
    assert [p.name for p in found] == ["Ben Roy"]

    make.request(jiho, ana, priority=3)
    make.request(ana, jiho, priority=2)  # mutual
    make.request(jiho, ben)
    make.request(ben, cleo, priority=1)
    make.request(ana, ben, priority=1)
    make.request(cleo, jiho, accept=False)  # pending: not scheduled
    close(event_id)

    first = run(event_id)
    assert first.status is m.JobStatus.DONE, first.message
    assert first.result is not None
    assert first.result["status"] == "optimal"
    assert first.result["meetings"] == first.result["requested"] == 4
    summary = _publish(event_id)
    assert (summary.meetings, summary.added) == (4, 4)
    published = _published(event_id)
    assert set(published) == {
        frozenset(p) for p in (("Ji-ho Park", "Ana Lima"), ("Ji-ho Park", "Ben Roy"),
                               ("Ben Roy", "Cleo Diaz"), ("Ana Lima", "Ben Roy"))
    }  # fmt: skip

    with transaction() as session:
        agenda = queries.agenda(session, jiho)
    assert (agenda.participant, agenda.organisation, agenda.timezone) == (
        "Ji-ho Park",
        "Korea Battery Co.",
        "Europe/Brussels",
    )
    assert [i.counterparts for i in agenda.items] in (
        [("Ana Lima (Acme Cells)",), ("Ben Roy (Beta Recycling)",)],
        [("Ben Roy (Beta Recycling)",), ("Ana Lima (Acme Cells)",)],
    )
    for item in agenda.items:
        assert item.starts_at.utcoffset() == timedelta(hours=1)  # CET, the venue's time
        assert item.ends_at - item.starts_at == timedelta(minutes=20)
        assert item.uid.endswith(f"@{event_id}.clusterbridge")
        assert item.table in ("Table 1", "Table 2")
    assert agenda.items[0].starts_at < agenda.items[1].starts_at

    with transaction() as session:
        plan = queries.table_plan(session, event_id)
    assert len(plan.rows) == 4
    assert [r.slot for r in plan.rows] == sorted(r.slot for r in plan.rows)
    assert all(1 <= r.slot <= 6 for r in plan.rows)
    assert len({(r.slot, r.table) for r in plan.rows}) == 4

    # Ben withdraws his request to Cleo: the meeting leaves both agendas at once.
    with transaction() as session:
        ben_to_cleo = queries.requests_for(session, ben).sent
        cancelled = next(r.id for r in ben_to_cleo if r.counterpart == "Cleo Diaz")
        ops.cancel_request(session, cancelled, requester_id=ben, actor_id=None)
    with transaction() as session:
        assert queries.agenda(session, cleo).items == ()
    assert frozenset(("Ben Roy", "Cleo Diaz")) not in _published(event_id)

    # Ana can no longer come in the slot of her meeting with Ji-ho: exactly that one moves.
    kept = _published(event_id)
    jiho_ana = frozenset(("Ji-ho Park", "Ana Lima"))
    with transaction() as session:
        ops.update_registration(session, ana, {"unavailable": [kept[jiho_ana][1]]}, actor_id=None)
    again = run(event_id)
    assert again.status is m.JobStatus.DONE, again.message
    assert again.result is not None
    assert (again.result["moved"], again.result["dropped"], again.result["meetings"]) == (1, 0, 3)
    summary = _publish(event_id)
    assert (summary.meetings, summary.added, summary.moved, summary.cancelled) == (3, 0, 1, 0)
    after = _published(event_id)
    assert after[jiho_ana][0] == kept[jiho_ana][0]  # same row, same calendar entry
    assert after[jiho_ana][1] != kept[jiho_ana][1]
    assert {k: v for k, v in after.items() if k != jiho_ana} == {
        k: v for k, v in kept.items() if k != jiho_ana
    }

    # A late participant: registration reopens, Dan registers and meets Cleo; nothing moves.
    with transaction() as session:
        ops.open_registration(session, event_id, actor_id=None)
    dan = make.participant(event_id, delta, "Dan Wu")
    make.request(dan, cleo, priority=3)
    close(event_id)
    late = run(event_id)
    assert late.result is not None
    assert (late.result["moved"], late.result["meetings"]) == (0, 4)
    summary = _publish(event_id)
    assert (summary.meetings, summary.added, summary.moved) == (4, 1, 0)
    assert {k: v for k, v in _published(event_id).items() if "Dan Wu" not in k} == after

    # Outcomes, for cluster evaluation.
    ids = {k: v[0] for k, v in _published(event_id).items()}
    with transaction() as session:
        ops.record_outcome(
            session, ids[jiho_ana], True, m.MeetingOutcome.AGREEMENT_SIGNED, actor_id=None
        )
        ops.record_outcome(
            session,
            ids[frozenset(("Ji-ho Park", "Ben Roy"))],
            True,
            m.MeetingOutcome.FOLLOW_UP,
            actor_id=None,
        )
        ops.record_outcome(
            session,
            ids[frozenset(("Ana Lima", "Ben Roy"))],
            False,
            note="Ben was ill",
            actor_id=None,
        )
    with transaction() as session:
        outcomes = queries.outcome_summary(session, event_id)
        counts = queries.held_meeting_counts(session, year=2027)
    assert outcomes.meetings == 4
    assert outcomes.by_status == {
        m.MeetingStatus.HELD: 2,
        m.MeetingStatus.NOT_HELD: 1,
        m.MeetingStatus.SCHEDULED: 1,
    }
    assert outcomes.by_outcome == {
        m.MeetingOutcome.AGREEMENT_SIGNED: 1,
        m.MeetingOutcome.FOLLOW_UP: 1,
    }
    assert outcomes.not_recorded == 1
    assert {(c.organisation_id, c.held, c.agreements) for c in counts} == {
        (korea, 2, 1),
        (acme, 1, 1),
        (beta, 1, 0),
    }
    assert {c.year for c in counts} == {2027}
    with transaction() as session:
        assert queries.held_meeting_counts(session, year=2026) == []
    assert TIME_LIMIT <= 5
