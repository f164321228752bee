"""Departments (snippets the bureau keeps) and escalations of reports to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DepartmentChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    WEBHOOK = "webhook", _("Group robot (webhook)")


class Department(models.Model):
    """A department the stations may call in (吹哨报到), and how it is reached."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=80, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    channel = models.CharField(
        _("channel"),
        max_length=10,
        choices=DepartmentChannel.choices,
        default=DepartmentChannel.EMAIL,
    )
    webhook_url = models.URLField(_("group robot address"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.display_name

    def clean(self):
        """The channel chosen needs its address: a call must reach someone."""
        needed = {
            DepartmentChannel.EMAIL: ("email", self.email),
            DepartmentChannel.SMS: ("phone", self.phone),
            DepartmentChannel.WEBHOOK: ("webhook_url", self.webhook_url),
        }.get(self.channel)
        if needed and not needed[1]:
            raise ValidationError(
                {needed[0]: _("Needed to reach the department on its channel.")}
            )

    @property
    def display_name(self) -> str:
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class EscalationState(models.TextChoices):
    SENT = "sent", _("Sent, waiting for acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ANSWERED = "answered", _("Answered")
    DONE = "done", _("Done")
    CLOSED = "closed", _("Closed")


OPEN_ESCALATION_STATES = (
    EscalationState.SENT,
    EscalationState.ACKNOWLEDGED,
    EscalationState.ANSWERED,
)


class Escalation(models.Model):
    """One call of a department to one report. The department's private link holds
    a token of which only the hash is kept."""

    report = models.ForeignKey(
        "participation.Report", on_delete=models.CASCADE, related_name="escalations"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="escalations"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    ack_due = models.DateTimeField()
    done_due = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    ack_alerted_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(
        max_length=15, choices=EscalationState.choices, default=EscalationState.SENT
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self) -> str:
        return f"{self.report_id} → {self.department_id}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_ESCALATION_STATES
