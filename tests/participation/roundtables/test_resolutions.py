"""Resolutions and the reports they settle
(participation/roundtables/resolutions.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.roundtables import meetings, resolutions
from participation.roundtables.meetings import RoundtableError
from participation.roundtables.models import (
    MeetingState,
    Resolution,
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


def test_resolution_links_the_reports_it_settles_on_the_public_page(client, world):
    from participation.models import Report

    Report.objects.create(
        reference="K7QX2M9P",
        token_hash="0" * 64,
        community=world["here"],
        category_code="1.1",
        category_title="油烟",
        department="城管中队",
        location="人民路",
        description="油烟直排",
        name=PLANTED_NAME,
        phone=PLANTED_PHONE,
    )
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
