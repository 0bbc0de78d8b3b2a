"""ReportLab drawings of the report's charts: lines over years, peer bars, the region map.

Drawn by hand with ``reportlab.graphics`` shapes rather than its chart widgets, so missing
years break a line, labels mix Latin and Hangul fonts, and colours match the HTML figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import groupby

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import HexColor

from clusterbridge.analytics.reports.charts import text_colour
from clusterbridge.analytics.reports.content import Bar, BarChart, LineChart, format_value
from clusterbridge.analytics.reports.map_layout import MapLayout
from clusterbridge.analytics.reports.palette import (
    BAR_COLOUR,
    HIGHLIGHT_COLOUR,
    LINE_COLOURS,
    NO_DATA_COLOUR,
    NO_DATA_LABEL,
)
from clusterbridge.analytics.reports.pdf_text import fit, label, text_width

MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle", "Cross")
"""One marker shape per line, as in the HTML figures, so lines differ without colour."""
GRID = HexColor("#dddddd")
AXIS = HexColor("#666666")
WHITE = HexColor("#ffffff")
SIZE = 8.0
ROW = 14.0


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 times a power of ten) from below low to above high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    value = math.floor(low / step) * step
    if value > low:  # low / step underflowed to zero
        value -= step
    ticks = [round(value, 10)]
    while ticks[-1] < high - step * 1e-9:
        value += step
        ticks.append(round(value, 10))
    return ticks


def tick_labels(ticks: list[float]) -> list[str]:
    """Tick values with as many decimals as the step needs (at most six)."""
    decimals = max(len(f"{t:.6f}".rstrip("0").partition(".")[2]) for t in ticks)
    return [f"{t:,.{decimals}f}" for t in ticks]


@dataclass(frozen=True)
class _Frame:
    """The plot area of a chart and its value range, mapping values to points."""

    left: float
    bottom: float
    width: float
    height: float
    low: float
    high: float

    def along(self, value: float) -> float:
        """Position along the value axis, from 0 (low) to the axis length (high)."""
        return (value - self.low) / (self.high - self.low)


def line_drawing(chart: LineChart, width: float, language: str) -> Drawing:
    """Lines per series over the years, a marker shape per series, legend rows below."""
    years = chart.years()
    values = [v for s in chart.series for _, v in s.points if v is not None]
    ticks = nice_ticks(min([0.0, *values]), max([1e-9, *values]))
    rows = _legend_rows([s.name for s in chart.series], width - 60, language)
    legend_h = ROW * len(rows)
    drawing = Drawing(width, 210 + legend_h)
    frame = _Frame(56, 30 + legend_h, width - 76, 160, ticks[0], ticks[-1])
    drawing.add(label(4, drawing.height - 10, chart.unit, size=SIZE, language=language))
    for tick, text in zip(ticks, tick_labels(ticks), strict=True):
        y = frame.bottom + frame.along(tick) * frame.height
        drawing.add(Line(frame.left, y, frame.left + frame.width, y, strokeColor=GRID))
        drawing.add(label(frame.left - 4, y - 3, text, size=SIZE, language=language, anchor="end"))
    first, span = (years[0], max(1, years[-1] - years[0])) if years else (0, 1)
    x_of = {year: frame.left + (year - first) / span * frame.width for year in years}
    for year in years[:: max(1, math.ceil(len(years) / 12))]:
        year_label = str(year)
        drawing.add(
            label(
                x_of[year],
                frame.bottom - 12,
                year_label,
                size=SIZE,
                language=language,
                anchor="middle",
            )
        )
    for index, series in enumerate(chart.series):
        _draw_series(drawing, index, [(x_of[y], dict(series.points).get(y)) for y in years], frame)
    _draw_legend(drawing, rows, frame.left, frame.bottom - 28, language)
    return drawing


def _draw_series(
    drawing: Drawing, index: int, points: list[tuple[float, float | None]], frame: _Frame
) -> None:
    """One series: a line through each run of consecutive years with values, and markers."""
    colour = HexColor(LINE_COLOURS[index % len(LINE_COLOURS)])
    for present, segment in groupby(points, key=lambda p: p[1] is not None):
        if present:
            placed = [
                (x, frame.bottom + frame.along(v) * frame.height)
                for x, v in segment
                if v is not None
            ]
            _draw_segment(drawing, placed, colour, MARKERS[index % len(MARKERS)])


def _draw_segment(
    drawing: Drawing, points: list[tuple[float, float]], colour: object, shape: str
) -> None:
    if len(points) > 1:
        flat = [c for point in points for c in point]
        drawing.add(PolyLine(flat, strokeColor=colour, strokeWidth=1.6))
    for x, y in points:
        drawing.add(makeMarker(shape, x=x, y=y, size=5, fillColor=colour, strokeColor=colour))


def _legend_rows(names: list[str], width: float, language: str) -> list[list[tuple[int, str]]]:
    """Legend entries packed into rows that fit ``width``; each entry is (series index, name)."""
    rows: list[list[tuple[int, str]]] = [[]]
    used = 0.0
    for index, name in enumerate(names):
        shown = fit(name, width - 20, SIZE, language)
        entry = 20 + text_width(shown, SIZE, language) + 14
        if rows[-1] and used + entry > width:
            rows.append([])
            used = 0.0
        rows[-1].append((index, shown))
        used += entry
    return rows if rows[0] else []


def _draw_legend(
    drawing: Drawing, rows: list[list[tuple[int, str]]], left: float, top: float, language: str
) -> None:
    for row_number, row in enumerate(rows):
        y, x = top - row_number * ROW, left
        for index, name in row:
            colour = HexColor(LINE_COLOURS[index % len(LINE_COLOURS)])
            drawing.add(Line(x, y + 3, x + 16, y + 3, strokeColor=colour, strokeWidth=1.6))
            marker = MARKERS[index % len(MARKERS)]
            drawing.add(
                makeMarker(marker, x=x + 8, y=y + 3, size=5, fillColor=colour, strokeColor=colour)
            )
            drawing.add(label(x + 20, y, name, size=SIZE, language=language))
            x += 20 + text_width(name, SIZE, language) + 14


def bar_drawing(chart: BarChart, width: float, language: str) -> Drawing:
    """Horizontal bars with their values; the highlighted peer in its own colour and bold."""
    values = [b.value for b in chart.bars if b.value is not None]
    if chart.reference_line is not None:
        values.append(chart.reference_line)
    ticks = nice_ticks(min([0.0, *values]), max([1e-9, *values]) * 1.08)
    widest = max([40.0, *(text_width(b.label, SIZE, language, True) for b in chart.bars)])
    label_w = min(width * 0.4, widest + 6)
    height = 44 + ROW * 1.3 * len(chart.bars)
    drawing = Drawing(width, height)
    frame = _Frame(label_w, 24, width - label_w - 30, height - 40, ticks[0], ticks[-1])
    for tick, text in zip(ticks, tick_labels(ticks), strict=True):
        x = frame.left + frame.along(tick) * frame.width
        drawing.add(Line(x, frame.bottom, x, frame.bottom + frame.height, strokeColor=GRID))
        drawing.add(
            label(x, frame.bottom - 12, text, size=SIZE, language=language, anchor="middle")
        )
    drawing.add(label(frame.left, 2, chart.unit, size=SIZE, language=language))
    for index, bar in enumerate(chart.bars):
        y = frame.bottom + frame.height - (index + 1) * ROW * 1.3
        _draw_bar(drawing, bar, y, frame, language)
    if chart.reference_line is not None:
        _reference_line(drawing, frame, chart.reference_line, chart.reference_label, language)
    return drawing


def _draw_bar(drawing: Drawing, bar: Bar, y: float, frame: _Frame, language: str) -> None:
    """One bar at height ``y``: its label left of the frame, the bar and its value after it."""
    name = fit(bar.label, frame.left - 6, SIZE, language, bar.highlight)
    drawing.add(
        label(
            frame.left - 4,
            y + 3,
            name,
            size=SIZE,
            language=language,
            anchor="end",
            bold=bar.highlight,
        )
    )
    zero = frame.left + frame.along(0.0) * frame.width
    if bar.value is None:
        drawing.add(label(zero + 3, y + 3, format_value(None), size=SIZE, language=language))
        return
    end = frame.left + frame.along(bar.value) * frame.width
    colour = HexColor(HIGHLIGHT_COLOUR if bar.highlight else BAR_COLOUR)
    drawing.add(
        Rect(min(zero, end), y, abs(end - zero), ROW * 0.9, fillColor=colour, strokeColor=None)
    )
    value = format_value(bar.value)
    drawing.add(label(max(zero, end) + 3, y + 3, value, size=SIZE, language=language))


def _reference_line(
    drawing: Drawing, frame: _Frame, value: float, text: str, language: str
) -> None:
    x = frame.left + frame.along(value) * frame.width
    top = frame.bottom + frame.height
    drawing.add(
        Line(x, frame.bottom, x, top + 2, strokeColor=AXIS, strokeDashArray=[3, 2], strokeWidth=1)
    )
    drawing.add(
        label(
            x, top + 5, text or format_value(value), size=SIZE, language=language, anchor="middle"
        )
    )


def map_drawing(layout: MapLayout, legend: str, width: float, language: str) -> Drawing:
    """Region polygons (or tiles) scaled to ``width``, with a colour legend underneath."""
    x0, y0, x1, y1 = layout.extent
    scale = min(width / max(x1 - x0, 1e-9), 340 / max(y1 - y0, 1e-9))
    entries = [(b.label, b.colour) for b in layout.bins]
    if any(p.bin is None for p in layout.regions):
        entries.append((NO_DATA_LABEL, NO_DATA_COLOUR))
    legend_h = ROW * (len(entries) + 1)
    drawing = Drawing(width, (y1 - y0) * scale + legend_h + 8)
    offset = (width - (x1 - x0) * scale) / 2

    def place(x: float, y: float) -> tuple[float, float]:
        return (x - x0) * scale + offset, (y - y0) * scale + legend_h + 8

    for placed in layout.regions:
        for ring in placed.rings:
            points = [c for x, y in ring for c in place(x, y)]
            fill = HexColor(placed.colour)
            drawing.add(Polygon(points, fillColor=fill, strokeColor=WHITE, strokeWidth=0.6))
        if layout.tiles:
            x, y = place(*placed.centre)
            code = fit(placed.region.code, 0.85 * scale, SIZE, language)
            colour = HexColor(text_colour(placed.colour))
            drawing.add(
                label(x, y - 3, code, size=SIZE, language=language, anchor="middle", colour=colour)
            )
    _draw_map_legend(drawing, legend, entries, legend_h, language)
    return drawing


def _draw_map_legend(
    drawing: Drawing, title: str, entries: list[tuple[str, str]], top: float, language: str
) -> None:
    drawing.add(label(0, top - ROW + 3, title, size=SIZE, language=language, bold=True))
    for number, (text, colour) in enumerate(entries, start=2):
        y = top - number * ROW + 3
        box = Rect(0, y - 1, 10, 9, fillColor=HexColor(colour), strokeColor=AXIS, strokeWidth=0.5)
        drawing.add(box)
        drawing.add(label(16, y, text, size=SIZE, language=language))
