"""Plotly figures (as plain JSON-ready dicts) for the charts and maps of a report.

Figures are built as plain dicts, not ``plotly.graph_objects``, because validating a map of
a thousand regions through graph objects takes over a second; the tests validate the dicts
with graph objects instead. Maps never use Plotly's geo traces (they fetch topojson from a
CDN): regions are filled polygons on hidden cartesian axes with equal aspect.
"""

from __future__ import annotations

import html
from typing import Any

from clusterbridge.analytics.reports.content import (
    BarChart,
    ChoroplethMap,
    LineChart,
    format_value,
)
from clusterbridge.analytics.reports.map_layout import MapLayout, PlacedRegion, layout_map
from clusterbridge.analytics.reports.palette import (
    BAR_COLOUR,
    HIGHLIGHT_COLOUR,
    LINE_COLOURS,
    NO_DATA_COLOUR,
    NO_DATA_LABEL,
)

Figure = dict[str, Any]
Chart = LineChart | BarChart | ChoroplethMap
MARKER_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star")
"""Each line also gets its own marker shape, so series differ without relying on colour."""
FONT = {"family": "system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans KR', sans-serif", "size": 13}


def plotly_figure(block: Chart) -> Figure:
    """The figure JSON ``{"data": [...], "layout": {...}}`` of a line chart, bar chart or map."""
    if isinstance(block, LineChart):
        return _line_figure(block)
    if isinstance(block, BarChart):
        return _bar_figure(block)
    return map_figure(layout_map(block), block)


def _base_layout(title: str) -> dict[str, Any]:
    return {
        "title": {"text": _plain(title), "x": 0, "xanchor": "left"},
        "font": FONT,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
    }


def _plain(text: str) -> str:
    """Text for Plotly labels, which read a subset of HTML: markup-like names stay literal."""
    return html.escape(text, quote=False)


def _line_figure(chart: LineChart) -> Figure:
    years = chart.years()
    data = []
    for index, series in enumerate(chart.series):
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        by_year = dict(series.points)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _plain(series.name),
                "x": years,
                "y": [by_year.get(year) for year in years],
                "connectgaps": False,
                "line": {"color": colour, "width": 2},
                "marker": {"color": colour, "size": 7, "symbol": _symbol(index)},
                "meta": _plain(chart.unit),
                "hovertemplate": "%{fullData.name}<br>%{x}: %{y:,.2f} %{meta}<extra></extra>",
            }
        )
    layout = _base_layout(chart.title)
    layout["xaxis"] = {"title": {"text": "Year"}, "tickformat": "d", "gridcolor": "#eeeeee"}
    if years and years[-1] - years[0] <= 15:
        layout["xaxis"]["dtick"] = 1
    layout["yaxis"] = {
        "title": {"text": _plain(chart.unit)},
        "rangemode": "tozero",
        "gridcolor": "#dddddd",
    }
    layout["legend"] = {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}
    layout["margin"]["t"] = 90
    return {"data": data, "layout": layout}


def _symbol(index: int) -> str:
    return MARKER_SYMBOLS[index % len(MARKER_SYMBOLS)]


def _bar_figure(chart: BarChart) -> Figure:
    """Horizontal bars (long cluster names stay readable); the highlight is hatched too."""
    bars = chart.bars
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": _plain(chart.unit),
            "y": [_plain(bar.label) for bar in bars],
            "x": [bar.value for bar in bars],
            "text": [format_value(bar.value) for bar in bars],
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {
                "color": [HIGHLIGHT_COLOUR if bar.highlight else BAR_COLOUR for bar in bars],
                "pattern": {"shape": ["/" if bar.highlight else "" for bar in bars]},
            },
            "hovertemplate": "%{y}: %{x:,.2f}<extra></extra>",
        }
    ]
    layout = _base_layout(chart.title)
    layout["height"] = 140 + 28 * len(bars)
    layout["showlegend"] = False
    layout["xaxis"] = {
        "title": {"text": _plain(chart.unit)},
        "rangemode": "tozero",
        "gridcolor": "#dddddd",
    }
    layout["yaxis"] = {"type": "category", "autorange": "reversed", "automargin": True}
    if chart.reference_line is not None:
        _add_reference_line(layout, chart.reference_line, chart.reference_label)
    return {"data": data, "layout": layout}


def _add_reference_line(layout: dict[str, Any], value: float, label: str) -> None:
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": value,
            "x1": value,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#333333", "width": 1.5, "dash": "dash"},
        }
    ]
    layout["annotations"] = [
        {
            "x": value,
            "xref": "x",
            "y": 1,
            "yref": "paper",
            "yanchor": "bottom",
            "showarrow": False,
            "text": _plain(label or format_value(value)),
        }
    ]


def map_figure(layout: MapLayout, choropleth: ChoroplethMap) -> Figure:
    """The map as one filled polygon trace per region plus one legend entry per colour bin."""
    data: list[dict[str, Any]] = [
        _legend_entry(b.label, b.colour, i) for i, b in enumerate(layout.bins)
    ]
    if any(p.bin is None for p in layout.regions):
        data.append(_legend_entry(NO_DATA_LABEL, NO_DATA_COLOUR, None))
    data.extend(_region_trace(placed) for placed in layout.regions)
    if layout.tiles:
        data.append(_tile_labels(layout.regions))
    figure_layout = _base_layout(choropleth.title)
    figure_layout["xaxis"] = {"visible": False, "constrain": "domain"}
    figure_layout["yaxis"] = {"visible": False, "scaleanchor": "x", "scaleratio": 1}
    figure_layout["legend"] = {"title": {"text": _plain(choropleth.legend)}, "itemclick": False}
    figure_layout["hovermode"] = "closest"
    if layout.note:
        figure_layout["annotations"] = [_note(layout.note)]
    return {"data": data, "layout": figure_layout}


def _group(bin_number: int | None) -> str:
    return "no-data" if bin_number is None else f"bin-{bin_number}"


def _legend_entry(label: str, colour: str, bin_number: int | None) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [None],
        "y": [None],
        "name": _plain(label),
        "legendgroup": _group(bin_number),
        "showlegend": True,
        "hoverinfo": "skip",
        "marker": {
            "symbol": "square",
            "size": 14,
            "color": colour,
            "line": {"color": "#666666", "width": 1},
        },
    }


def _region_trace(placed: PlacedRegion) -> dict[str, Any]:
    """One region; with ``hoveron="fills"`` Plotly shows the trace's ``text`` for the whole fill."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in placed.rings:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(round(x, 5) for x, _ in ring)
        ys.extend(round(y, 5) for _, y in ring)
    region = placed.region
    return {
        "type": "scatter",
        "mode": "lines",
        "fill": "toself",
        "fillcolor": placed.colour,
        "line": {"color": "#ffffff", "width": 0.8},
        "x": xs,
        "y": ys,
        "name": _plain(region.name),
        "text": f"{_plain(region.name)} ({_plain(region.code)})<br>{_plain(region.display())}",
        "hoveron": "fills",
        "hoverinfo": "text",
        "legendgroup": _group(placed.bin),
        "showlegend": False,
    }


def _tile_labels(regions: tuple[PlacedRegion, ...]) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": "text",
        "x": [round(p.centre[0], 5) for p in regions],
        "y": [round(p.centre[1], 5) for p in regions],
        "text": [_plain(p.region.code) for p in regions],
        "textfont": {"color": [text_colour(p.colour) for p in regions], "size": 11},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _note(text: str) -> dict[str, Any]:
    return {
        "text": _plain(text),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": -0.02,
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": 11, "color": "#555555"},
    }


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (a ``#rrggbb`` colour)."""
    red, green, blue = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#000000" if luminance > 0.45 else "#ffffff"
