"""Evaluation data for the demo scenario: plausible questionnaire answers per cluster and year,
with each cluster on its own path (some improving, some slipping), then the computed
indicators, so that scorecards show levels and trends. Deterministic given the seed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.answers import Answer
from clusterbridge.analytics.evaluation.enums import Direction, Unit, ValueSource
from clusterbridge.analytics.evaluation.framework import Framework, Indicator
from clusterbridge.analytics.evaluation.framework_store import framework_for_programme
from clusterbridge.analytics.evaluation.operations import compute_indicators, store_answers
from clusterbridge.core.errors import NotFound
from clusterbridge.demo.clusters import CATALAN_PROGRAMME, KOREAN_PROGRAMME
from clusterbridge.registry.models import Cluster, Programme

DEFAULT_YEARS = (2023, 2024, 2025)
MATURITY = {CATALAN_PROGRAMME: (0.2, 0.7), KOREAN_PROGRAMME: (0.0, 0.5)}
"""Range of the starting maturity (0-1) of a programme's clusters: the Catalan clusters are
older, larger organisations than the Korean mini-clusters."""
ACTOR = "demo"


@dataclass(frozen=True, slots=True)
class DemoEvaluationSummary:
    """What the evaluation demo recorded."""

    clusters: int
    answers: int
    computed: int


def load_demo_evaluation(
    session: Session, years: Sequence[int] = DEFAULT_YEARS, seed: int = 2026
) -> DemoEvaluationSummary:
    """Record questionnaire answers for every cluster of the demo's two programmes for
    ``years`` and compute their computed indicators; raises :class:`NotFound` when the demo
    scenario is not loaded."""
    programmes = session.execute(
        select(Programme.id, Programme.external_id).where(Programme.external_id.in_(list(MATURITY)))
    ).all()
    if not programmes:
        raise NotFound("The demo scenario is not loaded: run `clusterbridge demo load` first.")
    answers: list[Answer] = []
    clusters = computed = 0
    for programme_id, external_id in sorted(programmes, key=lambda p: p.external_id):
        framework = framework_for_programme(session, programme_id)
        ids = session.scalars(
            select(Cluster.id).where(Cluster.programme_id == programme_id).order_by(Cluster.id)
        ).all()
        clusters += len(ids)
        rng = Random(f"{seed}:evaluation:{external_id}")
        for cluster_id in ids:
            answers += _cluster_answers(rng, framework, cluster_id, years, MATURITY[external_id])
        for year in years:
            computed += compute_indicators(session, year, programme_id, actor=ACTOR).values
    store_answers(session, answers, user_id=None, actor=ACTOR)
    return DemoEvaluationSummary(clusters, len(answers), computed)


def _cluster_answers(
    rng: Random,
    framework: Framework,
    cluster_id: int,
    years: Sequence[int],
    maturity: tuple[float, float],
) -> list[Answer]:
    """A cluster's answers: a starting maturity, a yearly drift, a fixed lean per indicator
    and a little noise per year."""
    start, drift = rng.uniform(*maturity), rng.choice((-0.06, 0.0, 0.05, 0.08, 0.12))
    questions = framework.of_source(ValueSource.QUESTIONNAIRE)
    lean = {i.key: rng.gauss(0, 0.12) for i in questions}
    answers = []
    for n, year in enumerate(years):
        for indicator in questions:
            quality = start + drift * n + lean[indicator.key] + rng.gauss(0, 0.04)
            value = _value(framework, indicator, min(1.0, max(0.0, quality)))
            answers.append(Answer(cluster_id, year, indicator.key, value))
    return answers


def _value(framework: Framework, indicator: Indicator, quality: float) -> float:
    """The value a cluster of ``quality`` (0-1) would report: 0 lies well short of the first
    threshold, 1 beyond the top one, the thresholds evenly in between."""
    thresholds = [indicator.thresholds[level] for level in framework.levels]
    higher = indicator.direction is Direction.HIGHER
    anchors = [
        thresholds[0] * (0.5 if higher else 1.2),
        *thresholds,
        thresholds[-1] * (1.3 if higher else 0.8),
    ]
    position = quality * (len(anchors) - 1)
    low = min(int(position), len(anchors) - 2)
    value = anchors[low] + (anchors[low + 1] - anchors[low]) * (position - low)
    return _rounded(indicator.unit, value)


def _rounded(unit: Unit, value: float) -> float:
    if unit is Unit.PERCENT:
        return round(min(100.0, max(0.0, value)), 1)
    if unit is Unit.YES_NO:
        return 1.0 if value >= 0.75 else 0.0
    if unit is Unit.COUNT:
        return float(round(value))
    if unit is Unit.EUROS:
        return float(round(value, -3))
    return round(value, 1)
