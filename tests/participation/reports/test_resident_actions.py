"""What the resident does on the tracking page, as rules
(participation/reports/resident_actions.py): reopen only after resolution and with a
comment, rate once from 1 to 5, add information until the report is closed."""

import pytest

from participation.models import ReportState
from participation.reports.models import EventKind
from participation.reports.resident_actions import add_information, rate, reopen
from participation.reports.staff_actions import accept, close, resolve
from participation.reports.workflow import ReportError
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db


def test_reopening_needs_a_resolution_and_a_comment(world, officer):
    report = make_report(world.a).report
    with pytest.raises(ReportError):
        reopen(report, "还没好")
    accept(report, by=officer)
    resolve(report, "已处理", by=officer)
    with pytest.raises(ReportError):
        reopen(report, "   ")
    reopen(report, "杂物又堆回来了。")
    report.refresh_from_db()
    assert report.state == ReportState.IN_PROGRESS and report.resolved_at is None
    assert report.events.filter(kind=EventKind.REOPENED, public=True).exists()


def test_ratings_are_one_to_five_once_and_only_after_resolution(world, officer):
    report = make_report(world.a).report
    with pytest.raises(ReportError):
        rate(report, 4)
    accept(report, by=officer)
    resolve(report, "已处理", by=officer)
    for bad in (0, 6):
        with pytest.raises(ReportError):
            rate(report, bad)
    rate(report, 3)
    with pytest.raises(ReportError):
        rate(report, 5)
    report.refresh_from_db()
    assert report.rating == 3


def test_information_can_be_added_until_the_report_is_closed(world, officer):
    report = make_report(world.a).report
    add_information(report, "每天晚上8点以后更严重。")
    with pytest.raises(ReportError):
        close(report, by=officer)  # a new report is accepted or rejected first
    accept(report, by=officer)
    close(report, by=officer)
    with pytest.raises(ReportError):
        add_information(report, "再补充")
