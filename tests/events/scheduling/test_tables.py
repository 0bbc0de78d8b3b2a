"""Table assignment: one test per rule on a 2-4 meeting instance worked out by hand, the
errors for events that have no assignment, and, on random tiny events, the proven minimum
number of table changes checked against a brute-force search over every assignment."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbridge.core.errors import InvalidInput
from clusterbridge.events.scheduling.problem import Table
from clusterbridge.events.scheduling.tables import assign_tables, count_changes

Meetings = list[tuple[int, ...]]


def tables(*capacities: int) -> list[Table]:
    return [Table(f"T{i + 1}", c) for i, c in enumerate(capacities)]


def broken_rules(
    meetings: Meetings,
    slots: Sequence[int | None],
    event: Sequence[Table],
    booths: Sequence[int | None],
    seats: Sequence[int | None],
) -> list[str]:
    """Every table rule ``seats`` breaks, checked independently of the solver."""
    broken = []
    holders: dict[int, set[int]] = {}
    for person, booth in enumerate(booths):
        if booth is not None:
            holders.setdefault(booth, set()).add(person)
    for m, (people, slot, table) in enumerate(zip(meetings, slots, seats, strict=True)):
        if (slot is None) != (table is None):
            broken.append(f"meeting {m}: table without slot or slot without table")
            continue
        if table is None:
            continue
        if event[table].capacity < len(people):
            broken.append(f"meeting {m} does not fit table {table}")
        own = {booths[p] for p in people if p < len(booths) and booths[p] is not None}
        if own and table not in own:
            broken.append(f"meeting {m} is not at a booth of its participants")
        if table in holders and not holders[table] & set(people):
            broken.append(f"meeting {m} is at somebody else's booth")
    used = [(s, t) for s, t in zip(slots, seats, strict=True) if s is not None]
    if len(used) != len(set(used)):
        broken.append("two meetings share a table in one slot")
    return broken


def test_a_meeting_sits_at_a_table_seating_all_its_participants() -> None:
    result = assign_tables([(0, 1, 2), (3, 4)], [0, 0], tables(2, 4))
    assert result.tables == (1, 0)


def test_one_meeting_per_table_and_slot() -> None:
    result = assign_tables([(0, 1), (2, 3), (4, 5)], [0, 0, 0], tables(2, 2, 2))
    assert sorted(t for t in result.tables if t is not None) == [0, 1, 2]


def test_a_meeting_without_a_slot_gets_no_table() -> None:
    result = assign_tables([(0, 1), (0, 2)], [None, 1], tables(2))
    assert result.tables == (None, 0)
    assert result.changes == 0


def test_people_stay_at_their_table_between_meetings() -> None:
    # 0 meets 1, then 2, then 3 (with a gap): 0 never moves, whatever table it starts at.
    meetings: Meetings = [(0, 1), (0, 2), (4, 5), (0, 3)]
    result = assign_tables(meetings, [0, 1, 1, 3], tables(2, 2, 2))
    assert result.tables[0] == result.tables[1] == result.tables[3]
    assert result.changes == 0
    assert result.status == "optimal"


def test_of_two_people_coming_from_different_tables_one_walks() -> None:
    # 0 and 1 sit at different tables in slot 1 and meet in slot 2: one of them walks, and
    # 0's slot-3 meeting stays wherever 0 sits in slot 2.
    meetings: Meetings = [(0, 2), (1, 3), (0, 1), (0, 4)]
    result = assign_tables(meetings, [0, 0, 1, 2], tables(2, 2))
    assert result.changes == 1
    assert result.tables[2] == result.tables[3]
    assert result.status == "optimal"


def test_a_booth_holder_meets_at_its_booth() -> None:
    # 1 holds table 2 (index 1); its visitor 0 walks there even though 0 sat at table 1.
    meetings: Meetings = [(0, 2), (0, 1), (3, 4)]
    result = assign_tables(meetings, [0, 1, 1], tables(2, 2, 2), booths=[None, 1])
    assert result.tables[1] == 1
    assert result.changes == 1
    assert broken_rules(meetings, [0, 1, 1], tables(2, 2, 2), [None, 1], result.tables) == []


def test_two_booth_holders_meet_at_one_of_their_booths() -> None:
    # 0 (booth 0) and 1 (booth 1) meet in slot 2. At 0's booth only 1 walks (one change);
    # at 1's booth 0 would walk there and back for its slot-3 meeting (two changes).
    meetings: Meetings = [(0, 2), (1, 3), (0, 1), (0, 4)]
    result = assign_tables(meetings, [0, 0, 1, 2], tables(2, 2, 2), booths=[0, 1])
    assert result.tables == (0, 1, 0, 0)
    assert result.changes == 1
    assert result.status == "optimal"


def test_a_booth_hosts_only_its_holder() -> None:
    # Table 1 is 9's booth: nobody else sits there even though 0 and 1 came from it... they
    # could not have, so the other meeting of the slot takes the remaining free table.
    result = assign_tables([(0, 1), (2, 9)], [0, 0], tables(2, 2), booths=[*[None] * 9, 0])
    assert result.tables == (1, 0)


def test_a_table_waits_for_someone_who_comes_back() -> None:
    # 0 leaves its table after slot 1 and comes back to meet 4 in slot 4. Keeping 2 there in
    # slot 2 and seating 3 and 4 there in slot 3 means nobody ever walks; a greedy that
    # keeps the table free for 0 in slot 3 makes 0 or 4 walk.
    meetings: Meetings = [(0, 2), (1, 2), (3, 4), (0, 4)]
    result = assign_tables(meetings, [0, 1, 2, 3], tables(2, 2, 2))
    assert result.changes == 0
    assert len(set(result.tables)) == 1
    assert result.status == "optimal"


def test_holders_of_a_shared_booth_take_turns_there() -> None:
    # 0 and 1 hold booth 0 together; their meetings in different slots both sit there.
    meetings: Meetings = [(0, 2), (1, 3), (4, 5)]
    result = assign_tables(meetings, [0, 1, 0], tables(2, 2), booths=[0, 0])
    assert result.tables == (0, 0, 1)


def test_changes_count_consecutive_meetings_at_different_tables() -> None:
    meetings: Meetings = [(0, 1), (0, 2), (0, 3)]
    # In slot order 0 sits at tables 0, 1, 0 (meetings 1, 3, 2): two changes.
    assert count_changes(meetings, [0, 2, 1], [0, 0, 1]) == 2
    assert count_changes(meetings, [0, 2, 1], [0, 1, 0]) == 1
    assert count_changes(meetings, [0, None, 1], [0, None, 0]) == 0


@pytest.mark.parametrize(
    ("meetings", "slots", "event", "booths", "message"),
    [
        (
            [(0, 1), (2, 3), (4, 5)],
            [3, 3, 3],
            tables(2, 2),
            (),
            "slot 4 has 3 meetings for 2 tables",
        ),
        (
            [(0, 1, 2, 3)],
            [0],
            tables(2, 2),
            (),
            "meeting 1 needs 4 seats, no table has more than 2",
        ),
        ([(0, 1), (0, 2)], [1, 1], tables(2, 2), [0], "participant 1 has 2 meetings in slot 2"),
        ([(1, 2), (3, 4)], [0, 0], tables(2, 2), [0], "slot 1 has 2 meetings for 1 table"),
        ([(0, 1, 2)], [0], tables(2, 4), [0], "meeting 1 needs 3 seats, its participants' booths"),
        ([(0, 1, 2), (3, 4, 5)], [0, 0], tables(3, 2), (), "2 meetings for 1 table seating 3"),
        ([(0, 1)], [0], tables(2), [5], "participant 1: booth 6 is not a table"),
        ([(0, 2), (1, 3)], [4, 4], tables(2, 2), [0, 0], "slot 5: the booths of meeting 2 host"),
        ([(0, 1)], [0, 1], tables(2), (), "2 slots given for 1 meetings"),
        ([()], [0], tables(2), (), "meeting 1 has no participants"),
        ([(0, 1)], [-1], tables(2), (), "meeting 1: slot 0 does not exist"),
        ([(1, 2)], [0], tables(2), [0], "every table is a booth"),
    ],
)
def test_no_assignment_is_a_clear_error(
    meetings: Meetings,
    slots: list[int | None],
    event: list[Table],
    booths: list[int | None],
    message: str,
) -> None:
    with pytest.raises(InvalidInput, match="no table assignment exists") as raised:
        assign_tables(meetings, slots, event, booths)
    assert message in str(raised.value)


def test_a_larger_event_gets_a_valid_assignment_and_a_recount() -> None:
    rng = random.Random(7)
    meetings: Meetings = []
    slots: list[int | None] = []
    busy: set[tuple[int, int]] = set()
    while len(meetings) < 300:
        a, b = rng.sample(range(60), 2)
        slot = rng.randrange(12)
        if (a, slot) not in busy and (b, slot) not in busy and slots.count(slot) < 27:
            busy |= {(a, slot), (b, slot)}
            meetings.append((a, b))
            slots.append(slot)
    event, booths = tables(*[2] * 30), [0, 1, 2]
    result = assign_tables(meetings, slots, event, booths, time_limit=1)
    assert broken_rules(meetings, slots, event, booths, result.tables) == []
    assert result.changes == count_changes(meetings, slots, result.tables)


@st.composite
def events(draw: st.DrawFn) -> tuple[Meetings, list[int | None], list[Table], list[int | None]]:
    """Up to 8 meetings of 2-3 people over 3-4 slots, no double bookings, 1-3 tables
    seating 2 or 3, a booth for about one participant in four (sometimes shared)."""
    people, slot_count = draw(st.integers(4, 5)), draw(st.integers(3, 4))
    meetings: Meetings = []
    slots: list[int | None] = []
    busy: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(3, 8))):
        size = draw(st.sampled_from([2, 2, 2, 2, 3]))
        group = tuple(draw(st.permutations(range(people)))[:size])
        slot = draw(st.one_of(st.none(), st.integers(0, slot_count - 1)))
        if slot is not None and any((p, slot) in busy for p in group):
            continue
        busy |= {(p, slot) for p in group if slot is not None}
        meetings.append(group)
        slots.append(slot)
    event = tables(*draw(st.lists(st.sampled_from([2, 2, 3]), min_size=1, max_size=3)))
    booth = st.one_of(st.none(), st.none(), st.none(), st.integers(0, len(event) - 1))
    booths = [draw(booth) for _ in range(people)]
    return meetings, slots, event, booths


def brute_force(
    meetings: Meetings, slots: list[int | None], event: list[Table], booths: list[int | None]
) -> int | None:
    """The fewest changes over every valid assignment, None when there is none."""
    scheduled = [m for m, s in enumerate(slots) if s is not None]
    best: int | None = None
    for choice in itertools.product(range(len(event)), repeat=len(scheduled)):
        seats: list[int | None] = [None] * len(meetings)
        for m, table in zip(scheduled, choice, strict=True):
            seats[m] = table
        if not broken_rules(meetings, slots, event, booths, seats):
            changes = count_changes(meetings, slots, seats)
            best = changes if best is None else min(best, changes)
    return best


@settings(max_examples=150, deadline=None)
@given(events())
def test_the_proven_minimum_equals_a_brute_force_search(
    event: tuple[Meetings, list[int | None], list[Table], list[int | None]],
) -> None:
    meetings, slots, tables_, booths = event
    expected = brute_force(meetings, slots, tables_, booths)
    if expected is None:
        with pytest.raises(InvalidInput):
            assign_tables(meetings, slots, tables_, booths, time_limit=2)
        return
    result = assign_tables(meetings, slots, tables_, booths, time_limit=2)
    assert result.status == "optimal"
    assert result.changes == expected
    assert broken_rules(meetings, slots, tables_, booths, result.tables) == []
    assert count_changes(meetings, slots, result.tables) == result.changes


def test_seeded_random_events_reach_the_brute_force_minimum() -> None:
    """Denser events than Hypothesis draws, where the greedy and the sweeps alone miss the
    minimum a few times (seen with this seed) and CP-SAT has to find and prove it."""
    rng = random.Random(1)
    for _ in range(700):
        people, slot_count, table_count = rng.randint(4, 6), rng.randint(3, 4), rng.randint(2, 3)
        meetings: Meetings = []
        slots: list[int | None] = []
        busy: set[tuple[int, int]] = set()
        for _ in range(rng.randint(5, 8)):
            pair, slot = tuple(rng.sample(range(people), 2)), rng.randrange(slot_count)
            if all((p, slot) not in busy for p in pair) and slots.count(slot) < table_count:
                busy |= {(p, slot) for p in pair}
                meetings.append(pair)
                slots.append(slot)
        event = tables(*[2] * table_count)
        result = assign_tables(meetings, slots, event, time_limit=2)
        assert result.status == "optimal"
        assert result.changes == brute_force(meetings, slots, event, [None] * people)
