"""The report state machine (participation/reports/states.py): one table says which
action is possible in which state and for whom; `permit` refuses anything else and
every rule asks it, so a caller that skips the screens is refused all the same."""

import pytest
from django.core.exceptions import PermissionDenied

from participation.models import ReportState
from participation.reports.staff_actions import (
    accept,
    add_note,
    change_state,
    resolve,
    start_work,
)
from participation.reports.states import available, permit, targets
from participation.reports.workflow import ReportError
from tests.participation.report_builders import make_report, staff_user

pytestmark = pytest.mark.django_db


def test_a_new_report_offers_no_work_resolution_or_closing(world, staff_a):
    report = make_report(world.a).report
    offered = available(report, staff_a)
    assert {"accept", "triage", "assign", "note", "state"} <= set(offered)
    assert not {"start", "resolve", "close", "publish"} & set(offered)
    assert ReportState.CLOSED not in dict(targets(report))


def test_a_resolved_report_offers_no_start_of_work(world, staff_a):
    report = make_report(world.a).report
    accept(report, by=staff_a)
    resolve(report, "已处理", by=staff_a)
    offered = available(report, staff_a)
    assert "start" not in offered and "resolve" not in offered
    assert set(dict(targets(report))) == {ReportState.CLOSED, ReportState.IN_PROGRESS}


def test_a_rule_called_directly_is_refused_from_the_wrong_state(world, staff_a):
    report = make_report(world.a).report
    with pytest.raises(ReportError):
        start_work(report, by=staff_a)
    with pytest.raises(ReportError):
        change_state(report, ReportState.CLOSED, by=staff_a, reason="x")
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert not report.events.filter(actor=staff_a).exists()


def test_staff_of_another_community_are_refused_by_the_rule_itself(world):
    report = make_report(world.a).report
    other = staff_user(world.b, "view_report", "change_report")
    with pytest.raises(PermissionDenied):
        accept(report, by=other)
    with pytest.raises(PermissionDenied):
        add_note(report, "看看", by=other)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_publication_needs_the_publish_permission(world, staff_a):
    report = make_report(world.a, consent=True).report
    assert "publish" not in available(report, staff_a)
    with pytest.raises(PermissionDenied):
        permit(report, "publish", staff_a)
