"""Registering, the waitlist, cancelling, check-in and retention
(participation/registrations/rules.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notices.models import EventPage
from participation.registrations.models import Registration
from participation.registrations.rules import (
    RegistrationError,
    apply_event_changes,
    cancel,
    check_in,
    erase_expired,
    find_by_token,
    register,
)
from participation.submissions import normalise_mobile
from tests.notices.event_builders import make_event
from tests.participation.registration_builders import (
    CONFIRMED,
    WAITING,
    sign_up,
)

pytestmark = pytest.mark.django_db


# Places and the waitlist


def test_party_counts_every_person_towards_capacity(event):
    sign_up(event, 1, party_size=3)
    assert sign_up(event, 2, party_size=2).registration.status == CONFIRMED
    assert sign_up(event, 3, party_size=1).registration.status == WAITING


def test_cancelling_promotes_oldest_waiting_and_emails_them(
    event, django_capture_on_commit_callbacks
):
    for n in range(5):
        sign_up(event, n)
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(event, 10, email="first@example.org").registration
        second = sign_up(event, 11, email="second@example.org").registration
    mail.outbox.clear()
    confirmed = event.registrations.filter(status=CONFIRMED).first()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = cancel(confirmed)
    assert [r.pk for r in outcome.promoted] == [first.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (CONFIRMED, WAITING)
    assert [m.to for m in mail.outbox] == [["first@example.org"]]
    assert first.reference in mail.outbox[0].body


def test_waitlist_is_strictly_first_in_first_out(event):
    for n in range(4):
        sign_up(event, n)  # 4 of 5 taken
    big = sign_up(event, 10, party_size=3).registration  # does not fit: waits
    assert big.status == WAITING
    small = sign_up(event, 11, party_size=1).registration
    assert small.status == WAITING, "nobody jumps the queue, even if they would fit"
    first, second = event.registrations.filter(status=CONFIRMED)[:2]
    cancel(first)  # 2 free: the head of the queue needs 3, so nobody moves
    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == (WAITING, WAITING)
    cancel(second)  # 3 free: the head moves up; then it is full again
    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == (CONFIRMED, WAITING)


def test_raising_capacity_promotes_waiting_on_publish(event):
    for n in range(8):
        sign_up(event, n)
    event.capacity = 7
    event.save_revision().publish()
    statuses = list(
        event.registrations.order_by("created_at", "pk").values_list(
            "status", flat=True
        )
    )
    assert statuses == [CONFIRMED] * 7 + [WAITING]


def test_lowering_capacity_keeps_confirmed_places(event):
    for n in range(5):
        sign_up(event, n)
    event.capacity = 3
    event.save_revision().publish()
    assert event.registrations.filter(status=CONFIRMED).count() == 5
    assert sign_up(event, 9).registration.status == WAITING


def test_cancelling_the_event_tells_everyone_with_an_email_once(
    event, django_capture_on_commit_callbacks
):
    sign_up(event, 1, email="a@example.org")
    sign_up(event, 2)
    for n in range(3, 8):
        sign_up(event, n, email=f"p{n}@example.org")  # 3 confirmed, 2 waiting
    mail.outbox.clear()
    event.cancelled = True
    event.cancellation_note = "因暴雨取消"
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
        apply_event_changes(event)  # publishing again tells nobody twice
    assert len(mail.outbox) == 6
    assert "因暴雨取消" in mail.outbox[0].body
    assert not event.registrations.filter(status__in=[CONFIRMED, WAITING]).exists()


# Bad input


@pytest.mark.parametrize(
    "raw", ["1381234567", "12812345678", "23812345678", "138123456789", "abc"]
)
def test_invalid_mobile_numbers_are_refused_saying_what_is_expected(raw):
    with pytest.raises(RegistrationError) as error:
        normalise_mobile(raw, RegistrationError)
    assert "11" in str(error.value.message) and "13812345678" in str(
        error.value.message
    )


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "（86）13812345678",
    ],
)
def test_mobile_numbers_are_stored_normalised(raw):
    assert normalise_mobile(raw) == "13812345678"


def test_one_phone_cannot_hold_two_places(event):
    sign_up(event, 1)
    with pytest.raises(RegistrationError) as error:
        register(event, name="别人", phone="139 0000 0001")
    assert error.value.code == "already-registered"
    assert event.registrations.count() == 1


def test_the_database_refuses_a_second_active_registration_per_phone(event):
    from django.db import IntegrityError, transaction

    first = sign_up(event, 1).registration
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event,
            status=WAITING,
            reference="ZZZZ9999",
            token_hash="x" * 64,
            name="x",
            phone=first.phone,
            consented_at=timezone.now(),
        )


def test_a_cancelled_phone_may_register_again(event):
    cancel(sign_up(event, 1).registration)
    assert sign_up(event, 1).registration.status == CONFIRMED


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "not-yet-open"),
        ({"registration_closes_at": timezone.now() - timedelta(minutes=1)}, "closed"),
        ({"cancelled": True}, "cancelled"),
        ({"takes_registrations": False}, "none"),
    ],
)
def test_registration_outside_its_window_is_refused(events, fields, code):
    event = make_event(events, **fields)
    with pytest.raises(RegistrationError) as error:
        sign_up(event, 1)
    assert error.value.code == code
    assert not Registration.objects.exists()


def test_an_unpublished_event_takes_no_registration(event):
    event.unpublish()
    with pytest.raises(RegistrationError) as error:
        sign_up(EventPage.objects.get(pk=event.pk), 1)
    assert error.value.code == "closed"


def test_oversized_party_is_refused(event):
    with pytest.raises(RegistrationError) as error:
        sign_up(event, 1, party_size=4)
    assert error.value.code == "party-size"


def test_full_event_without_waitlist_is_refused(events):
    event = make_event(events, capacity=1, waitlist_enabled=False)
    sign_up(event, 1)
    with pytest.raises(RegistrationError) as error:
        sign_up(event, 2)
    assert error.value.code == "full"
    assert event.registrations.count() == 1


def test_double_submit_of_one_form_stores_one_registration(event):
    first = sign_up(event, 1, submission_key="s" * 32)
    again = sign_up(event, 1, submission_key="s" * 32)
    assert again.registration.pk == first.registration.pk and not again.created
    assert event.registrations.count() == 1
    assert find_by_token(again.token) == first.registration
    assert find_by_token(first.token) is None, "the earlier link was replaced"


# Check-in and retention


def test_check_in_refuses_waiting_and_unknown_codes(event):
    for n in range(5):
        sign_up(event, n)
    waiting = sign_up(event, 9).registration
    with pytest.raises(RegistrationError):
        check_in(event, waiting.reference)
    with pytest.raises(RegistrationError):
        check_in(event, "NOPE2345")


def test_personal_data_is_erased_after_retention(events):
    past = make_event(
        events,
        start=timezone.now() - timedelta(days=200),
        registration_closes_at=None,
    )
    Registration.objects.create(
        event=past,
        status=CONFIRMED,
        reference="OLDREF22",
        token_hash="o" * 64,
        name="老张",
        phone="13800000000",
        consented_at=timezone.now(),
    )
    assert erase_expired() == 1
    old = Registration.objects.get()
    assert (old.name, old.phone) == ("", "")
