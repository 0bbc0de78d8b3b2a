"""A fast schedule for any size of event: place requests one by one, best first.

Each participant's busy slots are one integer bit mask, so finding the slots a request can
still take is a few bit operations. The slot chosen adds the fewest breaks (next to the
participants' other meetings), then the least loaded slot. This gives a valid schedule of a
large event within seconds; the other steps improve it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clusterbridge.events.scheduling.selection_rules import Prepared


class Board:
    """The occupied slots of a partial schedule, kept up to date as meetings come and go."""

    def __init__(self, prepared: Prepared, slots: Sequence[int | None] | None = None) -> None:
        problem = prepared.problem
        self.prepared = prepared
        self.allowed = [sum(1 << s for s in row) for row in prepared.allowed]
        self.busy = [0] * problem.participants
        self.count = [0] * problem.participants
        self.used = [0] * problem.slots
        self.open_used = [0] * problem.slots
        self.booth_of_request: dict[int, list[int]] = {}
        for booth, requests in enumerate(prepared.shared_booths):
            for r in requests:
                self.booth_of_request.setdefault(r, []).append(booth)
        self.booth_busy = [0] * len(prepared.shared_booths)
        self.slots: list[int | None] = [None] * len(problem.requests)
        self.spread = problem.fairness
        self.at: list[dict[int, int]] = [{} for _ in range(problem.participants)]
        self.in_slot: list[dict[int, set[int]]] = [{} for _ in range(problem.slots)]
        """Per slot, its meetings by weight (to find the lightest fast)."""
        every = (1 << problem.slots) - 1
        self.full_slots = every if problem.tables <= 0 else 0
        self.open_full = every if prepared.open_tables <= 0 else 0
        self.weight = 0
        self.covered = 0
        for r, slot in enumerate(slots or ()):
            if slot is not None:
                self.put(r, slot)

    def options(self, r: int) -> int:
        """The slots request ``r`` can take now (a bit per slot); 0 when it cannot be held."""
        people = self.prepared.problem.requests[r].participants
        mask = self.allowed[r] & ~self.full_slots
        for person in people:
            if self.count[person] >= self.prepared.caps[person]:
                return 0
            mask &= ~self.busy[person]
        if not self.prepared.at_booth[r]:
            mask &= ~self.open_full
        for booth in self.booth_of_request.get(r, ()):
            mask &= ~self.booth_busy[booth]
        return mask

    def added_breaks(self, r: int, slot: int) -> int:
        """How many breaks holding ``r`` in ``slot`` adds (negative when it closes a gap)."""
        total = 0
        for person in self.prepared.problem.requests[r].participants:
            busy = self.busy[person]
            if busy:
                total += 1 - ((busy >> (slot + 1)) & 1) - ((busy >> (slot - 1)) & 1 if slot else 0)
        return total

    def breaks_of(self, person: int) -> int:
        """The breaks of ``person`` now."""
        busy = self.busy[person]
        starts = busy & ~(busy << 1)
        return max(0, starts.bit_count() - 1)

    def best_slot(self, r: int, mask: int) -> int | None:
        """The slot of ``mask`` adding the fewest breaks, then the least loaded; None when a
        fairness bound rules them all out."""
        best: tuple[int, int, int] | None = None
        people = self.prepared.problem.requests[r].participants
        while mask:
            low = mask & -mask
            slot = low.bit_length() - 1
            mask ^= low
            added = self.added_breaks(r, slot)
            if self.spread is not None and not self._fair(people, slot):
                continue
            score = (added, self.used[slot], slot)
            if best is None or score < best:
                best = score
        return None if best is None else best[2]

    def _fair(self, people: Iterable[int], slot: int) -> bool:
        """Whether every participant keeps at most ``spread`` breaks (so that any two differ by
        at most ``spread``) once it meets in ``slot``."""
        assert self.spread is not None
        for person in people:
            busy = self.busy[person] | (1 << slot)
            if max(0, (busy & ~(busy << 1)).bit_count() - 1) > self.spread:
                return False
        return True

    def put(self, r: int, slot: int) -> None:
        """Hold request ``r`` in ``slot``."""
        request = self.prepared.problem.requests[r]
        for person in request.participants:
            self.busy[person] |= 1 << slot
            self.count[person] += 1
            self.covered += self.count[person] == 1
            self.at[person][slot] = r
        self.used[slot] += 1
        if self.used[slot] >= self.prepared.problem.tables:
            self.full_slots |= 1 << slot
        if not self.prepared.at_booth[r]:
            self.open_used[slot] += 1
            if self.open_used[slot] >= self.prepared.open_tables:
                self.open_full |= 1 << slot
        for booth in self.booth_of_request.get(r, ()):
            self.booth_busy[booth] |= 1 << slot
        self.in_slot[slot].setdefault(request.weight, set()).add(r)
        self.weight += request.weight
        self.slots[r] = slot

    def take(self, r: int) -> int:
        """Stop holding request ``r``; returns the slot it had."""
        slot = self.slots[r]
        assert slot is not None
        request = self.prepared.problem.requests[r]
        for person in request.participants:
            self.busy[person] &= ~(1 << slot)
            self.count[person] -= 1
            self.covered -= self.count[person] == 0
            del self.at[person][slot]
        self.used[slot] -= 1
        if self.used[slot] < self.prepared.problem.tables:
            self.full_slots &= ~(1 << slot)
        if not self.prepared.at_booth[r]:
            self.open_used[slot] -= 1
            if self.open_used[slot] < self.prepared.open_tables:
                self.open_full &= ~(1 << slot)
        for booth in self.booth_of_request.get(r, ()):
            self.booth_busy[booth] &= ~(1 << slot)
        bucket = self.in_slot[slot][request.weight]
        bucket.discard(r)
        if not bucket:
            del self.in_slot[slot][request.weight]
        self.weight -= request.weight
        self.slots[r] = None
        return slot

    def try_place(self, r: int) -> bool:
        """Hold ``r`` in its best slot if it has one."""
        mask = self.options(r)
        slot = self.best_slot(r, mask) if mask else None
        if slot is None:
            return False
        self.put(r, slot)
        return True


def greedy_order(prepared: Prepared) -> list[int]:
    """Requests by decreasing weight; among equals, those with fewer slots and whose
    participants have fewer other requests first (they have fewer ways to be served)."""
    requests = prepared.problem.requests

    def key(r: int) -> tuple[int, int, int]:
        people = requests[r].participants
        return (
            -requests[r].weight,
            len(prepared.allowed[r]),
            sum(len(prepared.owned[p]) for p in people),
        )

    return sorted(range(len(requests)), key=key)


def greedy_board(
    prepared: Prepared,
    start: Sequence[int | None] | None = None,
    order: Sequence[int] | None = None,
    share_first: bool | None = None,
) -> Board:
    """A schedule built from ``start`` (kept as it is): hard requests; then, when
    ``share_first`` (fair share by default), one meeting for every participant still without
    one; then every request in ``order`` (``greedy_order`` by default) that still fits; then,
    with fair share, a meeting for anyone still without one if one fits."""
    board = Board(prepared, start)
    sequence = list(order) if order is not None else greedy_order(prepared)
    for r in prepared.hard:
        if board.slots[r] is None:
            board.try_place(r)
    share = prepared.problem.fair_share
    if share and (share_first is None or share_first):
        cover(board, sequence)
    for r in sequence:
        if board.slots[r] is None:
            board.try_place(r)
    if share:
        cover(board, sequence)
    return board


def greedy_schedule(
    prepared: Prepared,
    start: Sequence[int | None] | None = None,
    order: Sequence[int] | None = None,
    share_first: bool | None = None,
) -> list[int | None]:
    """The slots of ``greedy_board``."""
    return greedy_board(prepared, start, order, share_first).slots


def cover(board: Board, sequence: Sequence[int]) -> None:
    """Give a meeting to each participant without one, those with the fewest requests first,
    each its first request in ``sequence`` that fits."""
    prepared = board.prepared
    rank = {r: i for i, r in enumerate(sequence)}
    people = sorted(
        (p for p, row in enumerate(prepared.owned) if row), key=lambda p: len(prepared.owned[p])
    )
    requests = prepared.problem.requests

    def key(r: int) -> tuple[int, int]:
        served = sum(1 for p in requests[r].participants if board.busy[p])
        return (served, rank.get(r, len(rank)))

    for person in people:
        if board.busy[person]:
            continue
        for r in sorted(prepared.owned[person], key=key):
            if board.slots[r] is None and board.try_place(r):
                break
