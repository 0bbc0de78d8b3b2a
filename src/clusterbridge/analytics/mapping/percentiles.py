"""Order statistics over regions, for every cluster and year at once.

The strong-cluster rule and the star rating compare a region with the other regions that have
employment in the same cluster and year. Sorting the whole ``[region, cluster, year]`` array
once along the region axis (excluded cells as NaN, which sort last) answers every such
comparison with vectorised indexing instead of a loop over 20,000 cluster-years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from clusterbridge.analytics.mapping.types import BoolArray, FloatArray

IndexArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class RegionRanking:
    """Values sorted ascending over the region axis, and how many regions take part.

    ``ordered[:count[c, y], c, y]`` are the values of the regions that take part in cluster
    ``c`` and year ``y``; the rest of the column is NaN.
    """

    ordered: FloatArray
    count: IndexArray

    def percentile(self, percent: float) -> FloatArray:
        """The ``percent``-th percentile per cluster and year (NaN where no region takes part).

        Linear interpolation computed exactly as ``numpy.percentile`` does by default, so a
        value equal to the percentile compares equal, bit for bit.
        """
        quantile = np.true_divide(percent, 100)
        virtual = (self.count - 1) * quantile
        below = np.floor(virtual)
        gamma = virtual - below
        last = np.maximum(self.count - 1, 0)
        low = np.clip(below, 0, last).astype(np.intp)
        high = np.minimum(low + 1, last)
        low = np.where(virtual >= last, last, low)
        a = self._at(low)
        b = self._at(high)
        difference = b - a
        result: FloatArray = a + difference * gamma
        upper = gamma >= 0.5
        result[upper] = (b - difference * (1 - gamma))[upper]
        result[self.count == 0] = np.nan
        return result

    def top_share_threshold(self, share: float) -> FloatArray:
        """The smallest value among the top ``share`` of regions (at least one region).

        With ``n`` regions taking part, the top share is the ``ceil(share * n)`` largest values;
        a region at or above the returned threshold belongs to it (ties included).
        """
        taken = np.ceil(self.count * share - 1e-9).astype(np.intp)
        taken = np.clip(taken, 1, None)
        position = np.maximum(self.count - taken, 0)
        threshold = self._at(position)
        threshold[self.count == 0] = np.nan
        return threshold

    def _at(self, index: IndexArray) -> FloatArray:
        picked = np.take_along_axis(self.ordered, index[np.newaxis], axis=0)[0]
        return np.asarray(picked, dtype=np.float64)


def rank_regions(values: FloatArray, taking_part: BoolArray) -> RegionRanking:
    """Sort ``values`` over the region axis (axis 0), keeping only cells that take part."""
    masked = np.where(taking_part, values, np.nan)
    masked.sort(axis=0)
    count = np.count_nonzero(taking_part & ~np.isnan(values), axis=0).astype(np.intp)
    return RegionRanking(ordered=masked, count=count)
