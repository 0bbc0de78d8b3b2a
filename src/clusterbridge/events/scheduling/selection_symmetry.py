"""Interchangeable slots, and the constraints that stop CP-SAT from trying each permutation.

Two slots are interchangeable when every request may use both or neither (and, when
re-optimising, no published meeting sits in either): swapping all meetings between them keeps a
schedule valid with the same changes, participants served and weight; only breaks change. For
the stages before breaks, the solver may therefore ask that, within a class of interchangeable
slots, a slot is used only once the previous one of its class is used by an earlier request
("value precedence"), which keeps one schedule of each set of permutations, and the proof no
longer has to visit the others. Without this, proving that 40 requests do not fit better into
8 slots can take CP-SAT longer than a user waits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ortools.sat.python import cp_model

from clusterbridge.events.scheduling.selection_model import SelectionModel
from clusterbridge.events.scheduling.selection_rules import Prepared

PRECEDENCE_LIMIT = 20_000
"""The most (request, slot) pairs of one class that get precedence variables."""


def slot_classes(
    prepared: Prepared, previous: Sequence[int | None] | None = None
) -> list[list[int]]:
    """The classes of two or more interchangeable slots, each sorted."""
    users: defaultdict[int, list[int]] = defaultdict(list)
    for r, slots in enumerate(prepared.allowed):
        for s in slots:
            users[s].append(r)
    published = {s for s in previous or () if s is not None}
    classes: defaultdict[tuple[int, ...], list[int]] = defaultdict(list)
    for s in range(prepared.problem.slots):
        if s not in published and users[s]:
            classes[tuple(users[s])].append(s)
    return [members for members in classes.values() if len(members) > 1]


def class_requests(prepared: Prepared, members: Sequence[int]) -> list[int]:
    """The requests that may use the slots of a class (all of them), in index order."""
    first = members[0]
    return [r for r, slots in enumerate(prepared.allowed) if first in slots]


def add_precedence(
    built: SelectionModel, classes: Sequence[Sequence[int]], model: cp_model.CpModel
) -> None:
    """In ``model`` (``built``'s or a copy), slot ``members[j]`` is used by a request only when
    ``members[j - 1]`` is used by an earlier request of the class."""
    for members in classes:
        requests = class_requests(built.prepared, members)
        if len(requests) * len(members) > PRECEDENCE_LIMIT:
            continue
        if any(s not in built.place[r] for r in requests for s in members):
            continue
        seen: list[cp_model.IntVar | None] = [None] * len(members)
        for r in requests:
            row = built.place[r]
            for j in range(1, len(members)):
                earlier = seen[j - 1]
                if earlier is None:
                    model.add(row[members[j]] == 0)
                else:
                    model.add_implication(row[members[j]], earlier)
            seen = [_or(model, seen[j], row[s]) for j, s in enumerate(members)]


def _or(
    model: cp_model.CpModel, old: cp_model.IntVar | None, new: cp_model.IntVar
) -> cp_model.IntVar:
    """A boolean equal to ``old or new`` (``new`` itself when there is no ``old``)."""
    if old is None:
        return new
    either = model.new_bool_var("")
    model.add_implication(old, either)
    model.add_implication(new, either)
    model.add_bool_or([old, new]).only_enforce_if(either)
    return either


def canonical(
    prepared: Prepared, slots: Sequence[int | None], classes: Sequence[Sequence[int]]
) -> list[int | None]:
    """``slots`` with the slots of every class renamed in order of first use, which satisfies
    ``add_precedence`` and changes nothing but breaks."""
    renamed = list(slots)
    for members in classes:
        order: list[int] = []
        for r in class_requests(prepared, members):
            slot = slots[r]
            if slot in members and slot not in order:
                order.append(slot)  # type: ignore[arg-type]
        mapping = dict(zip(order, members, strict=False))
        for r, slot in enumerate(slots):
            if slot is not None and slot in mapping:
                renamed[r] = mapping[slot]
    return renamed
