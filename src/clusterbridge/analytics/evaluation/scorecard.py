"""Scorecards from stored indicator values: one cluster's (with its level, score, trend and
percentile among the clusters of its programme) and a programme's (one row per cluster).

Each costs a fixed handful of queries whatever the number of clusters; the scoring itself is
the pure :mod:`.scoring`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Row, select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.enums import QuestionnaireStatus, Trend
from clusterbridge.analytics.evaluation.framework_store import framework_for_programme
from clusterbridge.analytics.evaluation.models import IndicatorValue, QuestionnaireResponse
from clusterbridge.analytics.evaluation.scoring import AreaResult, Evaluation, evaluate
from clusterbridge.core.errors import NotFound
from clusterbridge.registry.models import Cluster, Organisation, Programme

ValuesByCluster = dict[int, dict[str, float]]


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A cluster's evaluation for a year: per indicator value, level, score, percentile and
    trend; per area a score; overall a score, a level and a trend."""

    cluster_id: int
    cluster: str
    external_id: str
    acronym: str | None
    programme: str | None
    year: int
    framework: str
    levels: tuple[str, ...]
    evaluation: Evaluation

    @property
    def areas(self) -> tuple[AreaResult, ...]:
        """The areas with their indicators."""
        return self.evaluation.areas

    @property
    def score(self) -> float | None:
        """The overall score, 0-100."""
        return self.evaluation.score

    @property
    def level(self) -> str | None:
        """The overall level reached, if any."""
        return self.evaluation.level

    @property
    def trend(self) -> Trend | None:
        """How the overall score moved since the year before."""
        return self.evaluation.trend


@dataclass(frozen=True, slots=True)
class ProgrammeRow:
    """One cluster in the programme view."""

    cluster_id: int
    cluster: str
    external_id: str
    acronym: str | None
    score: float | None
    level: str | None
    score_change: float | None
    trend: Trend | None
    areas: dict[str, float | None]
    coverage: float
    questionnaire: QuestionnaireStatus | None


@dataclass(frozen=True, slots=True)
class ProgrammeScorecards:
    """Every cluster of a programme for a year, best overall score first."""

    programme_id: int
    programme: str
    external_id: str
    year: int
    framework: str
    areas: tuple[tuple[str, str], ...]
    """(key, name) of the framework's areas, in order."""
    rows: tuple[ProgrammeRow, ...]


def cluster_scorecard(session: Session, cluster_id: int, year: int) -> Scorecard:
    """The scorecard of a cluster for ``year``; percentiles are among the clusters of its
    programme with a value for the indicator that year."""
    row = session.execute(
        select(Cluster, Organisation, Programme.name)
        .join(Cluster.organisation)
        .outerjoin(Programme, Programme.id == Cluster.programme_id)
        .where(Cluster.id == cluster_id)
    ).first()
    if row is None:
        raise NotFound(f"There is no cluster with id {cluster_id}.")
    cluster, organisation, programme = row
    framework = framework_for_programme(session, cluster.programme_id)
    peers_of = (
        Cluster.programme_id == cluster.programme_id
        if cluster.programme_id is not None
        else Cluster.id == cluster_id
    )
    current, previous = _values(session, peers_of, year)
    evaluation = evaluate(
        framework, current.get(cluster_id, {}), previous.get(cluster_id, {}), _peers(current)
    )
    return Scorecard(
        cluster_id=cluster_id,
        cluster=organisation.name,
        external_id=organisation.external_id,
        acronym=cluster.acronym,
        programme=programme,
        year=year,
        framework=framework.key,
        levels=tuple(framework.levels),
        evaluation=evaluation,
    )


def programme_scorecards(session: Session, programme_id: int, year: int) -> ProgrammeScorecards:
    """One row per cluster of the programme: overall score, level, trend, area scores."""
    programme = session.get(Programme, programme_id)
    if programme is None:
        raise NotFound(f"There is no programme with id {programme_id}.")
    framework = framework_for_programme(session, programme_id)
    members = Cluster.programme_id == programme_id
    current, previous = _values(session, members, year)
    statuses = dict(
        session.execute(
            select(QuestionnaireResponse.cluster_id, QuestionnaireResponse.status)
            .join(Cluster, Cluster.id == QuestionnaireResponse.cluster_id)
            .where(members, QuestionnaireResponse.year == year)
        ).all()
    )
    clusters = session.execute(
        select(Cluster.id, Organisation.name, Organisation.external_id, Cluster.acronym)
        .join(Cluster.organisation)
        .where(members)
    )
    peers = _peers(current)
    rows = [
        _row(evaluate(framework, current.get(c.id, {}), previous.get(c.id, {}), peers), c, statuses)
        for c in clusters
    ]
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0.0), r.cluster))
    return ProgrammeScorecards(
        programme_id=programme_id,
        programme=programme.name,
        external_id=programme.external_id,
        year=year,
        framework=framework.key,
        areas=tuple((a.key, a.name) for a in framework.areas),
        rows=tuple(rows),
    )


def _row(
    result: Evaluation,
    cluster: Row[int, str, str, str | None],
    statuses: dict[int, QuestionnaireStatus],
) -> ProgrammeRow:
    return ProgrammeRow(
        cluster_id=cluster.id,
        cluster=cluster.name,
        external_id=cluster.external_id,
        acronym=cluster.acronym,
        score=result.score,
        level=result.level,
        score_change=result.score_change,
        trend=result.trend,
        areas={area.key: area.score for area in result.areas},
        coverage=result.coverage,
        questionnaire=statuses.get(cluster.id),
    )


def _values(
    session: Session, clusters: ColumnElement[bool], year: int
) -> tuple[ValuesByCluster, ValuesByCluster]:
    """Values of ``year`` and of the year before for the clusters matching ``clusters``."""
    query = (
        select(IndicatorValue.cluster_id, IndicatorValue.year, IndicatorValue.indicator)
        .add_columns(IndicatorValue.value)
        .join(Cluster, Cluster.id == IndicatorValue.cluster_id)
        .where(clusters, IndicatorValue.year.in_([year, year - 1]))
    )
    current: ValuesByCluster = defaultdict(dict)
    previous: ValuesByCluster = defaultdict(dict)
    for cluster_id, found_year, indicator, value in session.execute(query):
        (current if found_year == year else previous)[cluster_id][indicator] = value
    return current, previous


def _peers(current: ValuesByCluster) -> dict[str, list[float]]:
    """Every value of each indicator among the clusters (the percentiles' reference)."""
    peers: dict[str, list[float]] = defaultdict(list)
    for values in current.values():
        for key, value in values.items():
            peers[key].append(value)
    return peers


def cluster_id_of(session: Session, external_id: str) -> int:
    """A cluster's id from its cluster organisation's external id (as files name clusters)."""
    found = session.scalar(
        select(Cluster.id).join(Cluster.organisation).where(Organisation.external_id == external_id)
    )
    if found is None:
        raise NotFound(f"There is no cluster whose organisation has the id {external_id!r}.")
    return found


def programme_id_of(session: Session, external_id: str) -> int:
    """A programme's id from its external id."""
    found = session.scalar(select(Programme.id).where(Programme.external_id == external_id))
    if found is None:
        raise NotFound(f"There is no programme with the id {external_id!r}.")
    return found
