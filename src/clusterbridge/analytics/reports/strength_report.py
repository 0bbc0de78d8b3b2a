"""The regional strength of one cluster category as report content: a map of location
quotients, the table of every region's measures, and the categories most related to it."""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from clusterbridge.analytics.mapping.relatedness import relatedness_from_panel
from clusterbridge.analytics.mapping.strength import ClusterStrength
from clusterbridge.analytics.reports.content import (
    Cell,
    ChoroplethMap,
    RegionValue,
    Report,
    Section,
    Table,
)
from clusterbridge.analytics.reports.geometry import RegionGeometry

LQ_THRESHOLDS = (0.8, 1.0, 1.25, 2.0)
"""Map bins: under-represented, around the reference, specialised, strongly specialised."""


def _number(value: float) -> float | None:
    return None if math.isnan(value) or math.isinf(value) else round(float(value), 3)


def strength_map(
    result: ClusterStrength, cluster: str, year: int, geometry: RegionGeometry | None
) -> ChoroplethMap:
    """Regions coloured by the category's location quotient; strong clusters are labelled."""
    panel = result.panel
    c, y = panel.clusters.index(cluster), panel.years.index(year)
    values = []
    for r, region in enumerate(panel.regions):
        lq = _number(result.lq[r, c, y])
        label = "no data" if lq is None else f"LQ {lq:.2f}"
        if result.strong[r, c, y]:
            label += ", strong cluster"
        stars = int(result.stars.stars[r, c, y])
        if stars:
            label += f", {stars} star{'s' if stars > 1 else ''}"
        values.append(RegionValue(region, panel.region_names.get(region, region), lq, label))
    name = panel.cluster_names.get(cluster, cluster)
    return ChoroplethMap(
        title=f"{name}: location quotient by region, {year}",
        legend="Location quotient",
        values=tuple(values),
        thresholds=LQ_THRESHOLDS,
        geometry=geometry,
        description="An LQ above 1 means the region is more specialised than the reference.",
    )


def strength_table(result: ClusterStrength, cluster: str, year: int) -> Table:
    """Every region's employment, LQ, strong flag, stars, share and growth, strongest first."""
    panel = result.panel
    c, y = panel.clusters.index(cluster), panel.years.index(year)
    rows: list[tuple[Cell, ...]] = []
    for r, region in enumerate(panel.regions):
        employment = panel.employment[r, c, y]
        if math.isnan(employment):
            continue
        growth = None if result.cagr is None else _number(result.cagr[r, c, y] * 100)
        rows.append((
            panel.region_names.get(region, region), region, int(employment),
            _number(result.lq[r, c, y]), "yes" if result.strong[r, c, y] else "",
            int(result.stars.stars[r, c, y]), _number(result.share[r, c, y] * 100), growth,
        ))  # fmt: skip
    rows.sort(key=lambda row: -(row[3] if isinstance(row[3], float) else -1.0))
    first = panel.years[0]
    return Table(
        ("Region", "Code", "Employment", "LQ", "Strong", "Stars", "Share of region %",
         f"Growth since {first} %/year"),
        tuple(rows),
        title=f"Regions by location quotient, {year}",
    )  # fmt: skip


def related_table(result: ClusterStrength, cluster: str, year: int, top: int = 8) -> Table | None:
    """The traded categories most often co-located with ``cluster`` (proximity), or None for a
    local category, where co-location says nothing."""
    panel = result.panel
    if not panel.traded[panel.clusters.index(cluster)]:
        return None
    related = relatedness_from_panel(panel, year)
    at = related.cluster_index(cluster)
    order = np.argsort(-related.proximity[at], kind="stable")
    rows: list[tuple[Cell, ...]] = []
    for other in order:
        if other == at or related.proximity[at, other] <= 0 or len(rows) >= top:
            continue
        code = related.clusters[other]
        rows.append((
            panel.cluster_names.get(code, code), round(float(related.proximity[at, other]), 3),
            int(related.co_located[at, other]),
        ))  # fmt: skip
    return Table(
        ("Related category", "Proximity", "Regions specialised in both"),
        tuple(rows),
        title="Categories most often specialised in the same regions",
    )


def strength_report(
    dataset_name: str,
    result: ClusterStrength,
    cluster: str,
    year: int,
    geometry: RegionGeometry | None,
    generated_on: date,
) -> Report:
    """The whole page or PDF for one category and year of a dataset."""
    name = result.panel.cluster_names.get(cluster, cluster)
    sections = [
        Section(
            "Where the category is strong",
            (
                "Location quotients compare the category's share of each region's employment "
                "with its share in the reference economy (traded against traded, local against "
                "local). Strong clusters follow the U.S. Cluster Mapping rule; stars follow the "
                "European Cluster Observatory (size, specialisation, focus).",
            ),
            (strength_map(result, cluster, year, geometry), strength_table(result, cluster, year)),
        )
    ]
    related = related_table(result, cluster, year)
    if related is not None:
        sections.append(
            Section(
                "Related categories",
                (
                    "Proximity is the share of regions specialised in one category that are also "
                    "specialised in the other (Hidalgo et al. 2007): candidates for inter-cluster "
                    "cooperation.",
                ),
                (related,),
            )
        )
    return Report(
        title=f"{name} in {dataset_name}",
        subtitle=f"Regional cluster strength, {year}",
        generated_on=generated_on,
        sections=tuple(sections),
    )
