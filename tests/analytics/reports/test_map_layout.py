"""Colour bins and the map layout: outlines when configured, a tile map when not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterbridge.analytics.reports.content import ChoroplethMap, RegionValue
from clusterbridge.analytics.reports.geometry import RegionGeometry
from clusterbridge.analytics.reports.map_layout import NO_GEOMETRY_NOTE, layout_map
from clusterbridge.analytics.reports.palette import (
    NO_DATA_COLOUR,
    YLGNBU,
    bin_index,
    colour_bins,
    colours,
)


def values(*pairs: tuple[str, float | None]) -> tuple[RegionValue, ...]:
    return tuple(RegionValue(code, f"Region {code}", value) for code, value in pairs)


def test_bins_are_labelled_in_words_and_a_threshold_value_goes_up() -> None:
    bins = colour_bins((1.0, 1.5, 2.0))
    assert [b.label for b in bins] == ["under 1", "1 to under 1.5", "1.5 to under 2", "2 and over"]
    assert (bins[1].lower, bins[1].upper) == (1.0, 1.5)
    assert bin_index(0.99, (1.0, 1.5, 2.0)) == 0
    assert bin_index(1.0, (1.0, 1.5, 2.0)) == 1
    assert bin_index(2.0, (1.0, 1.5, 2.0)) == 3
    assert bin_index(None, (1.0,)) is None
    assert bin_index(float("nan"), (1.0,)) is None


def test_colours_skip_the_near_white_end_and_run_light_to_dark() -> None:
    assert colours(3) == (YLGNBU[1], YLGNBU[5], YLGNBU[8])
    assert colours(8) == YLGNBU[1:]
    with pytest.raises(ValueError, match="1 to 8"):
        colours(9)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=7, unique=True), st.floats(-2e6, 2e6))
def test_a_value_falls_in_the_bin_whose_bounds_hold_it(edges: list[float], value: float) -> None:
    thresholds = tuple(sorted(edges))
    chosen = colour_bins(thresholds)[bin_index(value, thresholds) or 0]
    assert chosen.lower is None or chosen.lower <= value
    assert chosen.upper is None or value < chosen.upper


def test_without_geometry_regions_become_tiles_ordered_by_code() -> None:
    choropleth = ChoroplethMap(
        "Strength", "LQ", values(("C", 2.0), ("A", 0.5), ("D", None), ("B", 1.2)), (1.0,)
    )
    layout = layout_map(choropleth)
    assert layout.tiles
    assert layout.note == NO_GEOMETRY_NOTE
    assert layout.missing == ()
    # Four regions: a 2 x 2 grid, row by row from the top, by code.
    codes = [p.region.code for p in layout.regions]
    corners = [p.rings[0][0] for p in layout.regions]
    assert codes == ["A", "B", "C", "D"]
    assert corners == [(0, 0), (1, 0), (0, -1), (1, -1)]
    assert layout.regions[0].rings[0][2] == (0.9, 0.9)
    assert [p.bin for p in layout.regions] == [0, 1, 1, None]
    assert layout.regions[3].colour == NO_DATA_COLOUR
    assert layout.extent == (0.0, -1.0, 1.9, 0.9)


def test_geometry_without_any_of_the_regions_also_falls_back_to_tiles() -> None:
    geometry = RegionGeometry(
        {"ZZ": (((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)),)}, "eu.geojson"
    )
    layout = layout_map(ChoroplethMap("S", "LQ", values(("A", 1.0)), (1.0,), geometry))
    assert layout.tiles
    assert layout.note.startswith(NO_GEOMETRY_NOTE)
    assert "eu.geojson" in layout.note


def test_regions_without_outline_are_listed_and_large_regions_drawn_first() -> None:
    small = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0))
    large = ((0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0), (0.0, 0.0))
    geometry = RegionGeometry({"S": (small,), "L": (large,)}, "g.json")
    layout = layout_map(
        ChoroplethMap("S", "LQ", values(("S", 2.0), ("L", 0.1), ("X", 1.0)), (1.0,), geometry)
    )
    assert not layout.tiles
    assert layout.note == ""
    assert [p.region.code for p in layout.regions] == ["L", "S"]
    assert [v.code for v in layout.missing] == ["X"]
    assert layout.extent == (0.0, 0.0, 3.0, 3.0)
    assert layout.regions[1].colour == colour_bins((1.0,))[1].colour


def test_map_content_is_checked() -> None:
    with pytest.raises(ValueError, match="ascending"):
        ChoroplethMap("S", "LQ", (), (2.0, 1.0))
    with pytest.raises(ValueError, match="twice"):
        ChoroplethMap("S", "LQ", values(("A", 1.0), ("A", 2.0)), (1.0,))
