"""Load regional statistics into the database as a named dataset (the only write here)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from clusterbridge.analytics.datasets.models import (
    ReferenceStatistic,
    RegionalStatistic,
    StatisticsDataset,
)
from clusterbridge.analytics.mapping.types import Panel, Reference
from clusterbridge.core import audit
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound, Problem
from clusterbridge.core.models import table_of

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset is called and where it comes from."""

    key: str
    name: str
    region_type: str
    source: str | None = None


@dataclass(frozen=True)
class LoadSummary:
    """What a load wrote."""

    key: str
    rows: int
    reference_rows: int
    replaced: bool


def load_dataset(
    session: Session,
    info: DatasetInfo,
    panel: Panel,
    reference: Reference | None,
    *,
    replace: bool = False,
    actor: str = "cli",
) -> LoadSummary:
    """Store ``panel`` (and its reference economy) under ``info.key``.

    An existing dataset of that key is a conflict unless ``replace``; then its rows go and the
    new ones come in the same transaction, so a failed load leaves the old dataset whole.
    """
    _check(info, panel)
    existing = session.scalar(select(StatisticsDataset).where(StatisticsDataset.key == info.key))
    if existing is not None and not replace:
        raise Conflict(f"dataset {info.key!r} exists; use --replace to load it again")
    if existing is not None:
        session.execute(delete(StatisticsDataset).where(StatisticsDataset.id == existing.id))
    dataset = StatisticsDataset(
        key=info.key, name=info.name, region_type=info.region_type, source=info.source
    )
    session.add(dataset)
    session.flush()
    rows = list(_rows(dataset.id, panel))
    references = list(_reference_rows(dataset.id, panel, reference))
    if rows:
        session.execute(insert(table_of(RegionalStatistic)), rows)
    if references:
        session.execute(insert(table_of(ReferenceStatistic)), references)
    audit.record(
        session,
        actor=actor,
        action="analytics.dataset.replaced" if existing else "analytics.dataset.loaded",
        entity="statistics_dataset",
        entity_id=dataset.id,
        after={"key": info.key, "name": info.name, "rows": len(rows)},
    )
    return LoadSummary(info.key, len(rows), len(references), existing is not None)


def _check(info: DatasetInfo, panel: Panel) -> None:
    problems = _length_problems(info, panel)
    if not KEY.match(info.key):
        problems.append(
            Problem(
                "use lower-case letters, digits, '-' or '_' (at most 60)",
                column="key",
                value=info.key,
            )
        )
    if not info.name.strip():
        problems.append(Problem("a dataset needs a name", column="name"))
    if not info.region_type.strip():
        problems.append(Problem("say what kind of regions these are", column="region_type"))
    if problems:
        raise InvalidInput(problems)


def _length_problems(info: DatasetInfo, panel: Panel) -> list[Problem]:
    """Names and codes longer than their columns hold (PostgreSQL would refuse the load)."""
    dataset, rows = table_of(StatisticsDataset).c, table_of(RegionalStatistic).c
    checked = (
        (dataset.name, [info.name]),
        (dataset.region_type, [info.region_type]),
        (rows.region, panel.regions),
        (rows.region_name, panel.region_names.values()),
        (rows.cluster, panel.clusters),
        (rows.cluster_name, panel.cluster_names.values()),
    )
    problems = []
    for column, values in checked:
        limit = getattr(column.type, "length", None)
        problems += [
            Problem(f"at most {limit} characters", column=column.name, value=value)
            for value in dict.fromkeys(values)
            if limit is not None and len(value) > limit
        ]
    return problems


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _rows(dataset_id: int, panel: Panel) -> list[dict[str, object]]:
    found = []
    for r, region in enumerate(panel.regions):
        for c, cluster in enumerate(panel.clusters):
            for y, year in enumerate(panel.years):
                employment = float(panel.employment[r, c, y])
                if math.isnan(employment):
                    continue
                found.append(
                    {
                        "dataset_id": dataset_id,
                        "region": region,
                        "region_name": panel.region_names.get(region, region),
                        "cluster": cluster,
                        "cluster_name": panel.cluster_names.get(cluster, cluster),
                        "cluster_type": "traded" if panel.traded[c] else "local",
                        "year": year,
                        "employment": employment,
                        "establishments": _optional(float(panel.establishments[r, c, y])),
                        "payroll": _optional(float(panel.payroll[r, c, y])),
                    }
                )
    return found


def _reference_rows(
    dataset_id: int, panel: Panel, reference: Reference | None
) -> list[dict[str, object]]:
    if reference is None:
        return []
    return [
        {
            "dataset_id": dataset_id,
            "cluster": cluster,
            "cluster_name": panel.cluster_names.get(cluster, cluster),
            "cluster_type": "traded" if panel.traded[c] else "local",
            "year": year,
            "employment": float(reference.employment[c, y]),
        }
        for c, cluster in enumerate(panel.clusters)
        for y, year in enumerate(panel.years)
        if not math.isnan(float(reference.employment[c, y]))
    ]


def delete_dataset(session: Session, key: str, *, actor: str = "cli") -> None:
    """Remove a dataset and its rows."""
    dataset = session.scalar(select(StatisticsDataset).where(StatisticsDataset.key == key))
    if dataset is None:
        raise NotFound(f"no statistics dataset {key!r}")
    session.delete(dataset)
    audit.record(
        session,
        actor=actor,
        action="analytics.dataset.deleted",
        entity="statistics_dataset",
        entity_id=dataset.id,
        before={"key": key},
    )


def attach_geometry(
    session: Session, key: str, geojson: str, code_property: str, *, actor: str = "cli"
) -> int:
    """Keep a dataset's region outlines (GeoJSON text, validated first); returns how many of
    the dataset's regions the file draws."""
    from clusterbridge.analytics.reports.geometry import parse_region_geometry

    dataset = session.scalar(select(StatisticsDataset).where(StatisticsDataset.key == key))
    if dataset is None:
        raise NotFound(f"no statistics dataset {key!r}")
    try:
        document = json.loads(geojson)
    except json.JSONDecodeError as error:
        problem = Problem(f"is not JSON: {error.msg} at line {error.lineno}", column="geometry")
        raise InvalidInput([problem]) from None
    geometry = parse_region_geometry(document, "geometry", code_property)
    regions = set(
        session.scalars(
            select(RegionalStatistic.region).where(RegionalStatistic.dataset_id == dataset.id)
        )
    )
    dataset.geometry = geojson
    dataset.geometry_code_property = code_property
    audit.record(
        session,
        actor=actor,
        action="analytics.dataset.geometry",
        entity="statistics_dataset",
        entity_id=dataset.id,
        after={"code_property": code_property},
    )
    return len(regions & set(geometry.shapes))
