"""Fast local moves on a large schedule, in plain Python on the greedy ``Board``.

Weight: an unheld request takes a slot by pushing out the meetings in its way (its
participants' meetings in that slot, a lighter meeting when the tables are full or a
participant is at its maximum); the pushed-out meetings then look for another slot. The move
is kept only when participants served, then weight, went up (fairness kept), else undone.
Breaks: a meeting moves to the free slot that removes most breaks of its participants.
Published meetings still in their slot and hard requests are never pushed out, so the
changes to a published schedule never grow.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from clusterbridge.events.scheduling.selection_greedy import Board

TRIES_PER_REQUEST = 3
"""How many of a request's cheapest slots a weight move tries."""
SCAN_LIMIT = 8
"""How many meetings of one weight in a slot are checked for one whose participants keep
another meeting, before the first one seen is taken."""


class LocalSearch:
    """Moves on ``board``; ``previous`` protects the published meetings still in place."""

    def __init__(self, board: Board, previous: Sequence[int | None] | None = None) -> None:
        self.board = board
        self.prepared = board.prepared
        self.requests = board.prepared.problem.requests
        self.hard = set(board.prepared.hard)
        self.previous = previous
        self.log: list[tuple[int, int | None]] = []

    def protected(self, r: int) -> bool:
        """Hard requests, and published meetings still in their published slot."""
        slot = self.board.slots[r]
        return r in self.hard or (self.previous is not None and self.previous[r] == slot)

    def improve_weight(self, deadline: float) -> int:
        """Passes of weight moves over the unheld requests, heaviest first, until a pass
        improves nothing or the deadline; returns the number of moves kept."""
        kept = 0
        while time.perf_counter() < deadline:
            order = [
                r for r, s in enumerate(self.board.slots) if s is None and self.board.allowed[r]
            ]
            order.sort(key=self._urgency)
            gained = 0
            for r in order:
                if time.perf_counter() >= deadline:
                    break
                if self.board.slots[r] is None:
                    gained += self.insert(r)
            kept += gained
            if not gained:
                break
        return kept

    def _urgency(self, r: int) -> tuple[bool, int]:
        """Requests that would serve someone still without a meeting first, then heavier."""
        people = self.requests[r].participants
        return (all(self.board.count[p] for p in people), -self.requests[r].weight)

    def insert(self, r: int) -> bool:
        """Try the cheapest slots for ``r``; keep the first attempt that improves."""
        board = self.board
        weight = self.requests[r].weight
        serves = any(board.count[p] == 0 for p in self.requests[r].participants)
        floor = self._floor()
        costs = []
        for slot in _bits(board.allowed[r]):
            if not serves and floor.get(slot, 0) > weight:
                continue
            pushed = self.pushed_out(r, slot)
            if pushed is None:
                continue
            # Even when they weigh more, the pushed-out meetings may find another slot.
            costs.append((sum(self.requests[o].weight for o in pushed), slot, pushed))
        costs.sort()
        return any(self.attempt(r, slot, pushed) for _, slot, pushed in costs[:TRIES_PER_REQUEST])

    def _floor(self) -> dict[int, int]:
        """Per full slot, the lightest weight held there (a cheap test that a request is too
        light to push anything out)."""
        board = self.board
        full = board.full_slots
        return {s: min(board.in_slot[s]) for s in _bits(full) if board.in_slot[s]}

    def pushed_out(self, r: int, slot: int) -> list[int] | None:
        """The meetings to take out so that ``r`` fits in ``slot``; None when a protected one
        is in the way."""
        board = self.board
        people = self.requests[r].participants
        out = {board.at[p][slot] for p in people if slot in board.at[p]}
        for person in people:
            leaving = sum(person in self.requests[o].participants for o in out)
            if board.count[person] - leaving >= self.prepared.caps[person]:
                lightest = self._lightest(board.at[person].values(), out)
                if lightest is None:
                    return None
                out.add(lightest)
        here = [o for o in out if board.slots[o] == slot]
        if board.used[slot] - len(here) >= self.prepared.problem.tables:
            extra = self._lightest_in_slot(slot, out, booths=True)
            if extra is None:
                return None
            out.add(extra)
        if not self.prepared.at_booth[r]:
            here_open = sum(
                1 for o in out if board.slots[o] == slot and not self.prepared.at_booth[o]
            )
            if board.open_used[slot] - here_open >= self.prepared.open_tables:
                extra = self._lightest_in_slot(slot, out, booths=False)
                if extra is None:
                    return None
                out.add(extra)
        if any(self.protected(o) for o in out):
            return None
        return sorted(out)

    def _lightest(self, candidates: Iterable[int], taken: set[int]) -> int | None:
        """The lightest unprotected meeting among ``candidates`` not already ``taken``."""
        best: tuple[int, int] | None = None
        for o in candidates:
            if o not in taken and not self.protected(o):
                key = (self.requests[o].weight, o)
                if best is None or key < best:
                    best = key
        return None if best is None else best[1]

    def _lightest_in_slot(self, slot: int, taken: set[int], booths: bool) -> int | None:
        """A lightest unprotected meeting of ``slot`` (at a booth too when ``booths``), one
        whose participants all keep another meeting when there is one."""
        board = self.board
        for weight in sorted(board.in_slot[slot]):
            fallback = None
            looked = 0
            for o in board.in_slot[slot][weight]:
                if o in taken or self.protected(o) or (not booths and self.prepared.at_booth[o]):
                    continue
                if all(board.count[p] > 1 for p in self.requests[o].participants):
                    return o
                fallback = o if fallback is None else fallback
                looked += 1
                if looked >= SCAN_LIMIT:
                    break
            if fallback is not None:
                return fallback
        return None

    def attempt(self, r: int, slot: int, pushed: Sequence[int]) -> bool:
        """Push out, place ``r``, re-place the pushed; keep when better, else undo."""
        board = self.board
        before = (board.covered, board.weight)
        self.log = []
        for o in pushed:
            self._take(o)
        if not board.options(r) >> slot & 1:
            self._undo()
            return False
        self._put(r, slot)
        for o in sorted(pushed, key=lambda o: -self.requests[o].weight):
            mask = board.options(o)
            choice = board.best_slot(o, mask) if mask else None
            if choice is not None:
                self._put(o, choice)
        if (board.covered, board.weight) > before and self._fair():
            return True
        self._undo()
        return False

    def _fair(self) -> bool:
        spread = self.board.spread
        if spread is None:
            return True
        touched = {p for r, _ in self.log for p in self.requests[r].participants}
        return all(self.board.breaks_of(p) <= spread for p in touched)

    def _take(self, r: int) -> None:
        self.log.append((r, self.board.take(r)))

    def _put(self, r: int, slot: int) -> None:
        self.board.put(r, slot)
        self.log.append((r, None))

    def _undo(self) -> None:
        for r, slot in reversed(self.log):
            if slot is None:
                self.board.take(r)
            else:
                self.board.put(r, slot)
        self.log = []

    def improve_breaks(self, deadline: float) -> int:
        """Move single meetings to the free slot that removes most breaks, until no move
        helps or the deadline; returns the number of moves."""
        moves = 0
        improved = True
        while improved and time.perf_counter() < deadline:
            improved = False
            for r, slot in enumerate(self.board.slots):
                if slot is None or self.requests[r].fixed_slot is not None:
                    continue
                if self.previous is not None and self.previous[r] == slot:
                    continue
                if self._move_for_breaks(r, slot):
                    moves += 1
                    improved = True
                if time.perf_counter() >= deadline:
                    break
        return moves

    def _move_for_breaks(self, r: int, slot: int) -> bool:
        board = self.board
        people = self.requests[r].participants
        before = sum(board.breaks_of(p) for p in people)
        if before == 0:
            return False
        board.take(r)
        best = (before, slot)
        for other in _bits(board.options(r)):
            board.put(r, other)
            after = sum(board.breaks_of(p) for p in people)
            fair = board.spread is None or all(board.breaks_of(p) <= board.spread for p in people)
            board.take(r)
            if fair and after < best[0]:
                best = (after, other)
        board.put(r, best[1])
        return best[1] != slot


def _bits(mask: int) -> list[int]:
    """The slots of a bit mask, lowest first."""
    slots = []
    while mask:
        low = mask & -mask
        slots.append(low.bit_length() - 1)
        mask ^= low
    return slots
