"""Who sees what (participation/reports/permissions.py), by every admin URL: staff of
community A never reach a report of community B; without the permission nothing;
view-only staff cannot act; a superuser sees every community."""

import pytest

from participation.models import ReportState
from tests.participation.report_builders import denied, staff_user

pytestmark = pytest.mark.django_db


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
    export = client.get(f"/admin/reports/?state=all&export=csv&community={world.b.pk}")
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
    bulk = client.post(
        f"/admin/bulk/participation/report/close_reports/?id={b.pk}",
        {"handling_mode": "service"},
    )
    assert denied(bulk)
    b.refresh_from_db()
    assert b.state == ReportState.SUBMITTED
    assert b.events.count() == 1  # only "received"


def test_a_report_of_b_cannot_be_named_as_the_original_of_a_duplicate(
    client, staff_a, reports, act
):
    a, b = reports
    client.force_login(staff_a)
    response = act(client, a, "duplicate", {"duplicate-original": b.reference})
    assert response.status_code == 400
    assert (
        "您负责的社区中没有" in response.content.decode()
        or "in your communities" in (response.content.decode())
    )
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


def test_view_only_staff_cannot_act(client, world, reports):
    viewer = staff_user(world.a, "view_report")
    client.force_login(viewer)
    a = reports[0]
    assert client.get(f"/admin/reports/{a.pk}/").status_code == 200
    assert denied(client.post(f"/admin/reports/{a.pk}/start/"))
    a.refresh_from_db()
    assert a.state == ReportState.SUBMITTED
