"""The resident's contact data (participation/reports/contact_data.py): erased on
their request, and purged after the retention period."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from participation.models import Report
from participation.reports.contact_data import delete_contact, purge_contacts
from participation.reports.staff_actions import accept, close
from tests.participation.report_builders import PLANTED_NAME, PLANTED_PHONE, make_report

pytestmark = pytest.mark.django_db


def test_the_resident_can_delete_their_contact_data(world):
    report = make_report(
        world.a, name=PLANTED_NAME, phone=PLANTED_PHONE, consent=True
    ).report
    assert delete_contact(report, reason="resident")
    report.refresh_from_db()
    assert (report.name, report.phone, report.email) == ("", "", "")
    assert report.contact_deleted_at is not None


def test_contact_data_is_purged_after_the_retention_period(world, officer, settings):
    settings.PORTAL_REPORT_CONTACT_RETENTION_DAYS = 180
    old = make_report(world.a, name=PLANTED_NAME, phone=PLANTED_PHONE, consent=True)
    recent = make_report(world.a, name="王五", phone="13700000000", consent=True)
    for submitted in (old, recent):
        accept(submitted.report, by=officer)
        close(submitted.report, by=officer)
    Report.objects.filter(pk=old.report.pk).update(
        closed_at=timezone.now() - timedelta(days=181)
    )
    assert purge_contacts() == 1
    old.report.refresh_from_db()
    recent.report.refresh_from_db()
    assert old.report.phone == "" and recent.report.phone == "13700000000"
    Report.objects.filter(pk=recent.report.pk).update(
        closed_at=timezone.now() - timedelta(days=31)
    )
    call_command("purge_report_contacts", "--days", "30")
    recent.report.refresh_from_db()
    assert recent.report.phone == "" and recent.report.name == ""
