"""The rules of event registration: register, wait, cancel, move up, check in.

Every change happens in one transaction that first locks the event's row
(`SELECT … FOR UPDATE` on PostgreSQL), so registrations for one event are decided one
at a time and the places given never exceed the capacity, however many residents press
"register" at once. SQLite serialises writers on its own.

Fairness: places go in order of arrival. A new registration is confirmed only when
nobody is waiting and its whole party fits; otherwise it waits. When places free up
(a cancellation, a larger capacity) the waitlist moves up strictly first in, first
out: if the party at the head does not fit yet, nobody behind it jumps ahead.

All rules apply to the event page in the default language (see
`EventPage.registration_source`), so both languages share one set of places.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.models import EventPage, RegistrationState
from participation import submissions
from participation.registrations.models import (
    ACTIVE_STATUSES,
    Registration,
    RegistrationStatus,
)
from participation.registrations.seats import confirmed_seats, lock_event
from participation.submissions import (
    RETENTION_DAYS,
    SubmissionError,
    hash_token,
    new_token,
    normalise_mobile,
    private_link,
    renew_token,
    save_new,
    submission_language,
    unused_reference,
)
from portal import audit


class RegistrationError(SubmissionError):
    """A registration that cannot be made or changed, with a message for the
    resident."""


@dataclass
class Outcome:
    registration: Registration
    token: str | None = None
    created: bool = False
    promoted: list[Registration] = field(default_factory=list)


def find_by_token(token: str) -> Registration | None:
    """The registration a manage link opens, or None for a forged or unknown link."""
    return submissions.find_by_token(
        Registration.objects.select_related("event"), token
    )


def manage_url(token: str, language: str) -> str:
    """The absolute private link to a registration, in the resident's language."""
    return private_link("participation:registration_manage", token, language)


def _check_open(event: EventPage, now: datetime) -> None:
    state = event.registration_state(now) if event.live else RegistrationState.CLOSED
    messages = {
        RegistrationState.CANCELLED: _("This event has been cancelled."),
        RegistrationState.NONE: _("This event needs no registration: just come."),
        RegistrationState.NOT_YET_OPEN: _("Registration has not opened yet."),
        RegistrationState.CLOSED: _("Registration for this event has closed."),
    }
    if state != RegistrationState.OPEN:
        raise RegistrationError(state, messages[state])


def _notify(task_name: str, registration: Registration, *args) -> None:
    """Enqueue a mail task once the transaction has committed, if there is an email."""
    if not registration.email:
        return
    from participation.registrations import tasks

    task = getattr(tasks, task_name)
    pk = registration.pk
    transaction.on_commit(lambda: task.enqueue(pk, *args))


def _text_confirmation(registration: Registration, link: str) -> None:
    """Text the confirmation with its manage link once the transaction has
    committed: every registration gives a mobile number and consents to be
    contacted about the event."""
    from participation.registrations import tasks

    pk = registration.pk
    transaction.on_commit(
        lambda: tasks.text_registration_confirmation.enqueue(pk, link)
    )


def _promote(event: EventPage, now: datetime) -> list[Registration]:
    """Confirm waiting entries, oldest first, while the head of the queue fits.

    The caller holds the event's lock.
    """
    free = event.capacity - confirmed_seats(event)
    promoted = []
    waiting = Registration.objects.filter(
        event=event, status=RegistrationStatus.WAITING
    ).order_by("created_at", "pk")
    for entry in waiting:
        if entry.party_size > free:
            break
        entry.status = RegistrationStatus.CONFIRMED
        entry.confirmed_at = entry.promoted_at = now
        entry.save(update_fields=["status", "confirmed_at", "promoted_at"])
        free -= entry.party_size
        promoted.append(entry)
        _notify("notify_promoted", entry)
    return promoted


@transaction.atomic
def register(
    event: EventPage,
    *,
    name: str,
    phone: str,
    party_size: int = 1,
    email: str = "",
    notes: str = "",
    join_waitlist: bool = True,
    submission_key: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Register a resident: a confirmed place, a place on the waitlist, or an error.

    A second submit of the same form (same `submission_key` and phone) returns the
    first registration with a fresh manage link instead of storing anything twice.
    """
    now = now or timezone.now()
    phone = normalise_mobile(phone, RegistrationError)
    locked = lock_event(event)

    if submission_key:
        earlier = Registration.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            if earlier.event_id != locked.pk or earlier.phone != phone:
                raise RegistrationError(
                    "stale-form",
                    _("This form was already used. Please open the event page again."),
                )
            return Outcome(earlier, renew_token(earlier), created=False)

    _check_open(locked, now)
    if not 1 <= party_size <= locked.max_party_size:
        raise RegistrationError(
            "party-size",
            _("One registration may bring 1 to %(most)d people.")
            % {"most": locked.max_party_size},
            "party_size",
        )
    if Registration.objects.filter(
        event=locked, phone=phone, status__in=ACTIVE_STATUSES
    ).exists():
        raise RegistrationError(
            "already-registered",
            _(
                "This mobile number already holds a place for this event. Use the "
                "link from your confirmation to see or cancel it."
            ),
            "phone",
        )

    queue_empty = not Registration.objects.filter(
        event=locked, status=RegistrationStatus.WAITING
    ).exists()
    fits = confirmed_seats(locked) + party_size <= locked.capacity
    if queue_empty and fits:
        status = RegistrationStatus.CONFIRMED
    elif locked.waitlist_enabled and join_waitlist:
        status = RegistrationStatus.WAITING
    elif locked.waitlist_enabled:
        raise RegistrationError(
            "full-waitlist-available",
            _("The event is full. Tick the waitlist box to join the waitlist."),
            "join_waitlist",
        )
    else:
        raise RegistrationError("full", _("Sorry, the event is full."))

    token = new_token()
    registration = Registration(
        event=locked,
        status=status,
        reference=unused_reference(Registration),
        token_hash=hash_token(token),
        submission_key=submission_key or None,
        name=name.strip(),
        phone=phone,
        email=email.strip(),
        party_size=party_size,
        notes=notes.strip(),
        language=submission_language(language),
        consented_at=now,
        confirmed_at=now if status == RegistrationStatus.CONFIRMED else None,
    )
    # A twin is only possible when the lock is not held (e.g. a second process on
    # SQLite racing past the check): the unique constraint still keeps one place.
    save_new(
        registration,
        RegistrationError(
            "already-registered",
            _("This mobile number already holds a place for this event."),
            "phone",
        ),
    )
    link = manage_url(token, registration.language)
    _notify("send_registration_confirmation", registration, link)
    _text_confirmation(registration, link)
    return Outcome(registration, token, created=True)


@transaction.atomic
def cancel(registration: Registration, now: datetime | None = None) -> Outcome:
    """The resident gives up their place (or their spot on the waitlist).

    Cancelling twice is harmless: the second time changes nothing.
    """
    now = now or timezone.now()
    locked = lock_event(registration.event)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if not current.is_active:
        return Outcome(current)
    current.status = RegistrationStatus.CANCELLED
    current.cancelled_at = now
    current.save(update_fields=["status", "cancelled_at"])
    return Outcome(current, promoted=_promote(locked, now))


@transaction.atomic
def apply_event_changes(event: EventPage, now: datetime | None = None) -> list:
    """After an editor publishes the event: a cancelled event releases and tells
    everyone; a larger capacity moves the waitlist up. Returns who was affected.

    A smaller capacity never removes confirmed places; new ones wait until the
    confirmed total is below it again.
    """
    now = now or timezone.now()
    locked = lock_event(event)
    if locked.cancelled:
        return cancel_event(locked, now)
    return _promote(locked, now)


def cancel_event(event: EventPage, now: datetime) -> list[Registration]:
    """Mark every active registration of a cancelled event and tell each by email.

    The caller holds the event's lock. Runs once per registration: publishing the
    cancelled event again tells nobody twice.
    """
    affected = list(
        Registration.objects.select_for_update().filter(
            event=event, status__in=ACTIVE_STATUSES
        )
    )
    for registration in affected:
        registration.status = RegistrationStatus.EVENT_CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        _notify("notify_event_cancelled", registration)
    audit.record("registrations.event_cancelled", event, rows=len(affected))
    return affected


@dataclass
class CheckIn:
    registration: Registration
    already: bool


@transaction.atomic
def check_in(event: EventPage, reference: str, now: datetime | None = None) -> CheckIn:
    """Staff at the door enter the reference code a resident shows them."""
    now = now or timezone.now()
    source = event.registration_source()
    code = re.sub(r"[\s\-]", "", reference or "").upper()
    registration = (
        Registration.objects.select_for_update()
        .filter(event=source, reference=code)
        .first()
    )
    if registration is None:
        raise RegistrationError(
            "unknown-reference",
            _("No registration for this event has that reference code."),
            "reference",
        )
    if registration.status != RegistrationStatus.CONFIRMED:
        raise RegistrationError(
            "not-confirmed",
            _("This registration is %(status)s, not confirmed.")
            % {"status": registration.get_status_display()},
            "reference",
        )
    if registration.checked_in_at is not None:
        return CheckIn(registration, already=True)
    registration.checked_in_at = now
    registration.save(update_fields=["checked_in_at"])
    audit.record("registration.check_in", registration)
    return CheckIn(registration, already=False)


def erase_expired(now: datetime | None = None) -> int:
    """Erase names, phones, emails and notes RETENTION_DAYS after an event ended.

    Numbers (places, attendance) stay for the event's report.
    """
    now = now or timezone.now()
    return (
        Registration.objects.filter(event__end__lt=now - timedelta(days=RETENTION_DAYS))
        .exclude(phone="")
        .update(name="", phone="", email="", notes="")
    )
