"""Where a station is on a map: coordinates stored in WGS-84 (GPS), checked against
China's bounding box, and converted for the map tiles the city configured."""

import math
from decimal import Decimal

from django.conf import settings

# Coordinates are stored in WGS-84 (GPS). Mainland map providers (AMap, Tencent, Baidu
# before its own shift) draw in GCJ-02, which is offset by up to ~700 m: convert with
# `wgs84_to_gcj02` before handing coordinates to such a map (PORTAL_MAP_COORDINATES).
CHINA_LATITUDE = (Decimal("3.86"), Decimal("53.56"))
CHINA_LONGITUDE = (Decimal("73.50"), Decimal("135.09"))


def in_china(latitude, longitude) -> bool:
    """Inside China's bounding box (a cheap sanity check, not a border test)."""
    return (
        CHINA_LATITUDE[0] <= Decimal(str(latitude)) <= CHINA_LATITUDE[1]
        and CHINA_LONGITUDE[0] <= Decimal(str(longitude)) <= CHINA_LONGITUDE[1]
    )


def _waves(a: float, first: float, b: float, second: float) -> float:
    """A term of the GCJ-02 offsets: two sine waves at `first` and `second` radians,
    weighted `a` and `b`, taken two thirds."""
    return (a * math.sin(first) + b * math.sin(second)) * 2.0 / 3.0


def wgs84_to_gcj02(latitude: float, longitude: float) -> tuple[float, float]:
    """WGS-84 → GCJ-02 ("Mars coordinates"), the published approximation.

    Accurate to a few metres, which is enough to put a station on a Chinese map.
    """
    if not in_china(latitude, longitude):
        return latitude, longitude
    a = 6378245.0
    ee = 0.00669342162296594323
    x, y = longitude - 105.0, latitude - 35.0
    # Both offsets share their first pair of waves.
    waves = _waves(20.0, 6.0 * x * math.pi, 20.0, 2.0 * x * math.pi)
    d_lat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * math.sqrt(abs(x))
        + waves
        + _waves(20.0, y * math.pi, 40.0, y / 3.0 * math.pi)
        + _waves(160.0, y / 12.0 * math.pi, 320, y * math.pi / 30.0)
    )
    d_lng = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * math.sqrt(abs(x))
        + waves
        + _waves(20.0, x * math.pi, 40.0, x / 3.0 * math.pi)
        + _waves(150.0, x / 12.0 * math.pi, 300.0, x / 30.0 * math.pi)
    )
    rad_lat = latitude / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((a * (1 - ee)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (a / sqrt_magic * math.cos(rad_lat) * math.pi)
    return latitude + d_lat, longitude + d_lng


# The map: each district's and subdistrict's page draws its own stations on a Leaflet
# map where JavaScript runs and the resident asks for it. One district at a time keeps
# the page with Leaflet within 60 KB; a whole city (600 stations) does not fit.


def map_point(community) -> tuple[float, float] | None:
    """Where a community page's marker goes, in the coordinate system the configured
    tiles expect."""
    if community.latitude is None or community.longitude is None:
        return None
    lat, lng = float(community.latitude), float(community.longitude)
    if settings.PORTAL_MAP_COORDINATES == "gcj02":
        lat, lng = wgs84_to_gcj02(lat, lng)
    return round(lat, 6), round(lng, 6)


def map_settings(items: list[dict]) -> dict:
    """What the map offer needs, or nothing when no station has a location."""
    if not any(item["point"] for item in items):
        return {}
    return {
        "map": {
            "tiles": settings.PORTAL_MAP_TILE_URL,
            "attribution": settings.PORTAL_MAP_TILE_ATTRIBUTION,
        }
    }
