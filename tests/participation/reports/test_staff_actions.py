"""What staff do with a report (participation/reports/staff_actions.py): internal
notes stay internal, duplicates and referrals name their target, escalating keeps
the report open."""

import pytest

from participation.api.serialising import open311_status
from participation.models import Department, ReportState
from participation.reports.models import EventKind
from participation.reports.staff_actions import (
    add_note,
    escalate,
    mark_duplicate,
    refer,
)
from participation.reports.workflow import ReportError
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db


def test_internal_notes_are_never_public(world, officer):
    report = make_report(world.a).report
    add_note(report, "物业经理电话 13800000000", by=officer)
    assert not report.events.get(kind=EventKind.NOTE).public


def test_duplicate_and_referral_name_their_target(world, officer):
    original = make_report(world.a).report
    copy = make_report(world.a).report
    mark_duplicate(copy, original, by=officer)
    copy.refresh_from_db()
    assert copy.state == ReportState.DUPLICATE and copy.duplicate_of == original
    with pytest.raises(ReportError):
        mark_duplicate(original, original, by=officer)
    other = make_report(world.a).report
    refer(other, department="区市场监管局", by=officer)
    other.refresh_from_db()
    assert other.state == ReportState.REFERRED
    assert "区市场监管局" in other.events.get(to_state="referred").text


def test_escalating_blows_the_whistle_but_keeps_the_report_open(world, officer):
    report = make_report(world.a).report
    department = Department.objects.create(name="区住建局", email="zj@example.org")
    escalate(report, department=department, by=officer)
    report.refresh_from_db()
    assert report.escalations.get().department == department
    assert report.triage == "large"
    assert report.state == ReportState.DISPATCHED
    assert open311_status(report.state) == "open"
