"""The generated variants: deterministic for a seed, the asked share, consistent with the known
timetable they are drawn from (so fixed meetings and precedences keep the instance feasible)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from clusterbridge.core.errors import InvalidInput
from clusterbridge.events.scheduling.problem import Meeting, Session, Timetabling
from clusterbridge.events.scheduling.schedule import check_schedule, count_breaks
from clusterbridge.events.scheduling.timetabling import solve_timetabling
from clusterbridge.events.scheduling.variants import (
    with_fixed,
    with_forbidden,
    with_precedences,
)


def event(seed: int = 0) -> tuple[Timetabling, list[int]]:
    """40 meetings of 12 participants in 8 slots (4 in the morning), built from a timetable
    that is returned with it: five meetings per slot, some bound to their session."""
    rng = random.Random(seed)
    meetings, timetable = [], []
    for slot in range(8):
        present = rng.sample(range(12), 10)
        for a, b in zip(present[::2], present[1::2], strict=True):
            session = Session.ANY
            if rng.random() < 0.3:
                session = Session.MORNING if slot < 4 else Session.AFTERNOON
            meetings.append(Meeting((a, b), session))
            timetable.append(slot)
    problem = Timetabling("event", 12, 8, 4, 6, tuple(meetings), fairness=None)
    assert check_schedule(problem, timetable) == []
    return problem, timetable


def added_pairs(before: Timetabling, after: Timetabling) -> set[tuple[int, int]]:
    return {
        (person, slot)
        for person in range(after.participants)
        for slot in after.forbidden_for(person) - before.forbidden_for(person)
    }


def test_forbidden_slots_are_the_share_of_pairs_and_the_same_for_a_seed() -> None:
    problem, _ = event()
    first = with_forbidden(problem, 0.1, seed=7)
    assert len(added_pairs(problem, first)) == round(0.1 * 12 * 8)
    assert first == with_forbidden(problem, 0.1, seed=7)
    assert added_pairs(problem, first) != added_pairs(problem, with_forbidden(problem, 0.1, 8))
    assert first.meetings == problem.meetings
    assert first.name == "event+forbidden-10%"


def test_a_larger_share_forbids_what_the_smaller_one_does_and_more() -> None:
    problem, _ = event()
    small = added_pairs(problem, with_forbidden(problem, 0.05, seed=3))
    large = added_pairs(problem, with_forbidden(problem, 0.15, seed=3))
    assert small < large


def test_forbidden_slots_leave_every_participant_room_for_its_meetings() -> None:
    meetings = [Meeting((0, 1)), Meeting((0, 2), Session.MORNING), Meeting((0, 3))]
    problem = Timetabling("star", 4, 3, 2, 3, tuple(meetings), fairness=None)
    variant = with_forbidden(problem, 1.0, seed=1)
    assert variant.forbidden_for(0) == frozenset()  # three meetings in three slots
    assert all(len(variant.forbidden_for(p)) == 2 for p in (1, 3))
    assert variant.forbidden_for(2) in ({1, 2}, {0, 2})  # keeps one morning slot


def test_forbidden_slots_drawn_around_a_timetable_keep_it_valid() -> None:
    problem, timetable = event(1)
    variant = with_forbidden(problem, 0.1, seed=2, solution=timetable)
    assert len(added_pairs(problem, variant)) == round(0.1 * 12 * 8)
    assert check_schedule(variant, timetable) == []
    everything = with_forbidden(problem, 1.0, seed=2, solution=timetable)
    assert len(added_pairs(problem, everything)) == 12 * 8 - 2 * len(timetable)  # idle pairs
    assert check_schedule(everything, timetable) == []


def test_fixed_meetings_take_their_slot_in_the_known_timetable() -> None:
    problem, timetable = event(2)
    variant = with_fixed(problem, 0.25, seed=5, solution=timetable)
    fixed = {m: v.fixed_slot for m, v in enumerate(variant.meetings) if v.fixed_slot is not None}
    assert len(fixed) == 10
    assert all(timetable[m] == slot for m, slot in fixed.items())
    assert check_schedule(variant, timetable) == []
    assert variant == with_fixed(problem, 0.25, seed=5, solution=timetable)
    larger = with_fixed(problem, 0.5, seed=5, solution=timetable)
    assert set(fixed) < {m for m, v in enumerate(larger.meetings) if v.fixed_slot is not None}


def test_precedences_order_meetings_of_one_participant_as_the_timetable_does() -> None:
    problem, timetable = event(3)
    variant = with_precedences(problem, 0.25, seed=4, solution=timetable)
    pairs = [(e, m) for m, v in enumerate(variant.meetings) for e in v.after]
    assert len(pairs) == 10
    assert len({m for _, m in pairs}) == 10  # one new precedence per chosen meeting
    for earlier, later in pairs:
        shared = set(problem.meetings[earlier].participants)
        assert shared & set(problem.meetings[later].participants)
        assert timetable[earlier] < timetable[later]
    assert check_schedule(variant, timetable) == []
    assert variant == with_precedences(problem, 0.25, seed=4, solution=timetable)


def test_precedences_without_a_timetable_have_no_cycle() -> None:
    problem, _ = event(4)
    variant = with_precedences(problem, 1.0, seed=9, solution=None)
    waiting = {m: set(v.after) for m, v in enumerate(variant.meetings)}
    assert sum(map(len, waiting.values())) > 20
    while waiting:  # peel meetings whose predecessors are all placed
        ready = {m for m, before in waiting.items() if not before & waiting.keys()}
        assert ready, "a cycle of precedences"
        waiting = {m: before for m, before in waiting.items() if m not in ready}


def test_an_invalid_known_timetable_or_share_is_refused() -> None:
    problem, timetable = event(5)
    clash = [0] * len(timetable)
    with pytest.raises(InvalidInput, match="known timetable"):
        with_fixed(problem, 0.2, seed=1, solution=clash)
    with pytest.raises(InvalidInput, match="share"):
        with_precedences(problem, 1.5, seed=1, solution=timetable)


def test_variants_of_a_solved_instance_stay_feasible_and_no_worse() -> None:
    problem, _ = event(6)
    problem = Timetabling(
        "tight", 12, 8, 4, 5, problem.meetings[:30], fairness=2
    )  # fewer tables, fairness on
    known = solve_timetabling(problem, time_limit=5)
    assert known.status in ("optimal", "feasible")
    slots = [s for s in known.slots if s is not None]
    for variant in (
        with_fixed(problem, 0.4, seed=1, solution=slots),
        with_precedences(problem, 0.25, seed=1, solution=slots),
        with_forbidden(problem, 0.1, seed=1, solution=slots),
    ):
        assert check_schedule(variant, slots) == []
        result = solve_timetabling(variant, time_limit=5)
        assert result.status in ("optimal", "feasible")
        assert check_schedule(variant, result.slots) == []
        assert result.total_breaks is not None
        assert result.total_breaks <= sum(count_breaks(problem, slots))


def test_counts_per_participant_are_unchanged_by_variants() -> None:
    problem, timetable = event(7)
    before = Counter(p for m in problem.meetings for p in m.participants)
    for variant in (
        with_fixed(problem, 0.4, seed=2, solution=timetable),
        with_precedences(problem, 0.4, seed=2, solution=timetable),
    ):
        assert Counter(p for m in variant.meetings for p in m.participants) == before
