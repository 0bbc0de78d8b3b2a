"""A real tile map: the published 2016 location quotients of one cluster across US states."""

from __future__ import annotations

import csv
from datetime import date

import plotly.graph_objects as go
import pytest

from clusterbridge.analytics.reports.charts import plotly_figure
from clusterbridge.analytics.reports.content import ChoroplethMap, RegionValue, Report, Section
from clusterbridge.analytics.reports.map_layout import layout_map
from clusterbridge.analytics.reports.pdf import render_pdf
from tests.analytics.reports.pdf_reading import page_texts
from tests.conftest import shared_data

pytestmark = pytest.mark.shared_data


def cluster_map(cluster: str) -> ChoroplethMap:
    folder = shared_data("us-cluster-mapping", "states-2016")
    with (folder / "regions.csv").open(encoding="utf-8") as file:
        names = {row["region"]: row["region_name"] for row in csv.DictReader(file)}
    with (folder / "expected.csv").open(encoding="utf-8") as file:
        rows = [row for row in csv.DictReader(file) if row["cluster"] == cluster]
    regions = tuple(
        RegionValue(row["region"], names[row["region"]], float(row["lq"]) if row["lq"] else None)
        for row in rows
    )
    return ChoroplethMap("Cluster 1 by state, 2016", "Location quotient", regions, (0.5, 1.0, 2.0))


def test_fifty_states_become_an_eight_column_tile_map() -> None:
    choropleth = cluster_map("1")
    layout = layout_map(choropleth)
    assert len(layout.regions) == 50
    assert layout.tiles
    # ceil(sqrt(50)) = 8 columns, so the 50th state (by FIPS code) sits in row 7, column 2.
    assert layout.regions[-1].rings[0][0] == (1, -6)
    alabama = layout.regions[0]
    assert (alabama.region.code, alabama.region.name) == ("01", "Alabama")
    assert alabama.bin == 2  # published LQ 1.083739: "1 to under 2"
    figure = plotly_figure(choropleth)
    go.Figure(figure)
    names = {trace.get("name") for trace in figure["data"]}
    assert {"Alabama", "Alaska", "Wyoming"} <= names


def test_the_pdf_lists_every_state_with_its_value() -> None:
    report = Report("US states", "", date(2016, 12, 31), (Section("Map", (), (cluster_map("1"),)),))
    text = "\n".join(page_texts(render_pdf(report))).splitlines()
    assert "Alabama" in text
    assert "1.08" in text
    assert "Wyoming" in text
