"""Symmetry breaking for the MaxSAT encoding: schedules that are mirror images or that only swap
interchangeable meetings have the same breaks, so the solver need only look at one of each.

Both rules keep at least one optimal schedule: reverse a schedule if needed so that meeting 0
lies in the first half of the day, then sort each group of interchangeable meetings by slot;
meeting 0 comes first in its group, so sorting never moves it later than the group's earliest
slot.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from clusterbridge.events.scheduling.problem import Timetabling


def interchangeable_meetings(
    problem: Timetabling, domains: list[list[int]], agendas: list[list[int]]
) -> list[tuple[int, int]]:
    """Pairs (first, then) of meetings that may be ordered by slot without loss.

    Two meetings are interchangeable when they share the same participants with other meetings
    (at least one, so they never share a slot), the rest of their participants have no other
    meeting, their allowed slots are equal and no precedence mentions them.
    """
    ordered = {m for meeting in problem.meetings for m in meeting.after}
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for number, meeting in enumerate(problem.meetings):
        if meeting.after or number in ordered:
            continue
        regulars = tuple(sorted(p for p in set(meeting.participants) if len(agendas[p]) > 1))
        if regulars:
            loners = len(set(meeting.participants)) - len(regulars)
            groups[(regulars, loners, tuple(domains[number]))].append(number)
    return [pair for group in groups.values() for pair in itertools.pairwise(group)]


def mirror_image_allowed(problem: Timetabling, domains: list[list[int]]) -> bool:
    """Whether reversing the order of the slots maps every schedule to another valid one."""
    if any(meeting.after for meeting in problem.meetings):
        return False
    last = problem.slots - 1
    return all({last - slot for slot in domain} == set(domain) for domain in domains)
