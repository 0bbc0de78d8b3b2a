"""HTML for report blocks: a chart's container, its figure JSON and a table of its values.

The figure travels as ``<script type="application/json" data-chart="ID">``, which the web
app's ``static/charts.js`` draws with ``Plotly.newPlot``: data, not code, so the
Content-Security-Policy keeps forbidding inline scripts. Every chart also carries a table of
its values, so the numbers never depend on JavaScript or on seeing colours.
"""

from __future__ import annotations

import json
import re
from html import escape

from clusterbridge.analytics.reports.charts import Chart, Figure, map_figure, plotly_figure
from clusterbridge.analytics.reports.content import (
    BarChart,
    Block,
    Cell,
    ChoroplethMap,
    LineChart,
    Table,
    format_value,
)
from clusterbridge.analytics.reports.map_layout import MapLayout, layout_map

_ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def figure_json(figure: Figure) -> str:
    """Figure JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` are escaped."""
    text = json.dumps(figure, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def html_fragment(block: Block, element_id: str) -> str:
    """The HTML of one block: for a chart, its container, figure JSON and table of values.

    ``element_id`` must be unique in the page (a letter, then letters, digits, ``-``, ``_``).
    """
    if not _ELEMENT_ID.fullmatch(element_id):
        raise ValueError(f"not a usable HTML element id: {element_id!r}")
    if isinstance(block, Table):
        return table_html(block.columns, block.rows, block.title)
    label = block.title + (f". {block.description}" if block.description else "")
    layout = None
    if isinstance(block, ChoroplethMap):
        layout = layout_map(block)
        figure = map_figure(layout, block)
    else:
        figure = plotly_figure(block)
    figure["layout"].pop("title", None)  # the figcaption above the chart carries it
    parts = [
        f'<figure class="report-chart" aria-labelledby="{element_id}-title">',
        f'<figcaption id="{element_id}-title">{escape(block.title)}</figcaption>',
        f'<div id="{element_id}" class="chart" role="img" aria-label="{escape(label)}"></div>',
        f'<script type="application/json" data-chart="{element_id}">{figure_json(figure)}</script>',
    ]
    if layout is not None:
        parts.append(_map_notes(layout))
    parts.append(
        "<noscript><p>This chart needs JavaScript; its values are in the table below.</p>"
        "</noscript>"
    )
    columns, rows = values_table(block, layout)
    parts.append(
        '<details class="chart-values"><summary>Values as a table</summary>'
        f"{table_html(columns, rows, '')}</details>"
    )
    parts.append("</figure>")
    return "\n".join(parts)


def _map_notes(layout: MapLayout) -> str:
    notes = []
    if layout.note:
        notes.append(f'<p class="map-note">Tile map: {escape(layout.note)}.</p>')
    if layout.missing:
        names = ", ".join(f"{escape(v.name)} ({escape(v.code)})" for v in layout.missing)
        notes.append(f'<p class="map-missing">Not on the map (no outline): {names}.</p>')
    return "\n".join(notes)


def values_table(
    block: Chart, layout: MapLayout | None = None
) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]]:
    """The values a chart shows, as columns and rows (also used under the PDF's charts).

    For a map, pass its ``layout`` when already computed.
    """
    if isinstance(block, LineChart):
        years = block.years()
        by_series = [dict(series.points) for series in block.series]
        rows: list[tuple[Cell, ...]] = [
            (str(year), *(points.get(year) for points in by_series)) for year in years
        ]
        return ("Year", *(s.name for s in block.series)), rows
    if isinstance(block, BarChart):
        bar_rows: list[tuple[Cell, ...]] = [
            (bar.label + (" (this cluster)" if bar.highlight else ""), bar.value)
            for bar in block.bars
        ]
        if block.reference_line is not None:
            bar_rows.append((block.reference_label or "Reference", block.reference_line))
        return ("", block.unit), bar_rows
    layout = layout or layout_map(block)
    bins = layout.bins
    placed = {p.region.code: p for p in layout.regions}
    map_rows: list[tuple[Cell, ...]] = []
    for value in sorted(block.values, key=lambda v: v.code):
        bin_number = placed[value.code].bin if value.code in placed else None
        legend = "no data" if bin_number is None else bins[bin_number].label
        map_rows.append((value.code, value.name, value.display(), legend))
    return ("Code", "Region", block.legend, "Colour bin"), map_rows


def table_html(
    columns: tuple[str, ...],
    rows: list[tuple[Cell, ...]] | tuple[tuple[Cell, ...], ...],
    title: str,
) -> str:
    """A plain HTML table; numbers are right-aligned and formatted like the PDF's."""
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(_cell(cell) for cell in row) + "</tr>" for row in rows)
    caption = f"<caption>{escape(title)}</caption>" if title else ""
    return (
        f'<table class="report-table">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _cell(cell: Cell) -> str:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return f'<td class="number">{escape(format_value(cell))}</td>'
    return f"<td>{escape(format_value(cell))}</td>"
