"""route_point (notices/maps/routing.py): the community whose boundary holds the
point, else the nearest station (and says so); nothing for a point outside China."""

import pytest

from notices.maps.boundaries import AreaBoundary
from notices.maps.routing import route_point
from tests.notices.map_builders import mapped_tree

pytestmark = pytest.mark.django_db


def test_a_point_goes_to_the_polygon_holding_it_not_the_nearest_station(
    bilingual_site,
):
    _index, _district, _sub, pages = mapped_tree(bilingual_site)
    # North-east corner of 幸福社区: 光明社区's station is a few metres away.
    route = route_point(27.7095, 112.0095)
    assert route.community_id == pages["幸福社区"].pk and route.inside
    assert route_point("27.715", "112.015").community_id == pages["朝阳社区"].pk


def test_a_point_outside_every_polygon_goes_to_the_nearest_station(bilingual_site):
    _index, _district, _sub, pages = mapped_tree(bilingual_site)
    route = route_point(27.7300, 112.0150)  # 1 km north of 朝阳社区
    assert route.community_id == pages["朝阳社区"].pk
    assert not route.inside and 1.0 < route.distance_km < 2.0


def test_a_point_outside_china_or_not_a_number_is_not_routed(bilingual_site):
    mapped_tree(bilingual_site)
    assert route_point(48.85, 2.35) is None
    assert route_point(112.0, 27.7) is None  # swapped
    assert route_point("nan", "112") is None
    assert route_point("abc", None) is None


def test_a_new_boundary_is_used_on_the_next_request(bilingual_site):
    _index, _district, _sub, pages = mapped_tree(bilingual_site)
    assert route_point(27.7095, 112.0095).community_id == pages["幸福社区"].pk
    AreaBoundary.objects.filter(area_key=pages["幸福社区"].translation_key).delete()
    route = route_point(27.7095, 112.0095)
    assert route.community_id == pages["光明社区"].pk and not route.inside
