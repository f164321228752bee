"""Status-change webhooks for partners (for example the 12345 hotline platform): when a
report changes state, every active API key with a webhook address is sent the
report's public GeoReport fields, once per change.

    POST <webhook_url>
    Content-Type: application/json
    X-Open311-Event: status_changed
    X-Open311-Delivery: <id, the same on every retry of one change>
    X-Open311-Signature: sha256=<hex HMAC-SHA256 of the body with the key's secret>

The interface is small: `queue_status_change(event)` records one delivery per key
(unique per key and change, so nothing is sent twice) and hands each to the task
queue after the change is committed; `deliver_webhook(delivery_id)` is the task. A
timeout, a refused connection, a 5xx, 408 or 429 is tried again later (up to
MAX_ATTEMPTS, waiting longer each time where the backend can defer); any other
answer ends it. Every attempt is written on the delivery (`WebhookDelivery`), which
key managers see on the keys page. Only public fields leave: the same as
requests.json.
"""

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tasks import task
from wagtail.models import Site

from participation.api.keys import ApiKey
from participation.api.serialising import items_by_code, public_request
from participation.reports.models import EventKind, Report, ReportEvent

MAX_ATTEMPTS = 5
TIMEOUT_SECONDS = 10
# Seconds before the next attempt, after the first, second, … failure.
BACKOFF = (60, 300, 1800, 7200)
RETRY_STATUSES = frozenset({408, 429})
SIGNATURE_HEADER = "X-Open311-Signature"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("webhook delivery", "Queued")
    SENT = "sent", pgettext_lazy("webhook delivery", "Sent")
    FAILED = "failed", pgettext_lazy("webhook delivery", "Failed")


class WebhookDelivery(models.Model):
    """One status change sent (or being sent) to one partner's webhook."""

    api_key = models.ForeignKey(
        ApiKey, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(ReportEvent, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_key", "event"], name="one_delivery_per_key_and_change"
            )
        ]

    def __str__(self) -> str:
        return f"{self.api_key} #{self.event_id}: {self.status}"


def signature(secret: str, body: bytes) -> str:
    """The value of the signature header: what a partner recomputes to check."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def site_base() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def status_change_body(event: ReportEvent) -> str:
    """The report's public fields as requests/<id>.json shows them, in the site's
    default language, with what changed."""
    report = Report.objects.select_related("community", "duplicate_of").get(
        pk=event.report_id
    )
    with translation.override(settings.LANGUAGE_CODE):
        items = items_by_code(settings.LANGUAGE_CODE)
        service_request = public_request(report, items, site_base())
    payload = {
        "event": "status_changed",
        "changed_datetime": timezone.localtime(event.created_at).isoformat(),
        "previous_state": event.from_state,
        "state": event.to_state,
        "service_request": service_request,
    }
    return json.dumps(payload, ensure_ascii=False, cls=ServiceRequestEncoder)


class ServiceRequestEncoder(json.JSONEncoder):
    def default(self, o):
        return str(o)


def queue_status_change(event: ReportEvent) -> list[WebhookDelivery]:
    """Record a delivery of `event` for every active key with a webhook and queue
    each once the change is committed. Calling it twice for one change sends
    nothing more."""
    keys = ApiKey.objects.filter(revoked_at__isnull=True).exclude(webhook_url="")
    if not keys:
        return []
    body = status_change_body(event)
    queued = []
    for key in keys:
        delivery, created = WebhookDelivery.objects.get_or_create(
            api_key=key, event=event, defaults={"body": body}
        )
        if created:
            queued.append(delivery)
            transaction.on_commit(
                lambda pk=delivery.pk: deliver_webhook.enqueue(pk), robust=True
            )
    return queued


def event_saved(sender, instance: ReportEvent, created: bool, **kwargs) -> None:
    """A report's state changed (workflow.move writes a STATE event for each change,
    inside the change's transaction, so the delivery is recorded with it)."""
    if created and instance.kind == EventKind.STATE and instance.from_state:
        if instance.from_state != instance.to_state:
            queue_status_change(instance)


def connect() -> None:
    post_save.connect(
        event_saved, sender=ReportEvent, dispatch_uid="open311_status_webhooks"
    )


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST `body`; the HTTP status (an HTTPError is an answer too)."""
    if not url.startswith(("https://", "http://")):
        raise ValueError("not an http(s) address")
    # The scheme was checked above: only http(s), never file: or others.
    request = urllib.request.Request(  # noqa: S310
        url, data=body, headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=TIMEOUT_SECONDS
        ) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Send one delivery; record the outcome; queue the next attempt if it may
    still succeed. Returns the delivery's status."""
    delivery = (
        WebhookDelivery.objects.select_related("api_key").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.status != DeliveryStatus.QUEUED:
        return delivery.status if delivery else ""
    key = delivery.api_key
    now = timezone.now()
    # Claim this attempt: of two workers handed the same delivery, one sends.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.QUEUED, attempts=delivery.attempts
    ).update(attempts=delivery.attempts + 1, attempted_at=now)
    if not claimed:
        return delivery.status
    delivery.attempts += 1
    delivery.attempted_at = now
    if not key.is_active or not key.webhook_url:
        delivery.status = DeliveryStatus.FAILED
        delivery.error = "The key was revoked or its webhook removed."
        delivery.save()
        return delivery.status
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "portal-open311-webhook/1",
        "X-Open311-Event": "status_changed",
        "X-Open311-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: signature(key.webhook_secret, body),
    }
    retry = False
    try:
        code = post(key.webhook_url, body, headers)
    except (OSError, ValueError) as error:
        delivery.response_code = None
        delivery.error = str(error)[:300] or type(error).__name__
        retry = not isinstance(error, ValueError)
    else:
        delivery.response_code = code
        if 200 <= code < 300:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = now
            delivery.error = ""
        else:
            delivery.error = f"HTTP {code}"
            retry = code >= 500 or code in RETRY_STATUSES
    if delivery.status != DeliveryStatus.SENT and not (
        retry and delivery.attempts < MAX_ATTEMPTS
    ):
        delivery.status = DeliveryStatus.FAILED
    delivery.save()
    if delivery.status == DeliveryStatus.QUEUED:
        retry_later(delivery)
    return delivery.status


def retry_later(delivery: WebhookDelivery) -> None:
    """The next attempt: after a pause where the backend can defer (the database
    backend's worker), else at once (the immediate backend of development)."""
    wait = BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
    again = deliver_webhook
    if deliver_webhook.get_backend().supports_defer:
        again = deliver_webhook.using(
            run_after=timezone.now() + timedelta(seconds=wait)
        )
    again.enqueue(delivery.pk)
