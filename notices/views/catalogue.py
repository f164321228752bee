"""Public views of the lenient-enforcement catalogue."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from notices.lists import Column
from notices.models.catalogue import LenientCataloguePage, LenientItem, LenientType
from notices.views.lists import (
    ListFilterForm,
    filter_entries,
    render_download,
    render_item,
    render_list,
)


class CatalogueFilterForm(ListFilterForm):
    """The list filters plus the catalogue's type and batch."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    batch = forms.ChoiceField(label=_("Batch"), required=False)

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


def text_of(item: LenientItem) -> list:
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


def columns(request: HttpRequest, page: LenientCataloguePage) -> list[Column]:
    return [
        Column("number", _("number"), lambda i: i.number),
        Column("batch", _("batch"), lambda i: i.batch_obj.title if i.batch_obj else ""),
        Column(
            "document",
            _("issuing document"),
            lambda i: (
                f"{i.batch_obj.document_title} {i.batch_obj.document_number}".strip()
                if i.batch_obj
                else ""
            ),
        ),
        Column(
            "category",
            _("category"),
            lambda i: i.category_obj.name if i.category_obj else i.category,
        ),
        Column("violation", _("violation"), lambda i: i.violation),
        Column("law", _("law"), lambda i: i.law),
        Column("article", _("article"), lambda i: i.article),
        Column("conditions", _("conditions"), lambda i: i.conditions),
        Column(
            "correction_days", _("corrected within (days)"), lambda i: i.correction_days
        ),
        Column("measure", _("what happens instead"), lambda i: i.measure),
        Column("type", _("type"), lambda i: i.get_kind_display()),
        Column("scope", _("scope"), lambda i: i.scope),
        Column("effective_from", _("in force from"), lambda i: i.effective),
        Column("valid_until", _("in force until"), lambda i: i.valid_until),
        Column("repealed_on", _("repealed on"), lambda i: i.repealed_on),
        Column("status", _("status"), lambda i: i.status.label),
        Column(
            "url",
            _("address"),
            lambda i: request.build_absolute_uri(page.item_url(i.number)),
        ),
    ]


def _filtered(request: HttpRequest, page: LenientCataloguePage):
    form = CatalogueFilterForm(
        request.GET,
        categories=list(page.categories.all()),
        batches=list(page.batches.all()),
    )
    entries, filters = filter_entries(form, page.entries(), text_of)
    return form, entries, filters


def list_view(
    request: HttpRequest, page: LenientCataloguePage, printing: bool = False
) -> HttpResponse:
    form, entries, filters = _filtered(request, page)
    return render_list(
        request,
        page,
        form,
        entries,
        filters,
        template="notices/catalogue_page.html",
        printing=printing,
        extra={"batches": list(page.batches.all())},
    )


def download_view(
    request: HttpRequest, page: LenientCataloguePage, fmt: str
) -> HttpResponse:
    form, entries, filters = _filtered(request, page)
    return render_download(
        request,
        page,
        form,
        entries,
        filters,
        fmt,
        columns(request, page),
        meta={"demo": page.is_demo},
    )


def item_view(
    request: HttpRequest, page: LenientCataloguePage, number: str
) -> HttpResponse:
    entry = next((item for item in page.entries() if item.number == number), None)
    return render_item(request, page, entry, template="notices/catalogue_item.html")
