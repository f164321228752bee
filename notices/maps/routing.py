"""Which community a point belongs to: the one whose boundary holds it.

`route_point(lat, lng)` answers for reports and Open311 requests. The boundaries of
the live communities (default language: their page ids are the ids reports carry) are
read once per content generation (portal/lookups.py `remembered`, as plain bytes) and
each process builds a spatial index (shapely STRtree) of them once per version of that
data: a city's 600 polygons answer in well under a millisecond.

A point outside every boundary (at the city's edge, or a city whose boundaries are
not all imported) goes to the nearest station, and says so (`Route.inside` False) so
that the caller can tell the staff.
"""

import hashlib
import math
import threading
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import shapely
from wagtail.models import Locale

from notices.maps.boundaries import AreaBoundary, AreaLevel
from notices.stations.geo import in_china
from portal.lookups import remembered

# 1° of latitude in kilometres, for the distance told to the staff.
KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class Route:
    """Where a point goes: the community's page id (default language), whether its
    boundary holds the point, and how far the point is from the community's station
    when it does not (km)."""

    community_id: int
    inside: bool
    distance_km: float | None = None


def _geometry() -> dict:
    from notices.stations.community import CommunityPage

    communities = list(
        CommunityPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .order_by("path")
        .values_list("pk", "translation_key", "latitude", "longitude")
    )
    boundaries = dict(
        AreaBoundary.objects.filter(
            level=AreaLevel.COMMUNITY,
            area_key__in=[key for _pk, key, _lat, _lng in communities],
        ).values_list("area_key", "geometry")
    )
    polygons = [
        (pk, shapely.to_wkb(shapely.geometry.shape(boundaries[key])))
        for pk, key, _lat, _lng in communities
        if key in boundaries
    ]
    stations = [
        (pk, float(lng), float(lat))
        for pk, _key, lat, lng in communities
        if lat is not None and lng is not None
    ]
    digest = hashlib.blake2b(digest_size=12)
    for pk, wkb in polygons:
        digest.update(str(pk).encode() + wkb)
    for station in stations:
        digest.update(repr(station).encode())
    return {"version": digest.hexdigest(), "polygons": polygons, "stations": stations}


class _Index:
    """The spatial indexes of one version of the geometry."""

    def __init__(self, data: dict):
        self.polygon_ids = [pk for pk, _wkb in data["polygons"]]
        shapes = [shapely.from_wkb(wkb) for _pk, wkb in data["polygons"]]
        shapely.prepare(shapes)
        self.polygons = shapely.STRtree(shapes)
        self.station_ids = [pk for pk, _lng, _lat in data["stations"]]
        stations = data["stations"]
        self.shrink = math.cos(
            math.radians(
                float(np.mean([lat for _pk, _lng, lat in stations])) if stations else 30
            )
        )
        # Stations in a plane where a degree east is as long as a degree north.
        self.stations = shapely.STRtree(
            [shapely.Point(lng * self.shrink, lat) for _pk, lng, lat in stations]
        )
        self.station_points = [(lng, lat) for _pk, lng, lat in stations]

    def route(self, lat: float, lng: float) -> Route | None:
        point = shapely.Point(lng, lat)
        if self.polygon_ids:
            hits = self.polygons.query(point, predicate="intersects").tolist()
            if hits:
                # On a shared edge both hold it: the first in the directory's order.
                return Route(self.polygon_ids[min(hits)], inside=True)
        if not self.station_ids:
            return None
        nearest = int(self.stations.nearest(shapely.Point(lng * self.shrink, lat)))
        s_lng, s_lat = self.station_points[nearest]
        distance = math.hypot((lng - s_lng) * self.shrink, lat - s_lat) * KM_PER_DEGREE
        return Route(self.station_ids[nearest], inside=False, distance_km=distance)

    @property
    def has_boundaries(self) -> bool:
        return bool(self.polygon_ids)


# This process's indexes by version of the geometry: the current one, and the one
# before while requests that began under it finish.
_indexes: dict[str, _Index] = {}
_indexes_lock = threading.Lock()


def current_index() -> _Index:
    data = remembered("routing-geometry", _geometry)
    index = _indexes.get(data["version"])
    if index is None:
        index = _Index(data)
        with _indexes_lock:
            if len(_indexes) >= 2:
                _indexes.clear()
            _indexes[data["version"]] = index
    return index


def route_point(lat, lng) -> Route | None:
    """The community a point (WGS-84 degrees) belongs to, or None when the point is
    outside China or the city has no community station at all."""
    try:
        lat, lng = float(Decimal(str(lat))), float(Decimal(str(lng)))
    except (ArithmeticError, ValueError, TypeError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng)) or not in_china(lat, lng):
        return None
    return current_index().route(lat, lng)


def has_boundaries() -> bool:
    """Whether any live community has a boundary (routing by polygon is on)."""
    return current_index().has_boundaries
