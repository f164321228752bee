"""Calling a department in (吹哨报到) and what the department does on its private
link: acknowledge, answer, mark done. Each step is logged on the report; the
department's name and its public answer reach the resident's tracking page.

The link is sent on the department's channel through the notification module;
only the hash of its token is stored. A link whose call is over (done, or the report
closed) opens nothing any more.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from participation.departments.models import (
    Department,
    DepartmentChannel,
    Escalation,
    EscalationState,
)
from participation.notifications.sending import send_email, send_sms, send_webhook
from participation.reports.models import OPEN_STATES, ActorKind, EventKind, Report
from participation.reports.workflow import ReportError, record
from participation.submissions import (
    find_by_token,
    hash_token,
    new_token,
    private_link,
)
from portal.workdays import add_working_days

ACK_HOURS = 4
DONE_WORKING_DAYS = 3


def ack_due(start: datetime) -> datetime:
    hours = getattr(settings, "PORTAL_ESCALATION_ACK_HOURS", ACK_HOURS)
    return start + timedelta(hours=hours)


def done_due(start: datetime) -> datetime:
    """The end of the department's working day, a number of working days on."""
    days = getattr(settings, "PORTAL_ESCALATION_DONE_DAYS", DONE_WORKING_DAYS)
    local = timezone.localtime(start)
    day = add_working_days(local.date(), days)
    return local.replace(
        year=day.year, month=day.month, day=day.day, hour=17, minute=30, second=0
    )


def notify_department(escalation: Escalation, token: str) -> None:
    """Send the department its private link on its channel."""
    department = escalation.department
    report = escalation.report
    # In the language the message goes out in (the site's default).
    link = private_link("participation:escalation", token, settings.LANGUAGE_CODE)
    with (
        translation.override(settings.LANGUAGE_CODE),
        timezone.override(settings.TIME_ZONE),
    ):
        subject = gettext("Call-in: report %(reference)s") % {
            "reference": report.reference
        }
        text = gettext(
            "The community station calls you in on report %(reference)s "
            "(%(category)s, %(location)s). Acknowledge by %(due)s and answer "
            "here: %(link)s"
        ) % {
            "reference": report.reference,
            "category": report.category_title,
            "location": report.location,
            "due": f"{timezone.localtime(escalation.ack_due):%m-%d %H:%M}",
            "link": link,
        }
    key = f"escalation:{escalation.pk}:sent"
    if department.channel == DepartmentChannel.SMS:
        send_sms(
            key=key,
            phone=department.phone,
            template="department_called_in",
            params={"reference": report.reference, "link": link},
            text=text,
            item=report,
        )
    elif department.channel == DepartmentChannel.WEBHOOK:
        send_webhook(
            key=key,
            url=department.webhook_url,
            template="department_called_in",
            text=text,
            item=report,
        )
    else:
        send_email(
            key=key,
            to=department.email,
            template="department_called_in",
            subject=subject,
            body=text,
            item=report,
        )


def call_in(report: Report, department: Department, *, by, reason: str = "") -> str:
    """Create the escalation and send the link once the change commits; returns
    the token (for the tests; it is nowhere stored)."""
    token = new_token()
    now = timezone.now()
    escalation = Escalation.objects.create(
        report=report,
        department=department,
        by=by,
        created_at=now,
        reason=reason,
        token_hash=hash_token(token),
        ack_due=ack_due(now),
        done_due=done_due(now),
    )
    # Sent once the call is stored, not through a task: a queued task keeps its
    # arguments, and the token must be nowhere but in the message (whose text the
    # notification module erases once it is delivered).
    transaction.on_commit(lambda: send_link(escalation.pk, token))
    return token


def send_link(escalation_id: int, token: str) -> bool:
    escalation = (
        Escalation.objects.filter(pk=escalation_id)
        .select_related("department", "report")
        .first()
    )
    if escalation is None or not escalation.is_open:
        return False
    notify_department(escalation, token)
    return True


def find(token: str) -> Escalation | None:
    """The escalation a link opens, open or not; None for a forged link."""
    return find_by_token(
        Escalation.objects.select_related("department", "report"), token
    )


def usable(escalation: Escalation) -> bool:
    """A link works while its call is open and the report too."""
    return escalation.is_open and escalation.report.is_open


def log(escalation: Escalation, kind: str, text: str, public: bool = False) -> None:
    record(
        escalation.report,
        kind,
        actor_kind=ActorKind.DEPARTMENT,
        text=text,
        public=public,
    )


def lock(escalation: Escalation) -> Escalation:
    locked = (
        Escalation.objects.select_for_update()
        .select_related("department", "report")
        .get(pk=escalation.pk)
    )
    if not usable(locked):
        raise ReportError("closed", _("This call is over: nothing was changed."))
    return locked


@transaction.atomic
def acknowledge(escalation: Escalation) -> Escalation:
    escalation = lock(escalation)
    if escalation.acknowledged_at is None:
        escalation.acknowledged_at = timezone.now()
        if escalation.state == EscalationState.SENT:
            escalation.state = EscalationState.ACKNOWLEDGED
        escalation.save(update_fields=["acknowledged_at", "state"])
        log(
            escalation,
            EventKind.DEPARTMENT_ACK,
            gettext("%(department)s acknowledged the call.")
            % {"department": escalation.department.name},
        )
    return escalation


@transaction.atomic
def answer(escalation: Escalation, text: str, public_text: str) -> Escalation:
    escalation = lock(escalation)
    now = timezone.now()
    if escalation.acknowledged_at is None:
        escalation.acknowledged_at = now
    escalation.answer = text.strip()
    escalation.public_answer = public_text.strip()
    escalation.answered_at = now
    escalation.state = EscalationState.ANSWERED
    escalation.save(
        update_fields=[
            "acknowledged_at",
            "answer",
            "public_answer",
            "answered_at",
            "state",
        ]
    )
    log(escalation, EventKind.DEPARTMENT_ANSWER, escalation.answer)
    if escalation.public_answer:
        log(
            escalation,
            EventKind.DEPARTMENT_ANSWER,
            escalation.public_answer,
            public=True,
        )
    return escalation


@transaction.atomic
def mark_done(escalation: Escalation) -> Escalation:
    escalation = lock(escalation)
    now = timezone.now()
    if escalation.acknowledged_at is None:
        escalation.acknowledged_at = now
    escalation.done_at = now
    escalation.state = EscalationState.DONE
    escalation.save(update_fields=["acknowledged_at", "done_at", "state"])
    log(
        escalation,
        EventKind.DEPARTMENT_DONE,
        gettext("%(department)s reports the matter done.")
        % {"department": escalation.department.name},
        public=True,
    )
    return escalation


@task()
def check_acknowledgements(now: str = "") -> int:
    """Alert the station head of each call not acknowledged by its deadline, once.
    Returns how many calls were found late."""
    from participation.reports.alerts import alert, report_link, station_heads

    moment = datetime.fromisoformat(now) if now else timezone.now()
    late = list(
        Escalation.objects.filter(
            report__state__in=OPEN_STATES,  # a closed report needs nobody now
            state=EscalationState.SENT,
            acknowledged_at__isnull=True,
            ack_alerted_at__isnull=True,
            ack_due__lte=moment,
        ).select_related("department", "report__community", "report__assigned_station")
    )
    for escalation in late:
        claimed = Escalation.objects.filter(
            pk=escalation.pk, ack_alerted_at__isnull=True
        ).update(ack_alerted_at=moment)
        if not claimed:
            continue
        report = escalation.report
        station = report.assigned_station or report.community
        if station is None:
            continue
        with (
            translation.override(settings.LANGUAGE_CODE),
            timezone.override(settings.TIME_ZONE),
        ):
            subject = gettext("Report %(reference)s") % {"reference": report.reference}
            text = gettext(
                "%(department)s has not acknowledged the call on report "
                "%(reference)s (due %(due)s): %(link)s"
            ) % {
                "department": escalation.department.name,
                "reference": report.reference,
                "due": f"{timezone.localtime(escalation.ack_due):%m-%d %H:%M}",
                "link": report_link(report),
            }
        for user in station_heads(station):
            alert(
                user,
                key=f"escalation:{escalation.pk}:ack-missed",
                template="department_ack_missed",
                params={
                    "reference": report.reference,
                    "department": escalation.department.name,
                },
                text=text,
                subject=subject,
                report=report,
            )
    return len(late)


def handling(report: Report) -> list[Escalation]:
    """The calls the resident is told of: the department and its public answer."""
    return list(
        report.escalations.exclude(state=EscalationState.CLOSED).select_related(
            "department"
        )
    )
