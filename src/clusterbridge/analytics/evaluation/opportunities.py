"""Inter-cluster opportunities within a programme: pairs of its clusters whose categories are
often specialised in the same regions (co-location proximity), from stored statistics.

A pair of related categories is actionable only when both have clusters in the programme, so
only such pairs are proposed, each naming the clusters on both sides and why they relate.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.analytics.datasets import queries
from clusterbridge.analytics.datasets.models import RegionalStatistic, StatisticsDataset
from clusterbridge.analytics.mapping.linkage import suggest_opportunities
from clusterbridge.analytics.mapping.relatedness import relatedness_from_panel
from clusterbridge.analytics.reports.content import Cell, Section, Table
from clusterbridge.registry.models import Cluster, ClusterFocus, Organisation

HEADING = "Inter-cluster opportunities"


def clusters_by_code(session: Session, programme_id: int) -> dict[str, list[str]]:
    """Focus code -> names of the programme's clusters with that focus."""
    rows = session.execute(
        select(ClusterFocus.code, Organisation.name)
        .join(Cluster, Cluster.id == ClusterFocus.cluster_id)
        .join(Organisation, Organisation.id == Cluster.organisation_id)
        .where(Cluster.programme_id == programme_id)
        .order_by(Organisation.name)
    ).all()
    found: dict[str, list[str]] = defaultdict(list)
    for code, name in rows:
        found[code].append(name)
    return found


def home_regions(session: Session, programme_id: int) -> list[str]:
    """The programme's clusters' region codes (NUTS and ISO), most frequent first."""
    rows = session.execute(
        select(Organisation.nuts, Organisation.region)
        .join(Cluster, Cluster.organisation_id == Organisation.id)
        .where(Cluster.programme_id == programme_id)
    ).all()
    counts = Counter(code for row in rows for code in row if code)
    return [code for code, _ in counts.most_common()]


def dataset_for(session: Session, regions: list[str], codes: list[str]) -> tuple[str, str] | None:
    """(dataset key, region) of the first dataset covering a home region and a focus code."""
    for region in regions:
        key = session.scalar(
            select(StatisticsDataset.key)
            .join(RegionalStatistic, RegionalStatistic.dataset_id == StatisticsDataset.id)
            .where(RegionalStatistic.region == region, RegionalStatistic.cluster.in_(codes))
            .order_by(StatisticsDataset.name)
            .limit(1)
        )
        if key is not None:
            return key, region
    return None


def _names(names: list[str], shown: int = 3) -> str:
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def programme_opportunities(session: Session, programme_id: int, top: int = 8) -> Section:
    """The programme's best-related pairs of clusters, or a sentence saying what is missing."""
    clusters = clusters_by_code(session, programme_id)
    source = dataset_for(session, home_regions(session, programme_id), sorted(clusters))
    if source is None:
        return Section(HEADING, (
            "No stored regional statistics cover the programme's region and its clusters' "
            "categories, so relatedness cannot be measured (load some with "
            "`clusterbridge mapping load`).",
        ))  # fmt: skip
    dataset = queries.dataset_info(session, source[0])
    panel, _ = queries.dataset_panel(session, dataset)
    related = relatedness_from_panel(panel)
    anchors = [code for code in clusters if code in related.clusters]
    name = dataset.name
    if not anchors:
        return Section(HEADING, (
            f"None of the programme's clusters has a traded category in {name}; co-location "
            "relatedness is measured between traded categories only.",
        ))  # fmt: skip
    found = suggest_opportunities(
        related, None, anchors=anchors, cluster_names=panel.cluster_names, top=len(anchors) ** 2
    )
    pairs = [item for item in found if item.related in clusters][:top]
    rows: list[tuple[Cell, ...]] = [
        (item.anchor_name, _names(clusters[item.anchor]), item.related_name,
         _names(clusters[item.related]), round(item.proximity, 2), item.reasons[0])
        for item in pairs
    ]  # fmt: skip
    text = (
        "Pairs of the programme's clusters whose categories are specialised in the same "
        f"regions (co-location proximity in {name}, latest year): candidates for joint "
        "projects and inter-cluster cooperation."
    )
    columns = ("Category", "Clusters", "Related category", "Clusters", "Proximity", "Why")
    return Section(HEADING, (text,), (Table(columns, tuple(rows), "Related clusters"),))
