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
