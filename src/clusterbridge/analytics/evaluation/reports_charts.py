"""The charts of the evaluation reports: a cluster's scores and key indicators over the years,
its overall score among its programme's clusters, and a programme's scores and quartiles.

Years come from the stored values: a year is shown when at least one value was recorded.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.enums import Unit
from clusterbridge.analytics.evaluation.framework_store import framework_for_programme
from clusterbridge.analytics.evaluation.models import IndicatorValue
from clusterbridge.analytics.evaluation.scorecard import (
    ProgrammeScorecards,
    Scorecard,
    cluster_scorecard,
    programme_scorecards,
)
from clusterbridge.analytics.evaluation.scoring import IndicatorResult
from clusterbridge.analytics.reports.content import Bar, BarChart, LineChart, Section, Series
from clusterbridge.registry.models import Cluster

KEY_INDICATORS = 4
"""How many indicators the "key indicators" chart draws."""
MAX_BARS = 30
"""Bars per chart: more would not fit a PDF page."""


def cluster_years(session: Session, cluster_id: int) -> list[int]:
    """The years a cluster has any indicator value for, ascending."""
    query = (
        select(IndicatorValue.year)
        .where(IndicatorValue.cluster_id == cluster_id)
        .distinct()
        .order_by(IndicatorValue.year)
    )
    return list(session.scalars(query))


def programme_years(session: Session, programme_id: int) -> list[int]:
    """The years any cluster of a programme has an indicator value for, ascending."""
    query = (
        select(IndicatorValue.year)
        .join(Cluster, Cluster.id == IndicatorValue.cluster_id)
        .where(Cluster.programme_id == programme_id)
        .distinct()
        .order_by(IndicatorValue.year)
    )
    return list(session.scalars(query))


def cluster_history(session: Session, cluster_id: int, card: Scorecard) -> Section:
    """ "Over time": the overall and area scores for every year with values, and the values of
    a few key indicators."""
    years = cluster_years(session, cluster_id)
    if not years:
        return Section("Over time", (f"No values are recorded for {card.cluster} yet.",))
    cards = {year: card if year == card.year else cluster_scorecard(session, cluster_id, year)
             for year in years}  # fmt: skip
    overall = Series("Overall", tuple((y, rounded_score(c.score)) for y, c in cards.items()))
    areas = tuple(
        Series(area.name, tuple((y, rounded_score(c.areas[a].score)) for y, c in cards.items()))
        for a, area in enumerate(card.areas)
    )
    scores = LineChart(
        "Overall and area scores by year", "score (0-100)", (overall, *areas),
        "The overall score is the weighted mean of the area scores.",
    )  # fmt: skip
    key = key_indicators(session, cluster_id, card)
    return Section("Over time", blocks=(scores, key) if key.series else (scores,))


def key_indicators(session: Session, cluster_id: int, card: Scorecard) -> LineChart:
    """The values over the years of the heaviest indicators sharing the most common unit (a
    single value axis stays readable), shares in percent first."""
    chosen, unit = _key_choice(card.evaluation.indicators)
    values: dict[str, dict[int, float]] = defaultdict(dict)
    query = select(IndicatorValue.indicator, IndicatorValue.year, IndicatorValue.value).where(
        IndicatorValue.cluster_id == cluster_id,
        IndicatorValue.indicator.in_([i.key for i in chosen]),
    )
    for key, year, value in session.execute(query):
        values[key][year] = value
    series = tuple(
        Series(i.name, tuple(sorted(values[i.key].items()))) for i in chosen if values[i.key]
    )
    return LineChart(f"Key indicators by year ({unit})", unit, series)


def _key_choice(results: tuple[IndicatorResult, ...]) -> tuple[list[IndicatorResult], str]:
    by_unit: dict[Unit, list[IndicatorResult]] = defaultdict(list)
    for result in results:
        if result.unit is not Unit.YES_NO:
            by_unit[result.unit].append(result)
    if not by_unit:
        return [], "value"
    unit = Unit.PERCENT if Unit.PERCENT in by_unit else max(by_unit, key=lambda u: len(by_unit[u]))
    heaviest = sorted(by_unit[unit], key=lambda r: -r.weight)[:KEY_INDICATORS]
    order = {r.key: n for n, r in enumerate(results)}
    label = "%" if unit is Unit.PERCENT else unit.value
    return sorted(heaviest, key=lambda r: order[r.key]), label


def peer_comparison(
    card: Scorecard, programme: ProgrammeScorecards | None, *, peer_names: bool
) -> Section:
    """The overall scores of the programme's clusters that year, this cluster highlighted and
    the others named only when ``peer_names``; the programme median as reference line. In a
    large programme the chart shows the :data:`MAX_BARS` ranks around the cluster."""
    if programme is None:
        text = "The cluster belongs to no programme, so it has no peers to compare with."
        return Section("Peer comparison", (text,))
    rows = [r for r in programme.rows if r.score is not None]
    if not rows:
        text = f"No cluster of the programme has a score for {card.year}."
        return Section("Peer comparison", (text,))
    bars, peer = [], 0
    for row in rows:
        mine = row.cluster_id == card.cluster_id
        peer += 0 if mine else 1
        label = row.cluster if mine or peer_names else f"Peer {peer}"
        bars.append(Bar(label, rounded_score(row.score), highlight=mine))
    first, shown = _window(bars)
    median = float(np.median([r.score for r in rows if r.score is not None]))
    chart = BarChart(
        f"Overall scores of the programme's clusters, {card.year}", "score (0-100)",
        tuple(shown), round(median, 1), "Programme median",
    )  # fmt: skip
    note = (
        f"{len(rows)} clusters of {card.programme or 'the programme'} have a score for "
        f"{card.year}; the bar of {card.cluster} is highlighted."
    )
    if len(shown) < len(bars):
        note += f" The chart shows ranks {first + 1} to {first + len(shown)}, around it."
    return Section("Peer comparison", (note,), (chart,))


def _window(bars: list[Bar]) -> tuple[int, list[Bar]]:
    """At most :data:`MAX_BARS` bars centred on the highlighted one, and the first's index."""
    if len(bars) <= MAX_BARS:
        return 0, bars
    at = next((n for n, bar in enumerate(bars) if bar.highlight), 0)
    first = min(max(0, at - MAX_BARS // 2), len(bars) - MAX_BARS)
    return first, bars[first : first + MAX_BARS]


def programme_scores(cards: ProgrammeScorecards) -> tuple[BarChart, ...]:
    """Every scored cluster of a programme, best first, with the median as reference line; one
    chart per :data:`MAX_BARS` clusters, so that each fits a PDF page."""
    rows = [row for row in cards.rows if row.score is not None]
    if not rows:
        return ()
    median = round(float(np.median([row.score for row in rows])), 1)
    charts = []
    for first in range(0, len(rows), MAX_BARS):
        part = rows[first : first + MAX_BARS]
        ranks = f", ranks {first + 1} to {first + len(part)}" if len(rows) > MAX_BARS else ""
        charts.append(
            BarChart(
                f"Overall scores, {cards.year}{ranks}",
                "score (0-100)",
                tuple(Bar(row.cluster, rounded_score(row.score)) for row in part),
                median,
                "Programme median",
            )
        )
    return tuple(charts)


def programme_history(session: Session, programme_id: int, cards: ProgrammeScorecards) -> Section:
    """The median and quartiles of the clusters' overall scores for every year with values."""
    years = programme_years(session, programme_id)
    quartiles: dict[str, list[tuple[int, float | None]]] = {
        "Lower quartile": [], "Median": [], "Upper quartile": [],
    }  # fmt: skip
    for year in years:
        found = cards if year == cards.year else programme_scorecards(session, programme_id, year)
        scores = [row.score for row in found.rows if row.score is not None]
        points = np.percentile(scores, [25, 50, 75]) if scores else [None] * 3
        for name, value in zip(quartiles, points, strict=True):
            quartiles[name].append((year, None if value is None else round(float(value), 1)))
    if not years:
        return Section("Over time", ("No values are recorded for the programme yet.",))
    chart = LineChart(
        "Overall score of the programme's clusters by year", "score (0-100)",
        tuple(Series(name, tuple(points)) for name, points in quartiles.items()),
        "Half the clusters score between the lower and the upper quartile.",
    )  # fmt: skip
    framework = framework_for_programme(session, programme_id)
    note = f"Scores under the framework {framework.name!r}, for {len(years)} years."
    return Section("Over time", (note,), (chart,))


def rounded_score(score: float | None) -> float | None:
    """A score to one decimal, as tables and charts show it."""
    return None if score is None else round(score, 1)
