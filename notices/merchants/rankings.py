"""The red and black ranking (红黑榜): shops and communities praised (red list) or
told to improve within a deadline (black list), each listed for a period.

An entry names a business or community, never a person: text that holds a phone or
ID-like number is refused. Staff notes stay private. An entry is published only once
a second person approved it (`approve`): its creator cannot. This is a plain
two-person state on the model rather than a Wagtail workflow: an entry is a short
record with no drafts or revisions to review, and Wagtail's group approval lets the
submitter approve their own change when they are in the group, which is the one
thing this rule forbids. The public page shows the approved entries whose period
holds today, so an entry leaves the list on its end date with nobody acting.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Seven or more digits in a row (spaces and hyphens allowed between them): a phone
# number, an ID card number (with its X), a licence number's digits.
PERSONAL_NUMBER = re.compile(r"(?:\d[\s\-]?){7,}|\d{6,}[0-9Xx]")


class ListColour(models.TextChoices):
    RED = "red", _("Red list")
    BLACK = "black", _("Black list")


class ListingCategory(models.TextChoices):
    FRONTAGE = "frontage", _("Shop-front duties")
    VENDING = "vending", _("Street vending")
    SANITATION = "sanitation", _("Sanitation")
    WASTE = "waste", _("Waste sorting")
    OUTSIDE = "outside", _("Goods outside shops")
    FUMES = "fumes", _("Cooking fumes")


class ListingError(Exception):
    """A rule of the ranking refused the action; the message is shown."""


def holds_personal_number(text: str) -> bool:
    return bool(PERSONAL_NUMBER.search(text or ""))


class ListingQuerySet(models.QuerySet):
    def current(self, today=None):
        """Approved entries whose listing period holds `today`."""
        today = today or timezone.localdate()
        return self.filter(
            approved_at__isnull=False, starts_on__lte=today, ends_on__gte=today
        )


class ListingEntry(models.Model):
    """One shop or community on the red or black list for a period."""

    business_name = models.CharField(
        _("business or community name"),
        max_length=100,
        help_text=_("The shop's or community's name, never a person's."),
    )
    business_name_en = models.CharField(
        _("name in English"), max_length=100, blank=True
    )
    colour = models.CharField(_("list"), max_length=5, choices=ListColour.choices)
    category = models.CharField(
        _("category"), max_length=20, choices=ListingCategory.choices
    )
    reason = models.CharField(
        _("public reason"),
        max_length=200,
        help_text=_("One sentence shown on the list. No names or phone numbers."),
    )
    reason_en = models.CharField(
        _("public reason in English"), max_length=200, blank=True
    )
    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("community"),
    )
    merchant = models.ForeignKey(
        "notices.Merchant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="listings",
        verbose_name=_("merchant"),
    )
    decided_on = models.DateField(_("date of the decision"))
    starts_on = models.DateField(_("listed from"))
    ends_on = models.DateField(_("listed until"))
    staff_note = models.TextField(
        _("staff note"), blank=True, help_text=_("Private: never published.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("entered by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, editable=False)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("red and black ranking entry")
        verbose_name_plural = _("red and black ranking entries")
        ordering = ["colour", "-starts_on", "business_name"]
        permissions = [
            ("approve_listingentry", _("Can approve a red and black ranking entry"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="listing_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.business_name} ({self.get_colour_display()})"

    def clean(self):
        super().clean()
        errors = {}
        for field in ("business_name", "business_name_en", "reason", "reason_en"):
            if holds_personal_number(getattr(self, field)):
                errors[field] = _(
                    "This text holds a phone or ID-like number. The list names "
                    "shops and communities only: take the number out."
                )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The listing cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def localized_name(self, language: str) -> str:
        if language.startswith("en") and self.business_name_en:
            return self.business_name_en
        return self.business_name

    def localized_reason(self, language: str) -> str:
        if language.startswith("en") and self.reason_en:
            return self.reason_en
        return self.reason


def approve(entry: ListingEntry, user) -> None:
    """A second person's approval publishes the entry; its creator cannot approve."""
    if entry.is_approved:
        raise ListingError(_("This entry is already approved."))
    if entry.created_by_id is None or entry.created_by_id == user.pk:
        raise ListingError(
            _("Another person must approve this entry: you entered it yourself.")
        )
    entry.approved_by = user
    entry.approved_at = timezone.now()
    entry.save(update_fields=["approved_by", "approved_at"])


def withdraw_approval_on_change(entry: ListingEntry, by) -> None:
    """An approved entry that is changed goes back for approval, and the one who
    changed it counts as its author: someone else must approve the new words."""
    entry.created_by = by
    entry.approved_by = None
    entry.approved_at = None
