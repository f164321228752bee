"""The rules of a report's handling.

受理 accept → 分流 triage → 处置 handle → 反馈 reply → 回访评价 rate.

Every change to a report is a plain function of this package (`staff_actions`,
`resident_actions`, `publication`, `contact_data`, `submitting`). Each checks that the
change is allowed from the report's state, saves the report, and writes one
`ReportEvent` saying who did it, when, and why (`record`). A state changes in one
place only, `move`, checked against the table `TRANSITIONS`; which staff action is
allowed when, and to whom, is decided by `states.permit`. Views, bulk actions, the
Open311 API and the demo data all call these functions; nothing else writes a report's
state.
"""

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.reports.models import (
    OPEN_STATES,
    ActorKind,
    EventKind,
    Report,
    ReportEvent,
    ReportState,
)
from participation.reports.notifications import notify
from participation.reports.states import (
    REASON_REQUIRED,
    TERMINAL_STATES,
    TRANSITIONS,
    ReportError,
)
from portal import audit
from portal.models import AuditAction

S = ReportState


def record(
    report: Report,
    kind: str,
    *,
    by=None,
    actor_kind: str | None = None,
    text: str = "",
    public: bool = False,
    from_state: str = "",
    to_state: str = "",
    at: datetime | None = None,
) -> ReportEvent:
    """Write one entry of the report's log (and of the audit log, for what staff do
    and for every change of state)."""
    if actor_kind is None:
        actor_kind = ActorKind.STAFF if by is not None else ActorKind.SYSTEM
    if by is not None or to_state:  # staff actions and state changes (issue 8)
        audit.record(
            f"report.{kind}",
            report,
            by=by,
            action=AuditAction.STATE if to_state else AuditAction.MODERATION,
            detail=audit.transition(from_state, to_state) if to_state else "",
        )
    return ReportEvent.objects.create(
        report=report,
        kind=kind,
        actor=by,
        actor_kind=actor_kind,
        text=text,
        public=public,
        from_state=from_state,
        to_state=to_state,
        created_at=at or timezone.now(),
    )


def lock(report: Report) -> Report:
    """Lock the report's row and re-read it in place, so two staff acting at once do
    not overwrite each other and the caller's object shows the outcome."""
    list(Report.objects.select_for_update().filter(pk=report.pk).values_list("pk"))
    report.refresh_from_db()
    return report


P = ParamSpec("P")
T = TypeVar("T")


def report_action(
    action: Callable[Concatenate[Report, P], T],
) -> Callable[Concatenate[Report, P], T]:
    """An action on one report, by staff or by the resident: it runs in one
    transaction, on the report's row locked and re-read first (`lock`)."""

    @wraps(action)
    def locked(report: Report, *args: P.args, **kwargs: P.kwargs) -> T:
        with transaction.atomic():
            return action(lock(report), *args, **kwargs)

    return locked


def required_text(text: str, message, field: str = "text") -> str:
    """`text` without surrounding spaces; a ReportError with `message` at `field`
    when nothing is left."""
    text = text.strip()
    if not text:
        raise ReportError(field, message, field)
    return text


def save_fields(report: Report, now: datetime, *fields: str) -> None:
    """Save `fields` and the time of the change."""
    report.updated_at = now
    report.save(update_fields=["updated_at", *fields])


def move(
    report: Report,
    to: str,
    *,
    by=None,
    reason: str = "",
    actor_kind: str | None = None,
    now: datetime | None = None,
    check: bool = True,
) -> ReportEvent:
    """Change the state, stamp the times that belong to it, and log it."""
    now = now or timezone.now()
    before = report.state
    if check and to not in TRANSITIONS.get(before, set()):
        raise ReportError(
            "transition",
            _("A report that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(before).label, "to": S(to).label},
        )
    if to in REASON_REQUIRED and not reason.strip():
        raise ReportError(
            "reason", _("Give a reason: the resident will see it."), "reason"
        )
    if check and before in TERMINAL_STATES | {S.RESOLVED} and to in OPEN_STATES:
        if not reason.strip():
            raise ReportError(
                "reason", _("Say why the report is opened again."), "reason"
            )
    fields = ["state"]
    report.state = to
    if to != S.SUBMITTED and report.first_response_at is None:
        report.first_response_at = now
        fields.append("first_response_at")
    if to == S.RESOLVED:
        report.resolved_at = now
        fields.append("resolved_at")
    if to in TERMINAL_STATES:
        report.closed_at = now
        fields.append("closed_at")
    if to in OPEN_STATES and before not in OPEN_STATES:
        report.resolved_at = None
        report.closed_at = None
        fields += ["resolved_at", "closed_at"]
    save_fields(report, now, *fields)
    event = record(
        report,
        EventKind.STATE,
        by=by,
        actor_kind=actor_kind,
        text=reason.strip(),
        public=True,
        from_state=before,
        to_state=to,
        at=now,
    )
    if to in (S.ACCEPTED, S.RESOLVED, S.REJECTED, S.REFERRED, S.DUPLICATE):
        notify(report, to)
    carry_to_merged(report, to, by=by, reason=reason, now=now)
    return event


def carry_to_merged(report: Report, to: str, *, by, reason: str, now: datetime) -> None:
    """Reports merged into `report` follow its state (`merging`): each moves with
    it, logged and told to its resident as its own change."""
    followers = Report.objects.filter(merged_into=report).exclude(state=to)
    text = gettext("As report %(reference)s.") % {"reference": report.reference}
    for follower in followers.select_for_update():
        move(
            follower,
            to,
            by=by,
            reason=f"{text} {reason.strip()}".strip(),
            now=now,
            check=False,
        )
