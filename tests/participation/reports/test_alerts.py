"""Alerts to staff (participation/reports/alerts.py): a new report reaches the staff
on duty in its community on the channel each chose, and deadlines remind the
assignee and the station head at 50%, 90% and when missed, once each."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notices.models import CommunityStaff
from participation.models import AlertSetting, Notification, Report
from participation.reports.alerts import check_deadlines, on_duty_accounts, reached
from tests.notices.station_builders import staff
from tests.participation.report_builders import make_report, staff_user

pytestmark = pytest.mark.django_db

EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]


def link_account(community, username, days=EVERY_DAY, role=None):
    """A staff member of `community`'s roster with a sign-in account linked."""
    entry = CommunityStaff.objects.filter(page=community).order_by("pk").first()
    user = staff_user(community, "view_report", username=username)
    staff = entry.staff
    staff.user = user
    if role:
        staff.role = role
    staff.save()
    CommunityStaff.objects.filter(pk=entry.pk).update(days=days)
    return user


def test_a_new_report_alerts_the_staff_on_duty_by_the_channel_they_chose(
    world, recorded_sms, django_capture_on_commit_callbacks
):
    user = link_account(world.a, "duty_a")
    AlertSetting.objects.create(user=user, channel="sms", phone="13900001111")
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(world.a, code="SR-01").report
    phone, text, message = recorded_sms[-1]
    assert phone == "13900001111"
    assert message.template_code == "staff_new_report"
    assert message.params["reference"] == report.reference
    assert report.reference in text and f"/admin/reports/{report.pk}/" in text
    # Another community's report reaches nobody here.
    with django_capture_on_commit_callbacks(execute=True):
        make_report(world.b, code="SR-01")
    assert len(recorded_sms) == 1


def test_staff_without_a_choice_are_alerted_by_email_and_off_duty_staff_not_at_all(
    world, recorded_sms, django_capture_on_commit_callbacks
):
    user = link_account(world.a, "duty_mail")
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(world.a, code="SR-01").report
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert report.reference in mail.outbox[0].subject
    today = timezone.localdate()
    not_today = [day for day in EVERY_DAY if day != today.isoweekday()]
    CommunityStaff.objects.filter(page=world.a).update(days=not_today)
    assert on_duty_accounts(world.a, today) == []


def test_the_deadline_marks_are_the_share_of_the_time_gone():
    start = timezone.now()
    due = start + timedelta(hours=10)
    assert reached(start, due, start + timedelta(hours=4)) == 0
    assert reached(start, due, start + timedelta(hours=5)) == 50
    assert reached(start, due, start + timedelta(hours=9, minutes=30)) == 90
    assert reached(start, due, due) == 100


def test_deadline_reminders_reach_the_assignee_and_station_head_once_per_mark(
    world, recorded_sms
):
    head = link_account(world.a, "head_a", role="station_head")
    AlertSetting.objects.create(user=head, channel="sms", phone="13900002222")
    report = make_report(world.a, now=timezone.now() - timedelta(minutes=1)).report
    assignee = staff_user(world.a, "view_report", username="assignee_a")
    staff_member = staff("A900", world.site.zh, user=assignee)
    Report.objects.filter(pk=report.pk).update(assigned_staff=staff_member)
    report.refresh_from_db()
    start = report.created_at
    half = start + (report.response_due - start) * 0.6
    # The station head by SMS, the assignee by email.
    assert check_deadlines.call(half.isoformat()) == 2
    assert check_deadlines.call(half.isoformat()) == 0  # no mark twice
    texts = [text for _phone, text, _m in recorded_sms]
    assert len(texts) == 1 and "50%" in texts[0] and report.reference in texts[0]
    assert mail.outbox[-1].to == [assignee.email]
    late = report.completion_due + timedelta(minutes=1)
    # Both deadlines missed: one reminder each to each, the highest mark only.
    assert check_deadlines.call(late.isoformat()) == 4
    assert check_deadlines.call(late.isoformat()) == 0
    keys = Notification.objects.filter(key__endswith=f":{head.pk}:sms")
    marks = sorted(key.split(":")[2:4] for key in keys.values_list("key", flat=True))
    assert marks == [["completion", "100"], ["response", "100"], ["response", "50"]]


def test_an_assigned_person_is_alerted_once_per_assignment(
    world, recorded_sms, django_capture_on_commit_callbacks
):
    from participation.reports.alerts import report_assigned

    user = staff_user(world.a, "view_report", username="assigned_a")
    AlertSetting.objects.create(user=user, channel="sms", phone="13900005555")
    report = make_report(world.a).report
    with django_capture_on_commit_callbacks(execute=True):
        report_assigned(report, user)
        report_assigned(report, user)  # the same assignment told twice
    assert len(recorded_sms) == 1
    assert "已分派给您" in recorded_sms[0][1] and report.reference in recorded_sms[0][1]
