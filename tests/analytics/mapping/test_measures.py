"""Location quotients, shares, wages, growth and shift-share on hand-computed examples."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterbridge.analytics.mapping.measures import (
    average_wage,
    cagr,
    cagr_since_first_year,
    location_quotients,
    region_shares,
    shift_share,
    summed_reference,
)
from clusterbridge.analytics.mapping.types import Panel, Reference
from tests.analytics.mapping.panels import one_year_panel

# Clusters: T1, T2 traded; L1, L2 local. Regions A, B, C.
EMPLOYMENT = [
    [10, 30, 60, 40],
    [20, 20, 40, 10],
    [30, 10, 50, 50],
]
TRADED = [True, True, False, False]


def test_lq_uses_traded_and_local_denominators() -> None:
    # Sum reference: T1 60, T2 60 (traded 120); L1 150, L2 100 (local 250).
    # A: traded 40, local 100 -> T1 (10/40)/(60/120) = 0.5, L1 (60/100)/(150/250) = 1.
    # B: local 50 -> L1 (40/50)/0.6 = 4/3, L2 (10/50)/0.4 = 0.5.
    lq = location_quotients(one_year_panel(EMPLOYMENT, TRADED))[:, :, 0]
    expected = [
        [0.5, 1.5, 1.0, 1.0],
        [1.0, 1.0, 4 / 3, 0.5],
        [1.5, 0.5, 5 / 6, 1.25],
    ]
    np.testing.assert_allclose(lq, expected, rtol=1e-12)


def test_lq_against_a_supplied_reference() -> None:
    # The nation holds regions not in the panel: T1 100, T2 300 (traded 400), L1 = L2 = 500.
    reference = Reference(employment=np.array([[100.0], [300.0], [500.0], [500.0]]))
    lq = location_quotients(one_year_panel(EMPLOYMENT, TRADED), reference)[:, :, 0]
    assert lq[0, 0] == pytest.approx((10 / 40) / (100 / 400))  # 1.0
    assert lq[2, 1] == pytest.approx((10 / 40) / (300 / 400))  # 1/3
    assert lq[1, 2] == pytest.approx((40 / 50) / (500 / 1000))  # 1.6


def test_missing_rows_stay_missing_and_do_not_count() -> None:
    rows = [[10, np.nan, 60, 40], [20, 20, 40, 10], [30, 10, 50, 50]]
    panel = one_year_panel(rows, TRADED)
    lq = location_quotients(panel)[:, :, 0]
    assert np.isnan(lq[0, 1])
    # A's traded total is 10 now; reference T1 60, T2 30 (traded 90).
    assert lq[0, 0] == pytest.approx((10 / 10) / (60 / 90))
    assert summed_reference(panel).employment[1, 0] == 30


def test_shares_and_wages() -> None:
    panel = one_year_panel(
        EMPLOYMENT, TRADED, payroll=[[500, 900, 1200, 0], [1, 1, 1, np.nan], [3, 3, 3, 3]]
    )
    share = region_shares(panel)[:, :, 0]
    assert share[0, 0] == pytest.approx(10 / 140)
    np.testing.assert_allclose(share.sum(axis=1), 1.0)
    wage = average_wage(panel)[:, :, 0]
    assert wage[0, 0] == 50
    assert wage[0, 3] == 0
    assert np.isnan(wage[1, 3])


def _two_years(start: list[list[float]], end: list[list[float]], years: tuple[int, int]) -> Panel:
    employment = np.stack([np.array(start, float), np.array(end, float)], axis=2)
    return Panel(
        regions=("A", "B"),
        clusters=("T1", "T2"),
        years=years,
        traded=np.array([True, True]),
        employment=employment,
        establishments=np.ones_like(employment),
        payroll=np.ones_like(employment),
    )


def test_cagr_between_two_years() -> None:
    panel = _two_years([[100, 0], [50, 80]], [[121, 10], [50, np.nan]], (2014, 2016))
    growth = cagr(panel, 2014, 2016)
    assert growth[0, 0] == pytest.approx(0.10)
    assert np.isnan(growth[0, 1])  # from zero
    assert growth[1, 0] == 0
    assert np.isnan(growth[1, 1])  # no row in 2016
    np.testing.assert_array_equal(cagr_since_first_year(panel)[:, :, 1], growth)
    assert np.isnan(cagr_since_first_year(panel)[:, :, 0]).all()
    with pytest.raises(ValueError, match="2015"):
        cagr(panel, 2015, 2016)


def test_shift_share_by_hand() -> None:
    # Nation (sum): T1 150 -> 200, T2 100 -> 100; total 250 -> 300, growth 20 %.
    panel = _two_years([[100, 40], [50, 60]], [[150, 30], [50, 70]], (2015, 2016))
    parts = shift_share(panel, 2015, 2016)
    # Region A, T1: change 50; national 100 * 0.2 = 20; mix 100 * (1/3 - 0.2); rest 100 * (0.5 - 1/3).
    assert parts.change[0, 0] == 50
    assert parts.national_growth[0, 0] == pytest.approx(20)
    assert parts.industry_mix[0, 0] == pytest.approx(100 * (1 / 3 - 0.2))
    assert parts.regional_competitiveness[0, 0] == pytest.approx(100 * (0.5 - 1 / 3))


@settings(max_examples=50, deadline=None)
@given(
    start=arrays(np.float64, (4, 3), elements=st.floats(1, 1e6)),
    end=arrays(np.float64, (4, 3), elements=st.floats(0, 1e6)),
)
def test_shift_share_components_sum_to_the_change(start: np.ndarray, end: np.ndarray) -> None:
    employment = np.stack([start, end], axis=2)
    panel = Panel(
        regions=tuple("ABCD"),
        clusters=("X", "Y", "Z"),
        years=(2010, 2020),
        traded=np.array([True, True, False]),
        employment=employment,
        establishments=employment,
        payroll=employment,
    )
    parts = shift_share(panel, 2010, 2020)
    total = parts.national_growth + parts.industry_mix + parts.regional_competitiveness
    np.testing.assert_allclose(total, end - start, rtol=1e-9, atol=1e-6)


cells = arrays(
    np.float64, st.tuples(st.integers(2, 6), st.just(5), st.just(2)), elements=st.floats(1, 1e6)
)


def _panel(employment: np.ndarray) -> Panel:
    return Panel(
        regions=tuple(f"R{r}" for r in range(employment.shape[0])),
        clusters=tuple("ABCDE"),
        years=(2019, 2020),
        traded=np.array([True, True, True, False, False]),
        employment=employment,
        establishments=employment,
        payroll=employment,
    )


@settings(max_examples=60, deadline=None)
@given(employment=cells, scale=st.floats(1e-3, 1e3))
def test_lq_does_not_change_when_every_figure_is_scaled(
    employment: np.ndarray, scale: float
) -> None:
    reference = Reference(employment=employment.sum(axis=0) * 3.0)
    lq = location_quotients(_panel(employment), reference)
    scaled = location_quotients(
        _panel(employment * scale), Reference(employment=reference.employment * scale)
    )
    np.testing.assert_allclose(scaled, lq, rtol=1e-9)


@settings(max_examples=60, deadline=None)
@given(employment=cells)
def test_employment_weighted_mean_lq_is_one_against_the_sum(employment: np.ndarray) -> None:
    panel = _panel(employment)
    lq = location_quotients(panel)
    for c, traded in enumerate(panel.traded):
        # Weights: each region's employment in clusters of the same type.
        weight = employment[:, panel.traded == traded, :].sum(axis=1)
        mean = (weight * lq[:, c, :]).sum(axis=0) / weight.sum(axis=0)
        np.testing.assert_allclose(mean, 1.0, rtol=1e-9)
