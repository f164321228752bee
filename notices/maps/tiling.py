"""Boundaries made up from the stations, for the demo city and the benchmark city:
each community gets the part of the city nearer its station than any other
(a Voronoi cell), clipped to an outline around all of them, so the communities tile
the city with no gap and no overlap; subdistricts and districts are the unions of
their communities. Real boundaries come from the import (importing.py)."""

import math
import random
from collections import defaultdict

import shapely
from django.db import transaction
from wagtail.models import Locale, Page

from notices.maps.boundaries import AreaBoundary, AreaLevel
from notices.maps.geometry import as_geojson, union
from portal.cache import content_changed

# The city's edge: this far (degrees, ~2.5 km) beyond the outermost stations.
CITY_EDGE_DEGREES = 0.025

# The demo city sits where the seeds' Loudi (娄底, Hunan) is: districts' centres as
# (latitude, longitude), a subdistrict ~2.5 km from its district's centre and a
# community station ~1 km from its subdistrict's.
DEMO_DISTRICT_CENTRES = [(27.735, 111.985), (27.728, 112.045), (27.690, 112.010)]


def demo_point(
    district: int, subdistrict: int, community: int, seed: str
) -> tuple[float, float]:
    """A plausible station position (latitude, longitude) for the `community`-th
    community of the `subdistrict`-th subdistrict of demo district `district`,
    jittered by `seed` (its name) so that no two rows line up."""
    rng = random.Random(seed)  # noqa: S311 - placement, not security
    lat0, lng0 = DEMO_DISTRICT_CENTRES[district % len(DEMO_DISTRICT_CENTRES)]
    turn = 2 * math.pi * subdistrict / 3 + district
    lat1 = lat0 + 0.016 * math.sin(turn)
    lng1 = lng0 + 0.018 * math.cos(turn)
    angle = 2 * math.pi * community / 4 + subdistrict + rng.uniform(-0.4, 0.4)
    radius = 0.007 + rng.uniform(0, 0.003)
    return (
        round(lat1 + radius * math.sin(angle), 6),
        round(lng1 + radius * 1.1 * math.cos(angle), 6),
    )


def tile(points: dict) -> dict:
    """{key: (lng, lat)} → {key: polygon}: the Voronoi cells of the points clipped to
    the city's outline (their hull widened by CITY_EDGE_DEGREES)."""
    keys = list(points)
    if not keys:
        return {}
    cloud = shapely.MultiPoint([points[key] for key in keys])
    outline = cloud.convex_hull.buffer(CITY_EDGE_DEGREES, quad_segs=4)
    if len(keys) == 1:
        return {keys[0]: outline}
    cells = shapely.voronoi_polygons(cloud, extend_to=outline, ordered=True)
    return {
        key: cell.intersection(outline)
        for key, cell in zip(keys, cells.geoms, strict=True)
    }


@transaction.atomic
def tile_directory(replace: bool = False) -> int:
    """Boundaries for every live community with a station position, and their
    subdistricts and districts as unions. Communities that already have a boundary
    keep it unless `replace`; returns how many boundaries were written. Running it
    twice writes nothing the second time."""
    from notices.stations.community import CommunityPage
    from notices.stations.pages import DistrictPage, SubdistrictPage

    default = Locale.get_default()
    communities = list(
        CommunityPage.objects.live()
        .filter(locale=default)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .only("path", "translation_key", "latitude", "longitude")
    )
    existing = {
        row.area_key: row
        for row in AreaBoundary.objects.filter(level=AreaLevel.COMMUNITY)
    }
    if not replace and all(c.translation_key in existing for c in communities):
        return 0
    cells = tile(
        {
            c.translation_key: (float(c.longitude), float(c.latitude))
            for c in communities
        }
    )
    written = 0
    shapes = {}
    for community in communities:
        key = community.translation_key
        row = existing.get(key)
        if row is not None and not replace:
            shapes[key] = shapely.geometry.shape(row.geometry)
            continue
        geometry = as_geojson(cells[key])
        shapes[key] = shapely.geometry.shape(geometry)
        if row is None or row.geometry != geometry:
            AreaBoundary.objects.update_or_create(
                area_key=key,
                defaults={"level": AreaLevel.COMMUNITY, "geometry": geometry},
            )
            written += 1
    bounded = [(c.path, c.translation_key) for c in communities]
    written += join_parents(
        bounded,
        shapes,
        [DistrictPage, SubdistrictPage],
    )
    if written:
        content_changed()
    return written


def join_parents(communities: list[tuple[str, object]], shapes: dict, models) -> int:
    """Write each subdistrict's and district's boundary as the union of its
    communities' (`communities`: (path, translation_key) pairs, `shapes` their
    boundaries). Areas with a boundary of their own (imported, not joined) keep it."""
    written = 0
    default = Locale.get_default()
    for model, level in zip(
        models, (AreaLevel.DISTRICT, AreaLevel.SUBDISTRICT), strict=True
    ):
        parents = {
            page.path: page
            for page in model.objects.filter(locale=default).only(
                "path", "translation_key"
            )
        }
        parts = defaultdict(list)
        for path, key in communities:
            for end in range(Page.steplen, len(path), Page.steplen):
                if path[:end] in parents:
                    parts[path[:end]].append(shapes[key])
        own = set(
            AreaBoundary.objects.filter(
                area_key__in=[parents[path].translation_key for path in parts],
                derived=False,
            ).values_list("area_key", flat=True)
        )
        for path, pieces in parts.items():
            page = parents[path]
            if page.translation_key in own:
                continue
            geometry = as_geojson(union(pieces))
            row = AreaBoundary.objects.filter(area_key=page.translation_key).first()
            if row is not None and row.geometry == geometry:
                continue
            AreaBoundary.objects.update_or_create(
                area_key=page.translation_key,
                defaults={"level": level, "geometry": geometry, "derived": True},
            )
            written += 1
    return written
