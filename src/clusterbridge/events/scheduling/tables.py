"""Give every scheduled meeting a real table, keeping people where they sit.

People hate walking: the assignment minimises table changes (a participant whose consecutive
meetings are at different tables changes once). A greedy goes slot by slot and solves a small
min-cost flow per slot that keeps as many people as possible at their previous table; sweeps
then reseat one slot at a time against both neighbours until nothing improves (a 10,000
meeting event takes a few seconds); on small events CP-SAT finishes the job and proves the
minimum. The checks first make sure an assignment exists and say why not otherwise.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events.scheduling.problem import Table
from clusterbridge.events.scheduling.schedule import Status

NO_ASSIGNMENT = "no table assignment exists"
FULL_MODEL_LIMIT = 2_000
"""Largest number of variables (meetings plus consecutive pairs) for which CP-SAT runs after
the greedy and the sweeps: beyond a few hundred meetings it found next to nothing in 30 s."""
STAY_BONUS = 100
"""Flow cost of one participant keeping its table: more than any tie-break (at most 5 for
taking a table someone still to meet sat at last, 1 for leaving a meeting's table)."""


@dataclass(frozen=True)
class TableAssignment:
    """Per meeting, the index of its table in the event's tables (None: the meeting has no
    slot); the total number of table changes; "optimal" when that total is proven minimal."""

    tables: tuple[int | None, ...]
    changes: int
    status: Status


@dataclass
class TableRules:
    """A checked table-assignment problem: per meeting the tables it may use, the scheduled
    meetings by slot, and the consecutive meeting pairs of participants (with how many
    participants each pair carries)."""

    meetings: Sequence[tuple[int, ...]]
    tables: Sequence[Table]
    booths: frozenset[int]
    allowed: list[tuple[int, ...]]
    by_slot: dict[int, list[int]]
    pairs: list[tuple[int, int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        sets: dict[int, frozenset[int]] = {}
        for row in self.allowed:
            if id(row) not in sets:
                sets[id(row)] = frozenset(row)
        self.allowed_sets = [sets[id(row)] for row in self.allowed]
        self.free_tables = [t for t in range(len(self.tables)) if t not in self.booths]
        self.free_capacities = sorted({self.tables[t].capacity for t in self.free_tables})
        self._at_booth = {m for m, row in enumerate(self.allowed) if row and row[0] in self.booths}

    @classmethod
    def check(
        cls,
        meetings: Sequence[tuple[int, ...]],
        slots: Sequence[int | None],
        tables: Sequence[Table],
        booths: Sequence[int | None],
    ) -> TableRules:
        """Check that an assignment exists and index the problem; InvalidInput otherwise."""
        if len(slots) != len(meetings):
            problem = Problem(f"{len(slots)} slots given for {len(meetings)} meetings")
            raise InvalidInput([problem], summary=NO_ASSIGNMENT)
        booth_of = _booth_of(booths, tables)
        problems: list[str] = []
        by_slot: dict[int, list[int]] = defaultdict(list)
        allowed: list[tuple[int, ...]] = []
        free = [t for t in range(len(tables)) if t not in set(booth_of.values())]
        shared: dict[int, tuple[int, ...]] = {}
        for m, (people, slot) in enumerate(zip(meetings, slots, strict=True)):
            row, wrong = _allowed_tables(m, people, slot, tables, booth_of, free, shared)
            problems.extend([wrong] if wrong else [])
            allowed.append(row)
            if slot is not None:
                by_slot[slot].append(m)
        rules = cls(meetings, tables, frozenset(booth_of.values()), allowed, dict(by_slot))
        for slot, here in sorted(by_slot.items()):
            problems.extend(rules.slot_problems(slot, here))
        if problems:
            raise InvalidInput([Problem(p) for p in problems], summary=NO_ASSIGNMENT)
        rules.pairs = _consecutive_pairs(meetings, slots)
        return rules

    def slot_problems(self, slot: int, here: list[int]) -> list[str]:
        """One meeting per participant, a booth for every meeting of booth holders, and, by
        Hall's condition for nested capacities, for every size k as many tables that are not
        booths seating k or more as meetings of k or more people without a booth holder."""
        seen = Counter(p for m in here for p in set(self.meetings[m]))
        found = [
            f"participant {p + 1} has {count} meetings in slot {slot + 1}"
            for p, count in sorted(seen.items())
            if count > 1
        ]
        host: dict[int, int] = {}
        found.extend(
            f"slot {slot + 1}: the booths of meeting {m + 1} host other meetings"
            for m in here
            if self.has_booth(m) and not _seat_at_booth(m, self.allowed, host, set())
        )
        sizes = [len(self.meetings[m]) for m in here if self.allowed[m] and not self.has_booth(m)]
        free = [self.tables[t].capacity for t in self.free_tables]
        for k in sorted(set(sizes), reverse=True):
            need, have = sum(s >= k for s in sizes), sum(c >= k for c in free)
            if need > have:
                seated = "" if k <= min(free, default=0) else f" seating {k} or more"
                tables = "table" if have == 1 else "tables"
                found.append(f"slot {slot + 1} has {need} meetings for {have} {tables}{seated}")
                break
        return found

    def scheduled(self) -> list[int]:
        """The meetings that have a slot."""
        return [m for here in self.by_slot.values() for m in here]

    def has_booth(self, meeting: int) -> bool:
        """Whether ``meeting`` is held at a booth (one of its participants holds one)."""
        return meeting in self._at_booth

    def forced_changes(self) -> int:
        """A lower bound: consecutive meetings that share no allowed table (a booth and
        another table, or two booths) force a change whatever the assignment."""
        return sum(
            people
            for first, second, people in self.pairs
            if self.allowed_sets[first].isdisjoint(self.allowed_sets[second])
        )

    def model_size(self) -> int:
        """Variables of the exact model: a table per meeting and a boolean per pair."""
        return len(self.scheduled()) + len(self.pairs)


def _booth_of(booths: Sequence[int | None], tables: Sequence[Table]) -> dict[int, int]:
    """Per participant holding a booth, the booth's table (several may share one)."""
    wrong = [
        Problem(f"participant {person + 1}: booth {booth + 1} is not a table")
        for person, booth in enumerate(booths)
        if booth is not None and not 0 <= booth < len(tables)
    ]
    if wrong:
        raise InvalidInput(wrong, summary=NO_ASSIGNMENT)
    return {person: booth for person, booth in enumerate(booths) if booth is not None}


def _seat_at_booth(
    meeting: int, allowed: list[tuple[int, ...]], host: dict[int, int], seen: set[int]
) -> bool:
    """Kuhn's augmenting path: seat ``meeting`` at one of its booths, moving the meetings
    already seated (``host``: booth -> meeting) to their other booths if need be. Only shared
    booths and meetings of several holders make this more than a lookup."""
    for booth in allowed[meeting]:
        if booth not in seen:
            seen.add(booth)
            if booth not in host or _seat_at_booth(host[booth], allowed, host, seen):
                host[booth] = meeting
                return True
    return False


def _allowed_tables(
    m: int,
    people: tuple[int, ...],
    slot: int | None,
    tables: Sequence[Table],
    booths: dict[int, int],
    free: list[int],
    shared: dict[int, tuple[int, ...]],
) -> tuple[tuple[int, ...], str | None]:
    """The tables meeting ``m`` may use (none without a slot): its participants' booths when
    some hold one, otherwise every ``free`` table (not a booth); only those seating everybody.
    Also what is wrong when there is none. Meetings without a booth holder share one tuple
    per size (``shared``), which keeps large events small in memory."""
    if slot is None:
        return (), None
    if slot < 0:
        return (), f"meeting {m + 1}: slot {slot + 1} does not exist"
    if not people or min(people) < 0:
        return (), f"meeting {m + 1} has no participants or a negative participant number"
    own = sorted({booths[p] for p in people if p in booths})
    pool = own or free
    if own:
        fitting = tuple(t for t in own if tables[t].capacity >= len(people))
    elif len(people) not in shared:
        fitting = shared[len(people)] = tuple(t for t in free if tables[t].capacity >= len(people))
    else:
        fitting = shared[len(people)]
    if fitting:
        return fitting, None
    if not pool:
        return (), f"meeting {m + 1} has no booth holder and every table is a booth"
    most = max(tables[t].capacity for t in pool)
    where = "its participants' booths seat at most" if own else "no table has more than"
    return (), f"meeting {m + 1} needs {len(people)} seats, {where} {most}"


def _consecutive_pairs(
    meetings: Sequence[tuple[int, ...]], slots: Sequence[int | None]
) -> list[tuple[int, int, int]]:
    """Each (earlier, later) pair of consecutive meetings of some participant, and how many
    participants have it."""
    held: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m, (people, slot) in enumerate(zip(meetings, slots, strict=True)):
        if slot is not None:
            for person in set(people):
                held[person].append((slot, m))
    pairs: Counter[tuple[int, int]] = Counter()
    for row in held.values():
        row.sort()
        pairs.update((a[1], b[1]) for a, b in itertools.pairwise(row))
    return [(a, b, people) for (a, b), people in sorted(pairs.items())]


def assign_tables(
    meetings: Sequence[tuple[int, ...]],
    slots: Sequence[int | None],
    tables: Sequence[Table],
    booths: Sequence[int | None] = (),
    time_limit: float = 10.0,
) -> TableAssignment:
    """Give each scheduled meeting a table seating all its participants, one meeting per
    table and slot; booth holders meet at their booth (a meeting of two holders at one of
    theirs) and a booth hosts only its holder; minimise the total number of table changes.

    Raises InvalidInput, naming the slot or meeting, when no assignment exists.
    """
    deadline = time.perf_counter() + time_limit
    rules = TableRules.check(meetings, slots, tables, booths)
    assigned = _greedy(rules)
    changes = count_changes(meetings, slots, assigned)
    while changes > rules.forced_changes() and time.perf_counter() < deadline:
        better = _sweep(rules, assigned)
        found = count_changes(meetings, slots, better)
        if found >= changes:
            break
        assigned, changes = better, found
    if changes == rules.forced_changes():
        return TableAssignment(tuple(assigned), changes, "optimal")
    if rules.model_size() > FULL_MODEL_LIMIT or time.perf_counter() >= deadline:
        return TableAssignment(tuple(assigned), changes, "feasible")
    better, proven = _improve(rules, assigned, deadline)
    found = count_changes(meetings, slots, better)
    if found <= changes:
        assigned, changes = better, found
    return TableAssignment(tuple(assigned), changes, "optimal" if proven else "feasible")


def count_changes(
    meetings: Sequence[tuple[int, ...]],
    slots: Sequence[int | None],
    tables: Sequence[int | None],
) -> int:
    """The table changes of everybody: consecutive meetings of a participant (in slot order)
    held at different tables count one each."""
    held: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for people, slot, table in zip(meetings, slots, tables, strict=True):
        if slot is not None:
            for person in set(people):
                held[person].append((slot, table))
    changes = 0
    for row in held.values():
        row.sort(key=lambda item: item[0])
        changes += sum(1 for a, b in itertools.pairwise(row) if a[1] != b[1])
    return changes


def _greedy(rules: TableRules) -> list[int | None]:
    """Slot by slot, seat as many people as possible at their previous table, and otherwise
    avoid tables at which people still to meet sat last."""
    assigned: list[int | None] = [None] * len(rules.meetings)
    last: dict[int, int] = {}
    left = Counter(p for m in rules.scheduled() for p in set(rules.meetings[m]))
    claims: Counter[int] = Counter()
    for slot in sorted(rules.by_slot):
        here = rules.by_slot[slot]
        prefer = [_stays(rules, m, [last.get(p) for p in set(rules.meetings[m])]) for m in here]
        taken = {t: min(claims[t], 5) for t in rules.free_tables if claims[t] > 0}
        for meeting, table in zip(here, _seat_slot(rules, here, prefer, taken), strict=True):
            assigned[meeting] = table
            for person in set(rules.meetings[meeting]):
                if person in last:
                    claims[last[person]] -= 1
                last[person] = table
                left[person] -= 1
                if left[person] > 0:
                    claims[table] += 1
    return assigned


def _sweep(rules: TableRules, assigned: Sequence[int | None]) -> list[int | None]:
    """Reseat each slot in turn, every other slot fixed, to keep the most people at the table
    of their previous and next meetings (ties: the current table): never worse."""
    current = list(assigned)
    around: dict[int, list[int]] = defaultdict(list)
    for first, second, people in rules.pairs:
        around[first].extend([second] * people)
        around[second].extend([first] * people)
    for slot in sorted(rules.by_slot):
        here = rules.by_slot[slot]
        prefer = [_stays(rules, m, [current[n] for n in around[m]], current[m]) for m in here]
        for meeting, table in zip(here, _seat_slot(rules, here, prefer, {}), strict=True):
            current[meeting] = table
    return current


def _stays(
    rules: TableRules, meeting: int, wanted: Sequence[int | None], keep: int | None = None
) -> dict[int, int]:
    """Flow costs of the tables ``meeting`` may take: minus a bonus per participant who would
    stay (``wanted`` lists one table per participant and neighbour), minus one for ``keep``."""
    costs: Counter[int] = Counter()
    for table in wanted:
        if table is not None and table in rules.allowed_sets[meeting]:
            costs[table] -= STAY_BONUS
    if keep is not None:
        costs[keep] -= 1
    return dict(costs)


def _seat_slot(
    rules: TableRules, here: list[int], prefer: list[dict[int, int]], taken: dict[int, int]
) -> list[int]:
    """One slot's tables by a min-cost flow: meeting -> preferred table at its cost, or
    meeting -> capacity class -> free table at the table's ``taken`` cost; booth meetings
    only to their booths. The per-slot check guarantees a complete flow."""
    flow = min_cost_flow.SimpleMinCostFlow()
    first_table = 2 + len(here)
    first_class = first_table + len(rules.tables)
    classes = rules.free_capacities
    direct: list[tuple[int, int, int]] = []
    via_class: list[tuple[int, int, int]] = []
    for i, meeting in enumerate(here):
        flow.add_arc_with_capacity_and_unit_cost(0, 2 + i, 1, 0)
        booth = rules.has_booth(meeting)
        for table in rules.allowed[meeting] if booth else prefer[i]:
            arc = flow.add_arc_with_capacity_and_unit_cost(
                2 + i, first_table + table, 1, prefer[i].get(table, 0)
            )
            direct.append((arc, i, table))
        for c, capacity in enumerate(classes):
            if not booth and capacity >= len(rules.meetings[meeting]):
                arc = flow.add_arc_with_capacity_and_unit_cost(2 + i, first_class + c, 1, 0)
                via_class.append((arc, i, c))
    pools: list[list[int]] = [[] for _ in classes]
    for table in rules.free_tables:
        c = classes.index(rules.tables[table].capacity)
        arc = flow.add_arc_with_capacity_and_unit_cost(
            first_class + c, first_table + table, 1, taken.get(table, 0)
        )
        pools[c].append(arc)
    for table in range(len(rules.tables)):
        flow.add_arc_with_capacity_and_unit_cost(first_table + table, 1, 1, 0)
    flow.set_node_supply(0, len(here))
    flow.set_node_supply(1, -len(here))
    if flow.solve() != flow.OPTIMAL:
        raise AssertionError("the per-slot check admitted a slot without a table assignment")
    return _read_flow(flow, len(here), first_table, direct, via_class, pools)


def _read_flow(
    flow: min_cost_flow.SimpleMinCostFlow,
    count: int,
    first_table: int,
    direct: list[tuple[int, int, int]],
    via_class: list[tuple[int, int, int]],
    pools: list[list[int]],
) -> list[int]:
    """Each meeting's table; meetings routed through a class take that class's used tables
    in any order (the cost does not depend on which meeting takes which)."""
    seats = [-1] * count
    for arc, i, table in direct:
        if flow.flow(arc):
            seats[i] = table
    taken = [[flow.head(arc) - first_table for arc in pool if flow.flow(arc)] for pool in pools]
    for arc, i, c in via_class:
        if flow.flow(arc):
            seats[i] = taken[c].pop()
    return seats


def _improve(
    rules: TableRules, hint: Sequence[int | None], deadline: float
) -> tuple[list[int | None], bool]:
    """CP-SAT: a table variable per meeting over its allowed tables, all different within a
    slot, and a "stays" boolean per consecutive pair that forces equal tables; maximise who
    stays. (A boolean per meeting and table has a far weaker relaxation.)"""
    model = cp_model.CpModel()
    allowed, hint = _first_use_order(rules, hint)
    table = [
        model.new_int_var_from_domain(cp_model.Domain.from_values(row), f"t{m}") if row else None
        for m, row in enumerate(allowed)
    ]
    for m, var in enumerate(table):
        if var is not None:
            model.add_hint(var, hint[m] or 0)
    for here in rules.by_slot.values():
        model.add_all_different([v for m in here if (v := table[m]) is not None])
    stays = []
    for first, second, people in rules.pairs:
        a, b = table[first], table[second]
        if a is not None and b is not None and allowed[first] and allowed[second]:
            stay = model.new_bool_var(f"s{first}_{second}")
            model.add(a == b).only_enforce_if(stay)
            model.add_hint(stay, hint[first] == hint[second])
            stays.append(people * stay)
    model.maximize(sum(stays))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.perf_counter())
    solver.parameters.num_workers = 2
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return list(hint), False
    found = [None if var is None else solver.value(var) for var in table]
    return found, code == cp_model.OPTIMAL


def _first_use_order(
    rules: TableRules, hint: Sequence[int | None]
) -> tuple[list[tuple[int, ...]], list[int | None]]:
    """Break the symmetry of interchangeable tables (free, same capacity): number them in
    the order of first use (meetings by slot), so the i-th meeting without a booth holder
    takes one of the first i + 1 tables of a capacity; rename the hint's tables to match."""
    same: dict[int, list[int]] = defaultdict(list)
    for table in rules.free_tables:
        same[rules.tables[table].capacity].append(table)
    rank = {table: i for row in same.values() for i, table in enumerate(row)}
    order = [m for s in sorted(rules.by_slot) for m in rules.by_slot[s] if not rules.has_booth(m)]
    allowed = list(rules.allowed)
    rename: dict[int, int] = {}
    for i, meeting in enumerate(order):
        allowed[meeting] = tuple(t for t in allowed[meeting] if rank[t] <= i)
        used = hint[meeting]
        if used is not None and used not in rename:
            row = same[rules.tables[used].capacity]
            rename[used] = row[sum(t in row for t in rename.values())]
    return allowed, [None if t is None else rename.get(t, t) for t in hint]
