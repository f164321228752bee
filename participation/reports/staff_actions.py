"""What staff do with a report (受理、分流、派单、处置、反馈): accept, triage,
dispatch to a station or a staff member, reply, note, resolve, close, reject, mark as
a duplicate, refer to another department, escalate (吹哨报到), or change the state
with a reason.

Each locks the report's row, asks `states.permit` whether this user may take this
action on the report as it is now (PermissionDenied or ReportError otherwise, nothing
changed), changes the state only through `workflow.move`, and logs it.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notices.models import CommunityPage, Staff
from participation.reports.assignees import is_assignable, report_assigned
from participation.reports.models import (
    OPEN_STATES,
    EventKind,
    Report,
    ReportEvent,
    ReportState,
    Triage,
)
from participation.reports.notifications import notify
from participation.reports.states import permit
from participation.reports.workflow import (
    ReportError,
    move,
    record,
    report_action,
    required_text,
    save_fields,
)

S = ReportState


def require_open(report: Report, message) -> None:
    if report.state not in OPEN_STATES:
        raise ReportError("closed", message)


def change_triage(report: Report, level: str, *, by, text: str, now: datetime) -> None:
    before = report.triage
    report.triage = level
    save_fields(report, now, "triage")
    record(
        report, EventKind.TRIAGE, by=by, from_state=before, to_state=level, text=text
    )


def dispatch_if_waiting(report: Report, *, by, now: datetime) -> None:
    """A report given to someone, or called in, is dispatched (派单) unless it has
    already moved on."""
    if report.state in (S.SUBMITTED, S.ACCEPTED):
        move(report, S.DISPATCHED, by=by, now=now)


def with_reason(text: str, reason: str) -> str:
    """A system text followed by the staff member's own reason, if they gave one."""
    reason = reason.strip()
    return f"{text} {reason}" if reason else text


@report_action
def change_state(report: Report, to: str, *, by, reason: str = "") -> ReportEvent:
    """The generic "change state with reason" action."""
    if to == S.DUPLICATE:
        raise ReportError(
            "duplicate", _("Use “mark as duplicate” and name the original report.")
        )
    if to == S.REFERRED:
        raise ReportError(
            "referred", _("Use “refer to a department” and name the department.")
        )
    permit(report, "state", by, to=to)
    return move(report, to, by=by, reason=reason)


@report_action
def accept(report: Report, *, by, note: str = "", public_title: str = "") -> Report:
    permit(report, "accept", by)
    move(report, S.ACCEPTED, by=by, reason=note)
    if public_title:
        report.public_title = public_title.strip()[:120]
        report.save(update_fields=["public_title"])
    return report


@report_action
def set_triage(report: Report, level: str, *, by) -> Report:
    permit(report, "triage", by)
    if level not in Triage.values:
        raise ReportError("triage", _("Choose small, medium or large."), "triage")
    require_open(report, _("Only open reports can be triaged."))
    change_triage(
        report, level, by=by, text=str(Triage(level).label), now=timezone.now()
    )
    return report


@report_action
def assign(
    report: Report,
    *,
    by,
    station: CommunityPage | None = None,
    staff: Staff | None = None,
    reason: str = "",
) -> Report:
    """Dispatch to a station and/or a person (派单); `reason` says why another
    community's station handles it. A person must be one `assignees` offers: on
    the report's community's roster, with a sign-in account that may open it; they
    are named in the log and told through `report_assigned`."""
    permit(report, "assign", by)
    if station is None and staff is None:
        raise ReportError("assign", _("Choose a station or a staff member."))
    require_open(report, _("Only open reports can be assigned."))
    if staff is not None and not is_assignable(report, staff):
        raise ReportError(
            "staff",
            _("Choose a person on this community's roster who has a sign-in account."),
            "staff",
        )
    now = timezone.now()
    report.assigned_station = station or report.assigned_station
    report.assigned_staff = staff or report.assigned_staff
    save_fields(report, now, "assigned_station", "assigned_staff")
    parts = []
    if station is not None:
        parts.append(station.station_name or station.title)
    if staff is not None:
        parts.append(f"{staff.name} ({staff.code})")
    # Internal: it may name a person; the state change below is what residents see.
    text = with_reason(" · ".join(parts), reason)
    record(report, EventKind.ASSIGNED, by=by, text=text, at=now)
    dispatch_if_waiting(report, by=by, now=now)
    if staff is not None:
        report_assigned(report, staff.user, by=by)
    return report


@report_action
def start_work(report: Report, *, by, note: str = "") -> Report:
    permit(report, "start", by)
    move(report, S.IN_PROGRESS, by=by, reason=note)
    return report


@report_action
def reply(report: Report, text: str, *, by) -> ReportEvent:
    """A public reply, shown to the resident as coming from the station."""
    permit(report, "reply", by)
    text = required_text(text, _("Write the reply."))
    now = timezone.now()
    fields = []
    if report.first_response_at is None:
        report.first_response_at = now
        fields.append("first_response_at")
    save_fields(report, now, *fields)
    event = record(report, EventKind.REPLY, by=by, text=text, public=True, at=now)
    notify(report, "reply")
    return event


@report_action
def add_note(report: Report, text: str, *, by) -> ReportEvent:
    """An internal note: staff only, never shown to the resident or the public."""
    permit(report, "note", by)
    text = required_text(text, _("Write the note."))
    save_fields(report, timezone.now())
    return record(report, EventKind.NOTE, by=by, text=text)


@report_action
def resolve(report: Report, text: str, *, by) -> Report:
    """Done: what was done is told to the resident, who may then rate it."""
    permit(report, "resolve", by)
    text = required_text(text, _("Tell the resident what was done."))
    move(report, S.RESOLVED, by=by, reason=text)
    return report


@report_action
def close(report: Report, *, by, reason: str = "") -> Report:
    permit(report, "close", by)
    move(report, S.CLOSED, by=by, reason=reason)
    return report


@report_action
def reject(report: Report, reason: str, *, by) -> Report:
    permit(report, "state", by, to=S.REJECTED)
    move(report, S.REJECTED, by=by, reason=reason)
    return report


@report_action
def mark_duplicate(report: Report, original: Report, *, by, reason: str = "") -> Report:
    permit(report, "duplicate", by)
    if original.pk == report.pk or original.duplicate_of_id == report.pk:
        raise ReportError(
            "duplicate", _("A report cannot duplicate itself."), "original"
        )
    report.duplicate_of = original
    report.save(update_fields=["duplicate_of"])
    text = gettext("Same matter as report %(reference)s.") % {
        "reference": original.reference
    }
    move(report, S.DUPLICATE, by=by, reason=with_reason(text, reason))
    return report


@report_action
def refer(report: Report, *, department: str, by, reason: str = "") -> Report:
    """Not our duty: handed to another department, which the resident is told."""
    permit(report, "refer", by)
    department = department.strip()
    if not department:
        raise ReportError(
            "department", _("Name the department it goes to."), "department"
        )
    report.referred_to = department[:120]
    report.save(update_fields=["referred_to"])
    text = gettext("Referred to %(department)s.") % {"department": department}
    if reason.strip() == department:
        reason = ""  # already said
    move(report, S.REFERRED, by=by, reason=with_reason(text, reason))
    return report


@report_action
def escalate(report: Report, *, department, by, reason: str = "") -> Report:
    """吹哨报到: the station blows the whistle and the department reports for duty.
    The report stays open, triaged as a large matter; the department gets a private
    link where it acknowledges and answers (participation/departments/)."""
    from participation.departments.escalating import call_in

    permit(report, "escalate", by)
    if department is None or not department.active:
        raise ReportError(
            "department", _("Choose the department to call in."), "department"
        )
    require_open(report, _("Only open reports can be escalated."))
    now = timezone.now()
    text = gettext("Escalated: %(department)s called in.") % {
        "department": department.name
    }
    call_in(report, department, by=by, reason=reason)
    record(
        report,
        EventKind.ESCALATED,
        by=by,
        text=with_reason(text, reason),
        public=True,
    )
    if report.triage != Triage.LARGE:
        change_triage(report, Triage.LARGE, by=by, text=text, now=now)
    dispatch_if_waiting(report, by=by, now=now)
    return report
