"""Issue 22: no 500 from any parameter. Each address below answered 500 before
portal/params.py; now a bad value is a 400 in the visitor's language (the site's
error page, JSON for the pages API, a GeoReport error list for Open311) or, on staff
filters, is ignored."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages

from participation.models import Report, ReportState
from tests.notices.event_builders import notice_index
from tests.notices.station_builders import directory
from tests.participation.report_builders import (
    api_key,
    build_world,
    make_report,
    staff_user,
)
from tests.portal.role_builders import build_city, role_user

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "%C2%B2"  # "²": str.isdigit() says yes, int() says no


def problems(response) -> str:
    return response.content.decode()


def test_a_nul_in_the_notice_tag_is_a_chinese_400_page(client, bilingual_site):
    notice_index(bilingual_site.home_zh)
    response = client.get("/zh-hans/notices/?tag=%00")
    assert response.status_code == 400
    assert "网址有误" in problems(response)
    assert "tag：" in problems(response) or "tag: " in problems(response)


def test_a_nul_in_the_station_search_is_a_400_page(client, bilingual_site):
    directory(bilingual_site.home_zh)
    response = client.get("/zh-hans/stations/?q=%00")
    assert response.status_code == 400
    assert "不能包含空字符" in problems(response)


def test_a_nul_search_in_the_pages_api_is_a_json_400(client, bilingual_site):
    response = client.get("/api/v2/pages/?search=%00")
    assert response.status_code == 400
    assert response.json()["message"].startswith("search")


def test_a_nul_locale_in_the_pages_api_is_a_json_400(client, bilingual_site):
    response = client.get("/api/v2/pages/?locale=%00")
    assert response.status_code == 400
    assert response.json()["message"].startswith("locale")


def test_a_huge_offset_in_the_pages_api_is_a_json_400(client, bilingual_site):
    response = client.get("/api/v2/pages/?offset=99999999999999999999999")
    assert response.status_code == 400
    assert response.json()["message"].startswith("offset")
    listing = client.get("/api/v2/pages/?offset=0&limit=5")
    assert listing.status_code == 200 and listing.json()["meta"]["total_count"] >= 1


def test_a_nul_open311_request_id_is_a_georeport_400(client, bilingual_site):
    response = client.get("/api/open311/v2/requests/%00.json")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


def test_a_superscript_open311_page_is_a_georeport_400(client, bilingual_site):
    response = client.get("/api/open311/v2/requests.json?page=%C2%B9%C2%B2%C2%B3")
    assert response.status_code == 400
    errors = response.json()
    assert errors[0]["code"] == 400 and "page" in errors[0]["description"]


def test_a_superscript_community_in_site_search_is_explained_on_the_page(
    client, bilingual_site
):
    response = client.get(f"/en/search/?q=a&community={SUPERSCRIPT_TWO}")
    assert response.status_code == 400
    assert "The community must be given by its number." in problems(response)


def test_a_superscript_community_on_the_honour_roll_is_a_400_page(
    client, bilingual_site
):
    response = client.get(
        f"/zh-hans/volunteer/honour-roll/?community={SUPERSCRIPT_TWO}"
    )
    assert response.status_code == 400
    assert "community" in problems(response)


def test_the_400_page_speaks_english_on_english_addresses(client, bilingual_site):
    response = client.get(f"/en/volunteer/honour-roll/?community={SUPERSCRIPT_TWO}")
    assert response.status_code == 400
    assert "The address is not valid" in problems(response)


def test_an_id_beyond_a_bigint_in_a_path_is_no_address(client, bilingual_site):
    response = client.get("/zh-hans/feeds/events/99999999999999999999999.ics")
    assert response.status_code == 404


# Open311 POST


@pytest.fixture
def world(bilingual_site):
    return build_world(bilingual_site)


@pytest.fixture
def partner_key(db) -> str:
    return api_key("partner-key-params-0123456789abcdef")


@pytest.mark.parametrize("value", ["1e999", "nan", "-inf", "91"])
def test_an_open311_post_with_an_impossible_latitude_is_a_400_storing_nothing(
    client, world, partner_key, value
):
    response = client.post(
        "/api/open311/v2/requests.json",
        {
            "api_key": partner_key,
            "service_code": "SR-01",
            "lat": value,
            "long": "117.18",
            "description": "楼道堆物",
        },
    )
    assert response.status_code == 400
    assert json.loads(response.content)[0]["code"] == 400
    assert Report.objects.count() == 0


# Staff screens: a filter that cannot be read is ignored, never a 500.


@pytest.fixture
def moderator(world):
    return staff_user(world.a, "view_report", "change_report", username="params_mod")


def test_a_superscript_community_filter_in_the_report_queue_is_ignored(
    client, world, moderator
):
    report = make_report(world.a).report
    client.force_login(moderator)
    response = client.get(f"/admin/reports/?community={SUPERSCRIPT_TWO}")
    assert response.status_code == 200
    assert report.reference in problems(response)


def test_a_superscript_community_in_the_report_export_is_ignored(
    client, world, moderator
):
    report = make_report(world.a).report
    client.force_login(moderator)
    response = client.get(
        f"/admin/reports/?state=all&export=csv&community={SUPERSCRIPT_TWO}"
    )
    assert response.status_code == 200
    assert report.reference in response.content.decode("utf-8-sig")


def test_superscript_ids_in_a_bulk_action_change_nothing(client, world, moderator):
    report = make_report(world.a).report
    client.force_login(moderator)
    response = client.post(
        f"/admin/bulk/participation/report/accept_reports/?id={report.pk}&id=²"
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    levels = [message.level_tag for message in get_messages(response.wsgi_request)]
    assert levels == ["error"]


def test_a_superscript_community_filter_in_the_volunteer_list_is_ignored(client, world):
    coordinator = staff_user(world.a, username="params_coord")
    coordinator.is_superuser = True
    coordinator.save()
    client.force_login(coordinator)
    response = client.get(f"/admin/volunteers/?community={SUPERSCRIPT_TWO}&p=%C2%B9")
    unfiltered = client.get("/admin/volunteers/")
    assert response.status_code == 200

    def rows(answer) -> list[str]:
        soup = BeautifulSoup(answer.content, "html.parser")
        return [row.get_text(" ", strip=True) for row in soup.select("table tr")]

    assert rows(response) == rows(unfiltered)  # the filter is ignored, not applied
    response = client.get(f"/admin/volunteers/?export=csv&team={SUPERSCRIPT_TWO}")
    assert response.status_code == 200
    assert response.content == client.get("/admin/volunteers/?export=csv").content


@pytest.mark.parametrize("community", ["²", "99999999999999999999999"])
def test_an_area_editor_posting_an_impossible_community_gets_a_form_error_not_a_500(
    client, bilingual_site, community
):
    city = build_city(bilingual_site)
    client.force_login(role_user("editor", city.a))
    event = city.event["A"]
    response = client.post(
        f"/admin/pages/{event.pk}/edit/", {"title": event.title, "community": community}
    )
    # No community the editor works for: the form says so, nothing is saved.
    assert response.status_code == 200
    assert city.a.title in " ".join(response.context["form"].errors["community"])
    event.refresh_from_db()
    assert event.community_id == city.a.pk
