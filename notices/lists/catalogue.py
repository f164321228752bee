"""The lenient-enforcement catalogue (轻微违法包容清单 / 首违不罚清单).

One `LenientCataloguePage` per language holds its batches (each issued by a document,
with its number and effective date), categories, the laws no longer in force, and the
items as inline children. Every publication is a page revision (kept as a
`ListVersion`); every edit passes the "Legal review" workflow (法制审核) before it goes
live, see `ensure_legal_review_workflow`. Items come into and go out of force on their
dates, read at render time in Asia/Shanghai.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Orderable,
    Page,
    TranslatableMixin,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from notices.lists.duties import ListPageForm
from notices.lists.shared import RowError, status_on

LEGAL_REVIEW_WORKFLOW = "Legal review · 法制审核"
LEGAL_REVIEW_TASK = "Legal review · 法制审核"
LEGAL_REVIEWERS_GROUP = "Legal reviewers · 法制审核"


class LenientType(models.TextChoices):
    NO_FINE_FIRST = "no_fine_first", _("No fine for a first violation")
    MINOR_EXEMPT = "minor_exempt", _("Minor violation, no penalty")
    SERVICE_IN_LIEU = "service_in_lieu", _("Public service instead of a fine")
    FAST_MINOR = "fast_minor", _("Fast handling of a small fine")


class LenientCataloguePage(RoutablePageMixin, Page):
    """The lenient-enforcement catalogue: batches and items, legally reviewed."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Marks the catalogue as demo content on every page and download."),
    )
    template = "notices/catalogue_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

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
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("lenient-enforcement catalogue")
        verbose_name_plural = _("lenient-enforcement catalogues")

    # Every catalogue goes through legal review, even one nobody assigned a workflow
    # to, and a general workflow on an ancestor (Wagtail puts "Moderators approval"
    # on the root) does not replace it: only a workflow assigned to this very page
    # does. Wagtail asks the page for its workflow, so the page answers.
    def get_workflow(self):
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        own = (
            WorkflowPage.objects.filter(page=self, workflow__active=True)
            .select_related("workflow")
            .first()
        )
        if own is not None:
            return own.workflow
        # First time this catalogue is asked: assign the review to it, so that the
        # admin shows it and reviewers may publish what they approve.
        return ensure_legal_review_workflow([self] if self.pk else None)

    @property
    def has_workflow(self) -> bool:
        return self.get_workflow() is not None

    def clean(self):
        super().clean()
        errors = validate_catalogue(
            batches=[batch_row(b) for b in self.batches.all()],
            categories=[category_row(c) for c in self.categories.all()],
            repealed_laws=[law_row(law) for law in self.repealed_laws.all()],
            items=[item_row(i) for i in self.items.all()],
        )
        if errors:
            raise ValidationError([str(error) for error in errors])

    @path("")
    def list_view(self, request):
        from notices.lists import catalogue_views

        return catalogue_views.list_view(request, self)

    @path("print/")
    def print_view(self, request):
        from notices.lists import catalogue_views

        return catalogue_views.list_view(request, self, printing=True)

    @re_path(r"^download/(?P<fmt>xlsx|csv|json)/$")
    def download_view(self, request, fmt):
        from notices.lists import catalogue_views

        return catalogue_views.download_view(request, self, fmt)

    @re_path(r"^items/(?P<number>[\w.-]+)/$")
    def item_view(self, request, number):
        from notices.lists import catalogue_views

        return catalogue_views.item_view(request, self, number)

    @path("changes/")
    def changes_view(self, request):
        from notices.lists import views

        return views.changes_view(request, self)

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

    def item_url(self, number: str, base: str | None = None) -> str:
        subpage = self.reverse_subpage("item_view", kwargs={"number": number})
        return (self.url if base is None else base) + subpage


class CatalogueBatch(TranslatableMixin, Orderable):
    """A batch of the catalogue (第一批…), issued by one document."""

    page = ParentalKey(
        LenientCataloguePage, on_delete=models.CASCADE, related_name="batches"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. B1."))
    title = models.CharField(_("title"), max_length=120, help_text=_("e.g. 第一批."))
    document_title = models.CharField(_("issuing document"), max_length=200)
    document_number = models.CharField(
        _("document number"), max_length=80, blank=True, help_text=_("文号.")
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


# Validation shared by the admin form, the model and the spreadsheet import.

BATCH_FIELDS = (
    "code",
    "title",
    "document_title",
    "document_number",
    "issued_on",
    "effective_from",
)
CATEGORY_FIELDS = ("code", "name")
LAW_FIELDS = ("name", "repealed_on", "replaced_by")
ITEM_FIELDS = (
    "number",
    "batch",
    "category",
    "violation",
    "law",
    "article",
    "conditions",
    "correction_days",
    "measure",
    "kind",
    "scope",
    "effective_from",
    "valid_until",
    "repealed_on",
    "repeal_note",
)


def batch_row(batch) -> dict:
    return {name: getattr(batch, name) for name in BATCH_FIELDS}


def category_row(category) -> dict:
    return {name: getattr(category, name) for name in CATEGORY_FIELDS}


def law_row(law) -> dict:
    return {name: getattr(law, name) for name in LAW_FIELDS}


def item_row(item) -> dict:
    return {name: getattr(item, name) for name in ITEM_FIELDS}


def law_key(name: str) -> str:
    """A law's name with or without its 《》 and spaces is the same law."""
    return "".join(name.split()).strip("《》<>").casefold()


def _unique_codes(
    rows: list[dict], collection: str, field: str, errors: list[RowError]
) -> dict[str, int]:
    seen: dict[str, int] = {}
    for row_number, row in enumerate(rows, start=1):
        value = (row.get(field) or "").strip()
        if not value:
            errors.append(RowError(collection, row_number, field, gettext("Required.")))
        elif value in seen:
            errors.append(
                RowError(
                    collection,
                    row_number,
                    field,
                    gettext("%(value)s is used twice (rows %(a)d and %(b)d).")
                    % {"value": value, "a": seen[value], "b": row_number},
                )
            )
        else:
            seen[value] = row_number
    return seen


def validate_catalogue(
    batches: list[dict],
    categories: list[dict],
    repealed_laws: list[dict],
    items: list[dict],
) -> list[RowError]:
    """Every problem in a catalogue, row by row (rows counted from 1)."""
    errors: list[RowError] = []
    batch_codes = _unique_codes(batches, "batches", "code", errors)
    for row_number, batch in enumerate(batches, start=1):
        for field in ("title", "document_title", "effective_from"):
            if not batch.get(field):
                errors.append(
                    RowError("batches", row_number, field, gettext("Required."))
                )
    category_codes = _unique_codes(categories, "categories", "code", errors)
    repealed = {}
    for row_number, law in enumerate(repealed_laws, start=1):
        for field in ("name", "repealed_on"):
            if not law.get(field):
                errors.append(
                    RowError("repealed_laws", row_number, field, gettext("Required."))
                )
        if law.get("name") and law.get("repealed_on"):
            repealed[law_key(law["name"])] = law
    batch_dates = {
        batch["code"]: batch.get("effective_from")
        for batch in batches
        if batch.get("code")
    }
    _unique_codes(items, "items", "number", errors)
    for row_number, item in enumerate(items, start=1):

        def error(field: str, message: str, row_number: int = row_number) -> None:
            errors.append(RowError("items", row_number, field, message))

        for field in (
            "batch",
            "category",
            "violation",
            "law",
            "article",
            "conditions",
            "measure",
            "kind",
        ):
            if not item.get(field):
                error(field, gettext("Required."))
        if item.get("batch") and item["batch"] not in batch_codes:
            error(
                "batch",
                gettext("Unknown batch %(code)s; known: %(known)s.")
                % {"code": item["batch"], "known": ", ".join(batch_codes) or "-"},
            )
        if item.get("category") and item["category"] not in category_codes:
            error(
                "category",
                gettext("Unknown category %(code)s; known: %(known)s.")
                % {"code": item["category"], "known": ", ".join(category_codes) or "-"},
            )
        if item.get("kind") and item["kind"] not in LenientType.values:
            error("kind", gettext("Unknown type %(value)s.") % {"value": item["kind"]})
        start = item.get("effective_from") or batch_dates.get(item.get("batch"))
        end, gone = item.get("valid_until"), item.get("repealed_on")
        if start and end and end < start:
            error(
                "valid_until",
                gettext(
                    "The last day in force (%(end)s) is before the first (%(start)s)."
                )
                % {"end": end, "start": start},
            )
        if start and gone and gone < start:
            error(
                "repealed_on",
                gettext("Repealed (%(end)s) before it took effect (%(start)s).")
                % {"end": gone, "start": start},
            )
        if item.get("repeal_note") and not gone:
            error("repealed_on", gettext("Give the date the item was repealed."))
        law = repealed.get(law_key(item.get("law") or ""))
        if law and (gone is None or gone > law["repealed_on"]):
            message = gettext(
                "%(law)s was repealed on %(date)s: cite the law in force, or repeal "
                "this item by that date."
            ) % {"law": law["name"], "date": law["repealed_on"]}
            if law.get("replaced_by"):
                message += " " + gettext("It was replaced by %(new)s.") % {
                    "new": law["replaced_by"]
                }
            error("law", message)
    return errors


class LenientCataloguePageForm(ListPageForm):
    validator = staticmethod(validate_catalogue)
    row_readers = {
        "batches": BATCH_FIELDS,
        "categories": CATEGORY_FIELDS,
        "repealed_laws": LAW_FIELDS,
        "items": ITEM_FIELDS,
    }


LenientCataloguePage.base_form_class = LenientCataloguePageForm


@transaction.atomic
def ensure_legal_review_workflow(
    pages: list[Page] | None = None,
) -> Workflow:
    """The "Legal review" workflow, its one approval task and the "Legal reviewers"
    group (法制审核), created if missing; assigned to `pages` when given.

    Approving the task publishes the page, so the catalogue changes only when a legal
    reviewer says so. Editors of the catalogue should have edit but not publish
    permission (the role matrix is issue 8): users who may publish can still do so.
    """
    group, _created = Group.objects.get_or_create(name=LEGAL_REVIEWERS_GROUP)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)
    task = GroupApprovalTask.objects.filter(name=LEGAL_REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=LEGAL_REVIEW_TASK)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=LEGAL_REVIEW_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in pages or []:
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
        # Reviewers see the catalogue in the admin and may mend it while reviewing;
        # approving publishes, which Wagtail does in the approver's name.
        for action in ("change", "publish"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{action}_page"
                ),
            )
    return workflow
