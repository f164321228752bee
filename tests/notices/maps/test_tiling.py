"""Boundaries made up from the stations (notices/maps/tiling.py) for the demo and
benchmark cities: they tile the city with no gap and no overlap, subdistricts and
districts are their unions, and making them again changes nothing."""

import itertools
import random
from decimal import Decimal

import pytest
import shapely

from notices.demo.boundaries import move_off_the_diagonal
from notices.maps.boundaries import AreaBoundary, AreaLevel
from notices.maps.tiling import demo_point, tile, tile_directory
from notices.models import CommunityPage
from tests.notices.map_builders import mapped_tree


def test_the_cells_tile_the_city_without_gaps_or_overlaps():
    rng = random.Random(7)
    points = {
        n: (112 + rng.uniform(0, 0.1), 27.7 + rng.uniform(0, 0.1)) for n in range(40)
    }
    cells = tile(points)
    for key, (lng, lat) in points.items():
        assert cells[key].contains(shapely.Point(lng, lat))
    for a, b in itertools.combinations(cells.values(), 2):
        assert a.intersection(b).area < 1e-12
    whole = shapely.union_all(list(cells.values()))
    assert abs(whole.area - sum(cell.area for cell in cells.values())) < 1e-9
    assert whole.geom_type == "Polygon" and not list(whole.interiors)


def test_demo_stations_are_spread_around_loudi_not_on_a_line():
    points = [demo_point(d, s, c, f"{d}{s}{c}") for d in range(3) for s in range(3)
              for c in range(4)]  # fmt: skip
    lats, lngs = zip(*points, strict=True)
    assert 27.6 < min(lats) and max(lats) < 27.8
    assert 111.9 < min(lngs) and max(lngs) < 112.1
    # Not a line: the points span an area, latitude and longitude barely correlated.
    hull = shapely.MultiPoint([(x, y) for y, x in points]).convex_hull
    assert hull.area > 0.005


@pytest.mark.django_db
def test_the_directory_is_tiled_once_and_again_changes_nothing(bilingual_site):
    _index, district, sub, pages = mapped_tree(bilingual_site, boundaries=False)
    assert tile_directory() == 6  # four communities, their subdistrict, district
    assert tile_directory() == 0
    assert tile_directory(replace=True) == 0
    joined = AreaBoundary.objects.get(area_key=district.translation_key)
    assert joined.derived and joined.level == AreaLevel.DISTRICT
    communities = [
        shapely.geometry.shape(row.geometry)
        for row in AreaBoundary.objects.filter(level=AreaLevel.COMMUNITY)
    ]
    district_shape = shapely.geometry.shape(joined.geometry)
    assert abs(district_shape.area - sum(c.area for c in communities)) < 1e-8


@pytest.mark.django_db
def test_demo_stations_on_the_old_diagonal_move_and_others_stay(bilingual_site):
    _index, _district, _sub, pages = mapped_tree(bilingual_site, boundaries=False)
    # 幸福社区 is the demo's 7th community (黄河区, 淮海街道, third): where the older
    # demo data put it. 光明社区 (the 5th) was moved by hand: it stays.
    CommunityPage.objects.filter(pk=pages["幸福社区"].pk).update(
        latitude=Decimal("34.242000"), longitude=Decimal("117.124000")
    )
    assert move_off_the_diagonal() == 1
    assert move_off_the_diagonal() == 0
    moved = CommunityPage.objects.get(pk=pages["幸福社区"].pk)
    assert (float(moved.latitude), float(moved.longitude)) == pytest.approx(
        demo_point(0, 1, 2, "幸福社区")
    )
    kept = CommunityPage.objects.get(pk=pages["光明社区"].pk)
    assert float(kept.latitude) == pytest.approx(27.7095)
