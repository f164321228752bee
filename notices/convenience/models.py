"""A convenience point (便民点位): a public toilet, a rest stop, a vending point… with
where it is, when it is open, how accessible it is and what it offers."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from notices.stations.community import RestStopFacility
from notices.stations.fields import MultipleChoiceJSONField
from notices.stations.geo import in_china
from notices.stations.hours import (
    HoursExceptionBlock,
    OpeningStatus,
    ShiftBlock,
    opening_status,
    seconds_until_change,
    weekly_summary,
)
from portal.text import choice_labels


class Category(models.TextChoices):
    """What kind of place a point is; the order is the legend's and the filters'."""

    TOILET = "toilet", _("Public toilet")
    REST_STOP = "rest_stop", _("Rest stop")
    DRINKING_WATER = "water", _("Drinking-water point")
    VENDING = "vending", _("Vending point")
    BIKE_PARKING = "bike_parking", _("E-bike parking")
    RECYCLING = "recycling", _("Recycling point")
    BULKY_WASTE = "bulky_waste", _("Bulky-waste point")


# Other names the programme's documents and residents use for the categories (an
# import's Category column takes these as well as the labels).
CATEGORY_ALIASES = {
    "厕所": Category.TOILET,
    "公共厕所": Category.TOILET,
    "卫生间": Category.TOILET,
    "城管驿站": Category.REST_STOP,
    "爱心驿站": Category.REST_STOP,
    "驿站": Category.REST_STOP,
    "便民疏导点": Category.VENDING,
    "疏导点": Category.VENDING,
    "摊点疏导区": Category.VENDING,
    "非机动车停放点": Category.BIKE_PARKING,
    "电动车停放点": Category.BIKE_PARKING,
    "回收点": Category.RECYCLING,
    "可回收物回收点": Category.RECYCLING,
    "大件垃圾投放点": Category.BULKY_WASTE,
    "饮水点": Category.DRINKING_WATER,
    "直饮水": Category.DRINKING_WATER,
}


class Accessibility(models.TextChoices):
    """What makes a point usable for wheelchair users, parents and older people."""

    STEP_FREE = "step_free", _("Step-free access")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    FAMILY_TOILET = "family_toilet", _("Family toilet")
    BABY_CHANGING = "baby_changing", _("Baby changing")
    SEATS = "seats", _("Seats for older people")


class PointQuerySet(models.QuerySet):
    def for_locale(self, locale: Locale | None = None) -> "PointQuerySet":
        """Points in `locale` (the active language by default), and the default
        language's points that have no translation yet, so nothing disappears
        from a map before a translator gets to it."""
        locale = locale or Locale.get_active()
        default = Locale.get_default()
        if locale.pk == default.pk:
            return self.filter(locale=locale)
        translated = self.model.objects.filter(locale=locale).values("translation_key")
        return self.filter(
            models.Q(locale=locale)
            | (models.Q(locale=default) & ~models.Q(translation_key__in=translated))
        )


class ConveniencePoint(TranslatableMixin, models.Model):
    """一处便民点位: a place on the convenience map, kept by its community's station.

    Its address is a public place's, never a person's."""

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    name = models.CharField(
        pgettext_lazy("object", "name"),
        max_length=120,
        help_text=_("e.g. Huanghe Road public toilet"),
    )
    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community"),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        help_text=_("WGS-84 (GPS), e.g. 27.700000; not copied from AMap or Tencent."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        help_text=_("WGS-84 (GPS), e.g. 111.990000."),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Street and number.")
    )
    open_all_day = models.BooleanField(
        _("open day and night"),
        default=False,
        help_text=_("Tick for a point that never closes; then leave the hours empty."),
    )
    hours = StreamField(
        [("shift", ShiftBlock())],
        blank=True,
        verbose_name=_("opening hours"),
        help_text=_("One shift per row; a split day has two rows."),
    )
    hours_exceptions = StreamField(
        [("exception", HoursExceptionBlock())],
        blank=True,
        verbose_name=_("exceptions to the opening hours"),
    )
    accessibility = MultipleChoiceJSONField(
        _("accessibility"), options=Accessibility.choices
    )
    facilities = MultipleChoiceJSONField(
        _("facilities"),
        options=RestStopFacility.choices,
        help_text=_("What a rest stop offers; other points may leave this empty."),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Breakfast stalls 6:00 to 9:00 only"),
    )

    objects = PointQuerySet.as_manager()

    panels = [
        FieldPanel("category"),
        FieldPanel("name"),
        FieldPanel("community"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("address"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("open_all_day"),
                FieldPanel("hours"),
                FieldPanel("hours_exceptions"),
            ],
            heading=_("Opening hours"),
        ),
        FieldPanel("accessibility"),
        FieldPanel("facilities"),
        FieldPanel("note"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("address"),
        TranslatableField("note"),
        TranslatableField("hours_exceptions"),
        SynchronizedField("category"),
        SynchronizedField("community"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("open_all_day"),
        SynchronizedField("hours"),
        SynchronizedField("accessibility"),
        SynchronizedField("facilities"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("convenience point")
        verbose_name_plural = _("convenience points")
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.latitude is None or self.longitude is None:
            return
        problem = location_problem(self.latitude, self.longitude)
        if problem:
            raise ValidationError({"latitude": problem})
        if self.open_all_day and self.hours:
            raise ValidationError(
                {"hours": _("A point open day and night has no opening hours.")}
            )

    # What residents see.

    def opening_status(self, now=None) -> OpeningStatus | None:
        """None for a point open day and night or without published hours."""
        if self.open_all_day or not self.hours:
            return None
        return opening_status(self.hours, self.hours_exceptions, now or timezone.now())

    def seconds_until_change(self, now=None) -> float | None:
        if self.open_all_day or not self.hours:
            return None
        return seconds_until_change(
            self.hours, self.hours_exceptions, now or timezone.now()
        )

    def weekly_hours(self):
        return weekly_summary(self.hours)

    def accessibility_labels(self) -> list[str]:
        return choice_labels(Accessibility.choices, self.accessibility)

    def facility_labels(self) -> list[str]:
        return choice_labels(RestStopFacility.choices, self.facilities)


# Where a point may be: in China (latitude and longitude not swapped), and inside the
# city, which is as far as its stations reach plus a margin for points on its edge.

CITY_MARGIN = Decimal("0.05")  # about five kilometres


def city_box() -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    """(south, north, west, east) of the stations with coordinates, widened by
    CITY_MARGIN; None while no station has any."""
    from notices.stations.community import CommunityPage

    box = CommunityPage.objects.filter(
        latitude__isnull=False, longitude__isnull=False
    ).aggregate(
        south=models.Min("latitude"),
        north=models.Max("latitude"),
        west=models.Min("longitude"),
        east=models.Max("longitude"),
    )
    if box["south"] is None:
        return None
    return (
        box["south"] - CITY_MARGIN,
        box["north"] + CITY_MARGIN,
        box["west"] - CITY_MARGIN,
        box["east"] + CITY_MARGIN,
    )


def location_problem(latitude, longitude, box=None) -> str:
    """Why a point cannot be at these coordinates, or "" when it can. `box`: the
    city's (from `city_box`), read from the database when not given."""
    latitude, longitude = Decimal(str(latitude)), Decimal(str(longitude))
    if not in_china(latitude, longitude):
        if in_china(longitude, latitude):
            return str(
                _(
                    "Latitude and longitude look swapped: latitude is the smaller "
                    "number (about 20 to 50 in China)."
                )
            )
        return str(_("These coordinates are outside China."))
    box = box if box is not None else city_box()
    if box is not None:
        south, north, west, east = box
        if not (south <= latitude <= north and west <= longitude <= east):
            return str(
                _(
                    "These coordinates are outside the city: check them on a map "
                    "(WGS-84, as a GPS device gives them)."
                )
            )
    return ""
