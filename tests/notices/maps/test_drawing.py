"""The base map drawn on the server (notices/maps/drawing.py and
notices/includes/area_map.html): a district's page shows its communities' boundaries
labelled with links, its stations as dots, and the list of the same places."""

import json

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from notices.maps.boundaries import AreaBoundary
from notices.maps.drawing import area_map
from tests.notices.map_builders import mapped_tree

pytestmark = pytest.mark.django_db


def drawn_map(client, url: str):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup, soup.select_one("figure[data-area-map] svg")


def test_a_district_page_draws_its_communities_labelled_with_their_stations(
    client, bilingual_site
):
    _index, district, _sub, pages = mapped_tree(bilingual_site)
    soup, svg = drawn_map(client, district.url)
    title = svg.select_one("title")
    assert title.text == "娄星区地图"
    assert svg["aria-labelledby"] == title["id"]
    labels = {a.text: a["href"] for a in svg.select(".area-map__labels a")}
    assert labels == {name: page.url for name, page in pages.items()}
    assert len(svg.select(".area-map__areas path")) == 4
    assert len(svg.select(".area-map__outlines path")) == 1  # the subdistrict
    stations = svg.select("circle.area-map__point--station")
    assert {c.select_one("title").text for c in stations} == {
        f"{name}城管工作站" for name in pages
    }
    # The same places as a list, which the caption links to.
    link = soup.select_one("figure[data-area-map] figcaption a")["href"]
    listed = soup.select_one(link).select(".station-card__title a")
    assert {a.text for a in listed} == set(pages)


def test_the_map_is_north_up_and_in_proportion(bilingual_site):
    _index, district, _sub, pages = mapped_tree(bilingual_site)
    drawn = area_map(district)
    places = {area["title"]: (area["x"], area["y"]) for area in drawn["areas"]}
    assert places["和平社区"][1] < places["幸福社区"][1]  # north is up
    assert places["光明社区"][0] > places["幸福社区"][0]  # east is right
    # Four squares of 0.01°: about as tall as wide (a degree east is shorter).
    assert 0.85 < (drawn["height"] - 16) / (drawn["width"] - 16) / 1.13 < 1.15


def test_an_area_without_boundaries_draws_no_map(client, bilingual_site):
    _index, district, _sub, _pages = mapped_tree(bilingual_site, boundaries=False)
    _soup, svg = drawn_map(client, district.url)
    assert svg is None
    assert area_map(district) == {}


def test_the_map_chooser_draws_the_districts(client, bilingual_site):
    index, district, _sub, _pages = mapped_tree(bilingual_site)
    _soup, svg = drawn_map(client, index.url + "map/")
    labels = [(a.text, a["href"]) for a in svg.select(".area-map__labels a")]
    assert labels == [("娄星区", district.url)]
    assert not svg.select("circle")


def test_other_points_can_be_drawn_and_those_outside_are_left_out(bilingual_site):
    _index, _district, sub, _pages = mapped_tree(bilingual_site)
    points = [
        {
            "lat": 27.705,
            "lng": 112.005,
            "label": "公厕",
            "url": "/t/",
            "kind": "wc",
        },
        {"lat": 27.9, "lng": 112.3, "label": "远处", "kind": "wc"},
    ]
    markup = render_to_string(
        "notices/includes/area_map.html", {"area_map": area_map(sub, points)}
    )
    svg = BeautifulSoup(markup, "html.parser").select_one("svg")
    (circle,) = svg.select("circle")
    assert "area-map__point--wc" in circle["class"]
    assert circle.select_one("title").text == "公厕"
    assert circle.parent["href"] == "/t/"


def test_the_english_page_draws_the_same_boundaries_in_english(client, bilingual_site):
    from tests.conftest import translate

    index, district, sub, pages = mapped_tree(bilingual_site)
    translate(index, bilingual_site.en, title="Find my station")
    english = translate(district, bilingual_site.en, title="Louxing District")
    translate(sub, bilingual_site.en, title="Leping Subdistrict")
    translate(pages["幸福社区"], bilingual_site.en, title="Xingfu Community")
    _soup, svg = drawn_map(client, english.url)
    assert svg.select_one("title").text == "Map of Louxing District"
    assert [a.text for a in svg.select(".area-map__labels a")] == ["Xingfu Community"]
    assert AreaBoundary.objects.count() == 6  # one per area, whatever the languages


def test_with_tiles_leaflet_gets_the_same_boundaries_in_the_tiles_coordinates(
    settings, bilingual_site
):
    settings.PORTAL_MAP_TILE_URL = "https://tiles.example.cn/{z}/{x}/{y}.png"
    settings.PORTAL_MAP_COORDINATES = "gcj02"
    _index, district, _sub, _pages = mapped_tree(bilingual_site)
    markup = render_to_string(
        "notices/includes/area_map.html", {"area_map": area_map(district, [])}
    )
    soup = BeautifulSoup(markup, "html.parser")
    figure = soup.select_one("figure[data-area-map]")
    assert figure["data-tiles"] == settings.PORTAL_MAP_TILE_URL
    data = json.loads(soup.select_one(f"#{figure['data-geojson']}").string)
    titles = [feature["properties"]["title"] for feature in data["features"]]
    assert sorted(titles) == sorted(["幸福社区", "光明社区", "和平社区", "朝阳社区"])
    west, south = data["features"][0]["geometry"]["coordinates"][0][0]
    # GCJ-02 sits a few hundred metres off WGS-84 here: not the stored corner.
    assert (west, south) != (112.0, 27.7)
    assert abs(west - 112.0) < 0.01 and abs(south - 27.7) < 0.01


def test_without_tiles_the_page_carries_no_copy_for_leaflet(bilingual_site):
    _index, district, _sub, _pages = mapped_tree(bilingual_site)
    drawn = area_map(district, [])
    assert "geojson" not in drawn and "tiles" not in drawn
