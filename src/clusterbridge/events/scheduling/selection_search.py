"""Large-neighbourhood search: re-solve a few dozen requests exactly, the rest staying put.

A large event's whole CP-SAT model takes longer to build than the time a user waits, so the
solver improves a schedule piece by piece: it frees the requests of a group of participants
(one participant with promising requests and its partners), keeps every other meeting where it
is, and lets CP-SAT find the best schedule of the freed part, starting from the current one, so
a piece can only get better. The pieces' objectives follow the same order as the whole problem:
first fewer changes to a published schedule, then participants with a meeting, then weight;
or, in the last phase, fewer breaks with all of those kept.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable, Sequence

from ortools.sat.python import cp_model

from clusterbridge.events.scheduling.selection_model import Expr, SelectionModel, total
from clusterbridge.events.scheduling.selection_rules import Prepared, selection_breaks

PIECE_REQUESTS = 60
"""About how many requests one neighbourhood frees."""
PIECE_SECONDS = 1.0
"""The most time one neighbourhood's CP-SAT search may take."""


def neighbourhood(prepared: Prepared, seed: int, size: int, rng: random.Random) -> set[int]:
    """The requests of ``seed`` and of participants reached from it through requests (breadth
    first, shuffled), until about ``size`` requests are free."""
    requests = prepared.problem.requests
    free: set[int] = set()
    seen = {seed}
    queue = deque([seed])
    while queue and len(free) < size:
        person = queue.popleft()
        mine = list(prepared.owned[person])
        rng.shuffle(mine)
        free.update(mine)
        for r in mine:
            for other in requests[r].participants:
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
    return free


class Search:
    """Improves ``slots`` in place, one neighbourhood at a time."""

    def __init__(
        self,
        prepared: Prepared,
        slots: Sequence[int | None],
        previous: Sequence[int | None] | None = None,
        seed: int = 0,
    ) -> None:
        self.prepared = prepared
        self.slots = list(slots)
        self.previous = previous
        self.rng = random.Random(seed)
        self.people_with_requests = [p for p, owned in enumerate(prepared.owned) if owned]

    def run(
        self,
        seeds: Callable[[], int | None],
        deadline: float,
        workers: int,
        breaks: bool = False,
        report: Callable[[float], None] | None = None,
    ) -> int:
        """Solve neighbourhoods around the participants ``seeds`` gives until it gives None or
        the deadline passes; returns how many improved the schedule."""
        improved = 0
        began = time.perf_counter()
        while (left := deadline - time.perf_counter()) > 0.2:
            seed = seeds()
            if seed is None:
                break
            free = neighbourhood(self.prepared, seed, PIECE_REQUESTS, self.rng)
            improved += self.solve_piece(free, min(left, PIECE_SECONDS), workers, breaks)
            if report is not None:
                report((time.perf_counter() - began) / max(1e-9, deadline - began))
        return improved

    def solve_piece(self, free: set[int], time_limit: float, workers: int, breaks: bool) -> bool:
        """Re-solve the ``free`` requests; True when the schedule got strictly better."""
        built = SelectionModel(self.prepared, free, self.slots)
        fairness = self.prepared.problem.fairness
        if breaks or fairness is not None:
            built.add_breaks()
        if fairness is not None:
            counts = selection_breaks(self.prepared, self.slots)
            built.add_fairness(fairness, self.people_with_requests, counts)
        goals = self._goals(built)
        values = self._values(built, self.slots)
        if breaks:
            for (expression, _), value in zip(goals, values, strict=True):
                built.model.add(expression >= value)
            built.model.minimize(total(built.breaks.values()))
            before = self._breaks(built, self.slots)
        else:
            scales = _scales([span for _, span in goals])
            built.model.maximize(total(g * k for (g, _), k in zip(goals, scales, strict=True)))
            before = -sum(v * k for v, k in zip(values, scales, strict=True))
        built.hint(self.slots)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, time_limit)
        solver.parameters.num_workers = workers
        code = solver.solve(built.model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        after = round(solver.objective_value if breaks else -solver.objective_value)
        if after >= before:
            return False
        self.slots = built.read(solver)
        return True

    def _values(self, built: SelectionModel, slots: Sequence[int | None]) -> list[int]:
        """The goals' values when the free requests take ``slots`` (as the model counts them)."""
        requests = self.prepared.problem.requests
        values: list[int] = []
        if self.previous is not None:
            held_before = [r for r in built.free if self.previous[r] is not None]
            moved = sum(
                1 for r in held_before if slots[r] is not None and slots[r] != self.previous[r]
            )
            dropped = sum(1 for r in held_before if slots[r] is None)
            values.append(-(moved + (len(held_before) + 1) * dropped))
        if self.prepared.problem.fair_share:
            values.append(built.covered_by(slots))
        values.append(sum(requests[r].weight for r in built.free if slots[r] is not None))
        return values

    def _breaks(self, built: SelectionModel, slots: Sequence[int | None]) -> int:
        counts = selection_breaks(self.prepared, slots)
        return sum(counts[p] for p in built.breaks)

    def _goals(self, built: SelectionModel) -> list[tuple[Expr, int]]:
        """The piece's objectives to maximise, most important first, each with its range."""
        requests = self.prepared.problem.requests
        goals: list[tuple[Expr, int]] = []
        if self.previous is not None:
            held_before = [r for r in built.free if self.previous[r] is not None]
            cost = built.changes(self.previous, dropped_cost=len(held_before) + 1)
            goals.append((-cost, (len(held_before) + 1) ** 2))
        if self.prepared.problem.fair_share:
            goals.append((built.coverage(), len(built.touched())))
        goals.append((built.weight(), sum(requests[r].weight for r in built.free)))
        return goals


def _scales(spans: Sequence[int]) -> list[int]:
    """Multipliers that make one sum order like the goals compared one after the other, each
    goal ranging over at most its span + 1 values."""
    scales = [1] * len(spans)
    for index in range(len(spans) - 2, -1, -1):
        scales[index] = scales[index + 1] * (spans[index + 1] + 1)
    return scales


class Seeds:
    """Which participant the next neighbourhood starts from: for weight, participants without
    a meeting, then those whose unheld requests weigh most, then anyone at random; for
    breaks, the participants with the most breaks."""

    def __init__(self, prepared: Prepared, search: Search) -> None:
        self.prepared = prepared
        self.search = search
        self.weight_queue: list[int] = []
        self.breaks_queue: list[int] = []
        self.passes = 0

    def for_weight(self) -> int | None:
        """The next participant whose neighbourhood may hold more (None: none left)."""
        if not self.weight_queue:
            self.passes += 1
            self.weight_queue = self._promising() if self.passes <= 2 else self._anyone()
        return self.weight_queue.pop() if self.weight_queue else None

    def for_breaks(self) -> int | None:
        """The next participant with breaks, most breaks first (None: nobody has any)."""
        if not self.breaks_queue:
            counts = selection_breaks(self.prepared, self.search.slots)
            self.breaks_queue = [p for _, p in sorted((c, p) for p, c in enumerate(counts) if c)]
        return self.breaks_queue.pop() if self.breaks_queue else None

    def _promising(self) -> list[int]:
        """Participants by the weight of their heaviest unheld request (last popped first)."""
        requests = self.prepared.problem.requests
        slots = self.search.slots
        best: dict[int, int] = {}
        for r, q in enumerate(requests):
            if slots[r] is None and self.prepared.allowed[r]:
                for person in q.participants:
                    held = any(slots[o] is not None for o in self.prepared.owned[person])
                    score = q.weight + (1000 if not held else 0)
                    best[person] = max(best.get(person, 0), score)
        return [p for _, p in sorted((s, p) for p, s in best.items())]

    def _anyone(self) -> list[int]:
        people = [p for p, owned in enumerate(self.prepared.owned) if owned]
        self.search.rng.shuffle(people)
        return people
