"""The lenient-enforcement catalogue (轻微违法包容清单 / 首违不罚清单).

One `LenientCataloguePage` per language holds its batches (each issued by a document,
with its number and effective date), categories, the laws no longer in force, and the
items as inline children. Every publication is a page revision (kept as a
`ListVersion`); every edit passes the "Legal review" workflow (法制审核) before it goes
live, see `ensure_legal_review_workflow`. Items come into and go out of force on their
dates, read at render time in Asia/Shanghai.
"""

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    Orderable,
    Page,
    TranslatableMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from notices.lists.catalogue_rows import (
    BATCH_FIELDS,
    CATEGORY_FIELDS,
    ITEM_FIELDS,
    LAW_FIELDS,
    LenientType,
    validate_catalogue,
)
from notices.lists.forms import ListPageForm
from notices.lists.pages import ListPage
from notices.lists.shared import status_on


class LenientCataloguePage(ListPage):
    """The lenient-enforcement catalogue: batches and items, legally reviewed."""

    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Marks the catalogue as demo content on every page and download."),
    )
    template = "notices/catalogue_page.html"
    views_class = "notices.lists.catalogue_views.CatalogueViews"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("is_demo"),
        InlinePanel("batches", heading=_("Batches"), label=_("batch")),
        InlinePanel("categories", heading=_("Categories"), label=_("category")),
        InlinePanel(
            "repealed_laws",
            heading=_("Laws no longer in force"),
            label=_("law"),
            help_text=_(
                "An item in force may not cite a law listed here after its repeal date."
            ),
        ),
        InlinePanel("items", heading=_("Items"), label=_("item")),
    ]

    class Meta:
        verbose_name = _("lenient-enforcement catalogue")
        verbose_name_plural = _("lenient-enforcement catalogues")

    def entries(self, day: date | None = None) -> list["LenientItem"]:
        """Every item with its batch, category, effective date and status on `day`."""
        day = day or timezone.localdate()
        batches = {batch.code: batch for batch in self.batches.all()}
        categories = {category.code: category for category in self.categories.all()}
        entries = []
        base = self.url  # found once: a hundred items share it
        for item in self.items.all():
            item.batch_obj = batches.get(item.batch)
            item.category_obj = categories.get(item.category)
            item.effective = item.effective_from or (
                item.batch_obj.effective_from if item.batch_obj else None
            )
            item.status = status_on(
                day, item.effective, item.valid_until, item.repealed_on
            )
            item.permalink = self.item_url(item.number, base)
            entries.append(item)
        return entries


class CatalogueBatch(TranslatableMixin, Orderable):
    """A batch of the catalogue (第一批…), issued by one document."""

    page = ParentalKey(
        LenientCataloguePage, on_delete=models.CASCADE, related_name="batches"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. B1."))
    title = models.CharField(_("title"), max_length=120, help_text=_("e.g. 第一批."))
    document_title = models.CharField(_("issuing document"), max_length=200)
    document_number = models.CharField(
        _("document number"),
        max_length=80,
        blank=True,
        help_text=_("The number printed on the document, e.g. 徐城管发〔2026〕12号."),
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    effective_from = models.DateField(
        _("in force from"),
        help_text=_("Items of this batch take effect on this date unless they say."),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("title")]),
        FieldPanel("document_title"),
        FieldRowPanel([FieldPanel("document_number"), FieldPanel("issued_on")]),
        FieldPanel("effective_from"),
    ]
    override_translatable_fields = [
        SynchronizedField("code"),
        SynchronizedField("document_number"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("catalogue batch")
        verbose_name_plural = _("catalogue batches")

    def __str__(self) -> str:
        return self.title


class CatalogueCategory(TranslatableMixin, Orderable):
    """A field of law the items belong to, such as 市容环境卫生."""

    page = ParentalKey(
        LenientCataloguePage, on_delete=models.CASCADE, related_name="categories"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("category name"), max_length=80)

    panels = [FieldRowPanel([FieldPanel("code"), FieldPanel("name")])]
    override_translatable_fields = [SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("catalogue category")
        verbose_name_plural = _("catalogue categories")

    def __str__(self) -> str:
        return self.name


class RepealedLaw(TranslatableMixin, Orderable):
    """A law or regulation no longer in force, which items in force may not cite."""

    page = ParentalKey(
        LenientCataloguePage, on_delete=models.CASCADE, related_name="repealed_laws"
    )
    name = models.CharField(_("law"), max_length=200)
    repealed_on = models.DateField(_("repealed on"))
    replaced_by = models.CharField(_("replaced by"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("repealed_on"), FieldPanel("replaced_by")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("law no longer in force")
        verbose_name_plural = _("laws no longer in force")

    def __str__(self) -> str:
        return self.name


class LenientItem(TranslatableMixin, Orderable):
    """一项轻微违法包容事项: a violation, its legal basis, conditions and what happens
    instead of the usual penalty."""

    page = ParentalKey(
        LenientCataloguePage, on_delete=models.CASCADE, related_name="items"
    )
    number = models.CharField(
        _("number"),
        max_length=20,
        help_text=_("Unique in the catalogue; never reused."),
    )
    batch = models.CharField(_("batch code"), max_length=20)
    category = models.CharField(_("category code"), max_length=20)
    violation = models.CharField(_("violation"), max_length=300)
    law = models.CharField(
        _("law"), max_length=200, help_text=_("e.g. 《城市市容和环境卫生管理条例》.")
    )
    article = models.CharField(
        _("article"), max_length=120, help_text=_("e.g. 第三十六条.")
    )
    conditions = models.TextField(
        _("conditions"), help_text=_("e.g. first time, minor harm, corrected in time.")
    )
    correction_days = models.PositiveSmallIntegerField(
        _("corrected within (days)"), null=True, blank=True
    )
    measure = models.TextField(
        _("what happens instead"),
        help_text=_("e.g. education and an order to correct; public service."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=LenientType.choices)
    scope = models.CharField(_("scope"), max_length=200, blank=True)
    effective_from = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        help_text=_("Empty: the batch's date."),
    )
    valid_until = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Last day in force.")
    )
    repealed_on = models.DateField(
        _("repealed on"),
        null=True,
        blank=True,
        help_text=_("First day the item no longer applies."),
    )
    repeal_note = models.CharField(_("repeal note"), max_length=300, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("number"), FieldPanel("batch"), FieldPanel("category")]
        ),
        FieldPanel("violation"),
        FieldRowPanel([FieldPanel("law"), FieldPanel("article")]),
        FieldPanel("conditions"),
        FieldPanel("correction_days"),
        FieldPanel("measure"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("scope")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("effective_from"), FieldPanel("valid_until")]
                ),
                FieldRowPanel([FieldPanel("repealed_on"), FieldPanel("repeal_note")]),
            ],
            heading=_("Dates"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("batch"),
        SynchronizedField("category"),
        TranslatableField("law"),
        TranslatableField("article"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")

    def __str__(self) -> str:
        return f"{self.number} {self.violation}"

    @property
    def legal_basis(self) -> str:
        return f"{self.law}{self.article}"


class LenientCataloguePageForm(ListPageForm):
    validator = staticmethod(validate_catalogue)
    row_readers = {
        "batches": BATCH_FIELDS,
        "categories": CATEGORY_FIELDS,
        "repealed_laws": LAW_FIELDS,
        "items": ITEM_FIELDS,
    }


LenientCataloguePage.base_form_class = LenientCataloguePageForm
