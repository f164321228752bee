"""Who is on duty today (notices/stations/duty_today.py), as the station page shows it:
the staff whose roster days include today on a working day, nobody on a rest day or
a dated closure (with the next opening), and a plain word when there is no roster."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from notices.models import CommunityStaff
from tests.notices.station_builders import community, small_tree, staff

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
SUNDAY = dt.datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI)


def station(site, **fields):
    """黄河社区 with three staff: one in on weekdays, one on Tuesdays and Thursdays,
    one without days in the roster."""
    _index, _district, sub, _pages = small_tree(site, communities=0)
    page = community(sub, "黄河社区", "huanghe", **fields)
    roster = [
        ("S1", "王队员", "law_enforcement", [1, 2, 3, 4, 5]),
        ("S2", "赵网格员", "grid_worker", [2, 4]),
        ("S3", "钱环卫", "sanitation", []),
    ]
    page.staff_links = [
        CommunityStaff(
            staff=staff(code, site.zh, name=name, role=role, work_phone="0516-8000001"),
            mode="rotating",
            days=days,
        )
        for code, name, role, days in roster
    ]
    page.save_revision().publish()
    return page


def on_duty(client, page, moment) -> BeautifulSoup:
    with time_machine.travel(moment, tick=False):
        response = client.get(page.url)
    return BeautifulSoup(response.content, "html.parser").select_one(".duty-today")


def test_a_working_day_names_the_staff_rostered_that_day(client, bilingual_site):
    page = station(bilingual_site)
    block = on_duty(client, page, MONDAY)
    assert block.h2.text.split()[0] == "今天值班"
    assert "2026-11-23 星期一" in block.h2.text
    assert "08:30–12:00、14:00–17:30" in block.select_one(".duty-today__hours").text
    people = [li.select_one(".duty-today__name").text for li in block.select("li")]
    assert people == ["王队员"]  # 赵网格员 comes on Tuesdays and Thursdays
    assert block.select_one("li a")["href"] == "tel:05168000001"
    tuesday = on_duty(client, page, MONDAY + dt.timedelta(days=1))
    names = [li.select_one(".duty-today__name").text for li in tuesday.select("li")]
    assert names == ["王队员", "赵网格员"]


def test_a_rest_day_says_nobody_is_on_duty_and_when_it_opens(client, bilingual_site):
    page = station(bilingual_site)
    block = on_duty(client, page, SUNDAY)
    assert block.select("li") == []
    assert "今天工作站不开放，没有人值班。" in block.text
    assert "下次开放：2026-11-23（星期一）08:30。" in block.text


def test_the_next_opening_skips_a_public_holiday(client, bilingual_site):
    from portal.models import DayKind, Holiday

    Holiday.objects.create(
        date=dt.date(2026, 11, 23), name="演示假日", kind=DayKind.HOLIDAY
    )
    block = on_duty(client, station(bilingual_site), SUNDAY)
    assert "下次开放：2026-11-24（星期二）08:30。" in block.text


def test_a_dated_closure_on_a_weekday_is_a_rest_day_with_its_reason(
    client, bilingual_site
):
    closure = {
        "start_date": dt.date(2026, 11, 23),
        "closed": True,
        "note": "设备检修",
    }
    page = station(bilingual_site, hours_exceptions=[("exception", closure)])
    block = on_duty(client, page, MONDAY)
    assert block.select("li") == []
    assert "没有人值班" in block.text and "设备检修" in block.text
    assert "2026-11-24（星期二）" in block.text


def test_an_open_day_with_nobody_rostered_says_so(client, bilingual_site):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=0)
    page = community(sub, "黄河社区", "huanghe")
    page.staff_links = [
        CommunityStaff(staff=staff("S1", bilingual_site.zh), mode="patrol", days=[6])
    ]
    page.save_revision().publish()
    block = on_duty(client, page, MONDAY)
    assert block.select("li") == []
    assert "今天没有排班人员在站" in block.text


def test_without_a_roster_the_page_says_none_is_published(client, bilingual_site):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=0)
    leader = staff("L1", bilingual_site.zh, name="李局长", role="bureau_leader")
    page = community(sub, "黄河社区", "huanghe", bureau_leader=leader)
    block = on_duty(client, page, MONDAY)
    assert block.select("li") == []  # the linked leader is not on a roster
    assert "工作站还没有公布人员在站的日子。" in block.text


def test_the_english_page_says_it_in_english(client, bilingual_site):
    from tests.conftest import translate

    index, district, sub, pages = small_tree(bilingual_site, communities=1)
    for parent in (index, district, sub):
        translate(parent, bilingual_site.en, title=f"EN {parent.title}")
    english = translate(pages[0], bilingual_site.en, title="Huanghe Community")
    block = on_duty(client, english, SUNDAY)
    assert block.h2.text.startswith("On duty today")
    assert "The station is closed today: no one is on duty." in block.text
    assert "It opens again on Monday 2026-11-23 at 08:30." in block.text
