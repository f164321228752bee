"""GeoReport v2's XML (participation/api/renderers.py): every endpoint's `.xml`
carries the specification's element names, the same data as its `.json`, and errors
as `<errors><error>`."""

import json
from xml.etree import ElementTree

import pytest

from participation.api.renderers import GeoReportXMLRenderer
from participation.reports.publication import publish
from participation.reports.staff_actions import accept, resolve
from tests.participation.api.spec import (
    SPEC_ATTRIBUTE,
    SPEC_DISCOVERY,
    SPEC_ENDPOINT,
    SPEC_REQUEST,
    SPEC_SERVICE,
)
from tests.participation.report_builders import (
    PLANTED_EMAIL,
    PLANTED_NAME,
    PLANTED_PHONE,
    planted_report,
    staff_user,
)

pytestmark = pytest.mark.django_db

API = "/api/open311/v2"
# Ours beyond the specification (allowed by it as extensions).
EXTENSIONS = ["extended_attributes"]


def xml(client, path, **params):
    response = client.get(API + path, params)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    # Our own output, parsed to check its shape.
    return response, ElementTree.fromstring(response.content)  # noqa: S314


def children(element) -> list[str]:
    return [child.tag for child in element]


def published_report(world):
    officer = staff_user(world.a, "view_report", "change_report", "publish_report")
    report = planted_report(world.a).report
    accept(report, by=officer)
    resolve(report, "已处理", by=officer)
    publish(report, by=officer, title="楼道堆物", text="3号楼楼道堆物已清理。")
    return report


def test_services_xml_is_services_of_service_with_the_spec_fields(client, world):
    response, root = xml(client, "/services.xml")
    assert response.status_code == 200
    assert root.tag == "services" and set(children(root)) == {"service"}
    for service in root:
        assert children(service) == SPEC_SERVICE
        assert service.findtext("metadata") == "true"
    as_json = json.loads(client.get(API + "/services.json").content)
    assert [s.findtext("service_code") for s in root] == [
        s["service_code"] for s in as_json
    ]
    assert root[0].findtext("service_name") == as_json[0]["service_name"]


def test_a_service_definition_xml_has_attributes_of_attribute(client, world):
    _response, root = xml(client, "/services/SR-01.xml")
    assert root.tag == "service_definition"
    assert children(root) == ["service_code", "attributes"]
    (attribute,) = root.find("attributes")
    assert attribute.tag == "attribute" and children(attribute) == SPEC_ATTRIBUTE
    values = attribute.find("values")
    assert children(values) == ["value", "value"]
    assert [children(value) for value in values] == [["key", "name"]] * 2
    assert [value.findtext("key") for value in values] == ["problem", "suggestion"]


def test_requests_xml_is_service_requests_of_request_with_the_spec_fields(
    client, world
):
    report = published_report(world)
    response, root = xml(client, "/requests.xml")
    assert response.status_code == 200
    assert root.tag == "service_requests" and children(root) == ["request"]
    (request,) = root
    assert children(request) == SPEC_REQUEST + EXTENSIONS
    assert request.findtext("service_request_id") == report.reference
    assert request.findtext("status") == "closed"
    assert request.findtext("description") == "3号楼楼道堆物已清理。"
    assert request.findtext("address") == world.a.title
    assert request.find("extended_attributes").findtext("state") == "resolved"
    body = response.content.decode()
    for secret in (PLANTED_NAME, PLANTED_PHONE, PLANTED_EMAIL, "家门口"):
        assert secret not in body


def test_one_request_xml_is_a_list_of_one(client, world):
    report = published_report(world)
    _response, root = xml(client, f"/requests/{report.reference}.xml")
    assert root.tag == "service_requests"
    (request,) = root
    assert children(request) == SPEC_REQUEST + EXTENSIONS
    assert request.findtext("updated_datetime").endswith("+08:00")


def test_discovery_names_the_endpoint_and_both_formats(client, world):
    _response, root = xml(client, "/discovery.xml")
    assert root.tag == "discovery" and children(root) == SPEC_DISCOVERY
    (endpoint,) = root.find("endpoints")
    assert endpoint.tag == "endpoint" and children(endpoint) == SPEC_ENDPOINT
    assert endpoint.findtext("url") == "http://testserver/api/open311/v2"
    formats = [f.text for f in endpoint.find("formats")]
    assert formats == ["text/xml", "application/json"]
    as_json = json.loads(client.get(API + "/discovery.json").content)
    assert list(as_json) == SPEC_DISCOVERY
    assert as_json["endpoints"][0]["url"] == endpoint.findtext("url")


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/requests.xml", {"start_date": "yesterday"}, 400),
        ("/requests.xml", {"page": "0"}, 400),
        ("/requests.xml", {"service_code": "SR\x0001"}, 400),
        ("/requests/NOPE1234.xml", {}, 404),
        ("/services/XX-99.xml", {}, 404),
    ],
)
def test_xml_errors_are_errors_of_error_with_code_and_description(
    client, world, path, params, status
):
    response, root = xml(client, path, **params)
    assert response.status_code == status
    assert root.tag == "errors" and children(root) == ["error"]
    assert children(root[0]) == ["code", "description"]
    assert root[0].findtext("code") == str(status) and root[0].findtext("description")


def test_a_post_to_requests_xml_answers_in_xml(client, world, key):
    data = {"service_code": "SR-01", "address_id": str(world.a.pk), "description": "x"}
    response = client.post(API + "/requests.xml", {**data, "api_key": "wrong"})
    root = ElementTree.fromstring(response.content)  # noqa: S314
    assert response.status_code == 403 and root.tag == "errors"
    response = client.post(API + "/requests.xml", {**data, "api_key": key})
    root = ElementTree.fromstring(response.content)  # noqa: S314
    assert response.status_code == 201 and root.tag == "service_requests"
    assert children(root[0]) == ["service_request_id", "service_notice", "account_id"]


def test_text_xml_cannot_carry_is_left_out_not_a_server_error():
    renderer = GeoReportXMLRenderer()
    body = renderer.render([{"description": "堆物\x0b\x00已清理", "lat": None}])
    root = ElementTree.fromstring(body)  # noqa: S314
    assert root[0].findtext("description") == "堆物已清理"
    assert root[0].find("lat").text is None


def test_the_address_alone_chooses_the_format(client, world):
    response = client.get(API + "/services.json", HTTP_ACCEPT="application/xml")
    assert response.status_code == 200 and json.loads(response.content)
    response = client.get(API + "/services.xml", {"format": "json"})
    assert response.status_code == 200 and response.content.startswith(b"<?xml")
    response = client.get(API + "/openapi.json", {"format": "yaml"})
    assert response.status_code == 200 and "paths" in json.loads(response.content)
