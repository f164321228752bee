"""Resolutions and the reports they settle
(participation/roundtables/resolutions.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from participation.reports.models import ReportState
from participation.roundtables import meetings, resolutions
from participation.roundtables.meetings import RoundtableError
from participation.roundtables.models import (
    MeetingState,
    Resolution,
    ResolutionStatus,
)
from tests.participation.roundtable_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    meeting,
)

pytestmark = pytest.mark.django_db


def test_resolution_refuses_unknown_report_references(world):
    target = meeting(world["here"], days=-1, state=MeetingState.HELD)
    with pytest.raises(RoundtableError) as error:
        resolutions.add_resolution(
            target,
            text="清理僵尸车",
            owner="城管中队",
            due_date=timezone.localdate() + timedelta(days=10),
            report_references="NOSUCH99",
        )
    assert error.value.code == "report-reference"
    assert not Resolution.objects.exists()


def filed_report(community, reference="K7QX2M9P", **contact):
    from participation.models import Report

    return Report.objects.create(
        reference=reference,
        token_hash="0" * 64,
        community=community,
        category_code="1.1",
        category_title="油烟",
        department="城管中队",
        location="人民路",
        description="油烟直排",
        name=PLANTED_NAME,
        phone=PLANTED_PHONE,
        **contact,
    )


def test_resolution_links_the_reports_it_settles_on_the_public_page(client, world):
    filed_report(world["here"])
    target = meeting(world["here"], days=-1, state=MeetingState.HELD)
    resolution = resolutions.add_resolution(
        target,
        text="安装净化器",
        owner="城管中队",
        due_date=timezone.localdate() + timedelta(days=10),
        report_references="k7qx2m9p",
    )
    assert resolution.report_references == ["K7QX2M9P"]
    meetings.publish_minutes(
        target, summary="纪要", attendance_count=9, organisations=""
    )
    page = client.get(f"/en/roundtables/community/{world['here'].pk}/follow-up/").text
    assert "K7QX2M9P (Submitted)" in page
    assert PLANTED_NAME not in page and PLANTED_PHONE not in page


def test_a_done_resolution_resolves_the_report_it_answers_and_tells_the_resident(
    world, django_capture_on_commit_callbacks
):
    report = filed_report(world["here"], email="resident@example.org")
    target = meeting(world["here"], days=-1, state=MeetingState.HELD)
    resolution = resolutions.add_resolution(
        target,
        text="物业每周清理楼道",
        owner="城管中队",
        due_date=timezone.localdate() + timedelta(days=10),
        report_references=report.reference,
    )
    resolutions.follow_up(resolution, text="已开始清理。", status="in_progress")
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    told = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        resolutions.follow_up(
            resolution, text="楼道已清空。", status=ResolutionStatus.DONE
        )
    report.refresh_from_db()
    assert report.state == ReportState.RESOLVED
    resolved = report.events.get(to_state=ReportState.RESOLVED)
    assert "物业每周清理楼道" in resolved.text and resolved.public
    assert len(mail.outbox) > told
    assert report.reference in mail.outbox[-1].subject
