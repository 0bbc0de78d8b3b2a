"""Where each region of a choropleth map is drawn, in which colour; shared by HTML and PDF.

With geometry, a region is its projected outline; without (the platform ships none), every
region becomes a labelled square in a grid ordered by code, so a map is always drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from clusterbridge.analytics.reports.content import ChoroplethMap, RegionValue
from clusterbridge.analytics.reports.geometry import Bounds, Point, Ring, area, bounds
from clusterbridge.analytics.reports.palette import (
    NO_DATA_COLOUR,
    ColourBin,
    bin_index,
    colour_bins,
)

NO_GEOMETRY_NOTE = "no region geometry configured"
TILE_SIZE = 0.9
"""Tiles sit on a grid of unit cells, leaving a gap of 0.1 between neighbours."""


@dataclass(frozen=True)
class PlacedRegion:
    """One region as drawn: its outline (or tile), colour bin (None for no data) and colour."""

    region: RegionValue
    rings: tuple[Ring, ...]
    bin: int | None
    colour: str
    centre: Point


@dataclass(frozen=True)
class MapLayout:
    """A map ready to draw: regions largest first (enclaves on top), legend bins, extent.

    ``missing`` lists regions with a value but no outline; ``note`` explains a tile map.
    """

    regions: tuple[PlacedRegion, ...]
    bins: tuple[ColourBin, ...]
    missing: tuple[RegionValue, ...]
    note: str
    tiles: bool
    extent: Bounds


def layout_map(choropleth: ChoroplethMap) -> MapLayout:
    """Place every region of ``choropleth`` on its outline, or on tiles when none match."""
    bins = colour_bins(choropleth.thresholds)
    shapes = choropleth.geometry.shapes if choropleth.geometry else {}
    drawn = [value for value in choropleth.values if value.code in shapes]
    if not drawn:
        return _tile_layout(choropleth, bins)
    placed = [_placed(value, shapes[value.code], choropleth, bins) for value in drawn]
    placed.sort(key=lambda p: (-area(p.rings), p.region.code))
    missing = tuple(value for value in choropleth.values if value.code not in shapes)
    extent = bounds([ring for p in placed for ring in p.rings])
    return MapLayout(tuple(placed), bins, missing, "", False, extent)


def _placed(
    value: RegionValue,
    rings: tuple[Ring, ...],
    choropleth: ChoroplethMap,
    bins: tuple[ColourBin, ...],
) -> PlacedRegion:
    index = bin_index(value.value, choropleth.thresholds)
    colour = NO_DATA_COLOUR if index is None else bins[index].colour
    x0, y0, x1, y1 = bounds(rings)
    return PlacedRegion(value, rings, index, colour, ((x0 + x1) / 2, (y0 + y1) / 2))


def _tile_layout(choropleth: ChoroplethMap, bins: tuple[ColourBin, ...]) -> MapLayout:
    """One square per region in a near-square grid, row by row from the top, ordered by code."""
    ordered = sorted(choropleth.values, key=lambda v: v.code)
    columns = max(1, math.ceil(math.sqrt(len(ordered))))
    placed = []
    for index, value in enumerate(ordered):
        x, y = index % columns, -(index // columns)
        tile: Ring = (
            (x, y),
            (x + TILE_SIZE, y),
            (x + TILE_SIZE, y + TILE_SIZE),
            (x, y + TILE_SIZE),
            (x, y),
        )
        placed.append(_placed(value, (tile,), choropleth, bins))
    geometry = choropleth.geometry
    note = NO_GEOMETRY_NOTE
    if geometry is not None:
        note = f"{NO_GEOMETRY_NOTE} for these regions ({geometry.source} has none of their codes)"
    rows = math.ceil(len(ordered) / columns) if ordered else 1
    extent = (0.0, float(1 - rows), float(columns) - (1 - TILE_SIZE), TILE_SIZE)
    return MapLayout(tuple(placed), bins, (), note, True, extent)
