"""The staff side: the queue, actions, bulk actions, export, dashboard and API keys,
and that staff of community A never reach a report of community B."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from participation.models import ApiKey, Report, ReportState
from participation.models.reports import EventKind
from participation.photos import clean_photo
from participation.reports import find_item, submit_report
from participation.sms import RecordingSmsSender
from participation.submissions import hash_token
from tests.participation.report_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    build_world,
    jpeg_with_gps,
    make_report,
    staff_user,
)
from tests.participation.test_photos import upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quiet(settings, tmp_path):
    settings.PORTAL_SMS_BACKEND = "participation.sms.RecordingSmsSender"
    settings.MEDIA_ROOT = tmp_path / "media"
    RecordingSmsSender.outbox = []


@pytest.fixture
def world(bilingual_site):
    return build_world(bilingual_site)


@pytest.fixture
def staff_a(world):
    return staff_user(world.a, "view_report", "change_report", username="staff_a")


@pytest.fixture
def reports(world):
    a = make_report(
        world.a, name=PLANTED_NAME, phone=PLANTED_PHONE, consent=True
    ).report
    b = submit_report(
        community=world.b,
        item=find_item("SR-01"),
        description="滨湖社区的报告",
        location="滨湖路",
        photos=[clean_photo(upload(jpeg_with_gps()))],
    ).report
    return a, b


def denied(response) -> bool:
    """Wagtail answers a refused admin request by sending the user back to the
    dashboard with a message (or 403); never with the page or a success redirect."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


# Community scoping, by every URL


def test_the_queue_lists_only_the_users_communities(client, world, staff_a, reports):
    a, b = reports
    client.force_login(staff_a)
    page = client.get("/admin/reports/").content.decode()
    assert a.reference in page and b.reference not in page
    everything = client.get("/admin/reports/?state=all&q=滨湖").content.decode()
    assert b.reference not in everything
    by_id = client.get(f"/admin/reports/?community={world.b.pk}").content.decode()
    assert b.reference not in by_id


def test_staff_of_a_cannot_open_export_or_act_on_a_report_of_b(
    client, world, staff_a, reports
):
    _a, b = reports
    client.force_login(staff_a)
    photo = b.photos.get()
    for url in (
        f"/admin/reports/{b.pk}/",
        f"/admin/reports/{b.pk}/photos/{photo.pk}/",
    ):
        assert denied(client.get(url)), url
    export = client.get(f"/admin/reports/export.csv?state=all&community={world.b.pk}")
    assert b.reference not in export.content.decode()
    actions = {
        "accept": {"accept-note": "x"},
        "reply": {"reply-text": "x"},
        "note": {"note-text": "x"},
        "triage": {"triage-level": "small"},
        "assign": {"assign-station": str(world.a.pk)},
        "state": {"state-state": "accepted", "state-reason": "x"},
        "resolve": {"resolve-text": "x"},
        "refer": {"refer-department": "x"},
        "escalate": {"escalate-department": "x"},
        "close": {"close-reason": "x"},
        "duplicate": {"duplicate-original": b.reference},
        "publish": {"publish-title": "t", "publish-text": "t"},
        "start": {},
        "unpublish": {},
    }
    for action, data in actions.items():
        response = client.post(f"/admin/reports/{b.pk}/{action}/", data)
        assert denied(response), action
    bulk = client.post("/admin/reports/bulk/", {"action": "close", "ids": [b.pk]})
    assert denied(bulk)
    b.refresh_from_db()
    assert b.state == ReportState.SUBMITTED
    assert b.events.count() == 1  # only "received"


def test_a_report_of_b_cannot_be_named_as_the_original_of_a_duplicate(
    client, staff_a, reports
):
    a, b = reports
    client.force_login(staff_a)
    response = client.post(
        f"/admin/reports/{a.pk}/duplicate/", {"duplicate-original": b.reference}
    )
    assert response.status_code == 400
    a.refresh_from_db()
    assert a.state == ReportState.SUBMITTED


def test_users_without_the_permission_see_no_reports_at_all(client, world, reports):
    nobody = staff_user(world.a)
    client.force_login(nobody)
    assert denied(client.get("/admin/reports/"))
    assert denied(client.get(f"/admin/reports/{reports[0].pk}/"))


def test_a_superuser_sees_every_community(client, django_user_model, reports):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "x" * 12)
    client.force_login(boss)
    page = client.get("/admin/reports/").content.decode()
    assert all(report.reference in page for report in reports)


# Actions, all logged with who and when


def test_staff_accept_triage_assign_reply_and_resolve_from_the_report_page(
    client, world, staff_a, reports
):
    a, _b = reports
    client.force_login(staff_a)
    url = f"/admin/reports/{a.pk}/"
    assert client.post(url + "accept/", {"accept-note": "已受理"}).status_code == 302
    assert client.post(url + "triage/", {"triage-level": "medium"}).status_code == 302
    assert (
        client.post(url + "assign/", {"assign-station": str(world.a.pk)}).status_code
        == 302
    )
    assert client.post(url + "reply/", {"reply-text": "明天处理"}).status_code == 302
    assert client.post(url + "note/", {"note-text": "内部备注"}).status_code == 302
    assert client.post(url + "resolve/", {"resolve-text": "已清理"}).status_code == 302
    a.refresh_from_db()
    assert a.state == ReportState.RESOLVED and a.triage == "medium"
    assert a.assigned_station_id == world.a.pk
    kinds = list(a.events.exclude(actor=None).values_list("kind", flat=True))
    assert set(kinds) >= {"state", "triage", "assigned", "reply", "note"}
    assert set(a.events.exclude(actor=None).values_list("actor", flat=True)) == {
        staff_a.pk
    }
    page = client.get(url).content.decode()
    assert "内部备注" in page and staff_a.username in page


def test_a_bad_action_shows_the_report_again_with_the_error(client, staff_a, reports):
    a, _b = reports
    client.force_login(staff_a)
    response = client.post(f"/admin/reports/{a.pk}/state/", {"state-state": "rejected"})
    assert response.status_code == 400
    assert "resident will see it" in response.content.decode() or "居民" in (
        response.content.decode()
    )
    a.refresh_from_db()
    assert a.state == ReportState.SUBMITTED


def test_view_only_staff_cannot_act(client, world, reports):
    viewer = staff_user(world.a, "view_report")
    client.force_login(viewer)
    a = reports[0]
    assert client.get(f"/admin/reports/{a.pk}/").status_code == 200
    assert denied(client.post(f"/admin/reports/{a.pk}/start/"))
    a.refresh_from_db()
    assert a.state == ReportState.SUBMITTED


def test_bulk_actions_apply_to_each_ticked_report_and_log_each(
    client, world, staff_a, reports
):
    a, _b = reports
    second = make_report(world.a).report
    client.force_login(staff_a)
    response = client.post(
        "/admin/reports/bulk/", {"action": "accept", "ids": [a.pk, second.pk]}
    )
    assert response.status_code == 302
    for report in (a, second):
        report.refresh_from_db()
        assert report.state == ReportState.ACCEPTED
        assert report.events.get(to_state="accepted").actor == staff_a
    client.post("/admin/reports/bulk/", {"action": "triage_large", "ids": [a.pk]})
    a.refresh_from_db()
    assert a.triage == "large"


def test_queue_filters_by_state_category_overdue_and_search(
    client, world, staff_a, reports
):
    a, _b = reports
    late = make_report(world.a, code="SR-01", now=timezone.now() - timedelta(days=2))
    client.force_login(staff_a)
    overdue = client.get("/admin/reports/?overdue=1").content.decode()
    assert late.report.reference in overdue and a.reference not in overdue
    by_code = client.get("/admin/reports/?category=EH-01").content.decode()
    assert a.reference in by_code and late.report.reference not in by_code
    search = client.get(f"/admin/reports/?q={a.reference}").content.decode()
    assert a.reference in search and late.report.reference not in search
    closed = client.get("/admin/reports/?state=closed").content.decode()
    assert a.reference not in closed
    odd = client.get("/admin/reports/?q=%00&category=%00&date_from=2026-99-99&page=x")
    assert odd.status_code == 200


# Personal data: masked and left out of the export unless allowed


def test_contact_data_is_masked_and_not_exported_without_the_permission(
    client, staff_a, reports
):
    a, _b = reports
    client.force_login(staff_a)
    page = client.get(f"/admin/reports/{a.pk}/").content.decode()
    assert PLANTED_PHONE not in page and "139****5678" in page
    assert PLANTED_NAME not in page and "李**" in page
    export = client.get("/admin/reports/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    assert a.reference in rows[1]
    assert PLANTED_PHONE not in export and PLANTED_NAME not in export


def test_a_masked_name_does_not_reveal_how_long_it_is(client, staff_a, reports):
    a, _b = reports
    Report.objects.filter(pk=a.pk).update(name="王伟")
    client.force_login(staff_a)
    page = client.get(f"/admin/reports/{a.pk}/").content.decode()
    assert "王伟" not in page and "王**" in page


def test_allowed_staff_see_and_export_contact_data(client, world, reports):
    allowed = staff_user(world.a, "view_report", "view_report_personal_data")
    client.force_login(allowed)
    a, _b = reports
    assert PLANTED_PHONE in client.get(f"/admin/reports/{a.pk}/").content.decode()
    export = client.get("/admin/reports/export.csv").content.decode("utf-8-sig")
    assert PLANTED_PHONE in export and PLANTED_NAME in export


# The dashboard


def test_an_overdue_report_shows_on_the_admin_dashboard(client, world, staff_a):
    late = make_report(world.a, code="SR-01", now=timezone.now() - timedelta(days=2))
    fresh = make_report(world.a)
    other_late = make_report(
        world.b, code="SR-01", now=timezone.now() - timedelta(days=2)
    )
    client.force_login(staff_a)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one("#reports-panel-title").find_parent("section")
    text = panel.get_text(" ")
    assert late.report.reference in text and fresh.report.reference in text
    assert other_late.report.reference not in text
    assert "1" in panel.select("a")[1].text  # one late report


# Partners' API keys


def test_api_keys_are_shown_once_and_stored_only_as_a_hash(client, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "x" * 12)
    client.force_login(boss)
    response = client.post("/admin/open311-keys/", {"name": "12345热线平台"})
    soup = BeautifulSoup(response.content, "html.parser")
    key = soup.select_one("code").text
    stored = ApiKey.objects.get()
    assert stored.key_hash == hash_token(key) and key not in stored.key_hash
    assert key not in client.get("/admin/open311-keys/").content.decode()
    client.post("/admin/open311-keys/", {"revoke": str(stored.pk)})
    stored.refresh_from_db()
    assert not stored.is_active


def test_only_key_managers_reach_the_keys_page(client, world):
    client.force_login(staff_user(world.a, "view_report", "change_report"))
    assert denied(client.get("/admin/open311-keys/"))


def test_every_staff_action_is_in_the_log_with_its_reason(client, staff_a, reports):
    a, _b = reports
    client.force_login(staff_a)
    client.post(
        f"/admin/reports/{a.pk}/refer/",
        {"refer-department": "区市场监管局", "refer-reason": "属于食品安全"},
    )
    event = Report.objects.get(pk=a.pk).events.get(kind=EventKind.STATE)
    assert event.actor == staff_a and "区市场监管局" in event.text
    assert "属于食品安全" in event.text and event.created_at is not None
