"""Colour bins of a choropleth map: which bin a value falls in, its colour and its legend label.

The colours come from ColorBrewer's YlGnBu sequential scheme, which stays distinguishable for
the common forms of colour blindness and in greyscale print; darker means a higher value.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterbridge.analytics.reports.content import format_value

YLGNBU = (
    "#ffffd9",
    "#edf8b1",
    "#c7e9b4",
    "#7fcdbb",
    "#41b6c4",
    "#1d91c0",
    "#225ea8",
    "#253494",
    "#081d58",
)
NO_DATA_COLOUR = "#d9d9d9"
NO_DATA_LABEL = "no data"
MAX_BINS = 8
LINE_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000")
"""Okabe-Ito colours for lines and bars: distinct for colour-blind readers."""
HIGHLIGHT_COLOUR = "#d55e00"
BAR_COLOUR = "#7f9fbf"


@dataclass(frozen=True)
class ColourBin:
    """One legend entry: values from ``lower`` (inclusive) to ``upper`` (exclusive)."""

    lower: float | None
    upper: float | None
    label: str
    colour: str


def colours(count: int) -> tuple[str, ...]:
    """``count`` colours spread over the palette, lightest first, skipping the near-white end."""
    if not 1 <= count <= MAX_BINS:
        raise ValueError(f"a map has 1 to {MAX_BINS} colour bins, not {count}")
    if count == 1:
        return (YLGNBU[4],)
    usable = YLGNBU[1:]
    step = (len(usable) - 1) / (count - 1)
    return tuple(usable[round(i * step)] for i in range(count))


def colour_bins(thresholds: tuple[float, ...]) -> tuple[ColourBin, ...]:
    """The bins split at ``thresholds``: "under t1", "t1 to under t2", ..., "tk and over"."""
    edges: list[float | None] = [None, *thresholds, None]
    palette = colours(len(thresholds) + 1)
    bins = []
    for index, colour in enumerate(palette):
        lower, upper = edges[index], edges[index + 1]
        bins.append(ColourBin(lower, upper, _bin_label(lower, upper), colour))
    return tuple(bins)


def _bin_label(lower: float | None, upper: float | None) -> str:
    if lower is None and upper is None:
        return "all values"
    if lower is None:
        return f"under {_number(upper)}"
    if upper is None:
        return f"{_number(lower)} and over"
    return f"{_number(lower)} to under {_number(upper)}"


def _number(value: float | None) -> str:
    if value is None:
        return format_value(None)
    if float(value).is_integer():
        return format_value(int(value))
    return format_value(float(value)).rstrip("0").rstrip(".")


def bin_index(value: float | None, thresholds: tuple[float, ...]) -> int | None:
    """The bin of ``value`` (a value equal to a threshold goes up), or None for no data."""
    if value is None or value != value:
        return None
    return sum(1 for threshold in thresholds if value >= threshold)
