"""The typed inputs of cluster mapping: a dense region x cluster x year panel and a reference.

Dense arrays keep every measure a vectorised numpy expression, which is what makes 60 million
cells fit in seconds. A cell with no statistics row is NaN (not zero), because the published
rules compare only "regions with employment in that cluster".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class ClusterType(StrEnum):
    """Traded clusters sell across regions; local clusters serve their own region."""

    TRADED = "traded"
    LOCAL = "local"


@dataclass(frozen=True)
class Panel:
    """Regional statistics by cluster category (or industry) and year.

    Arrays are indexed ``[region, cluster, year]`` in the order of ``regions``, ``clusters``
    and ``years``; NaN marks a missing row (employment) or an unpublished value
    (establishments, payroll). ``traded[c]`` is True for a traded cluster.
    """

    regions: tuple[str, ...]
    clusters: tuple[str, ...]
    years: tuple[int, ...]
    traded: BoolArray
    employment: FloatArray
    establishments: FloatArray
    payroll: FloatArray
    region_names: Mapping[str, str] = field(default_factory=dict)
    cluster_names: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        shape = (len(self.regions), len(self.clusters), len(self.years))
        for name in ("employment", "establishments", "payroll"):
            if getattr(self, name).shape != shape:
                raise ValueError(f"{name} has shape {getattr(self, name).shape}, expected {shape}")
        if self.traded.shape != (len(self.clusters),):
            raise ValueError("traded must have one flag per cluster")


@dataclass(frozen=True)
class Reference:
    """Employment of each cluster in a reference economy (a nation, the EU).

    ``employment`` is indexed ``[cluster, year]`` in the panel's cluster and year order. The
    reference may include regions the panel does not list, so it is supplied, not summed.
    """

    employment: FloatArray
