"""What deadlines mean to people (participation/reports/deadlines.py): the resident
told when a reply will come if the station was closed, and staff told which promise
is late."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from participation.reports.deadlines import deferred_reply, lateness
from participation.reports.staff_actions import accept, reply
from tests.notices.station_builders import WEEKDAYS
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def station(world):
    world.a.office_hours = [
        ("shift", {"days": WEEKDAYS, "opens": time(8, 30), "closes": time(17, 30)})
    ]
    world.a.save()
    return world.a


def test_a_report_sent_at_night_tells_the_resident_the_reply_comes_after_opening(
    station,
):
    report = make_report(station, code="SR-01", now=local(2026, 3, 9, 23, 40)).report
    evening = local(2026, 3, 9, 23, 41)
    with translation.override("zh-hans"):
        assert "将在明天 08:30 后30分钟内回复" in deferred_reply(report, evening)
    with translation.override("en"):
        text = deferred_reply(report, evening)
    assert "reply within 30 minutes after it opens at 08:30 tomorrow" in text
    # Told as the day it is when the page is read, and not once the reply is due.
    with translation.override("zh-hans"):
        assert "将在今天 08:30 后" in deferred_reply(report, local(2026, 3, 10, 1, 0))
    assert deferred_reply(report, local(2026, 3, 10, 9, 1)) == ""


def test_the_weekend_names_the_day_the_station_opens(station):
    report = make_report(station, code="SR-01", now=local(2026, 3, 6, 18, 0)).report
    with translation.override("en"):
        text = deferred_reply(report, local(2026, 3, 6, 18, 1))
    assert "08:30 on Monday, March 9" in text


def test_a_report_sent_while_the_station_is_open_promises_nothing_more(station):
    report = make_report(station, code="SR-01", now=local(2026, 3, 9, 10, 0)).report
    assert deferred_reply(report, local(2026, 3, 9, 10, 1)) == ""


def test_an_answered_report_late_to_complete_is_flagged_for_completion_only(
    station, officer
):
    report = make_report(
        station, code="SR-01", now=timezone.now() - timedelta(days=7)
    ).report
    assert report.is_response_overdue() and report.is_completion_overdue()
    with translation.override("en"):
        assert lateness(report) == ["reply late", "completion late"]
    accept(report, by=officer)
    reply(report, "马上处理。", by=officer)
    report.refresh_from_db()
    assert not report.is_response_overdue() and report.is_completion_overdue()
    with translation.override("en"):
        assert lateness(report) == ["completion late"]
