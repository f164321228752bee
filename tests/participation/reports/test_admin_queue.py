"""The staff's queue (participation/reports/admin_queue.py): bulk actions, filters,
and the CSV export, with contact data only for those allowed to see it."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from participation.models import ReportState
from tests.participation.report_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    make_report,
    staff_user,
)

pytestmark = pytest.mark.django_db


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


def test_allowed_staff_see_and_export_contact_data(client, world, reports):
    allowed = staff_user(world.a, "view_report", "view_report_personal_data")
    client.force_login(allowed)
    a, _b = reports
    assert PLANTED_PHONE in client.get(f"/admin/reports/{a.pk}/").content.decode()
    export = client.get("/admin/reports/export.csv").content.decode("utf-8-sig")
    assert PLANTED_PHONE in export and PLANTED_NAME in export
