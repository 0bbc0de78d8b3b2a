"""The answer of the selection solver, with every figure recounted from the slots.

The weight, breaks, participants without a meeting and changes to a published schedule are
recounted here rather than taken from a solver, so a report can never disagree with its slots.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from clusterbridge.events.scheduling.schedule import Status
from clusterbridge.events.scheduling.selection_rules import (
    Prepared,
    selection_breaks,
    without_meeting,
)


@dataclass(frozen=True)
class SelectionResult:
    """A schedule of requests and its figures.

    ``status`` "optimal": weight proven maximal and breaks proven minimal for that weight
    (after the objectives before them); "feasible": a valid schedule, not proven best;
    "infeasible": the fixed and required requests cannot all be held (``message`` says which);
    "unknown": no schedule found in time. ``bound`` is a proven upper bound on the weight.
    ``moved`` counts the published meetings (``previous``) now in another slot or dropped,
    ``dropped`` those of them no longer held.
    """

    status: Status
    slots: tuple[int | None, ...]
    weight: int
    bound: int
    breaks: int
    seconds: float
    without_meeting: tuple[int, ...]
    moved: int = 0
    dropped: int = 0
    message: str = ""

    @property
    def gap(self) -> float:
        """How far the weight may be from the best possible: (bound - weight) / bound."""
        return 0.0 if self.bound == 0 else (self.bound - self.weight) / self.bound


def build_result(
    prepared: Prepared,
    slots: Sequence[int | None] | None,
    status: Status,
    bound: int,
    started: float,
    previous: Sequence[int | None] | None = None,
    message: str = "",
) -> SelectionResult:
    """The result for ``slots`` (None: no schedule), its figures recounted."""
    seconds = time.perf_counter() - started
    count = len(prepared.problem.requests)
    if slots is None:
        return SelectionResult(status, (None,) * count, 0, bound, 0, seconds, (), message=message)
    requests = prepared.problem.requests
    weight = sum(q.weight for q, s in zip(requests, slots, strict=True) if s is not None)
    moved = dropped = 0
    if previous is not None:
        for before, now in zip(previous, slots, strict=True):
            if before is not None and now != before:
                moved += 1
                dropped += now is None
    return SelectionResult(
        status=status,
        slots=tuple(slots),
        weight=weight,
        bound=bound,
        breaks=sum(selection_breaks(prepared, slots)),
        seconds=seconds,
        without_meeting=without_meeting(prepared, slots),
        moved=moved,
        dropped=dropped,
        message=message,
    )


Stage = str
"""One objective: "changes", "coverage", "weight" or "breaks"."""
SIGNS = {"changes": -1, "coverage": 1, "weight": 1, "breaks": -1}
"""+1 for the objectives maximised, -1 for those minimised."""


def stages_of(prepared: Prepared, previous: Sequence[int | None] | None) -> list[Stage]:
    """The objectives of ``prepared``, most important first."""
    stages: list[Stage] = ["changes"] if previous is not None else []
    if prepared.problem.fair_share:
        stages.append("coverage")
    return [*stages, "weight", "breaks"]


def stage_value(
    prepared: Prepared,
    stage: Stage,
    slots: Sequence[int | None],
    previous: Sequence[int | None] | None,
) -> int:
    """The value of one objective for ``slots`` (changes: moved + (held before + 1) x dropped,
    so that dropping one published meeting weighs more than moving all the others)."""
    if stage == "changes":
        assert previous is not None
        pairs = [(b, s) for b, s in zip(previous, slots, strict=True) if b is not None]
        dropped = sum(1 for _, s in pairs if s is None)
        moved = sum(1 for b, s in pairs if s is not None and s != b)
        return moved + (len(pairs) + 1) * dropped
    if stage == "coverage":
        return sum(1 for row in prepared.owned if any(slots[r] is not None for r in row))
    if stage == "weight":
        requests = prepared.problem.requests
        return sum(q.weight for q, s in zip(requests, slots, strict=True) if s is not None)
    return sum(selection_breaks(prepared, slots))


def ranking(
    prepared: Prepared, slots: Sequence[int | None], previous: Sequence[int | None] | None
) -> tuple[int, ...]:
    """The objectives' values of ``slots`` in their order, signed so that larger is better:
    schedules compare like the lexicographic objective."""
    stages = stages_of(prepared, previous)
    return tuple(SIGNS[stage] * stage_value(prepared, stage, slots, previous) for stage in stages)
