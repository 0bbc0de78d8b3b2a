"""Read and validate the CORDIS Horizon 2020 files whole, before anything is written.

Row numbers follow the spreadsheet convention: the header is row 1 and the first data row is
row 2, so a problem names the row a user sees when opening the file in a spreadsheet.

The published files were written by R, which spells a gap ``NA``; an empty cell means the same.
The exception is ``country``: there ``NA`` is Namibia's ISO code (the real file's eleven ``NA``
rows are partners of southern-African projects), so only an empty cell is a missing country.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TypeVar

from clusterbridge import taxonomy
from clusterbridge.core.errors import InvalidInput, Problem, UnknownCode
from clusterbridge.registry.enums import OrganisationKind, ParticipantRole
from clusterbridge.registry.importers.cordis_files import Progress, read_table, shown

__all__ = ["CordisData", "OrganisationFacts", "Participant", "Progress", "Project", "read_cordis"]

T = TypeVar("T")

PARTICIPATION_COLUMNS = (
    "rcn", "role", "pic", "type", "contribution", "country", "start_date", "end_date",
    "max_contribution", "total_cost", "start_year",
)  # fmt: skip
PROGRAMME_PART_COLUMNS = ("rcn", "programme_part")
OPTIONAL_COLUMNS = (
    "type", "contribution", "country", "start_date", "end_date", "max_contribution",
    "total_cost", "start_year",
)  # fmt: skip
KINDS = {
    "PRC": OrganisationKind.COMPANY,
    "HES": OrganisationKind.UNIVERSITY,
    "REC": OrganisationKind.RESEARCH_CENTRE,
    "PUB": OrganisationKind.PUBLIC_BODY,
    "OTH": OrganisationKind.OTHER,
}
ROLES = {  # keys are lower case without separators: "thirdParty" and "third_party" both match
    "coordinator": ParticipantRole.COORDINATOR,
    "participant": ParticipantRole.PARTICIPANT,
    "partner": ParticipantRole.PARTNER,
    "thirdparty": ParticipantRole.THIRD_PARTY,
    "associatedpartner": ParticipantRole.ASSOCIATED_PARTNER,
}
MISSING = frozenset({"", "NA"})
MISSING_COUNTRY = frozenset({""})
MAX_AMOUNT = Decimal(10) ** 14  # Numeric(16, 2) columns
CENT = Decimal("0.01")

_DIGITS = re.compile(r"[0-9]{1,20}")
_AMOUNT = re.compile(r"[0-9]{1,20}(\.[0-9]{1,12})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
_LETTERS = re.compile(r"[A-Za-z]{2}")


@dataclass(slots=True)
class Project:
    """One project (a collaboration), from the values repeated on each of its rows."""

    rcn: str
    first_row: int
    start_date: date | None = None
    end_date: date | None = None
    year: int | None = None
    total_cost: Decimal | None = None
    funding: Decimal | None = None


PROJECT_COLUMNS = {  # Project attribute -> the file's column
    "start_date": "start_date",
    "end_date": "end_date",
    "year": "start_year",
    "total_cost": "total_cost",
    "funding": "max_contribution",
}


@dataclass(frozen=True, slots=True)
class Participant:
    """One organisation's part in one project."""

    rcn: str
    pic: str
    role: ParticipantRole
    contribution: Decimal | None


@dataclass(slots=True)
class OrganisationFacts:
    """What the file says about one PIC: type and country as of its most recent project."""

    pic: str
    kind: OrganisationKind = OrganisationKind.OTHER
    country: str | None = None
    kind_seen: tuple[date, int] | None = None
    country_seen: tuple[date, int] | None = None


@dataclass
class CordisData:
    """Both files, validated and folded into organisations, projects and participants."""

    organisations: dict[str, OrganisationFacts] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    programme_parts: dict[str, set[str]] = field(default_factory=dict)
    missing: Counter[str] = field(default_factory=Counter)
    duplicate_participations: int = 0
    orphan_programme_parts: int = 0
    several_coordinators: int = 0


def read_cordis(participations: Path, programme_parts: Path, progress: Progress) -> CordisData:
    """Validate both files whole; raise :class:`InvalidInput` listing every problem found."""
    data = CordisData()
    problems: list[Problem] = []
    _ParticipationRows(data, problems, str(participations)).read(participations, progress)
    _read_programme_parts(programme_parts, data, problems, progress)
    if problems:
        raise InvalidInput(problems)
    return data


def parse_id(value: str) -> str:
    """A CORDIS identifier (rcn, PIC): digits only, kept as text."""
    if not _DIGITS.fullmatch(value):
        raise ValueError("must be digits only (at most 20)")
    return value


def parse_amount(value: str) -> Decimal:
    """A non-negative amount in euro, rounded to the cent the database keeps."""
    if not _AMOUNT.fullmatch(value):
        raise ValueError("not a number (digits, with '.' before any decimals)")
    amount = Decimal(value)
    if amount >= MAX_AMOUNT:
        raise ValueError("too large (at most 14 digits before the decimal point)")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@functools.cache
def parse_date(value: str) -> date:
    """An ISO date, YYYY-MM-DD (cached: a file repeats a few thousand dates)."""
    if not _DATE.fullmatch(value):
        raise ValueError("not a date of the form YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a valid calendar date") from None


@functools.cache
def parse_year(value: str) -> int:
    """A four-digit year."""
    if not _YEAR.fullmatch(value):
        raise ValueError("not a four-digit year")
    return int(value)


@functools.cache
def parse_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code; CORDIS's EL and UK become GR and GB."""
    if not _LETTERS.fullmatch(value):  # before upper(), which turns "ß" into "SS"
        raise ValueError("not a two-letter country code")
    try:
        return taxonomy.country(value)
    except UnknownCode as error:
        raise ValueError(str(error)) from None


@functools.cache
def parse_kind(value: str) -> OrganisationKind:
    """CORDIS activity type to organisation kind."""
    kind = KINDS.get(value.upper())
    if kind is None:
        raise ValueError(f"unknown organisation type; expected one of {', '.join(KINDS)}")
    return kind


@functools.cache
def parse_role(value: str) -> ParticipantRole:
    """CORDIS role to participant role, ignoring case and separators (thirdParty, third_party)."""
    role = ROLES.get(re.sub(r"[\s_-]", "", value.lower()))
    if role is None:
        raise ValueError(f"unknown role; expected one of {', '.join(ROLES)}")
    return role


def parse_programme_part(value: str) -> str:
    """A programme part name such as 'SC3' or 'Innovation in SMEs'."""
    if not value:
        raise ValueError("empty; every row needs a programme part")
    if len(value) > 60 or not value.isprintable():
        raise ValueError("not a programme part name (printable text of at most 60 characters)")
    return value


class _ParticipationRows:
    """Validates the participations file row by row and folds valid rows into the data."""

    def __init__(self, data: CordisData, problems: list[Problem], file: str) -> None:
        self.data = data
        self.problems = problems
        self.file = file
        self.cells: list[str] = []
        self.index: dict[str, int] = {}
        self.failed = False
        self.seen: set[tuple[str, str]] = set()
        self.coordinators: Counter[str] = Counter()

    def read(self, path: Path, progress: Progress) -> None:
        """Validate every row; count projects that name more than one coordinator."""
        self.data.missing.update(dict.fromkeys(OPTIONAL_COLUMNS, 0))
        for row, cells, index in read_table(path, PARTICIPATION_COLUMNS, self.problems, progress):
            self.cells, self.index = cells, index
            self.add(row)
        self.data.several_coordinators = sum(1 for n in self.coordinators.values() if n > 1)

    def add(self, row: int) -> None:
        """Validate one row (every column, so all problems are reported) and fold it in."""
        self.failed = False
        rcn = self.value(row, "rcn", parse_id)
        pic = self.value(row, "pic", parse_id)
        role = self.value(row, "role", parse_role)
        kind = self.value(row, "type", parse_kind)
        country = self.value(row, "country", parse_country)
        contribution = self.value(row, "contribution", parse_amount)
        project = Project(
            rcn=rcn or "",
            first_row=row,
            start_date=self.value(row, "start_date", parse_date),
            end_date=self.value(row, "end_date", parse_date),
            year=self.value(row, "start_year", parse_year),
            total_cost=self.value(row, "total_cost", parse_amount),
            funding=self.value(row, "max_contribution", parse_amount),
        )
        if self.failed or rcn is None or pic is None or role is None:
            return
        self.fold_project(row, project)
        self.fold_organisation(pic, kind, country, (project.start_date or date.min, row))
        self.fold_participant(Participant(rcn, pic, role, contribution))

    def value(self, row: int, column: str, parse: Callable[[str], T]) -> T | None:
        """Parse one cell; an empty optional cell is counted as missing, a bad one as a problem."""
        raw = self.cells[self.index[column]].strip()
        if column in OPTIONAL_COLUMNS and raw in (
            MISSING_COUNTRY if column == "country" else MISSING
        ):
            self.data.missing[column] += 1
            return None
        try:
            return parse(raw)
        except ValueError as error:
            self.problems.append(Problem(str(error), self.file, row, column, shown(raw)))
            self.failed = True
            return None

    def fold_project(self, row: int, project: Project) -> None:
        """Merge the project values of this row; two rows of one project may not disagree."""
        known = self.data.projects.setdefault(project.rcn, project)
        for attribute, column in PROJECT_COLUMNS.items():
            new, old = getattr(project, attribute), getattr(known, attribute)
            if new is None or new == old:
                continue
            if old is None:
                setattr(known, attribute, new)
                continue
            reason = f"differs from row {known.first_row} of the same project ({old})"
            self.problems.append(Problem(reason, self.file, row, column, str(new)))

    def fold_organisation(
        self, pic: str, kind: OrganisationKind | None, country: str | None, when: tuple[date, int]
    ) -> None:
        """Keep the type and the country given on the organisation's most recent project."""
        facts = self.data.organisations.get(pic)
        if facts is None:
            facts = self.data.organisations[pic] = OrganisationFacts(pic)
        if kind is not None and (facts.kind_seen is None or when >= facts.kind_seen):
            facts.kind, facts.kind_seen = kind, when
        if country is not None and (facts.country_seen is None or when >= facts.country_seen):
            facts.country, facts.country_seen = country, when

    def fold_participant(self, participant: Participant) -> None:
        """Keep the first row of a (project, organisation) pair; count any repeat."""
        key = (participant.rcn, participant.pic)
        if key in self.seen:
            self.data.duplicate_participations += 1
            return
        self.seen.add(key)
        self.data.participants.append(participant)
        if participant.role is ParticipantRole.COORDINATOR:
            self.coordinators[participant.rcn] += 1


def _read_programme_parts(
    path: Path, data: CordisData, problems: list[Problem], progress: Progress
) -> None:
    """Validate the programme parts; a row for a project absent from the participations file
    is a gap in the published data (one in the real file), counted and skipped, not an error."""
    file = str(path)
    for row, cells, index in read_table(path, PROGRAMME_PART_COLUMNS, problems, progress):
        values: list[str] = []
        for column, parse in (("rcn", parse_id), ("programme_part", parse_programme_part)):
            raw = cells[index[column]].strip()
            try:
                values.append(parse(raw))
            except ValueError as error:
                problems.append(Problem(str(error), file, row, column, shown(raw)))
        if len(values) < 2:
            continue
        rcn, part = values
        if rcn in data.projects:
            data.programme_parts.setdefault(rcn, set()).add(part)
        else:
            data.orphan_programme_parts += 1
