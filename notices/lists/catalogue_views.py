"""Public views of the lenient-enforcement catalogue."""

from html import escape

from django import forms
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from notices.lists.catalogue import LenientCataloguePage, LenientItem
from notices.lists.catalogue_rows import LenientType
from notices.lists.shared import Column
from notices.lists.views import (
    ListFilterForm,
    ListViews,
    category_name,
    related_rows,
    todays_entries,
)
from portal.lookups import remembered
from portal.widgets import LongSelect


class CatalogueFilterForm(ListFilterForm):
    """The list filters plus the catalogue's type and batch."""

    type = forms.ChoiceField(label=_("Type"), required=False, widget=LongSelect)
    batch = forms.ChoiceField(label=_("Batch"), required=False, widget=LongSelect)

    field_order = ["q", "type", "status", "category", "batch"]

    def __init__(self, data, *, categories, batches, **kwargs):
        super().__init__(data, categories=categories, **kwargs)
        self.fields["type"].choices = [("", _("All types")), *LenientType.choices]
        self.fields["batch"].choices = [("", _("All batches"))] + [
            (batch.code, batch.title) for batch in batches
        ]

    def matches(self, entry, filters) -> bool:
        if filters.get("type") and entry.kind != filters["type"]:
            return False
        if filters.get("batch") and entry.batch != filters["batch"]:
            return False
        return super().matches(entry, filters)


ROW = (
    '<tr id="item-{number}" class="list-row">'
    '<td data-label="{label_1}"><a href="{url}">{number}</a></td>'
    '<td data-label="{label_2}" class="list-row__main">'
    '<a href="{url}"><strong>{violation}</strong></a>{category}{status}</td>'
    '<td data-label="{label_3}">{law}{article}</td>'
    '<td data-label="{label_4}">{conditions}{correction}</td>'
    '<td data-label="{label_5}">{measure}</td>'
    '<td data-label="{label_6}"><span class="badge badge--{kind}">{kind_label}</span>'
    "</td>"
    '<td data-label="{label_7}">{batch}{effective}</td>'
    "</tr>\n"
)
SPAN_TEXT = '<span class="list-row__text">{}</span>'
BADGE = '<span class="badge badge--{}">{}</span>'
# The table's column names, in this order (the template's header shows the same).
COLUMN_NAMES = (
    _("No."),
    _("Violation"),
    _("Legal basis"),
    _("Conditions"),
    _("What happens instead"),
    _("Type"),
    _("Batch"),
)


def table_rows(page: LenientCataloguePage, entries: list) -> SafeString:
    """The catalogue's table rows, written in one pass: a hundred rows through the
    template language took most of the page's time. Every row of today's list is
    written once per language and remembered as text, keyed by item, until content
    changes or the day ends; a filtered list joins the rows it shows."""

    def build() -> dict[int, str]:
        return {item.pk: table_row(item) for item in todays_entries(page)}

    written = remembered(
        "catalogue-rows",
        build,
        page.pk,
        timezone.localdate(),
        translation.get_language(),
    )
    return mark_safe(  # noqa: S308 -- every value is escaped in table_row()
        "".join(written.get(item.pk) or table_row(item) for item in entries)
    )


def table_row(item) -> str:
    """One row of the table, every value escaped."""
    category = status = correction = effective = ""
    if item.category_obj:
        category = SPAN_TEXT.format(escape(item.category_obj.name))
    if item.status != "in_force":
        status = BADGE.format(escape(str(item.status)), escape(str(item.status.label)))
    if item.correction_days:
        text = ngettext(
            "Corrected within %(days)s day",
            "Corrected within %(days)s days",
            item.correction_days,
        ) % {"days": item.correction_days}
        correction = " " + SPAN_TEXT.format(escape(text))
    if item.effective:
        text = gettext("in force from %(date)s") % {"date": item.effective.isoformat()}
        effective = SPAN_TEXT.format(escape(text))
    batch = item.batch_obj.title if item.batch_obj else ""
    return ROW.format(
        number=escape(item.number),
        url=escape(item.permalink),
        violation=escape(item.violation),
        category=category,
        status=status,
        law=escape(item.law),
        article=escape(item.article),
        conditions=escape(item.conditions),
        correction=correction,
        measure=escape(item.measure),
        kind=escape(item.kind),
        kind_label=escape(item.get_kind_display()),
        batch=escape(batch or item.batch),
        effective=effective,
        **{f"label_{n}": escape(str(name)) for n, name in enumerate(COLUMN_NAMES, 1)},
    )


def issuing_document(item: LenientItem) -> str:
    """The title and number of the document that issued the item's batch."""
    batch = item.batch_obj
    return f"{batch.document_title} {batch.document_number}".strip() if batch else ""


class CatalogueViews(ListViews):
    """The catalogue's list, downloads and item permalinks (`items/<number>/`)."""

    template = "notices/catalogue_page.html"
    item_template = "notices/catalogue_item.html"
    key = "number"

    def filter_form(
        self, request: HttpRequest, page: LenientCataloguePage
    ) -> CatalogueFilterForm:
        return CatalogueFilterForm(
            request.GET,
            categories=related_rows(page, "categories"),
            batches=related_rows(page, "batches"),
        )

    def text_of(self, item: LenientItem) -> list:
        return [
            item.number,
            item.violation,
            item.law,
            item.article,
            item.conditions,
            item.measure,
            item.scope,
            item.get_kind_display(),
            item.category_obj.name if item.category_obj else "",
        ]

    def columns(self, request: HttpRequest, page: LenientCataloguePage) -> list[Column]:
        return [
            Column("number", _("number"), lambda i: i.number),
            Column(
                "batch", _("batch"), lambda i: i.batch_obj.title if i.batch_obj else ""
            ),
            Column("document", _("issuing document"), issuing_document),
            Column("category", _("category"), category_name),
            Column("violation", _("violation"), lambda i: i.violation),
            Column("law", _("law"), lambda i: i.law),
            Column("article", _("article"), lambda i: i.article),
            Column("conditions", _("conditions"), lambda i: i.conditions),
            Column(
                "correction_days",
                _("corrected within (days)"),
                lambda i: i.correction_days,
            ),
            Column("measure", _("what happens instead"), lambda i: i.measure),
            Column("type", _("type"), lambda i: i.get_kind_display()),
            Column("scope", _("scope"), lambda i: i.scope),
            Column("effective_from", _("in force from"), lambda i: i.effective),
            Column("valid_until", _("in force until"), lambda i: i.valid_until),
            Column("repealed_on", _("repealed on"), lambda i: i.repealed_on),
            *self.closing_columns(request, page),
        ]

    def list_context(
        self, page: LenientCataloguePage, entries: list, groups: list
    ) -> dict:
        for group in groups:
            group.rows = table_rows(page, group.entries)
        return {
            "batches": related_rows(page, "batches"),
            "columns": [str(name) for name in COLUMN_NAMES],
        }

    def download_meta(self, page: LenientCataloguePage) -> dict:
        return {"demo": page.is_demo}
