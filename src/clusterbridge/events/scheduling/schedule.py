"""A timetable for a B2B event and the pure checks any solver's answer must pass.

``check_schedule`` lists every broken rule in words and ``count_breaks`` recounts the breaks,
so tests and users never have to trust a solver's own report.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from clusterbridge.events.scheduling.problem import Session, Timetabling

Status = Literal["optimal", "feasible", "infeasible", "unknown"]


@dataclass(frozen=True)
class Schedule:
    """A solver's answer: a slot per meeting (0-based, None when there is no timetable),
    the breaks per participant and in total, the proven lower bound, the time taken, and,
    when infeasible, the constraint groups whose removal makes the problem feasible."""

    status: Status
    slots: tuple[int | None, ...]
    breaks: tuple[int, ...] = ()
    total_breaks: int | None = None
    bound: int | None = None
    seconds: float = 0.0
    blamed: tuple[str, ...] = ()


def session_slots(problem: Timetabling, session: Session) -> range:
    """The 0-based slots a meeting of ``session`` may use."""
    if session is Session.MORNING:
        return range(problem.morning_slots)
    if session is Session.AFTERNOON:
        return range(problem.morning_slots, problem.slots)
    return range(problem.slots)


def busy_slots(problem: Timetabling, slots: Sequence[int | None]) -> list[list[int]]:
    """Per participant, the sorted slots in which it has a meeting."""
    busy: list[list[int]] = [[] for _ in range(problem.participants)]
    for meeting, slot in zip(problem.meetings, slots, strict=True):
        if slot is not None:
            for person in meeting.participants:
                busy[person].append(slot)
    return [sorted(row) for row in busy]


def participant_breaks(busy: Sequence[int]) -> int:
    """The breaks in one participant's sorted busy slots: gaps between consecutive meetings."""
    return sum(1 for a, b in itertools.pairwise(busy) if b - a > 1)


def count_breaks(problem: Timetabling, slots: Sequence[int | None]) -> list[int]:
    """The number of breaks of every participant under ``slots`` (one per meeting)."""
    return [participant_breaks(row) for row in busy_slots(problem, slots)]


def check_schedule(problem: Timetabling, slots: Sequence[int | None]) -> list[str]:
    """Every rule ``slots`` breaks, in words (empty when the timetable is valid)."""
    if len(slots) != len(problem.meetings):
        return [f"{len(slots)} slots given for {len(problem.meetings)} meetings"]
    broken: list[str] = []
    for number, (meeting, slot) in enumerate(zip(problem.meetings, slots, strict=True), 1):
        broken.extend(_meeting_rules(problem, number, meeting.session, slot))
        if slot is None:
            continue
        if meeting.fixed_slot is not None and slot != meeting.fixed_slot:
            broken.append(f"meeting {number} is fixed to slot {meeting.fixed_slot + 1}")
        for person in meeting.participants:
            if slot in problem.forbidden_for(person):
                broken.append(f"meeting {number}: slot {slot + 1} is forbidden to {person + 1}")
        for before in meeting.after:
            earlier = slots[before]
            if earlier is not None and earlier >= slot:
                broken.append(f"meeting {number} must come after meeting {before + 1}")
    broken.extend(_slot_rules(problem, slots))
    broken.extend(_fairness_rule(problem, count_breaks(problem, slots)))
    return broken


def _meeting_rules(
    problem: Timetabling, number: int, session: Session, slot: int | None
) -> list[str]:
    if slot is None:
        return [f"meeting {number} has no slot"]
    if not 0 <= slot < problem.slots:
        return [f"meeting {number}: slot {slot + 1} does not exist"]
    if slot not in session_slots(problem, session):
        return [f"meeting {number}: slot {slot + 1} is outside its {session.name.lower()} session"]
    return []


def _slot_rules(problem: Timetabling, slots: Sequence[int | None]) -> list[str]:
    broken: list[str] = []
    per_slot = Counter(s for s in slots if s is not None)
    for slot, count in sorted(per_slot.items()):
        if count > problem.tables:
            broken.append(f"slot {slot + 1} has {count} meetings for {problem.tables} tables")
    for person, row in enumerate(busy_slots(problem, slots)):
        for slot, count in sorted(Counter(row).items()):
            if count > 1:
                broken.append(f"participant {person + 1} has {count} meetings in slot {slot + 1}")
    return broken


def _fairness_rule(problem: Timetabling, breaks: Sequence[int]) -> list[str]:
    if problem.fairness is None or not breaks:
        return []
    spread = max(breaks) - min(breaks)
    if spread > problem.fairness:
        return [f"break counts differ by {spread}, more than the fairness bound {problem.fairness}"]
    return []
