"""A community (社区) and its city-management station: the page residents open from
the directory, with contacts, office hours, staff on duty and the rest stop."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from notices.stations.fields import MultipleChoiceJSONField
from notices.stations.geo import in_china
from notices.stations.hours import (
    WEEKDAY_CHOICES,
    HoursExceptionBlock,
    ServiceHours,
    ShiftBlock,
    opening_status,
    upcoming_exceptions,
    weekly_summary,
)
from notices.stations.moving import MovedByAddersPage
from notices.stations.pinyin import build_search_terms
from notices.stations.staff import (
    PHOTO_SPEC,
    ServiceMode,
    Staff,
    StaffRole,
    find_staff_on_duty,
    phone_validator,
)
from portal.search_fields import CHINESE_TITLE_FIELDS, ChineseTitleSearch


class RestStopFacility(models.TextChoices):
    """What a rest stop (城管驿站) offers outdoor workers and residents."""

    WATER = "water", _("Drinking water")
    CHARGING = "charging", _("Phone charging")
    FIRST_AID = "first_aid", _("First aid kit")
    MICROWAVE = "microwave", _("Microwave")
    TOILET = "toilet", _("Toilet")
    REST_AREA = "rest_area", _("Place to rest")
    AIR_CONDITIONING = "air_conditioning", _("Heating and cooling")
    TOOLS = "tools", _("Repair tools")


class PhoneBlock(blocks.StructBlock):
    """A labelled public service phone of the station."""

    label = blocks.CharBlock(
        max_length=30, label=_("Label"), help_text=_("e.g. Duty phone")
    )
    number = blocks.CharBlock(
        max_length=24, label=_("Number"), validators=[phone_validator]
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Phone")
        preview_value = {"label": "值班电话", "number": "0516-12345678"}


class CommunityPage(ChineseTitleSearch, MovedByAddersPage, RoutablePageMixin, Page):
    """A community (社区) and its city-management station: contacts, hours, staff."""

    station_name = models.CharField(
        _("station name"),
        max_length=120,
        blank=True,
        help_text=_("e.g. Huanghe Community City Management Station"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_(
            "WGS-84 (GPS), e.g. 34.264100. Coordinates copied from AMap or Tencent "
            "Maps are GCJ-02 and sit a few hundred metres off: take them from a GPS "
            "device or an international map."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("WGS-84 (GPS), e.g. 117.284100."),
    )
    office_hours = StreamField(
        [("shift", ShiftBlock())],
        blank=True,
        verbose_name=_("office hours"),
        help_text=_(
            "One shift per row; a split day (morning and afternoon) has two rows."
        ),
    )
    hours_exceptions = StreamField(
        [("exception", HoursExceptionBlock())],
        blank=True,
        verbose_name=_("exceptions to the office hours"),
        help_text=_("Holidays, closures and changed hours on given dates."),
    )
    service_phones = StreamField(
        [("phone", PhoneBlock())],
        blank=True,
        verbose_name=_("service phones"),
    )
    households_served = models.PositiveIntegerField(
        _("households served"), null=True, blank=True
    )
    team_model = models.CharField(
        _("team model"),
        max_length=40,
        blank=True,
        help_text=_("How the team is made up, e.g. 1+N+X or 1+2+3."),
    )
    fixed_days = MultipleChoiceJSONField(
        _("fixed days in the community"),
        options=WEEKDAY_CHOICES,
        coerce=int,
        help_text=_("Fixed days: the weekdays the team is always in the community."),
    )
    fixed_days_note = models.CharField(
        _("about the fixed days"),
        max_length=120,
        blank=True,
        help_text=_("e.g. at least four days a month, mornings"),
    )
    duty_summary = models.TextField(
        _("duty summary"),
        max_length=300,
        blank=True,
        help_text=_("A few lines on what the station handles, for the wall poster."),
    )
    bureau_leader = models.ForeignKey(
        Staff,
        verbose_name=_("linked bureau leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_communities",
        limit_choices_to={"role": StaffRole.BUREAU_LEADER},
    )
    rest_stop_facilities = MultipleChoiceJSONField(
        _("rest stop facilities"),
        options=RestStopFacility.choices,
        help_text=_("Tick what the rest stop offers; none if there is no stop."),
    )
    rest_stop_note = models.CharField(
        _("about the rest stop"), max_length=120, blank=True
    )
    search_terms = models.CharField(max_length=1000, blank=True, editable=False)

    template = "notices/community_page.html"
    parent_page_types = ["notices.SubdistrictPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("station_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Station"),
        ),
        MultiFieldPanel(
            [FieldPanel("office_hours"), FieldPanel("hours_exceptions")],
            heading=_("Office hours"),
        ),
        FieldPanel("service_phones"),
        MultiFieldPanel(
            [
                FieldPanel("households_served"),
                FieldPanel("team_model"),
                FieldPanel("fixed_days"),
                FieldPanel("fixed_days_note"),
                FieldPanel("bureau_leader"),
                FieldPanel("duty_summary"),
            ],
            heading=_("Team"),
        ),
        InlinePanel("staff_links", heading=_("Staff on duty"), label=_("staff")),
        MultiFieldPanel(
            [FieldPanel("rest_stop_facilities"), FieldPanel("rest_stop_note")],
            heading=_("Rest stop"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *CHINESE_TITLE_FIELDS,
        index.SearchField("station_name"),
        index.SearchField("address"),
        index.SearchField("search_terms"),
    ]
    api_fields = [
        APIField("station_name"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("office_hours"),
        APIField("hours_exceptions"),
        APIField("service_phones"),
        APIField("households_served"),
        APIField("team_model"),
        APIField("fixed_days"),
        APIField("fixed_days_note"),
        APIField("duty_summary"),
        APIField("rest_stop_facilities"),
        APIField("rest_stop_note"),
        APIField("report_community_id"),
        APIField("public_staff"),
    ]

    class Meta:
        verbose_name = _("community station")
        verbose_name_plural = _("community stations")

    def clean(self):
        super().clean()
        has_lat, has_lng = self.latitude is not None, self.longitude is not None
        if has_lat != has_lng:
            raise ValidationError(
                {
                    "longitude" if has_lat else "latitude": _(
                        "Give both latitude and longitude, or neither."
                    )
                }
            )
        if has_lat and not in_china(self.latitude, self.longitude):
            raise ValidationError(
                {
                    "latitude": _(
                        "These coordinates are outside China. Check that latitude "
                        "and longitude are not swapped."
                    )
                }
            )

    def save(self, *args, **kwargs):
        parent_title = ""
        if self.path and self.depth and self.depth > 1:
            parent = Page.objects.filter(path=self.path[: -Page.steplen]).first()
            parent_title = parent.title if parent else ""
        self.search_terms = build_search_terms(
            self.title, self.station_name, parent_title
        )
        return super().save(*args, **kwargs)

    # What residents see.

    def opening_status(self, now=None):
        return opening_status(
            self.office_hours, self.hours_exceptions, now or timezone.now()
        )

    def service_hours(self) -> ServiceHours:
        """The hours a promised response time counts in (notices/lists/promises.py)."""
        return ServiceHours(self.office_hours, self.hours_exceptions)

    def weekly_hours(self):
        return weekly_summary(self.office_hours)

    def upcoming_exceptions(self, today=None):
        """Exceptions that have not ended yet, soonest first."""
        return upcoming_exceptions(self.hours_exceptions, today or timezone.localdate())

    def staff_on_duty(self) -> list[dict]:
        """Who serves here, in the active language: a fixed number of queries.

        Each entry: staff (translated where possible), photo (renditions prefetched)
        and its markup (photo_html), mode and days. The linked bureau leader comes
        first. Remembered per language until content changes (the page and its three
        lists both show them).
        """
        from portal.lookups import remembered

        found = remembered(
            "staff-on-duty-2",  # the name carries the entries' layout
            lambda: find_staff_on_duty(self),
            self.pk,
            translation.get_language(),
        )
        return [dict(entry) for entry in found]

    @property
    def public_staff(self) -> list[dict]:
        """The staff as published, for the API: never more than the poster shows."""
        result = []
        for entry in self.staff_on_duty():
            photo = entry["photo"]
            url = photo.get_rendition(PHOTO_SPEC).url if photo else ""
            result.append(
                {
                    **entry["staff"].public_data(url),
                    "mode": str(entry["mode"] or ""),
                    "days": entry["days"],
                    "is_leader": entry["is_leader"],
                }
            )
        return result

    @property
    def report_community_id(self) -> int:
        """The id the report form knows this community by.

        Always the id of the community page in the default language's tree, so
        `/zh-hans/report/?community=<id>` and `/en/report/?community=<id>` name the
        same community and printed QR codes survive translation.
        """
        from portal.lookups import default_locale, remembered

        if self.locale_id == default_locale().pk:
            return self.pk
        source_id = remembered(
            "report-community-id",
            lambda: (
                Page.objects.filter(
                    translation_key=self.translation_key,
                    locale__language_code=settings.LANGUAGE_CODE,
                )
                .values_list("pk", flat=True)
                .first()
            ),
            self.pk,
        )
        return source_id or self.pk

    def report_path(self, language_code: str) -> str:
        return f"/{language_code}/report/?community={self.report_community_id}"

    # Poster and QR code (views in notices/stations/poster.py).

    @path("poster/")
    def poster(self, request):
        from notices.stations.poster import poster

        return poster(request, self)

    @path("qr/")
    def qr_image(self, request):
        from notices.stations.poster import qr_image

        return qr_image(request, self)

    @path("qr/svg/")
    def qr_svg(self, request):
        from notices.stations.poster import qr_svg

        return qr_svg(request, self)

    @path("qr/png/")
    def qr_png(self, request):
        from notices.stations.poster import qr_png

        return qr_png(request, self)

    def get_context(self, request, *args, **kwargs):
        from notices.stations.views import community_context

        context = super().get_context(request, *args, **kwargs)
        context.update(community_context(request, self))
        return context


class CommunityStaff(Orderable):
    """A staff member serving a community: how (常驻/轮驻/巡驻) and on which days."""

    page = ParentalKey(
        CommunityPage, on_delete=models.CASCADE, related_name="staff_links"
    )
    staff = models.ForeignKey(
        Staff,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="community_links",
    )
    mode = models.CharField(
        _("how they serve"),
        max_length=12,
        choices=ServiceMode.choices,
        default=ServiceMode.RESIDENT,
    )
    days = MultipleChoiceJSONField(
        _("days in the community"), options=WEEKDAY_CHOICES, coerce=int
    )

    panels = [FieldPanel("staff"), FieldPanel("mode"), FieldPanel("days")]

    class Meta(Orderable.Meta):
        verbose_name = _("staff on duty")
        verbose_name_plural = _("staff on duty")

    def __str__(self) -> str:
        return f"{self.staff} @ {self.page}"
