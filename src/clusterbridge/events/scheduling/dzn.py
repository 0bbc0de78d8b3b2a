"""Read the published B2B instances: the subset of MiniZinc data (``.dzn``) their files use.

Integers, 2-D arrays ``[| a, b, c | ... |]``, 1-D arrays of integers or of sets ``[{1,2}, {}]``
and ``%`` comments. The result is a 0-based :class:`Timetabling`; anything malformed or
inconsistent becomes one :class:`InvalidInput` naming the file, line and field.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events.scheduling.problem import Meeting, Session, Timetabling
from clusterbridge.events.scheduling.schedule import session_slots

Value = int | list["Value"] | frozenset[int]
"""A parsed data value: an integer, a set of integers, or a (nested) list of them."""

_TOKEN = re.compile(r"\s*(?:(-?\d+)|([A-Za-z_]\w*)|(\[\||\|\]|\.\.|[\[\]{}|,=;]))")
REQUIRED = ("nBusiness", "nTables", "nTotalSlots", "nMorningSlots", "requested")


@dataclass(frozen=True)
class _Token:
    text: str
    line: int


class _Parser:
    """A recursive-descent reader of ``name = value;`` assignments."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.tokens = self._tokenize(text)
        self.index = 0

    def _fail(self, reason: str, line: int | None, value: str | None = None) -> InvalidInput:
        return InvalidInput([Problem(reason, file=self.file, row=line, value=value)])

    def _tokenize(self, text: str) -> list[_Token]:
        tokens: list[_Token] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("%", 1)[0]
            position = 0
            while line[position:].strip():
                match = _TOKEN.match(line, position)
                if match is None:
                    bad = line[position:].strip()[:20]
                    raise self._fail("unexpected text", number, bad)
                tokens.append(_Token(match.group(match.lastindex or 0), number))
                position = match.end()
        return tokens

    def _peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> _Token:
        token = self._peek()
        if token is None:
            last = self.tokens[-1].line if self.tokens else None
            raise self._fail(f"unexpected end of file, expected {expected or 'a value'}", last)
        if expected is not None and token.text != expected:
            raise self._fail(f"expected {expected!r}", token.line, token.text)
        self.index += 1
        return token

    def assignments(self) -> dict[str, tuple[Value, int]]:
        """Every ``name = value;`` of the file, with the line where it starts."""
        found: dict[str, tuple[Value, int]] = {}
        while self._peek() is not None:
            name = self._take()
            if not re.fullmatch(r"[A-Za-z_]\w*", name.text):
                raise self._fail("expected a field name", name.line, name.text)
            self._take("=")
            found[name.text] = (self._value(), name.line)
            self._take(";")
        return found

    def _value(self) -> Value:
        token = self._take()
        if token.text == "[|":
            return self._matrix()
        if token.text == "[":
            return self._items("]")
        if token.text == "{":
            return frozenset(self._set_items())
        if re.fullmatch(r"-?\d+", token.text):
            return int(token.text)
        raise self._fail("expected a number, a set or an array", token.line, token.text)

    def _items(self, close: str) -> list[Value]:
        values: list[Value] = []
        while (token := self._peek()) is not None and token.text != close:
            values.append(self._value())
            if (after := self._peek()) is not None and after.text == ",":
                self._take(",")
        self._take(close)
        return values

    def _set_items(self) -> list[int]:
        members: list[int] = []
        while (token := self._peek()) is not None and token.text != "}":
            low = self._integer()
            if (after := self._peek()) is not None and after.text == "..":
                self._take("..")
                members.extend(range(low, self._integer() + 1))
            else:
                members.append(low)
            if (after := self._peek()) is not None and after.text == ",":
                self._take(",")
        self._take("}")
        return members

    def _integer(self) -> int:
        token = self._take()
        if not re.fullmatch(r"-?\d+", token.text):
            raise self._fail("expected a whole number", token.line, token.text)
        return int(token.text)

    def _matrix(self) -> list[Value]:
        rows: list[Value] = []
        row: list[Value] = []
        while True:
            token = self._peek()
            if token is None or token.text == "|]":
                self._take("|]")
                break
            if token.text == "|":
                self._take("|")
                rows.append(row)
                row = []
                continue
            if token.text == ",":
                self._take(",")
                continue
            row.append(self._integer())
        if row:
            rows.append(row)
        return rows


def parse_dzn(text: str, file: str = "<text>") -> dict[str, tuple[Value, int]]:
    """The assignments of a MiniZinc data text, each with its starting line number."""
    return _Parser(text, file).assignments()


def read_dzn(path: Path | str, fairness: int | None = 2) -> Timetabling:
    """Read a published B2B instance file into a 0-based timetabling problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput([Problem(f"cannot read the file: {error}", file=str(path))]) from None
    name = path.name.removesuffix(".dzn").removesuffix(".original")
    return timetabling_from_dzn(text, name=name, file=str(path), fairness=fairness)


def timetabling_from_dzn(
    text: str, name: str = "instance", file: str = "<text>", fairness: int | None = 2
) -> Timetabling:
    """Build the timetabling problem from MiniZinc data text, validating every field."""
    return _Builder(parse_dzn(text, file), file).build(name, fairness)


class _Builder:
    """Turns parsed assignments into a :class:`Timetabling`, collecting every problem."""

    def __init__(self, data: dict[str, tuple[Value, int]], file: str) -> None:
        self.data = data
        self.file = file
        self.problems: list[Problem] = []

    def _problem(self, reason: str, field: str, value: object = None) -> None:
        line = self.data[field][1] if field in self.data else None
        shown = None if value is None else str(value)
        self.problems.append(Problem(reason, file=self.file, row=line, column=field, value=shown))

    def _raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)

    def _int(self, field: str, low: int) -> int:
        value = self.data[field][0]
        if not isinstance(value, int) or value < low:
            self._problem(f"must be a whole number of at least {low}", field, value)
            return low
        return value

    def build(self, name: str, fairness: int | None) -> Timetabling:
        for field in REQUIRED:
            if field not in self.data:
                self.problems.append(
                    Problem("required field is missing", file=self.file, column=field)
                )
        self._raise_if_any()
        people = self._int("nBusiness", 1)
        slots = self._int("nTotalSlots", 1)
        morning = self._int("nMorningSlots", 0)
        tables = self._int("nTables", 1)
        if morning > slots:
            self._problem(
                "the morning cannot have more slots than the day", "nMorningSlots", morning
            )
        self._raise_if_any()
        requested = self._requested(people)
        forbidden = self._forbidden(people, slots)
        fixed = self._per_meeting_ints("fixed", len(requested))
        after = self._precedences(len(requested))
        self._raise_if_any()
        meetings = tuple(
            Meeting(pair, session, None if f == 0 else f - 1, a)
            for (pair, session), f, a in zip(requested, fixed, after, strict=True)
        )
        problem = Timetabling(name, people, slots, morning, tables, meetings, forbidden, fairness)
        self._check_fixed(problem)
        self._check_capacity(problem)
        self._raise_if_any()
        return problem

    def _requested(self, people: int) -> list[tuple[tuple[int, ...], Session]]:
        rows = self.data["requested"][0]
        if not isinstance(rows, list):
            self._problem("must be a 2-D array [| p1, p2, session | ... |]", "requested")
            return []
        result: list[tuple[tuple[int, ...], Session]] = []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != 3:
                self._problem(
                    f"meeting {number} must have 3 values: p1, p2, session", "requested", row
                )
                continue
            p1, p2, session = (int(v) if isinstance(v, int) else -1 for v in row)
            for person in (p1, p2):
                if not 1 <= person <= people:
                    self._problem(f"meeting {number}: unknown participant", "requested", person)
            if p1 == p2:
                self._problem(
                    f"meeting {number}: a participant cannot meet itself", "requested", p1
                )
            if session not in (1, 2, 3):
                self._problem(f"meeting {number}: session must be 1, 2 or 3", "requested", session)
                session = 3
            result.append(((p1 - 1, p2 - 1), Session(session)))
        if "nMeetings" in self.data and self.data["nMeetings"][0] != len(result):
            self._problem(
                f"says {self.data['nMeetings'][0]} meetings but requested has {len(result)}",
                "nMeetings",
            )
        return result

    def _sets(self, field: str, count: int) -> list[frozenset[int]]:
        if field not in self.data:
            return [frozenset()] * count
        value = self.data[field][0]
        if not isinstance(value, list) or not all(isinstance(v, frozenset) for v in value):
            self._problem("must be an array of sets [{...}, ...]", field)
            return [frozenset()] * count
        if len(value) != count:
            self._problem(f"must have {count} entries, has {len(value)}", field)
            return [frozenset()] * count
        return [v - {0} for v in value if isinstance(v, frozenset)]

    def _forbidden(self, people: int, slots: int) -> tuple[frozenset[int], ...]:
        result = []
        for person, members in enumerate(self._sets("forbidden", people), start=1):
            for slot in sorted(members):
                if not 1 <= slot <= slots:
                    self._problem(
                        f"participant {person}: slot outside 1..{slots}", "forbidden", slot
                    )
            result.append(frozenset(s - 1 for s in members))
        return tuple(result)

    def _per_meeting_ints(self, field: str, count: int) -> list[int]:
        if field not in self.data:
            return [0] * count
        value = self.data[field][0]
        if (
            not isinstance(value, list)
            or len(value) != count
            or not all(isinstance(v, int) for v in value)
        ):
            self._problem(f"must be an array of {count} whole numbers (0 = free)", field)
            return [0] * count
        return [v if isinstance(v, int) else 0 for v in value]

    def _precedences(self, count: int) -> list[tuple[int, ...]]:
        result = []
        for number, members in enumerate(self._sets("precedences", count), start=1):
            for other in sorted(members):
                if not 1 <= other <= count or other == number:
                    self._problem(
                        f"meeting {number}: no such earlier meeting", "precedences", other
                    )
            result.append(tuple(sorted(m - 1 for m in members)))
        return result

    def _check_fixed(self, problem: Timetabling) -> None:
        for number, meeting in enumerate(problem.meetings, start=1):
            slot = meeting.fixed_slot
            if slot is None:
                continue
            if not 0 <= slot < problem.slots:
                self._problem(
                    f"meeting {number}: slot outside 1..{problem.slots}", "fixed", slot + 1
                )
            elif slot not in session_slots(problem, meeting.session):
                self._problem(
                    f"meeting {number}: fixed slot outside its session", "fixed", slot + 1
                )

    def _check_capacity(self, problem: Timetabling) -> None:
        counts = Counter(p for m in problem.meetings for p in m.participants)
        for person, count in sorted(counts.items()):
            free = problem.slots - len(problem.forbidden_for(person))
            if count > free:
                reason = (
                    f"participant {person + 1} has {count} meetings but only {free} allowed slots"
                )
                self._problem(reason, "requested", person + 1)
