"""Plotly figure JSON and HTML fragments: values, names and colours are where they belong."""

from __future__ import annotations

import json
import re
from typing import Any

import plotly.graph_objects as go
import pytest

from clusterbridge.analytics.reports.charts import plotly_figure, text_colour
from clusterbridge.analytics.reports.content import (
    Bar,
    BarChart,
    ChoroplethMap,
    LineChart,
    RegionValue,
    Series,
    table_of,
)
from clusterbridge.analytics.reports.geometry import parse_region_geometry
from clusterbridge.analytics.reports.html import html_fragment
from clusterbridge.analytics.reports.palette import HIGHLIGHT_COLOUR, NO_DATA_COLOUR, colour_bins

CATALAN = "Clúster de l'Energia de Catalunya"
KOREAN = "경기 바이오 클러스터"


def square(code: str, west: float) -> dict[str, object]:
    ring = [[west, 59], [west + 2, 59], [west + 2, 61], [west, 61], [west, 59]]
    return {
        "type": "Feature",
        "properties": {"NUTS_ID": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def two_region_map() -> ChoroplethMap:
    geometry = parse_region_geometry(
        {"type": "FeatureCollection", "features": [square("ES51", 2), square("KR41", 4)]},
        "two.geojson",
        "NUTS_ID",
    )
    regions = (
        RegionValue("ES51", "Catalunya", 0.8, "LQ 0.80"),
        RegionValue("KR41", "경기도", 1.7),
        RegionValue("FR10", "Île-de-France", None),
    )
    return ChoroplethMap("Regional strength", "Location quotient", regions, (1.0, 1.5), geometry)


def traces_named(figure: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [t for t in figure["data"] if t.get("name") == name]


def test_map_figure_has_each_region_polygon_in_its_bin_colour() -> None:
    figure = plotly_figure(two_region_map())
    go.Figure(figure)  # Plotly validates every property name and value
    bins = colour_bins((1.0, 1.5))
    (catalunya,) = traces_named(figure, "Catalunya")
    (gyeonggi,) = traces_named(figure, "경기도")
    # Latitudes 59..61: cos 60 = 0.5, so longitudes 2..4 become x 1..2 and 4..6 become 2..3.
    assert catalunya["x"] == [1.0, 2.0, 2.0, 1.0, 1.0]
    assert catalunya["y"] == [59.0, 59.0, 61.0, 61.0, 59.0]
    assert gyeonggi["x"] == [2.0, 3.0, 3.0, 2.0, 2.0]
    assert catalunya["fillcolor"] == bins[0].colour
    assert gyeonggi["fillcolor"] == bins[2].colour
    assert catalunya["text"] == "Catalunya (ES51)<br>LQ 0.80"
    assert gyeonggi["text"] == "경기도 (KR41)<br>1.70"
    assert catalunya["hoveron"] == "fills"
    # Île-de-France has no outline: it is not drawn (the HTML lists it under the map).
    assert traces_named(figure, "Île-de-France") == []
    legend = [t["name"] for t in figure["data"] if t.get("showlegend")]
    assert legend == ["under 1", "1 to under 1.5", "1.5 and over"]
    layout = figure["layout"]
    assert layout["yaxis"]["scaleanchor"] == "x"
    assert layout["xaxis"]["visible"] is False
    assert "geo" not in layout
    assert all(t["type"] == "scatter" for t in figure["data"])


def test_tile_map_figure_labels_tiles_and_says_why() -> None:
    choropleth = ChoroplethMap(
        "S", "LQ", (RegionValue("B", "Beta", None), RegionValue("A", "Alpha", 3.0)), (1.0,)
    )
    figure = plotly_figure(choropleth)
    go.Figure(figure)
    (labels,) = [t for t in figure["data"] if t.get("mode") == "text"]
    assert labels["text"] == ["A", "B"]
    assert labels["textfont"]["color"] == ["#ffffff", "#000000"]
    (beta,) = traces_named(figure, "Beta")
    assert beta["fillcolor"] == NO_DATA_COLOUR
    assert "no data" in [t["name"] for t in figure["data"] if t.get("showlegend")]
    assert figure["layout"]["annotations"][0]["text"] == "no region geometry configured"


def test_line_figure_keeps_gaps_and_names() -> None:
    chart = LineChart(
        "Employment",
        "jobs",
        (
            Series(CATALAN, ((2019, 10.0), (2021, 12.5))),
            Series(KOREAN, ((2019, 7.0), (2020, 8.0), (2021, 9.0))),
        ),
    )
    figure = plotly_figure(chart)
    go.Figure(figure)
    first, second = figure["data"]
    assert first["name"] == CATALAN
    assert first["x"] == [2019, 2020, 2021]
    assert first["y"] == [10.0, None, 12.5]
    assert first["connectgaps"] is False
    assert second["y"] == [7.0, 8.0, 9.0]
    assert first["marker"]["symbol"] != second["marker"]["symbol"]
    assert figure["layout"]["yaxis"]["title"]["text"] == "jobs"


def test_bar_figure_highlights_the_cluster_and_draws_the_reference() -> None:
    chart = BarChart("Peers", "LQ", (Bar(KOREAN, 1.4, True), Bar(CATALAN, 0.8)), 1.0, "LQ = 1")
    figure = plotly_figure(chart)
    go.Figure(figure)
    (bars,) = figure["data"]
    assert bars["y"] == [KOREAN, CATALAN]
    assert bars["x"] == [1.4, 0.8]
    assert bars["text"] == ["1.40", "0.80"]
    assert bars["marker"]["color"][0] == HIGHLIGHT_COLOUR
    assert bars["marker"]["pattern"]["shape"] == ["/", ""]
    assert figure["layout"]["shapes"][0]["x0"] == 1.0
    assert figure["layout"]["annotations"][0]["text"] == "LQ = 1"


def test_text_colour_contrasts_with_the_background() -> None:
    assert text_colour("#081d58") == "#ffffff"
    assert text_colour("#ffffd9") == "#000000"


def embedded_json(fragment: str, element_id: str) -> dict[str, Any]:
    match = re.search(
        rf'<script type="application/json" data-chart="{element_id}">(.*?)</script>', fragment, re.S
    )
    assert match is not None
    figure: dict[str, Any] = json.loads(match.group(1))
    return figure


def test_fragment_escapes_script_endings_in_names() -> None:
    hostile = "Evil </script><script>alert(1)</script> & Co"
    chart = BarChart(hostile, "LQ", (Bar(hostile, 2.0, True),))
    fragment = html_fragment(chart, "peers-1")
    assert fragment.count("</script>") == 1  # only the end of the figure's own script element
    assert "<script>alert" not in fragment
    figure = embedded_json(fragment, "peers-1")
    assert figure["data"][0]["y"] == [
        "Evil &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"
    ]
    assert "Evil &lt;/script&gt;" in fragment  # caption and table, HTML-escaped


def test_fragment_carries_the_values_in_a_table_and_lists_regions_off_the_map() -> None:
    fragment = html_fragment(two_region_map(), "map")
    assert '<div id="map" class="chart" role="img" aria-label="Regional strength">' in fragment
    figure = embedded_json(fragment, "map")
    assert len(traces_named(figure, "Catalunya")) == 1
    assert "<td>ES51</td><td>Catalunya</td><td>LQ 0.80</td><td>under 1</td>" in fragment
    assert "<td>KR41</td><td>경기도</td><td>1.70</td><td>1.5 and over</td>" in fragment
    assert "Not on the map (no outline): Île-de-France (FR10)." in fragment
    assert "<noscript>" in fragment


def test_line_fragment_table_has_a_row_per_year() -> None:
    chart = LineChart("Jobs", "jobs", (Series("A", ((2020, 1000.0), (2021, None))),))
    fragment = html_fragment(chart, "jobs")
    assert '<td>2020</td><td class="number">1,000.00</td>' in fragment
    assert "<td>2021</td><td>–</td>" in fragment


def test_a_table_block_is_a_plain_table() -> None:
    fragment = html_fragment(table_of(["Cluster", "Members"], [[CATALAN, 120]], "Members"), "t")
    assert fragment.startswith('<table class="report-table"><caption>Members</caption>')
    assert '<td>Clúster de l&#x27;Energia de Catalunya</td><td class="number">120</td>' in fragment


def test_unusable_element_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="element id"):
        html_fragment(two_region_map(), 'x" onload="alert(1)')
