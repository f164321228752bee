"""Open reports near a point (participation/reports/nearby.py) and the form's JSON
list of them (form_views.report_nearby): the same category within about 100 m, open
only, nothing personal, and no 500 on any parameter."""

import json

import pytest
from django.core import signing

from participation.reports.nearby import (
    SIGNING_SALT,
    metres_between,
    nearby_open_reports,
    report_from_signed,
    rough_distance,
)
from participation.reports.staff_actions import reject
from tests.participation.report_builders import (
    PLANTED_EMAIL,
    PLANTED_NAME,
    PLANTED_PHONE,
    make_report,
    planted_report,
)

pytestmark = pytest.mark.django_db

HERE = (34.264100, 117.184100)
# 30 m north of HERE (0.00027° of latitude), and 150 m north.
THIRTY_METRES_NORTH = (34.264370, 117.184100)
FAR = (34.265450, 117.184100)


def at(point):
    return {"latitude": f"{point[0]:.6f}", "longitude": f"{point[1]:.6f}"}


def test_distances_are_metres_on_the_ground():
    assert 29 < metres_between(*HERE, *THIRTY_METRES_NORTH) < 31
    assert 149 < metres_between(*HERE, *FAR) < 151


def test_a_distance_is_shown_roughly_in_tens_of_metres(settings):
    assert rough_distance(31) == "约 30 米"
    assert rough_distance(2) == "约 10 米"


def test_only_open_reports_of_the_same_category_within_100_m_are_offered(world):
    first = planted_report(world.a, **at(HERE)).report
    make_report(world.a, "SR-01", **at(HERE))  # another category
    make_report(world.a, **at(FAR))  # too far
    closed = make_report(world.a, **at(HERE)).report
    reject(closed, "不属于城管职责。", by=None)
    found = nearby_open_reports("EH-01", *THIRTY_METRES_NORTH)
    assert [report_from_signed(item.id) for item in found] == [first]
    assert found[0].distance == "约 30 米"


def test_what_is_shown_of_a_report_nearby_carries_no_personal_data(world):
    planted_report(world.a, **at(HERE))
    shown = json.dumps(
        [item.as_json() for item in nearby_open_reports("EH-01", *HERE)],
        ensure_ascii=False,
    )
    for secret in (PLANTED_NAME, PLANTED_PHONE, PLANTED_EMAIL, "家门口", "34.2641"):
        assert secret not in shown
    assert "楼道堆物清理" in shown  # the category's words


def test_a_forged_or_closed_reports_id_opens_nothing(world):
    report = make_report(world.a, **at(HERE)).report
    assert report_from_signed(signing.dumps(report.pk, salt=SIGNING_SALT)) == report
    assert report_from_signed(signing.dumps(report.pk, salt="other")) is None
    assert report_from_signed(str(report.pk)) is None
    reject(report, "不属于城管职责。", by=None)
    assert report_from_signed(signing.dumps(report.pk, salt=SIGNING_SALT)) is None


def test_the_json_list_offers_the_first_report_to_a_second_30_m_away(client, world):
    planted_report(world.a, **at(HERE))
    response = client.get(
        "/zh-hans/report/nearby.json",
        {"category": "EH-01", "lat": "34.264370", "lng": "117.184100"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    reports = response.json()["reports"]
    assert len(reports) == 1
    assert set(reports[0]) == {
        "id", "category", "summary", "state", "received", "distance"
    }  # fmt: skip
    assert reports[0]["distance"] == "约 30 米" and reports[0]["state"] == "已提交"
    body = response.content.decode()
    assert PLANTED_NAME not in body and PLANTED_PHONE not in body


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"category": "EH-01"},
        {"category": "EH-01", "lat": "abc", "lng": "117.18"},
        {"category": "EH-01", "lat": "NaN", "lng": "Infinity"},
        {"category": "EH-01", "lat": "1e400", "lng": "117.18"},
        {"category": "EH-01", "lat": "48.85", "lng": "2.35"},  # Paris
        {"category": "NOPE", "lat": "34.26", "lng": "117.18"},
        {"category": "x" * 5000, "lat": "34.26", "lng": "117.18"},
        {"category": "EH-01\x00", "lat": "34.26", "lng": "117.18"},
        {"category": "' OR 1=1 --", "lat": "34.26", "lng": "117.18"},
    ],
)
def test_bad_parameters_get_a_clear_400_and_never_a_500(client, world, query):
    response = client.get("/en/report/nearby.json", query)
    assert response.status_code == 400
    assert response.json() == {
        "error": "Give a category from the list and a point in China.",
        "reports": [],
    }


def test_the_json_list_is_rate_limited(client, world, settings):
    settings.PORTAL_RATE_LIMITS = {"report_nearby": "2/m"}
    query = {"category": "EH-01", "lat": "34.2641", "lng": "117.1841"}
    codes = [
        client.get(
            "/en/report/nearby.json", query, HTTP_ACCEPT="application/json"
        ).status_code
        for _i in range(3)
    ]
    assert codes == [200, 200, 429]
