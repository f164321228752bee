"""The station directory as residents use it: find a community by Chinese name, pinyin
or initials; see its staff, hours with today's status, phones; the map; the API."""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from notices.models import CommunityPage, Staff, SubdistrictPage
from notices.stations.hours import opening_status
from notices.stations.pages import (
    build_search_terms,
    in_china,
    pinyin_forms,
    wgs84_to_gcj02,
)
from portal.settings.base import tile_source
from tests.conftest import publish, translate
from tests.notices.station_builders import area, community, small_tree, staff

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def result_titles(client, query: str) -> list[str]:
    response = client.get("/zh-hans/stations/", {"q": query})
    return [a.text for a in soup_of(response).select(".station-results h3 a")]


# Search


def test_pinyin_forms_of_a_community_name():
    assert pinyin_forms("黄河社区") == ("huangheshequ", "hhsq")
    assert "hhjd" in build_search_terms("滨湖社区", "", "黄河街道")


@pytest.mark.parametrize("query", ["黄河", "huanghe", "hh", "HuangHe", "huang he"])
def test_a_resident_finds_huanghe_by_characters_pinyin_or_initials(
    client, bilingual_site, query
):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=1)
    community(sub, "民主社区", "minzhu")
    other = area(_district, SubdistrictPage, "彭城街道", "pengcheng")
    community(other, "光明社区", "guangming")
    titles = result_titles(client, query)
    assert titles[0] == "黄河社区"
    assert "光明社区" not in titles


def test_initials_find_only_matching_communities(client, bilingual_site):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=1)
    community(sub, "民主社区", "minzhu")
    assert result_titles(client, "mzsq") == ["民主社区"]


def test_a_street_name_finds_the_communities_of_that_subdistrict(
    client, bilingual_site
):
    _index, district, _sub, _pages = small_tree(bilingual_site, communities=2)
    other = area(district, SubdistrictPage, "淮海街道", "huaihai")
    community(other, "光明社区", "guangming")
    assert result_titles(client, "huaihai") == ["光明社区"]
    assert sorted(result_titles(client, "黄河街道")) == ["滨湖社区", "黄河社区"]


def test_renaming_a_subdistrict_updates_what_finds_its_communities(
    client, bilingual_site
):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=1)
    sub.title = "彭城街道"
    publish(sub)
    assert result_titles(client, "pcjd") == ["黄河社区"]
    assert result_titles(client, "黄河街道") == []


def test_search_shows_how_many_matched_and_where_they_are(client, bilingual_site):
    small_tree(bilingual_site, communities=2)
    soup = soup_of(client.get("/zh-hans/stations/", {"q": "sq"}))
    card = soup.select_one(".station-results .station-card")
    assert "黄河区" in card.select_one(".station-card__place").text
    assert "黄河街道" in card.select_one(".station-card__place").text
    assert "2" in soup.select_one("#results-title").text


def test_a_search_that_matches_nothing_says_so(client, bilingual_site):
    small_tree(bilingual_site, communities=1)
    soup = soup_of(client.get("/zh-hans/stations/", {"q": "zzzz"}))
    assert soup.select(".station-results .station-card") == []
    assert soup.select_one(".station-results p") is not None


# Browsing


def test_directory_lists_districts_and_subdistricts_with_station_counts(
    client, bilingual_site
):
    _index, district, _sub, _pages = small_tree(bilingual_site, communities=3)
    other = area(district, SubdistrictPage, "淮海街道", "huaihai")
    community(other, "光明社区", "guangming")
    soup = soup_of(client.get("/zh-hans/stations/"))
    section = soup.select_one(".station-district")
    assert "黄河区" in section.h3.text
    assert "4" in section.h3.select_one(".badge").text
    counts = {
        li.a.text: li.select_one(".station-areas__count").text
        for li in section.select(".station-areas li")
    }
    assert counts["黄河街道"].startswith("3")
    assert counts["淮海街道"].startswith("1")


def test_unpublished_communities_are_neither_counted_nor_found(client, bilingual_site):
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=2)
    pages[1].unpublish()
    soup = soup_of(client.get("/zh-hans/stations/"))
    assert soup.select_one(".station-district .badge").text.strip().startswith("1")
    assert result_titles(client, "滨湖") == []


def test_district_and_subdistrict_pages_list_their_stations(client, bilingual_site):
    _index, district, sub, _pages = small_tree(bilingual_site, communities=2)
    for page in (district, sub):
        soup = soup_of(client.get(page.url))
        names = [a.text for a in soup.select(".station-card__title a")]
        assert names == ["黄河社区", "滨湖社区"]


# The community page


def test_community_page_shows_staff_roles_and_work_phones(client, bilingual_site):
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=1)
    soup = soup_of(client.get(pages[0].url))
    cards = soup.select(".staff-card")
    assert [card.select_one(".staff-card__name").text for card in cards] == [
        "职员0-0",
        "职员0-1",
    ]
    assert cards[0].select_one(".staff-card__phone a")["href"] == "tel:051680000001"
    assert "执法队员" in cards[0].select_one(".staff-card__role").text
    assert cards[0].select_one("img")["alt"] == "职员0-0"
    # The next view (staff and their photos' markup remembered) shows the same photos,
    # WebP first with a JPEG fallback.
    again = soup_of(client.get(pages[0].url)).select(".staff-card")
    assert [card.select_one("img")["alt"] for card in again] == ["职员0-0", "职员0-1"]
    assert again[1].select_one("picture source")["type"] == "image/webp"
    assert again[1].select_one("img")["src"].endswith(".jpg")


def test_linked_bureau_leader_is_shown_first(client, bilingual_site):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=0)
    leader = staff("L1", bilingual_site.zh, name="李局长", role="bureau_leader")
    page = community(sub, "黄河社区", "huanghe", bureau_leader=leader)
    cards = soup_of(client.get(page.url)).select(".staff-card")
    assert cards[0].select_one(".staff-card__name").text == "李局长"
    assert "挂点领导" in cards[0].select_one(".staff-card__role").text


def test_staff_have_no_field_for_a_personal_mobile():
    names = {field.name for field in Staff._meta.get_fields()}
    assert not {name for name in names if "mobile" in name or "personal" in name}
    assert set(Staff(name="x", role="liaison").public_data()) == {
        "name",
        "role",
        "role_label",
        "unit",
        "work_phone",
        "duties",
        "photo",
    }


def test_community_page_shows_labelled_phones_and_rest_stop(client, bilingual_site):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=0)
    page = community(
        sub,
        "黄河社区",
        "huanghe",
        rest_stop_facilities=["water", "first_aid"],
        households_served=3200,
    )
    soup = soup_of(client.get(page.url))
    facts = soup.select_one(".community__contact").text
    assert "值班电话" in facts and "0516-83000000" in facts
    facilities = [li.text for li in soup.select(".community__facilities li")]
    assert facilities == ["饮用水", "急救箱"]
    assert "3200" in soup.select_one("#team-title").parent.text


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2026, 11, 23, 9, 0), "营业中"),  # Monday morning
        (dt.datetime(2026, 11, 23, 12, 30), "14:00"),  # lunch break
        (dt.datetime(2026, 11, 22, 10, 0), "今日不开放"),  # Sunday
    ],
)
def test_community_page_shows_todays_status_in_shanghai_time(
    client, bilingual_site, moment, expected
):
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=1)
    with time_machine.travel(moment.replace(tzinfo=SHANGHAI), tick=False):
        soup = soup_of(client.get(pages[0].url))
    assert expected in soup.select_one(".station-status").text


def test_a_dated_closure_overrides_the_weekly_hours(client, bilingual_site):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=0)
    page = community(
        sub,
        "黄河社区",
        "huanghe",
        hours_exceptions=[
            (
                "exception",
                {
                    "start_date": dt.date(2026, 10, 1),
                    "end_date": dt.date(2026, 10, 7),
                    "closed": True,
                    "note": "国庆节",
                },
            )
        ],
    )
    with time_machine.travel(dt.datetime(2026, 10, 2, 10, 0, tzinfo=SHANGHAI)):
        status = soup_of(client.get(page.url)).select_one(".station-status").text
    assert "今日不开放" in status and "国庆节" in status


@pytest.mark.parametrize(
    ("moment", "change"),
    [
        (dt.datetime(2026, 11, 23, 10, 0), dt.datetime(2026, 11, 23, 12, 0)),
        (dt.datetime(2026, 11, 23, 11, 55), dt.datetime(2026, 11, 23, 12, 0)),
        (dt.datetime(2026, 11, 22, 23, 55), dt.datetime(2026, 11, 23, 0, 0)),
    ],
    ids=["two hours before closing", "closes at 12:00", "a new day at midnight"],
)
def test_a_cached_page_never_outlives_the_status_it_shows(
    client, bilingual_site, settings, moment, change
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    _index, _district, sub, pages = small_tree(bilingual_site, communities=1)
    for url in (pages[0].url, sub.url):
        with time_machine.travel(moment.replace(tzinfo=SHANGHAI), tick=False):
            client.get(url)  # makes photo renditions, which starts a new generation
            before = client.get(url)
            assert client.get(url).get("X-Portal-Cache") == "hit", url
        after_change = change + dt.timedelta(seconds=1)
        with time_machine.travel(after_change.replace(tzinfo=SHANGHAI), tick=False):
            after = client.get(url)
        assert after.get("X-Portal-Cache") == "miss", url
        status = soup_of(after).select_one(".station-status").text
        assert status != soup_of(before).select_one(".station-status").text, url


def test_a_page_seconds_before_a_change_is_not_cached(client, bilingual_site, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=1)
    moment = dt.datetime(2026, 11, 23, 11, 59, 58, tzinfo=SHANGHAI)  # closes at 12:00
    with time_machine.travel(moment, tick=False):
        client.get(pages[0].url)
        client.get(pages[0].url)
        assert "X-Portal-Cache" not in client.get(pages[0].url)


def test_opening_status_uses_shanghai_time_whatever_the_server_clock():
    page = CommunityPage(
        office_hours=[
            (
                "shift",
                {"days": ["1"], "opens": dt.time(8, 30), "closes": dt.time(12, 0)},
            ),
            (
                "shift",
                {"days": ["1"], "opens": dt.time(14, 0), "closes": dt.time(17, 30)},
            ),
        ]
    )
    utc = dt.UTC
    # 01:00 UTC on a Monday is 09:00 in Shanghai: open until 12:00.
    status = opening_status(
        page.office_hours, [], dt.datetime(2026, 11, 23, 1, 0, tzinfo=utc)
    )
    assert status.is_open and status.closes_at == dt.time(12, 0)
    # 04:30 UTC is 12:30 in Shanghai: closed, opens again at 14:00.
    status = opening_status(
        page.office_hours, [], dt.datetime(2026, 11, 23, 4, 30, tzinfo=utc)
    )
    assert not status.is_open and status.opens_at == dt.time(14, 0)
    # 17:30 sharp is closed.
    status = opening_status(
        page.office_hours, [], dt.datetime(2026, 11, 23, 9, 30, tzinfo=utc)
    )
    assert not status.is_open and status.closed_all_day is False


def test_english_page_shows_translated_staff_and_reports_to_the_chinese_id(
    client, bilingual_site
):
    index, district, sub, pages = small_tree(bilingual_site, communities=1)
    member = pages[0].staff_links.first().staff
    english_member = member.copy_for_translation(bilingual_site.en)
    english_member.name = "Zhang Wei"
    english_member.save()
    translate(index, bilingual_site.en, title="Find my station")
    english = translate(pages[0], bilingual_site.en, title="Huanghe Community")
    chinese = soup_of(client.get(pages[0].url))  # its links worked out and remembered
    three_lists = f"/communities/{pages[0].pk}/lists/"
    assert chinese.find("a", href="/zh-hans" + three_lists) is not None
    soup = soup_of(client.get(english.url))
    # The English page links to the English versions, by the Chinese page's id.
    assert soup.find("a", href="/en" + three_lists) is not None
    assert soup.find("a", href=f"/en/report/community/{pages[0].pk}/") is not None
    names = [n.text for n in soup.select(".staff-card__name")]
    assert names[0] == "Zhang Wei"
    assert soup.select_one(".staff-card img")["alt"] == "Zhang Wei"
    report = soup.select_one(".community__contact a.button")["href"]
    assert report == f"/en/report/?community={pages[0].pk}"
    assert english.report_community_id == pages[0].pk


# Validation of what editors enter


def test_coordinates_outside_china_are_refused_with_a_hint():
    page = CommunityPage(
        title="x", slug="x", latitude=Decimal("117.18"), longitude=Decimal("34.26")
    )
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert "latitude" in caught.value.message_dict
    assert not in_china(Decimal("117.18"), Decimal("34.26"))
    assert in_china(Decimal("34.26"), Decimal("117.18"))


def test_latitude_without_longitude_is_refused():
    page = CommunityPage(title="x", slug="x", latitude=Decimal("34.26"))
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert "longitude" in caught.value.message_dict


def test_gcj02_conversion_shifts_chinese_points_by_hundreds_of_metres_only():
    lat, lng = wgs84_to_gcj02(34.2641, 117.1841)
    metres_north = (lat - 34.2641) * 111_000
    metres_east = (lng - 117.1841) * 111_000 * 0.83
    assert 100 < (metres_north**2 + metres_east**2) ** 0.5 < 1000
    assert wgs84_to_gcj02(48.85, 2.35) == (48.85, 2.35)


# Map, settings and API


def test_map_page_sends_the_resident_to_one_district_or_subdistrict_at_a_time(
    client, bilingual_site
):
    _index, district, sub, _pages = small_tree(bilingual_site, communities=2)
    soup = soup_of(client.get("/zh-hans/stations/map/"))
    links = {a.text: a["href"] for a in soup.select(".station-district a")}
    assert links == {
        "黄河区": district.url + "#station-map",
        "黄河街道": sub.url + "#station-map",
    }
    assert "2" in soup.select_one(".station-district .badge").text
    # A city's 600 stations are not listed here, nor is Leaflet loaded.
    assert soup.select(".station-card") == []
    # The directory lists the same tree (written once for each page and remembered)
    # with plain links, under its own heading level.
    directory = soup_of(client.get("/zh-hans/stations/"))
    assert [a["href"] for a in directory.select(".station-district a")] == [
        district.url,
        sub.url,
    ]
    assert directory.select_one(".station-district h3") is not None
    again = soup_of(client.get("/zh-hans/stations/map/"))
    assert again.select_one(".station-district h2 a")["href"].endswith("#station-map")
    assert soup.select_one('script[src*="leaflet"], link[href*="leaflet"]') is None


@pytest.mark.parametrize("level", ["district", "subdistrict"])
def test_district_and_subdistrict_pages_carry_their_stations_map(
    client, bilingual_site, level
):
    _index, district, sub, pages = small_tree(bilingual_site, communities=2)
    soup = soup_of(client.get((district if level == "district" else sub).url))
    cards = soup.select(".station-card")
    assert [card.select_one("a").text for card in cards] == ["黄河社区", "滨湖社区"]
    # The markers' places travel with the list: no second request for them.
    assert float(cards[0]["data-lat"]) == pytest.approx(34.2641)
    assert float(cards[0]["data-lng"]) == pytest.approx(117.1841)
    # Leaflet comes only when the resident asks for the map; the offer is shown by
    # the page's script, which is the site's own.
    box = soup.select_one("#station-map")
    assert box.has_attr("hidden") and box["data-tiles"] == ""
    assert box["data-leaflet-js"].endswith("leaflet.js")
    assert soup.select_one("[data-map-offer]").has_attr("hidden")
    assert soup.select_one('script[src*="leaflet"], link[href*="leaflet"]') is None
    assert soup.select_one('script[src$="notices/stations.js"]') is not None


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


def test_map_without_tiles_allows_no_outside_image_host(client, bilingual_site):
    small_tree(bilingual_site, communities=1)
    policy = client.get("/zh-hans/stations/map/")["Content-Security-Policy"]
    img = next(part for part in policy.split("; ") if part.startswith("img-src"))
    assert img.split()[1:] == ["'self'", "data:"]


def test_a_configured_tile_host_becomes_an_image_source():
    assert (
        tile_source("https://{s}.tiles.example.cn/{z}/{x}/{y}.png")
        == "https://*.tiles.example.cn"
    )
    assert tile_source("") == ""
    assert tile_source("javascript:alert(1)") == ""


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


def test_api_publishes_station_fields_and_public_staff_only(client, bilingual_site):
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=1)
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "notices.CommunityPage",
            "fields": "station_name,address,latitude,office_hours,service_phones,"
            "public_staff,report_community_id,team_model",
        },
    )
    item = json.loads(response.content)["items"][0]
    assert item["station_name"] == "黄河社区城管工作站"
    assert item["report_community_id"] == pages[0].pk
    assert item["service_phones"][0]["value"]["number"] == "0516-83000000"
    member = item["public_staff"][0]
    assert member["name"] == "职员0-0" and member["work_phone"] == "0516-80000001"
    assert set(member) == {
        "name",
        "role",
        "role_label",
        "unit",
        "work_phone",
        "duties",
        "photo",
        "mode",
        "days",
        "is_leader",
    }
