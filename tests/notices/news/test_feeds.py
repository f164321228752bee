"""The RSS feed of notices (notices/news/feeds.py): newest first with categories, per
category, and bad parameters answered with 400 saying what is expected."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from tests.notices.event_builders import (
    feed_titles,
    make_notice,
)

pytestmark = pytest.mark.django_db


def test_feed_lists_notices_newest_first_with_categories(client, tree):
    _, index = tree
    make_notice(index, "旧通知", date=date(2026, 1, 5))
    make_notice(index, "红黑榜第三季度", category="ranking", date=date(2026, 3, 1))
    response = client.get("/zh-hans/feeds/notices/")
    root = ET.fromstring(response.content)  # noqa: S314  (our own feed)
    items = list(root.iter("item"))
    assert [i.findtext("title") for i in items] == ["红黑榜第三季度", "旧通知"]
    assert items[0].findtext("category") == "红黑榜"
    assert items[0].findtext("link").startswith("http://testserver/zh-hans/notices/")


def test_feed_per_category(client, tree):
    _, index = tree
    make_notice(index, "红黑榜第三季度", category="ranking")
    make_notice(index, "政策解读:门前三包", category="policy")
    assert feed_titles(client, "/zh-hans/feeds/notices/?category=ranking") == [
        "红黑榜第三季度"
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("community=abc", "community must be the number"),
        ("community=-1", "community must be the number"),
        ("community=99999999", "no community station number 99999999"),
        ("community=1" + "0" * 30, "community must be the number"),
        ("category=gossip", "category must be one of: announcement"),
    ],
)
def test_bad_feed_parameters_answer_400_saying_what_is_expected(
    client, tree, query, expected
):
    response = client.get(f"/en/feeds/notices/?{query}")
    assert response.status_code == 400
    assert expected in response.content.decode()


def test_feed_refuses_a_page_that_is_not_a_community(client, tree):
    stations, _ = tree
    response = client.get(f"/en/feeds/notices/?community={stations.district.pk}")
    assert response.status_code == 400
