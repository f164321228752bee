"""Reports routed by boundary (participation/reports/routing.py): a point from the
form's GPS button or an Open311 lat/long goes to the community whose boundary holds
it, not to the nearest station; outside every boundary to the nearest station with a
note to the staff; a point outside China is refused (Open311) or ignored (form)."""

import json
from types import SimpleNamespace

import pytest
from django.test import Client

from participation.models import Report
from participation.reports.models import EventKind
from tests.factories import UserFactory
from tests.notices.list_builders import duty_list
from tests.notices.map_builders import mapped_tree
from tests.participation.report_builders import api_key, form_data

pytestmark = pytest.mark.django_db

OPEN311 = "/api/open311/v2/requests.json"
# 幸福社区's north-east corner: 光明社区's station is ~100 m away, 幸福社区's 1.3 km.
INSIDE_XINGFU = {"latitude": "27.709500", "longitude": "112.009500"}
NORTH_OF_THE_CITY = {"latitude": "27.730000", "longitude": "112.015000"}


@pytest.fixture
def city(bilingual_site, recorded_sms):
    _index, _district, _sub, pages = mapped_tree(bilingual_site)
    duty_list(bilingual_site.home_zh)
    return pages


def report_from(client, community, **point) -> Report:
    data = form_data(SimpleNamespace(a=community), **point)
    response = client.post("/zh-hans/report/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.get()


def test_a_pin_inside_a_boundary_decides_the_community_over_the_nearer_station(
    client, city
):
    # The resident scanned 光明社区's poster but pinned a place inside 幸福社区.
    report = report_from(client, city["光明社区"], **INSIDE_XINGFU)
    assert report.community_id == city["幸福社区"].pk
    notes = [event.text for event in report.events.filter(kind=EventKind.NOTE)]
    # Staff are told the pin and the poster disagree; nothing says "outside".
    assert len(notes) == 1
    assert "光明社区" in notes[0] and "幸福社区" in notes[0]
    assert "不在任何社区的边界内" not in notes[0]


def test_a_pin_outside_every_boundary_goes_to_the_nearest_station_with_a_note(
    client, city
):
    report = report_from(client, city["幸福社区"], **NORTH_OF_THE_CITY)
    assert report.community_id == city["朝阳社区"].pk
    note = report.events.get(kind=EventKind.NOTE, text__contains="边界")
    assert not note.public and note.actor is None
    assert "不在任何社区的边界内" in note.text and "1.7" in note.text
    staff = UserFactory(is_staff=True, is_superuser=True)
    staff.save()
    client.force_login(staff)
    page = client.get(f"/admin/reports/{report.pk}/").content.decode()
    assert "不在任何社区的边界内" in page


def test_a_form_without_a_pin_or_with_one_outside_china_keeps_its_community(
    client, city
):
    report = report_from(
        client, city["光明社区"], latitude="48.850000", longitude="2.350000"
    )
    assert report.community_id == city["光明社区"].pk
    assert report.latitude is None and not report.events.filter(kind="note").exists()


def test_without_boundaries_the_form_keeps_the_community_it_names(
    bilingual_site, recorded_sms, client
):
    _index, _district, _sub, pages = mapped_tree(bilingual_site, boundaries=False)
    duty_list(bilingual_site.home_zh)
    # Nearer 光明社区's station, but no boundary says where it is: the poster's.
    report = report_from(client, pages["幸福社区"], **INSIDE_XINGFU)
    assert report.community_id == pages["幸福社区"].pk
    assert not report.events.filter(kind=EventKind.NOTE).exists()


def post(**data):
    response = Client().post(OPEN311, data)
    return response, json.loads(response.content)


def test_open311_lat_long_inside_a_boundary_goes_to_that_community(city):
    key = api_key("partner-key-0123456789abcdefghijklmnop")
    lat, long = INSIDE_XINGFU["latitude"], INSIDE_XINGFU["longitude"]
    response, (created,) = post(
        api_key=key, service_code="EH-01", lat=lat, long=long, description="楼道堆物"
    )
    assert response.status_code == 201
    report = Report.objects.get(reference=created["service_request_id"])
    assert report.community_id == city["幸福社区"].pk


def test_open311_outside_every_boundary_goes_to_the_nearest_with_a_note(city):
    key = api_key("partner-key-0123456789abcdefghijklmnop")
    response, (created,) = post(
        api_key=key,
        service_code="EH-01",
        lat=NORTH_OF_THE_CITY["latitude"],
        long=NORTH_OF_THE_CITY["longitude"],
        description="楼道堆物",
    )
    assert response.status_code == 201
    report = Report.objects.get(reference=created["service_request_id"])
    assert report.community_id == city["朝阳社区"].pk
    assert report.events.filter(kind=EventKind.NOTE).count() == 1


def test_open311_refuses_a_point_outside_china_and_stores_nothing(city):
    key = api_key("partner-key-0123456789abcdefghijklmnop")
    response, errors = post(
        api_key=key, service_code="EH-01", lat="48.85", long="2.35", description="x"
    )
    assert response.status_code == 400
    assert (
        "outside China" in errors[0]["description"]
        or "中国" in errors[0]["description"]
    )
    assert not Report.objects.exists()
