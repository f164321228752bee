"""Site search over what the bureau publishes: notices, stations, list items."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from portal import search
from portal.models import SearchDocument
from tests.notices import event_builders, list_builders, station_builders

pytestmark = pytest.mark.django_db

TITLE = "早餐摊占道经营整治通知"


def results(client, query: str, language: str = "zh-hans", **params) -> list[str]:
    response = client.get(f"/{language}/search/", {"q": query, **params})
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".result__title")]


@pytest.fixture
def stations(bilingual_site):
    return event_builders.station_tree(bilingual_site.home_zh)


@pytest.mark.parametrize("query", [TITLE, "占道", "早餐摊", "整治通知", "占道经营"])
def test_every_example_of_the_issue_finds_the_notice(client, bilingual_site, query):
    index = event_builders.notice_index(bilingual_site.home_zh)
    event_builders.make_notice(index, TITLE, summary="请商户配合。")
    assert results(client, query) == [TITLE]


def test_a_draft_notice_and_a_planted_name_are_never_found(client, bilingual_site):
    index = event_builders.notice_index(bilingual_site.home_zh)
    notice = event_builders.make_notice(index, TITLE)
    notice.summary = "联系人张伟民"
    notice.save_revision()  # draft only
    assert results(client, "张伟民") == []
    assert results(client, "占道") == [TITLE]
    notice.unpublish()
    assert results(client, "占道") == []


def test_a_notice_for_one_community_is_found_with_that_community_only(
    client, bilingual_site, stations
):
    index = event_builders.notice_index(bilingual_site.home_zh)
    event_builders.make_notice(
        index, "民主社区停水通知", communities=[stations.community]
    )
    assert results(client, "停水", community=stations.community.pk) == [
        "民主社区停水通知"
    ]
    assert results(client, "停水", community=stations.neighbour.pk) == []


def test_stations_are_found_by_pinyin_and_initials(client, bilingual_site):
    station_builders.small_tree(bilingual_site, communities=3, photos=False)
    for query in ("huanghe", "hh", "黄河社区"):
        found = results(client, query, type="station")
        assert "黄河社区" in found, query
    assert results(client, "binhu", type="station")[0] == "滨湖社区"


def test_catalogue_items_are_found_one_by_one_at_their_permalink(
    client, bilingual_site
):
    list_builders.catalogue(bilingual_site.home_zh)
    response = client.get("/zh-hans/search/", {"q": "晾晒"})
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one(".result__title")
    assert link.text.strip() == "02 临时晾晒"
    assert link["href"] == "/zh-hans/lenient-catalogue/items/02/"
    assert results(client, "旧条目") == []  # repealed


def test_an_item_coming_into_force_tomorrow_is_found_only_from_tomorrow(
    client, bilingual_site
):
    tomorrow = datetime.date(2026, 11, 22)
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)):
        list_builders.catalogue(
            bilingual_site.home_zh,
            items=[
                list_builders.lenient_item("01", violation="店外经营"),
                list_builders.lenient_item(
                    "09", violation="夜间施工噪声", effective_from=tomorrow
                ),
            ],
        )
        assert results(client, "施工噪声") == []
    with time_machine.travel(datetime.datetime(2026, 11, 22, 1, tzinfo=datetime.UTC)):
        assert results(client, "施工噪声") == ["09 夜间施工噪声"]


def test_duty_items_are_found_and_the_index_follows_republication(
    client, bilingual_site
):
    page = list_builders.duty_list(bilingual_site.home_zh)
    item = page.items.first()
    assert results(client, item.title, type="duty")[0] == item.title
    count = SearchDocument.objects.filter(kind="duty").count()
    page.save_revision().publish()
    assert SearchDocument.objects.filter(kind="duty").count() == count


def test_a_station_is_found_by_its_phones_and_the_names_its_page_publishes(
    client, bilingual_site
):
    _, _, _, pages = station_builders.small_tree(bilingual_site, 1, photos=False)
    for query in ("职员0-0", "0516-83000000", "83000000", "0516 8300 0000"):
        assert results(client, query) == ["黄河社区"], query


def test_a_renamed_staff_member_is_found_by_the_new_name_only(client, bilingual_site):
    _, _, _, pages = station_builders.small_tree(bilingual_site, 1, photos=False)
    member = pages[0].staff_links.first().staff
    member.name = "赵文静"
    member.save()
    assert results(client, "赵文静") == ["黄河社区"]
    assert results(client, "职员0-0") == []


def test_a_renamed_bureau_leader_is_found_by_the_new_name_on_the_stations_he_leads(
    client, bilingual_site
):
    from notices.models import Staff
    from notices.stations.staff import StaffRole

    _, _, _, pages = station_builders.small_tree(bilingual_site, 1, photos=False)
    leader = Staff.objects.create(
        locale=bilingual_site.zh,
        name="钱局长",
        role=StaffRole.BUREAU_LEADER,
        work_phone="0516-83999999",
    )
    station = pages[0]
    station.bureau_leader = leader
    station.save_revision().publish()
    assert results(client, "钱局长") == ["黄河社区"]

    leader.name = "孙局长"
    leader.save()

    assert results(client, "孙局长") == ["黄河社区"]
    assert results(client, "钱局长") == []


def test_list_items_are_found_by_code_however_typed_with_a_clean_excerpt(
    client, bilingual_site
):
    list_builders.duty_list(bilingual_site.home_zh)
    for query in ("sr01", "SR 01", "sr-1"):
        response = client.get("/zh-hans/search/", {"q": query})
        soup = BeautifulSoup(response.content, "html.parser")
        assert [a.text.strip() for a in soup.select(".result__title")] == [
            "占道经营劝导"
        ], query
        # codes and categories find an item but are not its text
        assert "SR-01" not in soup.select_one(".result__snippet").text


def test_a_station_comes_first_for_its_address_over_an_event_held_there(
    client, bilingual_site
):
    with time_machine.travel(datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC)):
        # The station was published long before the event, as in a real city.
        _, _, _, pages = station_builders.small_tree(bilingual_site, 1, photos=False)
        station = pages[0]
        station.address = "示范市黄河区黄河路4号社区党群服务中心"
        station.save_revision().publish()
    index = event_builders.event_index(bilingual_site.home_zh)
    event_builders.make_event(index, title="城管开放日", address=station.address)

    _used, matches, _counts = search.find(search.parse("黄河路4号"), "zh-hans")
    kinds = [match.kind for match in matches]

    assert kinds[0] == "station"  # first in the single ranked list, too
    assert "event" in kinds
    assert results(client, "黄河路4号")[0] == "黄河社区"
