"""Cluster mapping pages: the stored statistics datasets and, for one category and year, where
it is strong (map, table, related categories), as a page, a PDF or a CSV of every measure."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.analytics.datasets import queries
from clusterbridge.analytics.datasets.models import StatisticsDataset
from clusterbridge.analytics.mapping.strength import (
    ClusterStrength,
    measure_strength,
    write_strength_csv,
)
from clusterbridge.analytics.reports.content import Report
from clusterbridge.analytics.reports.strength_report import strength_report
from clusterbridge.core.errors import NotFound
from clusterbridge.registry.queries import today_utc
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.reports import pdf_response, render_report
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)

Key = Annotated[str, Path(max_length=60, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Category = Annotated[str | None, Query(max_length=60)]
Year = Annotated[int | None, Query(ge=1900, le=2200)]


@dataclass(frozen=True)
class Selection:
    """A dataset's measures with the category and year a page shows."""

    dataset: StatisticsDataset
    result: ClusterStrength
    cluster: str
    year: int

    @property
    def key(self) -> str:
        return self.dataset.key

    @property
    def name(self) -> str:
        return self.dataset.name

    @property
    def region_type(self) -> str:
        return self.dataset.region_type

    @property
    def source(self) -> str | None:
        return self.dataset.source


def _select(session: Session, key: str, cluster: str | None, year: int | None) -> Selection:
    dataset = queries.dataset_info(session, key)
    panel, reference = queries.dataset_panel(session, dataset)
    if not panel.clusters:
        raise NotFound(f"the dataset {key!r} holds no statistics")
    chosen = cluster or panel.clusters[0]
    if chosen not in panel.clusters:
        raise NotFound(f"the dataset {key!r} has no category {chosen!r}")
    when = year or panel.years[-1]
    if when not in panel.years:
        raise NotFound(f"the dataset {key!r} has no figures for {when}")
    return Selection(dataset, measure_strength(panel, reference), chosen, when)


def _report(session: Session, chosen: Selection) -> Report:
    """The content the page and its PDF share."""
    geometry = queries.dataset_geometry(session, chosen.dataset)
    return strength_report(
        chosen.name, chosen.result, chosen.cluster, chosen.year, geometry, today_utc()
    )


@router.get("/mapping", response_class=HTMLResponse)
def datasets(request: Request, session: SessionDep) -> Response:
    """Every stored statistics dataset."""
    context = {"nav": "mapping", "datasets": queries.list_datasets(session)}
    return render(request, "mapping_datasets.html", context)


@router.get("/mapping/{key}", response_class=HTMLResponse)
def dataset(
    request: Request, session: SessionDep, key: Key, cluster: Category = None, year: Year = None
) -> Response:
    """Where one category is strong in one year, with pickers for both."""
    chosen = _select(session, key, cluster, year)
    report = _report(session, chosen)
    panel = chosen.result.panel
    context = {
        "nav": "mapping",
        "selection": chosen,
        "categories": [(code, panel.cluster_names.get(code, code)) for code in panel.clusters],
        "years": list(reversed(panel.years)),
    }
    return render_report(request, "mapping_dataset.html", report, context)


@router.get("/mapping/{key}/report.pdf")
def dataset_pdf(
    session: SessionDep, key: Key, cluster: Category = None, year: Year = None
) -> Response:
    """The same content as the page, as a PDF."""
    chosen = _select(session, key, cluster, year)
    report = _report(session, chosen)
    return pdf_response(report, f"{key}-{chosen.cluster}-{chosen.year}.pdf")


@router.get("/mapping/{key}/strength.csv")
def dataset_csv(session: SessionDep, key: Key, year: Year = None) -> Response:
    """Every measure of every region and category (one year, or all), as
    ``clusterbridge mapping strength`` writes it."""
    chosen = _select(session, key, None, year)
    out = io.StringIO()
    write_strength_csv(chosen.result, out, year)
    suffix = f"-{year}" if year else ""
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{key}{suffix}-strength.csv"'},
    )
