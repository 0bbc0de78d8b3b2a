"""Property tests: on random small instances every returned timetable is valid, its reported
breaks equal a recount, and its optimum equals a brute-force search over all timetables."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbridge.events.scheduling.problem import Meeting, Session, Timetabling
from clusterbridge.events.scheduling.schedule import check_schedule, count_breaks
from clusterbridge.events.scheduling.timetabling import solve_timetabling


@st.composite
def instances(draw: st.DrawFn) -> Timetabling:
    people = draw(st.integers(2, 4))
    slots = draw(st.integers(2, 4))
    morning = draw(st.integers(0, slots))
    pair = st.lists(st.integers(0, people - 1), min_size=2, max_size=2, unique=True)
    count = draw(st.integers(1, 4))
    meetings = []
    for index in range(count):
        fixed = (
            draw(st.one_of(st.none(), st.integers(0, slots - 1))) if draw(st.booleans()) else None
        )
        after = tuple(draw(st.sets(st.integers(0, count - 1), max_size=1)) - {index})
        session = Session(draw(st.sampled_from([3, 3, 1, 2])))
        meetings.append(Meeting(tuple(draw(pair)), session, fixed, after))
    forbidden = tuple(
        frozenset(draw(st.sets(st.integers(0, slots - 1), max_size=1))) for _ in range(people)
    )
    tables = draw(st.integers(1, 3))
    fairness = draw(st.sampled_from([None, 0, 1, 2]))
    return Timetabling(
        "random", people, slots, morning, tables, tuple(meetings), forbidden, fairness
    )


def brute_force(problem: Timetabling) -> int | None:
    """The fewest total breaks over every valid timetable, None when there is none."""
    best: int | None = None
    for slots in itertools.product(range(problem.slots), repeat=len(problem.meetings)):
        if not check_schedule(problem, slots):
            total = sum(count_breaks(problem, slots))
            best = total if best is None else min(best, total)
    return best


@settings(max_examples=150, deadline=None)
@given(instances())
def test_returned_schedules_are_valid_optimal_and_recounted(problem: Timetabling) -> None:
    result = solve_timetabling(problem, time_limit=10, diagnose=False)
    expected = brute_force(problem)
    if expected is None:
        assert result.status == "infeasible"
        return
    assert result.status == "optimal"
    assert check_schedule(problem, result.slots) == []
    recount = count_breaks(problem, result.slots)
    assert list(result.breaks) == recount
    assert result.total_breaks == sum(recount) == expected
    assert result.bound == expected


@settings(max_examples=60, deadline=None)
@given(instances())
def test_plain_model_finds_the_same_optimum(problem: Timetabling) -> None:
    result = solve_timetabling(problem, time_limit=10, plain=True, diagnose=False)
    expected = brute_force(problem)
    if expected is None:
        assert result.status == "infeasible"
    else:
        assert result.status == "optimal"
        assert check_schedule(problem, result.slots) == []
        assert result.total_breaks == expected
