"""Questionnaire answers: checking values against a framework, and reading a whole answers
file (``cluster, year, indicator, value, note``) into checked answers or one
:class:`InvalidInput` listing every problem by row and column."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.enums import ValueSource
from clusterbridge.analytics.evaluation.framework import Framework, value_problem
from clusterbridge.analytics.evaluation.framework_store import framework_for_programme
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.registry.importers.files import Table, read_table
from clusterbridge.registry.importers.references import resolve_ids
from clusterbridge.registry.models import Cluster
from clusterbridge.registry.queries import today_utc

COLUMNS = ("cluster", "year", "indicator", "value", "note")
REQUIRED = ("cluster", "year", "indicator", "value")
FIRST_YEAR = 1990
MAX_NOTE = 2_000
YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


@dataclass(frozen=True, slots=True)
class Answer:
    """One checked answer of a cluster's questionnaire."""

    cluster_id: int
    year: int
    indicator: str
    value: float
    note: str | None = None


def check_year(year: int) -> list[Problem]:
    """A problem when ``year`` is before 1990 or after the current year."""
    last = today_utc().year
    if FIRST_YEAR <= year <= last:
        return []
    return [Problem(f"year must be from {FIRST_YEAR} to {last}", column="year", value=str(year))]


def parse_number(raw: float | str) -> tuple[float, str | None]:
    """A number from a cell: '12.5', '12,5', 'yes'/'no'; (nan, reason) when it is none."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    else:
        text = str(raw).strip().lower()
        if text in YES or text in NO:
            return (1.0 if text in YES else 0.0), None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = float(text.replace(" ", "").replace("_", ""))
        except ValueError:
            return math.nan, "must be a number"
    return (value, None) if math.isfinite(value) else (math.nan, "must be a finite number")


def check_indicator(framework: Framework, key: str) -> str | None:
    """Why ``key`` cannot be answered in ``framework``'s questionnaire, or None."""
    indicator = framework.indicator(key)
    if indicator is None:
        return f"{key!r} is not an indicator of the framework {framework.key!r}"
    if indicator.source is not ValueSource.QUESTIONNAIRE:
        return f"{key!r} is computed from the registry, not asked in the questionnaire"
    return None


def check_answer(framework: Framework, key: str, value: float) -> list[str]:
    """Why ``value`` cannot answer indicator ``key`` of ``framework`` (empty when it can)."""
    wrong_key = check_indicator(framework, key)
    if wrong_key:
        return [wrong_key]
    indicator = framework.indicator(key)
    assert indicator is not None
    problem = value_problem(indicator.unit, value)
    return [f"{indicator.name} ({indicator.unit.value}) {problem}"] if problem else []


def read_answers(session: Session, path: Path) -> list[Answer]:
    """Every answer of the file at ``path``, checked whole against each cluster's framework."""
    table = read_table(path)
    missing = [c for c in REQUIRED if c not in table.header]
    if missing:
        reason = f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
        raise InvalidInput([Problem(reason, file=table.name, row=1)])
    clusters = resolve_ids(session, "clusters", {row["cluster"].strip() for _, row in table.rows})
    programmes = dict(
        session.execute(
            select(Cluster.id, Cluster.programme_id).where(Cluster.id.in_(clusters.values()))
        ).all()
    )
    frameworks = {p: framework_for_programme(session, p) for p in set(programmes.values())}
    answers, problems, seen = [], [], set[tuple[int, int, str]]()
    for number, row in table.rows:
        answer, found = _read_row(table, number, row, clusters, programmes, frameworks)
        if answer is not None:
            key = (answer.cluster_id, answer.year, answer.indicator)
            if key in seen:
                found.append(_problem(table, number, "indicator", "answered twice", row))
            seen.add(key)
            answers.append(answer)
        problems += found
    if problems:
        raise InvalidInput(problems)
    return answers


def _problem(table: Table, row: int, column: str, reason: str, cells: dict[str, str]) -> Problem:
    return Problem(reason, file=table.name, row=row, column=column, value=cells.get(column, ""))


def _read_row(
    table: Table,
    number: int,
    row: dict[str, str],
    clusters: dict[str, int],
    programmes: dict[int, int | None],
    frameworks: dict[int | None, Framework],
) -> tuple[Answer | None, list[Problem]]:
    def problem(column: str, reason: str) -> Problem:
        return _problem(table, number, column, reason, row)

    problems = []
    cluster_id = clusters.get(row["cluster"].strip())
    if cluster_id is None:
        problems.append(problem("cluster", "no cluster whose organisation has this id"))
    year = _year(row["year"])
    if year is None:
        problems.append(problem("year", "must be a year such as 2025"))
    elif reasons := check_year(year):
        problems.append(problem("year", reasons[0].reason))
    value, reason = parse_number(row["value"]) if row["value"].strip() else (0.0, "is required")
    if reason:
        problems.append(problem("value", reason))
    note = row.get("note", "").strip() or None
    if note and len(note) > MAX_NOTE:
        problems.append(problem("note", f"at most {MAX_NOTE} characters"))
    key = row["indicator"].strip()
    if cluster_id is not None:
        framework = frameworks[programmes[cluster_id]]
        wrong_key = check_indicator(framework, key)
        if wrong_key:
            problems.append(problem("indicator", wrong_key))
        elif not reason:
            problems += [problem("value", r) for r in check_answer(framework, key, value)]
    if problems or cluster_id is None or year is None:
        return None, problems
    return Answer(cluster_id, year, key, value, note), problems


def _year(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None
