"""Telling people about reports, in the background through django-tasks: the resident
(email, and SMS through `participation.sms`) when the report is received and when its
state changes, and staff in a daily digest of new and late reports.

Each task takes ids and re-reads the report, so it reflects the state when it runs,
and does nothing once the contact data is gone.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from participation.reports.models import Report, ReportState
from participation.reports.permissions import reports_for
from participation.sms import sms_sender
from participation.submissions import absolute_url, private_link

# Which messages exist; "received" carries the tracking link (the only time the
# token is known), later ones just point the resident to it.
MESSAGES = {
    "received",
    "reply",
    "accepted",
    "resolved",
    "rejected",
    "referred",
    "duplicate",
}


@task()
def notify_resident(report_id: int, kind: str, token: str = "") -> bool:
    report = Report.objects.filter(pk=report_id).select_related("community").first()
    if report is None or kind not in MESSAGES or not (report.email or report.phone):
        return False
    with translation.override(report.language), timezone.override(settings.TIME_ZONE):
        track_url = ""
        if token:
            track_url = private_link(
                "participation:report_track", token, report.language
            )
        context = {
            "report": report,
            "kind": kind,
            "track_url": track_url,
            "state": ReportState(report.state).label,
        }
        body = render_to_string("participation/report_email_update.txt", context)
        subject, _sep, text = body.strip().partition("\n")
        sms = render_to_string("participation/report_sms.txt", context).strip()
    sent = False
    if report.email:
        send_mail(subject.strip(), text.strip() + "\n", None, [report.email])
        sent = True
    if report.phone:
        sms_sender().send(report.phone, sms)
        sent = True
    return sent


def notify(report: Report, kind: str, token: str | None = None) -> None:
    """Queue `notify_resident` once the transaction commits; only when the resident
    left a contact."""
    if not (report.email or report.phone):
        return
    report_id = report.pk

    def enqueue():
        notify_resident.enqueue(report_id, kind, token or "")

    transaction.on_commit(enqueue)


def digest_for(user, now=None) -> dict:
    now = now or timezone.now()
    visible = reports_for(user)
    return {
        "new": list(
            visible.filter(state=ReportState.SUBMITTED).order_by("created_at")[:50]
        ),
        "overdue": list(visible.overdue(now).order_by("completion_due")[:50]),
    }


@task()
def send_report_digest() -> int:
    """Each staff user with an email and the view permission gets the new and overdue
    reports of their own communities (none: no mail). Returns mails sent."""
    user_model = get_user_model()
    users = (
        user_model.objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="view_report")
            | Q(groups__permissions__codename="view_report")
        )
        .distinct()
    )
    sent = 0
    queue_url = absolute_url(reverse("participation_reports:list"))
    for user in users:
        digest = digest_for(user)
        if not digest["new"] and not digest["overdue"]:
            continue
        with (
            translation.override(settings.LANGUAGE_CODE),
            timezone.override(settings.TIME_ZONE),
        ):
            body = render_to_string(
                "participation/report_email_digest.txt",
                {**digest, "queue_url": queue_url},
            )
        subject, _sep, text = body.strip().partition("\n")
        send_mail(subject.strip(), text.strip() + "\n", None, [user.email])
        sent += 1
    return sent
