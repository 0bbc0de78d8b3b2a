"""Writes of cluster evaluation: computing indicators from the registry and recording
questionnaire answers, shared by the CLI, the web pages and the demo.

Operations run in the caller's session and leave the commit to the caller (one ``with
transaction():`` block), except :func:`import_questionnaire`, which validates a whole file and
then applies it in a transaction of its own. Every write leaves an audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select, tuple_
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.answers import (
    MAX_NOTE,
    Answer,
    check_answer,
    check_year,
    parse_number,
    read_answers,
)
from clusterbridge.analytics.evaluation.computed import COMPUTATIONS, Scope
from clusterbridge.analytics.evaluation.enums import QuestionnaireStatus, ValueSource
from clusterbridge.analytics.evaluation.framework import Framework
from clusterbridge.analytics.evaluation.framework_store import framework_for_programme
from clusterbridge.analytics.evaluation.models import IndicatorValue, QuestionnaireResponse
from clusterbridge.core import audit
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput, NotFound, Problem
from clusterbridge.core.models import table_of, utcnow
from clusterbridge.registry.models import Cluster, Programme


@dataclass(frozen=True, slots=True)
class ComputeSummary:
    """What a computation run stored."""

    year: int
    clusters: int
    values: int


def compute_indicators(
    session: Session, year: int, programme_id: int | None = None, *, actor: str = "cli"
) -> ComputeSummary:
    """Compute the framework's computed indicators for ``year`` for the clusters of one
    programme (or of every programme, and those in none), replacing that year's computed
    values. Costs a few queries per programme, whatever its number of clusters."""
    raise_problems(check_year(year))
    if programme_id is not None and session.get(Programme, programme_id) is None:
        raise NotFound(f"There is no programme with id {programme_id}.")
    programmes: Iterable[int | None] = (
        [programme_id] if programme_id is not None else _programmes_with_clusters(session)
    )
    clusters = values = 0
    for programme in programmes:
        scope = Scope.of_programme(session, year, programme)
        framework = framework_for_programme(session, programme)
        stored = _store_computed(session, scope, framework)
        clusters += len(scope.clusters)
        values += stored
        audit.record(
            session,
            actor=actor,
            action="evaluation.values.computed",
            entity="programme",
            entity_id=programme,
            after={"year": year, "clusters": len(scope.clusters), "values": stored},
        )
    return ComputeSummary(year, clusters, values)


def _programmes_with_clusters(session: Session) -> list[int | None]:
    found = session.scalars(select(Cluster.programme_id).distinct()).all()
    return sorted(found, key=lambda p: (p is None, p or 0))


def _store_computed(session: Session, scope: Scope, framework: Framework) -> int:
    """Replace the scope's values of the computed indicators for the year; the number stored."""
    indicators = framework.of_source(ValueSource.COMPUTED)
    if not scope.clusters or not indicators:
        return 0
    keys = [i.key for i in indicators]
    session.execute(
        delete(IndicatorValue).where(
            IndicatorValue.cluster_id.in_(scope.cluster_ids),
            IndicatorValue.year == scope.year,
            IndicatorValue.indicator.in_(keys),
        )
    )
    now = utcnow()
    rows = [
        {
            "cluster_id": cluster_id,
            "indicator": indicator.key,
            "year": scope.year,
            "value": value,
            "source": ValueSource.COMPUTED,
            "created_at": now,
            "updated_at": now,
        }
        for indicator in indicators
        for cluster_id, value in COMPUTATIONS[indicator.compute or ""](scope).items()
    ]
    if rows:
        session.execute(insert(table_of(IndicatorValue)), rows)
    return len(rows)


def record_questionnaire(
    session: Session,
    cluster_id: int,
    year: int,
    values: Mapping[str, float | str | None],
    user_id: int | None,
    *,
    notes: Mapping[str, str] | None = None,
    submit: bool = True,
    actor: str = "cli",
) -> int:
    """Record a cluster's answers for a year (indicator key -> value; None removes an answer),
    checked against the cluster's framework: questionnaire indicators only, values in their
    unit. Marks the questionnaire submitted (or a draft). Returns the number of answers."""
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(f"There is no cluster with id {cluster_id}.")
    framework = framework_for_programme(session, cluster.programme_id)
    problems = check_year(year)
    answers, removed = [], []
    for key, raw in values.items():
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            removed.append(key)
            continue
        number, problem = parse_number(raw)
        reasons = [problem] if problem else check_answer(framework, key, number)
        problems += [Problem(r, column=key, value=str(raw)) for r in reasons]
        note = (notes or {}).get(key)
        if note and len(note) > MAX_NOTE:
            problems.append(Problem(f"a note has at most {MAX_NOTE} characters", column=key))
        answers.append(Answer(cluster_id, year, key, number, note or None))
    if not answers and (submit or not removed):
        problems.append(Problem("the questionnaire is empty: answer at least one question"))
    raise_problems(problems)
    status = QuestionnaireStatus.SUBMITTED if submit else QuestionnaireStatus.DRAFT
    store_answers(session, answers, user_id=user_id, actor=actor, status=status)
    if removed:
        _remove_answers(session, cluster_id, year, removed, actor)
    return len(answers)


def raise_problems(problems: list[Problem]) -> None:
    """Raise :class:`InvalidInput` when there is any problem."""
    if problems:
        raise InvalidInput(problems)


def store_answers(
    session: Session,
    answers: list[Answer],
    *,
    user_id: int | None,
    actor: str,
    status: QuestionnaireStatus = QuestionnaireStatus.SUBMITTED,
) -> None:
    """Write checked answers (insert or update), set each questionnaire's status, and audit
    one entry per cluster and year with the values before and after."""
    pairs = sorted({(a.cluster_id, a.year) for a in answers})
    if not pairs:
        return
    changes = _write_values(session, answers, pairs, user_id)
    _set_status(session, pairs, status, user_id)
    for (cluster_id, year), (before, after) in changes.items():
        audit.record(
            session,
            actor=actor,
            action="evaluation.questionnaire.recorded",
            entity="cluster",
            entity_id=cluster_id,
            before={"year": year, **before} if before else None,
            after={"year": year, "status": status.value, **after},
        )
    session.flush()


Diff = tuple[dict[str, object], dict[str, object]]


def _write_values(
    session: Session, answers: list[Answer], pairs: list[tuple[int, int]], user_id: int | None
) -> dict[tuple[int, int], Diff]:
    """Insert or update each answer's value; the values before and after per cluster and
    year."""
    existing = {
        (v.cluster_id, v.year, v.indicator): v
        for v in session.scalars(
            select(IndicatorValue).where(
                tuple_(IndicatorValue.cluster_id, IndicatorValue.year).in_(pairs)
            )
        )
    }
    changes: dict[tuple[int, int], Diff] = {}
    for answer in answers:
        before, after = changes.setdefault((answer.cluster_id, answer.year), ({}, {}))
        row = existing.get((answer.cluster_id, answer.year, answer.indicator))
        if row is None:
            row = IndicatorValue(cluster_id=answer.cluster_id, year=answer.year)
            row.indicator = answer.indicator
            session.add(row)
        else:
            before[answer.indicator] = row.value
        row.value, row.note, row.recorded_by = answer.value, answer.note, user_id
        row.source = ValueSource.QUESTIONNAIRE
        after[answer.indicator] = answer.value
    return changes


def _set_status(
    session: Session,
    pairs: list[tuple[int, int]],
    status: QuestionnaireStatus,
    user_id: int | None,
) -> None:
    found = {
        (r.cluster_id, r.year): r
        for r in session.scalars(
            select(QuestionnaireResponse).where(
                tuple_(QuestionnaireResponse.cluster_id, QuestionnaireResponse.year).in_(pairs)
            )
        )
    }
    for cluster_id, year in pairs:
        response = found.get((cluster_id, year))
        if response is None:
            response = QuestionnaireResponse(cluster_id=cluster_id, year=year)
            session.add(response)
        response.status = status
        submitted = status is QuestionnaireStatus.SUBMITTED
        response.submitted_at = utcnow() if submitted else None
        response.submitted_by = user_id if submitted else None


def _remove_answers(
    session: Session, cluster_id: int, year: int, keys: list[str], actor: str
) -> None:
    rows = session.scalars(
        select(IndicatorValue).where(
            IndicatorValue.cluster_id == cluster_id,
            IndicatorValue.year == year,
            IndicatorValue.indicator.in_(keys),
            IndicatorValue.source == ValueSource.QUESTIONNAIRE,
        )
    ).all()
    if not rows:
        return
    before = {"year": year, **{r.indicator: r.value for r in rows}}
    for row in rows:
        session.delete(row)
    audit.record(
        session,
        actor=actor,
        action="evaluation.questionnaire.removed",
        entity="cluster",
        entity_id=cluster_id,
        before=before,
    )
    session.flush()


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What a questionnaire import stored."""

    rows: int
    clusters: int
    years: tuple[int, ...]


def import_questionnaire(
    path: Path, *, actor: str = "cli", user_id: int | None = None, engine: Engine | None = None
) -> ImportSummary:
    """Import questionnaire answers from a CSV or XLSX file with columns ``cluster, year,
    indicator, value, note`` (cluster: the cluster organisation's external id). The whole
    file is checked first; any problem names its row and column and nothing is written."""
    with transaction(engine) as session:
        answers = read_answers(session, path)
        store_answers(session, answers, user_id=user_id, actor=actor)
    return ImportSummary(
        rows=len(answers),
        clusters=len({a.cluster_id for a in answers}),
        years=tuple(sorted({a.year for a in answers})),
    )
