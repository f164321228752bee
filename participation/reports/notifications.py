"""Telling people about reports, in the background through django-tasks: the resident
(email and SMS, through participation.notifications) when the report is received and
when its state changes, and staff in a daily digest of new and late reports.

Each task takes ids and re-reads the report, so it reflects the state when it runs,
and does nothing once the contact data is gone.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from participation.notifications.links import absolute_url
from participation.notifications.sending import send_email, send_sms
from participation.reports.models import Report, ReportState, ReportSupporter
from participation.reports.permissions import reports_for
from participation.submissions import private_link

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
    "merged",
}
# The messages about a change of state: supporters who left a phone get these too.
STATE_MESSAGES = MESSAGES - {"received", "reply"}


def sms_template(kind: str) -> str:
    """The portal's name of the approved SMS template for a message kind."""
    return f"report_{kind}" if kind in ("received", "reply") else "report_state"


@task()
def notify_resident(
    report_id: int, kind: str, token: str = "", occasion: str = ""
) -> bool:
    """Mail and text the resident about their report (through
    participation.notifications); `occasion` tells one message of a kind from the
    next (a second reply) and makes the idempotency key."""
    report = (
        Report.objects.filter(pk=report_id)
        .select_related("community", "merged_into")
        .first()
    )
    if report is None or kind not in MESSAGES:
        return False
    key = f"report:{report.pk}:{kind}:{occasion}"
    told = False
    if kind in STATE_MESSAGES:
        told = notify_supporters(report, kind, key)
    if not (report.email or report.phone):
        return told
    with translation.override(report.language), timezone.override(settings.TIME_ZONE):
        track_url = ""
        if token:
            track_url = private_link(
                "participation:report_track", token, report.language
            )
        context = message_context(report, kind, track_url)
        state = context["state"]
        body = render_to_string("participation/report_email_update.txt", context)
        subject, _sep, text = body.strip().partition("\n")
        sms = render_to_string("participation/report_sms.txt", context).strip()
    if report.email:
        send_email(
            key=f"{key}:email",
            to=report.email,
            template=f"report_{kind}",
            subject=subject,
            body=text,
            item=report,
            language=report.language,
        )
    if report.phone:
        send_sms(
            key=f"{key}:sms",
            phone=report.phone,
            template=sms_template(kind),
            params={"reference": report.reference, "state": state, "link": track_url},
            text=sms,
            item=report,
            language=report.language,
        )
    return True


def message_context(report: Report, kind: str, track_url: str = "") -> dict:
    """What a message about `report` says, in the active language: a merged report
    names the report it now follows."""
    state = str(ReportState(report.state).label)
    if kind == "merged" and report.merged_into is not None:
        state = gettext("merged with report %(reference)s, now %(state)s") % {
            "reference": report.merged_into.reference,
            "state": state,
        }
    elif kind == "merged":
        state = gettext("joined by another report on the same matter, %(state)s") % {
            "state": state
        }
    return {"report": report, "kind": kind, "track_url": track_url, "state": state}


def notify_supporters(report: Report, kind: str, key: str) -> bool:
    """Text each supporter who left a phone (我也遇到了) the state message the
    reporter gets, in the supporter's language."""
    told = False
    for supporter in ReportSupporter.objects.filter(report=report).exclude(phone=""):
        with translation.override(supporter.language):
            context = message_context(report, kind)
            sms = render_to_string("participation/report_sms.txt", context).strip()
        send_sms(
            key=f"{key}:supporter:{supporter.pk}:sms",
            phone=supporter.phone,
            template=sms_template(kind),
            params={
                "reference": report.reference,
                "state": context["state"],
                "link": "",
            },
            text=sms,
            item=report,
            language=supporter.language,
        )
        told = True
    return told


def has_recipients(report: Report, kind: str) -> bool:
    if report.email or report.phone:
        return True
    return (
        kind in STATE_MESSAGES
        and ReportSupporter.objects.filter(report=report).exclude(phone="").exists()
    )


def notify(report: Report, kind: str, token: str | None = None) -> None:
    """Queue `notify_resident` once the transaction commits; only when the resident
    or a supporter left a contact."""
    if not has_recipients(report, kind):
        return
    report_id = report.pk
    occasion = "" if kind == "received" else report.updated_at.isoformat()

    def enqueue():
        notify_resident.enqueue(report_id, kind, token or "", occasion)

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
def send_report_digest(run: str = "") -> int:
    """Each staff user with an email and the view permission gets the new and overdue
    reports of their own communities (none: no mail). Returns mails sent.

    `run` names this digest (the moment it was asked for): the same task tried again
    sends nothing twice, a new run sends a new digest."""
    run = run or timezone.now().isoformat()
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
        if send_email(
            key=f"digest:{user.pk}:{run}",
            to=user.email,
            template="report_digest",
            subject=subject,
            body=text,
        ):
            sent += 1
    return sent
