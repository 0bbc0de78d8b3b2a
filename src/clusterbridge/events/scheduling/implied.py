"""Facts about a timetabling problem that hold in every timetable, used to speed up the solver.

Lower bounds on a participant's breaks from the slots it can use, pairs of meetings that can
swap slots without changing anything (symmetry), and a greedy timetable used as a hint.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from clusterbridge.events.scheduling.problem import Timetabling
from clusterbridge.events.scheduling.schedule import session_slots


def allowed_slots(problem: Timetabling, meeting: int, relaxed: Collection[str] = ()) -> list[int]:
    """The slots meeting ``meeting`` may take, ignoring the ``relaxed`` constraint groups."""
    info = problem.meetings[meeting]
    candidates = range(problem.slots)
    if "sessions" not in relaxed:
        candidates = session_slots(problem, info.session)
    slots = set(candidates)
    if "forbidden slots" not in relaxed:
        for person in info.participants:
            slots -= problem.forbidden_for(person)
    if "fixed meetings" not in relaxed and info.fixed_slot is not None:
        slots &= {info.fixed_slot}
    return sorted(slots)


def runs(slots: Iterable[int]) -> list[int]:
    """Lengths of the maximal runs of consecutive slots, longest first."""
    ordered = sorted(set(slots))
    lengths: list[int] = []
    for index, slot in enumerate(ordered):
        if index and ordered[index - 1] == slot - 1:
            lengths[-1] += 1
        else:
            lengths.append(1)
    return sorted(lengths, reverse=True)


def meeting_counts(problem: Timetabling) -> Counter[int]:
    """How many meetings each participant has."""
    return Counter(p for m in problem.meetings for p in m.participants)


def minimum_breaks(problem: Timetabling, person: int, usable: Iterable[int]) -> int:
    """A lower bound on ``person``'s breaks: the fewest runs of its usable slots that can hold
    all its meetings, minus one."""
    needed = meeting_counts(problem)[person]
    if needed <= 1:
        return 0
    blocks = 0
    for length in runs(usable):
        needed -= length
        blocks += 1
        if needed <= 0:
            break
    return max(0, blocks - 1)


def interchangeable_meetings(
    problem: Timetabling, relaxed: Collection[str] = ()
) -> list[tuple[int, int, bool]]:
    """Pairs of meetings that can always swap slots: same participant (strict order, as they
    cannot share a slot) or none shared, same allowed slots, free (not fixed, no precedences),
    and every other participant has only that meeting. The flag says whether the order is strict."""
    counts = meeting_counts(problem)
    tied = {m for m, meeting in enumerate(problem.meetings) if meeting.after}
    tied |= {b for meeting in problem.meetings for b in meeting.after}
    classes: defaultdict[tuple[object, ...], list[int]] = defaultdict(list)
    for m, meeting in enumerate(problem.meetings):
        if m in tied or (meeting.fixed_slot is not None and "fixed meetings" not in relaxed):
            continue
        busy = [p for p in meeting.participants if counts[p] > 1]
        if len(busy) > 1:
            key: tuple[object, ...] = ("same", tuple(sorted(meeting.participants)))
        else:
            key = ("hub", tuple(busy))
        classes[(*key, tuple(allowed_slots(problem, m, relaxed)))].append(m)
    return [
        (group[i], group[i + 1], key[1] != ())
        for key, group in classes.items()
        for i in range(len(group) - 1)
    ]


def mirror_symmetric(problem: Timetabling, domains: Sequence[Collection[int]]) -> bool:
    """Whether reversing the day (slot s -> last - s) maps every timetable to another one with
    the same breaks: no fixed slots or precedences, and every meeting's allowed slots mirrored."""
    if any(m.fixed_slot is not None or m.after for m in problem.meetings):
        return False
    top = problem.slots - 1
    return all({top - s for s in domain} == set(domain) for domain in domains)


def greedy_slots(problem: Timetabling, domains: Sequence[Mapping[int, object]]) -> list[int | None]:
    """A quick timetable, busiest participants first, each meeting next to its participants'
    other meetings when possible; None for meetings it could not place."""
    counts = meeting_counts(problem)
    order = sorted(
        range(len(problem.meetings)),
        key=lambda m: -sum(counts[p] for p in problem.meetings[m].participants),
    )
    busy: defaultdict[int, set[int]] = defaultdict(set)
    used: Counter[int] = Counter()
    result: list[int | None] = [None] * len(problem.meetings)
    for m in order:
        people = problem.meetings[m].participants
        best: tuple[int, int] | None = None
        for slot in domains[m]:
            if used[slot] >= problem.tables or any(slot in busy[p] for p in people):
                continue
            near = sum((slot - 1 in busy[p]) + (slot + 1 in busy[p]) for p in people)
            score = (-near, slot)
            if best is None or score < best:
                best = score
        if best is not None:
            result[m] = best[1]
            used[best[1]] += 1
            for p in people:
                busy[p].add(best[1])
    return result
