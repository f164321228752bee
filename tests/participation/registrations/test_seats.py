"""An event's places: counted whole parties, never more given than the capacity,
even under concurrent registrations; attendance at the door
(participation/registrations/seats.py)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from notices.models import EventPage
from participation.registrations.rules import (
    cancel,
    check_in,
)
from participation.registrations.seats import seat_counts
from tests.notices.event_builders import event_index, make_event
from tests.participation.registration_builders import (
    CONFIRMED,
    WAITING,
    form_data,
    phone,
    sign_up,
)

pytestmark = pytest.mark.django_db


def test_registrations_confirm_until_full_then_wait(event):
    outcomes = [sign_up(event, n) for n in range(7)]
    assert [o.registration.status for o in outcomes] == [CONFIRMED] * 5 + [WAITING] * 2
    assert seat_counts(event) == {"capacity": 5, "taken": 5, "left": 0, "waiting": 2}


def test_sequential_fifty_seats_two_hundred_registrations(events):
    """The concurrency acceptance test's sequential twin: runs on any database."""
    event = make_event(events, capacity=50, max_party_size=1)
    for n in range(200):
        sign_up(event, n)
    assert event.registrations.filter(status=CONFIRMED).count() == 50
    assert event.registrations.filter(status=WAITING).count() == 150
    first_waiting = list(
        event.registrations.filter(status=WAITING).order_by("created_at", "pk")[:5]
    )
    for registration in event.registrations.filter(status=CONFIRMED)[:5]:
        cancel(registration)
    assert event.registrations.filter(status=CONFIRMED).count() == 50
    promoted = event.registrations.filter(promoted_at__isnull=False)
    assert {r.pk for r in promoted} == {r.pk for r in first_waiting}


def test_check_in_by_reference_counts_attendance(client, event):
    outcome = sign_up(event, 1, party_size=3)
    reference = outcome.registration.reference
    result = check_in(event, reference.lower())
    assert not result.already
    assert check_in(event, reference).already
    event.end = timezone.now() - timedelta(minutes=1)
    event.start = event.end - timedelta(hours=1)
    assert event.attendance() == 3


# Concurrency on PostgreSQL


on_postgres = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason=(
        "needs PostgreSQL: SQLite serialises writers, so there is no race to test "
        "(the sequential twin runs everywhere)"
    ),
)


concurrent_db = pytest.mark.django_db(transaction=True)


@on_postgres
@concurrent_db
def test_two_hundred_concurrent_registrations_for_fifty_seats(bilingual_site):
    event = make_event(event_index(bilingual_site.home_zh), capacity=50)
    start = threading.Barrier(40)

    def one(n: int) -> str:
        try:
            if n < 40:
                start.wait(timeout=30)
            return sign_up(EventPage.objects.get(pk=event.pk), n).registration.status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(one, range(200)))
    assert statuses.count(CONFIRMED) == 50
    assert statuses.count(WAITING) == 150
    assert seat_counts(event)["taken"] == 50

    oldest_waiting = list(
        event.registrations.filter(status=WAITING)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:5]
    )
    to_cancel = list(event.registrations.filter(status=CONFIRMED)[:5])

    def give_up(registration) -> None:
        try:
            cancel(registration)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(give_up, to_cancel))
    assert event.registrations.filter(status=CONFIRMED).count() == 50
    assert sorted(
        event.registrations.filter(promoted_at__isnull=False).values_list(
            "pk", flat=True
        )
    ) == sorted(oldest_waiting)


@on_postgres
@concurrent_db
def test_last_seats_under_concurrent_web_posts(bilingual_site, settings):
    settings.PORTAL_RATE_LIMITS = {"default": "1000/m"}  # one test client, one address
    event = make_event(
        event_index(bilingual_site.home_zh), capacity=10, waitlist_enabled=False
    )
    for n in range(7):
        sign_up(event, n)
    start = threading.Barrier(25)

    def post(n: int) -> int:
        try:
            start.wait(timeout=30)
            return (
                Client()
                .post(
                    f"/zh-hans/event-registration/{event.pk}/",
                    form_data(key=f"{n:032d}", phone=phone(100 + n)),
                )
                .status_code
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=25) as pool:
        codes = list(pool.map(post, range(25)))
    assert codes.count(303) == 3
    assert codes.count(400) == 22
    assert seat_counts(event)["taken"] == 10
