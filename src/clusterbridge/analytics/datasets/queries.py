"""Read stored regional statistics back as the mapping core's typed panel."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import Row, func, select
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
    """The dataset of that key as a dense panel, with its reference economy if any."""
    return dataset_panel(session, dataset_info(session, key))


_PANELS: OrderedDict[tuple[str, int, datetime], tuple[Panel, Reference | None]] = OrderedDict()
PANELS_KEPT = 4
"""Recently read panels kept in memory: pages and reports read the same dataset again and
again, and a large one takes seconds to read. A replaced dataset has a new id and load time,
so it is never served stale. Callers must not modify the arrays."""


def dataset_panel(session: Session, dataset: StatisticsDataset) -> tuple[Panel, Reference | None]:
    """The dataset as a dense panel, with its reference economy when one was loaded.

    Categories that only the reference has stay in the panel (with no rows): they count in
    the reference's traded or local total, so leaving them out would change every LQ.
    """
    cache_key = (str(session.get_bind().engine.url), dataset.id, dataset.loaded_at)
    found = _PANELS.get(cache_key)
    if found is None:
        found = _read_panel(session, dataset.id)
        _PANELS[cache_key] = found
        while len(_PANELS) > PANELS_KEPT:
            _PANELS.popitem(last=False)
    _PANELS.move_to_end(cache_key)
    return found


def _read_panel(session: Session, dataset_id: int) -> tuple[Panel, Reference | None]:
    s = RegionalStatistic
    rows = session.execute(
        select(s.region, s.region_name, s.cluster, s.cluster_name, s.cluster_type, s.year,
               s.employment, s.establishments, s.payroll)
        .where(s.dataset_id == dataset_id)
        .order_by(s.id)
    ).all()  # fmt: skip
    r = ReferenceStatistic
    references = session.execute(
        select(r.cluster, r.cluster_name, r.cluster_type, r.year, r.employment)
        .where(r.dataset_id == dataset_id)
        .order_by(r.id)
    ).all()
    names = {row.cluster: row.cluster_name for row in (*references, *rows)}
    types = {row.cluster: row.cluster_type for row in (*references, *rows)}
    at_r = _positions(row.region for row in rows)
    at_c = _positions([*(row.cluster for row in rows), *(row.cluster for row in references)])
    at_y = {year: i for i, year in enumerate(sorted({row.year for row in rows}))}
    shape = (len(at_r), len(at_c), len(at_y))
    employment, establishments, payroll = (np.full(shape, np.nan) for _ in range(3))
    for row in rows:
        cell = (at_r[row.region], at_c[row.cluster], at_y[row.year])
        employment[cell] = row.employment
        establishments[cell] = np.nan if row.establishments is None else row.establishments
        payroll[cell] = np.nan if row.payroll is None else row.payroll
    panel = Panel(
        regions=tuple(at_r), clusters=tuple(at_c), years=tuple(at_y),
        traded=np.array([types[code] == "traded" for code in at_c], dtype=bool),
        employment=employment, establishments=establishments, payroll=payroll,
        region_names={row.region: row.region_name for row in rows}, cluster_names=names,
    )  # fmt: skip
    return panel, _reference(references, at_c, at_y)


def _positions(codes: Iterable[str]) -> dict[str, int]:
    """Each distinct code's position, in order of first appearance."""
    return {code: i for i, code in enumerate(dict.fromkeys(codes))}


def _reference(
    rows: Sequence[Row[str, str, str, int, float]],
    at_c: dict[str, int],
    at_y: dict[int, int],
) -> Reference | None:
    if not rows:
        return None
    employment = np.full((len(at_c), len(at_y)), np.nan)
    for cluster, _name, _type, year, figure in rows:
        if year in at_y:
            employment[at_c[cluster], at_y[year]] = figure
    return Reference(employment=employment)


def dataset_geometry(session: Session, dataset: StatisticsDataset) -> RegionGeometry | None:
    """The dataset's projected region outlines, or None when none was attached."""
    if not dataset.geometry:
        return None
    document = json.loads(dataset.geometry)
    return parse_region_geometry(document, dataset.key, dataset.geometry_code_property or "id")
