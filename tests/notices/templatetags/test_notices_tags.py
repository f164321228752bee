"""The tags that list notices and events on other pages (notices/templatetags/
notices_tags.py): the latest notices and upcoming events on the home page, a
community's own events on its station page."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.notices.event_builders import (
    make_event,
    make_notice,
    notice_index,
    station_tree,
)

pytestmark = pytest.mark.django_db


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


def test_home_page_lists_latest_notices(client, bilingual_site):
    make_notice(notice_index(bilingual_site.home_zh), "首页可见的通知")
    soup = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
    assert "首页可见的通知" in soup.select_one(".latest-notices").text


def test_remembered_lists_are_read_with_no_query_and_in_the_readers_language(
    bilingual_site, events
):
    """What the home and station pages remember is what they show, as plain data:
    once remembered, listing notices and events (with each event's station) asks
    the database nothing, and an English reader never gets the Chinese wording."""
    stations = station_tree(bilingual_site.home_zh)
    make_event(events, title="民主社区开放日", community=stations.community)
    notice = make_notice(
        notice_index(bilingual_site.home_zh),
        "夜间施工通告",
        communities=[stations.community],
    )
    markup = (
        "{% load notices_tags %}{% upcoming_events %}{% latest_notices %}"
        "{% community_events page %}{% community_notices page %}"
    )

    request = RequestFactory().get("/")  # a request finds its site once

    def render(language: str) -> str:
        with translation.override(language):
            return Template(markup).render(
                Context({"request": request, "page": stations.community})
            )

    first = render("zh-hans")
    with CaptureQueriesContext(connection) as queries:
        again = render("zh-hans")
    assert again == first
    assert len(queries) == 0, [query["sql"] for query in queries]
    assert "民主社区开放日" in again and notice.title in again
    assert (
        stations.community.title
        in BeautifulSoup(again, "html.parser")
        .select_one(".community-events .event-item__where")
        .text
    )

    def badge(markup: str) -> str:
        soup = BeautifulSoup(markup, "html.parser")
        return soup.select_one(".community-events .badge").text

    assert badge(render("en")) != badge(again)
