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

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from notices.lists.duty_rows import (
    CATEGORY_FIELDS,
    ITEM_FIELDS,
    promise_errors,
    validate_duty_list,
)
from notices.lists.forms import ListPageForm
from notices.lists.pages import ListPage
from notices.lists.promises import HandlingClass, PromiseFields
from notices.lists.shared import Status, status_on
from notices.stations.staff import StaffRole


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
        return (
            self.published(locale).in_force(day).order_by("page_id", "sort_order", "pk")
        )

    def by_code(self, code: str) -> "DutyItem | None":
        return self.filter(code=code).first()


class DutyListPage(ListPage):
    """The citywide duty list: categories, items, promised times; downloadable."""

    template = "notices/duty_list_page.html"
    views_class = "notices.lists.duty_views.DutyViews"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("categories", heading=_("Categories"), label=_("category")),
        InlinePanel("items", heading=_("Items"), label=_("item")),
    ]

    class Meta:
        verbose_name = _("duty list")
        verbose_name_plural = _("duty lists")

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


# Codes of communities' own duties: "LC-" and 8 characters of the item's translation
# key, the same in every language; never a citywide code (those have no "LC-").
COMMUNITY_CODE_PREFIX = "LC-"


class CommunityDutyItem(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    PromiseFields,
):
    """A community's own duty, or its note on a citywide one (一社区一策).

    It promises residents a response time, so it goes public the way the citywide
    list does: station staff draft it, a legal reviewer other than its author signs
    it off (the legal review workflow, assigned to this model by `sync_roles`). Once
    live, a duty of the community's own is a report category for that community
    (`code`, participation/reports/categories.py).
    """

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
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("Reports use it as their category."),
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

    def save(self, *args, **kwargs):
        if not self.code and not self.relates_to:
            self.code = f"{COMMUNITY_CODE_PREFIX}{self.translation_key.hex[:8].upper()}"
        super().save(*args, **kwargs)

    @property
    def department(self) -> str:
        """Who answers reports under it: the community's station."""
        community = self.community
        return community.station_name or community.title

    @property
    def category(self) -> str:
        """Community duties are grouped under their community, not a list category."""
        return ""

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
        community__translation_key=community.translation_key, live=True
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


def reportable_community_duties(community: Page | None, locale=None) -> list:
    """A community's own duties residents may report under today: public (signed off
    by the legal review), in force, one per code, in `locale` where translated."""
    if community is None:
        return []
    today = timezone.localdate()
    rows = (
        CommunityDutyItem.objects.filter(
            community__translation_key=community.translation_key,
            live=True,
            relates_to="",
        )
        .exclude(code="")
        .select_related("community")
    )
    wanted = locale.pk if locale is not None else None
    by_code: dict[str, CommunityDutyItem] = {}
    for row in rows:
        if row.status_on(today) != Status.IN_FORCE:
            continue
        if row.code not in by_code or row.locale_id == wanted:
            by_code[row.code] = row
    return list(by_code.values())


def community_duty_by_code(code: str) -> "CommunityDutyItem | None":
    """The public, in-force community duty with this code (any language)."""
    if not code.startswith(COMMUNITY_CODE_PREFIX):
        return None
    today = timezone.localdate()
    for row in CommunityDutyItem.objects.filter(code=code, live=True).select_related(
        "community"
    ):
        if row.status_on(today) == Status.IN_FORCE:
            return row
    return None


class DutyListPageForm(ListPageForm):
    validator = staticmethod(validate_duty_list)
    row_readers = {"categories": CATEGORY_FIELDS, "items": ITEM_FIELDS}


DutyListPage.base_form_class = DutyListPageForm
