"""iCalendar (.ics) for events, so residents can add them to their phone's calendar.

Times are written in Beijing time with `TZID=Asia/Shanghai` and the matching
VTIMEZONE (UTC+8 all year, no daylight saving since 1991), so calendar programs show
the local time wherever the phone is set.
"""

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone, TimezoneStandard

from notices.models import EventPage

TZID = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TZID)


def shanghai_timezone() -> Timezone:
    """The VTIMEZONE for Asia/Shanghai: one standard offset, +08:00."""
    zone = Timezone()
    zone.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1992, 1, 1))
    standard.add("tzoffsetfrom", SHANGHAI.utcoffset(datetime(2000, 1, 1)))
    standard.add("tzoffsetto", SHANGHAI.utcoffset(datetime(2000, 1, 1)))
    standard.add("tzname", "CST")
    zone.add_component(standard)
    return zone


def event_component(event: EventPage, request: HttpRequest) -> Event:
    component = Event()
    # The translation key is the same in both languages: one event, one UID.
    component.add("uid", f"event-{event.translation_key}@{request.get_host()}")
    component.add("dtstamp", (event.last_published_at or timezone.now()))
    component.add("dtstart", event.start.astimezone(SHANGHAI))
    component.add("dtend", event.end.astimezone(SHANGHAI))
    component.add("summary", event.title)
    description = event.summary or strip_tags(event.body)
    if event.what_to_bring:
        description = f"{description}\n\n{event.what_to_bring}".strip()
    if description:
        component.add("description", description)
    if event.place:
        component.add("location", event.place)
    component.add("url", event.get_full_url(request))
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return component


def calendar_for(events: Iterable[EventPage], request: HttpRequest, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//events//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(shanghai_timezone())
    for event in events:
        calendar.add_component(event_component(event, request))
    return calendar.to_ical()


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
