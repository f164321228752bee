"""The duty list (职责清单): what the station does for residents, how fast, and who.

One `DutyListPage` per language holds the citywide categories and items as inline
children, so every publication is a page revision (kept as a `ListVersion`) and the
English list is a wagtail-localize translation of the Chinese one. An item's `code` is
its stable identity: residents' reports use it as their category, and its handling class
and promised times set each report's deadlines:

    item = DutyItem.objects.current().by_code("SR-01")
    item.promised_response.deadline(received_at)
    item.promised_completion.deadline(received_at)

Communities add their own items or notes (一社区一策) as `CommunityDutyItem` snippets.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from notices.lists.shared import RowError, Status, status_on
from notices.stations.staff import StaffRole
from portal import workdays


class HandlingClass(models.TextChoices):
    """How the station handles an item: itself at once, with others, or upwards."""

    IMMEDIATE = "immediate", _("Handle at once")
    COORDINATE = "coordinate", _("Coordinate with others")
    ESCALATE = "escalate", _("Escalate")


class TimeUnit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    WORKING_DAYS = "working_days", _("working days")
    SAME_DAY = "same_day", _("the same day")


def end_of_day(day: date) -> datetime:
    """The last instant of a local day: a deadline "that day" is met up to midnight."""
    return datetime.combine(day, time.max, timezone.get_current_timezone())


@dataclass(frozen=True)
class PromisedTime:
    """A promise: "within 30 minutes", "the same day", "within 3 working days"."""

    amount: int | None
    unit: str

    def deadline(self, start: datetime) -> datetime:
        """When the promise falls due for something received at `start`: the one
        deadline rule, used by the duty list and by every report.

        Minutes and hours run around the clock from `start`; "the same day" ends at
        local midnight; N working days end at the close of the Nth working day after
        `start`'s local date, on the calendar of `portal.workdays` (holidays skipped,
        make-up days worked).
        """
        local_start = timezone.localtime(start)
        amount = self.amount or 0
        if self.unit == TimeUnit.MINUTES:
            return local_start + timedelta(minutes=amount)
        if self.unit == TimeUnit.HOURS:
            return local_start + timedelta(hours=amount)
        if self.unit == TimeUnit.SAME_DAY:
            return end_of_day(local_start.date())
        return end_of_day(workdays.add_working_days(local_start.date(), amount))

    def __str__(self) -> str:
        n = self.amount or 0
        if self.unit == TimeUnit.MINUTES:
            text = ngettext("within %(n)d minute", "within %(n)d minutes", n)
        elif self.unit == TimeUnit.HOURS:
            text = ngettext("within %(n)d hour", "within %(n)d hours", n)
        elif self.unit == TimeUnit.WORKING_DAYS:
            text = ngettext("within %(n)d working day", "within %(n)d working days", n)
        else:
            return gettext("the same day")
        return text % {"n": n}


def promised(amount: int | None, unit: str) -> PromisedTime | None:
    return PromisedTime(amount, unit) if unit else None


class PromiseFields(models.Model):
    """Handling class and promised response and completion times."""

    handling_class = models.CharField(
        _("handling class"), max_length=20, choices=HandlingClass.choices
    )
    response_amount = models.PositiveIntegerField(
        _("respond within"), null=True, blank=True
    )
    response_unit = models.CharField(
        _("response time unit"),
        max_length=20,
        choices=TimeUnit.choices,
        blank=True,
        help_text=_("Leave empty when no response time is promised."),
    )
    completion_amount = models.PositiveIntegerField(
        _("complete within"), null=True, blank=True
    )
    completion_unit = models.CharField(
        _("completion time unit"),
        max_length=20,
        choices=TimeUnit.choices,
        blank=True,
        help_text=_(
            "For complex matters, the time within which residents get a progress "
            "report."
        ),
    )

    class Meta:
        abstract = True

    @property
    def promised_response(self) -> PromisedTime | None:
        return promised(self.response_amount, self.response_unit)

    @property
    def promised_completion(self) -> PromisedTime | None:
        return promised(self.completion_amount, self.completion_unit)


class DutyItemQuerySet(models.QuerySet):
    def published(self, locale: Locale | None = None) -> "DutyItemQuerySet":
        """Items of live duty lists in `locale` (the active language by default)."""
        if locale is None:
            locale = Locale.get_active()
        return self.filter(page__live=True, page__locale=locale)

    def in_force(self, day: date | None = None) -> "DutyItemQuerySet":
        day = day or timezone.localdate()
        return self.filter(
            models.Q(effective_from__isnull=True) | models.Q(effective_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )

    def current(
        self, locale: Locale | None = None, day: date | None = None
    ) -> "DutyItemQuerySet":
        """What residents can ask for today: live lists' items in force (local date)."""
        return self.published(locale).in_force(day).order_by("page_id", "sort_order")

    def by_code(self, code: str) -> "DutyItem | None":
        return self.filter(code=code).first()


class DutyListPage(RoutablePageMixin, Page):
    """The citywide duty list: categories, items, promised times; downloadable."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    template = "notices/duty_list_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("categories", heading=_("Categories"), label=_("category")),
        InlinePanel("items", heading=_("Items"), label=_("item")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("duty list")
        verbose_name_plural = _("duty lists")

    def clean(self):
        super().clean()
        errors = validate_duty_list(
            [category_row(c) for c in self.categories.all()],
            [item_row(i) for i in self.items.all()],
        )
        if errors:
            raise ValidationError([str(error) for error in errors])

    # Public views live in notices/views/duties.py; these routes only dispatch.
    @path("")
    def list_view(self, request):
        from notices.lists import duty_views

        return duty_views.list_view(request, self)

    @path("print/")
    def print_view(self, request):
        from notices.lists import duty_views

        return duty_views.list_view(request, self, printing=True)

    @re_path(r"^download/(?P<fmt>xlsx|csv|json)/$")
    def download_view(self, request, fmt):
        from notices.lists import duty_views

        return duty_views.download_view(request, self, fmt)

    @re_path(r"^items/(?P<code>[\w.-]+)/$")
    def item_view(self, request, code):
        from notices.lists import duty_views

        return duty_views.item_view(request, self, code)

    @path("changes/")
    def changes_view(self, request):
        from notices.lists import views

        return views.changes_view(request, self)

    def entries(self, day: date | None = None) -> list["DutyItem"]:
        """Every item with its category and its status on `day` attached."""
        day = day or timezone.localdate()
        categories = {category.code: category for category in self.categories.all()}
        entries = []
        for item in self.items.all():
            item.category_obj = categories.get(item.category)
            item.status = item.status_on(day)
            item.permalink = self.item_url(item.code)
            entries.append(item)
        return entries

    def item_url(self, code: str) -> str:
        return self.url + self.reverse_subpage("item_view", kwargs={"code": code})


class DutyCategory(TranslatableMixin, Orderable):
    """A category of the duty list, such as 市容秩序 (street order)."""

    page = ParentalKey(
        DutyListPage, on_delete=models.CASCADE, related_name="categories"
    )
    code = models.CharField(
        _("code"), max_length=20, help_text=_("Short and stable, e.g. SR.")
    )
    name = models.CharField(_("category name"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("description"),
    ]
    override_translatable_fields = [SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("duty category")
        verbose_name_plural = _("duty categories")

    def __str__(self) -> str:
        return self.name


class DutyItem(TranslatableMixin, PromiseFields, Orderable):
    """One duty (职责事项) residents can ask the station for; its code never changes."""

    page = ParentalKey(DutyListPage, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_(
            "Stable identity, e.g. SR-01. Reports use it as their category: "
            "never reuse a code for a different duty."
        ),
    )
    category = models.CharField(
        _("category code"), max_length=20, help_text=_("The code of a category above.")
    )
    title = models.CharField(_("title"), max_length=120)
    service = models.TextField(
        _("what residents can ask for"), max_length=600, blank=True
    )
    department = models.CharField(_("responsible department"), max_length=120)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    handler_role = models.CharField(
        _("handled by"), max_length=20, choices=StaffRole.choices, blank=True
    )
    effective_from = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        help_text=_("Shown from this date on (Beijing time). Empty: at once."),
    )
    valid_until = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("Last day in force. Empty: until changed."),
    )

    objects = DutyItemQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("category")]),
        FieldPanel("title"),
        FieldPanel("service"),
        FieldRowPanel([FieldPanel("handling_class"), FieldPanel("handler_role")]),
        FieldRowPanel([FieldPanel("response_amount"), FieldPanel("response_unit")]),
        FieldRowPanel([FieldPanel("completion_amount"), FieldPanel("completion_unit")]),
        FieldPanel("department"),
        FieldPanel("legal_basis"),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("valid_until")]),
    ]
    override_translatable_fields = [
        SynchronizedField("code"),
        SynchronizedField("category"),
        TranslatableField("title"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("duty item")
        verbose_name_plural = _("duty items")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def status_on(self, day: date) -> Status:
        return status_on(day, self.effective_from, self.valid_until)


class CommunityDutyItem(TranslatableMixin, PromiseFields):
    """A community's own duty, or its note on a citywide one (一社区一策)."""

    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community"),
    )
    relates_to = models.CharField(
        _("citywide item code"),
        max_length=20,
        blank=True,
        help_text=_(
            "Fill in to add a local note to a citywide item; leave empty for a duty of "
            "this community's own."
        ),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    service = models.TextField(_("what residents can ask for"), blank=True)
    note = models.TextField(_("note"), blank=True)
    handling_class = models.CharField(
        _("handling class"), max_length=20, choices=HandlingClass.choices, blank=True
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_until = models.DateField(_("in force until"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("community"),
        FieldPanel("relates_to"),
        FieldPanel("title"),
        FieldPanel("service"),
        FieldPanel("note"),
        MultiFieldPanel(
            [
                FieldPanel("handling_class"),
                FieldRowPanel(
                    [FieldPanel("response_amount"), FieldPanel("response_unit")]
                ),
                FieldRowPanel(
                    [FieldPanel("completion_amount"), FieldPanel("completion_unit")]
                ),
            ],
            heading=_("Handling"),
        ),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("valid_until")]),
        FieldPanel("sort_order"),
    ]
    override_translatable_fields = [
        SynchronizedField("relates_to"),
        SynchronizedField("community"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("community duty or note")
        verbose_name_plural = _("community duties and notes")

    def __str__(self) -> str:
        return self.title or self.relates_to

    def clean(self):
        super().clean()
        if not self.relates_to and not (self.title and self.handling_class):
            raise ValidationError(
                _(
                    "A community's own duty needs a title and a handling class; a note "
                    "needs the code of the citywide item it belongs to."
                )
            )
        if self.relates_to and not self.note:
            raise ValidationError({"note": _("Write the note for this item.")})
        if (
            self.effective_from
            and self.valid_until
            and self.valid_until < self.effective_from
        ):
            raise ValidationError(
                {"valid_until": _("The last day in force is before the first.")}
            )
        errors = promise_errors(self.__dict__)
        if errors:
            raise ValidationError(errors)

    def status_on(self, day: date) -> Status:
        return status_on(day, self.effective_from, self.valid_until)


def community_duties(community: Page, day: date | None = None) -> dict:
    """A community's own duties and notes in force, in the community page's language
    (falling back to the default language), next to the citywide items they annotate."""
    day = day or timezone.localdate()
    rows = CommunityDutyItem.objects.filter(
        community__translation_key=community.translation_key
    ).select_related("locale")
    by_locale: dict[str, list] = {}
    for row in rows:
        if row.status_on(day) == Status.IN_FORCE:
            by_locale.setdefault(row.locale.language_code, []).append(row)
    language = community.locale.language_code
    chosen = by_locale.get(language) or by_locale.get(settings.LANGUAGE_CODE) or []
    with translation.override(language):
        citywide = {
            item.code: item
            for item in DutyItem.objects.current(locale=community.locale, day=day)
        }
    notes = [row for row in chosen if row.relates_to]
    for note in notes:
        note.citywide_item = citywide.get(note.relates_to)
    return {
        "own": [row for row in chosen if not row.relates_to],
        "notes": notes,
        "citywide": list(citywide.values()),
    }


# Validation shared by the admin form, the model and the spreadsheet import.

CATEGORY_FIELDS = ("code", "name", "description")
ITEM_FIELDS = (
    "code",
    "category",
    "title",
    "service",
    "handling_class",
    "response_amount",
    "response_unit",
    "completion_amount",
    "completion_unit",
    "department",
    "legal_basis",
    "handler_role",
    "effective_from",
    "valid_until",
)


def category_row(category) -> dict:
    return {name: getattr(category, name) for name in CATEGORY_FIELDS}


def item_row(item) -> dict:
    return {name: getattr(item, name) for name in ITEM_FIELDS}


def promise_errors(row: dict) -> dict[str, str]:
    errors = {}
    for prefix in ("response", "completion"):
        amount, unit = row.get(f"{prefix}_amount"), row.get(f"{prefix}_unit")
        if unit and unit != TimeUnit.SAME_DAY and not amount:
            errors[f"{prefix}_amount"] = gettext("Give the number of %(unit)s.") % {
                "unit": TimeUnit(unit).label
            }
        if amount and not unit:
            errors[f"{prefix}_unit"] = gettext("Choose a unit for this time.")
    return errors


def validate_duty_list(categories: list[dict], items: list[dict]) -> list[RowError]:
    """Every problem in a duty list, row by row (rows counted from 1)."""
    errors: list[RowError] = []
    codes: dict[str, int] = {}
    for row_number, category in enumerate(categories, start=1):
        code = (category.get("code") or "").strip()
        if not code:
            errors.append(
                RowError("categories", row_number, "code", gettext("Required."))
            )
        elif code in codes:
            errors.append(
                RowError(
                    "categories",
                    row_number,
                    "code",
                    gettext(
                        "Category code %(code)s is used twice (rows %(a)d and %(b)d)."
                    )
                    % {"code": code, "a": codes[code], "b": row_number},
                )
            )
        else:
            codes[code] = row_number
        if not (category.get("name") or "").strip():
            errors.append(
                RowError("categories", row_number, "name", gettext("Required."))
            )
    seen: dict[str, int] = {}
    for row_number, item in enumerate(items, start=1):
        for field in ("code", "category", "title", "handling_class", "department"):
            if not item.get(field):
                errors.append(
                    RowError("items", row_number, field, gettext("Required."))
                )
        code = item.get("code") or ""
        if code and code in seen:
            errors.append(
                RowError(
                    "items",
                    row_number,
                    "code",
                    gettext("Item code %(code)s is used twice (rows %(a)d and %(b)d).")
                    % {"code": code, "a": seen[code], "b": row_number},
                )
            )
        elif code:
            seen[code] = row_number
        category = item.get("category")
        if category and category not in codes:
            errors.append(
                RowError(
                    "items",
                    row_number,
                    "category",
                    gettext("Unknown category %(code)s; known: %(known)s.")
                    % {"code": category, "known": ", ".join(codes) or "-"},
                )
            )
        start, end = item.get("effective_from"), item.get("valid_until")
        if start and end and end < start:
            errors.append(
                RowError(
                    "items",
                    row_number,
                    "valid_until",
                    gettext(
                        "The last day in force (%(end)s) is before the first "
                        "(%(start)s)."
                    )
                    % {"end": end, "start": start},
                )
            )
        for field, message in promise_errors(item).items():
            errors.append(RowError("items", row_number, field, message))
    return errors


class ListPageForm(WagtailAdminPageForm):
    """Runs a list's cross-row checks on its inline rows and shows each error on its
    row in the editor; `validator` maps formset names to row readers."""

    validator = None
    row_readers: dict = {}

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid or self.validator is None:
            return valid
        forms_by_collection = {}
        rows = {}
        for name, fields in self.row_readers.items():
            formset = self.formsets[name]
            live_forms = [
                form
                for form in formset.forms
                if form.has_changed() or form.instance.pk
                if not formset._should_delete_form(form)
            ]
            forms_by_collection[name] = live_forms
            rows[name] = [
                {field: form.cleaned_data.get(field) for field in fields}
                for form in live_forms
            ]
        errors = type(self).validator(**rows)
        for error in errors:
            form = forms_by_collection[error.collection][error.row - 1]
            field = error.field if error.field in form.fields else None
            form.add_error(field, forms.ValidationError(error.message))
        return not errors


class DutyListPageForm(ListPageForm):
    validator = staticmethod(validate_duty_list)
    row_readers = {"categories": CATEGORY_FIELDS, "items": ITEM_FIELDS}


DutyListPage.base_form_class = DutyListPageForm
