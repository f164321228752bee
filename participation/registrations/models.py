"""Event registrations (活动报名): who holds a place, who waits, who came.

Personal data (name, phone, email, notes) is shown only to staff allowed to see it
for the event's community (see `participation.registrations.admin_views`), never on a
public page, feed, search or API. The rules that change a registration live in
`participation.registrations.rules`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from participation.submissions import PrivateSubmission


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled by the resident")
    EVENT_CANCELLED = "event-cancelled", _("Event cancelled")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Registration(PrivateSubmission):
    """One resident's registration for an event, for themselves and their party."""

    event = models.ForeignKey(
        "notices.EventPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices
    )
    submission_key = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="One-time key of the form that created it: a second submit of "
        "the same form finds this registration instead of storing another.",
    )

    party_size = models.PositiveSmallIntegerField(_("people"), default=1)
    notes = models.TextField(_("notes"), max_length=300, blank=True)

    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("moved up from the waitlist"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "phone"],
                # Erased registrations (phone "") no longer hold a number.
                condition=Q(status__in=["confirmed", "waiting"]) & ~Q(phone=""),
                name="one_active_registration_per_phone",
            ),
            models.CheckConstraint(
                condition=Q(party_size__gte=1), name="party_of_at_least_one"
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        permissions = [
            (
                "view_registration_personal_data",
                "Can see registrants' names and phones and export them",
            )
        ]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
