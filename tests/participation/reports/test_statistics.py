"""Public statistics (participation/reports/statistics.py): counts, medians, the
on-time rate and ratings, for a community, a subdistrict or the city."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.reports.resident_actions import rate
from participation.reports.staff_actions import accept, resolve
from participation.reports.statistics import area_reports, report_statistics
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db


def test_statistics_count_medians_on_time_rate_and_ratings(world, officer):
    now = timezone.now()
    fast = make_report(world.a, now=now - timedelta(hours=30)).report
    slow = make_report(world.a, code="SR-01", now=now - timedelta(days=7)).report
    make_report(world.b)
    for report in (fast, slow):
        accept(report, by=officer)
        resolve(report, "已处理", by=officer)
    rate(fast, 4)
    rate(slow, 2)
    stats = report_statistics(area_reports(world.a), now=now)
    assert stats["total"] == 2
    assert {key: n for key, _label, n in stats["by_state"]}["closed"] == 2
    assert {code: n for code, _title, n in stats["by_category"]} == {
        "EH-01": 1,
        "SR-01": 1,
    }
    # fast was due within 3 working days (on time), slow the same day (late).
    assert stats["on_time_rate"] == 50
    assert stats["average_rating"] == 3.0
    assert stats["median_response_hours"] == pytest.approx(99, abs=1)
    assert sum(received for _m, received, _r in stats["by_month"]) == 2
    city = report_statistics(area_reports(None), now=now)
    assert city["total"] == 3
    assert report_statistics(area_reports(world.subdistrict), now=now)["total"] == 3


def test_statistics_count_replies_on_time_and_open_reports_late_apart(world, officer):
    from participation.reports.staff_actions import reply

    now = timezone.now()
    week_ago = now - timedelta(days=7)
    unanswered = make_report(world.a, code="SR-01", now=week_ago).report
    answered_late = make_report(world.a, code="SR-01", now=week_ago).report
    accept(answered_late, by=officer)
    reply(answered_late, "已安排。", by=officer)
    make_report(world.a, now=now)  # its reply is not due yet: not counted
    stats = report_statistics(area_reports(world.a), now=now)
    # Two replies were due; neither came in time.
    assert stats["replied_on_time_counted"] == 2
    assert stats["replied_on_time_rate"] == 0
    assert stats["late_to_reply"] == 1
    assert stats["late_to_complete"] == 2
    assert unanswered.is_response_overdue(now)
