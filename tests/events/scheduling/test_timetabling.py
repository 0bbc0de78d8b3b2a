"""One test per timetabling rule, each on a 2-4 meeting instance whose answer is worked out by hand."""

from __future__ import annotations

from clusterbridge.events.scheduling.problem import Meeting, Session, Timetabling
from clusterbridge.events.scheduling.schedule import check_schedule, count_breaks
from clusterbridge.events.scheduling.timetabling import solve_timetabling


def tiny(
    meetings: list[Meeting],
    slots: int = 3,
    morning: int | None = None,
    tables: int = 5,
    forbidden: tuple[frozenset[int], ...] = (),
    fairness: int | None = None,
) -> Timetabling:
    people = 1 + max(p for m in meetings for p in m.participants)
    morning = slots if morning is None else morning
    return Timetabling("tiny", people, slots, morning, tables, tuple(meetings), forbidden, fairness)


def solved(problem: Timetabling) -> tuple[int | None, ...]:
    result = solve_timetabling(problem, time_limit=10)
    assert result.status == "optimal"
    assert check_schedule(problem, result.slots) == []
    return result.slots


def test_a_participant_has_one_meeting_per_slot() -> None:
    problem = tiny([Meeting((0, 1)), Meeting((0, 2))], slots=2)
    first, second = solved(problem)
    assert {first, second} == {0, 1}


def test_a_participant_with_more_meetings_than_slots_is_infeasible() -> None:
    problem = tiny([Meeting((0, 1)), Meeting((0, 2)), Meeting((0, 3))], slots=2)
    result = solve_timetabling(problem, time_limit=10)
    assert result.status == "infeasible"
    assert result.slots == (None, None, None)


def test_tables_limit_meetings_per_slot() -> None:
    problem = tiny([Meeting((0, 1)), Meeting((2, 3))], slots=2, tables=1)
    first, second = solved(problem)
    assert first != second
    assert solved(tiny([Meeting((0, 1)), Meeting((2, 3))], slots=1, tables=2)) == (0, 0)


def test_sessions_keep_meetings_in_their_half_day() -> None:
    meetings = [Meeting((0, 1), Session.AFTERNOON), Meeting((2, 3), Session.MORNING)]
    afternoon, morning = solved(tiny(meetings, slots=4, morning=2))
    assert afternoon in (2, 3)
    assert morning in (0, 1)


def test_forbidden_slots_are_avoided_for_both_participants() -> None:
    forbidden = (frozenset(), frozenset({0, 1}))
    assert solved(tiny([Meeting((0, 1))], slots=3, forbidden=forbidden)) == (2,)


def test_fixed_meeting_takes_its_slot_and_the_others_gather_around_it() -> None:
    meetings = [Meeting((0, 1), fixed_slot=3), Meeting((0, 2))]
    slots = solved(tiny(meetings, slots=5))
    assert slots[0] == 3
    assert slots[1] in (2, 4)


def test_precedence_puts_the_earlier_meeting_first() -> None:
    meetings = [Meeting((0, 1), after=(1,)), Meeting((0, 2))]
    first, second = solved(tiny(meetings, slots=2))
    assert (first, second) == (1, 0)


def test_breaks_are_gaps_between_consecutive_meetings() -> None:
    meetings = [Meeting((0, 1)), Meeting((0, 2)), Meeting((0, 3)), Meeting((0, 4))]
    problem = tiny(meetings, slots=7)
    assert count_breaks(problem, [0, 1, 3, 6]) == [2, 0, 0, 0, 0]
    assert count_breaks(problem, [2, 3, 4, 5]) == [0, 0, 0, 0, 0]


def test_solver_minimises_breaks_forced_by_a_forbidden_slot() -> None:
    forbidden = (frozenset({1}),)
    problem = tiny([Meeting((0, 1)), Meeting((0, 2))], slots=3, forbidden=forbidden)
    result = solve_timetabling(problem, time_limit=10)
    assert result.status == "optimal"
    assert sorted(s for s in result.slots if s is not None) == [0, 2]
    assert result.total_breaks == 1
    assert result.breaks == (1, 0, 0)
    assert result.bound == 1


def triangle(slots: int, fairness: int | None) -> Timetabling:
    return tiny([Meeting((0, 1)), Meeting((0, 2)), Meeting((1, 2))], slots=slots, fairness=fairness)


def test_fairness_spreads_breaks_evenly() -> None:
    # Someone in a triangle always has a break; with fairness 0 everyone must have one.
    assert solve_timetabling(triangle(5, None), time_limit=10).total_breaks == 1
    assert solve_timetabling(triangle(5, 1), time_limit=10).total_breaks == 1
    fair = solve_timetabling(triangle(5, 0), time_limit=10)
    assert fair.status == "optimal"
    assert fair.breaks == (1, 1, 1)
    assert solve_timetabling(triangle(4, 0), time_limit=10).status == "infeasible"


def test_infeasibility_is_blamed_on_tables() -> None:
    problem = tiny([Meeting((0, 1)), Meeting((2, 3))], slots=1, tables=1)
    assert solve_timetabling(problem, time_limit=10).blamed == ("tables",)


def test_infeasibility_is_blamed_on_sessions() -> None:
    meetings = [Meeting((0, 1), Session.MORNING), Meeting((0, 2), Session.MORNING)]
    result = solve_timetabling(tiny(meetings, slots=2, morning=1), time_limit=10)
    assert result.status == "infeasible"
    assert result.blamed == ("sessions",)


def test_infeasibility_is_blamed_on_fixed_meetings() -> None:
    meetings = [Meeting((0, 1), fixed_slot=0), Meeting((0, 2), fixed_slot=0)]
    assert solve_timetabling(tiny(meetings, slots=2), time_limit=10).blamed == ("fixed meetings",)


def test_infeasibility_is_blamed_on_precedences() -> None:
    meetings = [Meeting((0, 1), after=(1,)), Meeting((0, 2), after=(0,))]
    assert solve_timetabling(tiny(meetings, slots=3), time_limit=10).blamed == ("precedences",)


def test_infeasibility_is_blamed_on_fairness_not_on_forbidden_slots() -> None:
    # In three slots someone in a triangle has a break, forbidden slot or not.
    forbidden = (frozenset({1}),)
    meetings = [Meeting((0, 1)), Meeting((0, 2)), Meeting((1, 2))]
    result = solve_timetabling(tiny(meetings, slots=3, forbidden=forbidden, fairness=0), 10)
    assert result.status == "infeasible"
    assert result.blamed == ("fairness",)


def test_plain_model_agrees_on_a_small_instance() -> None:
    forbidden = (frozenset({1}),)
    problem = tiny([Meeting((0, 1)), Meeting((0, 2))], slots=3, forbidden=forbidden)
    plain = solve_timetabling(problem, time_limit=10, plain=True)
    assert plain.status == "optimal"
    assert plain.total_breaks == 1


def test_infeasibility_needing_two_groups_is_blamed_on_pairs() -> None:
    # Both meetings of participant 0 need slot 0: one by session, one fixed; slot 1 is forbidden.
    meetings = [Meeting((0, 1), Session.MORNING), Meeting((0, 2), fixed_slot=0)]
    problem = tiny(meetings, slots=2, morning=1, forbidden=(frozenset({1}),))
    assert solve_timetabling(problem, time_limit=10).blamed == (
        "sessions + forbidden slots",
        "forbidden slots + fixed meetings",
    )
