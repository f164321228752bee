"""Calendar files in local time (notices/news/ics.py): Beijing time named on every
time, one UID for an event in both languages, cancelled events marked."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.conftest import translate
from tests.notices.event_builders import (
    calendar_of,
    make_event,
    shanghai,
)

pytestmark = pytest.mark.django_db


def test_ics_imports_with_shanghai_local_time(client, events):
    next_year = timezone.localdate().year + 1
    event = make_event(
        events,
        title="城管开放日",
        start=shanghai(next_year, 6, 1, 9, 30),
        end=shanghai(next_year, 6, 1, 11, 30),
        address="示范市人民路1号",
    )
    calendar = calendar_of(client.get(f"/zh-hans/feeds/events/{event.pk}.ics"))
    (component,) = calendar.walk("VEVENT")
    assert component["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert component["DTEND"].params["TZID"] == "Asia/Shanghai"
    start = component.decoded("DTSTART")
    assert (start.hour, start.minute) == (9, 30)
    assert start.astimezone(UTC) == datetime(next_year, 6, 1, 1, 30, tzinfo=UTC)
    assert component.decoded("DTEND").astimezone(UTC).hour == 3
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Shanghai"
    (standard,) = zone.walk("STANDARD")
    assert standard.decoded("TZOFFSETTO") == timedelta(hours=8)
    assert str(component["SUMMARY"]) == "城管开放日"
    assert str(component["LOCATION"]) == "示范市人民路1号"
    assert "/zh-hans/events/" in str(component["URL"])


def test_ics_raw_text_names_the_timezone_on_each_time(client, events):
    event = make_event(events, start=shanghai(2031, 7, 15, 14, 0))
    text = client.get(f"/en/feeds/events/{event.pk}.ics").content.decode()
    assert "DTSTART;TZID=Asia/Shanghai:20310715T140000" in text
    assert "BEGIN:VTIMEZONE" in text


def test_one_event_keeps_one_uid_in_both_languages(client, bilingual_site, events):
    event = make_event(events)
    english = translate(event, bilingual_site.en, title="Open day")
    zh = calendar_of(client.get(f"/zh-hans/feeds/events/{event.pk}.ics"))
    en = calendar_of(client.get(f"/en/feeds/events/{english.pk}.ics"))
    assert zh.walk("VEVENT")[0]["UID"] == en.walk("VEVENT")[0]["UID"]
    assert str(en.walk("VEVENT")[0]["SUMMARY"]) == "Open day"


def test_cancelled_event_is_marked_cancelled_in_calendars(client, events):
    event = make_event(events, cancelled=True)
    calendar = calendar_of(client.get(f"/zh-hans/feeds/events/{event.pk}.ics"))
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
