"""The timetabling problem of a B2B meeting event, as plain typed data.

Participants, slots and meetings are numbered from 0 here; the published MiniZinc format and
the command line speak 1-based, and their readers and writers convert.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Session(IntEnum):
    """When a meeting may take place, as the published instances code it."""

    MORNING = 1
    AFTERNOON = 2
    ANY = 3


@dataclass(frozen=True)
class Meeting:
    """A meeting between two (or more) participants.

    ``fixed_slot`` locks it to one slot; ``after`` lists meetings that must be held before it.
    """

    participants: tuple[int, ...]
    session: Session = Session.ANY
    fixed_slot: int | None = None
    after: tuple[int, ...] = ()


@dataclass(frozen=True)
class Timetabling:
    """Schedule every meeting: one meeting per participant and slot, at most ``tables``
    meetings per slot, sessions, forbidden slots, fixed slots and precedences respected;
    minimise the total number of breaks with break counts differing by at most ``fairness``.

    Slots ``0 .. morning_slots - 1`` are the morning session, the rest the afternoon.
    """

    name: str
    participants: int
    slots: int
    morning_slots: int
    tables: int
    meetings: tuple[Meeting, ...]
    forbidden: tuple[frozenset[int], ...] = field(default=())
    """Per participant, the slots in which it can have no meeting."""
    fairness: int | None = 2
    """The largest allowed difference between two participants' break counts; None: no bound."""

    def forbidden_for(self, participant: int) -> frozenset[int]:
        """The slots forbidden to ``participant`` (none when the list is short)."""
        if participant < len(self.forbidden):
            return self.forbidden[participant]
        return frozenset()


@dataclass(frozen=True)
class Request:
    """A meeting someone asked for; the selection solver decides whether it is held.

    ``weight`` is the value of holding it (see ``selection.request_weight``: mutual requests
    weigh more than one-sided ones, priorities add). ``fixed_slot`` locks it: it must be held
    in that slot. ``required`` makes it a meeting that must be held (in any allowed slot).
    ``window`` restricts it to the slots ``first .. last - 1`` (a required session of an event
    with more sessions than a morning and an afternoon).
    """

    participants: tuple[int, ...]
    weight: int = 1
    session: Session = Session.ANY
    fixed_slot: int | None = None
    required: bool = False
    window: tuple[int, int] | None = None


@dataclass(frozen=True)
class SelectionProblem:
    """Choose which requests become meetings and when, for an event whose requests exceed
    its capacity: maximise the total weight held, each participant within its maximum number
    of meetings, with no participant left without a meeting when that can be avoided (when
    ``fair_share`` is set), then minimise breaks (within ``fairness`` when it is set).

    ``booths`` gives, per participant, the index of the table it keeps all day (None: it
    moves). A booth serves only its holder's meetings, so in every slot the meetings without
    a booth holder share the other ``tables - (number of booths)`` tables.
    """

    name: str
    participants: int
    slots: int
    morning_slots: int
    tables: int
    requests: tuple[Request, ...]
    forbidden: tuple[frozenset[int], ...] = field(default=())
    """Per participant, the slots in which it can have no meeting."""
    max_meetings: tuple[int | None, ...] = field(default=())
    """Per participant, the most meetings it wants (None or a short tuple: no limit)."""
    booths: tuple[int | None, ...] = field(default=())
    fair_share: bool = True
    fairness: int | None = None

    def forbidden_for(self, participant: int) -> frozenset[int]:
        """The slots forbidden to ``participant`` (none when the list is short)."""
        if participant < len(self.forbidden):
            return self.forbidden[participant]
        return frozenset()

    def max_meetings_of(self, participant: int) -> int:
        """The most meetings ``participant`` may have (at most one per slot)."""
        limit = self.max_meetings[participant] if participant < len(self.max_meetings) else None
        return self.slots if limit is None else min(limit, self.slots)

    def booth_of(self, participant: int) -> int | None:
        """The table ``participant`` keeps all day, if any."""
        return self.booths[participant] if participant < len(self.booths) else None


@dataclass(frozen=True)
class Table:
    """A named table (or booth) of an event and how many people sit at it."""

    name: str
    capacity: int = 2
