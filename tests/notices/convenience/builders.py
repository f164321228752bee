"""Builders for the convenience map's tests: a published map page over a small
station tree, and points in it."""

import datetime as dt
from decimal import Decimal

from notices.convenience.models import ConveniencePoint
from notices.convenience.pages import ConvenienceMapPage
from tests.conftest import publish, translate

ALL_DAY_SHIFT = [
    (
        "shift",
        {
            "days": ["1", "2", "3", "4", "5", "6", "7"],
            "opens": dt.time(0, 0),
            "closes": dt.time(23, 59),
        },
    )
]


def map_page(home, title="便民地图") -> ConvenienceMapPage:
    page = ConvenienceMapPage(title=title, slug="convenience-map")
    home.add_child(instance=page)
    return publish(page)


def point(community, category="toilet", name=None, **fields) -> ConveniencePoint:
    values = {
        "locale": community.locale,
        "community": community,
        "category": category,
        "name": name or f"{community.title}{category}",
        "latitude": Decimal("34.265000"),
        "longitude": Decimal("117.185000"),
        "address": f"{community.title}路1号",
        **fields,
    }
    return ConveniencePoint.objects.create(**values)


def translated_map(site, page):
    return translate(page, site.en, title="Convenience map")
