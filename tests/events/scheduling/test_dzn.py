"""The reader of the published MiniZinc instances: the format subset, 0-based conversion, and
a clear InvalidInput (file, line, field) for every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterbridge.core.errors import InvalidInput
from clusterbridge.events.scheduling.dzn import parse_dzn, read_dzn, timetabling_from_dzn
from clusterbridge.events.scheduling.problem import Session

GOOD = """% a tiny event
nBusiness = 3;
nMeetings = 2;
nTables = 1;
nTotalSlots = 4;
nMorningSlots = 2;
requested = [|1, 2, 1,
|2, 3, 3 |];
forbidden = [{0}, {0, 4}, {}];
fixed = [0, 3];
precedences = [{}, {1}];
"""


def test_reads_every_field_and_converts_to_zero_based() -> None:
    problem = timetabling_from_dzn(GOOD, name="tiny")
    assert (problem.participants, problem.slots, problem.morning_slots, problem.tables) == (
        3,
        4,
        2,
        1,
    )
    first, second = problem.meetings
    assert first.participants == (0, 1)
    assert first.session is Session.MORNING
    assert first.fixed_slot is None
    assert second.participants == (1, 2)
    assert second.fixed_slot == 2
    assert second.after == (0,)
    assert problem.forbidden == (frozenset(), frozenset({3}), frozenset())
    assert problem.fairness == 2


def test_fixed_and_precedences_may_be_absent() -> None:
    text = GOOD.replace("fixed = [0, 3];\n", "").replace("precedences = [{}, {1}];\n", "")
    problem = timetabling_from_dzn(text)
    assert [m.fixed_slot for m in problem.meetings] == [None, None]
    assert [m.after for m in problem.meetings] == [(), ()]


def test_parser_reads_ranges_and_comments() -> None:
    data = parse_dzn("a = {1..3, 7}; % comment\nb = [| 1, 2 | 3, 4 |];")
    assert data["a"] == (frozenset({1, 2, 3, 7}), 1)
    assert data["b"] == ([[1, 2], [3, 4]], 2)


def problems_of(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        timetabling_from_dzn(text, file="x.dzn")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("nTables = 1;", "nTables = 1", "expected ';'"),
        ("nTables = 1;", "nTables = ?;", "unexpected text"),
        ("nTables = 1;\n", "", "column nTables: required field is missing"),
        ("|2, 3, 3 |]", "|2, 9, 3 |]", "unknown participant (value '9')"),
        ("|2, 3, 3 |]", "|2, 3, 5 |]", "session must be 1, 2 or 3 (value '5')"),
        ("|2, 3, 3 |]", "|2, 3 |]", "must have 3 values"),
        ("|2, 3, 3 |]", "|2, 2, 3 |]", "cannot meet itself"),
        ("{0, 4}", "{0, 5}", "slot outside 1..4 (value '5')"),
        ("fixed = [0, 3];", "fixed = [0, 9];", "slot outside 1..4"),
        ("fixed = [0, 3];", "fixed = [3, 0];", "fixed slot outside its session"),
        ("fixed = [0, 3];", "fixed = [0];", "must be an array of 2 whole numbers"),
        ("[{}, {1}]", "[{}, {5}]", "no such earlier meeting (value '5')"),
        ("forbidden = [{0}, {0, 4}, {}];", "forbidden = [{0}];", "must have 3 entries"),
        ("nMeetings = 2;", "nMeetings = 3;", "says 3 meetings"),
        ("nMorningSlots = 2;", "nMorningSlots = 5;", "morning cannot have more slots"),
    ],
)
def test_every_error_names_the_problem(old: str, new: str, expected: str) -> None:
    assert old in GOOD
    found = problems_of(GOOD.replace(old, new))
    assert any(expected in p for p in found), found


def test_error_names_file_line_and_field() -> None:
    found = problems_of(GOOD.replace("|2, 3, 3 |]", "|2, 9, 3 |]"))
    assert found == ["x.dzn, row 7, column requested: meeting 2: unknown participant (value '9')"]


def test_participant_with_more_meetings_than_allowed_slots() -> None:
    text = GOOD.replace("nTotalSlots = 4;", "nTotalSlots = 2;").replace("{0, 4}", "{1}")
    text = text.replace("fixed = [0, 3];", "fixed = [0, 0];")
    assert any(
        "participant 2 has 2 meetings but only 1 allowed slots" in p for p in problems_of(text)
    )


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot read the file"):
        read_dzn(tmp_path / "missing.dzn")
    binary = tmp_path / "binary.dzn"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InvalidInput, match="cannot read the file"):
        read_dzn(binary)


def test_truncated_file_is_a_clear_error() -> None:
    assert any("unexpected end of file" in p for p in problems_of("nBusiness = [| 1, 2"))
