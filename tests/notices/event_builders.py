"""Builders for notice and event tests: a small station tree, indexes, pages, and
what the feeds answer."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page

from notices.models import (
    CommunityPage,
    DistrictPage,
    EventIndexPage,
    EventPage,
    NoticeCommunity,
    NoticeDistrict,
    NoticeIndexPage,
    NoticePage,
    StationIndexPage,
    SubdistrictPage,
)
from tests.conftest import publish

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class Stations:
    directory: StationIndexPage
    district: DistrictPage
    other_district: DistrictPage
    community: CommunityPage
    neighbour: CommunityPage  # same district, another community
    far: CommunityPage  # another district


def child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    return publish(page)


def station_tree(home: Page) -> Stations:
    directory = child(home, StationIndexPage(title="找驻点", slug="stations"))
    district = child(directory, DistrictPage(title="鼓楼区", slug="gulou"))
    other = child(directory, DistrictPage(title="云龙区", slug="yunlong"))
    street = child(district, SubdistrictPage(title="丰财街道", slug="fengcai"))
    far_street = child(other, SubdistrictPage(title="彭城街道", slug="pengcheng"))
    return Stations(
        directory=directory,
        district=district,
        other_district=other,
        community=child(
            street,
            CommunityPage(
                title="民主社区", slug="minzhu", station_name="民主社区城管工作站"
            ),
        ),
        neighbour=child(street, CommunityPage(title="和平社区", slug="heping")),
        far=child(far_street, CommunityPage(title="彭城社区", slug="pengcheng-c")),
    )


def notice_index(home: Page) -> NoticeIndexPage:
    return child(home, NoticeIndexPage(title="通知公告", slug="notices"))


def event_index(home: Page) -> EventIndexPage:
    return child(home, EventIndexPage(title="活动", slug="events"))


def make_notice(
    index: NoticeIndexPage,
    title: str,
    *,
    communities=(),
    districts=(),
    **fields,
) -> NoticePage:
    scope = "communities" if communities else "districts" if districts else "citywide"
    page = NoticePage(
        title=title,
        slug=fields.pop("slug", None) or f"n-{abs(hash(title)) % 10**8}",
        body=fields.pop("body", f"<p>{title}正文</p>"),
        scope=scope,
        scope_communities=[NoticeCommunity(community=c) for c in communities],
        scope_districts=[NoticeDistrict(district=d) for d in districts],
        **fields,
    )
    return child(index, page)


def shanghai(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def make_event(index: EventIndexPage, title: str = "城管开放日", **fields) -> EventPage:
    start = fields.pop("start", None) or timezone.now() + timedelta(days=7)
    values = {
        "slug": f"e-{abs(hash((title, str(start)))) % 10**8}",
        "start": start,
        "end": fields.pop("end", None) or start + timedelta(hours=2),
        "address": "人民路1号",
        "capacity": 10,
        **fields,
    }
    values.setdefault("max_party_size", min(3, values["capacity"]))
    return child(index, EventPage(title=title, **values))


def calendar_of(response) -> Calendar:
    """The calendar an .ics answer holds, once it is known to be one."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def feed_titles(client, url: str) -> list[str]:
    """The titles of the items of an RSS answer."""
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314  (our own feed)
    return [item.findtext("title") for item in root.iter("item")]
