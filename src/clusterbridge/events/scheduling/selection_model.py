"""The CP-SAT model of the selection problem: one boolean per request and allowed slot.

A part of the requests may be left out as variables and kept ("frozen") in given slots: the
model then decides only the others around them. The solver uses the whole model on small and
medium events, and frozen models to improve neighbourhoods of a large one.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from ortools.sat.python import cp_model

from clusterbridge.events.scheduling.selection_rules import Prepared

Bit = cp_model.IntVar | int
"""A participant's busy state in a slot: a variable, or 0/1 when frozen meetings decide it."""
Expr = cp_model.LinearExpr


def total(terms: Iterable[Expr | cp_model.IntVar | int]) -> Expr:
    """The sum of ``terms`` as one CP-SAT expression (fast, and typed)."""
    return cp_model.LinearExpr.sum(list(terms))


class SelectionModel:
    """Variables and rules of ``prepared`` for the ``free`` requests (all when None), the
    others staying in their ``frozen`` slots (None: not held). ``hard`` overrides which
    requests must be held (the fixed and required ones by default)."""

    def __init__(
        self,
        prepared: Prepared,
        free: Collection[int] | None = None,
        frozen: Sequence[int | None] | None = None,
        hard: Collection[int] | None = None,
    ) -> None:
        self.prepared = prepared
        self.hard = set(prepared.hard if hard is None else hard)
        count = len(prepared.problem.requests)
        self.free = sorted(range(count) if free is None else free)
        self.frozen: list[int | None] = list(frozen) if frozen is not None else [None] * count
        for r in self.free:
            self.frozen[r] = None
        self.model = cp_model.CpModel()
        self.place: dict[int, dict[int, cp_model.IntVar]] = {}
        self.busy: dict[int, list[Bit]] = {}
        self.breaks: dict[int, Expr] = {}
        self._held: dict[int, cp_model.IntVar] = {}
        self._frozen_busy = self._busy_of_frozen()
        self._build()

    def _busy_of_frozen(self) -> list[set[int]]:
        busy: list[set[int]] = [set() for _ in range(self.prepared.problem.participants)]
        for r, slot in enumerate(self.frozen):
            if slot is not None:
                for person in self.prepared.problem.requests[r].participants:
                    busy[person].add(slot)
        return busy

    def _build(self) -> None:
        prepared = self.prepared
        used = Counter(s for s in self.frozen if s is not None)
        for r in self.free:
            people = prepared.problem.requests[r].participants
            row = {
                s: self.model.new_bool_var(f"x{r}_{s}")
                for s in prepared.allowed[r]
                if used[s] < prepared.problem.tables
                and not any(s in self._frozen_busy[p] for p in people)
            }
            self.place[r] = row
            if r in self.hard and not row:
                self._add_contradiction(f"request {r + 1} must be held but has no slot")
            elif row:
                held = self.model.new_bool_var(f"held{r}")
                self.model.add(total(row.values()) == held)
                if r in self.hard:
                    self.model.add(held == 1)
                self._held[r] = held
        self._add_participants()
        self._add_tables(used)

    def _add_contradiction(self, name: str) -> None:
        """Make the model infeasible (CP-SAT rejects an empty exactly-one)."""
        never = self.model.new_bool_var(name)
        self.model.add(never == 1)
        self.model.add(never == 0)

    def held(self, r: int) -> Expr:
        """1 when free request ``r`` is held (a variable of its own, whose 0/1 domain gives
        CP-SAT the obvious weight bound at once)."""
        return total([self._held[r]] if r in self._held else [])

    def touched(self) -> list[int]:
        """The participants of the free requests."""
        people = {p for r in self.free for p in self.prepared.problem.requests[r].participants}
        return sorted(people)

    def _add_participants(self) -> None:
        """One meeting per participant and slot; at most its maximum of meetings."""
        prepared = self.prepared
        for person in self.touched():
            mine = [r for r in prepared.owned[person] if r in self.place]
            row: list[Bit] = []
            for s in range(prepared.problem.slots):
                here = [self.place[r][s] for r in mine if s in self.place[r]]
                if s in self._frozen_busy[person]:
                    row.append(1)
                elif not here:
                    row.append(0)
                elif len(here) == 1:
                    row.append(here[0])
                else:
                    bit = self.model.new_bool_var(f"busy{person}_{s}")
                    self.model.add(total(here) == bit)
                    row.append(bit)
            self.busy[person] = row
            room = prepared.caps[person] - len(self._frozen_busy[person])
            if len(mine) > room:
                self.model.add(total(self.held(r) for r in mine) <= room)

    def _add_tables(self, used: Counter[int]) -> None:
        """Tables per slot, tables left to meetings without a booth, one meeting per shared
        booth and slot."""
        prepared = self.prepared
        at_booth = prepared.at_booth
        open_used = Counter(
            s for r, s in enumerate(self.frozen) if s is not None and not at_booth[r]
        )
        in_slot: list[list[cp_model.IntVar]] = [[] for _ in range(prepared.problem.slots)]
        open_in_slot: list[list[cp_model.IntVar]] = [[] for _ in range(prepared.problem.slots)]
        for r, row in self.place.items():
            for s, var in row.items():
                in_slot[s].append(var)
                if not at_booth[r]:
                    open_in_slot[s].append(var)
        for s, here in enumerate(in_slot):
            if len(here) + used[s] > prepared.problem.tables:
                self.model.add(total(here) <= prepared.problem.tables - used[s])
            if len(open_in_slot[s]) + open_used[s] > prepared.open_tables:
                self.model.add(total(open_in_slot[s]) <= prepared.open_tables - open_used[s])
        for requests in prepared.shared_booths:
            for s in range(prepared.problem.slots):
                taken = sum(1 for r in requests if self.frozen[r] == s)
                here = [self.place[r][s] for r in requests if s in self.place.get(r, {})]
                if len(here) + taken > 1:
                    self.model.add(total(here) <= 1 - taken)

    def weight(self) -> Expr:
        """The total weight of the held free requests."""
        requests = self.prepared.problem.requests
        variables = list(self._held.values())
        return cp_model.LinearExpr.weighted_sum(variables, [requests[r].weight for r in self._held])

    def coverage(self) -> Expr:
        """How many touched participants, without frozen meetings, hold a free request."""
        covered = []
        for person in self.touched():
            if self._frozen_busy[person]:
                continue
            bits = [b for b in self.busy[person] if not isinstance(b, int)]
            if bits:
                has = self.model.new_bool_var(f"has{person}")
                self.model.add_bool_or(bits).only_enforce_if(has)
                covered.append(has)
        return total(covered)

    def covered_by(self, slots: Sequence[int | None]) -> int:
        """What ``coverage`` counts when the free requests take ``slots``."""
        owned = self.prepared.owned
        return sum(
            1
            for person in self.touched()
            if not self._frozen_busy[person]
            and any(slots[r] is not None for r in owned[person] if r in self.place)
        )

    def changes(self, previous: Sequence[int | None], dropped_cost: int) -> Expr:
        """Published meetings (``previous``) now moved, plus ``dropped_cost`` per dropped one:
        (held - kept) + cost x (1 - held) for each."""
        terms: list[Expr | cp_model.IntVar | int] = []
        for r in self.free:
            before = previous[r]
            if before is None:
                continue
            held = self.held(r)
            terms.append(held * (1 - dropped_cost) + dropped_cost)
            stay = self.place[r].get(before)
            if stay is not None:
                terms.append(-stay)
        return total(terms)

    def add_breaks(self) -> None:
        """Breaks of every touched participant: blocks of consecutive busy slots minus one
        (none without meetings), exact so that fairness can bound them from both sides."""
        for person, row in self.busy.items():
            variables = [b for b in row if not isinstance(b, int)]
            if not variables:
                self.breaks[person] = total([_constant_breaks(row)])
                continue
            starts = [self._start(person, s, row) for s in range(len(row))]
            any_busy = self.model.new_bool_var(f"any{person}")
            if any(isinstance(b, int) and b == 1 for b in row):
                self.model.add(any_busy == 1)
            else:
                for bit in variables:
                    self.model.add_implication(bit, any_busy)
                self.model.add_bool_or(variables).only_enforce_if(any_busy)
            count = self.model.new_int_var(0, len(row), f"breaks{person}")
            self.model.add(count == total(starts) - any_busy)
            self.breaks[person] = total([count])

    def _start(self, person: int, s: int, row: list[Bit]) -> Expr | cp_model.IntVar | int:
        """1 when a block of meetings starts at slot ``s``."""
        now, before = row[s], (row[s - 1] if s else 0)
        if isinstance(before, int):
            return now if before == 0 else 0
        if isinstance(now, int):
            return 1 - before if now == 1 else 0
        start = self.model.new_bool_var(f"start{person}_{s}")
        self.model.add_implication(start, now)
        self.model.add_implication(start, before.Not())
        self.model.add_bool_or([start, now.Not(), before])
        return start

    def add_fairness(self, spread: int, people: Collection[int], fixed: Sequence[int]) -> None:
        """Break counts of ``people`` lie in one window [low, low + spread]: the model's counts
        for touched participants, the ``fixed`` counts (per participant) for the others."""
        low = self.model.new_int_var(0, self.prepared.problem.slots, "fair_low")
        constants = [fixed[p] for p in people if p not in self.breaks]
        if constants:
            self.model.add(low <= min(constants))
            self.model.add(low + spread >= max(constants))
        for person in people:
            if person in self.breaks:
                self.model.add(low <= self.breaks[person])
                self.model.add(self.breaks[person] <= low + spread)

    def hint(self, slots: Sequence[int | None], model: cp_model.CpModel | None = None) -> None:
        """Suggest ``slots`` as a starting solution (to ``model``, a copy, when given)."""
        target = self.model if model is None else model
        target.clear_hints()  # type: ignore[no-untyped-call]
        for r, row in self.place.items():
            for s, var in row.items():
                target.add_hint(var, slots[r] == s)

    def read(self, solver: cp_model.CpSolver) -> list[int | None]:
        """The slot of every request (frozen ones as given) in the solver's solution."""
        slots = list(self.frozen)
        for r, row in self.place.items():
            slots[r] = next((s for s, var in row.items() if solver.boolean_value(var)), None)
        return slots


def _constant_breaks(row: Sequence[Bit]) -> int:
    busy = [s for s, b in enumerate(row) if b == 1]
    return sum(1 for a, b in itertools.pairwise(busy) if b - a > 1)
