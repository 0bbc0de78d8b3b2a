"""Large, realistic B2B events for benchmarks: the same seed always gives the same event.

What makes them realistic, after what brokerage events report: popularity is heavy-tailed (a
few participants, exhibitors above all, receive dozens of requests while most receive a few),
about a quarter of requests are mutual, priorities lean to the middle, most participants want
8 to 16 meetings, and availability has gaps (late arrivals, early departures, a day skipped, an
hour blocked for a talk). Exhibitors keep a booth. Requests exceed what the popular
participants can accept, so the solver has to choose.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from dataclasses import replace

from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events.scheduling.problem import Request, SelectionProblem
from clusterbridge.events.scheduling.selection import request_weight

MUTUAL_SHARE = 0.25
"""Share of requests both sides asked for."""
PRIORITIES = (1, 2, 3)
PRIORITY_ODDS = (1, 2, 1)
"""Priorities 1 (low) to 3 (high), skewed to 2."""
EXHIBITOR_SHARE = 0.01
"""Share of participants holding a booth (at most a tenth of the tables)."""
POPULARITY_TAIL = 2.5
"""Pareto shape of how often a participant is asked: lower means a heavier tail."""


def generate_event(
    participants: int,
    requests: int,
    slots: int = 32,
    days: int = 2,
    tables: int = 350,
    seed: int = 0,
) -> SelectionProblem:
    """A matchmaking event of ``participants`` and ``requests`` (distinct pairs) over ``days``
    days of equal numbers of ``slots``; deterministic for ``seed``.

    The event has no sessions: ``morning_slots`` marks the end of the first day.
    """
    _check_sizes(participants, requests, slots, days, tables)
    rng = random.Random(seed)
    exhibitors = rng.sample(range(participants), _exhibitor_count(participants, tables))
    booths: list[int | None] = [None] * participants
    for table, person in enumerate(sorted(exhibitors)):
        booths[person] = table
    popularity = [rng.paretovariate(POPULARITY_TAIL) for _ in range(participants)]
    for person in exhibitors:
        popularity[person] *= 2
    activity = [rng.lognormvariate(0, 0.8) for _ in range(participants)]
    made = _requests(rng, requests, _cumulative(activity), _cumulative(popularity), set())
    day_ends = [(d + 1) * slots // days for d in range(days)]
    return SelectionProblem(
        name=f"generated-{participants}-{requests}-seed{seed}",
        participants=participants,
        slots=slots,
        morning_slots=day_ends[0] if days > 1 else slots // 2,
        tables=tables,
        requests=tuple(made),
        forbidden=tuple(
            frozenset() if booths[p] is not None else _unavailable(rng, day_ends)
            for p in range(participants)
        ),
        max_meetings=tuple(
            _meeting_limit(rng, slots, booths[p] is not None) for p in range(participants)
        ),
        booths=tuple(booths),
    )


def change_requests(
    problem: SelectionProblem, fraction: float, seed: int = 0
) -> tuple[SelectionProblem, tuple[int | None, ...]]:
    """The event after about ``fraction`` of its requests changed: half of them cancelled,
    as many new ones added (appended, between participants drawn uniformly), and one
    participant with requests and no booth arriving late (its first four available slots
    become forbidden).

    Also returns, per request of the changed event, its index in ``problem`` (None: new), so
    a published schedule carries over with ``carried_over``.
    """
    rng = random.Random(f"change-{seed}")
    changes = max(1, round(fraction * len(problem.requests))) if fraction > 0 else 0
    cancelled = set(rng.sample(range(len(problem.requests)), changes // 2))
    kept = [r for r in range(len(problem.requests)) if r not in cancelled]
    taken = {frozenset(q.participants) for q in problem.requests}
    if len(taken) + changes > problem.participants * (problem.participants - 1) // 2:
        raise InvalidInput([Problem(f"{problem.name}: no room for {changes} new requests")])
    everyone = _cumulative([1.0] * problem.participants)
    added = _requests(rng, changes - len(cancelled), everyone, everyone, taken)
    forbidden = [problem.forbidden_for(p) for p in range(problem.participants)]
    candidates = [
        p
        for p, count in enumerate(_involved(problem))
        if count and problem.booth_of(p) is None and problem.slots - len(forbidden[p]) > 4
    ]
    if candidates:
        late = rng.choice(candidates)
        present = sorted(set(range(problem.slots)) - forbidden[late])
        forbidden[late] = forbidden[late] | frozenset(present[:4])
    changed = replace(
        problem,
        name=f"{problem.name}-changed{seed}",
        requests=tuple(problem.requests[r] for r in kept) + tuple(added),
        forbidden=tuple(forbidden),
    )
    mapping: tuple[int | None, ...] = (*kept, *[None] * len(added))
    return changed, mapping


def carried_over(
    mapping: Sequence[int | None], published: Sequence[int | None]
) -> tuple[int | None, ...]:
    """Per request of a changed event, its slot in the published schedule (None: new or not
    held): what the solver's ``previous`` expects."""
    return tuple(None if old is None else published[old] for old in mapping)


def _check_sizes(participants: int, requests: int, slots: int, days: int, tables: int) -> None:
    problems = []
    if participants < 2:
        problems.append(f"an event needs two or more participants, not {participants}")
    if requests > participants * (participants - 1) // 2:
        problems.append(f"{participants} participants cannot make {requests} distinct requests")
    if not 1 <= days <= slots:
        problems.append(f"{slots} slots cannot be spread over {days} days")
    if tables < 1 or requests < 0:
        problems.append("an event needs at least one table and no negative number of requests")
    if problems:
        raise InvalidInput([Problem(p) for p in problems])


def _exhibitor_count(participants: int, tables: int) -> int:
    return min(round(participants * EXHIBITOR_SHARE), tables // 10)


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    """A participant drawn in proportion to its weight."""
    return min(bisect.bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


def _requests(
    rng: random.Random,
    count: int,
    asking: list[float],
    asked: list[float],
    taken: set[frozenset[int]],
) -> list[Request]:
    """``count`` requests between new pairs: the asking side drawn by activity, the asked
    side by popularity; a quarter mutual, weighted by ``request_weight``."""
    made: list[Request] = []
    while len(made) < count:
        first, second = _pick(rng, asking), _pick(rng, asked)
        pair = frozenset((first, second))
        if first == second or pair in taken:
            continue
        taken.add(pair)
        sides = 2 if rng.random() < MUTUAL_SHARE else 1
        priorities = rng.choices(PRIORITIES, PRIORITY_ODDS, k=sides)
        made.append(Request((first, second), weight=request_weight(priorities)))
    return made


def _unavailable(rng: random.Random, day_ends: list[int]) -> frozenset[int]:
    """The slots a participant cannot meet in: days it skips (a 2-day event: one in eight
    comes for one day; longer fairs: 70 % come for one or two), a late arrival or an early
    departure (one in ten each, 1-4 slots), and a blocked hour (one in ten, 1-3 slots)."""
    days = len(day_ends)
    starts = [0, *day_ends[:-1]]
    every_day = days == 1 or rng.random() < (0.875 if days == 2 else 0.3)
    span = days if every_day else rng.randint(1, min(2, days - 1))
    first_day = rng.randint(0, days - span)
    present = set(range(starts[first_day], day_ends[first_day + span - 1]))
    first, last = min(present), max(present)
    if rng.random() < 0.1:
        present -= set(range(first, first + rng.randint(1, 4)))
    if rng.random() < 0.1:
        present -= set(range(last - rng.randint(0, 3), last + 1))
    if rng.random() < 0.1:
        block = rng.randint(first, last)
        present -= set(range(block, block + rng.randint(1, 3)))
    if not present:
        present = {first}
    return frozenset(range(day_ends[-1])) - present


def _meeting_limit(rng: random.Random, slots: int, exhibitor: bool) -> int:
    """Most want 8-16 meetings, some fewer (4-7), a few more (17-24); exhibitors 16-24."""
    draw = rng.random()
    if exhibitor:
        limit = rng.randint(16, 24)
    elif draw < 0.8:
        limit = rng.randint(8, 16)
    elif draw < 0.9:
        limit = rng.randint(4, 7)
    else:
        limit = rng.randint(17, 24)
    return min(limit, slots)


def _involved(problem: SelectionProblem) -> list[int]:
    """Per participant, how many requests it takes part in."""
    count = [0] * problem.participants
    for request in problem.requests:
        for person in request.participants:
            count[person] += 1
    return count
