"""Region geometry: projection of a hand-made GeoJSON, clear errors for bad files."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from clusterbridge.analytics.reports.geometry import (
    area,
    load_region_geometry,
    parse_region_geometry,
    simplify,
)
from clusterbridge.core.errors import InvalidInput, NotFound


def square(
    code: str, west: float, south: float, size: float = 1.0, key: str = "id"
) -> dict[str, object]:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {
        "type": "Feature",
        "properties": {key: code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def collection(*features: object) -> dict[str, object]:
    return {"type": "FeatureCollection", "features": list(features)}


def flat(ring: tuple[tuple[float, float], ...]) -> list[float]:
    return [c for point in ring for c in point]


def write(tmp_path: Path, document: object, name: str = "regions.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_two_squares_are_projected_with_the_cosine_of_the_middle_latitude(tmp_path: Path) -> None:
    # Latitudes 59..61: middle latitude 60 degrees, cos 60 = 0.5, so x = longitude / 2.
    path = write(tmp_path, collection(square("ES51", 2, 59, 2), square("ES52", 4, 59, 2)))
    geometry = load_region_geometry(path)
    assert geometry.source == str(path)
    (west,) = geometry.shapes["ES51"]
    (east,) = geometry.shapes["ES52"]
    assert flat(west) == pytest.approx([1, 59, 2, 59, 2, 61, 1, 61, 1, 59])
    assert flat(east) == pytest.approx([2, 59, 3, 59, 3, 61, 2, 61, 2, 59])
    # Each square is 2 degrees of longitude (1 projected unit) by 2 of latitude.
    assert area([west]) == pytest.approx(2.0)


def test_code_property_is_configurable_and_multipolygons_keep_every_part() -> None:
    part = [[[10, 0], [11, 0], [11, 1], [10, 0]]]
    other = [[[12, 0], [13, 0], [13, 1], [12, 0]]]
    feature = {
        "type": "Feature",
        "properties": {"STATEFP": "06", "NAME": "California"},
        "geometry": {"type": "MultiPolygon", "coordinates": [part, other]},
    }
    geometry = parse_region_geometry(collection(feature), "states.json", code_property="STATEFP")
    rings = geometry.shapes["06"]
    assert len(rings) == 2
    # Latitudes 0..1: middle 0.5 degrees, cos(0.5 deg) = 0.99996192...
    scale = math.cos(math.radians(0.5))
    assert rings[1][0] == pytest.approx((12 * scale, 0))


def test_holes_are_dropped_and_an_unclosed_ring_is_closed() -> None:
    outer = [[0, 0], [4, 0], [4, 4], [0, 4]]
    hole = [[1, 1], [2, 1], [2, 2], [1, 1]]
    feature = {
        "type": "Feature",
        "id": 7,
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [outer, hole]},
    }
    geometry = parse_region_geometry(collection(feature), "x.json")
    (ring,) = geometry.shapes["7"]  # the feature's own id, as text, when properties lack "id"
    assert len(ring) == 5
    assert ring[0] == ring[-1]


def test_features_sharing_a_code_are_merged() -> None:
    geometry = parse_region_geometry(collection(square("A", 0, 0), square("A", 5, 0)), "x.json")
    assert len(geometry.shapes["A"]) == 2


def test_a_file_that_is_not_json_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [}', encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_region_geometry(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert "not JSON" in problem.reason
    assert "line 2" in problem.reason


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match=r"nowhere\.geojson"):
        load_region_geometry(tmp_path / "nowhere.geojson")


def test_a_single_feature_is_not_a_feature_collection(tmp_path: Path) -> None:
    path = write(tmp_path, square("A", 0, 0))
    with pytest.raises(InvalidInput) as caught:
        load_region_geometry(path)
    (problem,) = caught.value.problems
    assert problem.reason == "is not a GeoJSON FeatureCollection"
    assert problem.value == "Feature"
    assert str(path) in str(caught.value)


def test_every_bad_feature_is_reported_by_index(tmp_path: Path) -> None:
    no_code = square("X", 0, 0, key="NAME")
    bad_latitude = square("B", 0, 95)
    point = {
        "type": "Feature",
        "properties": {"NUTS_ID": "C"},
        "geometry": {"type": "Point", "coordinates": [1, 2]},
    }
    text_coordinates = {
        "type": "Feature",
        "properties": {"NUTS_ID": "D"},
        "geometry": {"type": "Polygon", "coordinates": [[["a", "b"]]]},
    }
    bad_latitude["properties"] = {"NUTS_ID": "B"}
    good = square("E", 0, 0, key="NUTS_ID")
    path = write(tmp_path, collection(good, no_code, bad_latitude, point, text_coordinates))
    with pytest.raises(InvalidInput) as caught:
        load_region_geometry(path, code_property="NUTS_ID")
    problems = caught.value.problems
    assert [p.column for p in problems] == [
        "features[1]",
        "features[2].geometry.coordinates",
        "features[3].geometry",
        "features[4].geometry.coordinates",
    ]
    assert problems[0].reason == "feature 1 has no 'NUTS_ID' property"
    assert problems[1].reason.startswith("feature 2 (B) has bad coordinates")
    assert problems[2].value == "Point"
    assert all(p.file == str(path) for p in problems)
    assert "features[3].geometry" in str(caught.value)


def test_simplify_drops_points_on_straight_edges_only() -> None:
    ring = ((0.0, 0.0), (1.0, 0.0), (2.0, 0.001), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0), (0.0, 0.0))
    assert simplify(ring, 0.01) == ((0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0), (0.0, 0.0))
    assert simplify(ring, 0.0) == ring
    assert simplify(ring, 0.0008) == (
        (0.0, 0.0),
        (2.0, 0.001),
        (3.0, 0.0),
        (3.0, 3.0),
        (0.0, 3.0),
        (0.0, 0.0),
    )


def test_tolerance_is_applied_when_loading(tmp_path: Path) -> None:
    ring = [[0, 0], [1, 0], [2, 0], [2, 2], [0, 2], [0, 0]]
    feature = {
        "type": "Feature",
        "properties": {"id": "A"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    path = write(tmp_path, collection(feature))
    (kept,) = load_region_geometry(path, tolerance=0.001).shapes["A"]
    assert len(kept) == 5
