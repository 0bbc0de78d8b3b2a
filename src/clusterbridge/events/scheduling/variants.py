"""Harder versions of a timetabling problem: extra forbidden slots, fixed meetings, precedences.

Issue #3 asks for the published instances "with random forbidden slots (0.3 %, 0.7 %), fixed
meetings (20 %, 40 %) and precedences (15 %, 25 %)", generated as Bofill et al. (JAIR 74, 2022)
describe. Their generator is not published with the instances and we could not find its text,
so this module is our reading, stated in each function: a share of participant-slot pairs
becomes forbidden, a share of meetings is locked to its slot in a known timetable, and a share
of meetings must follow another meeting of one of its participants that comes earlier in that
timetable. Fixed meetings and precedences drawn from a known timetable keep it valid, so the
variant stays feasible and its optimum is at most that timetable's breaks.

Every function is pure and deterministic: the same problem, share, seed (and timetable) give
the same variant. The random draw depends on the problem's name and the seed, not the share,
so a larger share adds to the smaller one's choices (the 0.7 % variant forbids every pair the
0.3 % one does, and more).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events.scheduling.problem import Session, Timetabling
from clusterbridge.events.scheduling.schedule import check_schedule, session_slots


def with_forbidden(
    problem: Timetabling, share: float, seed: int, solution: Sequence[int] | None = None
) -> Timetabling:
    """Forbid ``round(share x participants x slots)`` more participant-slot pairs, drawn
    uniformly from the pairs not forbidden yet.

    A pair is skipped when it would leave its participant fewer allowed slots than meetings,
    in the whole day or in a session its meetings are bound to (that instance would not be a
    harder timetabling problem but an invalid one), or would forbid a fixed meeting's slot to
    one of its participants. The variant may still be infeasible, for example when two
    participants lose every common slot of a meeting. With ``solution``, only pairs in which
    the participant is idle in that timetable are drawn, so that timetable stays valid.
    """
    _check_share(share)
    if solution is not None:
        _check_solution(problem, solution)
    busy = _busy_pairs(problem, solution)
    candidates = [
        (person, slot)
        for person in range(problem.participants)
        for slot in range(problem.slots)
        if slot not in problem.forbidden_for(person) and (person, slot) not in busy
    ]
    _draw(problem, "forbidden", seed).shuffle(candidates)
    wanted = round(share * problem.participants * problem.slots)
    forbidden = [set(problem.forbidden_for(p)) for p in range(problem.participants)]
    needs = _session_needs(problem)
    added = 0
    for person, slot in candidates:
        if added == wanted:
            break
        if _still_fits(problem, forbidden[person] | {slot}, needs[person]):
            forbidden[person].add(slot)
            added += 1
    return replace(
        problem,
        name=_named(problem, "forbidden", share),
        forbidden=tuple(frozenset(slots) for slots in forbidden),
    )


def with_fixed(
    problem: Timetabling, share: float, seed: int, solution: Sequence[int]
) -> Timetabling:
    """Lock ``round(share x meetings)`` meetings, drawn uniformly from the free ones, to the
    slot ``solution`` gives them: an organiser publishing part of a timetable. ``solution``
    must be a valid timetable of ``problem``; it stays one of the variant."""
    _check_share(share)
    _check_solution(problem, solution)
    free = [m for m, meeting in enumerate(problem.meetings) if meeting.fixed_slot is None]
    _draw(problem, "fixed", seed).shuffle(free)
    chosen = set(free[: round(share * len(problem.meetings))])
    meetings = tuple(
        replace(meeting, fixed_slot=solution[m]) if m in chosen else meeting
        for m, meeting in enumerate(problem.meetings)
    )
    return replace(problem, name=_named(problem, "fixed", share), meetings=meetings)


def with_precedences(
    problem: Timetabling, share: float, seed: int, solution: Sequence[int] | None
) -> Timetabling:
    """Make ``round(share x meetings)`` meetings (drawn uniformly) each follow one more meeting,
    of one of its own participants: a participant who wants to meet A before B.

    With ``solution``, the earlier meeting is drawn among the participants' meetings held
    before it in that timetable, which stays valid. Without, meetings are ranked at random
    (morning-only meetings before afternoon-only ones) and the earlier meeting is drawn among
    the participants' lower-ranked meetings: no cycles, but feasibility is not guaranteed.
    A meeting with no candidate earlier meeting is passed over for the next draw.
    """
    _check_share(share)
    if solution is not None:
        _check_solution(problem, solution)
    rng = _draw(problem, "precedences", seed)
    rank = _ranks(problem, solution, rng)
    agendas: defaultdict[int, list[int]] = defaultdict(list)
    for m, meeting in enumerate(problem.meetings):
        for person in meeting.participants:
            agendas[person].append(m)
    order = list(range(len(problem.meetings)))
    rng.shuffle(order)
    after = [list(meeting.after) for meeting in problem.meetings]
    wanted = round(share * len(problem.meetings))
    added = 0
    for m in order:
        if added == wanted:
            break
        earlier = sorted(
            {
                e
                for person in problem.meetings[m].participants
                for e in agendas[person]
                if rank[e] < rank[m] and e not in after[m]
            }
        )
        if earlier:
            after[m].append(rng.choice(earlier))
            added += 1
    meetings = tuple(
        replace(meeting, after=tuple(sorted(before)))
        for meeting, before in zip(problem.meetings, after, strict=True)
    )
    return replace(problem, name=_named(problem, "precedences", share), meetings=meetings)


def _check_share(share: float) -> None:
    if not 0 <= share <= 1:
        raise InvalidInput([Problem("the share must lie between 0 and 1", value=str(share))])


def _check_solution(problem: Timetabling, solution: Sequence[int]) -> None:
    """The known timetable must be valid, or the variants would not stay feasible."""
    broken = check_schedule(problem, list(solution))
    if broken:
        reasons = [Problem(f"the known timetable of {problem.name}: {b}") for b in broken[:10]]
        raise InvalidInput(reasons)


def _draw(problem: Timetabling, kind: str, seed: int) -> random.Random:
    """A generator seeded by the problem, the kind of variant and the seed (not the share)."""
    return random.Random(f"{problem.name}/{kind}/{seed}")


def _named(problem: Timetabling, kind: str, share: float) -> str:
    return f"{problem.name}+{kind}-{share * 100:g}%"


def _busy_pairs(problem: Timetabling, solution: Sequence[int] | None) -> set[tuple[int, int]]:
    """The pairs that must stay allowed: fixed meetings' slots, and the known timetable's."""
    slots = [meeting.fixed_slot for meeting in problem.meetings]
    if solution is not None:
        slots = list(solution)
    return {
        (person, slot)
        for meeting, slot in zip(problem.meetings, slots, strict=True)
        if slot is not None
        for person in meeting.participants
    }


def _session_needs(problem: Timetabling) -> list[dict[Session, int]]:
    """Per participant, how many of its meetings each session value asks for."""
    needs: list[dict[Session, int]] = [defaultdict(int) for _ in range(problem.participants)]
    for meeting in problem.meetings:
        for person in meeting.participants:
            needs[person][meeting.session] += 1
    return needs


def _still_fits(problem: Timetabling, forbidden: set[int], needs: dict[Session, int]) -> bool:
    """Hall's condition for one participant: its morning meetings fit its allowed morning
    slots, its afternoon meetings its allowed afternoon slots, all of them the whole day."""
    total = 0
    for session in (Session.MORNING, Session.AFTERNOON):
        free = sum(1 for s in session_slots(problem, session) if s not in forbidden)
        if needs.get(session, 0) > free:
            return False
        total += free
    return sum(needs.values()) <= total


def _ranks(problem: Timetabling, solution: Sequence[int] | None, rng: random.Random) -> list[float]:
    """The order precedences must respect: the known timetable's slots, else a random order
    that keeps morning-only meetings before afternoon-only ones."""
    if solution is not None:
        return [float(slot) for slot in solution]
    band = {Session.MORNING: 0.0, Session.ANY: 1.0, Session.AFTERNOON: 2.0}
    return [band[meeting.session] + rng.random() for meeting in problem.meetings]
