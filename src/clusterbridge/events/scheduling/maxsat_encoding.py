"""The partial MaxSAT encoding of B2B meeting timetabling, after the approach of Bofill et al.
(JAIR 74, 2022), written for PySAT: hard clauses for the rules, one soft clause per break start.

Variables: ``held(m, s)`` (meeting m takes slot s, created only for the slots its session and its
participants' forbidden slots allow, which is unit propagation of those unit clauses done up
front), ``busy(p, s)`` (participant p meets in slot s), ``later(p, s)`` (p meets in some slot
after s), ``break_start(p, s)`` (p is idle in s after a meeting in s - 1 and meets again later)
and ``by(m, s)`` (meeting m is held in slot s or earlier, for precedences only). Fixed slots
shrink a meeting's allowed slots to one.

Implied constraints: a participant is busy in as many slots as it has meetings; it has at most
min(n - 1, slots - n) breaks; without breaks it is busy in the slots every possible window of n
usable slots shares. Symmetry breaking: see ``maxsat_symmetry``. Fairness: see ``_fairness``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pysat.card import CardEnc, EncType
from pysat.formula import WCNF, IDPool

from clusterbridge.events.scheduling.implied import allowed_slots
from clusterbridge.events.scheduling.maxsat_counting import Clause, count_at_least
from clusterbridge.events.scheduling.maxsat_symmetry import (
    interchangeable_meetings,
    mirror_image_allowed,
)
from clusterbridge.events.scheduling.problem import Timetabling

CARDINALITY_ENCODING = EncType.seqcounter
"""PySAT's encoding for cardinality constraints over more than a handful of literals."""


@dataclass
class MaxSatEncoding:
    """The weighted CNF of one timetabling problem and the variables to read a schedule back."""

    problem: Timetabling
    pool: IDPool = field(default_factory=IDPool)
    hard: list[Clause] = field(default_factory=list)
    soft: list[Clause] = field(default_factory=list)
    domains: list[list[int]] = field(default_factory=list)
    """Per meeting, the slots it may take."""
    agendas: list[list[int]] = field(default_factory=list)
    """Per participant, the meetings it attends."""

    def held(self, meeting: int, slot: int) -> int:
        """The variable: ``meeting`` takes ``slot``."""
        return int(self.pool.id(("held", meeting, slot)))

    def busy(self, participant: int, slot: int) -> int:
        """The variable: ``participant`` has a meeting in ``slot``."""
        return int(self.pool.id(("busy", participant, slot)))

    def later(self, participant: int, slot: int) -> int:
        """The variable: ``participant`` has a meeting in some slot after ``slot``."""
        return int(self.pool.id(("later", participant, slot)))

    def break_start(self, participant: int, slot: int) -> int:
        """The variable: a break of ``participant`` starts in ``slot``."""
        return int(self.pool.id(("break", participant, slot)))

    def by(self, meeting: int, slot: int) -> int:
        """The variable: ``meeting`` is held in ``slot`` or earlier."""
        return int(self.pool.id(("by", meeting, slot)))

    def cardinality(self, literals: list[int], bound: int, *, exactly: bool = False) -> None:
        """Add "at most (or exactly) ``bound`` of ``literals``", by a PySAT cardinality encoding."""
        if len(literals) < bound and exactly:
            self.impossible()
        if len(literals) <= bound:
            if exactly:
                self.hard.extend([literal] for literal in literals)
            return
        small = bound == 1 and len(literals) <= 6
        encoding = EncType.pairwise if small else CARDINALITY_ENCODING
        encode = CardEnc.equals if exactly else CardEnc.atmost
        self.hard.extend(encode(literals, bound=bound, vpool=self.pool, encoding=encoding).clauses)

    def impossible(self) -> None:
        """Add a contradiction (solvers differ in how they take an empty clause)."""
        contradiction = self.pool.id(("impossible",))
        self.hard.extend([[contradiction], [-contradiction]])

    def wcnf(self) -> WCNF:
        """The formula for RC2: every hard clause, and each soft clause with weight 1."""
        formula = WCNF()
        formula.extend(self.hard)
        formula.extend(self.soft, weights=[1] * len(self.soft))
        return formula

    def slots_in(self, model: list[int]) -> list[int]:
        """The slot of each meeting in a satisfying assignment (a list of true/false literals)."""
        true = {literal for literal in model if literal > 0}
        return [
            next(slot for slot in domain if self.held(meeting, slot) in true)
            for meeting, domain in enumerate(self.domains)
        ]


def encode(problem: Timetabling) -> MaxSatEncoding:
    """Encode ``problem``; a meeting with no allowed slot makes the hard clauses contradict."""
    encoding = MaxSatEncoding(problem)
    encoding.domains = [allowed_slots(problem, m) for m in range(len(problem.meetings))]
    encoding.agendas = [[] for _ in range(problem.participants)]
    for number, meeting in enumerate(problem.meetings):
        for participant in set(meeting.participants):
            encoding.agendas[participant].append(number)
    _each_meeting_once(encoding)
    _one_meeting_per_participant_and_slot(encoding)
    _busy_slots_match_meetings(encoding)
    _tables_per_slot(encoding)
    _precedences(encoding)
    _mirror_images(encoding)
    counts = [_breaks(encoding, p) for p in range(problem.participants)]
    if problem.fairness is not None:
        _fairness(encoding, counts, problem.fairness)
    return encoding


def _each_meeting_once(encoding: MaxSatEncoding) -> None:
    """Every meeting takes exactly one of its allowed slots."""
    for meeting, domain in enumerate(encoding.domains):
        literals = [encoding.held(meeting, slot) for slot in domain]
        if not literals:
            encoding.impossible()
            continue
        encoding.hard.append(literals)
        encoding.cardinality(literals, 1)


def _one_meeting_per_participant_and_slot(encoding: MaxSatEncoding) -> None:
    """A participant attends at most one meeting per slot; ``busy`` says whether it attends one."""
    problem = encoding.problem
    for participant, agenda in enumerate(encoding.agendas):
        for slot in range(problem.slots):
            held = [encoding.held(m, slot) for m in agenda if slot in encoding.domains[m]]
            busy = encoding.busy(participant, slot)
            encoding.hard.extend([-literal, busy] for literal in held)
            encoding.hard.append([-busy, *held])
            encoding.cardinality(held, 1)


def _busy_slots_match_meetings(encoding: MaxSatEncoding) -> None:
    """Implied (Bofill et al.): a participant is busy in as many slots as it has meetings."""
    for participant, agenda in enumerate(encoding.agendas):
        if agenda:
            busy = [encoding.busy(participant, s) for s in range(encoding.problem.slots)]
            encoding.cardinality(busy, len(agenda), exactly=True)


def _tables_per_slot(encoding: MaxSatEncoding) -> None:
    """At most ``tables`` meetings run in any slot."""
    for slot in range(encoding.problem.slots):
        held = [
            encoding.held(meeting, slot)
            for meeting, domain in enumerate(encoding.domains)
            if slot in domain
        ]
        encoding.cardinality(held, encoding.problem.tables)


def _precedences(encoding: MaxSatEncoding) -> None:
    """A meeting is held after every meeting listed in its ``after``, through ``by`` variables;
    interchangeable meetings are ordered the same way to break their symmetry."""
    problem = encoding.problem
    pairs = [(e, m) for m, meeting in enumerate(problem.meetings) for e in meeting.after]
    pairs += interchangeable_meetings(problem, encoding.domains, encoding.agendas)
    for meeting in {first for first, _ in pairs}:
        domain = encoding.domains[meeting]
        for slot in range(problem.slots):
            here = [encoding.held(meeting, slot)] if slot in domain else []
            before = [encoding.by(meeting, slot - 1)] if slot else []
            by = encoding.by(meeting, slot)
            encoding.hard.extend([-literal, by] for literal in here + before)
            encoding.hard.append([-by, *here, *before])
    for first, then in pairs:
        for slot in encoding.domains[then]:
            held = -encoding.held(then, slot)
            encoding.hard.append([held, encoding.by(first, slot - 1)] if slot else [held])


def _mirror_images(encoding: MaxSatEncoding) -> None:
    """Symmetry breaking: when the day may be reversed, meeting 0 takes a slot in its first half."""
    if encoding.domains and mirror_image_allowed(encoding.problem, encoding.domains):
        middle = (encoding.problem.slots - 1) // 2
        for slot in encoding.domains[0]:
            if slot > middle:
                encoding.hard.append([-encoding.held(0, slot)])


def _breaks(encoding: MaxSatEncoding, participant: int) -> list[int]:
    """Define the break starts of ``participant``, penalise each with a soft clause, and return
    their unary count (empty when it can have no break: fewer than two meetings)."""
    slots = encoding.problem.slots
    if len(encoding.agendas[participant]) < 2 or slots < 3:
        return []
    busy = [encoding.busy(participant, s) for s in range(slots)]
    later = [encoding.later(participant, s) for s in range(slots - 1)]
    for slot, after in enumerate(later):
        follows = [later[slot + 1]] if slot + 1 < len(later) else []
        encoding.hard.extend([-literal, after] for literal in [busy[slot + 1], *follows])
        encoding.hard.append([-after, busy[slot + 1], *follows])
    starts = []
    for slot in range(1, slots - 1):
        start = encoding.break_start(participant, slot)
        encoding.hard.extend([[-start, busy[slot - 1]], [-start, -busy[slot]]])
        encoding.hard.append([-start, later[slot]])
        encoding.hard.append([start, -busy[slot - 1], busy[slot], -later[slot]])
        encoding.soft.append([-start])
        starts.append(start)
    count = count_at_least(starts, encoding.pool, encoding.hard)
    _at_most_breaks(encoding, participant, count)
    _without_breaks(encoding, participant, count[0] if count else None)
    return count


def _at_most_breaks(encoding: MaxSatEncoding, participant: int, count: list[int]) -> None:
    """Implied: a participant with n meetings has at most n - 1 breaks, and at most as many as
    the idle slots it can have (all slots minus n; forbidden slots may be idle in between)."""
    meetings = len(encoding.agendas[participant])
    bound = max(0, min(meetings - 1, encoding.problem.slots - meetings))
    encoding.hard.extend([-literal] for literal in count[bound:])


def _without_breaks(encoding: MaxSatEncoding, participant: int, some_break: int | None) -> None:
    """Implied: without breaks, a participant's n meetings fill n consecutive slots that all its
    meetings could use, so it is busy in every slot common to all such windows; when there is no
    such window it has a break."""
    agenda = encoding.agendas[participant]
    usable: set[int] = set()
    for meeting in agenda:
        usable.update(encoding.domains[meeting])
    length = len(agenda)
    windows = [
        set(range(first, first + length))
        for first in range(encoding.problem.slots - length + 1)
        if usable.issuperset(range(first, first + length))
    ]
    if some_break is None:  # fewer than two meetings: nothing to imply
        return
    if not windows:
        encoding.hard.append([some_break])
        return
    for slot in sorted(set.intersection(*windows)):
        encoding.hard.append([some_break, encoding.busy(participant, slot)])


def _fairness(encoding: MaxSatEncoding, counts: list[list[int]], fairness: int) -> None:
    """Break counts of any two participants differ by at most ``fairness``.

    A unary "least break count" L (``least[k]``: L >= k + 1) is shared by all participants:
    every count is at least L and at most L + fairness. Sound and complete: any fair schedule
    satisfies both with L = the smallest count, and both together bound every difference.
    A participant with no break variables counts as 0, which forces L = 0.
    """
    longest = max((len(count) for count in counts), default=0)
    least = [encoding.pool.id(("least", k)) for k in range(longest)]
    encoding.hard.extend([-least[k + 1], least[k]] for k in range(longest - 1))
    for count in counts:
        for k, at_least in enumerate(least):
            encoding.hard.append([-at_least, count[k]] if k < len(count) else [-at_least])
        for k in range(fairness, len(count)):
            # count >= k + 1 forces L >= k + 1 - fairness
            encoding.hard.append([-count[k], least[k - fairness]])
