"""What a held meeting decided (决议) and how it is followed up, and the public
follow-up page's four steps: 问题发现 → 协商议事 → 联动处置 → 跟踪问效."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from notices.models import CommunityPage
from participation.languages import source_of
from participation.reports.models import Report, ReportState
from participation.reports.workflow import TRANSITIONS, move, report_action
from participation.roundtables.meetings import RoundtableError
from participation.roundtables.models import (
    AgendaProposal,
    MeetingState,
    ProposalStatus,
    Resolution,
    ResolutionStatus,
    ResolutionUpdate,
    Roundtable,
)

REPORT_REFERENCE = re.compile(r"^[A-Z0-9\-]{4,20}$")


def clean_report_references(raw) -> list[str]:
    """Report reference codes, upper case, one per item; bad ones refused."""
    if isinstance(raw, str):
        raw = re.split(r"[\s,,;;]+", raw)
    references = []
    for item in raw or []:
        code = str(item).strip().upper()
        if not code:
            continue
        if not REPORT_REFERENCE.match(code):
            raise RoundtableError(
                "report-reference",
                _("“%(code)s” is not a report reference code.") % {"code": code},
                "report_references",
            )
        if code not in references:
            references.append(code)
    known = linked_reports(references)
    unknown = [code for code in references if code not in known]
    if unknown:
        raise RoundtableError(
            "report-reference",
            _("No report has the reference code “%(code)s”.") % {"code": unknown[0]},
            "report_references",
        )
    return references


def linked_reports(references) -> dict:
    """The problem reports with these reference codes, keyed by code.

    Reports are issue 5's; until its model exists every code is taken as given.
    """
    try:
        report_model = apps.get_model("participation", "Report")
    except LookupError:
        return dict.fromkeys(references)
    return {
        report.reference: report
        for report in report_model.objects.filter(reference__in=list(references))
    }


@transaction.atomic
def add_resolution(
    meeting: Roundtable,
    *,
    text: str,
    owner: str,
    due_date: date,
    proposal: AgendaProposal | None = None,
    report_references=(),
) -> Resolution:
    """Record a decision of a held meeting, optionally for one agenda item."""
    current = Roundtable.objects.select_for_update().get(pk=meeting.pk)
    if current.state not in (MeetingState.HELD, MeetingState.MINUTES_PUBLISHED):
        raise RoundtableError(
            "not-held", _("Resolutions are recorded after the meeting is held.")
        )
    if not (text or "").strip() or not (owner or "").strip():
        raise RoundtableError(
            "resolution", _("Say what was decided and who is responsible.")
        )
    if proposal is not None:
        proposal = AgendaProposal.objects.filter(pk=proposal.pk).first()
    if proposal is not None and (
        proposal.meeting_id != current.pk or proposal.status != ProposalStatus.ACCEPTED
    ):
        raise RoundtableError(
            "proposal", _("Choose an item on this meeting's agenda."), "proposal"
        )
    if due_date < timezone.localtime(current.starts_at).date():
        raise RoundtableError(
            "due-date", _("The due date cannot be before the meeting."), "due_date"
        )
    return Resolution.objects.create(
        meeting=current,
        proposal=proposal,
        text=text.strip(),
        owner=owner.strip(),
        due_date=due_date,
        report_references=clean_report_references(report_references),
    )


@transaction.atomic
def follow_up(
    resolution: Resolution,
    *,
    text: str,
    status: str,
    day: date | None = None,
    by=None,
) -> ResolutionUpdate:
    """A progress note that moves the resolution on; "done" closes it."""
    current = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if current.is_done:
        raise RoundtableError(
            "done", _("This resolution is done: it takes no more updates.")
        )
    if status not in ResolutionStatus.values:
        raise RoundtableError("status", _("Choose a status."), "status")
    if not (text or "").strip():
        raise RoundtableError("text", _("Describe the progress."), "text")
    day = day or timezone.localdate()
    update = ResolutionUpdate.objects.create(
        resolution=current, date=day, text=text.strip(), status=status, created_by=by
    )
    current.status = status
    current.done_at = None
    if status == ResolutionStatus.DONE:
        # Done on the day the update reports, not the day it was typed in.
        now = timezone.now()
        current.done_at = (
            now
            if day >= timezone.localdate(now)
            else timezone.make_aware(datetime.combine(day, time(18, 0)))
        )
    current.save(update_fields=["status", "done_at"])
    if status == ResolutionStatus.DONE:
        for report in linked_reports(current.report_references).values():
            if report is not None:
                settle(report, current, by=by)
    return update


@report_action
def settle(report: Report, resolution: Resolution, *, by=None) -> Report:
    """A report a done resolution answers is resolved through the report workflow,
    which tells its resident. One still waiting is accepted first (both steps are
    logged); one already resolved, closed or set aside stays as it is."""
    if report.state == ReportState.SUBMITTED:
        move(report, ReportState.ACCEPTED, by=by)
    if ReportState.RESOLVED not in TRANSITIONS.get(report.state, set()):
        return report
    with override(report.language):
        text = gettext("Settled at the roundtable “%(meeting)s”: %(resolution)s") % {
            "meeting": resolution.meeting.title,
            "resolution": resolution.text,
        }
    move(report, ReportState.RESOLVED, by=by, reason=text)
    return report


STAGES = [
    ("found", _("Problem found")),  # 问题发现
    ("deliberated", _("Deliberated")),  # 协商议事
    ("handled", _("Handled jointly")),  # 联动处置
    ("followed_up", _("Followed up")),  # 跟踪问效
]


@dataclass
class FollowedResolution:
    resolution: Resolution
    stage: str
    updates: list = field(default_factory=list)
    overdue: bool = False
    reports: list = field(default_factory=list)


def stage_of(resolution: Resolution) -> str:
    """Where a published resolution stands in the four-step loop."""
    if resolution.status == ResolutionStatus.DONE:
        return "followed_up"
    if resolution.status == ResolutionStatus.IN_PROGRESS:
        return "handled"
    return "deliberated"


def followed_resolutions(
    community: CommunityPage, today: date | None = None
) -> dict[str, list[FollowedResolution]]:
    """Resolutions of the community's meetings whose minutes are published: open
    ones (soonest due first) and done ones (most recent first)."""
    today = today or timezone.localdate()
    resolutions = (
        Resolution.objects.filter(
            meeting__community=source_of(community),
            meeting__state=MeetingState.MINUTES_PUBLISHED,
        )
        .select_related("meeting", "proposal")
        .prefetch_related("updates")
    )
    open_items, done = [], []
    for resolution in resolutions.order_by("due_date", "pk"):
        item = FollowedResolution(
            resolution=resolution,
            stage=stage_of(resolution),
            updates=list(resolution.updates.all()),
            overdue=not resolution.is_done and resolution.due_date < today,
        )
        (done if resolution.is_done else open_items).append(item)
    done.sort(key=lambda item: item.resolution.done_at or timezone.now(), reverse=True)
    return {"open": open_items, "done": done}
