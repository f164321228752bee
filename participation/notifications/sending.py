"""Recording a message and delivering it (`deliver_now`): one try, retried later
from the task queue when that may help, then sent or failed for good, with the full
recipient and text erased."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from participation.notifications.channels import DELIVER, DeliveryError
from participation.notifications.models import Channel, DeliveryStatus, Notification
from participation.notifications.sms import template_code
from participation.submissions import mask_phone

MAX_ATTEMPTS = 3
RETRY_DELAY = timedelta(seconds=30)


def record(
    *,
    key: str,
    channel: str,
    template: str,
    recipient: str,
    item: models.Model | None = None,
    subject: str = "",
    body: str = "",
    params: dict | None = None,
    language: str = "",
) -> Notification | None:
    """Record a message and make its first try at once; a try that may succeed
    later is queued again (`deliver_now`). Called from background tasks, which read
    the item as it is when they run. A key already used means the message was
    recorded before (a task run twice): nothing is sent and None is returned."""
    if not recipient:
        return None
    notification = Notification(
        key=key[:200],
        channel=channel,
        template=template,
        recipient=recipient,
        subject=subject[:200],
        body=body,
        params=params or {},
        language=language,
        item_type=ContentType.objects.get_for_model(item) if item else None,
        item_id=str(item.pk) if item else "",
    )
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        return None
    deliver_now(notification.pk)
    notification.refresh_from_db()
    return notification


def queue(notification_id: int, after: timedelta | None = None) -> None:
    from participation.notifications.tasks import deliver

    task = deliver
    if after and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + after)
    task.enqueue(notification_id)


def send_email(
    *, key: str, to: str, template: str, subject: str, body: str, item=None, language=""
) -> Notification | None:
    return record(
        key=key,
        channel=Channel.EMAIL,
        template=template,
        recipient=to,
        item=item,
        subject=subject.strip(),
        body=body.strip() + "\n",
        language=language,
    )


def send_sms(
    *,
    key: str,
    phone: str,
    template: str,
    params: dict[str, str],
    text: str,
    item=None,
    language="",
) -> Notification | None:
    """`params` are what the provider's approved template `template` is filled with;
    `text` is what it reads as (for the console, the tests and the log)."""
    return record(
        key=key,
        channel=Channel.SMS,
        template=template,
        recipient=phone,
        item=item,
        body=" ".join(text.split()),
        params={
            "template_code": template_code(template),
            # Pairs, not an object: Tencent's parameters are a list, and a JSON
            # object's keys come back from PostgreSQL in another order.
            "params": [[name, str(value)] for name, value in params.items()],
            "signature": getattr(settings, "PORTAL_SMS_SIGNATURE", ""),
        },
        language=language,
    )


def send_webhook(
    *, key: str, url: str, template: str, text: str, item=None, language=""
) -> Notification | None:
    return record(
        key=key,
        channel=Channel.WEBHOOK,
        template=template,
        recipient=url,
        item=item,
        body=text.strip(),
        language=language,
    )


def masked(notification: Notification) -> str:
    if notification.channel == Channel.SMS:
        return mask_phone(notification.recipient)
    if notification.channel == Channel.EMAIL:
        local, _at, domain = notification.recipient.partition("@")
        return f"{local[:1]}***@{domain}"
    return notification.recipient.split("?")[0][:80]


def finish(notification: Notification, status: str, error: str = "", provider_id=""):
    Notification.objects.filter(pk=notification.pk).update(
        status=status,
        error=error[:500],
        provider_id=provider_id[:100],
        finished_at=timezone.now(),
        recipient=masked(notification),
        params={},
        subject="",
        body="",
    )


def deliver_now(notification_id: int) -> str:
    """One try at a queued message. Claims it first (attempts counted up only if it
    is still queued with the count seen), so two workers never send it twice."""
    notification = Notification.objects.filter(
        pk=notification_id, status=DeliveryStatus.QUEUED
    ).first()
    if notification is None:
        return "done"
    claimed = Notification.objects.filter(
        pk=notification.pk,
        status=DeliveryStatus.QUEUED,
        attempts=notification.attempts,
    ).update(attempts=notification.attempts + 1)
    if not claimed:
        return "done"
    notification.attempts += 1
    try:
        provider_id = DELIVER[notification.channel](notification)
    except Exception as error:  # noqa: BLE001 - recorded, never lost
        if not isinstance(error, DeliveryError):
            error = DeliveryError(f"{type(error).__name__}: {error}", retryable=True)
        if error.retryable and notification.attempts < MAX_ATTEMPTS:
            Notification.objects.filter(pk=notification.pk).update(
                error=error.reason[:500]
            )
            queue(notification.pk, after=RETRY_DELAY * notification.attempts)
            return "retry"
        finish(notification, DeliveryStatus.FAILED, error.reason)
        return "failed"
    finish(notification, DeliveryStatus.SENT, provider_id=provider_id)
    return "sent"


def for_item(item: models.Model) -> list[Notification]:
    """The messages about one item, oldest first, for its admin page; each with
    `shown_recipient`, masked (staff see who was told, not the address)."""
    found = list(
        Notification.objects.filter(
            item_type=ContentType.objects.get_for_model(item), item_id=str(item.pk)
        )
    )
    for notification in found:
        notification.shown_recipient = (
            notification.recipient if notification.finished_at else masked(notification)
        )
    return found
