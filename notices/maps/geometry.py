"""Checking and shaping boundaries with shapely: what a GeoJSON geometry must be to
serve as an area's boundary, overlaps between areas, and the projection that turns
degrees into the pixels of a drawn map."""

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from notices.stations.geo import CHINA_LATITUDE, CHINA_LONGITUDE

POLYGON_TYPES = ("Polygon", "MultiPolygon")
# Boundaries drawn by hand or converted between tools overlap their neighbours along
# the shared edge by a few metres: tolerated up to this share of the smaller area.
OVERLAP_TOLERANCE = 0.005
# A boundary must come within this many degrees (~50 km) of the city's stations.
CITY_MARGIN_DEGREES = 0.5
# Stored coordinates: 6 decimals of a degree are ~0.1 m, finer than any survey.
STORED_DIGITS = 6

CHINA_BOX = shapely.box(
    float(CHINA_LONGITUDE[0]),
    float(CHINA_LATITUDE[0]),
    float(CHINA_LONGITUDE[1]),
    float(CHINA_LATITUDE[1]),
)


def as_shape(geometry: dict) -> BaseGeometry:
    return shape(geometry)


def as_geojson(geometry: BaseGeometry, digits: int = STORED_DIGITS) -> dict:
    """A shapely geometry as a GeoJSON dict with rounded coordinates."""
    rounded = shapely.set_precision(geometry, 10**-digits)
    # One way to write each shape (set_precision may start a ring anywhere), with
    # exterior rings anticlockwise as RFC 7946 asks: importing an export writes
    # exactly what was there.
    canonical = shapely.orient_polygons(shapely.normalize(rounded))
    # Lists, not tuples, and plain floats: equal to what the JSONField gives back.
    return json.loads(json.dumps(mapping(canonical)))


def _coordinates(value) -> Iterable[Sequence]:
    """Every position of a GeoJSON coordinates array, however deeply nested."""
    if isinstance(value, list | tuple) and value and isinstance(value[0], int | float):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _coordinates(item)


def check_geometry(geometry, city: BaseGeometry | None = None):
    """(shape, None) when `geometry` (a GeoJSON object) can be an area's boundary,
    else (None, a translated message saying what is wrong and how to fix it).
    `city` is the box the city's stations sit in, when known."""
    if not isinstance(geometry, dict) or "type" not in geometry:
        return None, _("The feature has no geometry.")
    kind = geometry.get("type")
    if kind not in POLYGON_TYPES:
        return None, _(
            "A boundary must be a Polygon or MultiPolygon, not %(type)s."
        ) % {"type": str(kind)[:30]}
    positions = list(_coordinates(geometry.get("coordinates")))
    if not positions or any(
        len(position) < 2
        or not all(isinstance(number, int | float) for number in position)
        or not all(math.isfinite(number) for number in position)
        for position in positions
    ):
        return None, _(
            "The coordinates are not a polygon: each ring is a list of [longitude, "
            "latitude] pairs in degrees."
        )
    # Degrees never pass 180 either way (a latitude over 90 is told apart below).
    if any(abs(x) > 180 or abs(y) > 180 for x, y, *_rest in positions):
        return None, _(
            "The coordinates look like metres of a projected coordinate system (such "
            "as EPSG:3857), not degrees: export the file in WGS-84 (EPSG:4326)."
        )
    try:
        area = shape(geometry)
    except (ValueError, TypeError, IndexError, shapely.errors.GEOSException):
        return None, _(
            "The coordinates are not a polygon: each ring needs at least four "
            "[longitude, latitude] pairs, the last one equal to the first."
        )
    if area.is_empty:
        return None, _("The boundary is empty.")
    if not CHINA_BOX.contains(area):
        swapped = shapely.transform(area, lambda xy: xy[:, ::-1])
        if CHINA_BOX.contains(swapped):
            return None, _(
                "Latitude and longitude are swapped: GeoJSON gives the longitude "
                "first, as [longitude, latitude]. Swap them and upload again."
            )
        return None, _(
            "The boundary lies outside China: coordinates must be WGS-84 degrees, "
            "[longitude, latitude]."
        )
    if city is not None and not city.intersects(area):
        return None, _(
            "The boundary is far from the city: more than 50 km from every station "
            "of the directory. Check the coordinates."
        )
    if not area.is_valid:
        reason = shapely.is_valid_reason(area)
        where = _where(reason)
        if reason.startswith(("Self-intersection", "Ring Self-intersection")):
            return None, _(
                "The boundary crosses itself%(where)s: redraw it so that no two of "
                "its edges cross."
            ) % {"where": where}
        return None, _(
            "The boundary is not a valid polygon%(where)s: rings must be closed, "
            "holes inside their polygon, and parts must not overlap."
        ) % {"where": where}
    return area, None


def _where(reason: str) -> str:
    """' near 112.1, 27.7' from GEOS's 'Self-intersection[112.1 27.7]'."""
    if "[" not in reason:
        return ""
    try:
        x, y = (float(n) for n in reason.split("[", 1)[1].rstrip("]").split()[:2])
    except ValueError:
        return ""
    return _(" near longitude %(lng).5f, latitude %(lat).5f") % {"lng": x, "lat": y}


def overlaps(shapes: Sequence[BaseGeometry]) -> list[tuple[int, int, float]]:
    """Pairs (i, j, share) of `shapes` that overlap by more than the tolerance,
    `share` being the overlap's part of the smaller one; i < j."""
    tree = shapely.STRtree(shapes)
    found = []
    left, right = tree.query(shapes, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        a, b = shapes[i], shapes[j]
        smaller = min(a.area, b.area)
        if smaller <= 0:
            continue
        share = a.intersection(b).area / smaller
        if share > OVERLAP_TOLERANCE:
            found.append((i, j, share))
    return found


def city_box(points: Iterable[tuple[float, float]]) -> BaseGeometry | None:
    """Where the city is: its stations' (lng, lat) box widened by ~50 km."""
    points = list(points)
    if not points:
        return None
    return shapely.MultiPoint(points).envelope.buffer(
        CITY_MARGIN_DEGREES, join_style="mitre"
    )


def union(shapes: Iterable[BaseGeometry]) -> BaseGeometry:
    """One area from its parts, with the hairline gaps between neighbours closed."""
    joined = shapely.union_all(list(shapes), grid_size=10**-STORED_DIGITS)
    return shapely.make_valid(joined)


@dataclass(frozen=True)
class Projection:
    """Degrees to the pixels of a drawn map: equirectangular, the longitude shrunk by
    the cosine of the middle latitude (true to within a percent over a city), north
    up, `width` pixels wide."""

    west: float
    north: float
    shrink: float
    scale: float
    width: int
    height: int

    @classmethod
    def fitting(
        cls, bounds: tuple[float, float, float, float], width: int, margin: int = 8
    ):
        west, south, east, north = bounds
        shrink = math.cos(math.radians((south + north) / 2))
        span_x = max((east - west) * shrink, 1e-9)
        span_y = max(north - south, 1e-9)
        scale = (width - 2 * margin) / span_x
        height = round(span_y * scale) + 2 * margin
        # Keep very tall areas from making a map taller than it is wide by half.
        if height > width * 1.5:
            scale = (width * 1.5 - 2 * margin) / span_y
            height = round(width * 1.5)
        return cls(
            west=west - margin / scale / shrink,
            north=north + margin / scale,
            shrink=shrink,
            scale=scale,
            width=width,
            height=height,
        )

    def xy(self, lng: float, lat: float) -> tuple[float, float]:
        return (
            (lng - self.west) * self.shrink * self.scale,
            (self.north - lat) * self.scale,
        )

    def geometry(self, area: BaseGeometry) -> BaseGeometry:
        def move(coords: np.ndarray) -> np.ndarray:
            out = np.empty_like(coords)
            out[:, 0] = (coords[:, 0] - self.west) * self.shrink * self.scale
            out[:, 1] = (self.north - coords[:, 1]) * self.scale
            return out

        return shapely.transform(area, move)


def svg_path(area: BaseGeometry, tolerance: float = 0.8) -> str:
    """SVG path data of a projected (pixel) polygon, simplified to `tolerance`
    pixels and written in whole pixels with relative moves: a community is a few
    dozen bytes."""
    simple = area.simplify(tolerance, preserve_topology=True)
    parts = []
    for polygon in getattr(simple, "geoms", [simple]):
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            parts.append(_ring_path(ring.coords))
    return "".join(parts)


def _ring_path(coords) -> str:
    points = [(round(x), round(y)) for x, y in coords]
    deduplicated = [points[0]]
    for point in points[1:]:
        if point != deduplicated[-1]:
            deduplicated.append(point)
    if len(deduplicated) > 1 and deduplicated[-1] == deduplicated[0]:
        deduplicated.pop()
    if len(deduplicated) < 3:
        return ""
    x0, y0 = deduplicated[0]
    steps = []
    px, py = x0, y0
    for x, y in deduplicated[1:]:
        steps.append(f"{x - px} {y - py}")
        px, py = x, y
    return f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z"
