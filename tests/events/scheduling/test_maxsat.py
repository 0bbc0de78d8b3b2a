"""The MaxSAT encoding: one small hand-checked instance per constraint, a brute-force comparison
on random tiny instances, and the published optima on two real instances."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbridge.events.scheduling.maxsat import (
    MaxSatResult,
    MaxSatStatus,
    solve_maxsat,
)
from clusterbridge.events.scheduling.maxsat_encoding import encode
from clusterbridge.events.scheduling.maxsat_symmetry import (
    interchangeable_meetings,
    mirror_image_allowed,
)
from clusterbridge.events.scheduling.problem import Meeting, Session, Timetabling
from clusterbridge.events.scheduling.schedule import count_breaks
from tests.conftest import shared_data

LIMIT = 60.0


def problem(
    meetings: list[Meeting],
    participants: int,
    slots: int,
    *,
    morning: int | None = None,
    tables: int = 10,
    forbidden: tuple[frozenset[int], ...] = (),
    fairness: int | None = None,
) -> Timetabling:
    return Timetabling(
        name="test",
        participants=participants,
        slots=slots,
        morning_slots=slots if morning is None else morning,
        tables=tables,
        meetings=tuple(meetings),
        forbidden=forbidden,
        fairness=fairness,
    )


def pair(a: int, b: int, **details: object) -> Meeting:
    return Meeting((a, b), **details)  # type: ignore[arg-type]


def optimal(timetabling: Timetabling) -> MaxSatResult:
    result = solve_maxsat(timetabling, LIMIT)
    assert result.status is MaxSatStatus.OPTIMAL
    assert result.slots is not None
    assert valid(timetabling, result.slots)
    assert result.breaks == sum(breaks_per_participant(timetabling, result.slots))
    return result


def test_a_participant_attends_one_meeting_per_slot() -> None:
    result = optimal(problem([pair(0, 1), pair(0, 2)], participants=3, slots=2))
    assert sorted(result.slots or ()) == [0, 1]
    assert result.breaks == 0


def test_three_meetings_of_one_participant_do_not_fit_two_slots() -> None:
    clash = problem([pair(0, 1), pair(0, 2), pair(0, 3)], participants=4, slots=2)
    assert solve_maxsat(clash, LIMIT).status is MaxSatStatus.INFEASIBLE


def test_tables_limit_meetings_per_slot() -> None:
    result = optimal(problem([pair(0, 1), pair(2, 3)], participants=4, slots=2, tables=1))
    assert sorted(result.slots or ()) == [0, 1]
    crowded = problem([pair(0, 1), pair(2, 3), pair(4, 5)], participants=6, slots=2, tables=1)
    assert solve_maxsat(crowded, LIMIT).status is MaxSatStatus.INFEASIBLE


def test_sessions_keep_meetings_in_the_morning_or_afternoon() -> None:
    meetings = [pair(0, 1, session=Session.MORNING), pair(0, 2, session=Session.AFTERNOON)]
    result = optimal(problem(meetings, participants=3, slots=3, morning=2))
    # the afternoon is slot 2 alone; the morning meeting joins it without a gap in slot 1
    assert result.slots == (1, 2)
    assert result.breaks == 0


def test_forbidden_slots_can_force_a_break() -> None:
    forbidden = (frozenset({1}),)
    result = optimal(problem([pair(0, 1), pair(0, 2)], 3, slots=3, forbidden=forbidden))
    assert sorted(result.slots or ()) == [0, 2]
    assert result.breaks == 1


def test_fixed_slots_are_kept() -> None:
    meetings = [pair(0, 1, fixed_slot=0), pair(0, 2, fixed_slot=2)]
    result = optimal(problem(meetings, participants=3, slots=3))
    assert result.slots == (0, 2)
    assert result.breaks == 1


def test_a_meeting_follows_its_predecessors() -> None:
    result = optimal(problem([pair(0, 1, after=(1,)), pair(0, 2)], participants=3, slots=2))
    assert result.slots == (1, 0)
    cycle = [pair(0, 1, after=(1,)), pair(0, 2, after=(0,))]
    assert solve_maxsat(problem(cycle, 3, slots=3), LIMIT).status is MaxSatStatus.INFEASIBLE


@pytest.mark.parametrize(("fairness", "breaks"), [(None, 2), (1, 2), (0, 4)])
def test_fairness_bounds_the_spread_of_break_counts(fairness: int | None, breaks: int) -> None:
    # Participants 0 and 1 meet twice and may not use slot 1: one break each. Participants 2
    # and 3 meet twice too and could meet back to back, unless every count must be equal.
    meetings = [pair(0, 1), pair(0, 1), pair(2, 3), pair(2, 3)]
    forbidden = (frozenset({1}), frozenset({1}))
    timetabling = problem(meetings, participants=4, slots=3, forbidden=forbidden, fairness=fairness)
    assert optimal(timetabling).breaks == breaks


def test_fairness_counts_participants_without_breaks() -> None:
    # participant 0 cannot avoid a break; 1 and 2 have one meeting each, hence no break
    forbidden = (frozenset({1}),)
    strict = problem([pair(0, 1), pair(0, 2)], 3, slots=3, forbidden=forbidden, fairness=0)
    assert solve_maxsat(strict, LIMIT).status is MaxSatStatus.INFEASIBLE
    loose = problem([pair(0, 1), pair(0, 2)], 3, slots=3, forbidden=forbidden, fairness=1)
    assert optimal(loose).breaks == 1


@pytest.mark.parametrize(("fixed", "breaks"), [((0, 2, 4), 2), ((0, 3, 4), 1), ((2, 3, 4), 0)])
def test_a_break_is_a_gap_between_two_meetings(fixed: tuple[int, ...], breaks: int) -> None:
    meetings = [pair(0, n + 1, fixed_slot=slot) for n, slot in enumerate(fixed)]
    timetabling = problem(meetings, participants=4, slots=6)
    assert optimal(timetabling).breaks == breaks
    assert sum(count_breaks(timetabling, fixed)) == breaks


def test_meetings_with_one_off_partners_are_interchangeable() -> None:
    # participant 0 meets 1, 2 and 3, who have no other meeting; 4 and 5 meet 0 and each other
    meetings = [pair(0, 1), pair(0, 2), pair(0, 3), pair(0, 4), pair(4, 5), pair(0, 5)]
    timetabling = problem(meetings, participants=6, slots=6)
    encoding = encode(timetabling)
    assert interchangeable_meetings(timetabling, encoding.domains, encoding.agendas) == [
        (0, 1),
        (1, 2),
    ]
    assert mirror_image_allowed(timetabling, encoding.domains)
    lopsided = problem(meetings, participants=6, slots=6, forbidden=(frozenset({0}),))
    assert not mirror_image_allowed(lopsided, encode(lopsided).domains)
    assert optimal(timetabling).breaks == 0


def test_a_time_limit_that_passes_reports_unknown_or_a_schedule() -> None:
    timetabling = problem([pair(0, 1), pair(0, 2)], participants=3, slots=2)
    result = solve_maxsat(timetabling, 0.0)
    assert result.status in (MaxSatStatus.UNKNOWN, MaxSatStatus.FEASIBLE)
    assert result.seconds < 5


# --- brute force on random tiny instances ---------------------------------------------------


def valid(timetabling: Timetabling, slots: tuple[int, ...]) -> bool:
    """Every rule of the problem, checked directly on a slot assignment."""
    seen: set[tuple[int, int]] = set()
    for number, (meeting, slot) in enumerate(zip(timetabling.meetings, slots, strict=True)):
        morning = slot < timetabling.morning_slots
        if (meeting.session is Session.MORNING and not morning) or (
            meeting.session is Session.AFTERNOON and morning
        ):
            return False
        if meeting.fixed_slot is not None and meeting.fixed_slot != slot:
            return False
        if any(slots[first] >= slots[number] for first in meeting.after):
            return False
        for participant in meeting.participants:
            if slot in timetabling.forbidden_for(participant) or (participant, slot) in seen:
                return False
            seen.add((participant, slot))
    if any(slots.count(slot) > timetabling.tables for slot in set(slots)):
        return False
    return fair(timetabling, slots)


def fair(timetabling: Timetabling, slots: tuple[int, ...]) -> bool:
    if timetabling.fairness is None:
        return True
    counts = breaks_per_participant(timetabling, slots)
    return max(counts) - min(counts) <= timetabling.fairness


def breaks_per_participant(timetabling: Timetabling, slots: tuple[int, ...]) -> list[int]:
    """Counted here independently of the code under test: gaps between consecutive busy slots."""
    counts = []
    for participant in range(timetabling.participants):
        taken = sorted(
            slot
            for meeting, slot in zip(timetabling.meetings, slots, strict=True)
            if participant in meeting.participants
        )
        counts.append(sum(1 for a, b in itertools.pairwise(taken) if b > a + 1))
    return counts


def brute_force(timetabling: Timetabling) -> int | None:
    """The least total number of breaks over every slot assignment, or None if none is valid."""
    best = None
    for slots in itertools.product(range(timetabling.slots), repeat=len(timetabling.meetings)):
        if valid(timetabling, slots):
            breaks = sum(breaks_per_participant(timetabling, slots))
            best = breaks if best is None else min(best, breaks)
    return best


@st.composite
def tiny_problems(draw: st.DrawFn) -> Timetabling:
    participants = draw(st.integers(2, 4))
    slots = draw(st.integers(2, 4))
    people = st.integers(0, participants - 1)
    meetings = []
    for number in range(draw(st.integers(1, 4))):
        a = draw(people)
        b = draw(people.filter(lambda other, a=a: other != a))
        meetings.append(
            Meeting(
                (a, b),
                session=draw(st.sampled_from(Session)),
                fixed_slot=draw(st.none() | st.integers(0, slots - 1)),
                after=tuple(draw(st.sets(st.integers(0, number - 1), max_size=1)))
                if number
                else (),
            )
        )
    slot_sets = st.frozensets(st.integers(0, slots - 1), max_size=2)
    return problem(
        meetings,
        participants,
        slots,
        morning=draw(st.integers(0, slots)),
        tables=draw(st.integers(1, 3)),
        forbidden=tuple(draw(st.lists(slot_sets, max_size=participants))),
        fairness=draw(st.none() | st.integers(0, 2)),
    )


@settings(max_examples=200, deadline=None)
@given(tiny_problems())
def test_maxsat_optimum_equals_the_brute_force_optimum(timetabling: Timetabling) -> None:
    expected = brute_force(timetabling)
    result = solve_maxsat(timetabling, LIMIT)
    if expected is None:
        assert result.status is MaxSatStatus.INFEASIBLE
    else:
        assert result.status is MaxSatStatus.OPTIMAL
        assert result.slots is not None
        assert valid(timetabling, result.slots)
        assert result.breaks == expected


# --- published instances ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "published"), [("tic-12", 0), ("ticf-13crafc", 1)])
def test_published_optimum_is_reproduced(name: str, published: int) -> None:
    from clusterbridge.events.scheduling.dzn import read_dzn

    path = shared_data("b2b-meetings", f"{name}.original.dzn")
    result = optimal(read_dzn(path, fairness=2))
    assert result.breaks == published
