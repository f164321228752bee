"""The demo convenience map: points of six or more kinds placed near each
community's station (read when loading), the stations' rest stops among them, and
loading twice changes nothing."""

from decimal import Decimal

import pytest

from notices.convenience.models import ConveniencePoint
from notices.demo import convenience
from tests.notices.station_builders import small_tree, translate_tree

pytestmark = pytest.mark.django_db


def test_the_demo_points_follow_the_stations_and_load_once(bilingual_site):
    site = bilingual_site
    directory, district, sub, communities = small_tree(
        site, communities=6, staff_per_community=0, photos=False
    )
    translate_tree(site, [directory, district, sub, *communities])
    rest = communities[3]
    rest.rest_stop_facilities = ["water", "microwave"]
    rest.save_revision().publish()
    convenience.load(lambda message: None)
    first = sorted(ConveniencePoint.objects.values_list("pk", "name", "latitude"))
    zh = ConveniencePoint.objects.filter(locale=site.zh)
    assert len({point.category for point in zh}) >= 6
    assert ConveniencePoint.objects.filter(locale=site.en).count() == zh.count()
    # The station's rest stop is on the map, with the facilities it lists.
    stop = zh.get(community=rest, category="rest_stop")
    assert {"water", "microwave"} <= set(stop.facilities)
    # Every point within a few hundred metres of its station.
    for point in zh.select_related("community"):
        assert abs(point.latitude - point.community.latitude) < Decimal("0.002")
        assert abs(point.longitude - point.community.longitude) < Decimal("0.002")
    convenience.load(lambda message: None)
    assert sorted(ConveniencePoint.objects.values_list("pk", "name", "latitude")) == (
        first
    )
