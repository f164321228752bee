"""A community's station page: its staff, the linked leader first, phones, rest stop,
today's status in Shanghai time, the English page, what editors may enter, the API."""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from notices.models import CommunityPage
from notices.stations.geo import in_china
from tests.conftest import translate
from tests.notices.station_builders import community, small_tree, staff

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


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
        (dt.datetime(2026, 11, 23, 9, 0), "正在接待"),  # Monday morning
        (dt.datetime(2026, 11, 23, 12, 30), "14:00"),  # lunch break
        (dt.datetime(2026, 11, 22, 10, 0), "今日不开放"),  # Sunday
        (dt.datetime(2026, 11, 23, 18, 0), "今天的接待时间已过"),  # Monday evening
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
