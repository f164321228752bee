"""The resident's contact data (name, phone, email) on a report: erased when they ask
on the tracking page, and for every report closed (or resolved and left) longer ago
than the retention period (`manage.py purge_report_contacts`), with the phones its
supporters left (我也遇到了)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from participation.reports.models import ActorKind, EventKind, Report, ReportState
from participation.reports.support import purge_supporter_phones
from participation.reports.workflow import (
    TERMINAL_STATES,
    record,
    report_action,
    save_fields,
)


@report_action
def delete_contact(report: Report, *, by=None, reason: str = "") -> bool:
    """Erase name, phone and email (on the resident's request or after retention)."""
    if not report.has_contact:
        return False
    now = timezone.now()
    report.name = report.phone = report.email = ""
    report.contact_deleted_at = now
    save_fields(report, now, "name", "phone", "email", "contact_deleted_at")
    record(
        report,
        EventKind.CONTACT_DELETED,
        by=by,
        actor_kind=ActorKind.RESIDENT if reason == "resident" else None,
        public=True,
        at=now,
    )
    return True


def purge_contacts(days: int | None = None, now: datetime | None = None) -> int:
    """Erase contact data of reports closed (or resolved and left) more than `days`
    ago; settings.PORTAL_REPORT_CONTACT_RETENTION_DAYS by default."""
    if days is None:
        days = settings.PORTAL_REPORT_CONTACT_RETENTION_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = Report.objects.filter(
        Q(state__in=TERMINAL_STATES, closed_at__lt=cutoff)
        | Q(state=ReportState.RESOLVED, resolved_at__lt=cutoff)
    )
    # Supporters' phones (我也遇到了) go with the report's contact data.
    purge_supporter_phones(expired)
    candidates = expired.exclude(name="", phone="", email="")
    count = 0
    for report in candidates.iterator():
        count += delete_contact(report, reason="retention")
    return count
