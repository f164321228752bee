"""The demo reports (participation/reports/demo.py): each one's log reads like a real
case, from its receipt to its last step, all of it in the past, whatever the hour
the demo is loaded at."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from participation.reports.models import EventKind, Report
from tests.notices.list_builders import duty_item, duty_list
from tests.notices.station_builders import community, small_tree

pytestmark = pytest.mark.django_db


def load_reports(site) -> list[Report]:
    from participation.reports import demo

    _index, _district, sub, _pages = small_tree(
        site, communities=5, staff_per_community=1, photos=False
    )
    community(sub, "新华社区", "xinhua")
    duty_list(
        site.home_zh,
        items=[duty_item("SR-01"), duty_item("SR-02"), duty_item("EH-01", "EH")],
    )
    demo.load(print)
    return list(Report.objects.filter(submission_key__startswith="demo-report-"))


# 07:00 in Beijing: a report "of today" at the usual 09:15 would still be ahead.
@pytest.mark.parametrize("hour_utc", [23, 6])
def test_every_demo_report_is_received_before_it_is_answered_and_all_in_the_past(
    bilingual_site, hour_utc
):
    moment = dt.datetime(2026, 12, 6, hour_utc, 0, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        reports = load_reports(bilingual_site)
        now = timezone.now()
    assert len(reports) == 16
    for report in reports:
        times = [event.created_at for event in report.events.order_by("pk")]
        assert times[0] == report.created_at < now, report.submission_key
        assert times == sorted(times), report.submission_key
        assert times[-1] <= now, report.submission_key
        if len(times) > 1:
            assert report.first_response_at == times[1] > report.created_at
        assert report.updated_at == times[-1]
        steps = [
            report.created_at,
            report.first_response_at,
            report.resolved_at,
            report.rated_at,
            report.closed_at,
            report.published_at,
        ]
        steps = [step for step in steps if step is not None]
        # Closing after a rating and publishing after closing, never before.
        assert steps == sorted(steps), report.submission_key
        rated = report.events.filter(kind=EventKind.RATED).first()
        if rated is not None:
            assert report.rated_at == rated.created_at


def test_demo_reports_have_places_supporters_and_a_merge_loaded_once(bilingual_site):
    from participation.reports import demo
    from participation.reports.models import ReportSupporter
    from participation.reports.support import support_count

    load_reports(bilingual_site)
    demo.load(print)  # a second run changes nothing
    by_key = {
        report.submission_key[len("demo-report-") :]: report
        for report in Report.objects.filter(submission_key__startswith="demo-report-")
    }
    assert len(by_key) == 16
    assert by_key["16"].merged_into == by_key["12"]
    assert by_key["16"].state == by_key["12"].state
    assert ReportSupporter.objects.count() == 2
    assert support_count(by_key["12"]) == 3
    assert by_key["12"].latitude is not None and by_key["02"].latitude is not None
