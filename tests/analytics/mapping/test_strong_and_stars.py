"""The strong-cluster rule and the star rating on small cases built around their edges."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterbridge.analytics.mapping.percentiles import rank_regions
from clusterbridge.analytics.mapping.stars import StarRating, StarRule, star_ratings
from clusterbridge.analytics.mapping.strong import StrongRule, strong_clusters
from tests.analytics.mapping.panels import one_year_panel


def _strong(
    employment: list[float],
    establishments: list[float],
    lq: list[float],
    traded: bool = True,
    rule: StrongRule | None = None,
) -> list[bool]:
    panel = one_year_panel(
        [[e] for e in employment], [traded], establishments=[[e] for e in establishments]
    )
    cube = np.array(lq, dtype=np.float64)[:, np.newaxis, np.newaxis]
    return [bool(flag) for flag in strong_clusters(panel, cube, rule)[:, 0, 0]]


def test_lq_at_the_75th_percentile_counts_as_strong() -> None:
    # Five regions: the 75th percentile of the LQs is 1.5 exactly (index 3), so ">=" keeps it.
    flags = _strong([10, 20, 30, 40, 50], [1, 2, 3, 4, 5], [0.5, 1.0, 1.2, 1.5, 2.0])
    assert flags == [False, False, False, True, True]


def test_regions_without_employment_are_left_out_of_the_percentiles() -> None:
    # Counting the sixth region (no employment) would raise the LQ bar to 1.875.
    flags = _strong([10, 20, 30, 40, 50, 0], [1, 2, 3, 4, 5, 0], [0.5, 1.0, 1.2, 1.5, 2.0, 0])
    assert flags == [False, False, False, True, True, False]


def test_missing_rows_are_left_out_too() -> None:
    flags = _strong([10, 20, 30, 40, 50, np.nan], [1, 2, 3, 4, 5, np.nan], [0.5, 1, 1.2, 1.5, 2, 0])
    assert flags == [False, False, False, True, True, False]


def test_employment_at_its_25th_percentile_is_not_enough() -> None:
    # 25th percentile of employment (10, 20, 30, 50, 60) is 20: the top-LQ region has exactly 20.
    flags = _strong([30, 10, 50, 60, 20], [3, 1, 5, 6, 4], [0.5, 0.8, 1.1, 1.3, 3.0])
    assert flags == [False, False, False, True, False]


def test_establishments_at_their_25th_percentile_are_not_enough() -> None:
    flags = _strong([30, 10, 50, 60, 40], [3, 1, 5, 6, 2], [0.5, 0.8, 1.1, 3.0, 1.3])
    # Establishments 25th percentile of (1, 2, 3, 5, 6) is 2: region 4 has exactly 2.
    assert flags == [False, False, False, True, False]


def test_lq_below_one_is_never_strong() -> None:
    assert not any(_strong([10, 20, 30, 40, 50], [1, 2, 3, 4, 5], [0.1, 0.2, 0.3, 0.8, 0.9]))


def test_local_clusters_are_never_strong() -> None:
    assert not any(_strong([10, 20, 30, 40, 50], [1, 2, 3, 4, 5], [0.5, 1, 1.2, 1.5, 2], False))


def test_unknown_establishments_cannot_be_strong() -> None:
    flags = _strong([10, 20, 30, 40, 50], [1, 2, 3, 4, np.nan], [0.5, 1.0, 1.2, 1.5, 2.0])
    assert flags == [False, False, False, True, False]


def test_thresholds_are_configurable() -> None:
    rule = StrongRule(lq_percentile=50, lq_minimum=1.1, employment_percentile=0)
    flags = _strong([10, 20, 30, 40, 50], [1, 2, 3, 4, 5], [0.5, 1.0, 1.2, 1.5, 2.0], rule=rule)
    assert flags == [False, False, True, True, True]


def _cube(values: list[float]) -> np.ndarray:
    return np.array(values, dtype=np.float64)[:, np.newaxis, np.newaxis]


def _stars(
    employment: list[float], lq: list[float], shares: list[float], rule: StarRule | None = None
) -> StarRating:
    panel = one_year_panel([[e] for e in employment], [True])
    return star_ratings(panel, _cube(lq), _cube(shares), rule)


def test_stars_count_size_specialisation_and_focus() -> None:
    employment = [float(e) for e in range(1, 11)]  # ten regions: the top 10 % is one region
    lq = [1, 1, 2.0, 1.99, 1, 1, 1, 1, 1, 5]
    shares = [0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]
    rating = _stars(employment, lq, shares)
    assert rating.size[:, 0, 0].tolist() == [False] * 9 + [True]
    assert rating.specialisation[:, 0, 0].tolist() == [False, False, True] + [False] * 6 + [True]
    assert rating.focus[:, 0, 0].tolist() == [True] + [False] * 9
    assert rating.stars[:, 0, 0].tolist() == [1, 0, 1, 0, 0, 0, 0, 0, 0, 2]


def test_top_share_rounds_up_and_keeps_ties() -> None:
    # Eleven regions: ceil(1.1) = 2 regions; two regions tie for second place, so three qualify.
    employment = [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10]
    rating = _stars([float(e) for e in employment], [1.0] * 11, [0.1] * 11)
    assert rating.size[:, 0, 0].tolist() == [False] * 8 + [True] * 3


def test_star_thresholds_are_configurable() -> None:
    rule = StarRule(size_top_share=0.3, specialisation_lq=1.5, focus_top_share=1.0)
    rating = _stars([float(e) for e in range(1, 11)], [1.6] + [1.0] * 9, [0.1] * 10, rule)
    assert rating.size[:, 0, 0].sum() == 3
    assert rating.stars[:, 0, 0].tolist() == [2, 1, 1, 1, 1, 1, 1, 2, 2, 2]


def test_regions_without_employment_get_no_stars() -> None:
    rating = _stars([0.0, 1.0, 2.0], [5.0, 1.0, 1.0], [0.9, 0.1, 0.1])
    assert rating.stars[0, 0, 0] == 0


@settings(max_examples=80, deadline=None)
@given(
    values=arrays(np.float64, (7, 3, 2), elements=st.floats(0, 100) | st.just(np.nan)),
    percent=st.sampled_from([0.0, 10.0, 25.0, 33.3, 50.0, 75.0, 90.0, 100.0]),
    share=st.floats(0.01, 1.0),
)
def test_percentiles_match_numpy_bit_for_bit(
    values: np.ndarray, percent: float, share: float
) -> None:
    present = values > 0
    ranking = rank_regions(values, present)
    percentile = ranking.percentile(percent)
    threshold = ranking.top_share_threshold(share)
    for c in range(3):
        for y in range(2):
            taking_part = values[:, c, y][present[:, c, y]]
            if taking_part.size == 0:
                assert np.isnan(percentile[c, y])
                continue
            assert percentile[c, y] == np.percentile(taking_part, percent)
            ordered = sorted(taking_part, reverse=True)
            top = max(1, int(np.ceil(len(ordered) * share - 1e-9)))
            assert threshold[c, y] == ordered[top - 1]
