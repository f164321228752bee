"""Promised times (notices/lists/promises.py): read naturally in both languages, and
working days that skip the holidays editors enter."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from notices.lists.promises import PromisedTime
from portal.models import Holiday

pytestmark = pytest.mark.django_db


def test_promised_times_read_naturally_in_both_languages():
    with translation.override("en"):
        assert str(PromisedTime(30, "minutes")) == "within 30 minutes"
        assert str(PromisedTime(3, "working_days")) == "within 3 working days"
        assert str(PromisedTime(None, "same_day")) == "the same day"
    with translation.override("zh-hans"):
        assert str(PromisedTime(30, "minutes")) == "30分钟内"
        assert str(PromisedTime(3, "working_days")) == "3个工作日内"
        assert str(PromisedTime(None, "same_day")) == "当天"


def test_promised_working_days_skip_the_holidays_editors_enter():
    friday = datetime(2026, 3, 6, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    promise = PromisedTime(1, "working_days")
    assert promise.deadline(friday).date() == date(2026, 3, 9)
    Holiday.objects.create(date=date(2026, 3, 9), name="示例假日")
    assert promise.deadline(friday).date() == date(2026, 3, 10)
