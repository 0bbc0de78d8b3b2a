"""The U.S. Cluster Mapping "strong cluster" rule.

A traded cluster is strong in a region and year when, among the regions with employment in
that cluster and year, its location quotient is at least the 75th percentile and at least 1,
and its employment and its establishments are each above their 25th percentile. Percentiles
interpolate linearly (numpy's default). Local clusters are never strong.

What reproducing the published 2016 state flags (all 3,350 rows, 512 strong) showed:

* "Regions with employment" means employment above zero: 56 state-cluster rows carry zero
  employment, and counting them in the percentiles changes 9 or more flags.
* The LQ comparisons are "at least" (>=): with 49 states in a cluster the 75th percentile is
  one state's own LQ exactly, and a strict comparison loses two published strong clusters.
* The establishment comparison is strict ("above", >): ">=" adds four clusters the published
  data does not flag. No state sits exactly on its employment percentile, so the data cannot
  tell for employment; we keep the published wording ("above") there too.

A region whose establishments are unknown (NaN) is left out of the establishment percentile
and is not strong, since the rule cannot be checked for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clusterbridge.analytics.mapping.percentiles import rank_regions
from clusterbridge.analytics.mapping.types import BoolArray, FloatArray, Panel


@dataclass(frozen=True)
class StrongRule:
    """Thresholds of the strong-cluster rule (percentiles are 0-100)."""

    lq_percentile: float = 75.0
    lq_minimum: float = 1.0
    employment_percentile: float = 25.0
    establishments_percentile: float = 25.0


def with_employment(panel: Panel) -> BoolArray:
    """Cells whose region has employment (above zero) in the cluster and year."""
    return np.asarray(panel.employment > 0, dtype=np.bool_)


def strong_clusters(panel: Panel, lq: FloatArray, rule: StrongRule | None = None) -> BoolArray:
    """Flag the strong clusters ``[region, cluster, year]`` of a panel given its LQs."""
    rule = rule or StrongRule()
    present = with_employment(panel)
    lq_bar = rank_regions(lq, present).percentile(rule.lq_percentile)
    strong = lq >= lq_bar[np.newaxis]
    strong &= lq >= rule.lq_minimum
    del lq_bar
    employment_bar = rank_regions(panel.employment, present).percentile(rule.employment_percentile)
    strong &= panel.employment > employment_bar[np.newaxis]
    establishments_bar = rank_regions(panel.establishments, present).percentile(
        rule.establishments_percentile
    )
    strong &= panel.establishments > establishments_bar[np.newaxis]
    strong &= present
    strong[:, ~panel.traded, :] = False
    return np.asarray(strong, dtype=np.bool_)
