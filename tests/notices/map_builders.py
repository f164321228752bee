"""Builders for map tests: a district of four square communities near Loudi, each
with its boundary, and GeoJSON files in the import's format."""

import json
from decimal import Decimal

import shapely

from notices.maps.boundaries import AreaBoundary, AreaLevel
from notices.maps.tiling import join_parents
from notices.models import DistrictPage, SubdistrictPage
from tests.notices.station_builders import area, community, directory

WEST, SOUTH, SIDE = 112.00, 27.70, 0.01
# name: (column, row) of its square, and where its station is inside it (fractions).
# 幸福社区's station sits in its far south-west corner, 光明社区's near their shared
# edge: a point in 幸福社区's north-east corner is nearer 光明社区's station.
SQUARES = {
    "幸福社区": ((0, 0), (0.05, 0.05)),
    "光明社区": ((1, 0), (0.05, 0.95)),
    "和平社区": ((0, 1), (0.5, 0.5)),
    "朝阳社区": ((1, 1), (0.5, 0.5)),
}


def square(column: int, row: int, side: float = SIDE) -> dict:
    west, south = WEST + column * side, SOUTH + row * side
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [west, south],
                [west + side, south],
                [west + side, south + side],
                [west, south + side],
                [west, south],
            ]
        ],
    }


def station_at(column: int, row: int, fraction: tuple) -> dict:
    lng = WEST + (column + fraction[0]) * SIDE
    lat = SOUTH + (row + fraction[1]) * SIDE
    return {"latitude": Decimal(f"{lat:.6f}"), "longitude": Decimal(f"{lng:.6f}")}


def bound(page, geometry: dict, level=AreaLevel.COMMUNITY) -> AreaBoundary:
    return AreaBoundary.objects.update_or_create(
        area_key=page.translation_key,
        defaults={"level": level, "geometry": geometry},
    )[0]


def mapped_tree(site, boundaries: bool = True):
    """找驻点 → 娄星区 → 乐坪街道 → four square communities (SQUARES), with their
    boundaries and the subdistrict's and district's joined from them. Returns
    (index, district, subdistrict, {name: community})."""
    index = directory(site.home_zh)
    district = area(index, DistrictPage, "娄星区", "louxing-qu")
    sub = area(district, SubdistrictPage, "乐坪街道", "leping-jiedao")
    pages = {}
    for number, (name, ((column, row), fraction)) in enumerate(SQUARES.items()):
        pages[name] = community(
            sub, name, f"m{number}", **station_at(column, row, fraction)
        )
        if boundaries:
            bound(pages[name], square(column, row))
    if boundaries:
        join_parents(
            [(page.path, page.translation_key) for page in pages.values()],
            {
                page.translation_key: shapely.geometry.shape(square(*cell))
                for page, (cell, _f) in zip(
                    pages.values(), SQUARES.values(), strict=True
                )
            },
            [DistrictPage, SubdistrictPage],
        )
    return index, district, sub, pages


def feature(name: str | None, geometry, **properties) -> dict:
    if name is not None:
        properties["community"] = name
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(*features) -> bytes:
    return json.dumps(
        {"type": "FeatureCollection", "features": list(features)}
    ).encode()


def squares_file(**replaced) -> bytes:
    """A valid file of the four squares; `replaced` gives a name another geometry."""
    return collection(
        *(
            feature(name, replaced.get(name, square(*cell)))
            for name, (cell, _fraction) in SQUARES.items()
        )
    )
