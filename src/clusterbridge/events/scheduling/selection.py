"""Selection + timetabling: which meeting requests become meetings, and when.

Objectives, in lexicographic order (an earlier one is never traded for a later one):

1. every fixed request is held in its slot and every required request is held (hard: when
   impossible the answer is "infeasible" and ``message`` names the group at fault);
   when re-optimising (``previous`` given), the fewest published meetings dropped, then the
   fewest moved to another slot;
2. with ``fair_share``, the most participants (with at least one request) holding a meeting;
3. the most total weight (``request_weight``: every mutual request above every one-sided one);
4. the fewest breaks (idle gaps between a participant's meetings). A ``fairness`` bound is a
   hard rule throughout: the break counts of participants with requests differ by at most it.

Events whose whole CP-SAT model is small enough are solved stage by stage on it
(``selection_exact``; "optimal" when every stage is proven). Larger ones go to
``selection_large``: greedy schedules, a linear relaxation for a proven bound and guidance,
local moves and neighbourhood search until the time limit, which always ends with a schedule.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events.scheduling.problem import SelectionProblem
from clusterbridge.events.scheduling.schedule import Status
from clusterbridge.events.scheduling.selection_bound import capacity_bound
from clusterbridge.events.scheduling.selection_exact import solve_exact
from clusterbridge.events.scheduling.selection_hard import diagnose, place_hard
from clusterbridge.events.scheduling.selection_large import QuickStart, quick_schedule, solve_large
from clusterbridge.events.scheduling.selection_result import (
    SelectionResult,
    build_result,
    stages_of,
)
from clusterbridge.events.scheduling.selection_rules import (
    Prepared,
    check_selection,
    prepare,
    request_weight,
)

__all__ = ["SelectionResult", "check_selection", "request_weight", "solve_selection"]

FULL_MODEL_LIMIT = 30_000
"""Above this many (request, slot) pairs the whole CP-SAT model takes too long to build and
solve, and ``selection_large`` takes over."""
HARD_SHARE = 0.2
"""The most of the time limit spent placing the hard requests when greedy cannot."""
QUICK_SHARE = 0.2
"""The most of the time limit the quick schedule may take before the whole model starts."""

Progress = Callable[[float, str], None]


def solve_selection(
    problem: SelectionProblem,
    time_limit: float = 60.0,
    workers: int = 2,
    progress: Progress | None = None,
    previous: Sequence[int | None] | None = None,
) -> SelectionResult:
    """The best schedule of ``problem`` found within ``time_limit`` seconds (objectives in
    the module docstring); ``previous`` gives each request's published slot (None: not held,
    or a new request) to re-optimise a published schedule."""
    started = time.perf_counter()
    deadline = started + time_limit
    note = progress or _quiet
    note(0.0, "checking the problem")
    prepared = prepare(problem)
    _check_previous(problem, previous)
    hard_limit = max(0.5, time_limit * HARD_SHARE)
    whole = sum(len(row) for row in prepared.allowed) <= FULL_MODEL_LIMIT
    start, message = place_hard(prepared, previous, hard_limit, workers, whole)
    if start is None:
        if message:
            return build_result(prepared, None, "infeasible", 0, started, previous, message)
        return build_result(prepared, None, "unknown", capacity_bound(prepared), started, previous)
    if not whole:
        slots, bound = solve_large(prepared, start, deadline, workers, note, previous)
        note(1.0, "done")
        return build_result(prepared, slots, "feasible", bound, started, previous)
    quick = quick_schedule(prepared, start, started + time_limit * QUICK_SHARE, note, previous)
    return _solve_whole(prepared, quick, deadline, workers, note, previous, started)


def _quiet(fraction: float, message: str) -> None:
    """The progress callback when nobody listens."""


def _check_previous(problem: SelectionProblem, previous: Sequence[int | None] | None) -> None:
    if previous is None:
        return
    if len(previous) != len(problem.requests):
        reason = f"{len(previous)} previous slots given for {len(problem.requests)} requests"
        raise InvalidInput([Problem(reason, file=problem.name)])
    for r, slot in enumerate(previous):
        if slot is not None and not 0 <= slot < problem.slots:
            reason = f"request {r + 1}: previous slot {slot + 1} does not exist"
            raise InvalidInput([Problem(reason, file=problem.name)])


def _solve_whole(
    prepared: Prepared,
    quick: QuickStart,
    deadline: float,
    workers: int,
    note: Progress,
    previous: Sequence[int | None] | None,
    started: float,
) -> SelectionResult:
    """Every stage on the whole CP-SAT model."""
    outcome = solve_exact(
        prepared,
        deadline - time.perf_counter(),
        workers,
        quick.board.slots,
        previous,
        report=lambda stage, fraction: note(0.3 + 0.65 * fraction, f"optimising {stage}"),
    )
    if outcome.infeasible and not outcome.values:
        message = diagnose(prepared, max(1.0, deadline - time.perf_counter()), workers)
        return build_result(prepared, None, "infeasible", 0, started, previous, message)
    bound = quick.bound
    # The weight stage's bound holds for the best schedule only when the stage before it that
    # could exclude it (fewest changes, which a better-served schedule may exceed) is proven.
    if "weight" in outcome.bounds and (previous is None or "changes" in outcome.proven):
        bound = min(bound, outcome.bounds["weight"])
    proven = len(outcome.proven) == len(stages_of(prepared, previous))
    note(1.0, "done")
    status: Status = "optimal" if proven else "feasible"
    return build_result(prepared, outcome.slots, status, bound, started, previous)
