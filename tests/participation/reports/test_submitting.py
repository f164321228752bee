"""Submitting a report (participation/reports/submitting.py): a reference already
taken is drawn again, the deadlines follow the duty list on the working-day calendar,
and phone numbers are understood however they are written."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from participation.models import Report
from participation.reports.categories import find_item
from participation.reports.models import EventKind
from participation.reports.submitting import normalise_phone
from portal.models import DayKind, Holiday
from tests.participation.report_builders import build_world, make_report

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def world(bilingual_site):
    """Built for each test: a transactional test in this module commits, and would
    end a transaction the module's tests shared (tests/participation/conftest.py)."""
    return build_world(bilingual_site)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.django_db(transaction=True)
def test_a_taken_reference_is_drawn_again_and_the_report_stored_once(
    bilingual_site, monkeypatch
):
    # Outside any test transaction, as in a request: the insert that clashes fails
    # its whole transaction, and the report is sent again with a new reference.
    world = build_world(bilingual_site)
    first = make_report(world.a).report
    drawn = iter([first.reference, first.reference, "NEWREF23"])
    monkeypatch.setattr(
        "participation.reports.submitting.new_reference", lambda: next(drawn)
    )
    second = make_report(world.a, description="路灯不亮。").report
    assert second.reference == "NEWREF23"
    assert Report.objects.filter(description="路灯不亮。").count() == 1
    stored = Report.objects.get(reference="NEWREF23")
    assert [event.kind for event in stored.events.all()] == [EventKind.CREATED]
    assert Report.objects.get(reference=first.reference).description.startswith("楼道")


# Deadlines


def test_deadlines_skip_weekends(world):
    # EH-01: answer within 1 working day, complete within 3. Friday 6 March 2026.
    report = make_report(world.a, now=local(2026, 3, 6, 10, 0)).report
    assert report.response_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-09"
    assert report.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-11"


def test_deadlines_skip_entered_holidays_and_count_make_up_days(world):
    for day in range(1, 8):
        Holiday.objects.create(date=local(2026, 10, day).date(), name="国庆节")
    Holiday.objects.create(
        date=local(2026, 10, 10).date(), kind=DayKind.WORKDAY, name="国庆节调休"
    )
    report = make_report(world.a, now=local(2026, 9, 30, 16, 0)).report
    assert report.response_due.astimezone(SHANGHAI).date().isoformat() == "2026-10-08"
    assert report.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-10-10"


def test_minutes_and_same_day_promises_run_around_the_clock(world):
    report = make_report(world.a, code="SR-01", now=local(2026, 3, 7, 22, 0)).report
    assert report.response_due == local(2026, 3, 7, 22, 30)
    assert report.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-07"
    assert report.handling_class == "immediate"


def test_a_report_falls_due_at_the_last_instant_of_the_day_as_the_duty_list_says(
    world,
):
    received = local(2026, 3, 6, 10, 0)
    report = make_report(world.a, now=received).report
    # Stored and read back: the end of the day survives the database.
    report.refresh_from_db()
    assert report.completion_due == local(2026, 3, 11, 23, 59, 59, 999999)
    item = find_item("EH-01")
    assert report.response_due == item.promised_response.deadline(received)
    assert report.completion_due == item.promised_completion.deadline(received)


# Phone numbers


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("（0516）83000000", "051683000000"),
        ("(0516)83000000", "051683000000"),
        ("+86 138 1234 5678", "13812345678"),
    ],
)
def test_a_phone_written_with_brackets_of_either_width_is_understood(written, digits):
    assert normalise_phone(written) == digits
