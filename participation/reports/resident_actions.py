"""What the resident does on the private tracking page: say it is not fixed (reopen,
with a comment), rate the result once it is resolved, or add information while the
report is open. Erasing their contact data is in `contact_data`."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.reports.models import (
    ActorKind,
    EventKind,
    Report,
    ReportEvent,
    ReportState,
)
from participation.reports.workflow import (
    TERMINAL_STATES,
    ReportError,
    move,
    record,
    report_action,
    required_text,
    save_fields,
)

S = ReportState


def said_by_resident(
    report: Report, kind: str, text: str, at: datetime | None = None
) -> ReportEvent:
    """What the resident says goes in the report's public log, signed as theirs."""
    return record(
        report, kind, actor_kind=ActorKind.RESIDENT, text=text, public=True, at=at
    )


@report_action
def reopen(report: Report, comment: str) -> Report:
    """ "Not fixed": only after resolution, and only with a comment."""
    if report.state not in (S.RESOLVED, S.CLOSED) or report.rating is not None:
        raise ReportError(
            "reopen",
            _("Only a resolved report that has not been rated can be reopened."),
        )
    comment = required_text(comment, _("Tell us what is still wrong."), "comment")
    now = timezone.now()
    said_by_resident(report, EventKind.REOPENED, comment, at=now)
    move(report, S.IN_PROGRESS, actor_kind=ActorKind.RESIDENT, now=now, check=False)
    return report


@report_action
def rate(report: Report, score: int, comment: str = "") -> Report:
    """1–5 after resolution, once; rating a resolved report closes it."""
    if report.state not in (S.RESOLVED, S.CLOSED) or report.resolved_at is None:
        raise ReportError("rate", _("You can rate the report once it is resolved."))
    if report.rating is not None:
        raise ReportError("rated", _("This report has already been rated. Thank you."))
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ReportError("score", _("Choose from 1 to 5 stars."), "score")
    now = timezone.now()
    report.rating = score
    report.rating_comment = comment.strip()[:500]
    report.rated_at = now
    save_fields(report, now, "rating", "rating_comment", "rated_at")
    text = gettext("%(score)d of 5") % {"score": score}
    if report.rating_comment:
        text = f"{text}: {report.rating_comment}"
    said_by_resident(report, EventKind.RATED, text, at=now)
    if report.state == S.RESOLVED:
        move(report, S.CLOSED, actor_kind=ActorKind.RESIDENT, now=now, check=False)
    return report


@report_action
def add_information(report: Report, text: str) -> ReportEvent:
    if report.state in TERMINAL_STATES:
        raise ReportError(
            "closed", _("This report is closed. Please send a new report.")
        )
    text = required_text(text, _("Write what you want to add."))
    save_fields(report, timezone.now())
    return said_by_resident(report, EventKind.INFO, text)
