"""The pure scoring: levels, scores, percentiles, trends and weighted areas on hand-made
values, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterbridge.analytics.evaluation.enums import Direction, Trend
from clusterbridge.analytics.evaluation.framework import Framework, parse_framework
from clusterbridge.analytics.evaluation.scoring import (
    evaluate,
    indicator_score,
    level_reached,
    percentile,
    trend,
)

FRAMEWORK = parse_framework(
    """
key: small
name: Small
score_levels: {basic: 40, good: 60, excellent: 80}
areas:
  - {key: members, name: Members, weight: 1}
  - {key: money, name: Money, weight: 3}
indicators:
  - {key: members, area: members, name: Members, unit: count, source: computed,
     compute: committed_members, thresholds: {basic: 15, good: 40, excellent: 80}, weight: 2}
  - {key: helix, area: members, name: Triple helix, unit: yes_no, source: computed,
     compute: triple_helix, thresholds: {basic: 1, good: 1, excellent: 1}}
  - {key: dependence, area: money, name: Largest source, unit: percent, source: questionnaire,
     direction: lower, question: "Largest source share?",
     thresholds: {basic: 80, good: 65, excellent: 50}}
""",
    "small.yaml",
)
LEVELS = FRAMEWORK.levels


def indicator(framework: Framework, key: str):
    found = framework.indicator(key)
    assert found is not None
    return found


MEMBERS = indicator(FRAMEWORK, "members")
HELIX = indicator(FRAMEWORK, "helix")
DEPENDENCE = indicator(FRAMEWORK, "dependence")


@pytest.mark.parametrize(
    ("value", "level", "score"),
    [
        (0, None, 0.0),
        (14, None, 0.0),
        (15, "basic", 100 / 3),
        (27.5, "basic", 50.0),  # halfway from 15 to 40: one level and a half
        (40, "good", 200 / 3),
        (60, "good", 250 / 3),
        (80, "excellent", 100.0),
        (500, "excellent", 100.0),
    ],
)
def test_levels_and_scores_of_a_higher_is_better_indicator(
    value: float, level: str | None, score: float
) -> None:
    assert level_reached(MEMBERS, LEVELS, value) == level
    assert indicator_score(MEMBERS, LEVELS, value) == pytest.approx(score)


@pytest.mark.parametrize(
    ("value", "level", "score"),
    [
        (90, None, 0.0),
        (80, "basic", 100 / 3),
        (70, "basic", 100 / 3 + 200 / 9),
        (50, "excellent", 100.0),
    ],
)
def test_levels_and_scores_of_a_lower_is_better_indicator(
    value: float, level: str | None, score: float
) -> None:
    assert level_reached(DEPENDENCE, LEVELS, value) == level
    assert indicator_score(DEPENDENCE, LEVELS, value) == pytest.approx(score)


def test_equal_thresholds_make_yes_no_all_or_nothing() -> None:
    assert (level_reached(HELIX, LEVELS, 1), indicator_score(HELIX, LEVELS, 1)) == (
        "excellent",
        100,
    )
    assert (level_reached(HELIX, LEVELS, 0), indicator_score(HELIX, LEVELS, 0)) == (None, 0)


def test_percentile_rank_counts_worse_peers_and_half_the_ties() -> None:
    peers = [1.0, 2.0, 3.0, 4.0]
    assert percentile(3.0, peers, Direction.HIGHER) == 62.5
    assert percentile(3.0, peers, Direction.LOWER) == 37.5
    assert percentile(2.0, [2.0, 2.0, 5.0, 1.0], Direction.HIGHER) == 50.0
    assert percentile(7.0, [7.0], Direction.HIGHER) == 50.0
    assert percentile(7.0, [], Direction.HIGHER) is None


@pytest.mark.parametrize(
    ("value", "previous", "direction", "expected"),
    [
        (11, 10, Direction.HIGHER, Trend.IMPROVING),
        (9, 10, Direction.HIGHER, Trend.WORSE),
        (10.05, 10, Direction.HIGHER, Trend.STABLE),  # within 1 %
        (9, 10, Direction.LOWER, Trend.IMPROVING),
        (0.5, 0, Direction.HIGHER, Trend.IMPROVING),
        (0.005, 0, Direction.HIGHER, Trend.STABLE),
        (10, None, Direction.HIGHER, None),
    ],
)
def test_trend_respects_the_direction(
    value: float, previous: float | None, direction: Direction, expected: Trend | None
) -> None:
    assert trend(value, previous, direction) == expected


def test_evaluate_weights_indicators_and_areas_and_lists_missing_values() -> None:
    values = {"members": 27.5, "dependence": 70.0}  # helix missing
    previous = {"members": 15.0, "dependence": 70.0}
    peers = {"members": [27.5, 10.0, 50.0], "dependence": [70.0, 60.0]}
    result = evaluate(FRAMEWORK, values, previous, peers)
    members_area, money_area = result.areas
    assert members_area.score == pytest.approx(50.0)  # helix has no value: not counted
    assert money_area.score == pytest.approx(500 / 9)
    expected = (1 * 50.0 + 3 * 500 / 9) / 4
    assert result.score == pytest.approx(expected)
    assert result.level == "basic"
    assert result.missing == ("helix",)
    assert result.coverage == pytest.approx(2 / 3)
    assert result.previous_score == pytest.approx((1 * 100 / 3 + 3 * 500 / 9) / 4)
    assert result.trend is Trend.IMPROVING
    members = members_area.indicators[0]
    assert (members.level, members.percentile, members.peers) == ("basic", 50.0, 3)
    assert (members.change, members.trend) == (12.5, Trend.IMPROVING)
    assert money_area.indicators[0].percentile == 25.0  # lower is better: 60 beats 70


def test_no_values_gives_no_score_and_every_indicator_missing() -> None:
    result = evaluate(FRAMEWORK, {}, {}, {})
    assert (result.score, result.level, result.trend) == (None, None, None)
    assert result.missing == ("members", "helix", "dependence")


@given(st.floats(0, 1000), st.floats(0, 1000))
def test_scores_stay_in_range_and_never_fall_as_a_value_improves(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert (
        0 <= indicator_score(MEMBERS, LEVELS, low) <= indicator_score(MEMBERS, LEVELS, high) <= 100
    )
    low_pct, high_pct = min(low, 100), min(high, 100)
    assert indicator_score(DEPENDENCE, LEVELS, high_pct) <= indicator_score(
        DEPENDENCE, LEVELS, low_pct
    )


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=30), st.data())
def test_percentiles_stay_between_0_and_100(peers: list[float], data: st.DataObject) -> None:
    value = data.draw(st.sampled_from(peers))
    for direction in Direction:
        assert 0 < percentile(value, peers, direction) <= 100  # type: ignore[operator]
