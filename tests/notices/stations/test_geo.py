"""Stations on a map: GCJ-02 for mainland tiles, markers only where a station has a
location, Leaflet served by the site itself."""

import pytest
from bs4 import BeautifulSoup

from notices.models import CommunityPage
from notices.stations.geo import wgs84_to_gcj02
from tests.notices.station_builders import small_tree

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_gcj02_conversion_shifts_chinese_points_by_hundreds_of_metres_only():
    lat, lng = wgs84_to_gcj02(34.2641, 117.1841)
    metres_north = (lat - 34.2641) * 111_000
    metres_east = (lng - 117.1841) * 111_000 * 0.83
    assert 100 < (metres_north**2 + metres_east**2) ** 0.5 < 1000
    assert wgs84_to_gcj02(48.85, 2.35) == (48.85, 2.35)


def test_stations_without_a_location_are_listed_but_not_mapped(client, bilingual_site):
    _index, district, sub, pages = small_tree(bilingual_site, communities=2)
    CommunityPage.objects.filter(pk=pages[1].pk).update(latitude=None, longitude=None)
    cards = soup_of(client.get(sub.url)).select(".station-card")
    assert [card.has_attr("data-lat") for card in cards] == [True, False]
    CommunityPage.objects.filter(pk=pages[0].pk).update(latitude=None, longitude=None)
    soup = soup_of(client.get(district.url))
    assert len(soup.select(".station-card")) == 2
    assert soup.select_one("#station-map, [data-map-offer]") is None
    assert soup.select_one('script[src$="notices/stations.js"]') is None


def test_leaflet_is_served_by_the_site_itself():
    from django.contrib.staticfiles import finders

    found = finders.find("leaflet/leaflet.js")
    assert found and "Leaflet" in open(found, encoding="utf-8").read(2000)


def test_markers_are_converted_to_gcj02_and_tiles_named_when_configured(
    client, bilingual_site, settings
):
    _index, district, _sub, _pages = small_tree(bilingual_site, communities=1)
    settings.PORTAL_MAP_COORDINATES = "gcj02"
    settings.PORTAL_MAP_TILE_URL = "https://tiles.example.cn/{z}/{x}/{y}.png"
    settings.PORTAL_MAP_TILE_ATTRIBUTION = "示例地图"
    soup = soup_of(client.get(district.url))
    card = soup.select_one(".station-card")
    expected = wgs84_to_gcj02(34.2641, 117.1841)
    assert float(card["data-lat"]) == pytest.approx(expected[0], abs=1e-6)
    assert float(card["data-lng"]) == pytest.approx(expected[1], abs=1e-6)
    box = soup.select_one("#station-map")
    assert box["data-tiles"] == "https://tiles.example.cn/{z}/{x}/{y}.png"
    assert box["data-attribution"] == "示例地图"
