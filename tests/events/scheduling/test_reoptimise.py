"""Re-optimisation: a published schedule changes as little as its new inputs allow, on hand-made
events, on the large-event path, and against a brute force on random tiny events."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbridge.core.errors import InvalidInput
from clusterbridge.events.scheduling import selection
from clusterbridge.events.scheduling.problem import Request, SelectionProblem
from clusterbridge.events.scheduling.selection import check_selection, solve_selection
from tests.events.scheduling.test_selection import LIMIT, brute_force, events, rank, tiny


def event() -> SelectionProblem:
    """Six participants, eight requests, three slots: not everything fits."""
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (3, 4), (4, 5), (2, 5), (1, 5)]
    requests = [Request(pair, 1 + i % 4) for i, pair in enumerate(pairs)]
    return tiny(requests, slots=3, tables=2)


def test_an_unchanged_event_moves_nothing() -> None:
    problem = event()
    first = solve_selection(problem, time_limit=LIMIT)
    again = solve_selection(problem, time_limit=LIMIT, previous=first.slots)
    assert (again.moved, again.dropped) == (0, 0)
    assert again.slots == first.slots
    assert again.status == "optimal"


def test_a_cancelled_request_moves_nothing_else() -> None:
    problem = event()
    first = solve_selection(problem, time_limit=LIMIT)
    cancelled = next(r for r, slot in enumerate(first.slots) if slot is not None)
    keep = [r for r in range(len(problem.requests)) if r != cancelled]
    smaller = replace(problem, requests=tuple(problem.requests[r] for r in keep))
    previous = [first.slots[r] for r in keep]
    again = solve_selection(smaller, time_limit=LIMIT, previous=previous)
    assert (again.moved, again.dropped) == (0, 0)
    assert check_selection(smaller, again.slots) == []


def test_a_participant_who_becomes_unavailable_moves_the_fewest_meetings() -> None:
    problem = event()
    first = solve_selection(problem, time_limit=LIMIT)
    r, slot = next((r, s) for r, s in enumerate(first.slots) if s is not None)
    person = problem.requests[r].participants[0]
    forbidden = [frozenset[int]() for _ in range(problem.participants)]
    forbidden[person] = frozenset({slot})
    changed = replace(problem, forbidden=tuple(forbidden))
    again = solve_selection(changed, time_limit=LIMIT, previous=first.slots)
    assert check_selection(changed, again.slots) == []
    assert again.moved >= 1
    assert again.slots[r] != slot
    expected = brute_force(changed, first.slots)
    assert expected is not None
    assert rank(changed, again.slots, first.slots) == expected
    assert (-again.dropped, -again.moved) == expected[:2]


def test_a_new_request_is_held_only_where_nothing_published_must_move() -> None:
    published = tiny([Request((0, 1), 1)], slots=1)
    grown = tiny([Request((0, 1), 1), Request((0, 2), 9)], slots=1)
    first = solve_selection(published, time_limit=LIMIT)
    again = solve_selection(grown, time_limit=LIMIT, previous=(*first.slots, None))
    assert again.slots == (0, None)
    assert again.moved == 0


def test_the_large_event_path_keeps_an_unchanged_schedule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selection, "FULL_MODEL_LIMIT", 0)
    requests = [Request((a, b), 1 + (a + 2 * b) % 5) for a in range(10) for b in range(a + 1, 10)]
    problem = tiny(requests, slots=4, tables=3)
    first = solve_selection(problem, time_limit=2)
    again = solve_selection(problem, time_limit=2, previous=first.slots)
    assert (again.moved, again.dropped) == (0, 0)
    assert check_selection(problem, again.slots) == []
    assert again.weight >= first.weight


def test_previous_slots_must_match_the_requests() -> None:
    with pytest.raises(InvalidInput, match="previous"):
        solve_selection(event(), time_limit=LIMIT, previous=(0,))
    with pytest.raises(InvalidInput, match="previous slot 9"):
        solve_selection(event(), time_limit=LIMIT, previous=(8,) + (None,) * 7)


@settings(max_examples=40, deadline=None)
@given(events(), st.data())
def test_re_optimised_schedules_are_best_against_brute_force(
    problem: SelectionProblem, data: st.DataObject
) -> None:
    previous = tuple(
        data.draw(st.sampled_from([None, *range(problem.slots)])) for _ in problem.requests
    )
    result = solve_selection(problem, time_limit=LIMIT, previous=previous)
    expected = brute_force(problem, previous)
    if expected is None:
        assert result.status == "infeasible"
        return
    assert result.status == "optimal"
    assert check_selection(problem, result.slots) == []
    assert rank(problem, result.slots, previous) == expected
