"""Merging duplicates (合并重复反映): staff join a report to another open report on the
same matter, the survivor. From then on the merged report follows the survivor's
state (`workflow.carry_to_merged`), its supporters count on the survivor, and the
residents of both are told. Reports merged into the merged one move to the survivor
as well, so a chain (A into B, then B into C) leaves A and B following C.

Allowed by the one table of staff actions (`states.permit`, action "merge"): the
user must be able to act on both reports, i.e. both lie in their communities.
"""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.reports.models import EventKind, Report, ReportState, ReportSupporter
from participation.reports.notifications import notify
from participation.reports.permissions import policy, reports_for
from participation.reports.states import permit
from participation.reports.workflow import (
    ReportError,
    lock,
    move,
    record,
    report_action,
    save_fields,
)


def check_survivor(report: Report, survivor: Report | None, by) -> Report:
    """The report `report` may be merged into, or ReportError saying why not."""
    if survivor is None or (
        by is not None
        and not policy.user_has_permission_for_instance(by, "act", survivor)
    ):
        raise ReportError(
            "original",
            _("No report with this reference in your communities."),
            "original",
        )
    if survivor.pk == report.pk:
        raise ReportError(
            "original", _("A report cannot be merged into itself."), "original"
        )
    if survivor.merged_into_id:
        raise ReportError(
            "original",
            _(
                "Report %(reference)s was itself merged into %(survivor)s: merge "
                "into that one."
            )
            % {
                "reference": survivor.reference,
                "survivor": survivor.merged_into.reference,
            },
            "original",
        )
    if not survivor.is_open:
        raise ReportError(
            "original",
            _(
                "Report %(reference)s is “%(state)s”: only an open report can take "
                "in another."
            )
            % {
                "reference": survivor.reference,
                "state": ReportState(survivor.state).label,
            },
            "original",
        )
    return survivor


@report_action
def merge(report: Report, survivor: Report | None, *, by, reason: str = "") -> Report:
    """Merge `report` into `survivor` (see the module docstring)."""
    permit(report, "merge", by)
    if survivor is not None and survivor.pk != report.pk:
        survivor = lock(survivor)
    survivor = check_survivor(report, survivor, by)
    now = timezone.now()
    # A chain stays flat: whatever followed `report` now follows the survivor.
    Report.objects.filter(merged_into=report).update(merged_into=survivor)
    ReportSupporter.objects.filter(report=report).update(report=survivor)
    report.merged_into = survivor
    save_fields(report, now, "merged_into")
    reason = reason.strip()
    into = gettext("Merged into report %(reference)s on the same matter.") % {
        "reference": survivor.reference
    }
    record(
        report,
        EventKind.MERGED,
        by=by,
        text=f"{into} {reason}".strip(),
        public=True,
        at=now,
    )
    record(
        survivor,
        EventKind.MERGED,
        by=by,
        text=gettext("Report %(reference)s merged into this one.")
        % {"reference": report.reference},
        at=now,
    )
    save_fields(survivor, now)
    for follower in Report.objects.filter(merged_into=survivor).exclude(
        state=survivor.state
    ):
        move(follower, survivor.state, by=by, reason=into, now=now, check=False)
    report.refresh_from_db()
    notify(report, "merged")
    notify(survivor, "merged")
    return report


def merge_by_reference(report: Report, reference: str, *, by, reason: str = ""):
    """`merge` into the report of `reference` among those `by` may see."""
    reference = (reference or "").strip().upper()[:12]
    survivor = reports_for(by).filter(reference=reference).first()
    if not reference or survivor is None:
        raise ReportError(
            "original",
            _("No report with this reference in your communities."),
            "original",
        )
    return merge(report, survivor, by=by, reason=reason)
