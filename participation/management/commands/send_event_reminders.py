"""Enqueue the day-before reminders and erase personal data past its retention.

Run daily at 09:00 by the scheduler (manage.py run_scheduler, registered in
participation/apps.py), or by hand. Safe to run more than once a day: each
registration is reminded at most once.
"""

from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from participation.models import Registration, RegistrationStatus
from participation.registrations.rules import RETENTION_DAYS, erase_expired
from participation.registrations.tasks import send_event_reminder


def tomorrows_registrations(today=None):
    """Confirmed registrations with an email, not yet reminded, for events that
    start tomorrow in Beijing time."""
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(today + timedelta(days=1), time()), tz)
    end = start + timedelta(days=1)
    return (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__start__gte=start,
            event__start__lt=end,
            event__cancelled=False,
        )
        .exclude(email="")
        .values_list("pk", flat=True)
    )


class Command(BaseCommand):
    help = "Enqueue reminder emails for registrations of events starting tomorrow."

    def handle(self, *args, **options):
        count = 0
        for pk in tomorrows_registrations():
            send_event_reminder.enqueue(pk)
            count += 1
        self.stdout.write(f"Enqueued {count} event reminder(s).")
        # The same daily run keeps the retention promise made on the form.
        erased = erase_expired()
        self.stdout.write(
            f"Erased personal data of {erased} registration(s) for events that "
            f"ended more than {RETENTION_DAYS} days ago."
        )
