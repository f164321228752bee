"""The station directory: District → Subdistrict (街道) → Community (社区工作站)."""

import math
import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from pypinyin import Style, lazy_pinyin
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
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Orderable, Page
from wagtail.search import index

from notices.stations.hours import (
    WEEKDAY_CHOICES,
    HoursExceptionBlock,
    ShiftBlock,
    opening_status,
    weekly_summary,
)
from notices.stations.staff import (
    ServiceMode,
    Staff,
    StaffRole,
    localized_staff,
    phone_validator,
)

# Coordinates are stored in WGS-84 (GPS). Mainland map providers (AMap, Tencent, Baidu
# before its own shift) draw in GCJ-02, which is offset by up to ~700 m: convert with
# `wgs84_to_gcj02` before handing coordinates to such a map (PORTAL_MAP_COORDINATES).
CHINA_LATITUDE = (Decimal("3.86"), Decimal("53.56"))
CHINA_LONGITUDE = (Decimal("73.50"), Decimal("135.09"))

PHOTO_SPEC = "fill-160x200-c100"
# The station pages show staff photos as WebP where the browser takes it, else JPEG
# (`{% picture … fill-160x200-c100 format-{webp,jpeg} %}`): prefetched with the rest.
PHOTO_PICTURE_SPECS = [f"{PHOTO_SPEC}|format-webp", f"{PHOTO_SPEC}|format-jpeg"]
# Parsed once: Wagtail's {% picture %} parses its filter specs again on every use.
PHOTO_PICTURE_FILTERS = [Filter(spec=spec) for spec in PHOTO_PICTURE_SPECS]
PHOTO_FILTERS = [Filter(spec=PHOTO_SPEC), *PHOTO_PICTURE_FILTERS]


def staff_photo_markup(image, name: str) -> SafeString:
    """A staff member's photo, WebP where the browser takes it, else JPEG: the
    markup of {% picture image fill-160x200-c100 format-{webp,jpeg} alt=name
    class="staff-card__photo" loading="lazy" %}."""
    renditions = get_renditions_or_not_found(image, PHOTO_PICTURE_FILTERS)
    attrs = {"alt": name, "class": "staff-card__photo", "loading": "lazy"}
    return Picture(renditions, attrs).__html__()


def in_china(latitude, longitude) -> bool:
    """Inside China's bounding box (a cheap sanity check, not a border test)."""
    return (
        CHINA_LATITUDE[0] <= Decimal(str(latitude)) <= CHINA_LATITUDE[1]
        and CHINA_LONGITUDE[0] <= Decimal(str(longitude)) <= CHINA_LONGITUDE[1]
    )


def wgs84_to_gcj02(latitude: float, longitude: float) -> tuple[float, float]:
    """WGS-84 → GCJ-02 ("Mars coordinates"), the published approximation.

    Accurate to a few metres, which is enough to put a station on a Chinese map.
    """
    if not in_china(latitude, longitude):
        return latitude, longitude
    a = 6378245.0
    ee = 0.00669342162296594323
    x, y = longitude - 105.0, latitude - 35.0
    d_lat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi))
        * 2.0
        / 3.0
        + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi))
        * 2.0
        / 3.0
        + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0))
        * 2.0
        / 3.0
    )
    d_lng = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi))
        * 2.0
        / 3.0
        + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi))
        * 2.0
        / 3.0
        + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi))
        * 2.0
        / 3.0
    )
    rad_lat = latitude / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((a * (1 - ee)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (a / sqrt_magic * math.cos(rad_lat) * math.pi)
    return latitude + d_lat, longitude + d_lng


def normalise_query(text: str) -> str:
    """Lower case without spaces or apostrophes: 'Huang He', "huang'he" → 'huanghe'."""
    return re.sub(r"[\s'’\-·]+", "", text.strip().lower())


def pinyin_forms(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a name: '黄河社区' → ('huangheshequ', 'hhsq')."""
    full = normalise_query("".join(lazy_pinyin(name)))
    initials = normalise_query("".join(lazy_pinyin(name, style=Style.FIRST_LETTER)))
    return full, initials


def pinyin_slug(name: str) -> str:
    """A URL slug from a Chinese name: '黄河社区' → 'huang-he-she-qu'."""
    syllables = [re.sub(r"[^a-z0-9]+", "", part.lower()) for part in lazy_pinyin(name)]
    return "-".join(part for part in syllables if part)[:80] or "station"


def build_search_terms(*names: str) -> str:
    """What directory search matches: each name as written, in pinyin and initials."""
    parts: list[str] = []
    for name in names:
        if not name:
            continue
        full, initials = pinyin_forms(name)
        parts.extend([normalise_query(name), full, initials])
    return "|".join(dict.fromkeys(part for part in parts if part))[:1000]


class MultipleChoiceJSONField(models.JSONField):
    """A list of values from fixed options, edited as checkboxes (stored as JSON)."""

    def __init__(self, *args, options=(), coerce=str, **kwargs):
        self.options = list(options)
        self.coerce = coerce
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.options,
            coerce=self.coerce,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.options}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(value)s"), params={"value": unknown[0]}
            )


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


class StationIndexPage(RoutablePageMixin, Page):
    """The directory of all stations ("find my station"), parent of the districts."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    template = "notices/station_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.DistrictPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("station directory")
        verbose_name_plural = _("station directories")

    def get_context(self, request, *args, **kwargs):
        from notices.stations.views import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(request, self))
        return context

    @path("map/")
    def map(self, request):
        from notices.stations.views import station_map

        return station_map(request, self)


class DistrictPage(Page):
    """A district (区/县) grouping its subdistricts' stations."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    template = "notices/district_page.html"
    parent_page_types = ["notices.StationIndexPage"]
    subpage_types = ["notices.SubdistrictPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def get_context(self, request, *args, **kwargs):
        from notices.stations.views import district_context

        context = super().get_context(request, *args, **kwargs)
        context.update(district_context(self, request))
        return context


class SubdistrictPage(Page):
    """A subdistrict (街道) grouping its communities' stations."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    template = "notices/subdistrict_page.html"
    parent_page_types = ["notices.DistrictPage"]
    subpage_types = ["notices.CommunityPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("subdistrict")
        verbose_name_plural = _("subdistricts")

    def get_context(self, request, *args, **kwargs):
        from notices.stations.views import subdistrict_context

        context = super().get_context(request, *args, **kwargs)
        context.update(subdistrict_context(self, request))
        return context

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if self.pk and self.path:
            self.refresh_community_search_terms()
        return result

    def refresh_community_search_terms(self) -> None:
        """Communities are found by their subdistrict's name too: keep that current."""
        for community in CommunityPage.objects.child_of(self).only(
            "title", "station_name", "search_terms"
        ):
            terms = build_search_terms(
                community.title, community.station_name, self.title
            )
            if terms != community.search_terms:
                CommunityPage.objects.filter(pk=community.pk).update(search_terms=terms)


class CommunityPage(RoutablePageMixin, Page):
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
        help_text=_("三固定: the weekdays the team is always in the community."),
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
        help_text=_("Tick what the rest stop (驿站) offers; none if there is no stop."),
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

    def weekly_hours(self):
        return weekly_summary(self.office_hours)

    def upcoming_exceptions(self, today=None):
        """Exceptions that have not ended yet, soonest first."""
        today = today or timezone.localdate()
        upcoming = [
            block.value
            for block in self.hours_exceptions
            if (block.value.get("end_date") or block.value["start_date"]) >= today
        ]
        return sorted(upcoming, key=lambda value: value["start_date"])

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
            self._find_staff_on_duty,
            self.pk,
            translation.get_language(),
        )
        return [dict(entry) for entry in found]

    def _find_staff_on_duty(self) -> list[dict]:
        image_queryset = get_image_model().objects.prefetch_renditions(*PHOTO_FILTERS)
        links = list(
            self.staff_links.select_related("staff", "staff__locale").prefetch_related(
                Prefetch("staff__photo", queryset=image_queryset)
            )
        )
        leader = None
        if self.bureau_leader_id:
            leader = (
                Staff.objects.filter(pk=self.bureau_leader_id)
                .select_related("locale")
                .prefetch_related(Prefetch("photo", queryset=image_queryset))
                .first()
            )
        members = [link.staff for link in links] + ([leader] if leader else [])
        translated = localized_staff(members)

        def entry(member: Staff, **how) -> dict:
            staff = translated[member.translation_key]
            photo_html = ""
            if member.photo:
                # Every size a page shows (the poster's too) is made now if missing,
                # so the remembered photo carries it: no query per photo per view.
                member.photo.get_renditions(*PHOTO_FILTERS)
                # The photo's markup is the same on every view: written once, kept.
                photo_html = staff_photo_markup(member.photo, staff.name)
            return {
                "staff": staff,
                "photo": member.photo,
                "photo_html": photo_html,
                **how,
            }

        entries = []
        if leader is not None and leader.pk not in {link.staff_id for link in links}:
            entries.append(entry(leader, mode=None, days=[], is_leader=True))
        for link in links:
            entries.append(
                entry(
                    link.staff,
                    mode=link.get_mode_display(),
                    days=link.days,
                    is_leader=link.staff_id == self.bureau_leader_id,
                )
            )
        return entries

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

    # Poster and QR code (views in notices/stations/views.py).

    @path("poster/")
    def poster(self, request):
        from notices.stations.views import poster

        return poster(request, self)

    @path("qr/svg/")
    def qr_svg(self, request):
        from notices.stations.views import qr_svg

        return qr_svg(request, self)

    @path("qr/png/")
    def qr_png(self, request):
        from notices.stations.views import qr_png

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
