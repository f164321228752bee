"""Publication by moderators: a report shown, redacted, on its community's public
list, with the photos they approve; and withdrawn again. The resident must have
agreed, and the public text may name no one: no name, phone, email or ID number."""

import re
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.reports.models import EventKind, Report
from participation.reports.states import permit
from participation.reports.workflow import (
    ReportError,
    record,
    report_action,
    save_fields,
)

PHONE_LIKE = re.compile(
    r"(?<!\d)(?:\+?86[-\s]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)"
)
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
ID_NUMBER_LIKE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def redact(text: str, report: Report | None = None) -> str:
    """Text with phones, emails, ID numbers and the reporter's name masked."""
    text = ID_NUMBER_LIKE.sub("***", text)
    text = PHONE_LIKE.sub("***", text)
    text = EMAIL_LIKE.sub("***", text)
    if report is not None and report.name:
        text = text.replace(report.name, "***")
    return text


def personal_data_in(text: str, report: Report) -> bool:
    if (
        PHONE_LIKE.search(text)
        or EMAIL_LIKE.search(text)
        or ID_NUMBER_LIKE.search(text)
    ):
        return True
    return bool(report.name and report.name in text)


@report_action
def publish(
    report: Report, *, by, title: str, text: str, public_photo_ids: Sequence[int] = ()
) -> Report:
    """Show the report, redacted, on the community's public list."""
    if not report.allow_publication:
        raise ReportError(
            "not-allowed", _("The resident did not agree to publication.")
        )
    permit(report, "publish", by)
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise ReportError("text", _("Write a public summary and text."), "text")
    if personal_data_in(title, report) or personal_data_in(text, report):
        raise ReportError(
            "personal-data",
            _("The public text still contains a name, phone, email or ID number."),
            "text",
        )
    now = timezone.now()
    report.public_title = title[:120]
    report.public_text = text[:2000]
    report.published_at = now
    save_fields(report, now, "public_title", "public_text", "published_at")
    ids = {int(pk) for pk in public_photo_ids}
    for photo in report.photos.all():
        wanted = photo.pk in ids
        if photo.public != wanted:
            photo.public = wanted
            photo.save(update_fields=["public"])
    record(report, EventKind.PUBLISHED, by=by, text=title, at=now)
    return report


@report_action
def unpublish(report: Report, *, by) -> Report:
    permit(report, "unpublish", by)
    report.published_at = None
    save_fields(report, timezone.now(), "published_at")
    report.photos.update(public=False)
    record(report, EventKind.UNPUBLISHED, by=by)
    return report
