"""Published instances (Bofill et al., JAIR 2022) that solve in seconds: the proven optimum
equals the published one at fairness 2. Skipped when the shared data is absent."""

from __future__ import annotations

import pytest

from clusterbridge.events.scheduling.dzn import read_dzn
from clusterbridge.events.scheduling.schedule import check_schedule, count_breaks
from clusterbridge.events.scheduling.timetabling import solve_timetabling
from tests.conftest import shared_data


@pytest.mark.parametrize(("name", "optimum"), [("tic-12", 0), ("tic-13crafb", 0)])
def test_published_optimum_is_proven(name: str, optimum: int) -> None:
    problem = read_dzn(shared_data("b2b-meetings", f"{name}.original.dzn"))
    result = solve_timetabling(problem, time_limit=30)
    assert result.status == "optimal"
    assert result.total_breaks == optimum
    assert check_schedule(problem, result.slots) == []
    assert sum(count_breaks(problem, result.slots)) == optimum
