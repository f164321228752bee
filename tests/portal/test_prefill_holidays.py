"""Pre-filling holidays from chinese-calendar (manage.py prefill_holidays): shown
first, added on request, and what editors entered is never changed."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from portal.models import DayKind, Holiday
from portal.workdays import add_working_days

pytestmark = pytest.mark.django_db


def test_prefill_shows_first_and_adds_only_when_asked():
    out = io.StringIO()
    call_command("prefill_holidays", "2026", stdout=out)
    assert "2026-10-01 holiday 国庆节 (new)" in out.getvalue()
    assert not Holiday.objects.exists()
    call_command("prefill_holidays", "2026", "--apply", stdout=io.StringIO())
    assert Holiday.objects.get(date=dt.date(2026, 10, 1)).name == "国庆节"
    make_up = Holiday.objects.get(date=dt.date(2026, 10, 10))
    assert make_up.kind == DayKind.WORKDAY and make_up.name == "国庆节调休"
    # Counted by the working-day calendar: the Saturday make-up day is worked.
    assert add_working_days(dt.date(2026, 10, 9), 1) == dt.date(2026, 10, 10)


def test_prefill_never_changes_a_date_editors_entered():
    Holiday.objects.create(date=dt.date(2026, 10, 1), name="本市特别安排")
    call_command("prefill_holidays", "2026", "--apply", stdout=io.StringIO())
    assert Holiday.objects.get(date=dt.date(2026, 10, 1)).name == "本市特别安排"


def test_a_year_the_package_does_not_know_is_refused_clearly():
    with pytest.raises(CommandError, match="knows no holidays for 2099"):
        call_command("prefill_holidays", "2099", stdout=io.StringIO())
