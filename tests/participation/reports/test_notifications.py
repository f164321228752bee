"""Telling people about reports (participation/reports/notifications.py): the
resident by email and SMS when they left a contact, staff in a daily digest of their
own communities' new and late reports."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from participation.reports.notifications import send_report_digest
from participation.reports.staff_actions import reply
from tests.participation.report_builders import PLANTED_PHONE, make_report, staff_user

pytestmark = pytest.mark.django_db


def test_the_resident_gets_the_link_by_email_and_sms_and_news_later(
    world, officer, recorded_sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = make_report(
            world.a, phone=PLANTED_PHONE, email="resident@example.org", consent=True
        )
    assert len(mail.outbox) == 1
    assert submitted.report.reference in mail.outbox[0].subject
    assert f"/report/track/{submitted.token}/" in mail.outbox[0].body
    assert recorded_sms[0][0] == PLANTED_PHONE
    assert submitted.report.reference in recorded_sms[0][1]
    with django_capture_on_commit_callbacks(execute=True):
        reply(submitted.report, "已安排人员。", by=officer)
    assert len(mail.outbox) == 2 and len(recorded_sms) == 2
    assert "已安排人员" not in mail.outbox[1].body  # read it on the private page


def test_no_contact_no_message(world, recorded_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_report(world.a)
    assert mail.outbox == [] and recorded_sms == []


def test_the_daily_digest_lists_each_users_own_new_and_late_reports(world):
    user_a = staff_user(world.a, "view_report", username="staff_a")
    user_b = staff_user(world.b, "view_report", username="staff_b")
    user_b.email = ""
    user_b.save()
    late = make_report(world.a, now=timezone.now() - timedelta(days=10)).report
    other = make_report(world.b).report
    assert send_report_digest.call() == 1
    assert mail.outbox[0].to == [user_a.email]
    assert late.reference in mail.outbox[0].body
    assert other.reference not in mail.outbox[0].body
    call_command("send_report_digest")
    assert len(mail.outbox) == 2


def test_the_reports_admin_page_lists_its_messages_without_the_full_number(
    client, world, officer, recorded_sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = make_report(world.a, phone=PLANTED_PHONE, consent=True)
        reply(submitted.report, "已安排人员。", by=officer)
    assert len(recorded_sms) == 2  # received, then the reply: two keys, two texts
    client.force_login(officer)
    page = client.get(f"/admin/reports/{submitted.report.pk}/").content.decode()
    assert "已发消息" in page and "report_received" in page and "report_reply" in page
    assert "已发送" in page
    assert PLANTED_PHONE not in page.split("已发消息")[1]
    assert f"{PLANTED_PHONE[:3]}****{PLANTED_PHONE[-4:]}" in page


def test_a_notification_task_run_twice_sends_nothing_more(
    world, recorded_sms, django_capture_on_commit_callbacks
):
    from participation.reports.notifications import notify_resident

    submitted = make_report(world.a, phone=PLANTED_PHONE, consent=True)
    notify_resident.call(submitted.report.pk, "received", submitted.token)
    notify_resident.call(submitted.report.pk, "received", submitted.token)
    assert len(recorded_sms) == 1
