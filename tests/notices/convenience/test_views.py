"""The public convenience map: the districts, a district's map and list filtered
without JavaScript, each point's page, and the sitemap."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from notices.stations.community import CommunityPage
from tests.conftest import translate
from tests.notices.convenience.builders import ALL_DAY_SHIFT, point
from tests.notices.station_builders import translate_tree

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def district_url(cmap) -> str:
    return f"/zh-hans/convenience-map/{cmap.district.slug}/"


def listed(soup) -> list[str]:
    return [a.text.strip() for a in soup.select(".cv-points a")]


def drawn(soup) -> list[str]:
    return [a.find("title").text for a in soup.select("a.cv-map__point")]


@pytest.fixture
def points(cmap):
    return {
        "toilet": point(cmap.a, "toilet", "黄河路公厕", open_all_day=True),
        "rest": point(
            cmap.a,
            "rest_stop",
            "黄河社区城管驿站",
            hours=ALL_DAY_SHIFT,
            facilities=["water", "microwave"],
            accessibility=["step_free"],
        ),
        "parking": point(cmap.b, "bike_parking", "滨湖非机动车停放点"),
    }


def test_the_map_page_lists_each_district_with_what_it_has(client, cmap, points):
    soup = soup_of(client.get("/zh-hans/convenience-map/"))
    district = soup.select_one(".cv-districts li")
    assert district.a["href"] == district_url(cmap)
    text = district.get_text(" ", strip=True)
    assert "3 个点位" in text
    assert "公厕 1" in text and "非机动车停放点 1" in text


def test_a_district_map_draws_and_lists_every_point_with_a_legend(client, cmap, points):
    soup = soup_of(client.get(district_url(cmap)))
    assert sorted(listed(soup)) == sorted(
        ["黄河路公厕", "黄河社区城管驿站", "滨湖非机动车停放点"]
    )
    # Each symbol on the map links to the point's page and names its kind.
    assert "公厕：黄河路公厕" in drawn(soup)
    links = {a["href"] for a in soup.select("a.cv-map__point")}
    assert f"/zh-hans/convenience-map/point/{points['toilet'].pk}/" in links
    # Every category is a labelled checkbox: a real form control, no script needed.
    boxes = soup.select(".cv-filters input[type=checkbox][name=category]")
    assert len(boxes) == 7
    for box in boxes:
        assert soup.select_one(f"label[for={box['id']}]").get_text(strip=True)


def test_ticking_categories_filters_the_map_and_the_list(client, cmap, points):
    response = client.get(district_url(cmap), {"category": ["toilet", "bike_parking"]})
    soup = soup_of(response)
    assert sorted(listed(soup)) == ["滨湖非机动车停放点", "黄河路公厕"]
    assert len(drawn(soup)) == 2
    checked = {box["value"] for box in soup.select("input[name=category][checked]")}
    assert checked == {"toilet", "bike_parking"}
    assert "共 3 个点位，显示 2 个" in soup.get_text()


def test_an_unknown_category_from_an_old_link_is_ignored(client, cmap, points):
    soup = soup_of(client.get(district_url(cmap), {"category": "spaceport"}))
    assert len(listed(soup)) == 3


@pytest.mark.parametrize(
    "query", ["category=%00", "group=community&group=category", "group=" + "x" * 1200]
)
def test_a_malformed_parameter_is_a_translated_400(client, cmap, points, query):
    response = client.get(f"{district_url(cmap)}?{query}")
    assert response.status_code == 400


def test_the_list_can_be_grouped_by_kind_or_by_community(client, cmap, points):
    by_community = soup_of(client.get(district_url(cmap)))
    assert [h.text for h in by_community.select("section h3")] == [
        "黄河社区",
        "滨湖社区",
    ]
    by_kind = soup_of(client.get(district_url(cmap), {"group": "category"}))
    assert [h.text for h in by_kind.select("section h3")] == [
        "公厕",
        "城管驿站",
        "非机动车停放点",
    ]


def test_an_unknown_district_is_not_found(client, cmap, points):
    assert client.get("/zh-hans/convenience-map/atlantis/").status_code == 404


def test_a_point_page_says_what_when_where_and_who(client, cmap, points):
    rest = points["rest"]
    response = client.get(f"/zh-hans/convenience-map/point/{rest.pk}/")
    text = soup_of(response).get_text(" ", strip=True)
    assert "城管驿站" in text
    assert "正在开放" in text
    assert "00:00–23:59" in text
    assert "无障碍通道" in text  # accessibility
    assert "微波炉" in text and "饮用水" in text  # facilities
    assert "0516-83000000" in text  # the station's duty phone
    assert f"/zh-hans/convenience-map/{cmap.district.slug}/#point-{rest.pk}" in (
        response.content.decode()
    )


def test_a_point_open_day_and_night_says_so(client, cmap, points):
    response = client.get(f"/zh-hans/convenience-map/point/{points['toilet'].pk}/")
    assert "全天开放" in soup_of(response).get_text()


def test_a_point_of_an_unpublished_community_is_not_shown(client, cmap, points):
    CommunityPage.objects.get(pk=cmap.a.pk).unpublish()
    response = client.get(f"/zh-hans/convenience-map/point/{points['toilet'].pk}/")
    assert response.status_code == 404
    assert "黄河路公厕" not in listed(soup_of(client.get(district_url(cmap))))


@pytest.mark.parametrize("pk", ["99999999999999999999", "0", "²"])
def test_an_impossible_point_id_is_not_found(client, cmap, pk):
    assert client.get(f"/zh-hans/convenience-map/point/{pk}/").status_code == 404


def test_the_english_address_of_a_translated_point_is_its_translation(
    client, cmap, points
):
    site = cmap.site
    translate_tree(site, [cmap.directory, cmap.district, cmap.sub, cmap.a, cmap.b])
    translate(cmap.page, site.en, title="Convenience map")
    rest = points["rest"]
    english = rest.copy_for_translation(site.en)
    english.name = "Huanghe rest stop"
    english.save()
    response = client.get(f"/en/convenience-map/point/{rest.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/convenience-map/point/{english.pk}/"
    page = client.get(response["Location"])
    assert "Huanghe rest stop" in page.content.decode()


def test_the_sitemap_lists_the_district_maps_and_every_point(client, cmap, points):
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert any(
        url.endswith(f"/convenience-map/{cmap.district.slug}/") for url in locations
    )
    for item in points.values():
        assert any(
            url.endswith(f"/convenience-map/point/{item.pk}/") for url in locations
        )


def test_pages_show_no_personal_data_of_the_station_staff(client, cmap, points):
    # A station with a named member of staff: its own page names them, the page of
    # its rest stop shows the station's public phone and never the person.
    from tests.notices.station_builders import community, staff

    member = staff("S900", cmap.site.zh, name="职员甲乙", work_phone="13900009999")
    station = community(cmap.sub, "驿站社区", "yizhan", members=[member])
    assert "职员甲乙" in client.get(station.url).content.decode()
    rest = point(station, "rest_stop", "驿站社区爱心驿站")
    body = client.get(f"/zh-hans/convenience-map/point/{rest.pk}/").content.decode()
    assert "驿站社区爱心驿站" in body and "0516-83000000" in body
    assert "职员甲乙" not in body and "13900009999" not in body


def test_the_district_map_runs_a_fixed_number_of_queries(
    client, cmap, points, django_assert_max_num_queries
):
    for number in range(20):
        point(cmap.b, "recycling", f"回收点{number}")
    client.get(district_url(cmap))  # warm the site-wide lookups
    with django_assert_max_num_queries(40):
        response = client.get(district_url(cmap), {"category": "recycling"})
    assert len(listed(soup_of(response))) == 20


def test_time_of_day_changes_the_status_shown(client, cmap, time_machine):
    shift = [
        (
            "shift",
            {
                "days": ["1", "2", "3", "4", "5", "6", "7"],
                "opens": dt.time(6, 0),
                "closes": dt.time(9, 0),
            },
        )
    ]
    stall = point(cmap.a, "vending", "黄河早餐便民疏导点", hours=shift)
    time_machine.move_to(dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC))  # 7:30
    assert (
        "正在开放"
        in client.get(f"/zh-hans/convenience-map/point/{stall.pk}/").content.decode()
    )
    time_machine.move_to(dt.datetime(2026, 12, 8, 4, 0, tzinfo=dt.UTC))  # 12:00
    assert (
        "正在开放"
        not in client.get(
            f"/zh-hans/convenience-map/point/{stall.pk}/"
        ).content.decode()
    )
