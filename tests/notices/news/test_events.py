"""Events: pages, local time, calendar files, lists on home and station pages."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from icalendar import Calendar

from notices.models import EventPage, EventPhoto
from participation.registrations.rules import check_in, register
from tests.conftest import translate
from tests.notices.event_builders import (
    event_index,
    make_event,
    shanghai,
    station_tree,
)
from tests.notices.station_builders import image

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(bilingual_site):
    return event_index(bilingual_site.home_zh)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


# The acceptance criterion: .ics in local time


def test_ics_imports_with_shanghai_local_time(client, events):
    next_year = timezone.localdate().year + 1
    event = make_event(
        events,
        title="城管开放日",
        start=shanghai(next_year, 6, 1, 9, 30),
        end=shanghai(next_year, 6, 1, 11, 30),
        address="示范市人民路1号",
    )
    calendar = parse(client.get(f"/zh-hans/feeds/events/{event.pk}.ics"))
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
    zh = parse(client.get(f"/zh-hans/feeds/events/{event.pk}.ics"))
    en = parse(client.get(f"/en/feeds/events/{english.pk}.ics"))
    assert zh.walk("VEVENT")[0]["UID"] == en.walk("VEVENT")[0]["UID"]
    assert str(en.walk("VEVENT")[0]["SUMMARY"]) == "Open day"


def test_cancelled_event_is_marked_cancelled_in_calendars(client, events):
    event = make_event(events, cancelled=True)
    calendar = parse(client.get(f"/zh-hans/feeds/events/{event.pk}.ics"))
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_unknown_or_unpublished_event_ics_is_404(client, events):
    event = make_event(events)
    event.unpublish()
    assert client.get(f"/zh-hans/feeds/events/{event.pk}.ics").status_code == 404
    assert client.get("/zh-hans/feeds/events/999999.ics").status_code == 404


def test_calendar_feed_lists_events_and_narrows_to_a_community(
    client, bilingual_site, events
):
    stations = station_tree(bilingual_site.home_zh)
    make_event(events, title="民主社区普法讲座", community=stations.community)
    make_event(events, title="彭城社区服务日", community=stations.far)
    make_event(events, title="很久以前", start=timezone.now() - timedelta(days=400))
    everything = parse(client.get("/zh-hans/feeds/events.ics"))
    titles = {str(e["SUMMARY"]) for e in everything.walk("VEVENT")}
    assert titles == {"民主社区普法讲座", "彭城社区服务日"}
    mine = parse(
        client.get(f"/zh-hans/feeds/events.ics?community={stations.community.pk}")
    )
    assert [str(e["SUMMARY"]) for e in mine.walk("VEVENT")] == ["民主社区普法讲座"]


@pytest.mark.parametrize("value", ["x", "99999999", "1;DROP"])
def test_calendar_feed_bad_community_is_400(client, events, value):
    response = client.get(f"/zh-hans/feeds/events.ics?community={value}")
    assert response.status_code == 400


# Pages and validation


def test_event_page_shows_time_place_and_the_way_to_register(client, events):
    event = make_event(
        events,
        start=shanghai(2031, 5, 20, 9, 0),
        end=shanghai(2031, 5, 20, 11, 0),
        what_to_bring="身份证",
        audience="社区居民",
    )
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    text = soup.get_text()
    assert "09:00" in text and "11:00" in text and "身份证" in text
    assert soup.select_one(f'a[href="/zh-hans/event-registration/{event.pk}/"]')
    assert soup.select_one(f'a[href="/zh-hans/feeds/events/{event.pk}.ics"]')


def test_past_event_shows_report_photos_and_attendance(client, events):
    event = make_event(
        events,
        start=timezone.now() - timedelta(days=3),
        report="<p>共有居民参加,现场解答问题二十余个。</p>",
    )
    outcome = register(
        event,
        name="张三",
        phone="13811112222",
        party_size=2,
        now=timezone.now() - timedelta(days=4),
    )
    check_in(event, outcome.registration.reference)
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert "现场解答问题" in soup.get_text()
    assert soup.select_one(".figure strong").text == "2"
    editor_figure = EventPage.objects.get(pk=event.pk)
    editor_figure.attendance_count = 60
    editor_figure.save_revision().publish()
    assert "60" in client.get(event.url).text


def photo_captions(client, event) -> list[str]:
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    return [
        figure.figcaption.text
        for figure in soup.select(".photos figure")
        if figure.select_one("picture img") and figure.figcaption
    ]


def test_past_event_photos_follow_publishing_and_never_show_a_draft(client, events):
    """The photos are remembered until content changes: a photo published later
    shows at once, one only saved as a draft does not."""
    event = make_event(events, start=timezone.now() - timedelta(days=3))
    event.photos.add(EventPhoto(image=image("first.jpg"), caption="现场咨询"))
    event.save_revision().publish()
    assert photo_captions(client, event) == ["现场咨询"]
    assert photo_captions(client, event) == ["现场咨询"]  # from the remembered copy

    event = EventPage.objects.get(pk=event.pk)
    event.photos.add(EventPhoto(image=image("draft.jpg"), caption="草稿照片"))
    event.save_revision()
    assert photo_captions(client, event) == ["现场咨询"]

    event.get_latest_revision().publish()
    assert photo_captions(client, event) == ["现场咨询", "草稿照片"]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"end": shanghai(2031, 1, 1, 8, 0)}, "end"),
        ({"address": "", "community": None}, "address"),
        ({"max_party_size": 9, "capacity": 5}, "max_party_size"),
        (
            {
                "registration_opens_at": shanghai(2031, 1, 1, 8, 0),
                "registration_closes_at": shanghai(2030, 12, 1, 8, 0),
            },
            "registration_closes_at",
        ),
    ],
)
def test_event_validation(changes, field):
    fields = {
        "title": "t",
        "slug": "t",
        "start": shanghai(2031, 1, 1, 9, 0),
        "end": shanghai(2031, 1, 1, 11, 0),
        "address": "某地",
        **changes,
    }
    event = EventPage(**fields)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert field in error.value.message_dict


def test_event_index_separates_upcoming_and_past(client, events):
    make_event(events, title="下周服务日")
    make_event(events, title="上月夏令营", start=timezone.now() - timedelta(days=30))
    upcoming = client.get(events.url).text
    past = client.get(events.url + "?past=1").text
    assert "下周服务日" in upcoming and "上月夏令营" not in upcoming
    assert "上月夏令营" in past and "下周服务日" not in past


# Lists on other pages


def test_home_page_lists_upcoming_events(client, events):
    make_event(events, title="公益集市")
    soup = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
    assert "公益集市" in soup.select_one(".upcoming-events").text


def test_station_lists_only_its_own_upcoming_events(bilingual_site, events):
    stations = station_tree(bilingual_site.home_zh)
    make_event(events, title="民主社区开放日", community=stations.community)
    make_event(events, title="全市活动")

    def render(community) -> str:
        return Template("{% load notices_tags %}{% community_events page %}").render(
            Context({"request": RequestFactory().get("/"), "page": community})
        )

    assert "民主社区开放日" in render(stations.community)
    assert "民主社区开放日" not in render(stations.neighbour)
    assert "全市活动" not in render(stations.community)
