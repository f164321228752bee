"""The calendar addresses (notices/news/event_views.py): one event's .ics, and the feed
of all events, narrowed to a community."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.notices.event_builders import (
    calendar_of,
    make_event,
    station_tree,
)

pytestmark = pytest.mark.django_db


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
    everything = calendar_of(client.get("/zh-hans/feeds/events.ics"))
    titles = {str(e["SUMMARY"]) for e in everything.walk("VEVENT")}
    assert titles == {"民主社区普法讲座", "彭城社区服务日"}
    mine = calendar_of(
        client.get(f"/zh-hans/feeds/events.ics?community={stations.community.pk}")
    )
    assert [str(e["SUMMARY"]) for e in mine.walk("VEVENT")] == ["民主社区普法讲座"]


@pytest.mark.parametrize("value", ["x", "99999999", "1;DROP"])
def test_calendar_feed_bad_community_is_400(client, events, value):
    response = client.get(f"/zh-hans/feeds/events.ics?community={value}")
    assert response.status_code == 400
