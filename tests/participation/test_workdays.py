"""The working-day calendar: weekends, entered holidays and make-up working days."""

from datetime import date

import pytest

from portal.models import DayKind, Holiday
from portal.workdays import add_working_days, is_working_day

pytestmark = pytest.mark.django_db


def test_weekdays_work_and_weekends_do_not_without_holidays():
    assert is_working_day(date(2026, 3, 6))  # Friday
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday


def test_adding_working_days_skips_the_weekend():
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 6), 3) == date(2026, 3, 11)
    assert add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 9)


def test_entered_holidays_are_skipped_and_make_up_days_count():
    # National Day week: 1-7 October off, Saturday 10 October worked (调休).
    for day in range(1, 8):
        Holiday.objects.create(date=date(2026, 10, day), name="国庆节")
    Holiday.objects.create(date=date(2026, 10, 10), kind=DayKind.WORKDAY, name="调休")
    assert not is_working_day(date(2026, 10, 1))  # Thursday, holiday
    assert is_working_day(date(2026, 10, 10))  # Saturday, make-up day
    # Received Wednesday 30 September: 1 working day later is Thursday 8 October.
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    # 3 working days: Thu 8, Fri 9, Sat 10 (make-up day).
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_a_holiday_entered_later_changes_the_calendar_at_once():
    assert is_working_day(date(2026, 5, 1))
    holiday = Holiday.objects.create(date=date(2026, 5, 1), name="劳动节")
    assert not is_working_day(date(2026, 5, 1))
    holiday.delete()
    assert is_working_day(date(2026, 5, 1))


def test_holidays_are_editable_snippets_in_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "boss", "b@example.org", "pw-12345678"
    )
    client.force_login(admin)
    Holiday.objects.create(date=date(2026, 1, 1), name="元旦")
    response = client.get("/admin/snippets/portal/holiday/")
    assert response.status_code == 200
    assert "元旦" in response.content.decode()
    response = client.post(
        "/admin/snippets/portal/holiday/add/",
        {"date": "2026-02-14", "kind": "workday", "name": "春节调休"},
    )
    assert response.status_code == 302
    assert is_working_day(date(2026, 2, 14))  # a Saturday, now worked


def test_the_duty_lists_promised_times_skip_entered_holidays():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from notices.lists.promises import PromisedTime

    shanghai = ZoneInfo("Asia/Shanghai")
    Holiday.objects.create(date=date(2026, 3, 9), name="示例假日")
    friday = datetime(2026, 3, 6, 10, tzinfo=shanghai)
    assert PromisedTime(1, "working_days").deadline(friday) == datetime(
        2026, 3, 10, 23, 59, 59, 999999, tzinfo=shanghai
    )
