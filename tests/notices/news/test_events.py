"""Events (notices/news/events.py): their pages, report photos and attendance once
past, the rules editors must follow, and the index of upcoming and past events."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from notices.models import EventPage, EventPhoto
from participation.registrations.rules import check_in, register
from tests.conftest import translate
from tests.notices.event_builders import (
    make_event,
    shanghai,
    station_tree,
)
from tests.notices.station_builders import image

pytestmark = pytest.mark.django_db


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


def test_an_events_place_names_the_station_in_the_readers_language(
    bilingual_site, events
):
    """The station's name is read in the active language: the Chinese page as it is
    (no lookup per event), an English reader from the station's translation."""
    stations = station_tree(bilingual_site.home_zh)
    stations.community.station_name = "民主社区城管工作站"
    stations.community.save()
    translate(stations.community, bilingual_site.en, station_name="Minzhu Station")
    event = make_event(events, community=stations.community, address="")
    with translation.override("zh-hans"):
        assert event.place.startswith("民主社区城管工作站")
    with translation.override("en"):
        assert event.place.startswith("Minzhu Station")
