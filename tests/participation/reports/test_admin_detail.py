"""One report in the admin (participation/reports/admin_detail.py): the staff's
actions from the report's page, each logged with who did it and why; a bad one shows
the page again with the error; contact data masked without the permission."""

import pytest

from participation.models import Report, ReportState
from participation.reports.models import EventKind

pytestmark = pytest.mark.django_db


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


def test_a_masked_name_does_not_reveal_how_long_it_is(client, staff_a, reports):
    a, _b = reports
    Report.objects.filter(pk=a.pk).update(name="王伟")
    client.force_login(staff_a)
    page = client.get(f"/admin/reports/{a.pk}/").content.decode()
    assert "王伟" not in page and "王**" in page
