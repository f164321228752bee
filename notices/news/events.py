"""Events (活动): open days, law sessions, service days, summer camps, charity markets.

Times are stored in UTC and entered and shown in Asia/Shanghai (TIME_ZONE). The rules
for registrations (seats, waitlist, check-in) live in `participation.registrations`;
they always apply to the event's page in the default language (Chinese), which the
English translation mirrors, so both languages share one set of seats.
"""

from datetime import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import IntroPage
from notices.extensions import event_attendance, event_seat_counts
from notices.news.visibility import visible
from notices.stations.scoping import (
    AreaScopedPage,
    allows,
    area_error,
    impossible_ids_emptied,
)
from portal.lookups import active_locale
from portal.params import FilterChoiceField, PageNumberField, ParamsForm, read_params
from portal.search_fields import CHINESE_TITLE_FIELDS, ChineseTitleSearch

EVENTS_PER_PAGE = 10


class EventType(models.TextChoices):
    """Open days (城管开放日), legal talks (普法活动), service days (城管服务日),
    summer camps (夏令营), charity fairs (公益集市) and the rest."""

    OPEN_DAY = "open-day", _("Open day")
    LAW = "law", _("Law session")
    SERVICE_DAY = "service-day", _("Service day")
    SUMMER_CAMP = "summer-camp", _("Summer camp")
    CHARITY_MARKET = "charity-market", _("Charity market")
    OTHER = "other", _("Other event")


class RegistrationState(models.TextChoices):
    NONE = "none", _("No registration needed")
    CANCELLED = "cancelled", _("Event cancelled")
    NOT_YET_OPEN = "not-yet-open", _("Registration not yet open")
    CLOSED = "closed", _("Registration closed")
    OPEN = "open", _("Registration open")


class EventIndexParams(ParamsForm):
    past = forms.CharField(required=False)
    type = FilterChoiceField(choices=EventType.choices)
    page = PageNumberField()


class EventIndexPage(AreaScopedPage, IntroPage):
    """The list of events: upcoming first; past events with their reports."""

    template = "notices/event_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.EventPage"]
    max_count_per_parent = 1
    holds_every_area = True

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def events(self) -> QuerySet:
        return visible(EventPage.objects.child_of(self)).select_related(
            "lead_image", "community"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        params = read_params(EventIndexParams, request.GET)
        past = params["past"] == "1"
        if past:
            events = self.events().filter(end__lt=now).order_by("-start", "-pk")
        else:
            events = self.events().filter(end__gte=now).order_by("start", "pk")
        event_type = params["type"]
        if event_type:
            events = events.filter(event_type=event_type)
        context.update(
            events=Paginator(events, EVENTS_PER_PAGE).get_page(params["page"]),
            showing_past=past,
            event_types=EventType.choices,
            current_type=event_type,
        )
        return context


class EventPageForm(WagtailAdminPageForm):
    """An area editor holds events only at stations of their area."""

    def __init__(self, data=None, *args, **kwargs):
        data = impossible_ids_emptied(data, lambda name: name == "community")
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        community = cleaned.get("community")
        if not allows(self.for_user, [community] if community else None):
            self.add_error("community", area_error(self.for_user))
        return cleaned


class EventPage(ChineseTitleSearch, AreaScopedPage, Page):
    """One event residents come to; once it is past, its report and photos."""

    event_type = models.CharField(
        _("type"), max_length=20, choices=EventType.choices, default=EventType.OPEN_DAY
    )
    start = models.DateTimeField(_("starts"), help_text=_("Beijing time."))
    end = models.DateTimeField(_("ends"), help_text=_("Beijing time."))
    community = models.ForeignKey(
        "notices.CommunityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("at the community station"),
        help_text=_(
            "Held at a station: it shows on that station's page and its staff see "
            "the registrations."
        ),
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where it is held when not at a station (or a room at the station). "
            "Events with only an address count as citywide."
        ),
    )
    audience = models.CharField(
        _("who it is for"),
        max_length=120,
        blank=True,
        help_text=_("For example: residents, families with children aged 8–12."),
    )
    summary = models.TextField(
        _("summary"), max_length=300, blank=True, help_text=_("For lists and feeds.")
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    body = RichTextField(
        pgettext_lazy("event", "description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    what_to_bring = models.TextField(_("what to bring"), max_length=400, blank=True)

    takes_registrations = models.BooleanField(
        _("takes registrations"),
        default=True,
        help_text=_("Untick for events anyone can walk into."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_(
            "People, counting everyone in a party. Raising it moves the oldest "
            "entries on the waitlist up automatically."
        ),
    )
    max_party_size = models.PositiveSmallIntegerField(
        _("largest party"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "How many people one registration may bring, the resident included."
        ),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Empty: open as soon as the event is published."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: closes when the event starts."),
    )
    waitlist_enabled = models.BooleanField(
        _("waitlist"),
        default=True,
        help_text=_(
            "When full, residents may join a waitlist (first come, first served)."
        ),
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Publishing a cancelled event tells everyone registered by email."),
    )
    cancellation_note = models.TextField(
        _("why it is cancelled"), max_length=400, blank=True
    )

    report = RichTextField(
        _("report"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("After the event: a short report of what happened."),
    )
    attendance_count = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the number of people checked in at the door."),
    )

    template = "notices/event_page.html"
    base_form_class = EventPageForm
    parent_page_types = ["notices.EventIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel(
            [
                PageChooserPanel("community", "notices.CommunityPage"),
                FieldPanel("address"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("what_to_bring"),
        MultiFieldPanel(
            [
                FieldPanel("takes_registrations"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_party_size")]),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens_at"),
                        FieldPanel("registration_closes_at"),
                    ]
                ),
                FieldPanel("waitlist_enabled"),
                FieldPanel("cancelled"),
                FieldPanel("cancellation_note"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("report"),
                FieldPanel("attendance_count"),
                InlinePanel("photos", label=_("Photos")),
            ],
            heading=_("After the event"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *CHINESE_TITLE_FIELDS,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("address"),
        index.FilterField("start"),
        index.FilterField("event_type"),
    ]
    api_fields = [
        APIField("event_type"),
        APIField("start"),
        APIField("end"),
        APIField("address"),
        APIField("audience"),
        APIField("summary"),
        APIField("body"),
        APIField("what_to_bring"),
        APIField("capacity"),
        APIField("cancelled"),
        APIField("report"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # The next events (home page, index, community pages) without sorting them all.
        indexes = [models.Index(fields=["start", "page_ptr"], name="event_next")]

    def area_targets(self) -> list | None:
        """The station it is held at; None (citywide) for an address elsewhere."""
        return [self.community] if self.community_id else None

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.start and self.end and self.end <= self.start:
            errors.setdefault("end", []).append(_("The end must be after the start."))
        if not self.community_id and not self.address.strip():
            errors.setdefault("address", []).append(
                _("Choose a community station or give an address.")
            )
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors.setdefault("registration_closes_at", []).append(
                _("Registration must close after it opens.")
            )
        if closes and self.end and closes > self.end:
            errors.setdefault("registration_closes_at", []).append(
                _("Registration must close before the event ends.")
            )
        if (
            self.capacity
            and self.max_party_size
            and self.max_party_size > self.capacity
        ):
            errors.setdefault("max_party_size", []).append(
                _("A party cannot be larger than the number of places.")
            )
        if errors:
            raise ValidationError(errors)

    # What the registration rules read. Kept here so templates can use them too.

    def registration_source(self) -> "EventPage":
        """The page whose seats and registrations count: the default-language one."""
        from portal.lookups import locale_for_language

        default = locale_for_language(settings.LANGUAGE_CODE)
        if default is None or self.locale_id == default.pk:
            return self
        source = (
            EventPage.objects.filter(
                translation_key=self.translation_key, locale=default
            ).first()
            if default
            else None
        )
        return source or self

    def registration_closes(self) -> datetime:
        return self.registration_closes_at or self.start

    def registration_state(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.cancelled:
            return RegistrationState.CANCELLED
        if not self.takes_registrations:
            return RegistrationState.NONE
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_YET_OPEN
        if now >= self.registration_closes():
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def listing(self) -> dict[str, str | bool]:
        """What a list of events shows of this one, in the active language, as plain
        data: address, title, type, whether it is cancelled, place, and start and end
        in the site's time zone (ISO 8601, the day as the reader's language writes it,
        the time; the end's day only when it is not the start's). The home and
        station pages remember these, not the pages (notices_tags)."""
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        same_day = end.date() == start.date()
        return {
            "url": self.get_url(),
            "title": self.title,
            "type": self.get_event_type_display(),
            "cancelled": self.cancelled,
            "place": self.place,
            "start": start.isoformat(),
            "start_day": date_format(start, "DATE_FORMAT"),
            "start_time": start.strftime("%H:%M"),
            "end": end.isoformat(),
            "end_day": "" if same_day else date_format(end, "DATE_FORMAT"),
            "end_time": end.strftime("%H:%M"),
        }

    @property
    def place(self) -> str:
        """Where it is, in this page's language: the station, then the address."""
        parts = []
        if self.community_id and self.community:
            community = self.community
            if community.locale_id != active_locale().pk:  # one lookup per request
                community = community.localized
            parts.append(getattr(community, "station_name", "") or community.title)
            if not self.address and getattr(community, "address", ""):
                parts.append(community.address)
        if self.address:
            parts.append(self.address)
        return " · ".join(parts)

    def seat_counts(self) -> dict[str, int] | None:
        """Places taken and left, and people waiting: numbers only, no names
        (participation counts them, see notices/extensions.py)."""
        return event_seat_counts(self.registration_source())

    def attendance(self) -> int | None:
        """What the report shows: the editor's figure, else the door check-ins
        (participation counts them, see notices/extensions.py)."""
        if self.attendance_count is not None:
            return self.attendance_count
        return event_attendance(self.registration_source()) or None

    @classmethod
    def upcoming(cls, locale_id: int | None = None) -> QuerySet:
        events = visible(cls.objects.all()).filter(end__gte=timezone.now())
        if locale_id is not None:
            events = events.filter(locale_id=locale_id)
        return events.select_related("community").order_by("start", "pk")

    @classmethod
    def for_community(cls, community: Page, locale=None) -> QuerySet:
        """Upcoming events held at a community's station, in `locale` (default: the
        community page's language)."""
        locale_id = locale.pk if locale is not None else community.locale_id
        return cls.upcoming(locale_id).filter(
            community__translation_key=community.translation_key
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        source = self.registration_source()
        context["registration"] = {
            "state": source.registration_state(),
            "seats": self.seat_counts() if source.takes_registrations else None,
        }
        context["event_photos"] = self.photos_with_renditions()
        return context

    def photos_with_renditions(self) -> list[dict]:
        """The photos (image and caption) with their renditions: three queries
        however many there are, and none while no content changes (remembered)."""
        from portal.lookups import remembered

        def build() -> list[dict]:
            images = get_image_model().objects.prefetch_renditions(*PHOTO_SPECS)
            photos = self.photos.prefetch_related(
                models.Prefetch("image", queryset=images)
            )
            found = []
            for photo in photos:
                # Sizes not made yet are made now, so the remembered image carries
                # them all and the page reads none from the database.
                photo.image.get_renditions(*PHOTO_SPECS)
                found.append({"image": photo.image, "caption": photo.caption})
            return found

        return remembered("event-photos", build, self.pk)


# `{% picture photo.image format-{webp,jpeg} fill-{240x160,480x320} %}` on the page.
PHOTO_SPECS = [
    f"format-{kind}|{size}"
    for kind in ("webp", "jpeg")
    for size in ("fill-240x160", "fill-480x320")
]


class EventPhoto(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("photo"),
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
