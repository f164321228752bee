"""Open311 GeoReport v2 (participation/api/views.py): the field lists, service
definitions, filters, errors, keys and posts by partners."""

import json
from decimal import Decimal

import pytest
import time_machine

from participation.models import ApiKey, Report
from participation.reports.publication import publish
from participation.reports.staff_actions import accept, resolve
from tests.participation.api.spec import SPEC_REQUEST, SPEC_SERVICE
from tests.participation.report_builders import (
    PLANTED_EMAIL,
    PLANTED_NAME,
    PLANTED_PHONE,
    make_report,
    planted_report,
    staff_user,
)

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = set(SPEC_SERVICE)
REQUEST_FIELDS = set(SPEC_REQUEST)
API = "/api/open311/v2"


def get(client, path, **params):
    response = client.get(API + path, params)
    return response, json.loads(response.content)


def test_services_are_the_duty_items_with_every_georeport_field(client, world):
    response, services = get(client, "/services.json")
    assert (
        response.status_code == 200 and response["Content-Type"] == "application/json"
    )
    assert [s["service_code"] for s in services] == ["SR-01", "EH-01"]
    for service in services:
        assert set(service) == SERVICE_FIELDS
        assert service["metadata"] is True  # services/<code>.json describes it
        assert service["type"] in {"realtime", "batch", "blackbox"}
    assert services[0]["service_name"] == "占道经营劝导"
    assert services[0]["group"] == "市容秩序"


def test_a_service_definition_offers_the_kind_of_report(client, world):
    response, definition = get(client, "/services/SR-01.json")
    assert response.status_code == 200
    assert definition["service_code"] == "SR-01"
    (attribute,) = definition["attributes"]
    assert attribute["code"] == "kind" and attribute["datatype"] == "singlevaluelist"
    assert attribute["required"] is False and attribute["variable"] is True
    assert [value["key"] for value in attribute["values"]] == ["problem", "suggestion"]
    response, errors = get(client, "/services/XX-99.json")
    assert response.status_code == 404 and errors[0]["code"] == 404


def test_a_partner_may_post_a_suggestion_through_the_kind_attribute(client, world, key):
    data = {
        "api_key": key,
        "service_code": "SR-01",
        "address_id": str(world.a.pk),
        "description": "建议增设摊位疏导点。",
    }
    response, (created,) = post(client, **data, **{"attribute[kind]": "suggestion"})
    assert response.status_code == 201
    report = Report.objects.get(reference=created["service_request_id"])
    assert report.kind == "suggestion"
    response, errors = post(client, **data, **{"attribute[kind]": "complaint"})
    assert response.status_code == 400 and "attribute[kind]" in errors[0]["description"]
    assert Report.objects.count() == 1


def test_requests_carry_exactly_the_public_georeport_fields(client, world):
    officer = staff_user(world.a, "view_report", "change_report", "publish_report")
    report = planted_report(world.a).report
    accept(report, by=officer)
    response, requests = get(client, "/requests.json")
    assert response.status_code == 200
    (item,) = requests
    assert REQUEST_FIELDS <= set(item)
    assert set(item) - REQUEST_FIELDS == {"extended_attributes"}
    assert item["service_request_id"] == report.reference
    assert item["status"] == "open"
    assert item["extended_attributes"]["state"] == "accepted"
    assert item["service_code"] == "EH-01"
    assert item["description"] == ""  # nothing of the resident's words unpublished
    assert item["address"] == world.a.title and item["address_id"] == str(world.a.pk)
    assert item["requested_datetime"].endswith("+08:00")
    body = response.content.decode()
    for secret in (PLANTED_NAME, PLANTED_PHONE, PLANTED_EMAIL, "家门口"):
        assert secret not in body
    resolve(report, "已处理", by=officer)
    publish(report, by=officer, title="楼道堆物", text="3号楼楼道堆物已清理。")
    _response, (one,) = get(client, f"/requests/{report.reference}.json")
    assert one["status"] == "closed" and one["description"] == "3号楼楼道堆物已清理。"


def test_requests_filter_by_code_status_dates_and_page(client, world, settings):
    officer = staff_user(world.a, "view_report", "change_report")
    first = make_report(world.a, code="SR-01").report
    second = make_report(world.a).report
    accept(second, by=officer)
    resolve(second, "已处理", by=officer)
    _r, by_code = get(client, "/requests.json", service_code="SR-01")
    assert [r["service_request_id"] for r in by_code] == [first.reference]
    _r, closed = get(client, "/requests.json", status="closed")
    assert [r["service_request_id"] for r in closed] == [second.reference]
    _r, future = get(client, "/requests.json", start_date="2999-01-01T00:00:00Z")
    assert future == []
    _r, both = get(
        client, "/requests.json", start_date="2000-01-01", end_date="2999-12-31"
    )
    assert len(both) == 2
    _r, page_two = get(client, "/requests.json", page="2")
    assert page_two == []


def test_a_partner_pulls_changes_oldest_first_with_updated_after(client, world):
    officer = staff_user(world.a, "view_report", "change_report")
    with time_machine.travel("2026-05-01T09:00:00+08:00", tick=False):
        first = make_report(world.a).report
        second = make_report(world.a).report
    with time_machine.travel("2026-05-02T09:00:00+08:00", tick=False):
        accept(first, by=officer)  # the older report changed last
    _r, changes = get(
        client, "/requests.json", updated_after="2026-05-01T08:00:00+08:00"
    )
    assert [r["service_request_id"] for r in changes] == [
        second.reference,
        first.reference,
    ]
    last_seen = changes[0]["updated_datetime"]
    _r, newer = get(client, "/requests.json", updated_after=last_seen)
    assert [r["service_request_id"] for r in newer] == [first.reference]
    _r, until = get(client, "/requests.json", updated_before="2026-05-01")
    assert [r["service_request_id"] for r in until] == [second.reference]
    response, errors = get(
        client,
        "/requests.json",
        updated_after="2026-05-02",
        updated_before="2026-05-01",
    )
    assert response.status_code == 400 and errors[0]["code"] == 400


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"end_date": "2026-13-45"},
        {"start_date": "0001-01-01T00:00:00+14:00"},
        {"start_date": "2026-05-01T25:61:00"},
        {"status": "pending"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "abc"},
        {"start_date": "2026-05-02", "end_date": "2026-05-01"},
        {"address_id": "x"},
        {"service_request_id": ",".join(["AAAAAAAA"] * 60)},
        {"service_code": "SR\x0001"},
        {"updated_after": "soon"},
        {"updated_before": "2026-02-30"},
    ],
)
def test_bad_parameters_get_a_georeport_400_error_never_a_500(client, world, params):
    response, errors = get(client, "/requests.json", **params)
    assert response.status_code == 400
    assert errors[0]["code"] == 400 and errors[0]["description"]


def test_an_unknown_request_id_is_a_404_error_list(client, world):
    response, errors = get(client, "/requests/NOPE1234.json")
    assert response.status_code == 404 and errors[0]["code"] == 404
    response = client.get(API + "/nothing-here.xml")
    assert response.status_code == 404
    assert json.loads(response.content)[0]["code"] == 404


def post(client, **data):
    response = client.post(API + "/requests.json", data)
    return response, json.loads(response.content)


def test_a_post_without_or_with_a_bad_key_is_refused(client, world, key):
    base = {"service_code": "SR-01", "address_id": str(world.a.pk), "description": "x"}
    for bad in ({}, {"api_key": "wrong"}, {"api_key": key + "x"}):
        response, errors = post(client, **base, **bad)
        assert response.status_code == 403 and errors[0]["code"] == 403
    ApiKey.objects.update(revoked_at="2026-01-01T00:00:00Z")
    response, _errors = post(client, **base, api_key=key)
    assert response.status_code == 403
    assert Report.objects.count() == 0


def test_a_partner_posts_a_report_with_its_key(client, world, key):
    response, created = post(
        client,
        api_key=key,
        service_code="SR-01",
        address_id=str(world.a.pk),
        description="人行道上有流动摊贩。",
        first_name="三",
        last_name="张",
        phone="13800001111",
    )
    assert response.status_code == 201
    report = Report.objects.get(reference=created[0]["service_request_id"])
    assert report.source == "open311" and report.community_id == world.a.pk
    assert report.name == "张 三" and report.phone == "13800001111"
    assert report.response_due is not None
    assert created[0]["service_notice"]
    assert ApiKey.objects.get().last_used_at is not None


def test_a_partner_post_by_coordinates_finds_the_nearest_community(client, world, key):
    world.b.latitude, world.b.longitude = Decimal("34.3000"), Decimal("117.2500")
    world.b.save_revision().publish()
    for lat, long, nearest in (
        ("34.2645", "117.1838", world.a),
        ("34.2990", "117.2490", world.b),
    ):
        response, (created,) = post(
            client,
            api_key=key,
            service_code="EH-01",
            lat=lat,
            long=long,
            description="楼道堆物",
        )
        assert response.status_code == 201
        report = Report.objects.get(reference=created["service_request_id"])
        assert report.community_id == nearest.pk


@pytest.mark.parametrize(
    "overrides",
    [
        {"service_code": "XX-99"},
        {"address_id": "999999"},
        {"address_id": "", "lat": "abc", "long": "1"},
        {"address_id": "", "lat": "34.2"},
        {"address_id": "", "lat": "95", "long": "117"},
        {"description": ""},
        {"description": "长" * 2001},
        {"phone": "12"},
        {"email": "not-an-email"},
        {"description": "nul\x00byte"},
    ],
)
def test_bad_posts_are_400_and_store_nothing(client, world, key, overrides):
    data = {
        "api_key": key,
        "service_code": "SR-01",
        "address_id": str(world.a.pk),
        "description": "x",
        **overrides,
    }
    response, errors = post(client, **data)
    assert response.status_code == 400, errors
    assert errors[0]["code"] == 400
    assert Report.objects.count() == 0


def test_partner_posts_are_rate_limited_with_a_json_429(client, world, key, settings):
    settings.PORTAL_RATE_LIMITS = {"open311": "1/m", "default": "20/m"}
    data = {
        "api_key": key,
        "service_code": "SR-01",
        "address_id": str(world.a.pk),
        "description": "x",
    }
    assert post(client, **data)[0].status_code == 201
    response, errors = post(client, **data)
    assert response.status_code == 429 and errors[0]["code"] == 429
    assert Report.objects.count() == 1
