"""Background mail about registrations, sent through django-tasks and
participation.notifications.

Each task takes the registration's id and re-reads it, so a mail reflects the state
when it is sent. Only registrations that gave an email get mail; the others see their
status on their private manage page. Every registration (the form asks for a mobile
number and the resident's consent to be contacted about the event) also gets its
confirmation by text message, with the manage link.
"""

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from participation.models import Registration, RegistrationStatus
from participation.notifications.sending import send_email, send_sms
from participation.submissions import still_in


def _send(registration: Registration, template: str, **context) -> bool:
    """Mail the registration through participation.notifications, once per kind
    (the idempotency key): a task run twice sends nothing more."""
    if not registration.email:
        return False
    with (
        translation.override(registration.language),
        timezone.override(settings.TIME_ZONE),
    ):
        event = registration.event.localized.specific
        body = render_to_string(
            f"participation/registration_email_{template}.txt",
            {"registration": registration, "event": event, **context},
        )
        subject, _, text = body.strip().partition("\n")
    send_email(
        key=f"registration:{registration.pk}:{template}",
        to=registration.email,
        template=f"registration_{template}",
        subject=subject,
        body=text,
        item=registration,
        language=registration.language,
    )
    return True


@task()
def send_registration_confirmation(registration_id: int, manage_url: str) -> bool:
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        return False
    return _send(registration, "confirmation", manage_url=manage_url)


@task()
def notify_promoted(registration_id: int) -> bool:
    confirmed = RegistrationStatus.CONFIRMED
    registration = still_in(Registration, registration_id, confirmed)
    return _send(registration, "promoted") if registration else False


@task()
def notify_event_cancelled(registration_id: int) -> bool:
    cancelled = RegistrationStatus.EVENT_CANCELLED
    registration = still_in(Registration, registration_id, cancelled)
    return _send(registration, "event_cancelled") if registration else False


@task()
def send_event_reminder(registration_id: int) -> bool:
    """The day-before reminder. Claims the registration first, so a second cron run
    or a retried task never sends it twice."""
    claimed = Registration.objects.filter(
        Q(reminder_sent_at__isnull=True),
        pk=registration_id,
        status=RegistrationStatus.CONFIRMED,
    ).update(reminder_sent_at=timezone.now())
    if not claimed:
        return False
    return _send(Registration.objects.get(pk=registration_id), "reminder")


@task()
def text_registration_confirmation(registration_id: int, manage_url: str) -> bool:
    """The confirmation by text message, once: its key is the registration's."""
    registration = (
        Registration.objects.filter(pk=registration_id).select_related("event").first()
    )
    if registration is None or not (registration.phone and registration.consented_at):
        return False
    with (
        translation.override(registration.language),
        timezone.override(settings.TIME_ZONE),
    ):
        event = registration.event.localized.specific
        text = render_to_string(
            "participation/registration_sms.txt",
            {"registration": registration, "event": event, "manage_url": manage_url},
        )
    send_sms(
        key=f"registration:{registration.pk}:confirmation:sms",
        phone=registration.phone,
        template="registration_confirmation",
        params={
            "reference": registration.reference,
            "event": event.title,
            "link": manage_url,
        },
        text=text,
        item=registration,
        language=registration.language,
    )
    return True
