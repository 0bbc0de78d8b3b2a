"""Selection for events too large for the whole CP-SAT model (thousands of participants).

1. A greedy schedule, within a second or two: a valid answer if time runs out.
2. The slot-free relaxation as a linear program: a proven weight bound, and an order (held in
   the linear optimum first) for a second greedy schedule, usually much better.
3. Fast local moves on the better one: weight (serving participants first), then breaks.
4. Neighbourhood search with CP-SAT on what time is left, alternating weight and breaks.
Meanwhile CP-SAT solves the relaxation as an integer program on the other core, for a tighter
bound. Schedules are compared in the order of the objectives (changes to a published
schedule, participants served, weight, breaks).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from clusterbridge.events.scheduling.selection_bound import (
    Rows,
    capacity_bound,
    integer_bound,
    relaxation,
)
from clusterbridge.events.scheduling.selection_greedy import Board, greedy_board
from clusterbridge.events.scheduling.selection_local import LocalSearch
from clusterbridge.events.scheduling.selection_lp import solve_linear
from clusterbridge.events.scheduling.selection_result import ranking
from clusterbridge.events.scheduling.selection_rules import Prepared
from clusterbridge.events.scheduling.selection_search import Search, Seeds

QUICK_SHARE = 0.6
"""The most of the time limit steps 1-3 may take."""
LP_SHARE = 0.8
"""The most of that time the linear relaxation may take."""
BOUND_SHARE = 0.9
"""The most of the time left after them that the integer relaxation may take (on its own
core, started only when the schedule has not reached the linear bound)."""
TURN_SECONDS = 6.0
"""How long the neighbourhood search works on weight then breaks before switching back."""

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class QuickStart:
    """A good first schedule, the proven bound found on the way, and the relaxation's rows."""

    board: Board
    bound: int
    rows: Rows | None


def quick_schedule(
    prepared: Prepared,
    start: Sequence[int | None],
    deadline: float,
    note: Progress,
    previous: Sequence[int | None] | None,
) -> QuickStart:
    """Steps 1-3 of the module docstring, within ``deadline``."""
    span = max(0.0, deadline - time.perf_counter())
    board = greedy_board(prepared, start)
    note(0.1, "relaxation")
    # Serving fewer participants than found is no option, unless a published schedule comes
    # first (then the best schedule may serve fewer, and only the plain relaxation is valid).
    served = board.covered if prepared.problem.fair_share and previous is None else 0
    rows = relaxation(prepared, served)
    bound = capacity_bound(prepared)
    if rows is not None:
        linear = solve_linear(rows, len(prepared.problem.requests), span * LP_SHARE)
        if linear is not None:
            bound = min(bound, linear.bound if linear.bound is not None else bound)
            board = _guided(prepared, start, board, linear.values, previous)
    note(0.2, "local moves")
    local = LocalSearch(board, previous)
    local.improve_weight(deadline)
    local.improve_breaks(deadline)
    return QuickStart(board, bound, rows)


def solve_large(
    prepared: Prepared,
    start: Sequence[int | None],
    deadline: float,
    workers: int,
    note: Progress,
    previous: Sequence[int | None] | None,
) -> tuple[list[int | None], int]:
    """The best schedule found by ``deadline`` and a proven bound on the weight."""
    quick_until = time.perf_counter() + (deadline - time.perf_counter()) * QUICK_SHARE
    quick = quick_schedule(prepared, start, quick_until, note, previous)
    bound, rows = quick.bound, quick.rows
    relaxed: list[int | None] = [None]
    thread = None
    if rows is not None and workers > 1 and quick.board.weight < bound:
        until = time.perf_counter() + (deadline - time.perf_counter()) * BOUND_SHARE
        hint = list(quick.board.slots)
        thread = threading.Thread(
            target=lambda: relaxed.__setitem__(0, integer_bound(rows, until, 1, hint)),
            daemon=True,
        )
        thread.start()
    # The integer relaxation, when it runs, has a core of its own.
    spare = max(1, workers - 1) if thread is not None else workers
    slots = _neighbourhoods(prepared, quick.board.slots, deadline, spare, note, previous)
    if thread is not None:
        thread.join(max(0.0, deadline - time.perf_counter()) + 2.0)
    if relaxed[0] is not None:
        bound = min(bound, relaxed[0])
    return slots, bound


def _guided(
    prepared: Prepared,
    start: Sequence[int | None],
    board: Board,
    values: Sequence[float],
    previous: Sequence[int | None] | None,
) -> Board:
    """The greedy schedule of the requests the linear optimum holds, when it beats ``board``.

    They are placed hardest first (participants with the most of them, then fewest slots), as
    in graph colouring: placing them by weight left a few unplaced, and with them a few
    participants without a meeting. The others follow by their value, then weight."""
    requests = prepared.problem.requests
    chosen = [r for r, value in enumerate(values) if value > 0.5]
    load = Counter(p for r in chosen for p in requests[r].participants)

    def hardest(r: int) -> tuple[int, int, int]:
        people = requests[r].participants
        return (-max(load[p] for p in people), len(prepared.allowed[r]), -requests[r].weight)

    rest = [r for r, value in enumerate(values) if value <= 0.5]
    rest.sort(key=lambda r: (-round(values[r], 3), -requests[r].weight))
    guided = greedy_board(prepared, start, sorted(chosen, key=hardest) + rest, share_first=False)
    if ranking(prepared, guided.slots, previous) > ranking(prepared, board.slots, previous):
        return guided
    return board


def _neighbourhoods(
    prepared: Prepared,
    slots: list[int | None],
    deadline: float,
    workers: int,
    note: Progress,
    previous: Sequence[int | None] | None,
) -> list[int | None]:
    """CP-SAT on neighbourhoods until the deadline: weight, then breaks, in turns."""
    search = Search(prepared, slots, previous)
    seeds = Seeds(prepared, search)
    began = time.perf_counter()
    while (left := deadline - time.perf_counter()) > 0.5:
        note(
            0.5 + 0.5 * (time.perf_counter() - began) / max(1e-9, deadline - began),
            "neighbourhoods",
        )
        turn = min(left, TURN_SECONDS)
        search.run(seeds.for_weight, time.perf_counter() + turn / 2, workers)
        search.run(seeds.for_breaks, time.perf_counter() + turn / 2, workers, breaks=True)
    return search.slots
