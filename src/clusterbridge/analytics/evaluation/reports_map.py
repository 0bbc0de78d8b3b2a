"""The "regional strength" section of a cluster report: the location quotients of the cluster's
category by region, from a stored statistics dataset that covers the cluster organisation's
region and one of the cluster's focus codes; or, without one, which statistics are needed."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.analytics.datasets import queries
from clusterbridge.analytics.datasets.models import RegionalStatistic, StatisticsDataset
from clusterbridge.analytics.mapping.strength import measure_strength
from clusterbridge.analytics.reports.content import Section
from clusterbridge.analytics.reports.strength_report import strength_map
from clusterbridge.registry.models import Cluster, ClusterFocus, Organisation

HEADING = "Regional strength"


@dataclass(frozen=True, slots=True)
class StrengthSource:
    """The dataset, category and region a cluster's map is drawn from."""

    dataset: str
    category: str
    region: str


def strength_source(session: Session, cluster: Cluster) -> StrengthSource | None:
    """The first dataset (by name) whose regions include the cluster organisation's NUTS or
    region code and whose categories include one of the cluster's focus codes."""
    regions = _regions(session, cluster.organisation_id)
    codes = list(
        session.scalars(
            select(ClusterFocus.code).where(ClusterFocus.cluster_id == cluster.id).distinct()
        )
    )
    if not regions or not codes:
        return None
    query = (
        select(StatisticsDataset.key, RegionalStatistic.cluster, RegionalStatistic.region)
        .join(StatisticsDataset, StatisticsDataset.id == RegionalStatistic.dataset_id)
        .where(RegionalStatistic.region.in_(regions), RegionalStatistic.cluster.in_(codes))
        .order_by(StatisticsDataset.name, RegionalStatistic.cluster, RegionalStatistic.region)
        .limit(1)
    )
    found = session.execute(query).first()
    return None if found is None else StrengthSource(*found)


def _regions(session: Session, organisation_id: int) -> list[str]:
    row = session.execute(
        select(Organisation.nuts, Organisation.region).where(Organisation.id == organisation_id)
    ).one()
    return [code for code in row if code]


def regional_strength(session: Session, cluster: Cluster, year: int) -> Section:
    """A map of the category's location quotient in the latest year up to ``year`` (else the
    dataset's latest), with the cluster's own region in a sentence."""
    source = strength_source(session, cluster)
    if source is None:
        return Section(HEADING, (needed_statistics(session, cluster),))
    dataset = queries.dataset_info(session, source.dataset)
    panel, reference = queries.dataset_panel(session, dataset)
    result = measure_strength(panel, reference)
    earlier = [y for y in panel.years if y <= year]
    shown = earlier[-1] if earlier else panel.years[-1]
    geometry = queries.dataset_geometry(session, dataset)
    chart = strength_map(result, source.category, shown, geometry)
    lq = result.lq[panel.regions.index(source.region), panel.clusters.index(source.category)]
    value = float(lq[panel.years.index(shown)])
    region = panel.region_names.get(source.region, source.region)
    category = panel.cluster_names.get(source.category, source.category)
    here = "no location quotient" if math.isnan(value) else f"a location quotient of {value:.2f}"
    text = (
        f"{category} in {region} ({source.region}), the cluster's region, has {here} in "
        f"{shown}, from {dataset.name}. An LQ above 1 means the region is more specialised "
        "in the category than the reference economy."
    )
    return Section(HEADING, (text,), (chart,))


def needed_statistics(session: Session, cluster: Cluster) -> str:
    """Which statistics would let the report map the cluster's regional strength."""
    regions = _regions(session, cluster.organisation_id)
    codes = sorted(
        session.scalars(select(ClusterFocus.code).where(ClusterFocus.cluster_id == cluster.id))
    )
    where = (
        " or ".join(regions)
        if regions
        else "the cluster's region (its organisation has no NUTS or region code yet)"
    )
    what = ", ".join(codes) if codes else "its focus (none is recorded yet)"
    return (
        "No stored regional statistics cover both the cluster's region and its focus. A "
        f"dataset of employment by region that includes {where} and one of the categories "
        f"{what} would show here where the category is strong (load one with "
        "`clusterbridge mapping load`)."
    )
