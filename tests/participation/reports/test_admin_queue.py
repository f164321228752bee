"""The staff's queue (participation/reports/admin_queue.py, a Wagtail viewset):
bulk actions, filters, and the CSV export, with contact data only for those allowed
to see it."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from participation.models import ReportState
from portal.models import AuditEntry
from tests.participation.report_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    make_report,
    staff_user,
)

pytestmark = pytest.mark.django_db


def bulk_url(action: str, *ids: int) -> str:
    """Wagtail's address of a bulk action on the ticked reports."""
    query = "&".join(f"id={pk}" for pk in ids)
    return f"/admin/bulk/participation/report/{action}_reports/?{query}"


def test_bulk_actions_apply_to_each_ticked_report_and_log_each(
    client, world, staff_a, reports
):
    a, _b = reports
    second = make_report(world.a).report
    client.force_login(staff_a)
    response = client.post(
        bulk_url("accept", a.pk, second.pk), {"handling_mode": "management"}
    )
    assert response.status_code == 302
    for report in (a, second):
        report.refresh_from_db()
        assert report.state == ReportState.ACCEPTED
        accepted = report.events.get(to_state="accepted")
        assert accepted.actor == staff_a
        assert accepted.handling_mode == report.handling_mode == "management"
    client.post(
        bulk_url("triage", a.pk), {"level": "large", "handling_mode": "service"}
    )
    a.refresh_from_db()
    assert a.triage == "large"


def test_queue_filters_by_state_category_overdue_and_search(
    client, world, staff_a, reports
):
    a, _b = reports
    late = make_report(world.a, code="SR-01", now=timezone.now() - timedelta(days=7))
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
    export = client.get("/admin/reports/?export=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    assert a.reference in rows[1]
    assert PLANTED_PHONE not in export and PLANTED_NAME not in export


def test_allowed_staff_see_and_export_contact_data(client, world, reports):
    allowed = staff_user(world.a, "view_report", "view_report_personal_data")
    client.force_login(allowed)
    a, _b = reports
    assert PLANTED_PHONE in client.get(f"/admin/reports/{a.pk}/").content.decode()
    export = client.get("/admin/reports/?export=csv").content.decode("utf-8-sig")
    assert PLANTED_PHONE in export and PLANTED_NAME in export


def test_every_filter_input_is_typed_so_the_admin_styles_it(client, staff_a, reports):
    client.force_login(staff_a)
    page = client.get("/admin/reports/").content.decode()
    for name in ("category", "q"):
        assert f'type="text" name="{name}"' in page, name
    assert 'type="date" name="date_from"' in page
    assert 'type="date" name="date_to"' in page
    assert '<input name="' not in page  # none without a type


def test_the_date_filter_keeps_reports_received_in_the_range(
    client, world, staff_a, reports
):
    a, _b = reports
    old = make_report(world.a, now=timezone.now() - timedelta(days=30)).report
    client.force_login(staff_a)
    today = timezone.localdate().isoformat()
    page = client.get(f"/admin/reports/?date_from={today}&date_to={today}")
    body = page.content.decode()
    assert a.reference in body and old.reference not in body


def test_the_export_names_columns_and_choices_in_words_and_is_audited(
    client, staff_a, reports
):
    a, _b = reports
    client.force_login(staff_a)
    export = client.get("/admin/reports/?state=all&export=csv&lang=zh-hans")
    header, row = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert "不开放" not in header and "immediate" not in row
    assert "coordinate" not in row and "submitted" not in row
    xlsx = client.get("/admin/reports/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(verb="reports.export", user=staff_a).count() == 2


def test_a_bulk_action_leaves_reports_whose_state_forbids_it_and_names_them(
    client, world, staff_a, reports
):
    a, _b = reports
    client.force_login(staff_a)
    response = client.post(
        bulk_url("start", a.pk), {"handling_mode": "service"}, follow=True
    )
    a.refresh_from_db()
    assert a.state == ReportState.SUBMITTED
    assert a.reference in response.content.decode()
    assert not a.events.filter(actor=staff_a).exists()


def test_the_queue_filters_and_shows_late_replies_apart_from_late_completion(
    client, world, staff_a, officer
):
    from participation.reports.staff_actions import accept, reply

    week_ago = timezone.now() - timedelta(days=7)
    unanswered = make_report(world.a, code="SR-01", now=week_ago).report
    answered = make_report(world.a, code="SR-01", now=week_ago).report
    accept(answered, by=officer)
    reply(answered, "已安排。", by=officer)
    client.force_login(staff_a)
    late_reply = client.get("/admin/reports/?overdue=response").content.decode()
    assert unanswered.reference in late_reply and answered.reference not in late_reply
    late_done = client.get("/admin/reports/?overdue=completion").content.decode()
    assert unanswered.reference in late_done and answered.reference in late_done
    queue = client.get("/admin/reports/")
    rows = {
        row.select_one("a").text.strip(): row.get_text(" ")
        for row in BeautifulSoup(queue.content, "html.parser").select("tbody tr")
    }
    assert "答复超时" in rows[unanswered.reference]
    assert "办结超时" in rows[unanswered.reference]
    assert "答复超时" not in rows[answered.reference]
    assert "办结超时" in rows[answered.reference]
