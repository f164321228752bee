"""Submitting a report: from the QR form, a partner's Open311 post, or the demo data.

The report is stored with its photos in one transaction, its deadlines counted from the
category's duty item (its promised times on the working-day calendar of
`portal.workdays`, so public holidays and make-up working days are respected), and the
resident gets the tracking link once, by mail or SMS when they left a contact.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notices.lists.promises import PromisedTime
from notices.models import CommunityPage, DutyItem
from notices.stations.hours import ServiceHours
from participation import submissions
from participation.photos import CleanPhoto
from participation.reports.alerts import alert_new_report
from participation.reports.models import (
    ActorKind,
    EventKind,
    Report,
    ReportKind,
    ReportPhoto,
    ReportSource,
    ReportState,
)
from participation.reports.notifications import notify
from participation.reports.routing import routing_note
from participation.reports.workflow import ReportError, record
from participation.submissions import hash_token, new_reference, new_token

REFERENCE_TRIES = 10
MAX_PHOTOS = 3


@dataclass
class Submitted:
    report: Report
    token: str


def deadline_for(
    promise: PromisedTime | None, start: datetime, hours: ServiceHours | None = None
) -> datetime | None:
    """The duty list's deadline rule (`PromisedTime.deadline`), or None without one."""
    return None if promise is None else promise.deadline(start, hours)


def set_deadlines(report: Report, item: DutyItem) -> None:
    """Response promises count in the station's service hours (from its next opening
    when a report comes in while it is closed); completion in working days."""
    hours = report.community.service_hours() if report.community else None
    report.response_due = deadline_for(item.promised_response, report.created_at, hours)
    report.completion_due = deadline_for(
        item.promised_completion, report.created_at, hours
    )


PHONE_PATTERN = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def normalise_phone(raw: str) -> str:
    """A mainland mobile (11 digits) or a landline with area code, as digits."""
    digits = re.sub(r"[\s()（）]", "", raw or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    if not PHONE_PATTERN.match(digits):
        raise ReportError(
            "invalid-phone",
            _(
                "Enter a mobile number (11 digits, e.g. 13812345678) or a landline "
                "with its area code (e.g. 0516-83000000)."
            ),
            "phone",
        )
    return digits


def find_by_token(token: str) -> Report | None:
    """The report a tracking link opens, or None for a forged or unknown link."""
    return submissions.find_by_token(Report.objects.select_related("community"), token)


def submit_report(
    *,
    community: CommunityPage,
    item: DutyItem,
    description: str,
    location: str,
    kind: str = ReportKind.PROBLEM,
    name: str = "",
    phone: str = "",
    email: str = "",
    consent: bool = False,
    allow_publication: bool = True,
    photos: Sequence[CleanPhoto] = (),
    latitude=None,
    longitude=None,
    language: str | None = None,
    submission_key: str | None = None,
    source: str = ReportSource.WEB,
    now: datetime | None = None,
) -> Submitted:
    """Store a new report and its photos in one transaction; files written are removed
    again if anything fails. Returns the report and its tracking token (shown once)."""
    if community is None:
        raise ReportError("community", _("Choose your community."), "community")
    if item is None:
        raise ReportError("category", _("Choose what the report is about."), "category")
    if len(photos) > MAX_PHOTOS:
        raise ReportError(
            "photos",
            ngettext(
                "You can attach at most %(n)d photo.",
                "You can attach at most %(n)d photos.",
                MAX_PHOTOS,
            )
            % {"n": MAX_PHOTOS},
            "photos",
        )
    if phone:
        phone = normalise_phone(phone)
    has_contact = bool(name or phone or email)
    if has_contact and not consent:
        raise ReportError(
            "consent",
            _(
                "Tick the box to agree to how we use your contact details, or leave "
                "them out."
            ),
            "consent",
        )
    # A form sent twice is refused by the unique submission key when saving (below):
    # no query beforehand, as nearly every report is sent once. A reference already
    # taken (one chance in ~10^12 at a million reports) sends the whole transaction
    # again with a new one, so the common case needs no savepoint around the insert.
    now = now or timezone.now()
    for _attempt in range(REFERENCE_TRIES):
        token = new_token()
        report = Report(
            reference=new_reference(),
            token_hash=hash_token(token),
            submission_key=submission_key or None,
            kind=kind,
            source=source,
            language=language or translation.get_language() or "zh-hans",
            community=community,
            category_code=item.code,
            category_title=item.title,
            handling_class=item.handling_class,
            department=item.department,
            location=location.strip(),
            latitude=latitude,
            longitude=longitude,
            description=description.strip(),
            name=name.strip(),
            phone=phone,
            email=email.strip(),
            consented_at=now if has_contact else None,
            allow_publication=allow_publication,
            created_at=now,
            updated_at=now,
        )
        set_deadlines(report, item)
        stored: list[str] = []
        try:
            with transaction.atomic():
                report.save(force_insert=True)
                for photo in photos:
                    saved = ReportPhoto(
                        report=report, width=photo.width, height=photo.height
                    )
                    content = photo.as_file()
                    saved.file.save(content.name, content, save=False)
                    stored.append(saved.file.name)
                    saved.save()
                record(
                    report,
                    EventKind.CREATED,
                    actor_kind=(
                        ActorKind.PARTNER
                        if source == ReportSource.OPEN311
                        else ActorKind.RESIDENT
                    ),
                    public=True,
                    to_state=ReportState.SUBMITTED,
                    at=now,
                )
                note = routing_note(latitude, longitude)
                if note:
                    record(report, EventKind.NOTE, text=note, at=now)
            break
        except IntegrityError as error:
            remove_files(stored)
            earlier = (
                Report.objects.filter(submission_key=submission_key).first()
                if submission_key
                else None
            )
            if earlier is not None:
                raise already_sent(earlier, community, phone) from error
            if Report.objects.filter(reference=report.reference).exists():
                continue
            raise
        except BaseException:
            remove_files(stored)
            raise
    else:  # pragma: no cover - ten taken references in a row
        raise RuntimeError("no free reference")
    notify(report, "received", token=token)
    alert_new_report(report)
    return Submitted(report, token)


class AlreadySent(ReportError):
    """The same form sent again (its answer lost on the way, the page reloaded):
    nothing is stored twice. `token` opens the report stored the first time: a
    fresh one (only the hash of the first was kept, so that link stops working),
    or "" when the form came back with another community or phone and may not
    be the sender's own."""

    def __init__(self, message, token: str = ""):
        super().__init__("replayed", message)
        self.token = token


def already_sent(earlier: Report, community: CommunityPage, phone: str) -> AlreadySent:
    if earlier.community_id != community.pk or earlier.phone != phone:
        return AlreadySent(
            _(
                "This form has already been sent, so we did not store it again. Use "
                "the tracking link from your confirmation, or open the form anew "
                "for another report."
            )
        )
    return AlreadySent(
        _(
            "This form has already been sent, so we did not store it again. Its "
            "tracking link is below: a new one, the link shown before no longer "
            "works."
        ),
        token=submissions.renew_token(earlier),
    )


def remove_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - best effort
            pass
