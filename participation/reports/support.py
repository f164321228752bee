"""我也遇到了: a resident who finds their problem already reported nearby adds their
support to that report instead of sending a new one. No report is stored: a
supporter record (when, the language, and with consent a mobile number for the same
state messages the reporter gets). The number is erased with the report's contact
data (`contact_data.purge_contacts`, RETENTION_DAYS after the report is closed).
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from participation.reports.models import (
    ActorKind,
    EventKind,
    Report,
    ReportSupporter,
)
from participation.reports.workflow import ReportError, record, save_fields
from participation.submissions import normalise_mobile


class AlreadySupported(ReportError):
    """The same support form sent twice: counted once."""


def add_support(
    report: Report,
    *,
    phone: str = "",
    consent: bool = False,
    language: str | None = None,
    submission_key: str | None = None,
) -> ReportSupporter:
    """Count one more resident with the same problem on an open `report`."""
    if not report.is_open or report.merged_into_id:
        raise ReportError(
            "closed",
            _("This report is no longer open. Send your own report instead."),
        )
    if phone:
        phone = normalise_mobile(phone, ReportError)
        if not consent:
            raise ReportError(
                "consent",
                _("Tick the box to agree to how we use your phone, or leave it out."),
                "consent",
            )
    now = timezone.now()
    supporter = ReportSupporter(
        report=report,
        created_at=now,
        language=language or translation.get_language() or "zh-hans",
        phone=phone,
        consented_at=now if phone else None,
        submission_key=submission_key or None,
    )
    try:
        with transaction.atomic():
            supporter.save(force_insert=True)
            save_fields(report, now)
            record(
                report,
                EventKind.SUPPORTED,
                actor_kind=ActorKind.RESIDENT,
                public=False,
                at=now,
            )
    except IntegrityError as error:
        raise AlreadySupported(
            "replayed",
            _("Your support was already counted; thank you."),
        ) from error
    return supporter


def with_support_counts(reports: QuerySet) -> QuerySet:
    """`reports` with the counts `support_count` reads: supporters, and residents
    whose own reports were merged into each. Subqueries, not a GROUP BY over the
    whole queue: only the rows of the page shown are counted."""

    def counted(queryset: QuerySet, column: str):
        rows = (
            queryset.filter(**{column: OuterRef("pk")})
            .order_by()
            .values(column)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows), 0)

    return reports.annotate(
        supporter_count=counted(ReportSupporter.objects.all(), "report"),
        merged_count=counted(Report.objects.all(), "merged_into"),
    )


def support_count(report: Report) -> int:
    """How many other residents have the same problem: those who pressed
    我也遇到了 and those whose own reports were merged into this one."""
    counted = getattr(report, "supporter_count", None)
    if counted is not None:
        return counted + report.merged_count
    return report.supporters.count() + report.merged.count()


def supporters_to_tell(report: Report) -> QuerySet:
    """Supporters who left a phone for updates."""
    return report.supporters.exclude(phone="")


def purge_supporter_phones(reports: QuerySet) -> int:
    """Erase the phones supporters left on `reports` (their retention ended)."""
    return (
        ReportSupporter.objects.filter(report__in=reports)
        .exclude(phone="")
        .update(phone="", consented_at=None)
    )
