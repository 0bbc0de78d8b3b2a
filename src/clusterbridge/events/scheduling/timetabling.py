"""The exact B2B timetabler: a CP-SAT model that minimises breaks and proves optimality.

One boolean per meeting and allowed slot, one "busy" boolean per participant and slot, and
one "block start" boolean per participant and slot: a participant's breaks are its blocks of
consecutive meetings minus one. The strong variant adds implied bounds, symmetry breaking and
a greedy hint; the plain variant (``plain=True``) is the textbook model, kept as a baseline.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from clusterbridge.events.scheduling.diagnosis import diagnose_infeasibility
from clusterbridge.events.scheduling.implied import (
    allowed_slots,
    greedy_slots,
    interchangeable_meetings,
    minimum_breaks,
    mirror_symmetric,
)
from clusterbridge.events.scheduling.problem import Timetabling
from clusterbridge.events.scheduling.schedule import Schedule, Status, count_breaks


@dataclass
class TimetablingModel:
    """The CP-SAT model of one problem and the variables needed to read a solution back."""

    problem: Timetabling
    plain: bool = False
    relaxed: frozenset[str] = frozenset()
    hint: bool = True
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    place: list[dict[int, cp_model.IntVar]] = field(default_factory=list)
    busy: list[dict[int, cp_model.IntVar]] = field(default_factory=list)
    breaks: list[cp_model.IntVar] = field(default_factory=list)
    spans: dict[int, tuple[cp_model.IntVar, cp_model.IntVar]] = field(default_factory=dict)

    def build(self, objective: bool = True) -> None:
        """Add every constraint group that is not relaxed, then the objective."""
        self._add_meetings()
        self._add_busy()
        if "tables" not in self.relaxed:
            self._add_tables()
        if "precedences" not in self.relaxed:
            self._add_precedences()
        self._add_breaks()
        if "fairness" not in self.relaxed and self.problem.fairness is not None:
            self._add_fairness(self.problem.fairness)
        if not self.plain:
            self._add_spans()
            if "tables" not in self.relaxed:
                self._add_slot_loads()
            self._add_symmetry_breaking()
            if self.hint:
                self._add_hint()
        if objective:
            self.model.minimize(sum(self.breaks))

    def _add_meetings(self) -> None:
        """Every meeting takes exactly one of its allowed slots."""
        for m in range(len(self.problem.meetings)):
            row = {
                s: self.model.new_bool_var(f"x{m}_{s}")
                for s in allowed_slots(self.problem, m, self.relaxed)
            }
            self.place.append(row)
            if not row:
                self._add_contradiction(f"meeting {m} has no allowed slot")
            else:
                self.model.add_exactly_one(row.values())

    def _add_contradiction(self, name: str) -> None:
        """Make the model infeasible (CP-SAT rejects an empty exactly-one as invalid)."""
        never = self.model.new_bool_var(name)
        self.model.add(never == 1)
        self.model.add(never == 0)

    def _meetings_of(self) -> list[list[int]]:
        owned: list[list[int]] = [[] for _ in range(self.problem.participants)]
        for m, meeting in enumerate(self.problem.meetings):
            for person in meeting.participants:
                owned[person].append(m)
        return owned

    def _add_busy(self) -> None:
        """A participant is busy in a slot when one of its meetings is there (one at most)."""
        for person, owned in enumerate(self._meetings_of()):
            row: dict[int, cp_model.IntVar] = {}
            for s in sorted({s for m in owned for s in self.place[m]}):
                row[s] = self.model.new_bool_var(f"busy{person}_{s}")
                self.model.add(sum(self.place[m][s] for m in owned if s in self.place[m]) == row[s])
            self.busy.append(row)

    def _add_tables(self) -> None:
        """At most ``tables`` meetings run in any slot."""
        for s in range(self.problem.slots):
            here = [row[s] for row in self.place if s in row]
            if len(here) > self.problem.tables:
                self.model.add(sum(here) <= self.problem.tables)

    def _slot_var(self, m: int) -> cp_model.LinearExprT:
        return sum(s * var for s, var in self.place[m].items())

    def _add_precedences(self) -> None:
        """A meeting comes strictly after every meeting it lists in ``after``."""
        for m, meeting in enumerate(self.problem.meetings):
            for before in meeting.after:
                self.model.add(self._slot_var(before) < self._slot_var(m))

    def _add_breaks(self) -> None:
        """Breaks of a participant = its blocks of consecutive busy slots minus one."""
        for person, row in enumerate(self.busy):
            if not row:
                self.breaks.append(self.model.new_constant(0))
                continue
            starts = []
            for s, var in row.items():
                before = row.get(s - 1)
                if before is None:
                    starts.append(var)
                    continue
                start = self.model.new_bool_var(f"start{person}_{s}")
                self.model.add_implication(start, var)
                self.model.add_implication(start, before.Not())
                self.model.add_bool_or([start, var.Not(), before])
                starts.append(start)
            low = 0 if self.plain else minimum_breaks(self.problem, person, row.keys())
            count = self.model.new_int_var(low, max(0, len(starts) - 1), f"breaks{person}")
            self.model.add(count == sum(starts) - 1)
            self.breaks.append(count)

    def _add_spans(self) -> None:
        """Implied: a participant's meetings take distinct slots within its span [first, last];
        the span holds exactly its meetings when it has no break, and more otherwise."""
        if not all(self.place):
            return
        slot = [self._slot_int(m) for m in range(len(self.problem.meetings))]
        top = self.problem.slots - 1
        for person, owned in enumerate(self._meetings_of()):
            if len(owned) <= 1:
                continue
            first = self.model.new_int_var(0, top, f"first{person}")
            last = self.model.new_int_var(0, top, f"last{person}")
            self.spans[person] = (first, last)
            self.model.add_min_equality(first, [slot[m] for m in owned])
            self.model.add_max_equality(last, [slot[m] for m in owned])
            self.model.add_all_different([slot[m] for m in owned])
            idle = last - first + 1 - len(owned)
            self.model.add(idle >= self.breaks[person])
            zero = self.model.new_bool_var(f"nobreak{person}")
            self.model.add(self.breaks[person] == 0).only_enforce_if(zero)
            self.model.add(self.breaks[person] >= 1).only_enforce_if(zero.Not())
            self.model.add(idle >= 1).only_enforce_if(zero.Not())
            self.model.add(idle == 0).only_enforce_if(zero)
            self._add_no_holes(person, zero)
            self._add_block_ends(person, len(owned))

    def _add_block_ends(self, person: int, meetings: int) -> None:
        """Implied: the busy slots number the meetings, and blocks end as often as they start."""
        row = self.busy[person]
        self.model.add(sum(row.values()) == meetings)
        ends = []
        for s, var in row.items():
            after = row.get(s + 1)
            if after is None:
                ends.append(var)
                continue
            end = self.model.new_bool_var(f"end{person}_{s}")
            self.model.add_implication(end, var)
            self.model.add_implication(end, after.Not())
            self.model.add_bool_or([end, var.Not(), after])
            ends.append(end)
        self.model.add(sum(ends) - 1 == self.breaks[person])

    def _add_no_holes(self, person: int, zero: cp_model.IntVar) -> None:
        """Implied, for unit propagation: without breaks, a slot after some meeting and
        before another is busy (prefix "started" and suffix "not ended" booleans)."""
        row = self.busy[person]
        slots = range(min(row), max(row) + 1)
        started = {s: self.model.new_bool_var(f"started{person}_{s}") for s in slots}
        pending = {s: self.model.new_bool_var(f"pending{person}_{s}") for s in slots}
        for s in slots:
            busy = [row[s]] if s in row else []
            self.model.add_bool_or(
                [started[s].Not(), *busy, *([started[s - 1]] if s - 1 in started else [])]
            )
            self.model.add_bool_or(
                [pending[s].Not(), *busy, *([pending[s + 1]] if s + 1 in pending else [])]
            )
            for var in busy:
                self.model.add_implication(var, started[s])
                self.model.add_implication(var, pending[s])
            if s - 1 in started:
                self.model.add_implication(started[s - 1], started[s])
            if s + 1 in pending:
                self.model.add_implication(pending[s + 1], pending[s])
            self.model.add_bool_or([zero.Not(), started[s].Not(), pending[s].Not(), *busy])

    def _slot_int(self, m: int) -> cp_model.IntVar:
        domain = cp_model.Domain.from_values(list(self.place[m]))
        var = self.model.new_int_var_from_domain(domain, f"slot{m}")
        self.model.add(var == self._slot_var(m))
        return var

    def _add_slot_loads(self) -> None:
        """Implied: in every slot, busy participants are at most tables x meeting size."""
        size = max((len(m.participants) for m in self.problem.meetings), default=2)
        for s in range(self.problem.slots):
            here = [row[s] for row in self.busy if s in row]
            if len(here) > size * self.problem.tables:
                self.model.add(sum(here) <= size * self.problem.tables)

    def _add_fairness(self, spread: int) -> None:
        """All break counts lie in one window [low, low + spread]."""
        low = self.model.new_int_var(0, self.problem.slots, "fair_low")
        for count in self.breaks:
            self.model.add(count >= low)
            self.model.add(count <= low + spread)

    def _add_symmetry_breaking(self) -> None:
        """Order interchangeable meetings (same shape, partners otherwise idle) by slot."""
        if self.spans and mirror_symmetric(self.problem, self.place):
            self._add_mirror_breaking()
        for first, second, strict in interchangeable_meetings(self.problem, self.relaxed):
            gap = 1 if strict else 0
            self.model.add(self._slot_var(first) + gap <= self._slot_var(second))

    def _add_mirror_breaking(self) -> None:
        """When reversing the day maps timetables to timetables, keep the busiest participant's
        span in the first half (its mirror image has the same breaks)."""
        busiest = max(self.spans, key=lambda p: len(self.busy[p]))
        start, end = self.spans[busiest]
        self.model.add(start + end <= self.problem.slots - 1)

    def _add_hint(self) -> None:
        for m, slot in enumerate(greedy_slots(self.problem, self.place)):
            if slot is not None:
                for s, var in self.place[m].items():
                    self.model.add_hint(var, s == slot)

    def breaks_range(self) -> tuple[int, int]:
        """The fewest and the most total breaks the variables' domains allow."""
        domains = [list(var.proto.domain) for var in self.breaks]
        return sum(d[0] for d in domains), sum(d[-1] for d in domains)

    def read(self, solver: cp_model.CpSolver) -> list[int | None]:
        """The slot of every meeting in the solver's solution."""
        return [next(s for s, var in row.items() if solver.value(var)) for row in self.place]


def _solver(time_limit: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = workers
    return solver


def _answer(
    problem: Timetabling,
    built: TimetablingModel,
    solver: cp_model.CpSolver,
    optimal: bool,
    bound: int,
) -> Schedule:
    slots = built.read(solver)
    breaks = count_breaks(problem, slots)
    status: Status = "optimal" if optimal else "feasible"
    return Schedule(status, tuple(slots), tuple(breaks), sum(breaks), bound)


def _solve_plain(problem: Timetabling, time_limit: float, workers: int) -> Schedule:
    """The baseline: one CP-SAT minimisation of the textbook model."""
    built = TimetablingModel(problem, plain=True)
    built.build()
    solver = _solver(time_limit, workers)
    code = solver.solve(built.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = round(solver.best_objective_bound)
        return _answer(problem, built, solver, code == cp_model.OPTIMAL, bound)
    status: Status = "infeasible" if code == cp_model.INFEASIBLE else "unknown"
    return Schedule(status, (None,) * len(problem.meetings))


FIRST_TRY_SHARE = 0.2
"""Share of the time for the first "at most the trivial lower bound" question."""
CORE_SHARE = 0.4
"""Share of the remaining time for the core-based minimisation that raises the lower bound."""


def _at_most(
    problem: Timetabling, target: int, time_limit: float, workers: int, cores: bool = False
) -> tuple[cp_model.CpSolverStatus, TimetablingModel, cp_model.CpSolver]:
    """Ask CP-SAT for a timetable with at most ``target`` breaks in total. With ``cores``, a
    core-based worker tries to prove "no" (by minimising) while the default worker looks for
    a timetable; the first timetable found ends the search."""
    built = TimetablingModel(problem, hint=False)  # the greedy hint has too many breaks
    built.build(objective=cores)
    built.model.add(sum(built.breaks) <= target)
    solver = _solver(time_limit, workers)
    if cores and workers >= 2:
        solver.parameters.subsolvers.extend(["core", "default_lp"])
        solver.parameters.stop_after_first_solution = True
    return solver.solve(built.model), built, solver


def _minimise_by_cores(problem: Timetabling, time_limit: float, workers: int) -> Schedule:
    """Minimise with CP-SAT's core-based (MaxSAT-style) search, which proves lower bounds
    fast, next to a search without LP that finds timetables."""
    built = TimetablingModel(problem)
    built.build()
    solver = _solver(time_limit, workers)
    if workers >= 2:
        solver.parameters.subsolvers.extend(["core", "no_lp"])
    code = solver.solve(built.model)
    bound = round(solver.best_objective_bound)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _answer(problem, built, solver, code == cp_model.OPTIMAL, bound)
    status: Status = "infeasible" if code == cp_model.INFEASIBLE else "unknown"
    return Schedule(status, (None,) * len(problem.meetings), bound=bound)


def _solve_strong(problem: Timetabling, time_limit: float, workers: int) -> Schedule:
    """Three steps: ask for a timetable at the trivial lower bound; else minimise by cores
    for a share of the time; then ask "at most t breaks?" for t from the proven bound up
    (SAT-UNSAT search from below): every "no" raises the bound, the first "yes" is optimal."""
    deadline = time.perf_counter() + time_limit
    probe = TimetablingModel(problem)
    probe.build(objective=False)
    low, top = probe.breaks_range()
    code, built, solver = _at_most(problem, low, time_limit * FIRST_TRY_SHARE, workers)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _answer(problem, built, solver, True, low)
    best = _minimise_by_cores(problem, (deadline - time.perf_counter()) * CORE_SHARE, workers)
    if best.status in ("optimal", "infeasible"):
        return best
    target = max(low + (code == cp_model.INFEASIBLE), best.bound or 0)
    ceiling = top if best.total_breaks is None else best.total_breaks - 1
    while target <= ceiling and (left := deadline - time.perf_counter()) > 0:
        code, built, solver = _at_most(problem, target, left, workers, cores=True)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return _answer(problem, built, solver, True, target)
        if code != cp_model.INFEASIBLE:
            break
        target += 1
    if target > ceiling:
        if best.total_breaks is None:
            return Schedule("infeasible", (None,) * len(problem.meetings))
        return replace(best, status="optimal", bound=best.total_breaks)
    return replace(best, bound=target)


def solve_timetabling(
    problem: Timetabling,
    time_limit: float = 60.0,
    workers: int = 2,
    plain: bool = False,
    diagnose: bool = True,
) -> Schedule:
    """Solve ``problem`` to proven optimality within ``time_limit`` seconds when possible.

    ``plain`` selects the baseline model. When the problem is infeasible and ``diagnose`` is
    set, the answer names the constraint groups whose removal makes it feasible.
    """
    started = time.perf_counter()
    if plain:
        result = _solve_plain(problem, time_limit, workers)
    else:
        result = _solve_strong(problem, time_limit, workers)
    blamed: tuple[str, ...] = ()
    if result.status == "infeasible" and diagnose:
        left = max(1.0, time_limit - (time.perf_counter() - started))
        blamed = diagnose_infeasibility(problem, left, workers)
    seconds = time.perf_counter() - started
    return replace(result, seconds=seconds, blamed=blamed)
