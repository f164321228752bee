"""Alerts to staff about reports, each on the channel they chose (AlertSetting):
a new report goes at once to the staff on duty in its community today, and as each
deadline comes up (50% and 90% of its time gone) and when it is missed, the
assignee and the station head are reminded.

Everything runs in background tasks; every alert has an idempotency key (the
report, the occasion, the person and the channel), so a task or a check run twice
never alerts anyone twice.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from notices.models import CommunityStaff, Staff
from notices.stations.staff import StaffRole
from participation.notifications.links import absolute_url
from participation.notifications.models import AlertChannel, AlertSetting, Notification
from participation.notifications.sending import send_email, send_sms, send_webhook
from participation.reports.models import Report

MARKS = (50, 90, 100)


def accounts_of(staff: list[Staff]):
    """The active sign-in accounts linked to these people, on any language's entry."""
    keys = {member.translation_key for member in staff}
    user_ids = Staff.objects.filter(
        translation_key__in=keys, user__isnull=False
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


def on_duty_accounts(community, day) -> list:
    """Accounts of the staff serving `community` on `day` (those whose days are
    not listed serve every day)."""
    links = CommunityStaff.objects.filter(page=community).select_related("staff")
    serving = [
        link.staff
        for link in links
        if not link.days or day.isoweekday() in [int(d) for d in link.days]
    ]
    return list(accounts_of(serving)) if serving else []


def station_heads(community) -> list:
    links = CommunityStaff.objects.filter(
        page=community, staff__role=StaffRole.STATION_HEAD
    ).select_related("staff")
    heads = [link.staff for link in links]
    return list(accounts_of(heads)) if heads else []


def assignees(report: Report) -> list:
    if report.assigned_staff is None:
        return []
    return list(accounts_of([report.assigned_staff]))


def alert(
    user, *, key: str, template: str, params: dict, text: str, subject: str, report
) -> None:
    """One alert to one person on their chosen channel."""
    setting = AlertSetting.objects.filter(user=user).first()
    channel = setting.channel if setting else AlertChannel.EMAIL
    key = f"{key}:{user.pk}:{channel}"
    if channel == AlertChannel.SMS and setting.phone:
        send_sms(
            key=key,
            phone=setting.phone,
            template=template,
            params=params,
            text=text,
            item=report,
        )
    elif channel == AlertChannel.WEBHOOK and setting.webhook_url:
        send_webhook(
            key=key, url=setting.webhook_url, template=template, text=text, item=report
        )
    elif channel != AlertChannel.NONE and user.email:
        send_email(
            key=key,
            to=user.email,
            template=template,
            subject=subject,
            body=text,
            item=report,
        )


def render(name: str, context: dict) -> tuple[str, str]:
    """(subject, text) of an alert, in the site's language: staff read it there."""
    with (
        translation.override(settings.LANGUAGE_CODE),
        timezone.override(settings.TIME_ZONE),
    ):
        text = render_to_string(f"participation/report_alert_{name}.txt", context)
        subject = gettext("Report %(reference)s") % {
            "reference": context["report"].reference
        }
    return subject, " ".join(text.split())


def report_link(report: Report) -> str:
    return absolute_url(reverse("participation_reports:detail", args=[report.pk]))


@task()
def alert_on_duty_staff(report_id: int) -> int:
    """Tell the staff on duty in the report's community today; returns how many."""
    report = Report.objects.filter(pk=report_id).select_related("community").first()
    if report is None or report.community is None or not report.is_open:
        return 0
    people = on_duty_accounts(report.community, timezone.localdate())
    context = {"report": report, "link": report_link(report)}
    subject, text = render("new", context)
    params = {
        "reference": report.reference,
        "category": report.category_title,
        "community": report.community.title,
    }
    for user in people:
        alert(
            user,
            key=f"alert:{report.pk}:new",
            template="staff_new_report",
            params=params,
            text=text,
            subject=subject,
            report=report,
        )
    return len(people)


def alert_new_report(report: Report) -> None:
    """Queue the on-duty alert once the report is stored."""
    report_id = report.pk
    transaction.on_commit(lambda: alert_on_duty_staff.enqueue(report_id))


@task()
def alert_assignee(report_id: int, user_id: int, occasion: str = "") -> bool:
    """Tell one person a report was assigned to them, on their chosen channel."""
    report = Report.objects.filter(pk=report_id).select_related("community").first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if report is None or user is None or not report.is_open:
        return False
    subject, text = render("assigned", {"report": report, "link": report_link(report)})
    alert(
        user,
        key=f"assigned:{report.pk}:{occasion}",
        template="staff_assigned",
        params={"reference": report.reference, "category": report.category_title},
        text=text,
        subject=subject,
        report=report,
    )
    return True


def report_assigned(report: Report, user) -> None:
    """Called when a report is assigned to a person's account: they are alerted once
    the assignment commits (a second assignment later alerts again)."""
    report_id, user_id = report.pk, user.pk
    occasion = report.updated_at.isoformat()
    transaction.on_commit(lambda: alert_assignee.enqueue(report_id, user_id, occasion))


def reached(start: datetime, due: datetime, now: datetime) -> int:
    """The highest mark (50, 90, 100 % of the time to `due`) passed at `now`."""
    span = (due - start).total_seconds()
    if span <= 0:
        return 100 if now >= due else 0
    gone = 100 * (now - start).total_seconds() / span
    return max((mark for mark in MARKS if gone >= mark), default=0)


def deadlines_of(report: Report) -> list[tuple[str, datetime]]:
    found = []
    if report.first_response_at is None and report.response_due:
        found.append(("response", report.response_due))
    if report.completion_due:
        found.append(("completion", report.completion_due))
    return found


@task()
def check_deadlines(now: str = "") -> int:
    """Remind the assignee and the station head of each open report whose deadline
    passed 50%, 90% or 100% of its time since the last check; only the highest mark
    passed, and no mark twice (nor a lower one after a higher). Returns reminders."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    reports = list(
        Report.objects.open()
        .filter(
            Q(first_response_at__isnull=True, response_due__isnull=False)
            | Q(completion_due__isnull=False)
        )
        .select_related("community", "assigned_station", "assigned_staff")
    )
    if not reports:
        return 0
    done: dict[tuple[str, str], int] = {}
    report_type = ContentType.objects.get_for_model(Report)
    for key in Notification.objects.filter(
        item_type=report_type,
        item_id__in=[str(report.pk) for report in reports],
        key__startswith="deadline:",
    ).values_list("key", flat=True):
        _prefix, report_id, kind, mark, *_rest = key.split(":")
        pair = (report_id, kind)
        done[pair] = max(done.get(pair, 0), int(mark))
    sent = 0
    for report in reports:
        for kind, due in deadlines_of(report):
            mark = reached(report.created_at, due, moment)
            if not mark or done.get((str(report.pk), kind), 0) >= mark:
                continue
            station = report.assigned_station or report.community
            people = {user.pk: user for user in assignees(report)}
            if station is not None:
                people.update({user.pk: user for user in station_heads(station)})
            context = {
                "report": report,
                "kind": kind,
                "mark": mark,
                "due": due,
                "link": report_link(report),
            }
            subject, text = render("deadline", context)
            for user in people.values():
                alert(
                    user,
                    key=f"deadline:{report.pk}:{kind}:{mark}",
                    template="staff_deadline",
                    params={
                        "reference": report.reference,
                        "kind": kind,
                        "mark": str(mark),
                        "due": f"{timezone.localtime(due):%m-%d %H:%M}",
                    },
                    text=text,
                    subject=subject,
                    report=report,
                )
                sent += 1
    return sent
