"""The typed content of a report: sections of paragraphs, tables, charts and maps.

Callers (web pages, the CLI) fill these plain frozen dataclasses with numbers computed
elsewhere; :mod:`.charts` turns them into Plotly figures and :mod:`.pdf` into a PDF, so both
outputs always show the same content.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from clusterbridge.analytics.reports.geometry import RegionGeometry

Cell = str | int | float | None


def format_value(value: Cell, decimals: int = 2) -> str:
    """A table cell or chart value as text: thousands separators, a dash for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{decimals}f}"


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a value per year, ``None`` where the year has no value."""

    name: str
    points: tuple[tuple[int, float | None], ...]


@dataclass(frozen=True)
class LineChart:
    """Indicators over time, one line per series; ``unit`` labels the value axis."""

    title: str
    unit: str
    series: tuple[Series, ...]
    description: str = ""

    def years(self) -> list[int]:
        """Every year that any series has a point for, ascending."""
        return sorted({year for s in self.series for year, _ in s.points})


@dataclass(frozen=True)
class Bar:
    """One bar of a peer comparison; ``highlight`` marks the cluster the report is about."""

    label: str
    value: float | None
    highlight: bool = False


@dataclass(frozen=True)
class BarChart:
    """A peer comparison: one horizontal bar per peer, top to bottom in the given order.

    ``reference_line`` draws a marker such as the peer median or an LQ of 1.
    """

    title: str
    unit: str
    bars: tuple[Bar, ...]
    reference_line: float | None = None
    reference_label: str = ""
    description: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row; each row has one cell per column."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""

    def __post_init__(self) -> None:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table row {index} has {len(row)} cells, expected {len(self.columns)}"
                )


@dataclass(frozen=True)
class RegionValue:
    """The value of one region on a map; ``label`` is the text shown for it (e.g. "LQ 1.53")."""

    code: str
    name: str
    value: float | None
    label: str = ""

    def display(self) -> str:
        """The label if given, else the formatted value."""
        return self.label or format_value(self.value)


@dataclass(frozen=True)
class ChoroplethMap:
    """Regions coloured by value in bins split at ``thresholds`` (ascending).

    ``k`` thresholds give ``k + 1`` bins: below the first, between each pair, and from the
    last up. ``geometry`` is the configured region geometry; ``None`` draws a tile map.
    """

    title: str
    legend: str
    values: tuple[RegionValue, ...]
    thresholds: tuple[float, ...]
    geometry: RegionGeometry | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if any(b <= a for a, b in pairwise(self.thresholds)):
            raise ValueError(f"map thresholds must be strictly ascending: {self.thresholds}")
        if len(self.thresholds) > 7:
            raise ValueError("a map has at most 7 thresholds (8 colour bins)")
        codes = [v.code for v in self.values]
        if len(set(codes)) != len(codes):
            raise ValueError("a region appears twice on the map")


Block = LineChart | BarChart | Table | ChoroplethMap


@dataclass(frozen=True)
class Section:
    """A heading, its paragraphs (plain text, no markup) and then its blocks."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Report:
    """A whole report, per cluster or per programme.

    ``language`` is a BCP 47 hint ("en", "ko", "ca") for the HTML ``lang`` attribute and the
    choice of a CJK font in the PDF.
    """

    title: str
    subtitle: str
    generated_on: date
    sections: tuple[Section, ...]
    language: str = "en"
    author: str = "ClusterBridge"


def table_of(columns: Sequence[str], rows: Sequence[Sequence[Cell]], title: str = "") -> Table:
    """A :class:`Table` from any sequences (lists from a query, tuples from a dataframe)."""
    return Table(tuple(columns), tuple(tuple(row) for row in rows), title)
