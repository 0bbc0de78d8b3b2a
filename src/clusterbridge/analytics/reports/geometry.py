"""Region outlines for choropleth maps, read from a GeoJSON file an agency configures.

The platform ships no geometry; an agency points at a GeoJSON FeatureCollection (NUTS, US
states, Korean provinces) and names the property that holds the region code. Outlines are
projected once (equirectangular, longitudes scaled by the cosine of the middle latitude) so
the HTML and PDF maps draw the same flat shapes without any map service.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from clusterbridge.core.errors import InvalidInput, NotFound, Problem

Point = tuple[float, float]
Ring = tuple[Point, ...]
Bounds = tuple[float, float, float, float]

_POLYGON_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class RegionGeometry:
    """Projected outer rings of each region, by region code; ``source`` names the file.

    Holes are dropped: maps draw larger regions first, so an enclave is painted over its
    surrounding region instead of being cut out of it.
    """

    shapes: Mapping[str, tuple[Ring, ...]]
    source: str


class _Problems:
    """Collects every problem of one file so the user sees them all at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Problem] = []

    def add(self, reason: str, where: str | None = None, value: object = None) -> None:
        shown = None if value is None else str(value)[:80]
        self.items.append(Problem(reason, file=self.source, column=where, value=shown))


def load_region_geometry(
    path: Path, code_property: str = "id", tolerance: float = 0.0
) -> RegionGeometry:
    """Read and project a GeoJSON FeatureCollection of Polygon/MultiPolygon regions.

    ``code_property`` names the feature property holding the region code ("NUTS_ID",
    "STATEFP"); ``tolerance`` > 0 simplifies outlines (in projected degrees, e.g. 0.01).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(f"region geometry file {path} not found") from None
    except UnicodeDecodeError:
        problem = Problem("is not UTF-8 text, so it cannot be GeoJSON", file=str(path))
        raise InvalidInput([problem], "the region geometry file cannot be read") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        reason = f"is not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        problem = Problem(reason, file=str(path))
        raise InvalidInput([problem], "the region geometry file cannot be read") from None
    return parse_region_geometry(document, str(path), code_property, tolerance)


def parse_region_geometry(
    document: object, source: str, code_property: str = "id", tolerance: float = 0.0
) -> RegionGeometry:
    """Project an already parsed GeoJSON document; see :func:`load_region_geometry`."""
    problems = _Problems(source)
    features = _features(document, problems)
    outlines: dict[str, list[list[Point]]] = {}
    for index, feature in enumerate(features):
        found = _feature_outline(feature, index, code_property, problems)
        if found is not None:
            outlines.setdefault(found[0], []).extend(found[1])
    if problems.items:
        raise InvalidInput(problems.items, f"the region geometry file {source} is not usable")
    return RegionGeometry(project(outlines, tolerance), source)


def _features(document: object, problems: _Problems) -> list[object]:
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        kind = document.get("type") if isinstance(document, dict) else type(document).__name__
        problems.add("is not a GeoJSON FeatureCollection", "type", kind)
        raise InvalidInput(problems.items, "the region geometry file is not usable")
    features = document.get("features")
    if not isinstance(features, list):
        problems.add("has no list of features", "features")
        raise InvalidInput(problems.items, "the region geometry file is not usable")
    return features


def _feature_outline(
    feature: object, index: int, code_property: str, problems: _Problems
) -> tuple[str, list[list[Point]]] | None:
    """The code and outer rings (longitude, latitude) of one feature, or None after a problem."""
    where = f"features[{index}]"
    if not isinstance(feature, dict):
        problems.add(f"feature {index} is not a JSON object", where)
        return None
    code = _region_code(feature, code_property)
    if code is None:
        problems.add(f"feature {index} has no {code_property!r} property", where)
        return None
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if not isinstance(geometry, dict) or kind not in _POLYGON_TYPES:
        reason = f"feature {index} ({code}) is not a Polygon or MultiPolygon"
        problems.add(reason, f"{where}.geometry", kind)
        return None
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    rings = _outer_rings(polygons)
    if rings is None:
        reason = f"feature {index} ({code}) has bad coordinates (need [longitude, latitude] rings)"
        problems.add(reason, f"{where}.geometry.coordinates")
        return None
    return code, rings


def _region_code(feature: Mapping[str, object], code_property: str) -> str | None:
    properties = feature.get("properties")
    value = properties.get(code_property) if isinstance(properties, dict) else None
    if value is None and code_property == "id":
        value = feature.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    return text or None


def _outer_rings(polygons: object) -> list[list[Point]] | None:
    """The first ring of each polygon as points, or None when anything is malformed."""
    if not isinstance(polygons, list) or not polygons:
        return None
    rings: list[list[Point]] = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return None
        ring = _ring(polygon[0])
        if ring is None:
            return None
        rings.append(ring)
    return rings


def _ring(positions: object) -> list[Point] | None:
    if not isinstance(positions, list) or len(positions) < 3:
        return None
    ring: list[Point] = []
    for position in positions:
        if not isinstance(position, list | tuple) or len(position) < 2:
            return None
        lon, lat = position[0], position[1]
        if not all(_is_number(v) for v in (lon, lat)):
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return None
        ring.append((float(lon), float(lat)))
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def project(
    outlines: Mapping[str, Sequence[Sequence[Point]]], tolerance: float = 0.0
) -> dict[str, tuple[Ring, ...]]:
    """Equirectangular projection: x = longitude x cos(middle latitude), y = latitude.

    The middle latitude is halfway between the southernmost and northernmost points of all
    outlines, so shapes keep their proportions near the map's centre.
    """
    latitudes = [lat for rings in outlines.values() for ring in rings for _, lat in ring]
    if not latitudes:
        return {}
    scale = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
    projected: dict[str, tuple[Ring, ...]] = {}
    for code, rings in outlines.items():
        flat = [tuple((lon * scale, lat) for lon, lat in ring) for ring in rings]
        projected[code] = tuple(simplify(ring, tolerance) for ring in flat)
    return projected


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker simplification of a closed ring; keeps at least a triangle."""
    if tolerance <= 0 or len(ring) <= 4:
        return ring
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance_to_segment(ring[index], ring[first], ring[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep.add(farthest)
            stack.extend([(first, farthest), (farthest, last)])
    kept = tuple(ring[i] for i in sorted(keep))
    return kept if len(kept) >= 4 else ring


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def bounds(rings: Sequence[Ring]) -> Bounds:
    """The bounding box (x min, y min, x max, y max) of some rings."""
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def area(rings: Sequence[Ring]) -> float:
    """The total area of some rings (shoelace formula), in projected square degrees."""
    total = 0.0
    for ring in rings:
        pairs = pairwise(ring)
        total += abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2
    return total
