"""The demo notices and events (notices/demo/notices.py) loaded on different days of
the year: events in their season, upcoming ones ahead, notices published before."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from notices.models import EventPage, NoticePage
from tests.notices.demo.test_notices import load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [dt.date(2026, 1, 20), dt.date(2026, 7, 25)])
def test_events_fall_in_their_season_and_upcoming_ones_are_ahead(today):
    moment = dt.datetime.combine(today, dt.time(2), tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        load()
        now = timezone.now()
        events = {
            event.slug: event
            for event in EventPage.objects.filter(locale__language_code="en")
        }
        camp = events["summer-camp"]
        assert camp.start.month in (7, 8) and camp.start > now
        assert camp.registration_opens_at < camp.start
        for slug in ("open-day", "law-session", "service-day"):
            assert events[slug].start > now, slug
        assert events["charity-market"].end < now
        summer = NoticePage.objects.get(
            slug="night-market-district", locale__language_code="zh-hans"
        )
        assert summer.date.month in (4, 5, 6) and summer.date < today
        ranking = NoticePage.objects.get(
            slug="ranking-q3", locale__language_code="zh-hans"
        )
        # The third quarter's results come after it ends, and name its year.
        assert ranking.date.month >= 10 and ranking.date < today
        assert f"{ranking.date.year}年第三季度" in ranking.title
