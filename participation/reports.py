"""The rules of residents' reports.

受理 accept → 分流 triage → 处置 handle → 反馈 reply → 回访评价 rate.

Every change to a report is one of the plain functions below. Each checks that the
change is allowed from the report's state, saves the report, and writes one
`ReportEvent` saying who did it, when, and why. Views, bulk actions, the Open311 API and
the demo data all call these functions; nothing else writes a report's state.

Deadlines come from the category's duty item (its handling class and promised
times) counted on the working-day calendar of `portal.workdays`, so public holidays
and make-up working days are respected.
"""

import re
import statistics as pystats
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from notices.lists.promises import PromisedTime
from notices.models import CommunityPage, DutyItem, Staff, communities_for
from participation import submissions
from participation.models.reports import (
    OPEN_STATES,
    ActorKind,
    EventKind,
    Report,
    ReportEvent,
    ReportKind,
    ReportPhoto,
    ReportSource,
    ReportState,
    Triage,
)
from participation.photos import CleanPhoto
from participation.submissions import (
    SubmissionError,
    hash_token,
    new_reference,
    new_token,
)
from portal import audit
from portal.lookups import remembered
from portal.models import AuditAction
from portal.params import parse_id

REFERENCE_TRIES = 10
MAX_PHOTOS = 3

S = ReportState

# Which state may follow which, for staff. Residents only reopen (resolved/closed →
# in progress) and rating closes a resolved report.
TRANSITIONS: dict[str, set[str]] = {
    S.SUBMITTED: {S.ACCEPTED, S.DISPATCHED, S.REJECTED, S.DUPLICATE, S.REFERRED},
    S.ACCEPTED: {
        S.DISPATCHED,
        S.IN_PROGRESS,
        S.RESOLVED,
        S.REJECTED,
        S.DUPLICATE,
        S.REFERRED,
        S.CLOSED,
    },
    S.DISPATCHED: {
        S.ACCEPTED,
        S.IN_PROGRESS,
        S.RESOLVED,
        S.DUPLICATE,
        S.REFERRED,
        S.CLOSED,
    },
    S.IN_PROGRESS: {S.DISPATCHED, S.RESOLVED, S.REFERRED, S.CLOSED},
    S.RESOLVED: {S.CLOSED, S.IN_PROGRESS},
    S.CLOSED: {S.IN_PROGRESS},
    S.REJECTED: {S.ACCEPTED},
    S.DUPLICATE: {S.ACCEPTED},
    S.REFERRED: {S.ACCEPTED},
}
# Changes the resident must be told a reason for (the reason is shown to them).
REASON_REQUIRED = {S.REJECTED, S.REFERRED, S.DUPLICATE}
TERMINAL_STATES = {S.CLOSED, S.REJECTED, S.DUPLICATE, S.REFERRED}


class ReportError(SubmissionError):
    """A change that is not allowed, with a message for the person who tried it."""


@dataclass
class Submitted:
    report: Report
    token: str


def deadline_for(promise: PromisedTime | None, start: datetime) -> datetime | None:
    """The duty list's deadline rule (`PromisedTime.deadline`), or None without one."""
    return None if promise is None else promise.deadline(start)


def set_deadlines(report: Report, item) -> None:
    report.response_due = deadline_for(item.promised_response, report.created_at)
    report.completion_due = deadline_for(item.promised_completion, report.created_at)


# Categories and communities residents may choose.


def current_items(locale: Locale | None = None) -> list[DutyItem]:
    """Today's duty items in `locale`, or in the default language where that list is
    not published. Codes are the same in every language."""
    items = list(DutyItem.objects.current(locale=locale))
    if not items and locale is not None and locale != Locale.get_default():
        items = list(DutyItem.objects.current(locale=Locale.get_default()))
    return items


def find_item(code: str) -> DutyItem | None:
    """The duty item residents may report under `code` today (default language).
    Shared and remembered until the lists change: read it, never modify it."""
    if not code:
        return None
    today = timezone.localdate()
    return remembered("report-items-by-code", _items_by_code, today).get(code)


def _items_by_code() -> dict[str, DutyItem]:
    found: dict[str, DutyItem] = {}
    for item in DutyItem.objects.current(locale=Locale.get_default()):
        found.setdefault(item.code, item)  # the first, as `by_code` would pick
    return found


def item_title(code: str, fallback: str = "", language: str | None = None) -> str:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    title = (
        DutyItem.objects.filter(
            code=code, page__live=True, page__locale__language_code=language
        )
        .values_list("title", flat=True)
        .first()
    )
    return title or fallback or code


def item_titles(codes, language: str | None = None) -> dict[str, str]:
    """`item_title` for many codes in one query: {code: title} for those found."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    titles: dict[str, str] = {}
    for code, title in (
        DutyItem.objects.filter(
            code__in=set(codes), page__live=True, page__locale__language_code=language
        )
        .order_by("pk")
        .values_list("code", "title")
    ):
        titles.setdefault(code, title)
    return titles


def reportable_communities() -> QuerySet:
    """Live community stations in the default language: their ids are the QR ids."""
    return (
        CommunityPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .order_by("path")
    )


def find_community(community_id) -> CommunityPage | None:
    """The community a report form or the API names by its QR id (the default-language
    page id; a translated page's id is accepted and mapped to it)."""
    pk = parse_id(community_id)
    if pk is None:
        return None
    # Every report names one: remembered until content changes (the page is shared,
    # so callers only read it).
    return remembered("report-community", lambda: _find_community(pk), pk)


def _find_community(pk: int) -> CommunityPage | None:
    page = CommunityPage.objects.live().filter(pk=pk).first()
    if page is None:
        return None
    if page.locale_id != Locale.get_default().pk:
        page = (
            reportable_communities()
            .filter(translation_key=page.translation_key)
            .first()
        )
    return page


def localized(page: Page | None) -> Page | None:
    """A page in the active language where it is translated and live."""
    if page is None:
        return None
    translated = page.get_translation_or_none(Locale.get_active())
    return translated.specific if translated is not None and translated.live else page


def station_name(report: Report) -> str:
    """Who replies: the station, never a named person."""
    community = localized(report.community)
    if community is None:
        return gettext("The city management station")
    return community.station_name or community.title


# Submitting.

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
    if actor_kind is None:
        actor_kind = ActorKind.STAFF if by is not None else ActorKind.SYSTEM
    if by is not None or to_state:  # staff actions and state changes (issue 8)
        audit.record(
            f"report.{kind}",
            report,
            by=by,
            action=AuditAction.STATE if to_state else AuditAction.MODERATION,
            detail=f"{from_state} → {to_state}" if to_state else "",
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
                    to_state=S.SUBMITTED,
                    at=now,
                )
            break
        except IntegrityError as error:
            remove_files(stored)
            if (
                submission_key
                and Report.objects.filter(submission_key=submission_key).exists()
            ):
                raise already_sent() from error
            if Report.objects.filter(reference=report.reference).exists():
                continue
            raise
        except BaseException:
            remove_files(stored)
            raise
    else:  # pragma: no cover - ten taken references in a row
        raise RuntimeError("no free reference")
    notify(report, "received", token=token)
    return Submitted(report, token)


def already_sent() -> ReportError:
    return ReportError(
        "replayed",
        _(
            "This form has already been sent, so we did not store it again. Use the "
            "tracking link from your confirmation, or open the form anew for another "
            "report."
        ),
    )


def remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - best effort
            pass


# Staff actions.


def _save(report: Report, now: datetime, *fields: str) -> None:
    report.updated_at = now
    report.save(update_fields=["updated_at", *fields])


def _move(
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
    _save(report, now, *fields)
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
    return event


@transaction.atomic
def change_state(report: Report, to: str, *, by, reason: str = "") -> ReportEvent:
    """The generic "change state with reason" action."""
    report = lock(report)
    if to == S.DUPLICATE:
        raise ReportError(
            "duplicate", _("Use “mark as duplicate” and name the original report.")
        )
    if to == S.REFERRED:
        raise ReportError(
            "referred", _("Use “refer to a department” and name the department.")
        )
    return _move(report, to, by=by, reason=reason)


def lock(report: Report) -> Report:
    """Lock the report's row and re-read it in place, so two staff acting at once do
    not overwrite each other and the caller's object shows the outcome."""
    list(Report.objects.select_for_update().filter(pk=report.pk).values_list("pk"))
    report.refresh_from_db()
    return report


@transaction.atomic
def accept(report: Report, *, by, note: str = "", public_title: str = "") -> Report:
    report = lock(report)
    _move(report, S.ACCEPTED, by=by, reason=note)
    if public_title:
        report.public_title = public_title.strip()[:120]
        report.save(update_fields=["public_title"])
    return report


@transaction.atomic
def set_triage(report: Report, level: str, *, by) -> Report:
    report = lock(report)
    if level not in Triage.values:
        raise ReportError("triage", _("Choose small, medium or large."), "triage")
    if report.state not in OPEN_STATES:
        raise ReportError("closed", _("Only open reports can be triaged."))
    before = report.triage
    report.triage = level
    _save(report, timezone.now(), "triage")
    record(
        report,
        EventKind.TRIAGE,
        by=by,
        from_state=before,
        to_state=level,
        text=str(Triage(level).label),
    )
    return report


@transaction.atomic
def assign(
    report: Report,
    *,
    by,
    station: CommunityPage | None = None,
    staff: Staff | None = None,
) -> Report:
    """Dispatch to a station and/or a staff member (派单)."""
    report = lock(report)
    if station is None and staff is None:
        raise ReportError("assign", _("Choose a station or a staff member."))
    if report.state not in OPEN_STATES:
        raise ReportError("closed", _("Only open reports can be assigned."))
    now = timezone.now()
    report.assigned_station = station or report.assigned_station
    report.assigned_staff = staff or report.assigned_staff
    _save(report, now, "assigned_station", "assigned_staff")
    parts = []
    if station is not None:
        parts.append(station.station_name or station.title)
    if staff is not None:
        parts.append(f"{staff.name} ({staff.code})")
    # Internal: it may name a person; the state change below is what residents see.
    record(report, EventKind.ASSIGNED, by=by, text=" · ".join(parts), at=now)
    if report.state in (S.SUBMITTED, S.ACCEPTED):
        _move(report, S.DISPATCHED, by=by, now=now)
    return report


@transaction.atomic
def start_work(report: Report, *, by, note: str = "") -> Report:
    report = lock(report)
    _move(report, S.IN_PROGRESS, by=by, reason=note)
    return report


@transaction.atomic
def reply(report: Report, text: str, *, by) -> ReportEvent:
    """A public reply, shown to the resident as coming from the station."""
    report = lock(report)
    text = text.strip()
    if not text:
        raise ReportError("text", _("Write the reply."), "text")
    now = timezone.now()
    fields = []
    if report.first_response_at is None:
        report.first_response_at = now
        fields.append("first_response_at")
    _save(report, now, *fields)
    event = record(report, EventKind.REPLY, by=by, text=text, public=True, at=now)
    notify(report, "reply")
    return event


@transaction.atomic
def add_note(report: Report, text: str, *, by) -> ReportEvent:
    """An internal note: staff only, never shown to the resident or the public."""
    report = lock(report)
    text = text.strip()
    if not text:
        raise ReportError("text", _("Write the note."), "text")
    _save(report, timezone.now())
    return record(report, EventKind.NOTE, by=by, text=text)


@transaction.atomic
def resolve(report: Report, text: str, *, by) -> Report:
    """Done: what was done is told to the resident, who may then rate it."""
    report = lock(report)
    if not text.strip():
        raise ReportError("text", _("Tell the resident what was done."), "text")
    _move(report, S.RESOLVED, by=by, reason=text)
    return report


@transaction.atomic
def close(report: Report, *, by, reason: str = "") -> Report:
    report = lock(report)
    _move(report, S.CLOSED, by=by, reason=reason)
    return report


@transaction.atomic
def reject(report: Report, reason: str, *, by) -> Report:
    report = lock(report)
    _move(report, S.REJECTED, by=by, reason=reason)
    return report


@transaction.atomic
def mark_duplicate(report: Report, original: Report, *, by, reason: str = "") -> Report:
    report = lock(report)
    if original.pk == report.pk or original.duplicate_of_id == report.pk:
        raise ReportError(
            "duplicate", _("A report cannot duplicate itself."), "original"
        )
    report.duplicate_of = original
    report.save(update_fields=["duplicate_of"])
    text = gettext("Same matter as report %(reference)s.") % {
        "reference": original.reference
    }
    if reason.strip():
        text = f"{text} {reason.strip()}"
    _move(report, S.DUPLICATE, by=by, reason=text)
    return report


@transaction.atomic
def refer(report: Report, *, department: str, by, reason: str = "") -> Report:
    """Not our duty: handed to another department, which the resident is told."""
    report = lock(report)
    department = department.strip()
    if not department:
        raise ReportError(
            "department", _("Name the department it goes to."), "department"
        )
    report.referred_to = department[:120]
    report.save(update_fields=["referred_to"])
    text = gettext("Referred to %(department)s.") % {"department": department}
    if reason.strip() and reason.strip() != department:
        text = f"{text} {reason.strip()}"
    _move(report, S.REFERRED, by=by, reason=text)
    return report


@transaction.atomic
def escalate(report: Report, *, department: str, by, reason: str = "") -> Report:
    """吹哨报到: the station blows the whistle and the departments report for duty.
    The report stays open, triaged as a large matter."""
    report = lock(report)
    department = department.strip()
    if not department:
        raise ReportError(
            "department", _("Name the department to call in."), "department"
        )
    if report.state not in OPEN_STATES:
        raise ReportError("closed", _("Only open reports can be escalated."))
    now = timezone.now()
    before = report.triage
    report.triage = Triage.LARGE
    _save(report, now, "triage")
    text = gettext("Escalated: %(department)s called in.") % {"department": department}
    if reason.strip():
        text = f"{text} {reason.strip()}"
    record(
        report, EventKind.TRIAGE, by=by, from_state=before, to_state="large", text=text
    )
    if report.state in (S.SUBMITTED, S.ACCEPTED):
        _move(report, S.DISPATCHED, by=by, now=now)
    return report


# What the resident does on the tracking page.


@transaction.atomic
def reopen(report: Report, comment: str) -> Report:
    """ "Not fixed": only after resolution, and only with a comment."""
    report = lock(report)
    comment = comment.strip()
    if report.state not in (S.RESOLVED, S.CLOSED) or report.rating is not None:
        raise ReportError(
            "reopen",
            _("Only a resolved report that has not been rated can be reopened."),
        )
    if not comment:
        raise ReportError("comment", _("Tell us what is still wrong."), "comment")
    now = timezone.now()
    record(
        report,
        EventKind.REOPENED,
        actor_kind=ActorKind.RESIDENT,
        text=comment,
        public=True,
        at=now,
    )
    _move(report, S.IN_PROGRESS, actor_kind=ActorKind.RESIDENT, now=now, check=False)
    return report


@transaction.atomic
def rate(report: Report, score: int, comment: str = "") -> Report:
    """1–5 after resolution, once; rating a resolved report closes it."""
    report = lock(report)
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
    _save(report, now, "rating", "rating_comment", "rated_at")
    text = gettext("%(score)d of 5") % {"score": score}
    if report.rating_comment:
        text = f"{text}: {report.rating_comment}"
    record(
        report,
        EventKind.RATED,
        actor_kind=ActorKind.RESIDENT,
        text=text,
        public=True,
        at=now,
    )
    if report.state == S.RESOLVED:
        _move(report, S.CLOSED, actor_kind=ActorKind.RESIDENT, now=now, check=False)
    return report


@transaction.atomic
def add_information(report: Report, text: str) -> ReportEvent:
    report = lock(report)
    text = text.strip()
    if report.state in TERMINAL_STATES:
        raise ReportError(
            "closed", _("This report is closed. Please send a new report.")
        )
    if not text:
        raise ReportError("text", _("Write what you want to add."), "text")
    _save(report, timezone.now())
    event = record(
        report, EventKind.INFO, actor_kind=ActorKind.RESIDENT, text=text, public=True
    )
    return event


@transaction.atomic
def delete_contact(report: Report, *, by=None, reason: str = "") -> bool:
    """Erase name, phone and email (on the resident's request or after retention)."""
    report = lock(report)
    if not report.has_contact:
        return False
    now = timezone.now()
    report.name = report.phone = report.email = ""
    report.contact_deleted_at = now
    _save(report, now, "name", "phone", "email", "contact_deleted_at")
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
    from django.db.models import Q

    candidates = Report.objects.exclude(name="", phone="", email="").filter(
        Q(state__in=TERMINAL_STATES, closed_at__lt=cutoff)
        | Q(state=S.RESOLVED, resolved_at__lt=cutoff)
    )
    count = 0
    for report in candidates.iterator():
        count += delete_contact(report, reason="retention")
    return count


# Publication (moderators).

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


@transaction.atomic
def publish(
    report: Report, *, by, title: str, text: str, public_photo_ids: Sequence[int] = ()
) -> Report:
    """Show the report, redacted, on the community's public list."""
    report = lock(report)
    if not report.allow_publication:
        raise ReportError(
            "not-allowed", _("The resident did not agree to publication.")
        )
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
    _save(report, now, "public_title", "public_text", "published_at")
    ids = {int(pk) for pk in public_photo_ids}
    for photo in report.photos.all():
        wanted = photo.pk in ids
        if photo.public != wanted:
            photo.public = wanted
            photo.save(update_fields=["public"])
    record(report, EventKind.PUBLISHED, by=by, text=title, at=now)
    return report


@transaction.atomic
def unpublish(report: Report, *, by) -> Report:
    report = lock(report)
    report.published_at = None
    _save(report, timezone.now(), "published_at")
    report.photos.update(public=False)
    record(report, EventKind.UNPUBLISHED, by=by)
    return report


# Who sees what.


def can_enter(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.has_perm("participation.view_report")
    )


def can_act(user) -> bool:
    return user.is_superuser or user.has_perm("participation.change_report")


def can_see_personal_data(user) -> bool:
    return user.is_superuser or user.has_perm("participation.view_report_personal_data")


def can_publish(user) -> bool:
    return user.is_superuser or user.has_perm("participation.publish_report")


def reports_for(user) -> QuerySet:
    """The reports a staff user may list, open, export and act on: those of the
    communities `communities_for(user)` returns. Nothing without the view permission."""
    if not getattr(user, "is_authenticated", False) or not can_enter(user):
        return Report.objects.none()
    if user.is_superuser:
        return Report.objects.all()
    return Report.objects.filter(community__in=communities_for(user))


# Notifications (background tasks; only when the resident left a contact).


def notify(report: Report, kind: str, token: str | None = None) -> None:
    if not (report.email or report.phone):
        return
    from participation.report_tasks import notify_resident

    report_id = report.pk

    def enqueue():
        notify_resident.enqueue(report_id, kind, token or "")

    transaction.on_commit(enqueue)


# Open311 mapping.


def open311_status(state: str) -> str:
    """GeoReport v2 knows only open and closed; the fine state travels alongside."""
    return "open" if state in OPEN_STATES else "closed"


# The station's "what residents asked for" list.


def accepted_suggestions(community) -> list[SimpleNamespace]:
    """Suggestions the station accepted for this community (any language of its page),
    newest first: `title` (staff-written public summary, else the category in the
    page's language), `duty_code` and `accepted_at`. Never the resident's words."""
    source = (
        CommunityPage.objects.filter(
            translation_key=community.translation_key, locale=Locale.get_default()
        ).first()
        if community is not None
        else None
    )
    if source is None:
        return []
    language = community.locale.language_code
    reports = Report.objects.filter(
        community=source,
        kind=ReportKind.SUGGESTION,
        state__in=[S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED],
    ).order_by("-first_response_at", "-pk")[:20]
    reports = list(reports)
    found = item_titles((report.category_code for report in reports), language)
    result = []
    for report in reports:
        code = report.category_code
        title = report.public_title or found.get(code) or report.category_title or code
        result.append(
            SimpleNamespace(
                title=title,
                duty_code=report.category_code,
                accepted_at=report.first_response_at,
            )
        )
    return result


# Public statistics.


def area_reports(area: Page | None) -> QuerySet:
    """Reports of a district, subdistrict or community (any language), or all."""
    reports = Report.objects.all()
    if area is None:
        return reports
    source = Page.objects.filter(
        translation_key=area.translation_key, locale=Locale.get_default()
    ).first()
    if source is None:
        return reports.none()
    return reports.filter(community__path__startswith=source.path)


def month_starts(now: datetime, months: int) -> list[date]:
    local = timezone.localdate(now).replace(day=1)
    starts = [local]
    for _i in range(months - 1):
        previous = starts[-1] - timedelta(days=1)
        starts.append(previous.replace(day=1))
    return list(reversed(starts))


def median_hours(durations: list[timedelta]) -> float | None:
    if not durations:
        return None
    return round(pystats.median(d.total_seconds() for d in durations) / 3600, 1)


def report_statistics(
    reports: QuerySet, months: int = 12, now: datetime | None = None
) -> dict:
    """Counts and times of the last `months` months (local calendar months): by
    category, by state and by month; median hours to first response and to
    resolution; share resolved on time; average rating. Aggregates only."""
    now = now or timezone.now()
    starts = month_starts(now, months)
    since = datetime.combine(starts[0], time(), timezone.get_current_timezone())
    recent = reports.filter(created_at__gte=since)
    by_state = dict(recent.values_list("state").annotate(n=Count("pk")).order_by())
    categories = Counter()
    titles = {}
    for code, title, n in (
        recent.values_list("category_code", "category_title")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        categories[code] += n
        titles.setdefault(code, title)
    rows = list(
        recent.values_list(
            "created_at", "first_response_at", "resolved_at", "completion_due"
        )
    )
    received = Counter()
    resolved = Counter()
    response_times, resolution_times = [], []
    on_time = due = 0
    zone = timezone.get_current_timezone()
    for created, responded, done, completion_due in rows:
        received[created.astimezone(zone).date().replace(day=1)] += 1
        if responded:
            response_times.append(responded - created)
        if done:
            resolution_times.append(done - created)
            resolved[done.astimezone(zone).date().replace(day=1)] += 1
            if completion_due:
                due += 1
                on_time += done <= completion_due
    rating = recent.filter(rating__isnull=False).aggregate(
        avg=Avg("rating"), n=Count("pk")
    )
    language = translation.get_language()
    found = item_titles(categories, language)
    return {
        "total": len(rows),
        "since": starts[0],
        "by_state": [
            (key, str(label), by_state.get(key, 0))
            for key, label in ReportState.choices
        ],
        "by_category": [
            (code, found.get(code) or titles[code] or code, n)
            for code, n in categories.most_common()
        ],
        "by_month": [
            (start, received.get(start, 0), resolved.get(start, 0)) for start in starts
        ],
        "median_response_hours": median_hours(response_times),
        "median_resolution_hours": median_hours(resolution_times),
        "on_time_rate": round(100 * on_time / due) if due else None,
        "on_time_counted": due,
        "average_rating": round(rating["avg"], 1)
        if rating["avg"] is not None
        else None,
        "ratings": rating["n"],
    }
