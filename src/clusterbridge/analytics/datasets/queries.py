"""Read stored regional statistics back as the mapping core's typed panel."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clusterbridge.analytics.datasets.models import (
    ReferenceStatistic,
    RegionalStatistic,
    StatisticsDataset,
)
from clusterbridge.analytics.mapping.types import Panel, Reference
from clusterbridge.analytics.reports.geometry import RegionGeometry, parse_region_geometry
from clusterbridge.core.errors import NotFound


@dataclass(frozen=True)
class DatasetSummary:
    """A stored dataset as lists show it."""

    key: str
    name: str
    region_type: str
    source: str | None
    rows: int
    first_year: int | None
    last_year: int | None


def list_datasets(session: Session) -> list[DatasetSummary]:
    """Every stored dataset, by name, with its size and years."""
    counts = (
        select(
            RegionalStatistic.dataset_id,
            func.count().label("rows"),
            func.min(RegionalStatistic.year).label("first"),
            func.max(RegionalStatistic.year).label("last"),
        )
        .group_by(RegionalStatistic.dataset_id)
        .subquery()
    )
    query = (
        select(StatisticsDataset, counts.c.rows, counts.c.first, counts.c.last)
        .outerjoin(counts, counts.c.dataset_id == StatisticsDataset.id)
        .order_by(StatisticsDataset.name)
    )
    return [
        DatasetSummary(d.key, d.name, d.region_type, d.source, rows or 0, first, last)
        for d, rows, first, last in session.execute(query).all()
    ]


def dataset_info(session: Session, key: str) -> StatisticsDataset:
    """The dataset of that key, or :class:`NotFound`."""
    dataset = session.scalar(select(StatisticsDataset).where(StatisticsDataset.key == key))
    if dataset is None:
        raise NotFound(f"no statistics dataset {key!r} (see 'clusterbridge mapping datasets')")
    return dataset


def load_panel(session: Session, key: str) -> tuple[Panel, Reference | None]:
    """The dataset as a dense panel, with its reference economy when one was loaded."""
    dataset = dataset_info(session, key)
    rows = (
        session.execute(
            select(RegionalStatistic)
            .where(RegionalStatistic.dataset_id == dataset.id)
            .order_by(RegionalStatistic.id)
        )
        .scalars()
        .all()
    )
    regions = list(dict.fromkeys(row.region for row in rows))
    clusters = list(dict.fromkeys(row.cluster for row in rows))
    years = sorted({row.year for row in rows})
    at_r = {code: i for i, code in enumerate(regions)}
    at_c = {code: i for i, code in enumerate(clusters)}
    at_y = {year: i for i, year in enumerate(years)}
    shape = (len(regions), len(clusters), len(years))
    employment, establishments, payroll = (np.full(shape, np.nan) for _ in range(3))
    traded = np.zeros(len(clusters), dtype=bool)
    for row in rows:
        cell = (at_r[row.region], at_c[row.cluster], at_y[row.year])
        employment[cell] = row.employment
        establishments[cell] = np.nan if row.establishments is None else row.establishments
        payroll[cell] = np.nan if row.payroll is None else row.payroll
        traded[at_c[row.cluster]] = row.cluster_type == "traded"
    panel = Panel(
        regions=tuple(regions),
        clusters=tuple(clusters),
        years=tuple(years),
        traded=traded,
        employment=employment,
        establishments=establishments,
        payroll=payroll,
        region_names={row.region: row.region_name for row in rows},
        cluster_names={row.cluster: row.cluster_name for row in rows},
    )
    return panel, _reference(session, dataset.id, at_c, at_y)


def _reference(
    session: Session, dataset_id: int, at_c: dict[str, int], at_y: dict[int, int]
) -> Reference | None:
    rows = (
        session.execute(
            select(ReferenceStatistic).where(ReferenceStatistic.dataset_id == dataset_id)
        )
        .scalars()
        .all()
    )
    if not rows:
        return None
    employment = np.full((len(at_c), len(at_y)), np.nan)
    for row in rows:
        if row.cluster in at_c and row.year in at_y:
            employment[at_c[row.cluster], at_y[row.year]] = row.employment
    return Reference(employment=employment)


def dataset_geometry(session: Session, dataset: StatisticsDataset) -> RegionGeometry | None:
    """The dataset's projected region outlines, or None when none was attached."""
    if not dataset.geometry:
        return None
    document = json.loads(dataset.geometry)
    return parse_region_geometry(document, dataset.key, dataset.geometry_code_property or "id")
