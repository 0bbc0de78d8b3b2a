"""Relatedness between clusters from where they co-locate, as in the economic-complexity literature.

Two clusters are related when the same regions tend to specialise in both (Hidalgo, Klinger,
Barabási and Hausmann 2007, "The product space conditions the development of nations"). From a
region x cluster employment matrix:

- RCA (revealed comparative advantage) ``rca[r, c] = (x_rc / x_r) / (x_c / x)``, the location
  quotient computed within the matrix itself; 0 where a region or a cluster has no employment;
- specialisation ``M[r, c] = rca[r, c] >= 1``; ubiquity ``k_c`` = number of regions with M = 1;
- proximity ``phi[i, j] = sum_r M_ri M_rj / max(k_i, k_j)`` (0 when neither cluster is present);
- relatedness density ``density[r, i] = sum_(j != i) M_rj phi_ij / sum_(j != i) phi_ij``: the
  share of a cluster's related clusters the region is already specialised in (0 when the
  cluster is related to nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from clusterbridge.analytics.mapping.types import BoolArray, FloatArray, Panel
from clusterbridge.core.errors import InvalidInput, NotFound, Problem

IntArray = npt.NDArray[np.int64]

# RCA exactly 1 may come out as 0.9999999999999998 in floating point; it still counts.
_RCA_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Relatedness:
    """Co-location relatedness of one year: arrays indexed by ``regions`` and ``clusters``.

    ``co_located[i, j]`` counts the regions specialised in both i and j; ``proximity`` is
    symmetric with ``proximity[i, i] = 1`` for a cluster present anywhere (unused by density).
    """

    regions: tuple[str, ...]
    clusters: tuple[str, ...]
    employment: FloatArray
    rca: FloatArray
    specialised: BoolArray
    ubiquity: IntArray
    co_located: IntArray
    proximity: FloatArray
    density: FloatArray

    def region_index(self, region: str) -> int:
        """The row of a region, or :class:`NotFound` naming it."""
        try:
            return self.regions.index(region)
        except ValueError:
            raise NotFound(f"region {region!r} is not in the statistics") from None

    def cluster_index(self, cluster: str) -> int:
        """The column of a cluster code, or :class:`NotFound` naming it."""
        try:
            return self.clusters.index(cluster)
        except ValueError:
            raise NotFound(f"cluster {cluster!r} is not in the statistics") from None


def relatedness(
    employment: FloatArray, regions: Sequence[str], clusters: Sequence[str]
) -> Relatedness:
    """RCA, specialisation, proximity and relatedness density of a region x cluster matrix.

    NaN cells (no statistics row) count as no employment. Negative employment is an error
    naming the region and cluster.
    """
    matrix = np.nan_to_num(np.asarray(employment, dtype=np.float64), nan=0.0)
    if matrix.shape != (len(regions), len(clusters)):
        raise ValueError(f"employment has shape {matrix.shape}, expected regions x clusters")
    _refuse_negative(matrix, regions, clusters)
    rca = revealed_comparative_advantage(matrix)
    specialised = rca >= 1.0 - _RCA_TOLERANCE
    presence = specialised.astype(np.int64)
    ubiquity = presence.sum(axis=0)
    co_located = presence.T @ presence
    largest = np.maximum.outer(ubiquity, ubiquity)
    proximity = np.divide(
        co_located, largest, out=np.zeros(co_located.shape, dtype=np.float64), where=largest > 0
    )
    return Relatedness(
        regions=tuple(regions),
        clusters=tuple(clusters),
        employment=matrix,
        rca=rca,
        specialised=specialised,
        ubiquity=ubiquity,
        co_located=co_located,
        proximity=proximity,
        density=relatedness_density(specialised, proximity),
    )


def revealed_comparative_advantage(matrix: FloatArray) -> FloatArray:
    """``(x_rc / x_r) / (x_c / x)`` for a region x cluster matrix; 0 where a total is 0."""
    region_total = matrix.sum(axis=1, keepdims=True)
    cluster_share = matrix.sum(axis=0, keepdims=True) / max(float(matrix.sum()), 1e-300)
    within = np.divide(matrix, region_total, out=np.zeros_like(matrix), where=region_total > 0)
    rca: FloatArray = np.divide(
        within, cluster_share, out=np.zeros_like(matrix), where=cluster_share > 0
    )
    return rca


def relatedness_density(specialised: BoolArray, proximity: FloatArray) -> FloatArray:
    """For each region and cluster i: ``sum_(j != i) M_rj phi_ij / sum_(j != i) phi_ij``."""
    related = proximity.copy()
    np.fill_diagonal(related, 0.0)
    weight = related.sum(axis=0)
    support = specialised.astype(np.float64) @ related
    density: FloatArray = np.divide(support, weight, out=np.zeros_like(support), where=weight > 0)
    return density


def relatedness_from_panel(
    panel: Panel, year: int | None = None, traded_only: bool = True
) -> Relatedness:
    """Relatedness of one year of a panel (the latest by default).

    Traded clusters only by default: local clusters serve their own region, are present
    nearly everywhere, and would make every pair look related.
    """
    chosen = max(panel.years) if year is None else year
    if chosen not in panel.years:
        raise NotFound(f"year {chosen} is not in the statistics ({_years(panel)})")
    keep = panel.traded if traded_only else np.ones(len(panel.clusters), dtype=bool)
    columns = np.flatnonzero(keep)
    matrix = panel.employment[:, columns, panel.years.index(chosen)]
    return relatedness(matrix, panel.regions, [panel.clusters[at] for at in columns])


def _years(panel: Panel) -> str:
    return ", ".join(str(year) for year in panel.years)


def _refuse_negative(matrix: FloatArray, regions: Sequence[str], clusters: Sequence[str]) -> None:
    rows, columns = np.nonzero(matrix < 0)
    problems = [
        Problem(
            "employment must not be negative",
            column="employment",
            value=f"{regions[r]} x {clusters[c]}: {matrix[r, c]:g}",
        )
        for r, c in zip(rows.tolist(), columns.tolist(), strict=True)
    ]
    if problems:
        raise InvalidInput(problems)
