"""The duty list (notices/lists/duties.py): items found by code with their promised
deadlines, in force by the local date, bad rows refused, and its English page."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from notices.lists.duties import DutyItem, DutyListPage
from notices.lists.promises import PromisedTime
from tests.conftest import publish
from tests.notices.list_builders import codes_on, duty_item, duty_list

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_current_items_are_found_by_code_with_their_promised_deadlines(
    bilingual_site,
):
    duty_list(bilingual_site.home_zh)
    with translation.override("zh-hans"):
        item = DutyItem.objects.current().by_code("EH-01")
    assert item.title == "楼道堆物清理"
    friday_evening = datetime(2026, 3, 13, 18, 0, tzinfo=SHANGHAI)
    assert item.promised_response.deadline(friday_evening) == datetime(
        2026, 3, 16, 23, 59, 59, 999999, tzinfo=SHANGHAI
    )
    assert item.promised_completion.deadline(friday_evening).date() == date(2026, 3, 18)
    immediate = DutyItem.objects.current(locale=bilingual_site.zh).by_code("SR-01")
    assert immediate.promised_response.deadline(friday_evening) == datetime(
        2026, 3, 13, 18, 30, tzinfo=SHANGHAI
    )
    assert immediate.promised_completion == PromisedTime(None, "same_day")
    assert immediate.promised_completion.deadline(friday_evening).date() == date(
        2026, 3, 13
    )
    assert DutyItem.objects.current(locale=bilingual_site.en).count() == 0


def test_an_item_scheduled_for_tomorrow_is_absent_today_and_present_tomorrow(
    client, bilingual_site
):
    duty_list(
        bilingual_site.home_zh,
        items=[
            duty_item("SR-01"),
            duty_item("SR-02", title="新增事项", effective_from=date(2026, 3, 11)),
        ],
    )
    # 23:50 in Shanghai on 10 March; 00:10 on 11 March is still 10 March in UTC.
    with time_machine.travel(datetime(2026, 3, 10, 23, 50, tzinfo=SHANGHAI)):
        response = client.get("/zh-hans/duties/")
        assert codes_on(response) == ["SR-01"]
        assert "max-age" in response["Cache-Control"]
        assert int(response["Cache-Control"].split("max-age=")[1]) <= 600
        assert (
            DutyItem.objects.current(locale=bilingual_site.zh).by_code("SR-02") is None
        )
    with time_machine.travel(datetime(2026, 3, 11, 0, 10, tzinfo=SHANGHAI)):
        assert codes_on(client.get("/zh-hans/duties/")) == ["SR-01", "SR-02"]
        assert DutyItem.objects.current(locale=bilingual_site.zh).by_code("SR-02")


def test_a_page_with_bad_rows_cannot_be_saved(bilingual_site):
    page = DutyListPage(title="职责清单", slug="duties")
    page.items = [duty_item("X-1", "UNKNOWN")]
    with pytest.raises(ValidationError):
        page.full_clean()


def test_the_english_list_is_served_under_its_language(client, bilingual_site):
    page = duty_list(bilingual_site.home_zh)
    english = page.copy_for_translation(bilingual_site.en)
    english.title = "Duty list"
    english.save()
    publish(english)
    response = client.get("/en/duties/")
    assert response.status_code == 200
    assert codes_on(response) == ["SR-01", "EH-01"]
