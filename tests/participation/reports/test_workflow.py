"""The state machine of a report (participation/reports/workflow.py): the closed
loop from submission to rating, every step logged with who did it; no jump between
states, and a reason where the resident must be told one."""

import pytest

from participation.models import ReportState
from participation.reports.models import EventKind, Report
from participation.reports.resident_actions import rate
from participation.reports.staff_actions import (
    accept,
    assign,
    change_state,
    reject,
    reply,
    resolve,
    start_work,
)
from participation.reports.workflow import ReportError
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db


def test_the_closed_loop_from_submission_to_rating_is_logged(world, officer):
    report = make_report(world.a).report
    accept(report, by=officer, note="已受理")
    assign(report, by=officer, station=world.a)
    start_work(report, by=officer)
    reply(report, "正在清理。", by=officer)
    resolve(report, "杂物已清走。", by=officer)
    report.refresh_from_db()
    assert report.state == ReportState.RESOLVED
    assert report.first_response_at is not None and report.resolved_at is not None
    rate(report, 5, "很满意")
    report.refresh_from_db()
    assert report.state == ReportState.CLOSED and report.rating == 5
    states = [
        e.to_state for e in report.events.filter(kind=EventKind.STATE).order_by("pk")
    ]
    assert states == ["accepted", "dispatched", "in_progress", "resolved", "closed"]
    staff_events = report.events.exclude(actor=None)
    assert staff_events.count() >= 6
    assert all(event.actor == officer for event in staff_events)
    assert report.events.get(kind=EventKind.RATED).actor_kind == "resident"


def test_states_cannot_jump_and_rejection_needs_a_reason(world, officer):
    report = make_report(world.a).report
    with pytest.raises(ReportError):
        change_state(report, ReportState.RESOLVED, by=officer)
    with pytest.raises(ReportError) as error:
        reject(report, "  ", by=officer)
    assert error.value.field_name == "reason"
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    reject(report, "不属于城管职责范围。", by=officer)
    report.refresh_from_db()
    assert report.state == ReportState.REJECTED
    assert report.events.get(to_state="rejected").text == "不属于城管职责范围。"


def test_an_action_works_on_the_report_as_it_is_now_not_as_the_caller_read_it(
    world, officer
):
    report = make_report(world.a).report
    stale = Report.objects.get(pk=report.pk)
    accept(report, by=officer)
    with pytest.raises(ReportError):
        accept(stale, by=officer)  # read before the first accept: refused all the same
    assert stale.state == ReportState.ACCEPTED
    assert report.events.filter(to_state="accepted").count() == 1
