"""Proven upper bounds on the weight any schedule can hold, from a relaxation without slots.

The relaxation only chooses which requests are held (a 0/1 variable each): every participant
holds at most its maximum of meetings and at most as many as it has usable slots, the requests
confined to a set of slots (a session, a window, a participant's most common free slots) fit in
it, the tables of a span hold at most tables x slots meetings, every fixed or required request
is held, and at least as many participants are served as in the best schedule known (a valid
rule: the best schedule serves at least as many). Every schedule's held requests satisfy these
rows, so the relaxation's optimum, or any bound on it, bounds every schedule's weight.

The rows are built once here and solved two ways: as a linear program (``selection_lp``, fast,
its solution guides the greedy order) and as an integer program by CP-SAT (slower, tighter).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from clusterbridge.events.scheduling.selection_rules import Prepared

SETS_PER_PARTICIPANT = 6
"""The most frequent slot sets of a participant's requests that get their own row."""


@dataclass
class Rows:
    """A relaxation: variables 0..n-1 (requests first, then "participant served" flags),
    their objective weights, and rows ``low <= sum(coef * var) <= high``."""

    requests: list[int]
    weights: list[int]
    rows: list[tuple[list[int], list[int], int | None, int | None]] = field(default_factory=list)

    def add(
        self, variables: list[int], coefs: list[int], low: int | None, high: int | None
    ) -> None:
        """One row; ``low`` or ``high`` None when that side is open."""
        self.rows.append((variables, coefs, low, high))

    def new_variable(self, weight: int = 0) -> int:
        """A further 0/1 variable with objective ``weight``; returns its index."""
        self.weights.append(weight)
        return len(self.weights) - 1


def coverable(prepared: Prepared) -> list[int]:
    """The participants that can hold a meeting at all: a request with a usable slot whose
    participants all may have one."""
    requests = prepared.problem.requests
    able: set[int] = set()
    for r, request in enumerate(requests):
        if prepared.allowed[r] and all(prepared.caps[p] > 0 for p in request.participants):
            able.update(request.participants)
    return sorted(able)


def relaxation(prepared: Prepared, min_covered: int = 0) -> Rows | None:
    """The rows of the relaxation; None when a hard request has no usable slot."""
    problem = prepared.problem
    usable = [r for r in range(len(problem.requests)) if prepared.allowed[r]]
    rows = Rows(usable, [problem.requests[r].weight for r in usable])
    index = {r: i for i, r in enumerate(usable)}
    for r in prepared.hard:
        if r not in index:
            return None
        rows.add([index[r]], [1], 1, None)
    _participant_rows(prepared, rows, index)
    _table_rows(prepared, rows, index)
    if min_covered:
        _coverage_rows(prepared, rows, index, min_covered)
    return rows


def coverage_relaxation(prepared: Prepared) -> Rows | None:
    """The rows of the relaxation with, as objective, the number of participants served (a
    flag each, below its requests held) instead of the weight."""
    rows = relaxation(prepared)
    if rows is None:
        return None
    rows.weights = [0] * len(rows.weights)
    index = {r: i for i, r in enumerate(rows.requests)}
    for person in coverable(prepared):
        mine = [index[r] for r in prepared.owned[person] if r in index]
        flag = rows.new_variable(1)
        rows.add([flag, *mine], [1] + [-1] * len(mine), None, 0)
    return rows


def _participant_rows(prepared: Prepared, rows: Rows, index: dict[int, int]) -> None:
    """Per participant: at most its maximum and its usable slots; the requests confined to one
    of its most common slot sets at most that many."""
    for person, owned in enumerate(prepared.owned):
        mine = [r for r in owned if r in index]
        if not mine:
            continue
        usable = set().union(*(prepared.allowed[r] for r in mine))
        limit = min(prepared.caps[person], len(usable))
        if len(mine) > limit:
            rows.add([index[r] for r in mine], [1] * len(mine), None, limit)
        common = Counter(prepared.allowed[r] for r in mine).most_common(SETS_PER_PARTICIPANT)
        for slots, _ in common:
            inside = set(slots)
            confined = [index[r] for r in mine if inside.issuperset(prepared.allowed[r])]
            if len(confined) > len(slots) and len(slots) < limit:
                rows.add(confined, [1] * len(confined), None, len(slots))


def _table_rows(prepared: Prepared, rows: Rows, index: dict[int, int]) -> None:
    """Per session, window or the whole event: the requests confined to it at most tables x
    its slots (those without a booth at most the other tables x its slots); per shared booth,
    at most one meeting per slot."""
    problem = prepared.problem
    spans: set[tuple[int, int]] = {(0, problem.slots)}
    if 0 < problem.morning_slots < problem.slots:
        spans |= {(0, problem.morning_slots), (problem.morning_slots, problem.slots)}
    spans |= {q.window for q in problem.requests if q.window is not None}
    inside: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for r in index:
        slots = prepared.allowed[r]
        for first, last in spans:
            if first <= slots[0] and slots[-1] < last:
                inside[(first, last)].append(r)
    for (first, last), requests in inside.items():
        width = last - first
        if len(requests) > problem.tables * width:
            rows.add(
                [index[r] for r in requests], [1] * len(requests), None, problem.tables * width
            )
        open_requests = [index[r] for r in requests if not prepared.at_booth[r]]
        if len(open_requests) > prepared.open_tables * width:
            limit = max(0, prepared.open_tables * width)
            rows.add(open_requests, [1] * len(open_requests), None, limit)
    for booth in prepared.shared_booths:
        mine = [index[r] for r in booth if r in index]
        if len(mine) > problem.slots:
            rows.add(mine, [1] * len(mine), None, problem.slots)


def _coverage_rows(prepared: Prepared, rows: Rows, index: dict[int, int], min_covered: int) -> None:
    """At least ``min_covered`` participants served: when that is every participant who can
    be, one row each; otherwise a "served" flag each, below its requests held."""
    able = coverable(prepared)
    if min_covered >= len(able):
        for person in able:
            mine = [index[r] for r in prepared.owned[person] if r in index]
            rows.add(mine, [1] * len(mine), 1, None)
        return
    flags = []
    for person in able:
        mine = [index[r] for r in prepared.owned[person] if r in index]
        flag = rows.new_variable()
        rows.add([flag, *mine], [1] + [-1] * len(mine), None, 0)
        flags.append(flag)
    rows.add(flags, [1] * len(flags), min_covered, None)


def integer_bound(
    rows: Rows,
    deadline: float,
    workers: int = 1,
    hint: Sequence[int | None] | None = None,
) -> int | None:
    """CP-SAT's bound on the relaxation as an integer program, solved until ``deadline`` (a
    ``time.perf_counter`` value; building the model counts); None when it found no
    selection (its bound is then not reported)."""
    model = cp_model.CpModel()
    variables = [model.new_bool_var(f"v{i}") for i in range(len(rows.weights))]
    for members, coefs, low, high in rows.rows:
        expression = cp_model.LinearExpr.weighted_sum([variables[i] for i in members], coefs)
        if low is not None:
            model.add(expression >= low)
        if high is not None:
            model.add(expression <= high)
    model.maximize(cp_model.LinearExpr.weighted_sum(variables, rows.weights))
    if hint is not None:
        for i, r in enumerate(rows.requests):
            model.add_hint(variables[i], hint[r] is not None)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    solver.parameters.num_workers = workers
    solver.parameters.cp_model_presolve = False  # its dominance rules stall on large events
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return int(solver.best_objective_bound + 1e-6)


def capacity_bound(prepared: Prepared) -> int:
    """A quick bound: each participant holds at most its limit of meetings, at best its
    heaviest requests, each request's weight shared equally between its participants."""
    requests = prepared.problem.requests
    share = 1
    for q in requests:
        share = share * len(q.participants) // _gcd(share, len(q.participants))
    bound = 0
    for person, owned in enumerate(prepared.owned):
        usable = [r for r in owned if prepared.allowed[r]]
        if not usable:
            continue
        slots = len(set().union(*(prepared.allowed[r] for r in usable)))
        parts = [requests[r].weight * share // len(requests[r].participants) for r in usable]
        parts.sort(reverse=True)
        bound += sum(parts[: min(prepared.caps[person], slots)])
    everything = sum(q.weight for r, q in enumerate(requests) if prepared.allowed[r])
    return min(bound // share, everything)


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a
