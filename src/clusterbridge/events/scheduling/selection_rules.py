"""The rules of the selection problem, in one place for the solver and for the checker.

``check_selection`` lists every broken rule in words, so tests and users never have to trust a
solver's own report; ``prepare`` computes, once, what every solver step needs (allowed slots per
request, requests per participant, capacities) and rejects malformed problems with a message.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events.scheduling.problem import Request, SelectionProblem, Session
from clusterbridge.events.scheduling.schedule import participant_breaks


def request_weight(priorities: Sequence[int]) -> int:
    """The value of holding a request asked for with these priorities (1 low .. 3 high), one per
    side that asked: one side weighs its priority; both sides weigh 3 + the sum, so every mutual
    request (at least 5) outweighs every one-sided one (at most 3)."""
    if not priorities or len(priorities) > 2:
        raise InvalidInput([Problem(f"a request has 1 or 2 priorities, not {len(priorities)}")])
    for priority in priorities:
        if priority not in (1, 2, 3):
            raise InvalidInput([Problem("a priority must be 1, 2 or 3", value=str(priority))])
    return priorities[0] if len(priorities) == 1 else 3 + sum(priorities)


def request_slots(problem: SelectionProblem, request: Request) -> list[int]:
    """The slots ``request`` may take: its session and window, no participant's forbidden slot,
    and only its fixed slot when it has one."""
    first, last = 0, problem.slots
    if request.session is Session.MORNING:
        last = problem.morning_slots
    elif request.session is Session.AFTERNOON:
        first = problem.morning_slots
    if request.window is not None:
        first, last = max(first, request.window[0]), min(last, request.window[1])
    allowed = set(range(first, last))
    for person in request.participants:
        allowed -= problem.forbidden_for(person)
    if request.fixed_slot is not None:
        allowed &= {request.fixed_slot}
    return sorted(allowed)


@dataclass(frozen=True)
class Prepared:
    """What every solver step needs, computed once: per request its allowed slots and whether
    a booth holder takes part; per participant its requests and its meeting limit; the tables
    left to meetings without a booth (tables minus distinct booths); per booth shared by
    several participants, its requests, of which at most one may run per slot (a meeting
    between holders of two different booths counts for both: a safe simplification)."""

    problem: SelectionProblem
    allowed: tuple[tuple[int, ...], ...]
    owned: tuple[tuple[int, ...], ...]
    caps: tuple[int, ...]
    at_booth: tuple[bool, ...]
    open_tables: int
    shared_booths: tuple[tuple[int, ...], ...]

    @property
    def hard(self) -> tuple[int, ...]:
        """The requests that must be held: fixed or required."""
        requests = self.problem.requests
        return tuple(r for r, q in enumerate(requests) if q.required or q.fixed_slot is not None)


def prepare(problem: SelectionProblem) -> Prepared:
    """Validate ``problem`` (InvalidInput naming every fault) and compute the solver's tables."""
    faults = _faults(problem)
    if faults:
        raise InvalidInput([Problem(f, file=problem.name) for f in faults])
    owned: list[list[int]] = [[] for _ in range(problem.participants)]
    for r, request in enumerate(problem.requests):
        for person in request.participants:
            owned[person].append(r)
    holders: defaultdict[int, list[int]] = defaultdict(list)
    for person in range(problem.participants):
        booth = problem.booth_of(person)
        if booth is not None:
            holders[booth].append(person)
    shared = [
        tuple(sorted({r for p in people for r in owned[p]}))
        for _, people in sorted(holders.items())
        if len(people) > 1
    ]
    return Prepared(
        problem=problem,
        allowed=tuple(tuple(request_slots(problem, q)) for q in problem.requests),
        owned=tuple(tuple(row) for row in owned),
        caps=tuple(problem.max_meetings_of(p) for p in range(problem.participants)),
        at_booth=tuple(
            any(problem.booth_of(p) is not None for p in q.participants) for q in problem.requests
        ),
        open_tables=problem.tables - len(holders),
        shared_booths=tuple(shared),
    )


def _faults(problem: SelectionProblem) -> list[str]:
    """Every way ``problem`` is malformed, in words."""
    faults: list[str] = []
    if problem.slots < 1 or not 0 <= problem.morning_slots <= problem.slots:
        faults.append(f"{problem.slots} slots with {problem.morning_slots} in the morning")
    booths = {b for b in problem.booths if b is not None}
    if problem.tables < len(booths):
        faults.append(f"{len(booths)} booths but only {problem.tables} tables")
    for person, limit in enumerate(problem.max_meetings):
        if limit is not None and limit < 0:
            faults.append(f"participant {person + 1}: negative maximum of meetings {limit}")
    for number, request in enumerate(problem.requests, 1):
        faults.extend(f"request {number}: {f}" for f in _request_faults(problem, request))
    return faults


def _request_faults(problem: SelectionProblem, request: Request) -> list[str]:
    people = request.participants
    faults: list[str] = []
    if len(people) < 2 or len(set(people)) != len(people):
        faults.append(f"needs two or more different participants, has {list(people)}")
    faults.extend(
        f"participant {p + 1} does not exist ({problem.participants} participants)"
        for p in people
        if not 0 <= p < problem.participants
    )
    if request.weight < 0:
        faults.append(f"negative weight {request.weight}")
    if request.fixed_slot is not None and not 0 <= request.fixed_slot < problem.slots:
        faults.append(f"fixed slot {request.fixed_slot + 1} does not exist")
    if request.window is not None:
        first, last = request.window
        if not 0 <= first < last <= problem.slots:
            faults.append(f"window {first + 1}..{last} is not within slots 1..{problem.slots}")
    return faults


def busy_of(prepared: Prepared, slots: Sequence[int | None]) -> list[list[int]]:
    """Per participant, the sorted slots of its held meetings."""
    busy: list[list[int]] = [[] for _ in range(prepared.problem.participants)]
    for request, slot in zip(prepared.problem.requests, slots, strict=True):
        if slot is not None:
            for person in request.participants:
                busy[person].append(slot)
    return [sorted(row) for row in busy]


def selection_breaks(prepared: Prepared, slots: Sequence[int | None]) -> list[int]:
    """Every participant's breaks under ``slots``."""
    return [participant_breaks(row) for row in busy_of(prepared, slots)]


def without_meeting(prepared: Prepared, slots: Sequence[int | None]) -> tuple[int, ...]:
    """The participants with at least one request and no held meeting."""
    busy = busy_of(prepared, slots)
    return tuple(p for p, row in enumerate(prepared.owned) if row and not busy[p])


def check_selection(problem: SelectionProblem, slots: Sequence[int | None]) -> list[str]:
    """Every rule ``slots`` (a slot or None per request) breaks, in words; empty when valid.

    The rules: a held request in an existing slot of its session and window, free for all its
    participants; fixed requests held in their slot, required ones held; one meeting per
    participant and slot, at most its maximum of meetings; per slot at most ``tables``
    meetings, of them at most tables - booths without a booth holder, one per shared booth;
    and with ``fairness``, break counts of the participants with requests within it.
    """
    if len(slots) != len(problem.requests):
        return [f"{len(slots)} slots given for {len(problem.requests)} requests"]
    prepared = prepare(problem)
    broken: list[str] = []
    for r, (request, slot) in enumerate(zip(problem.requests, slots, strict=True)):
        broken.extend(_request_rules(prepared, r, request, slot))
    broken.extend(_capacity_rules(prepared, slots))
    busy = busy_of(prepared, slots)
    for person, row in enumerate(busy):
        for slot, count in sorted(Counter(row).items()):
            if count > 1:
                broken.append(f"participant {person + 1} has {count} meetings in slot {slot + 1}")
        if len(row) > prepared.caps[person]:
            broken.append(
                f"participant {person + 1} has {len(row)} meetings, more than its maximum "
                f"{prepared.caps[person]}"
            )
    if problem.fairness is not None:
        breaks = [participant_breaks(busy[p]) for p, row in enumerate(prepared.owned) if row]
        if breaks and max(breaks) - min(breaks) > problem.fairness:
            spread = max(breaks) - min(breaks)
            broken.append(
                f"break counts differ by {spread}, more than the fairness bound {problem.fairness}"
            )
    return broken


def _request_rules(prepared: Prepared, r: int, request: Request, slot: int | None) -> list[str]:
    number = r + 1
    if slot is None:
        if request.fixed_slot is not None:
            return [f"request {number} is fixed to slot {request.fixed_slot + 1} but not held"]
        return [f"request {number} is required but not held"] if request.required else []
    if not 0 <= slot < prepared.problem.slots:
        return [f"request {number}: slot {slot + 1} does not exist"]
    if request.fixed_slot is not None and slot != request.fixed_slot:
        return [f"request {number} is fixed to slot {request.fixed_slot + 1}, not {slot + 1}"]
    if slot in prepared.allowed[r]:
        return []
    for person in request.participants:
        if slot in prepared.problem.forbidden_for(person):
            return [f"request {number}: slot {slot + 1} is forbidden to {person + 1}"]
    return [f"request {number}: slot {slot + 1} is outside its session or window"]


def _capacity_rules(prepared: Prepared, slots: Sequence[int | None]) -> list[str]:
    broken: list[str] = []
    tables = prepared.problem.tables
    per_slot = Counter(s for s in slots if s is not None)
    open_slot = Counter(
        s for r, s in enumerate(slots) if s is not None and not prepared.at_booth[r]
    )
    for slot, count in sorted(per_slot.items()):
        if count > tables:
            broken.append(f"slot {slot + 1} has {count} meetings for {tables} tables")
        if open_slot[slot] > prepared.open_tables:
            broken.append(
                f"slot {slot + 1} has {open_slot[slot]} meetings without a booth for "
                f"{prepared.open_tables} tables that are not booths"
            )
    for requests in prepared.shared_booths:
        shared = Counter(slots[r] for r in requests if slots[r] is not None)
        for slot, count in sorted((s, c) for s, c in shared.items() if s is not None):
            if count > 1:
                broken.append(f"a shared booth has {count} meetings in slot {slot + 1}")
    return broken
