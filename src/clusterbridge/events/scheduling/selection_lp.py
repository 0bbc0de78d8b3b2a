"""The relaxation of ``selection_bound`` as a linear program (GLOP), with a checked bound.

On events of thousands of participants the linear program is solved in well under a second
to tens of seconds, its optimum is often integral, and its solution is the best guide we have
for which requests to hold. Its bound is not taken from the solver's floating-point objective:
it is recomputed from the dual values by weak duality (any duals of the right signs give
``sum(dual x bound) + sum(positive reduced costs)``), so rounding inside the solver cannot make
it too low.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.linear_solver.python import model_builder as mb

from clusterbridge.events.scheduling.selection_bound import Rows

TOLERANCE = 1e-6
"""Slack added before rounding a bound down to an integer weight."""


@dataclass(frozen=True)
class LinearRelaxation:
    """Per request, its value in the linear optimum (0 for requests outside the relaxation),
    and a proven upper bound on the weight (None when the solver gave no usable duals)."""

    values: tuple[float, ...]
    bound: int | None


def solve_linear(rows: Rows, requests: int, time_limit: float) -> LinearRelaxation | None:
    """Solve the linear relaxation of ``rows`` within ``time_limit`` seconds; None when the
    solver stops without an optimum."""
    model = mb.Model()  # type: ignore[no-untyped-call]
    variables = [model.new_num_var(0.0, 1.0, f"v{i}") for i in range(len(rows.weights))]
    constraints = []
    for members, coefs, low, high in rows.rows:
        expression = mb.LinearExpr.weighted_sum(
            [variables[i] for i in members], [float(c) for c in coefs]
        )
        lower = -math.inf if low is None else float(low)
        upper = math.inf if high is None else float(high)
        constraints.append(model.add(mb.BoundedLinearExpression(expression, lower, upper)))
    model.maximize(mb.LinearExpr.weighted_sum(variables, [float(w) for w in rows.weights]))
    solver = mb.Solver("GLOP")
    solver.set_time_limit_in_seconds(max(0.05, time_limit))
    if solver.solve(model) != mb.SolveStatus.OPTIMAL:
        return None
    values = [0.0] * requests
    for i, r in enumerate(rows.requests):
        values[r] = float(solver.value(variables[i]))
    duals = [float(solver.dual_value(c)) for c in constraints]
    bound = min(_dual_bound(rows, duals), _dual_bound(rows, [-d for d in duals]))
    return LinearRelaxation(tuple(values), bound)


def _dual_bound(rows: Rows, duals: Sequence[float]) -> int:
    """Weak duality for max w.x, low <= A x <= high, 0 <= x <= 1: a positive dual prices a
    row's upper side, a negative one its lower side; what the duals leave of each weight
    (when positive) is paid by the variable's upper bound 1. Rows whose needed side is
    missing get no price. The result, rounded down, bounds every 0/1 solution's weight."""
    reduced = [float(w) for w in rows.weights]
    total = 0.0
    for (members, coefs, low, high), dual in zip(rows.rows, duals, strict=True):
        if dual > 0 and high is not None:
            price, side = dual, high
        elif dual < 0 and low is not None:
            price, side = dual, low
        else:
            continue
        total += price * side
        for i, coef in zip(members, coefs, strict=True):
            reduced[i] -= price * coef
    total += sum(value for value in reduced if value > 0)
    return math.floor(total + TOLERANCE)
