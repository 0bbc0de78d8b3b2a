"""Selection + timetabling: one test per rule on 2-4 request instances worked out by hand, and
property tests on random tiny events against a brute-force search over every schedule."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbridge.core.errors import InvalidInput
from clusterbridge.events.scheduling import selection
from clusterbridge.events.scheduling.problem import Request, SelectionProblem, Session
from clusterbridge.events.scheduling.selection import (
    SelectionResult,
    check_selection,
    request_weight,
    solve_selection,
)
from clusterbridge.events.scheduling.selection_rules import prepare, selection_breaks

LIMIT = 5.0
"""Each test's solver time limit, in seconds (the instances solve in well under a second)."""


def tiny(
    requests: list[Request],
    slots: int = 2,
    tables: int = 5,
    morning: int | None = None,
    forbidden: tuple[frozenset[int], ...] = (),
    max_meetings: tuple[int | None, ...] = (),
    booths: tuple[int | None, ...] = (),
    fair_share: bool = True,
    fairness: int | None = None,
) -> SelectionProblem:
    people = 1 + max(p for r in requests for p in r.participants)
    morning = slots if morning is None else morning
    return SelectionProblem(
        "tiny",
        people,
        slots,
        morning,
        tables,
        tuple(requests),
        forbidden,
        max_meetings,
        booths,
        fair_share,
        fairness,
    )


def solved(problem: SelectionProblem) -> SelectionResult:
    result = solve_selection(problem, time_limit=LIMIT)
    assert result.status == "optimal", result
    assert check_selection(problem, result.slots) == []
    return result


def rank(
    problem: SelectionProblem,
    slots: Sequence[int | None],
    previous: Sequence[int | None] | None = None,
) -> tuple[int, ...]:
    """The objectives of ``slots`` in their order, larger better (as the docstring orders)."""
    key: list[int] = []
    if previous is not None:
        pairs = list(zip(previous, slots, strict=True))
        key.append(-sum(1 for b, s in pairs if b is not None and s is None))
        key.append(-sum(1 for b, s in pairs if b is not None and s != b))
    prepared = prepare(problem)
    if problem.fair_share:
        key.append(sum(1 for row in prepared.owned if any(slots[r] is not None for r in row)))
    key.append(sum(q.weight for q, s in zip(problem.requests, slots, strict=True) if s is not None))
    key.append(-sum(selection_breaks(prepared, slots)))
    return tuple(key)


def brute_force(
    problem: SelectionProblem, previous: Sequence[int | None] | None = None
) -> tuple[int, ...] | None:
    """The best ``rank`` over every valid schedule, None when there is none."""
    best: tuple[int, ...] | None = None
    choices = [None, *range(problem.slots)]
    for slots in itertools.product(choices, repeat=len(problem.requests)):
        if not check_selection(problem, slots):
            key = rank(problem, slots, previous)
            best = key if best is None or key > best else best
    return best


def test_request_weight_puts_every_mutual_request_above_every_one_sided_one() -> None:
    assert request_weight([1]) == 1
    assert request_weight([3]) == 3
    assert request_weight([1, 1]) == 5
    assert request_weight([3, 3]) == 9
    assert min(request_weight([a, b]) for a in (1, 2, 3) for b in (1, 2, 3)) > 3


@pytest.mark.parametrize("priorities", [[0], [4], [], [1, 2, 3]])
def test_request_weight_rejects_priorities_outside_one_to_three(priorities: list[int]) -> None:
    with pytest.raises(InvalidInput):
        request_weight(priorities)


def test_a_mutual_request_beats_a_one_sided_one() -> None:
    problem = tiny(
        [Request((0, 1), request_weight([3])), Request((0, 2), request_weight([1, 1]))],
        slots=1,
        fair_share=False,
    )
    assert solved(problem).slots == (None, 0)


def test_a_higher_priority_wins_the_last_slot() -> None:
    problem = tiny([Request((0, 1), request_weight([1])), Request((0, 2), request_weight([3]))], 1)
    result = solved(problem)
    assert result.slots == (None, 0)
    assert (result.weight, result.bound) == (3, 3)


def test_a_participant_gets_no_more_than_its_maximum_of_meetings() -> None:
    requests = [Request((0, 1), 2), Request((0, 2), 3), Request((0, 3), 1)]
    result = solved(tiny(requests, slots=3, max_meetings=(1,), fair_share=False))
    assert result.slots[0] is None
    assert result.slots[2] is None
    assert result.slots[1] is not None
    assert result.weight == 3


def test_fair_share_gives_a_meeting_to_the_participant_who_would_have_none() -> None:
    requests = [Request((0, 1), 9), Request((0, 2), 9), Request((2, 3), 1)]
    unfair = solved(tiny(requests, slots=2, tables=1, fair_share=False))
    assert unfair.weight == 18
    assert unfair.without_meeting == (3,)
    fair = solved(tiny(requests, slots=2, tables=1))
    assert fair.slots[2] is not None
    assert fair.without_meeting == ()
    assert fair.weight == 10


def test_a_fixed_request_is_held_in_its_slot() -> None:
    requests = [Request((0, 1), 1, fixed_slot=1), Request((0, 2), 9)]
    result = solved(tiny(requests, slots=2))
    assert result.slots == (1, 0)


def test_a_required_request_is_held_even_when_lighter() -> None:
    requests = [Request((0, 1), 1, required=True), Request((0, 2), 9)]
    result = solved(tiny(requests, slots=1))
    assert result.slots == (0, None)


def test_a_window_limits_a_request_to_its_slots() -> None:
    requests = [Request((0, 1), 1, window=(2, 3)), Request((0, 2), 1, session=Session.MORNING)]
    result = solved(tiny(requests, slots=4, morning=2))
    assert result.slots[0] == 2
    assert result.slots[1] == 1  # next to slot 2: no break


def test_forbidden_slots_are_never_used() -> None:
    requests = [Request((0, 1), 1), Request((0, 2), 1)]
    forbidden: tuple[frozenset[int], ...] = (frozenset(), frozenset({0}), frozenset({1}))
    result = solved(tiny(requests, slots=2, forbidden=forbidden))
    assert result.slots == (1, 0)


def test_meetings_without_a_booth_holder_share_the_tables_that_are_not_booths() -> None:
    # Two tables, one of them participant 4's booth: in the only slot, one meeting without
    # a booth holder fits, next to the booth holder's own meeting.
    requests = [Request((0, 1), 3), Request((2, 3), 2), Request((4, 5), 1)]
    problem = tiny(requests, slots=1, tables=2, booths=(None, None, None, None, 0))
    result = solved(problem)
    assert result.slots == (0, None, 0)
    assert check_selection(problem, (0, 0, None)) == [
        "slot 1 has 2 meetings without a booth for 1 tables that are not booths"
    ]


def test_a_fairness_bound_limits_the_breaks_of_one_participant() -> None:
    # Participant 0 can meet 1 only in slot 1 and 2 only in slot 3: a break. Participant 3
    # meets 4 with no break, so a spread of 0 allows only one of 0's meetings.
    forbidden: tuple[frozenset[int], ...] = (frozenset(), frozenset({1, 2}), frozenset({0, 1}))
    requests = [Request((0, 1), 3), Request((0, 2), 2), Request((3, 4), 1)]
    free = solved(tiny(requests, slots=3, forbidden=forbidden, fair_share=False))
    assert free.slots[:2] == (0, 2)
    assert free.breaks == 1
    fair = solved(tiny(requests, slots=3, forbidden=forbidden, fair_share=False, fairness=0))
    assert fair.slots[1] is None
    assert fair.breaks == 0
    assert fair.weight == 4


def test_breaks_are_minimised_once_the_weight_is_maximal() -> None:
    requests = [Request((0, 1), 1), Request((0, 2), 1), Request((3, 4), 1)]
    result = solved(tiny(requests, slots=3))
    first, second, _ = result.slots
    assert first is not None
    assert second is not None
    assert abs(first - second) == 1
    assert result.breaks == 0


def test_fixed_meetings_that_clash_are_infeasible_and_named() -> None:
    requests = [Request((0, 1), 1, fixed_slot=0), Request((0, 2), 1, fixed_slot=0)]
    result = solve_selection(tiny(requests, slots=2), time_limit=LIMIT)
    assert result.status == "infeasible"
    assert result.slots == (None, None)
    assert "fixed" in result.message


def test_required_meetings_that_cannot_fit_are_infeasible_and_named() -> None:
    requests = [Request((0, p), 1, required=True) for p in (1, 2, 3)]
    result = solve_selection(tiny(requests, slots=2), time_limit=LIMIT)
    assert result.status == "infeasible"
    assert "required" in result.message


def test_a_fixed_slot_forbidden_to_a_participant_is_named() -> None:
    requests = [Request((0, 1), 1, fixed_slot=1)]
    result = solve_selection(tiny(requests, forbidden=(frozenset({1}),)), time_limit=LIMIT)
    assert result.status == "infeasible"
    assert "request 1" in result.message


@pytest.mark.parametrize(
    "request_",
    [Request((0, 7)), Request((0, 0)), Request((0,)), Request((0, 1), fixed_slot=5)],
)
def test_malformed_requests_are_refused_with_a_message(request_: Request) -> None:
    problem = tiny([Request((0, 1)), Request((1, 2))], slots=2)
    bad = SelectionProblem("bad.csv", 3, 2, 2, 5, (*problem.requests, request_))
    with pytest.raises(InvalidInput, match="request 3"):
        solve_selection(bad, time_limit=LIMIT)


def test_check_selection_names_every_broken_rule() -> None:
    problem = tiny(
        [Request((0, 1), fixed_slot=0), Request((0, 2), required=True), Request((0, 3))],
        slots=2,
        tables=1,
        forbidden=(frozenset(), frozenset(), frozenset(), frozenset({1})),
        max_meetings=(1,),
    )
    broken = check_selection(problem, (1, None, 1))
    assert "request 1 is fixed to slot 1, not 2" in broken
    assert "request 2 is required but not held" in broken
    assert "request 3: slot 2 is forbidden to 4" in broken
    assert "slot 2 has 2 meetings for 1 tables" in broken
    assert "participant 1 has 2 meetings in slot 2" in broken
    assert "participant 1 has 2 meetings, more than its maximum 1" in broken


def test_progress_is_reported_from_start_to_end() -> None:
    seen: list[float] = []
    solve_selection(
        tiny([Request((0, 1)), Request((1, 2))]), LIMIT, progress=lambda f, _: seen.append(f)
    )
    assert seen[0] == 0.0
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


@pytest.mark.parametrize("fairness", [None, 1])
def test_the_large_event_path_returns_a_valid_schedule_within_its_bound(
    monkeypatch: pytest.MonkeyPatch, fairness: int | None
) -> None:
    monkeypatch.setattr(selection, "FULL_MODEL_LIMIT", 0)
    requests = [
        Request((a, b), 1 + (a * 7 + b) % 9, required=(a, b) == (0, 1))
        for a in range(12)
        for b in range(a + 1, 12)
        if (a + b) % 3
    ]
    problem = tiny(
        requests, slots=6, tables=4, max_meetings=(3, 2), booths=(None, 0), fairness=fairness
    )
    result = solve_selection(problem, time_limit=2, workers=1 if fairness else 2)
    assert result.status == "feasible"
    assert check_selection(problem, result.slots) == []
    assert result.slots[0] is not None
    assert 0 < result.weight <= result.bound
    assert result.without_meeting == ()


@st.composite
def events(draw: st.DrawFn) -> SelectionProblem:
    people = draw(st.integers(2, 4))
    slots = draw(st.integers(1, 3))
    pair = st.lists(st.integers(0, people - 1), min_size=2, max_size=2, unique=True)
    requests = []
    for _ in range(draw(st.integers(1, 4))):
        fixed = draw(st.sampled_from([None, None, None, *range(slots)]))
        requests.append(
            Request(
                tuple(draw(pair)),
                draw(st.integers(1, 9)),
                Session(draw(st.sampled_from([3, 3, 1, 2]))),
                fixed,
                required=draw(st.sampled_from([False, False, False, True])),
            )
        )
    forbidden = tuple(
        frozenset(draw(st.sets(st.integers(0, slots - 1), max_size=1))) for _ in range(people)
    )
    return SelectionProblem(
        "random",
        people,
        slots,
        draw(st.integers(0, slots)),
        draw(st.integers(1, 2)),
        tuple(requests),
        forbidden,
        tuple(draw(st.sampled_from([None, None, 1, 2])) for _ in range(people)),
        (draw(st.sampled_from([None, None, 0])),),
        draw(st.booleans()),
        draw(st.sampled_from([None, None, 0, 1])),
    )


@settings(max_examples=60, deadline=None)
@given(events())
def test_returned_schedules_are_valid_recounted_and_optimal(problem: SelectionProblem) -> None:
    result = solve_selection(problem, time_limit=LIMIT)
    expected = brute_force(problem)
    if expected is None:
        assert result.status == "infeasible"
        assert result.message
        return
    assert result.status == "optimal"
    assert check_selection(problem, result.slots) == []
    prepared = prepare(problem)
    assert result.breaks == sum(selection_breaks(prepared, result.slots))
    held = [q.weight for q, s in zip(problem.requests, result.slots, strict=True) if s is not None]
    assert result.weight == sum(held)
    assert result.weight <= result.bound
    assert rank(problem, result.slots) == expected
