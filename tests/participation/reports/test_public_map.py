"""The public map and list of published reports (participation/reports/public_map.py):
only published reports, places snapped to a ~50 m grid on the server, filters that
work without JavaScript and name a bad value, and no personal data anywhere."""

import re

import pytest
from bs4 import BeautifulSoup

from participation.reports.nearby import metres_between
from participation.reports.public_map import grid_point
from participation.reports.publication import publish
from participation.reports.staff_actions import accept
from participation.reports.support import add_support
from tests.participation.report_builders import (
    PLANTED_EMAIL,
    PLANTED_NAME,
    PLANTED_PHONE,
    make_report,
    planted_report,
)

pytestmark = pytest.mark.django_db

EXACT = ("34.264137", "117.184159")


@pytest.fixture
def published(world, officer):
    """A published report whose resident left a name, phone, email, an address
    naming them and an exact point; and an unpublished one."""
    report = planted_report(world.a, latitude=EXACT[0], longitude=EXACT[1]).report
    accept(report, by=officer)
    publish(report, by=officer, title="楼道堆物已清理", text="3号楼楼道堆物已清理。")
    add_support(report)
    make_report(
        world.a, "SR-01", location="秘密小巷", latitude="34.3", longitude="117.2"
    )
    return report


def test_a_point_is_snapped_to_the_centre_of_its_50_m_cell():
    lat, lng = float(EXACT[0]), float(EXACT[1])
    snapped = grid_point(lat, lng)
    assert snapped != (lat, lng)
    assert metres_between(lat, lng, *snapped) < 40
    # Every point of the cell gives the same centre: the exact one cannot be read back.
    assert grid_point(snapped[0] + 0.0001, snapped[1] - 0.0001) == snapped
    assert grid_point(None, None) is None


def test_only_published_reports_are_listed_with_a_rough_place(client, world, published):
    response = client.get("/zh-hans/report/map/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    items = soup.select("#report-map-list > li")
    assert [item.h2.text for item in items] == ["楼道堆物已清理"]
    shown = (float(items[0]["data-lat"]), float(items[0]["data-lng"]))
    assert shown == grid_point(*map(float, EXACT))
    assert "另有 1 位居民遇到同样问题" in items[0].text
    assert "已受理" in items[0].text


def test_the_map_and_list_carry_no_personal_data_or_exact_place(
    client, world, published
):
    """A crawl of every page and format of the map and list."""
    pages = []
    for language in ("zh-hans", "en"):
        for query in ("", "?state=accepted", "?category=EH-01", "?page=2", "?page=x"):
            pages.append(client.get(f"/{language}/report/map/{query}"))
        pages.append(
            client.get(
                f"/{language}/report/nearby.json",
                {"category": "EH-01", "lat": EXACT[0], "lng": EXACT[1]},
            )
        )
        pages.append(client.get(f"/{language}/report/community/{world.a.pk}/"))
    body = "\n".join(page.content.decode() for page in pages)
    for secret in (
        PLANTED_NAME,
        PLANTED_PHONE,
        PLANTED_EMAIL,
        f"{PLANTED_NAME}家门口",
        "秘密小巷",
        *EXACT,
        EXACT[0][:8],
        EXACT[1][:9],
    ):
        assert secret not in body, secret
    assert not re.search(r"34\.26413\d", body)


def test_filters_work_as_plain_get_parameters(client, world, published):
    shown = client.get("/en/report/map/?state=resolved").content.decode()
    assert "No published report matches these filters." in shown
    shown = client.get("/en/report/map/?state=accepted&category=EH-01")
    assert shown.status_code == 200 and "楼道堆物已清理" in shown.content.decode()
    soup = BeautifulSoup(shown.content, "html.parser")
    assert soup.select_one("select[name=state] option[selected]")["value"] == "accepted"
    assert soup.select_one("form.report-filters")["method"] == "get"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("state=nonsense", "There is no such state; showing every state."),
        ("category=" + "x" * 3000, "No published report has this category"),
        ("category=%00", "No published report has this category"),
    ],
)
def test_a_bad_filter_value_is_named_and_never_a_500(
    client, world, published, query, message
):
    response = client.get(f"/en/report/map/?{query}")
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert message in soup.select_one("#error-summary").text
    assert soup.select("#report-map-list > li")  # the whole list instead


def test_the_map_loads_leaflet_only_when_asked_and_from_the_site(
    client, world, published
):
    soup = BeautifulSoup(client.get("/en/report/map/").content, "html.parser")
    assert not soup.select("script[src*=leaflet], link[href*=leaflet]")
    box = soup.select_one("#report-map")
    assert box["data-leaflet-js"].startswith("/static/leaflet/")
    assert box.has_attr("hidden")
