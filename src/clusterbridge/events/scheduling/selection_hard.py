"""The starting point every solver step builds on: hard requests and published meetings.

Fixed and required requests must be held; when re-optimising, the published meetings that
still fit stay in their slots. When the greedy placement cannot hold every hard request,
CP-SAT searches for a placement of those alone, and when there is none, the groups at fault are
named for the user.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from clusterbridge.events.scheduling.selection_greedy import Board
from clusterbridge.events.scheduling.selection_model import SelectionModel
from clusterbridge.events.scheduling.selection_rules import Prepared


def keep_previous(prepared: Prepared, previous: Sequence[int | None] | None, board: Board) -> None:
    """Put every published meeting that still fits back in its slot, hard requests first."""
    if previous is None:
        return
    hard = set(prepared.hard)
    order = sorted(range(len(previous)), key=lambda r: r not in hard)
    spread = prepared.problem.fairness
    for r in order:
        slot = previous[r]
        if slot is not None and board.slots[r] is None and board.options(r) >> slot & 1:
            board.put(r, slot)
            people = prepared.problem.requests[r].participants
            if spread is not None and any(board.breaks_of(p) > spread for p in people):
                board.take(r)


def greedy_hard(prepared: Prepared, previous: Sequence[int | None] | None) -> Board:
    """Fixed requests, published meetings that still fit, then required requests."""
    board = Board(prepared)
    requests = prepared.problem.requests
    for r in prepared.hard:
        slot = requests[r].fixed_slot
        if slot is not None and board.options(r) >> slot & 1:
            board.put(r, slot)
    keep_previous(prepared, previous, board)
    for r in prepared.hard:
        if board.slots[r] is None:
            board.try_place(r)
    return board


def place_hard(
    prepared: Prepared,
    previous: Sequence[int | None] | None,
    time_limit: float,
    workers: int,
    whole: bool,
) -> tuple[list[int | None] | None, str]:
    """A partial schedule holding every hard request (and the published meetings that fit),
    or None with the reason why none exists ("" when unknown: time ran out, or, on an event
    too large for the ``whole`` model, the fairness bound could not be met).

    With a fairness bound, other meetings may close the gaps between hard ones, so only the
    ``whole`` model (every request optional) can prove that no schedule exists."""
    board = greedy_hard(prepared, previous)
    spread = prepared.problem.fairness
    fair = spread is None or all(board.breaks_of(p) <= spread for p in range(len(board.busy)))
    if fair and all(board.slots[r] is not None for r in prepared.hard):
        return board.slots, ""
    optional = whole and spread is not None
    found = hard_placement(prepared, set(prepared.hard), time_limit, workers, optional=optional)
    if found is None or (found is False and spread is not None and not whole):
        return None, ""
    if found is False:
        return None, diagnose(prepared, time_limit, workers)
    assert isinstance(found, list)
    board = Board(prepared, found)
    keep_previous(prepared, previous, board)
    return board.slots, ""


def hard_placement(
    prepared: Prepared,
    hard: set[int],
    time_limit: float,
    workers: int,
    fair: bool = True,
    optional: bool = False,
) -> list[int | None] | bool | None:
    """Slots holding the ``hard`` requests (with the others when ``optional``, else alone),
    within the fairness bound when ``fair``; False when there are none, None when time ran
    out."""
    free = range(len(prepared.problem.requests)) if optional else hard
    built = SelectionModel(prepared, free=free, hard=hard)
    if prepared.problem.fairness is not None and fair:
        built.add_breaks()
        people = [p for p, owned in enumerate(prepared.owned) if owned]
        built.add_fairness(prepared.problem.fairness, people, [0] * len(prepared.owned))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    code = solver.solve(built.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return built.read(solver)
    return False if code == cp_model.INFEASIBLE else None


def diagnose(prepared: Prepared, time_limit: float, workers: int) -> str:
    """Why the hard requests cannot all be held, in words: a request with no usable slot, or
    the group (fixed, required, both, or with the fairness bound) that conflicts."""
    requests = prepared.problem.requests
    for r in prepared.hard:
        if not prepared.allowed[r]:
            kind = "fixed" if requests[r].fixed_slot is not None else "required"
            return f"{kind} request {r + 1} has no slot its participants can all use"
    fixed = {r for r in prepared.hard if requests[r].fixed_slot is not None}
    required = set(prepared.hard) - fixed
    share = time_limit / 3
    spread = prepared.problem.fairness
    placed = hard_placement(prepared, set(prepared.hard), share, workers, fair=False)
    if spread is not None and isinstance(placed, list):
        return (
            "the fixed and required meetings cannot all be held with break counts differing "
            f"by at most {spread} (the fairness bound)"
        )
    if fixed and hard_placement(prepared, fixed, share, workers, False) is False:
        return "the fixed meetings cannot all be held: they conflict with one another"
    if required and hard_placement(prepared, required, share, workers, False) is False:
        return "the required meetings cannot all be held, even without the fixed ones"
    return "the fixed and required meetings cannot all be held together"
