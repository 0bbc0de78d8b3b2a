"""The European Cluster Observatory star rating: size, specialisation and focus.

A region earns one star per criterion met in a cluster category and year: size (its
employment is among the top 10 % of regions with employment in the category), specialisation
(LQ at least 2) and focus (the category's share of the region's employment is among the top
10 % of regions). The top share of ``n`` regions is the ``ceil(share * n)`` largest values,
ties at the boundary included. Thresholds are configurable through :class:`StarRule`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from clusterbridge.analytics.mapping.percentiles import rank_regions
from clusterbridge.analytics.mapping.strong import with_employment
from clusterbridge.analytics.mapping.types import BoolArray, FloatArray, Panel


@dataclass(frozen=True)
class StarRule:
    """Thresholds of the star rating (shares are fractions of the regions, 0-1)."""

    size_top_share: float = 0.10
    specialisation_lq: float = 2.0
    focus_top_share: float = 0.10


@dataclass(frozen=True)
class StarRating:
    """Stars (0-3) per ``[region, cluster, year]`` and which criteria earned them."""

    stars: npt.NDArray[np.int8]
    size: BoolArray
    specialisation: BoolArray
    focus: BoolArray


def star_ratings(
    panel: Panel, lq: FloatArray, shares: FloatArray, rule: StarRule | None = None
) -> StarRating:
    """Rate every cell of a panel given its LQs and region shares (see :mod:`.measures`)."""
    rule = rule or StarRule()
    present = with_employment(panel)
    size_bar = rank_regions(panel.employment, present).top_share_threshold(rule.size_top_share)
    size = present & (panel.employment >= size_bar[np.newaxis])
    del size_bar
    focus_bar = rank_regions(shares, present).top_share_threshold(rule.focus_top_share)
    focus = present & (shares >= focus_bar[np.newaxis])
    del focus_bar
    specialisation = present & (lq >= rule.specialisation_lq)
    stars = size.astype(np.int8)
    stars += focus
    stars += specialisation
    return StarRating(stars=stars, size=size, specialisation=specialisation, focus=focus)
