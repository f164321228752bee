"""The duty list: stable codes and promised times, dates, filters, downloads, versions,
import, and the community parts of the station page."""

import csv
import io
import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from notices.lists.duties import CommunityDutyItem, DutyItem, DutyListPage
from notices.lists.duty_rows import validate_duty_list
from notices.lists.importing import import_list
from notices.lists.promises import PromisedTime
from notices.lists.shared import limit_cache_to_today
from notices.lists.versions import ListVersion
from portal.models import Holiday
from tests.conftest import publish
from tests.factories import UserFactory
from tests.notices.list_builders import duty_item, duty_list, workbook

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def codes_on(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [row["id"].removeprefix("item-") for row in soup.select("tr.list-row")]


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


def test_promised_times_read_naturally_in_both_languages():
    with translation.override("en"):
        assert str(PromisedTime(30, "minutes")) == "within 30 minutes"
        assert str(PromisedTime(3, "working_days")) == "within 3 working days"
        assert str(PromisedTime(None, "same_day")) == "the same day"
    with translation.override("zh-hans"):
        assert str(PromisedTime(30, "minutes")) == "30分钟内"
        assert str(PromisedTime(3, "working_days")) == "3个工作日内"
        assert str(PromisedTime(None, "same_day")) == "当天"


def test_promised_working_days_skip_the_holidays_editors_enter():
    friday = datetime(2026, 3, 6, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    promise = PromisedTime(1, "working_days")
    assert promise.deadline(friday).date() == date(2026, 3, 9)
    Holiday.objects.create(date=date(2026, 3, 9), name="示例假日")
    assert promise.deadline(friday).date() == date(2026, 3, 10)


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


def test_no_cache_may_keep_a_list_past_local_midnight():
    from django.http import HttpResponse

    with time_machine.travel(datetime(2026, 3, 10, 23, 59, 30, tzinfo=SHANGHAI)):
        response = limit_cache_to_today(HttpResponse())
    assert response["Cache-Control"] == "max-age=30"


def test_filter_by_category_and_search(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    assert codes_on(client.get("/zh-hans/duties/?category=EH")) == ["EH-01"]
    assert codes_on(client.get("/zh-hans/duties/?q=占道")) == ["SR-01"]
    assert codes_on(client.get("/zh-hans/duties/?q=nothing-like-this")) == []


def test_invalid_filters_are_named_and_never_fail_the_page(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    response = client.get("/zh-hans/duties/?category=NOPE&status=whatever&q=占道")
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".error-summary").text
    assert "NOPE" in summary and "whatever" in summary
    assert codes_on(response) == ["SR-01"]  # the valid search still applies
    download = client.get("/zh-hans/duties/download/csv/?category=NOPE")
    assert download.status_code == 400


def test_downloads_hold_exactly_what_the_page_shows(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    query = "?category=SR"
    shown = codes_on(client.get(f"/zh-hans/duties/{query}"))
    assert shown == ["SR-01"]
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/zh-hans/duties/download/csv/{query}").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert csv_rows[0][:3] == ["编码", "分类", "标题"]
    assert [row[0] for row in csv_rows[1:]] == shown
    assert csv_rows[1][5] == "30分钟内"
    sheet = load_workbook(
        io.BytesIO(client.get(f"/zh-hans/duties/download/xlsx/{query}").content)
    ).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == shown
    data = json.loads(client.get(f"/zh-hans/duties/download/json/{query}").content)
    assert [item["code"] for item in data["items"]] == shown
    assert data["filters"] == {"category": "SR"} and data["count"] == 1


def test_each_item_has_a_permalink(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    soup = BeautifulSoup(client.get("/zh-hans/duties/").content, "html.parser")
    link = soup.select_one("#item-EH-01 a")["href"]
    assert link == "/zh-hans/duties/items/EH-01/"
    page = BeautifulSoup(client.get(link).content, "html.parser")
    assert "楼道堆物清理" in page.h1.text
    assert "3个工作日内" in page.select_one(".item-facts").text
    assert client.get("/zh-hans/duties/items/NOPE-1/").status_code == 404


def test_print_view_has_the_list_without_the_filters(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    soup = BeautifulSoup(
        client.get("/zh-hans/duties/print/?category=EH").content, "html.parser"
    )
    assert soup.select_one("body.list-print")
    assert soup.select_one("form.list-filters") is None
    assert [row["id"] for row in soup.select("tr.list-row")] == ["item-EH-01"]


def test_bad_duty_lists_are_rejected_with_clear_errors():
    errors = validate_duty_list(
        [{"code": "SR", "name": "市容秩序"}],
        [
            {
                "code": "A-1",
                "category": "SR",
                "title": "t",
                "handling_class": "immediate",
                "department": "d",
            },
            {
                "code": "A-1",
                "category": "XX",
                "title": "t",
                "handling_class": "immediate",
                "department": "d",
                "effective_from": date(2026, 5, 1),
                "valid_until": date(2026, 4, 1),
            },
        ],
    )
    problems = {(error.row, error.field) for error in errors}
    assert problems == {(2, "code"), (2, "category"), (2, "valid_until")}
    assert any("XX" in error.message for error in errors)


def test_a_page_with_bad_rows_cannot_be_saved(bilingual_site):
    page = DutyListPage(title="职责清单", slug="duties")
    page.items = [duty_item("X-1", "UNKNOWN")]
    with pytest.raises(ValidationError):
        page.full_clean()


def test_every_publication_is_kept_and_the_changes_page_compares_any_two(
    client, bilingual_site
):
    page = duty_list(bilingual_site.home_zh)
    draft = page.get_latest_revision_as_object()
    items = list(draft.items.all())
    items[0].completion_amount, items[0].completion_unit = 2, "hours"
    draft.items = [*items, duty_item("SR-09", title="新事项")]
    draft.save_revision().publish()
    assert list(
        ListVersion.objects.filter(page=page).values_list("number", flat=True)
    ) == [1, 2]
    soup = BeautifulSoup(
        client.get("/zh-hans/duties/changes/?old=1&new=2").content, "html.parser"
    )
    items_section = soup.select_one("#diff-items").parent
    assert "SR-09" in items_section.select_one(".diff-list--added").text
    changed = items_section.select_one(".diff-table").text
    assert "当天" not in changed or "小时" in changed
    assert client.get("/zh-hans/duties/changes/?old=1&new=9").status_code == 400
    assert client.get("/zh-hans/duties/changes/?old=2&new=2").status_code == 400


ITEM_HEADERS = [
    "编码",
    "分类编码",
    "标题",
    "办理方式",
    "责任部门",
    "响应时限",
    "响应时间单位",
]


def duty_workbook(items: list[list]) -> bytes:
    return workbook(
        {
            "职责分类": [["编码", "分类名称"], ["SR", "市容秩序"], ["EH", "环境卫生"]],
            "职责事项": [ITEM_HEADERS, *items],
        }
    )


def on_row(messages: list[str], row: int, text: str) -> bool:
    return any(re.search(rf"第\s*{row}\s*行", m) and text in m for m in messages)


def test_import_checks_every_row_and_writes_nothing_when_one_is_wrong(
    bilingual_site,
):
    page = duty_list(bilingual_site.home_zh)
    data = duty_workbook(
        [
            ["SR-01", "SR", "占道经营劝导", "立即办", "执法中队", 30, "分钟"],
            ["SR-02", "ZZ", "店外经营", "立即办", "执法中队", 30, "分钟"],
            ["SR-02", "SR", "重复编码", "马上办", "执法中队", "三十", "分钟"],
        ]
    )
    revisions = page.revisions.count()
    with translation.override("zh-hans"):
        result = import_list(page, data, dry_run=False)
        messages = [str(error) for error in result.errors]
    assert not result.ok
    assert on_row(messages, 3, "ZZ")  # unknown category, named in Chinese
    assert on_row(messages, 4, "马上办")  # not a handling class
    assert on_row(messages, 4, "三十")  # not a number
    assert page.revisions.count() == revisions
    assert DutyItem.objects.filter(page=page).count() == 2


def test_import_dry_run_reports_and_a_real_run_publishes_keeping_identities(
    bilingual_site,
):
    page = duty_list(bilingual_site.home_zh)
    before = DutyItem.objects.get(page=page, code="SR-01").translation_key
    data = duty_workbook(
        [
            ["SR-01", "SR", "占道经营劝导", "立即办", "执法中队", 20, "分钟"],
            ["EH-02", "EH", "垃圾清运", "协调办", "环卫所", 2, "小时"],
        ]
    )
    dry = import_list(page, data, dry_run=True)
    assert dry.ok and dry.revision is None
    assert DutyItem.objects.filter(page=page, code="EH-02").count() == 0
    result = import_list(page, data, dry_run=False, publish=True)
    assert result.ok and result.published
    codes = list(
        DutyItem.objects.filter(page=page)
        .order_by("sort_order")
        .values_list("code", flat=True)
    )
    assert codes == ["SR-01", "EH-02"]
    assert DutyItem.objects.get(page=page, code="SR-01").translation_key == before
    assert DutyItem.objects.get(page=page, code="SR-01").response_amount == 20


def test_demo_duty_list_has_eight_categories_and_26_items_in_both_languages():
    from home import demo
    from notices.demo import duties as demo_duties

    demo.load(print)
    demo_duties.load(print)
    demo_duties.load(print)
    for language in ("zh-hans", "en"):
        page = DutyListPage.objects.get(locale__language_code=language)
        assert page.live and page.show_in_menus
        assert page.categories.count() == 8 and page.items.count() == 26
    zh = DutyItem.objects.get(page__locale__language_code="zh-hans", code="SF-01")
    en = DutyItem.objects.get(page__locale__language_code="en", code="SF-01")
    assert zh.translation_key == en.translation_key and zh.title != en.title
    home = demo.home_pages()[1]
    links = [block for block in home.body.raw_data if block["type"] == "quick_links"]
    urls = [item["value"]["url"] for item in links[0]["value"]]
    assert urls.count("/duties/") == 1


def test_the_english_list_is_served_under_its_language(client, bilingual_site):
    page = duty_list(bilingual_site.home_zh)
    english = page.copy_for_translation(bilingual_site.en)
    english.title = "Duty list"
    english.save()
    publish(english)
    response = client.get("/en/duties/")
    assert response.status_code == 200
    assert codes_on(response) == ["SR-01", "EH-01"]


def community(bilingual_site):
    from notices.stations.community import CommunityPage
    from notices.stations.pages import DistrictPage, StationIndexPage, SubdistrictPage

    parent = bilingual_site.home_zh
    for model, slug in (
        (StationIndexPage, "stations"),
        (DistrictPage, "gulou"),
        (SubdistrictPage, "jiefang"),
        (CommunityPage, "heping"),
    ):
        page = model(title=f"{slug}社区" if model is CommunityPage else slug, slug=slug)
        parent.add_child(instance=page)
        parent = publish(page)
    return parent


def test_community_items_and_notes_show_next_to_the_citywide_list(
    client, bilingual_site
):
    from django.template import Context, Template

    duty_list(bilingual_site.home_zh)
    place = community(bilingual_site)
    CommunityDutyItem.objects.create(
        community=place,
        title="周三上午受理装修备案",
        handling_class="immediate",
        response_amount=1,
        response_unit="hours",
    )
    CommunityDutyItem.objects.create(
        community=place, relates_to="SR-01", note="本社区划定了早餐便民点"
    )
    CommunityDutyItem.objects.create(
        community=place,
        title="明年才有的事项",
        handling_class="immediate",
        effective_from=date(2099, 1, 1),
    )
    with translation.override("zh-hans"):
        html = Template("{% load duty_lists %}{% community_duties page %}").render(
            Context({"page": place})
        )
    soup = BeautifulSoup(html, "html.parser")
    own = soup.select(".community-duties__list")[0].text
    assert "周三上午受理装修备案" in own and "1小时内" in own
    assert "明年才有的事项" not in html
    note = soup.select(".community-duties__list")[1]
    assert note.a["href"] == "/zh-hans/duties/items/SR-01/"
    assert "本社区划定了早餐便民点" in note.text


def test_three_lists_show_duties_requests_and_staff_for_a_community(
    client, bilingual_site
):
    duty_list(bilingual_site.home_zh)
    place = community(bilingual_site)
    response = client.get(f"/zh-hans/communities/{place.pk}/lists/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    handled = soup.select_one("#three-lists-handle").parent.text
    assert "占道经营劝导" in handled and "楼道堆物清理" in handled
    assert soup.select_one("#three-lists-asked") is not None
    assert soup.select_one("#three-lists-staff") is not None
    assert client.get("/zh-hans/communities/999999/lists/").status_code == 404


def test_editors_import_a_workbook_in_the_admin_checking_first(client, bilingual_site):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = duty_list(bilingual_site.home_zh)
    admin = UserFactory(is_superuser=True)
    admin.save()  # the factory sets the password after saving
    client.force_login(admin)
    url = f"/admin/lists/{page.pk}/import/"
    good = duty_workbook(
        [["SR-01", "SR", "占道经营劝导", "立即办", "执法中队", 30, "分钟"]]
    )
    checked = client.post(
        url, {"workbook": SimpleUploadedFile("l.xlsx", good), "dry_run": "on"}
    )
    assert checked.status_code == 200
    assert page.revisions.count() == 1
    bad = duty_workbook(
        [["SR-01", "ZZ", "占道经营劝导", "立即办", "执法中队", 30, "分钟"]]
    )
    rejected = client.post(url, {"workbook": SimpleUploadedFile("l.xlsx", bad)})
    assert rejected.status_code == 400
    assert (
        "ZZ"
        in BeautifulSoup(rejected.content, "html.parser")
        .select_one("tr.import-error")
        .text
    )
    saved = client.post(url, {"workbook": SimpleUploadedFile("l.xlsx", good)})
    assert saved.status_code == 302 and page.revisions.count() == 2
    assert DutyItem.objects.filter(page=page).count() == 2  # a draft, not live yet
    editor = UserFactory()
    editor.save()
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
