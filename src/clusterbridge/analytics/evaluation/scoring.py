"""The pure part of scorecards: values in, levels, scores, percentiles and trends out.

No database here. An indicator's score runs from 0 to 100: reaching level k of n gives
100·k/n, with linear progress towards the next threshold, 100 at the top level and 0 below
the first threshold. Area scores are weighted means of the scores of the indicators with a
value; the overall score is the weighted mean of the area scores. Missing values are listed,
not counted as zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from clusterbridge.analytics.evaluation.enums import Direction, Trend, Unit, ValueSource
from clusterbridge.analytics.evaluation.framework import Framework, Indicator

STABLE_SHARE = 0.01
"""A change within 1 % of the previous value (of 0.01 when it was below 1) counts as stable."""


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator on a scorecard: the value, the level and score it earns, how it compares
    with the programme's clusters (percentile of ``peers`` values) and with last year."""

    key: str
    name: str
    area: str
    unit: Unit
    source: ValueSource
    direction: Direction
    weight: float
    value: float | None
    level: str | None
    score: float | None
    percentile: float | None
    peers: int
    previous: float | None
    change: float | None
    trend: Trend | None


@dataclass(frozen=True, slots=True)
class AreaResult:
    """An area on a scorecard: its weighted score and its indicators."""

    key: str
    name: str
    weight: float
    score: float | None
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A cluster's results for a year under one framework."""

    areas: tuple[AreaResult, ...]
    score: float | None
    level: str | None
    previous_score: float | None
    score_change: float | None
    trend: Trend | None
    missing: tuple[str, ...]
    """Keys of the indicators without a value this year."""

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Every indicator result, area by area."""
        return tuple(i for area in self.areas for i in area.indicators)

    @property
    def coverage(self) -> float:
        """Share (0-1) of the framework's indicators with a value."""
        count = len(self.indicators)
        return (count - len(self.missing)) / count if count else 0.0


def reaches(indicator: Indicator, value: float, threshold: float) -> bool:
    """Whether ``value`` is at or beyond ``threshold`` in the indicator's direction."""
    if indicator.direction is Direction.HIGHER:
        return value >= threshold
    return value <= threshold


def level_reached(indicator: Indicator, levels: Sequence[str], value: float) -> str | None:
    """The highest level whose threshold ``value`` reaches, or None."""
    reached = [lv for lv in levels if reaches(indicator, value, indicator.thresholds[lv])]
    return reached[-1] if reached else None


def indicator_score(indicator: Indicator, levels: Sequence[str], value: float) -> float:
    """0-100: 100·k/n for k of n levels reached, plus progress towards the next threshold."""
    thresholds = [indicator.thresholds[level] for level in levels]
    count = sum(1 for t in thresholds if reaches(indicator, value, t))
    if count == 0:
        return 0.0
    if count == len(thresholds):
        return 100.0
    here, following = thresholds[count - 1], thresholds[count]
    progress = (value - here) / (following - here) if following != here else 0.0
    return 100.0 * (count + max(0.0, min(progress, 1.0))) / len(thresholds)


def percentile(value: float, peers: Sequence[float], direction: Direction) -> float | None:
    """Percentile rank (0-100) of ``value`` among ``peers`` (which include it): the share of
    peers doing worse, plus half of those doing as well. Higher is better either way."""
    if not peers:
        return None
    if direction is Direction.HIGHER:
        worse = sum(1 for p in peers if p < value)
    else:
        worse = sum(1 for p in peers if p > value)
    equal = sum(1 for p in peers if p == value)
    return 100.0 * (worse + 0.5 * equal) / len(peers)


def trend(value: float | None, previous: float | None, direction: Direction) -> Trend | None:
    """Improving, stable or worse since the previous year, judged by ``direction``."""
    if value is None or previous is None:
        return None
    change = value - previous
    if abs(change) <= STABLE_SHARE * max(abs(previous), 1.0):
        return Trend.STABLE
    better = change > 0 if direction is Direction.HIGHER else change < 0
    return Trend.IMPROVING if better else Trend.WORSE


def weighted_mean(pairs: Sequence[tuple[float, float | None]]) -> float | None:
    """Mean of the scores present, weighted; None when no score is present."""
    present = [(weight, score) for weight, score in pairs if score is not None]
    total = sum(weight for weight, _ in present)
    return sum(weight * score for weight, score in present) / total if total else None


def overall_level(framework: Framework, score: float | None) -> str | None:
    """The highest level whose ``score_levels`` entry the overall score reaches."""
    if score is None:
        return None
    reached = [lv for lv in framework.levels if score >= framework.score_levels[lv]]
    return reached[-1] if reached else None


def overall_score(framework: Framework, values: Mapping[str, float]) -> float | None:
    """The weighted overall score of ``values`` (indicator key -> value)."""
    areas = []
    for area in framework.areas:
        scores = [
            (
                i.weight,
                indicator_score(i, framework.levels, values[i.key]) if i.key in values else None,
            )
            for i in framework.indicators_of(area.key)
        ]
        areas.append((area.weight, weighted_mean(scores)))
    return weighted_mean(areas)


def evaluate(
    framework: Framework,
    values: Mapping[str, float],
    previous: Mapping[str, float],
    peers: Mapping[str, Sequence[float]],
) -> Evaluation:
    """Score one cluster's ``values`` (indicator key -> value) against ``framework``, with
    last year's values for trends and the programme's values per indicator for percentiles."""
    areas = []
    for area in framework.areas:
        results = tuple(
            _result(framework, i, values.get(i.key), previous.get(i.key), peers.get(i.key, ()))
            for i in framework.indicators_of(area.key)
        )
        score = weighted_mean([(r.weight, r.score) for r in results])
        areas.append(AreaResult(area.key, area.name, area.weight, score, results))
    score = weighted_mean([(a.weight, a.score) for a in areas])
    before = overall_score(framework, previous)
    return Evaluation(
        areas=tuple(areas),
        score=score,
        level=overall_level(framework, score),
        previous_score=before,
        score_change=None if score is None or before is None else score - before,
        trend=trend(score, before, Direction.HIGHER),
        missing=tuple(i.key for i in framework.indicators if i.key not in values),
    )


def _result(
    framework: Framework,
    indicator: Indicator,
    value: float | None,
    previous: float | None,
    peers: Sequence[float],
) -> IndicatorResult:
    if value is None:
        level, score, rank = None, None, None
    else:
        level = level_reached(indicator, framework.levels, value)
        score = indicator_score(indicator, framework.levels, value)
        rank = percentile(value, peers, indicator.direction)
    return IndicatorResult(
        key=indicator.key,
        name=indicator.name,
        area=indicator.area,
        unit=indicator.unit,
        source=indicator.source,
        direction=indicator.direction,
        weight=indicator.weight,
        value=value,
        level=level,
        score=score,
        percentile=rank,
        peers=len(peers),
        previous=previous,
        change=None if value is None or previous is None else value - previous,
        trend=trend(value, previous, indicator.direction),
    )
