"""Co-location relatedness: RCA, specialisation, proximity and relatedness density."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterbridge.analytics.mapping.relatedness import relatedness, relatedness_from_panel
from clusterbridge.analytics.mapping.types import Panel
from clusterbridge.core.errors import InvalidInput, NotFound

REGIONS = ("R1", "R2", "R3", "R4")
CLUSTERS = ("A", "B", "C", "D")
# Employment, region x cluster. Every region employs 40; cluster totals A 40, B 30, C 55,
# D 35; all 160. Cluster shares: A 1/4, B 3/16, C 11/32, D 7/32.
EMPLOYMENT = np.array(
    [
        [20, 20, 0, 0],
        [20, 0, 20, 0],
        [0, 0, 20, 20],
        [0, 10, 15, 15],
    ],
    dtype=np.float64,
)
# RCA = (x_rc / 40) / share_c, e.g. R1 B: (20/40) / (3/16) = 8/3; R4 C: (15/40) / (11/32) = 12/11.
RCA = np.array(
    [
        [2, 8 / 3, 0, 0],
        [2, 0, 16 / 11, 0],
        [0, 0, 16 / 11, 16 / 7],
        [0, 4 / 3, 12 / 11, 12 / 7],
    ]
)
# M = RCA >= 1: R1 {A, B}, R2 {A, C}, R3 {C, D}, R4 {B, C, D}; ubiquity k = A 2, B 2, C 3, D 2.
# Regions specialised in both: AB 1 (R1), AC 1 (R2), AD 0, BC 1 (R4), BD 1 (R4), CD 2 (R3, R4).
# phi = both / max(k_i, k_j): AB 1/2, AC 1/3, AD 0, BC 1/3, BD 1/2, CD 2/3.
PROXIMITY = np.array(
    [
        [1, 1 / 2, 1 / 3, 0],
        [1 / 2, 1, 1 / 3, 1 / 2],
        [1 / 3, 1 / 3, 1, 2 / 3],
        [0, 1 / 2, 2 / 3, 1],
    ]
)
# density[r, i] = sum_(j != i) M_rj phi_ij / sum_(j != i) phi_ij. Column sums without the
# diagonal: A 5/6, B 4/3, C 4/3, D 7/6. For R1 (A, B):
#   C: (phi_CA + phi_CB) / (4/3) = (1/3 + 1/3) / (4/3) = 1/2
#   D: (phi_DA + phi_DB) / (7/6) = (0 + 1/2) / (7/6) = 3/7
# For R2 (A, C): B: (1/2 + 1/3) / (4/3) = 5/8; D: (0 + 2/3) / (7/6) = 4/7.
# For R3 (C, D): A: (1/3 + 0) / (5/6) = 2/5.


def test_rca_and_specialisation_of_the_hand_example() -> None:
    result = relatedness(EMPLOYMENT, REGIONS, CLUSTERS)

    np.testing.assert_allclose(result.rca, RCA)
    assert result.specialised.astype(int).tolist() == [
        [1, 1, 0, 0],
        [1, 0, 1, 0],
        [0, 0, 1, 1],
        [0, 1, 1, 1],
    ]
    assert result.ubiquity.tolist() == [2, 2, 3, 2]


def test_proximity_of_the_hand_example() -> None:
    result = relatedness(EMPLOYMENT, REGIONS, CLUSTERS)

    assert result.co_located[0, 1] == 1
    assert result.co_located[2, 3] == 2
    np.testing.assert_allclose(result.proximity, PROXIMITY)


def test_relatedness_density_of_the_hand_example() -> None:
    result = relatedness(EMPLOYMENT, REGIONS, CLUSTERS)

    assert result.density[0, 2] == pytest.approx(1 / 2)
    assert result.density[0, 3] == pytest.approx(3 / 7)
    assert result.density[1, 1] == pytest.approx(5 / 8)
    assert result.density[1, 3] == pytest.approx(4 / 7)
    assert result.density[2, 0] == pytest.approx(2 / 5)


def test_missing_cells_count_as_no_employment_and_empty_rows_are_zero() -> None:
    matrix = np.array([[10.0, np.nan], [0.0, 0.0], [5.0, 5.0]])
    result = relatedness(matrix, ["R1", "R2", "R3"], ["A", "B"])

    # Totals A 15, B 5, all 20. R1 A: (10/10) / (15/20) = 4/3; R3 B: (5/10) / (5/20) = 2.
    np.testing.assert_allclose(result.rca, [[4 / 3, 0], [0, 0], [2 / 3, 2]])
    assert result.ubiquity.tolist() == [1, 1]
    assert result.proximity[0, 1] == 0.0
    assert result.density.tolist() == [[0.0, 0.0]] * 3  # nothing related to anything


def test_negative_employment_names_region_and_cluster() -> None:
    matrix = EMPLOYMENT.copy()
    matrix[2, 1] = -4
    with pytest.raises(InvalidInput, match="column employment: employment must not be negative"):
        relatedness(matrix, REGIONS, CLUSTERS)
    with pytest.raises(InvalidInput, match="'R3 x B: -4'"):
        relatedness(matrix, REGIONS, CLUSTERS)


def test_unknown_region_or_cluster_is_not_found() -> None:
    result = relatedness(EMPLOYMENT, REGIONS, CLUSTERS)
    assert result.region_index("R3") == 2
    with pytest.raises(NotFound, match="region 'R9' is not in the statistics"):
        result.region_index("R9")
    with pytest.raises(NotFound, match="cluster 'Z' is not in the statistics"):
        result.cluster_index("Z")


def _panel() -> Panel:
    """The hand example as 2016, plus a local cluster L and an all-zero year 2015."""
    local = np.array([[5.0], [5.0], [5.0], [5.0]])
    year_2016 = np.hstack([EMPLOYMENT, local])
    employment = np.stack([np.zeros_like(year_2016), year_2016], axis=2)
    return Panel(
        regions=REGIONS,
        clusters=(*CLUSTERS, "L"),
        years=(2015, 2016),
        traded=np.array([True, True, True, True, False]),
        employment=employment,
        establishments=employment.copy(),
        payroll=employment.copy(),
    )


def test_from_panel_uses_traded_clusters_of_the_latest_year() -> None:
    result = relatedness_from_panel(_panel())

    assert result.clusters == CLUSTERS
    np.testing.assert_allclose(result.proximity, PROXIMITY)


def test_from_panel_can_include_local_clusters_and_pick_a_year() -> None:
    assert relatedness_from_panel(_panel(), traded_only=False).clusters == (*CLUSTERS, "L")
    assert relatedness_from_panel(_panel(), year=2015).rca.sum() == 0.0
    with pytest.raises(NotFound, match="year 2020 is not in the statistics \\(2015, 2016\\)"):
        relatedness_from_panel(_panel(), year=2020)


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.one_of(st.just(0.0), st.floats(1e-6, 1e6)),
    )
)
def test_measures_stay_in_their_ranges(matrix: np.ndarray) -> None:
    regions = [f"R{i}" for i in range(matrix.shape[0])]
    clusters = [f"C{i}" for i in range(matrix.shape[1])]
    result = relatedness(matrix, regions, clusters)

    assert (result.rca >= 0).all()
    np.testing.assert_allclose(result.proximity, result.proximity.T)
    assert ((result.proximity >= 0) & (result.proximity <= 1)).all()
    assert ((result.density >= 0) & (result.density <= 1 + 1e-12)).all()
    # Employment-weighted RCA of each region is 1 (its shares sum to 1 over the clusters).
    totals = matrix.sum(axis=0)
    if matrix.sum() > 0:
        for r in np.flatnonzero(matrix.sum(axis=1) > 0):
            weights = totals / matrix.sum()
            assert float((result.rca[r] * weights).sum()) == pytest.approx(1.0)
