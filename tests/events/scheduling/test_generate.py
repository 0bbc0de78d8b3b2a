"""The large-event generator: deterministic, the sizes asked for, realistic shares, and valid
for the selection solver; and the changed event for re-optimisation."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest

from clusterbridge.core.errors import InvalidInput
from clusterbridge.events.scheduling.generate import (
    carried_over,
    change_requests,
    generate_event,
)
from clusterbridge.events.scheduling.problem import SelectionProblem
from clusterbridge.events.scheduling.selection import check_selection


@pytest.fixture(scope="module")
def event() -> SelectionProblem:
    return generate_event(2_000, 10_000, slots=32, days=2, tables=350, seed=5)


def test_the_same_seed_gives_the_same_event() -> None:
    assert generate_event(300, 1_200, seed=3) == generate_event(300, 1_200, seed=3)
    assert generate_event(300, 1_200, seed=3) != generate_event(300, 1_200, seed=4)


def test_the_event_has_the_sizes_asked_for(event: SelectionProblem) -> None:
    assert (event.participants, len(event.requests), event.slots, event.tables) == (
        2_000,
        10_000,
        32,
        350,
    )
    assert event.morning_slots == 16  # the end of day 1
    assert len(event.forbidden) == len(event.max_meetings) == len(event.booths) == 2_000


def test_every_request_is_a_new_pair_of_two_participants(event: SelectionProblem) -> None:
    pairs = [frozenset(q.participants) for q in event.requests]
    assert all(len(pair) == 2 for pair in pairs)
    assert len(set(pairs)) == len(pairs)
    assert check_selection(event, [None] * len(event.requests)) == []


def test_a_quarter_of_requests_are_mutual_and_priorities_lean_to_two(
    event: SelectionProblem,
) -> None:
    weights = Counter(q.weight for q in event.requests)
    mutual = sum(count for weight, count in weights.items() if weight >= 5)
    assert 0.2 <= mutual / len(event.requests) <= 0.3
    assert weights[2] > weights[1] + weights[3] - 1_000
    assert weights[2] > max(weights[1], weights[3])
    assert set(weights) <= {1, 2, 3, 5, 6, 7, 8, 9}


def test_popularity_has_a_heavy_tail(event: SelectionProblem) -> None:
    involved = Counter(p for q in event.requests for p in q.participants)
    assert max(involved.values()) >= 5 * statistics.median(involved.values())
    top = sorted(involved.values(), reverse=True)[: event.participants // 10]
    assert sum(top) >= 0.2 * 2 * len(event.requests)  # a tenth of participants, a fifth of seats


def test_requests_exceed_what_participants_accept(event: SelectionProblem) -> None:
    involved = Counter(p for q in event.requests for p in q.participants)
    over = [p for p, count in involved.items() if count > event.max_meetings_of(p)]
    assert len(over) >= 0.1 * event.participants
    limits = Counter(event.max_meetings_of(p) for p in range(event.participants))
    assert sum(limits[k] for k in range(8, 17)) >= 0.7 * event.participants


def test_availability_has_gaps_but_everybody_can_meet(event: SelectionProblem) -> None:
    gaps = [len(event.forbidden_for(p)) for p in range(event.participants)]
    assert sum(1 for g in gaps if g == 16) >= 0.05 * event.participants  # a day skipped
    assert sum(1 for g in gaps if 0 < g < 16) >= 0.1 * event.participants
    assert all(g < event.slots for g in gaps)


def test_exhibitors_keep_a_booth_of_their_own(event: SelectionProblem) -> None:
    booths = [b for b in event.booths if b is not None]
    assert len(booths) == 20
    assert len(set(booths)) == len(booths)
    assert all(0 <= b < event.tables for b in booths)


def test_longer_fairs_have_more_days_skipped() -> None:
    fair = generate_event(1_000, 5_000, slots=100, days=4, tables=300, seed=1)
    present = [fair.slots - len(fair.forbidden_for(p)) for p in range(fair.participants)]
    assert statistics.median(present) <= 50
    assert min(present) > 0


def test_about_the_fraction_asked_for_changes(event: SelectionProblem) -> None:
    changed, mapping = change_requests(event, 0.01, seed=2)
    assert len(mapping) == len(changed.requests)
    kept = [old for old in mapping if old is not None]
    added = len(mapping) - len(kept)
    cancelled = len(event.requests) - len(kept)
    assert (cancelled, added) == (50, 50)
    for new, old in enumerate(mapping):
        if old is not None:
            assert changed.requests[new] == event.requests[old]
    old_pairs = {frozenset(q.participants) for q in event.requests}
    assert all(frozenset(q.participants) not in old_pairs for q in changed.requests[-added:])
    assert check_selection(changed, [None] * len(changed.requests)) == []


def test_one_participant_arrives_late(event: SelectionProblem) -> None:
    changed, _ = change_requests(event, 0.01, seed=2)
    later = [
        p for p in range(event.participants) if changed.forbidden_for(p) != event.forbidden_for(p)
    ]
    assert len(later) == 1
    (late,) = later
    lost = changed.forbidden_for(late) - event.forbidden_for(late)
    assert len(lost) == 4
    assert max(lost) < min(set(range(event.slots)) - changed.forbidden_for(late))


def test_published_slots_carry_over_to_the_changed_event() -> None:
    assert carried_over([2, None, 0], [5, None, 7]) == (7, None, 5)


@pytest.mark.parametrize(
    ("sizes", "message"),
    [
        ((1, 0), "two or more participants"),
        ((4, 7), "4 participants cannot make 7 distinct requests"),
        ((10, 5, 3, 4), "3 slots cannot be spread over 4 days"),
    ],
)
def test_impossible_sizes_are_refused(sizes: tuple[int, ...], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        generate_event(*sizes)


def test_changes_need_room_for_new_pairs() -> None:
    every_pair = generate_event(3, 3, slots=8, days=1, tables=2)
    with pytest.raises(InvalidInput, match="no room for 3 new requests"):
        change_requests(every_pair, 1.0)


def test_a_one_day_event_has_gaps_within_the_day() -> None:
    day = generate_event(400, 1_500, slots=16, days=1, tables=60, seed=2)
    assert day.morning_slots == 8
    gaps = [len(day.forbidden_for(p)) for p in range(day.participants)]
    assert 0 < sum(1 for g in gaps if g) < day.participants
    assert check_selection(day, [None] * len(day.requests)) == []
