"""The 721 method from the data (participation/reports/handling.py): every staff
action records its handling mode, the statistics split reports by it per month and
area, and the home page's figures are counted, with their period stated."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from participation.reports.handling import percentages, record_mode, split
from participation.reports.models import Report
from participation.reports.statistics import method_split
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db


def handle(report, mode):
    record_mode(report, mode, after=0)


@pytest.mark.parametrize(
    ("counts", "shares"),
    [
        ([7, 2, 1], [70, 20, 10]),
        ([1, 1, 1], [34, 33, 33]),
        ([2, 1, 0], [67, 33, 0]),
        ([0, 0, 0], [None, None, None]),
    ],
)
def test_percentages_are_whole_and_add_up_to_100(counts, shares):
    assert percentages(counts) == shares


def test_a_staff_action_records_its_mode_on_the_log_and_the_report(
    client, world, staff_a, reports, act
):
    report, _b = reports
    client.force_login(staff_a)
    response = act(client, report, "accept", {"accept-handling_mode": "management"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handling_mode == "management"
    assert report.events.get(to_state="accepted").handling_mode == "management"
    # The next action offers the report's mode first; choosing another replaces it.
    page = BeautifulSoup(
        client.get(f"/admin/reports/{report.pk}/").content, "html.parser"
    )
    assert page.select_one('input[name="note-handling_mode"][checked]')["value"] == (
        "management"
    )
    act(
        client, report, "note", {"note-text": "已约谈", "note-handling_mode": "service"}
    )
    report.refresh_from_db()
    assert report.handling_mode == "service"
    assert report.events.get(kind="note").handling_mode == "service"


def test_an_action_without_a_mode_is_refused_and_changes_nothing(
    client, world, staff_a, reports, act
):
    report, _b = reports
    client.force_login(staff_a)
    response = act(client, report, "accept", {"accept-handling_mode": ""})
    assert response.status_code == 400
    assert "请选择处置方式" in response.content.decode()
    report.refresh_from_db()
    assert report.state == "submitted"
    assert report.handling_mode == ""
    assert report.events.count() == 1


def test_a_made_up_mode_is_refused(client, world, staff_a, reports, act):
    report, _b = reports
    client.force_login(staff_a)
    response = act(client, report, "accept", {"accept-handling_mode": "punish"})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.state == "submitted"


def test_the_split_counts_each_report_once_by_its_latest_mode(world):
    modes = ["service"] * 5 + ["management"] * 2 + ["enforcement"]
    for mode in modes:
        handle(make_report(world.a).report, mode)
    make_report(world.b)  # not handled yet: left out
    changed = Report.objects.filter(handling_mode="service").first()
    handle(changed, "enforcement")
    found = split(Report.objects.all())
    assert found.total == 8
    assert [(m, n, p) for m, _label, n, p in found.rows()] == [
        ("service", 4, 50),
        ("management", 2, 25),
        ("enforcement", 2, 25),
    ]


def test_the_statistics_page_shows_the_split_by_month_and_area(client, world):
    now = timezone.now()
    handle(make_report(world.a, now=now - timedelta(days=40)).report, "service")
    handle(make_report(world.a).report, "enforcement")
    handle(make_report(world.b).report, "management")
    page = BeautifulSoup(
        client.get(f"/zh-hans/report/statistics/{world.subdistrict.pk}/").content,
        "html.parser",
    )
    section = page.find(id="handling-modes").parent
    tables = section.find_all("table")
    overall = [td.text for td in tables[0].select("tbody tr")[0].find_all("td")]
    assert overall == ["34% (1)", "33% (1)", "33% (1)"]
    this_month = tables[0].select("tbody tr")[-1]
    assert this_month.th.text == timezone.localdate(now).strftime("%Y-%m")
    assert [td.text for td in this_month.find_all("td")] == [
        "0% (0)",
        "50% (1)",
        "50% (1)",
    ]
    by_area = {
        row.th.text: [td.text for td in row.find_all("td")]
        for row in tables[1].select("tbody tr")
    }
    assert by_area[world.a.title] == ["50% (1)", "0% (0)", "50% (1)"]
    assert by_area[world.b.title] == ["0% (0)", "100% (1)", "0% (0)"]


def test_the_home_page_figures_follow_the_reports_modes(client, world):
    home = world.site.home_zh
    home.body = [{"type": "method_split", "value": {"months": 12}}]
    home.save_revision().publish()
    reports = [make_report(world.a).report for _i in range(4)]
    for report in reports:
        handle(report, "service")

    def figures():
        page = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
        block = page.select_one(".method-split")
        return [li.text.strip() for li in block.select(".figure")], block.figcaption

    shown, caption = figures()
    assert shown == ["100% 服务", "0% 管理", "0% 执法"]
    first = method_split(12).first_day
    assert f"{first.year}年{first.month}月{first.day}日" in caption.text
    assert "4" in caption.text
    handle(reports[0], "enforcement")
    handle(reports[1], "management")
    shown, _caption = figures()
    assert shown == ["50% 服务", "25% 管理", "25% 执法"]


def test_the_home_page_says_so_when_nothing_was_handled(client, world):
    home = world.site.home_zh
    home.body = [{"type": "method_split", "value": {"months": 3}}]
    home.save_revision().publish()
    make_report(world.a)
    page = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
    block = page.select_one(".method-split")
    assert not block.select(".figure")
    assert "尚无" in block.text
