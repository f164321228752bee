"""An event's places: how many are taken, how many are left, who came.

Notices asks for these figures through its hooks (`notices.extensions`), registered
in participation/wagtail_hooks.py; the rules that give and free places
(participation/registrations/rules.py) lock the event's row first with `lock_event`.
"""

from django.db.models import Count, Q, Sum

from notices.models import EventPage
from participation.registrations.models import Registration, RegistrationStatus


def lock_event(event: EventPage) -> EventPage:
    """The event's registration source, re-read with its row locked until commit."""
    source = event.registration_source()
    return EventPage.objects.select_for_update(of=("self",)).get(pk=source.pk)


def confirmed_seats(event: EventPage) -> int:
    return (
        Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED
        ).aggregate(total=Sum("party_size"))["total"]
        or 0
    )


def seat_counts(event: EventPage) -> dict[str, int]:
    """Numbers only, safe to show publicly: places taken and people waiting in one
    query."""
    figures = Registration.objects.filter(event=event).aggregate(
        taken=Sum("party_size", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    taken = figures["taken"] or 0
    waiting = figures["waiting"]
    return {
        "capacity": event.capacity,
        "taken": taken,
        "left": max(event.capacity - taken, 0),
        "waiting": waiting,
    }


def attendance(event: EventPage) -> int:
    """People checked in at the door, counting whole parties."""
    return (
        Registration.objects.filter(event=event, checked_in_at__isnull=False).aggregate(
            total=Sum("party_size")
        )["total"]
        or 0
    )
