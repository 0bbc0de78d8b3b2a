"""Lexicographic optimisation with the whole CP-SAT model, one objective after the other.

Each stage optimises one objective with the values reached by the earlier ones as constraints:
fewest changes to a published schedule (re-optimisation), most participants with a meeting
(fair share), most weight, fewest breaks. A stage proven optimal fixes its value exactly; a
stage stopped by the clock fixes the value it reached, which keeps every later bound valid (a
larger set of schedules can only raise a maximum). Every stage starts from the best schedule so
far as a hint, so a stage that runs out of time still returns that schedule or a better one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from clusterbridge.events.scheduling.selection_bound import (
    capacity_bound,
    coverable,
    coverage_relaxation,
    relaxation,
)
from clusterbridge.events.scheduling.selection_lp import solve_linear
from clusterbridge.events.scheduling.selection_model import Expr, SelectionModel, total
from clusterbridge.events.scheduling.selection_result import (
    SIGNS,
    Stage,
    ranking,
    stage_value,
    stages_of,
)
from clusterbridge.events.scheduling.selection_rules import Prepared
from clusterbridge.events.scheduling.selection_symmetry import (
    add_precedence,
    canonical,
    slot_classes,
)


@dataclass
class Outcome:
    """The best schedule found, the stages proven optimal and the proven bound per stage
    (a maximum's upper bound, a minimum's lower bound)."""

    slots: list[int | None]
    proven: set[Stage] = field(default_factory=set)
    bounds: dict[Stage, int] = field(default_factory=dict)
    values: dict[Stage, int] = field(default_factory=dict)
    infeasible: bool = False
    found: bool = True
    seen: list[list[int | None]] = field(default_factory=list)


def solve_exact(
    prepared: Prepared,
    time_limit: float,
    workers: int,
    hint: Sequence[int | None] | None,
    previous: Sequence[int | None] | None = None,
    report: Callable[[Stage, float], None] | None = None,
) -> Outcome:
    """Run every stage on one model within ``time_limit`` seconds in total. Without a fairness
    bound, the stages before breaks run on a copy with interchangeable slots ordered."""
    deadline = time.perf_counter() + time_limit
    built = SelectionModel(prepared)
    fair = prepared.problem.fairness is not None
    if fair:
        _add_breaks_and_fairness(built)
    stages = stages_of(prepared, previous)
    goals = {stage: _objective(built, stage, previous) for stage in stages if stage != "breaks"}
    classes = [] if fair else slot_classes(prepared, previous)
    ordered = built.model.clone() if classes else built.model
    if classes:
        add_precedence(built, classes, ordered)
    outcome = Outcome(list(hint) if hint is not None else [None] * len(prepared.problem.requests))
    outcome.found = hint is not None
    outcome.seen.append(outcome.slots)
    for index, stage in enumerate(stages):
        if stage == "breaks":
            if not fair:
                _add_breaks_and_fairness(built)
            goals[stage] = (total(built.breaks.values()), False)
        left = deadline - time.perf_counter()
        share = left if index == len(stages) - 1 else left / (len(stages) - index) * 1.5
        if report is not None:
            report(stage, index / len(stages))
        model = built.model if stage == "breaks" else ordered
        best_possible = _best_possible(built, stage, outcome, {built.model, ordered})
        if outcome.found:
            start = _best_start(prepared, outcome, stages[: index + 1], previous)
            value = stage_value(prepared, stage, start, previous)
            if value == best_possible:  # proven by the bound alone: no search needed
                outcome.values[stage] = outcome.bounds[stage] = value
                outcome.proven.add(stage)
                _fix_value(outcome, stage, goals[stage], {built.model, ordered})
                continue
            built.hint(canonical(prepared, start, classes) if model is ordered else start, model)
        if not _run_stage(
            built, model, outcome, stage, goals[stage], best_possible, share, workers
        ):
            break
        _fix_value(outcome, stage, goals[stage], {built.model, ordered})
    if outcome.seen:
        outcome.slots = max(outcome.seen, key=lambda slots: ranking(prepared, slots, previous))
    return outcome


def _best_start(
    prepared: Prepared,
    outcome: Outcome,
    stages: Sequence[Stage],
    previous: Sequence[int | None] | None,
) -> list[int | None]:
    """Among the schedules seen so far (the hint, each stage's answer), one that keeps the
    values fixed by the earlier ``stages`` and is best for the last: a stage's answer can be
    worse than the hint for the next stage, whose search would then start far behind."""
    *earlier, stage = stages

    def keeps(slots: Sequence[int | None]) -> bool:
        for done in earlier:
            value, reached = stage_value(prepared, done, slots, previous), outcome.values[done]
            better = SIGNS[done] * (value - reached) >= 0
            if not better or (done in outcome.proven and value != reached):
                return False
        return True

    usable = [slots for slots in outcome.seen if keeps(slots)] or [outcome.slots]
    return max(
        usable, key=lambda slots: SIGNS[stage] * stage_value(prepared, stage, slots, previous)
    )


def _best_possible(
    built: SelectionModel, stage: Stage, outcome: Outcome, models: set[cp_model.CpModel]
) -> int:
    """A value no schedule can beat in ``stage``; reaching it proves the stage. For weight,
    the slot-free relaxation's bound (with the participants served so far) is also added to
    the models: CP-SAT's presolve rewrites the weight over the slot variables, and its own
    bound can then stay far above what any schedule holds."""
    if stage in ("changes", "breaks"):
        return 0
    prepared = built.prepared
    if stage == "coverage":
        ceiling = len(coverable(prepared))
        rows = coverage_relaxation(prepared)
        linear = None if rows is None else solve_linear(rows, len(prepared.problem.requests), 5.0)
        if linear is not None and linear.bound is not None:
            ceiling = min(ceiling, linear.bound)
        return ceiling
    ceiling = capacity_bound(prepared)
    rows = relaxation(prepared, outcome.values.get("coverage", 0))
    linear = None if rows is None else solve_linear(rows, len(prepared.problem.requests), 5.0)
    if linear is not None and linear.bound is not None:
        ceiling = min(ceiling, linear.bound)
    for model in models:
        model.add(built.weight() <= ceiling)
    return ceiling


class _StopAt(cp_model.CpSolverSolutionCallback):
    """Stops the search once a solution reaches a value known to be the best possible."""

    def __init__(self, target: int, maximise: bool) -> None:
        super().__init__()
        self.target = target
        self.maximise = maximise
        self.reached = False

    def on_solution_callback(self) -> None:
        value = round(self.objective_value)
        if (value >= self.target) if self.maximise else (value <= self.target):
            self.reached = True
            self.stop_search()


def _add_breaks_and_fairness(built: SelectionModel) -> None:
    built.add_breaks()
    spread = built.prepared.problem.fairness
    if spread is not None:
        people = [p for p, owned in enumerate(built.prepared.owned) if owned]
        built.add_fairness(spread, people, [0] * len(built.prepared.owned))


def _objective(
    built: SelectionModel, stage: Stage, previous: Sequence[int | None] | None
) -> tuple[Expr, bool]:
    """The expression of ``stage`` and whether it is maximised."""
    if stage == "changes":
        assert previous is not None
        held_before = sum(1 for slot in previous if slot is not None)
        return built.changes(previous, dropped_cost=held_before + 1), False
    if stage == "coverage":
        return built.coverage(), True
    return built.weight(), True


def _run_stage(
    built: SelectionModel,
    model: cp_model.CpModel,
    outcome: Outcome,
    stage: Stage,
    goal: tuple[Expr, bool],
    best_possible: int,
    time_limit: float,
    workers: int,
) -> bool:
    """Optimise one stage on ``model``; False when no schedule was found (infeasible, or no
    time), which ends the stages."""
    expression, maximise = goal
    model.clear_objective()  # type: ignore[no-untyped-call]
    if maximise:
        model.maximize(expression)
    else:
        model.minimize(expression)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    stop = _StopAt(best_possible, maximise)
    code = solver.solve(model, stop)
    if code == cp_model.INFEASIBLE:
        outcome.infeasible = True
        return False
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        outcome.bounds[stage] = _bound(solver, maximise, best_possible)
        return False
    outcome.slots = built.read(solver)
    outcome.seen.append(outcome.slots)
    outcome.found = True
    outcome.values[stage] = round(solver.objective_value)
    if code == cp_model.OPTIMAL or stop.reached:
        outcome.proven.add(stage)
        outcome.bounds[stage] = outcome.values[stage]
    else:
        outcome.bounds[stage] = _bound(solver, maximise, best_possible)
    return True


def _bound(solver: cp_model.CpSolver, maximise: bool, best_possible: int) -> int:
    """CP-SAT's proven bound, or ``best_possible`` when that is tighter."""
    if maximise:
        return min(best_possible, int(solver.best_objective_bound + 1e-6))
    return max(best_possible, int(solver.best_objective_bound + 1 - 1e-6))


def _fix_value(
    outcome: Outcome, stage: Stage, goal: tuple[Expr, bool], models: set[cp_model.CpModel]
) -> None:
    """Keep the value a stage reached in the later stages: exactly when proven, else at least
    as good (which keeps later bounds valid)."""
    expression, maximise = goal
    value = outcome.values[stage]
    for model in models:
        if stage in outcome.proven:
            model.add(expression == value)
        elif maximise:
            model.add(expression >= value)
        else:
            model.add(expression <= value)
