"""Submitting a report (participation/reports/submitting.py): a reference already
taken is drawn again, the deadlines follow the duty list on the working-day calendar,
and phone numbers are understood however they are written."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from participation.models import Report
from participation.reports.categories import find_item
from participation.reports.models import EventKind
from participation.reports.submitting import normalise_phone
from portal.models import DayKind, Holiday
from tests.notices.station_builders import WEEKDAYS
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


def station_open(community, opens=(8, 30), closes=(17, 30), days=WEEKDAYS):
    community.office_hours = [
        ("shift", {"days": days, "opens": time(*opens), "closes": time(*closes)})
    ]
    community.save()
    return community


def test_a_report_sent_at_night_is_answered_half_an_hour_after_the_station_opens(
    world,
):
    # SR-01: reply within 30 minutes, complete the same day. Tuesday 10 March 2026.
    station = station_open(world.a)
    night = make_report(station, code="SR-01", now=local(2026, 3, 10, 2, 10)).report
    assert night.response_due == local(2026, 3, 10, 9, 0)
    day = make_report(station, code="SR-01", now=local(2026, 3, 10, 10, 0)).report
    assert day.response_due == local(2026, 3, 10, 10, 30)
    assert day.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-10"


def test_a_reply_promised_near_closing_runs_on_at_the_next_opening(world):
    station = station_open(world.a)
    report = make_report(station, code="SR-01", now=local(2026, 3, 10, 17, 15)).report
    assert report.response_due == local(2026, 3, 11, 8, 45)


def test_a_reply_waits_over_the_lunch_break_of_a_split_shift(world):
    # The builders' station: 08:30–12:00 and 14:00–17:30 on weekdays.
    report = make_report(world.a, code="SR-01", now=local(2026, 3, 10, 11, 50)).report
    assert report.response_due == local(2026, 3, 10, 14, 20)


def test_a_report_sent_at_the_weekend_is_answered_on_monday_and_done_that_day(world):
    station = station_open(world.a)
    saturday = local(2026, 3, 7, 2, 10)
    report = make_report(station, code="SR-01", now=saturday).report
    assert report.response_due == local(2026, 3, 9, 9, 0)
    assert report.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-09"
    assert report.handling_class == "immediate"


def test_an_entered_holiday_closes_the_station_and_a_make_up_day_opens_it(world):
    station = station_open(world.a)
    Holiday.objects.create(date=local(2026, 3, 9).date(), name="示例假日")
    report = make_report(station, code="SR-01", now=local(2026, 3, 7, 2, 10)).report
    assert report.response_due == local(2026, 3, 10, 9, 0)
    Holiday.objects.create(
        date=local(2026, 3, 8).date(), kind=DayKind.WORKDAY, name="示例调休"
    )
    report = make_report(station, code="SR-01", now=local(2026, 3, 7, 2, 10)).report
    assert report.response_due == local(2026, 3, 8, 9, 0)


def test_a_station_without_office_hours_answers_around_the_clock(world):
    world.a.office_hours = []
    world.a.save()
    report = make_report(world.a, code="SR-01", now=local(2026, 3, 7, 22, 0)).report
    assert report.response_due == local(2026, 3, 7, 22, 30)
    assert report.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-07"


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
