"""Every cluster-strength measure of a panel in one result, and its CSV form.

This is what ``clusterbridge mapping strength`` computes: location quotients, strong clusters,
stars, shares, wages and (with several years) growth since the first year.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from clusterbridge.analytics.mapping.longcsv import REGION_COLUMNS
from clusterbridge.analytics.mapping.measures import (
    average_wage,
    cagr_since_first_year,
    location_quotients,
    region_shares,
)
from clusterbridge.analytics.mapping.stars import StarRating, StarRule, star_ratings
from clusterbridge.analytics.mapping.strong import StrongRule, strong_clusters
from clusterbridge.analytics.mapping.types import (
    BoolArray,
    ClusterType,
    FloatArray,
    Panel,
    Reference,
)

STRENGTH_COLUMNS = (*REGION_COLUMNS, "lq", "strong", "stars", "share", "wage")


@dataclass(frozen=True)
class ClusterStrength:
    """The measures of every ``[region, cluster, year]`` cell of ``panel``.

    ``cagr`` is growth since the panel's first year, None when the panel has one year.
    """

    panel: Panel
    lq: FloatArray
    strong: BoolArray
    stars: StarRating
    share: FloatArray
    wage: FloatArray
    cagr: FloatArray | None


def measure_strength(
    panel: Panel,
    reference: Reference | None = None,
    strong_rule: StrongRule | None = None,
    star_rule: StarRule | None = None,
) -> ClusterStrength:
    """Compute every measure; without a reference, the reference is the sum of the regions."""
    lq = location_quotients(panel, reference)
    share = region_shares(panel)
    return ClusterStrength(
        panel=panel,
        lq=lq,
        strong=strong_clusters(panel, lq, strong_rule),
        stars=star_ratings(panel, lq, share, star_rule),
        share=share,
        wage=average_wage(panel),
        cagr=cagr_since_first_year(panel) if len(panel.years) > 1 else None,
    )


def _number(value: float) -> str:
    """Blank for NaN, whole numbers without a decimal point, others with every digit."""
    if math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _rows(result: ClusterStrength, year: int | None) -> Iterator[list[str]]:
    panel = result.panel
    years = [(y, v) for y, v in enumerate(panel.years) if year is None or v == year]
    for r, region in enumerate(panel.regions):
        for c, cluster in enumerate(panel.clusters):
            kind = ClusterType.TRADED if panel.traded[c] else ClusterType.LOCAL
            for y, year_value in years:
                if math.isnan(panel.employment[r, c, y]):
                    continue
                row = [region, panel.region_names.get(region, ""), cluster]
                row += [panel.cluster_names.get(cluster, ""), kind.value, str(year_value)]
                row += [
                    _number(float(a[r, c, y]))
                    for a in (panel.employment, panel.establishments, panel.payroll)
                ]
                row += [
                    _number(float(result.lq[r, c, y])),
                    "true" if result.strong[r, c, y] else "false",
                ]
                row += [
                    str(int(result.stars.stars[r, c, y])),
                    _number(float(result.share[r, c, y])),
                ]
                row.append(_number(float(result.wage[r, c, y])))
                if result.cagr is not None:
                    row.append(_number(float(result.cagr[r, c, y])))
                yield row


def write_strength_csv(result: ClusterStrength, out: TextIO, year: int | None = None) -> int:
    """Write one row per region, cluster and year with statistics; return the rows written.

    Rows follow the panel's order of regions, then clusters, then years; ``year`` keeps one
    year only. A ``cagr`` column (growth since the first year) follows when there are several.
    """
    writer = csv.writer(out, lineterminator="\n")
    columns = list(STRENGTH_COLUMNS) + (["cagr"] if result.cagr is not None else [])
    writer.writerow(columns)
    written = 0
    for row in _rows(result, year):
        writer.writerow(row)
        written += 1
    return written
