"""The record of every message the portal sends (one row per recipient and channel)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")
    WEBHOOK = "webhook", _("Group robot (webhook)")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one recipient on one channel: what, to whom (masked once it is
    done), its state, tries and why it failed.

    The full recipient, the parameters and the text are kept only while the message
    may still go out: once sent or given up they are erased (a tracking link in a
    resident's message is a key to their report)."""

    # Not in Wagtail's reference index: the log is not content.
    wagtail_reference_index_ignore = True

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    template = models.CharField(_("message"), max_length=60)
    recipient = models.CharField(_("recipient"), max_length=500)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    language = models.CharField(max_length=10, blank=True)

    item_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    item_id = models.CharField(max_length=40, blank=True)

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("why it failed"), max_length=500, blank=True)
    provider_id = models.CharField(
        _("provider's message id"), max_length=100, blank=True
    )
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    finished_at = models.DateTimeField(_("sent or given up"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["item_type", "item_id"])]

    def __str__(self) -> str:
        return f"{self.template} ({self.channel})"


class AlertChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")
    WEBHOOK = "webhook", _("Group robot (webhook)")
    NONE = "none", _("No alerts")


class AlertSetting(models.Model):
    """How one staff member wants to be alerted (a new report in a community they
    serve, a deadline coming up): chosen on their own account page. Without one,
    alerts go by email to the account's address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="alert_setting",
    )
    channel = models.CharField(
        _("alert me by"),
        max_length=10,
        choices=AlertChannel.choices,
        default=AlertChannel.EMAIL,
    )
    phone = models.CharField(
        _("mobile number for alerts"),
        max_length=11,
        blank=True,
        validators=[
            RegexValidator(
                r"^1[3-9]\d{9}$",
                _("Enter a mainland mobile number: 11 digits, e.g. 13812345678."),
            )
        ],
        help_text=_("Only for text-message alerts; never shown to anyone."),
    )
    webhook_url = models.URLField(
        _("group robot address"),
        blank=True,
        help_text=_(
            "The webhook address of a WeCom or DingTalk group robot, for alerts to "
            "your team's group."
        ),
    )

    class Meta:
        verbose_name = _("alert setting")
        verbose_name_plural = _("alert settings")

    def __str__(self) -> str:
        return f"{self.user_id} {self.channel}"

    def clean(self):
        if self.channel == AlertChannel.SMS and not self.phone:
            raise ValidationError(
                {"phone": _("Enter the mobile number text messages go to.")}
            )
        if self.channel == AlertChannel.WEBHOOK and not self.webhook_url:
            raise ValidationError(
                {"webhook_url": _("Enter the group robot's webhook address.")}
            )
