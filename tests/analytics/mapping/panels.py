"""Small panels written out by hand for the mapping tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from clusterbridge.analytics.mapping.types import Panel


def one_year_panel(
    employment: Sequence[Sequence[float]],
    traded: Sequence[bool],
    establishments: Sequence[Sequence[float]] | None = None,
    payroll: Sequence[Sequence[float]] | None = None,
) -> Panel:
    """A panel of one year (2016) from region x cluster lists; NaN marks a missing row."""
    values = np.array(employment, dtype=np.float64)[:, :, np.newaxis]
    regions, clusters = values.shape[:2]

    def cube(rows: Sequence[Sequence[float]] | None) -> np.ndarray:
        if rows is None:
            return np.where(np.isnan(values), np.nan, 1.0)
        return np.array(rows, dtype=np.float64)[:, :, np.newaxis]

    return Panel(
        regions=tuple(f"R{r}" for r in range(regions)),
        clusters=tuple(f"C{c}" for c in range(clusters)),
        years=(2016,),
        traded=np.array(traded, dtype=np.bool_),
        employment=values,
        establishments=cube(establishments),
        payroll=cube(payroll),
    )
