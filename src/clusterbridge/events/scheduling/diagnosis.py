"""Explain an infeasible timetabling problem by the constraint groups that cause it.

Each group (tables, sessions, forbidden slots, fixed meetings, precedences, fairness) is
dropped in turn, then in pairs; the groups whose removal makes a timetable exist are blamed.
"""

from __future__ import annotations

from collections.abc import Collection

from ortools.sat.python import cp_model

from clusterbridge.events.scheduling.problem import Timetabling

GROUPS = ("tables", "sessions", "forbidden slots", "fixed meetings", "precedences", "fairness")
"""The constraint groups that diagnosis may relax, in the users' words."""


def is_feasible(
    problem: Timetabling, relaxed: Collection[str], time_limit: float, workers: int = 2
) -> bool | None:
    """Whether a timetable exists once the ``relaxed`` groups are dropped (None: unknown)."""
    from clusterbridge.events.scheduling.timetabling import TimetablingModel

    built = TimetablingModel(problem, relaxed=frozenset(relaxed))
    built.build(objective=False)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = workers
    code = solver.solve(built.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if code == cp_model.INFEASIBLE else None


def present_groups(problem: Timetabling) -> list[str]:
    """The constraint groups that actually constrain ``problem``."""
    present = {"tables"}
    if any(m.session != 3 for m in problem.meetings):
        present.add("sessions")
    if any(problem.forbidden):
        present.add("forbidden slots")
    if any(m.fixed_slot is not None for m in problem.meetings):
        present.add("fixed meetings")
    if any(m.after for m in problem.meetings):
        present.add("precedences")
    if problem.fairness is not None:
        present.add("fairness")
    return [g for g in GROUPS if g in present]


def diagnose_infeasibility(
    problem: Timetabling, time_limit: float = 30.0, workers: int = 2
) -> tuple[str, ...]:
    """The groups whose removal alone makes ``problem`` feasible, else pairs ("a + b")."""
    groups = present_groups(problem)
    share = time_limit / max(1, len(groups))
    single = tuple(g for g in groups if is_feasible(problem, {g}, share, workers))
    if single:
        return single
    pairs = [(a, b) for i, a in enumerate(groups) for b in groups[i + 1 :]]
    share = time_limit / max(1, len(pairs))
    return tuple(f"{a} + {b}" for a, b in pairs if is_feasible(problem, {a, b}, share, workers))
