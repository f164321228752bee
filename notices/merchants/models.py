"""The merchant register: shops with their shop-front duties (门前三包), the
self-governance groups they form (商户自治联盟), and the inspections that give each
shop its rating.

A shop's business licence number (统一社会信用代码), address, contact person and
phone are for staff only; the public directory shows the shop's name, trade,
community, shop-front duty and rating (notices/merchants/views.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from notices.merchants.licence import normalise, validate_licence_number
from notices.stations.geo import in_china
from notices.stations.staff import phone_validator


class Trade(models.TextChoices):
    """What a shop does, as the directory groups it."""

    CATERING = "catering", _("Restaurant or food stall")
    GROCERY = "grocery", _("Fruit, vegetables and groceries")
    RETAIL = "retail", _("Other shop")
    REPAIR = "repair", _("Repairs")
    SERVICES = "services", _("Services (hairdresser, laundry)")
    OTHER = "other", _("Other trade")


class Rating(models.TextChoices):
    """A shop's rating from its latest inspections (see `rating_from`)."""

    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    IMPROVE = "improve", _("Must improve")


class InspectionResult(models.TextChoices):
    GOOD = "good", _("Kept well")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Must improve")


RATED_INSPECTIONS = 3


def rating_from(results: list[str]) -> str:
    """The rating the latest inspections (newest first) give: must improve when the
    latest failed, excellent when the last three were all kept well, good otherwise;
    no rating without an inspection."""
    if not results:
        return ""
    if results[0] == InspectionResult.FAILED:
        return Rating.IMPROVE
    latest = results[:RATED_INSPECTIONS]
    if len(latest) == RATED_INSPECTIONS and all(
        result == InspectionResult.GOOD for result in latest
    ):
        return Rating.EXCELLENT
    return Rating.GOOD


def check_point(latitude, longitude, field: str) -> dict:
    """Errors for a map point: both coordinates or neither, and inside China."""
    if latitude is None and longitude is None:
        return {}
    if latitude is None or longitude is None:
        return {field: _("Enter both the latitude and the longitude, or neither.")}
    if not in_china(latitude, longitude):
        return {field: _("This point is outside China: check the coordinates.")}
    return {}


class MerchantGroup(models.Model):
    """A merchants' self-governance group (商户自治联盟) of one community or street,
    led by its head merchants."""

    name = models.CharField(_("name"), max_length=100)
    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("community"),
    )
    charter = models.TextField(
        _("charter"),
        blank=True,
        help_text=_(
            "What the members agreed to (their self-governance pact), in a few "
            "sentences."
        ),
    )
    heads = models.ManyToManyField(
        "Merchant",
        blank=True,
        related_name="groups_led",
        verbose_name=_("head merchants"),
    )

    class Meta:
        verbose_name = _("self-governance group")
        verbose_name_plural = _("self-governance groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Merchant(models.Model):
    """A shop in the register, with its shop-front duty (门前三包)."""

    name = models.CharField(_("shop name"), max_length=100)
    licence_number = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_licence_number],
        help_text=_("The 18 characters on the business licence. Staff only."),
    )
    trade = models.CharField(_("trade"), max_length=20, choices=Trade.choices)
    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("community"),
    )
    address = models.CharField(_("address"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    frontage_duty = models.TextField(
        _("shop-front duty area"),
        help_text=_(
            "The stretch the shop keeps clean, green and orderly, e.g. from the "
            "shop door to the kerb, 12 metres along Binhu Road."
        ),
    )
    frontage_latitude = models.DecimalField(
        _("shop-front pin latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
    )
    frontage_longitude = models.DecimalField(
        _("shop-front pin longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
    )
    pledge_signed_on = models.DateField(_("pledge signed on"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(
        _("contact phone"), max_length=24, validators=[phone_validator]
    )
    group = models.ForeignKey(
        MerchantGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("self-governance group"),
    )
    rating = models.CharField(
        _("rating"), max_length=20, choices=Rating.choices, blank=True, editable=False
    )
    listed = models.BooleanField(
        _("in the public directory"),
        default=True,
        help_text=_("Untick for a shop that closed or asked not to be listed."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")
        ordering = ["name"]
        permissions = [
            (
                "view_merchant_contact",
                _("Can see merchants' licence numbers, contacts and export them"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        self.licence_number = normalise(self.licence_number)
        errors = check_point(self.latitude, self.longitude, "latitude")
        errors.update(
            check_point(
                self.frontage_latitude, self.frontage_longitude, "frontage_latitude"
            )
        )
        if errors:
            raise ValidationError(errors)

    def refresh_rating(self) -> None:
        results = list(
            self.inspections.order_by("-inspected_on", "-pk").values_list(
                "result", flat=True
            )[:RATED_INSPECTIONS]
        )
        rating = rating_from(results)
        if rating != self.rating:
            Merchant.objects.filter(pk=self.pk).update(rating=rating)
            self.rating = rating


class Inspection(models.Model):
    """A visit by station staff to a shop: how its shop-front duty was kept."""

    merchant = models.ForeignKey(
        Merchant,
        on_delete=models.CASCADE,
        related_name="inspections",
        verbose_name=_("merchant"),
    )
    inspected_on = models.DateField(_("inspected on"))
    result = models.CharField(
        _("result"), max_length=10, choices=InspectionResult.choices
    )
    notes = models.TextField(_("notes"), blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to="inspections/%Y/%m/",
        max_length=200,
        blank=True,
        help_text=_(
            "Stored without its location and camera data. Staff only, never public."
        ),
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inspector"),
    )

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.merchant} · {self.inspected_on}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.merchant.refresh_rating()

    def delete(self, *args, **kwargs):
        merchant = self.merchant
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            merchant.refresh_rating()
        return result
