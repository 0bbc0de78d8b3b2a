"""The portfolio runs both engines at once and returns the first proof, checked by the pure checker."""

from __future__ import annotations

from clusterbridge.events.scheduling.portfolio import solve_portfolio
from clusterbridge.events.scheduling.problem import Meeting, Timetabling
from clusterbridge.events.scheduling.schedule import check_schedule, count_breaks


def test_a_forced_break_is_proven_optimal() -> None:
    # Participant 1 cannot meet in slot 1, so meetings (0,1) and (0,2) in three slots with
    # participant 0 forbidden in slot 1 too: one break for participant 0 is unavoidable.
    meetings = (Meeting((0, 1)), Meeting((0, 2)))
    forbidden = (frozenset({1}), frozenset(), frozenset())
    problem = Timetabling("forced", 3, 3, 3, 2, meetings, forbidden, fairness=None)
    result = solve_portfolio(problem, time_limit=10)
    assert result.status == "optimal"
    assert result.total_breaks == 1 == sum(count_breaks(problem, result.slots))
    assert check_schedule(problem, result.slots) == []
    assert set(result.slots) == {0, 2}


def test_infeasibility_is_proven_and_blamed() -> None:
    meetings = (Meeting((0, 1)), Meeting((2, 3)))
    problem = Timetabling("one table", 4, 1, 1, 1, meetings, fairness=None)
    result = solve_portfolio(problem, time_limit=10)
    assert result.status == "infeasible"
    assert result.slots == (None, None)
    assert result.blamed == ("tables",)
