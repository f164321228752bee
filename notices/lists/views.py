"""Public views both lists share: filtering by GET parameters, the list and print
views, one item's permalink, the downloads and the "what changed" page.

Filters are a plain GET form, so everything works without JavaScript. An invalid
parameter never fails the page: the list is shown filtered by the valid ones, with the
problem named, and the status is 400.
"""

from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from notices.lists.changes import diff_versions
from notices.lists.grouping import group_entries, narrows, opened_category
from notices.lists.shared import (
    DOWNLOAD_FORMATS,
    Column,
    Status,
    download_response,
    limit_cache_to_today,
    matches_text,
)
from notices.lists.versions import ListVersion
from portal.lookups import remembered
from portal.params import ParamsForm
from portal.text import clauses
from portal.widgets import LongSelect, OnePassTextInput

ALL = "all"


class ListFilterForm(ParamsForm):
    """Search and filters over a list's items; every field optional."""

    # Written in one pass (OnePassTextInput, LongSelect): through Django's widget
    # templates the filters took a third of a list page's time.
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=OnePassTextInput
    )
    category = forms.ChoiceField(label=_("Category"), required=False, widget=LongSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=LongSelect)

    def __init__(self, data, *, categories: Sequence, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (category.code, category.name) for category in categories
        ]
        self.fields["status"].choices = [
            (Status.IN_FORCE.value, Status.IN_FORCE.label),
            (Status.UPCOMING.value, Status.UPCOMING.label),
            (Status.REPEALED.value, Status.REPEALED.label),
            (Status.EXPIRED.value, Status.EXPIRED.label),
            (ALL, _("All, whatever their status")),
        ]

    def valid_filters(self) -> dict[str, str]:
        """The parameters that passed validation, to apply and to carry into links."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value and name not in self.errors
        }

    def matches(self, entry, filters: dict[str, str]) -> bool:
        status = filters.get("status") or Status.IN_FORCE
        if status != ALL and entry.status != status:
            return False
        category = filters.get("category")
        return not category or entry.category == category


def todays_entries(page: Page) -> list:
    """A list page's entries with their status today, remembered until its content
    changes or the day ends. Shared: callers must not modify them."""
    return remembered("list-entries", page.entries, page.pk, timezone.localdate())


def related_rows(page: Page, name: str) -> list:
    """A list page's categories or batches, remembered until content changes."""
    return remembered(
        "list-related", lambda: list(getattr(page, name).all()), page.pk, name
    )


def filter_entries(
    form: ListFilterForm, entries: list, text_of: Callable[[object], list]
) -> tuple[list, dict[str, str]]:
    filters = form.valid_filters()
    query = filters.get("q", "")
    chosen = [
        entry
        for entry in entries
        if form.matches(entry, filters)
        and (not query or matches_text(query, text_of(entry)))
    ]
    return chosen, filters


def list_links(page: Page, filters: dict[str, str]) -> dict:
    query = f"?{urlencode(filters)}" if filters else ""
    return {
        "downloads": [
            (
                fmt.upper(),
                page.url
                + page.reverse_subpage("download_view", kwargs={"fmt": fmt})
                + query,
            )
            for fmt in DOWNLOAD_FORMATS
        ],
        "print_url": page.url + page.reverse_subpage("print_view") + query,
        "list_url": page.url + query,
        "changes_url": page.url + page.reverse_subpage("changes_view"),
    }


def category_name(item) -> str:
    """An entry's category as a download shows it: its name, else its code."""
    return item.category_obj.name if item.category_obj else item.category


class ListViews:
    """The public views of one kind of list: the list (and its print version), the
    downloads and one item's permalink. A list says what differs: its templates, the
    field its permalinks name, its filters, search text and download columns."""

    template: str
    item_template: str
    # The item field an item's address names (`items/<key>/`).
    key: str

    def filter_form(self, request: HttpRequest, page: Page) -> ListFilterForm:
        return ListFilterForm(request.GET, categories=related_rows(page, "categories"))

    def text_of(self, item) -> list:
        """What the search box looks through."""
        raise NotImplementedError

    def columns(self, request: HttpRequest, page: Page) -> list[Column]:
        """The downloads' columns, in order."""
        raise NotImplementedError

    def closing_columns(self, request: HttpRequest, page: Page) -> list[Column]:
        """The last columns of every download: the status and the item's address."""
        return [
            Column("status", _("status"), lambda i: i.status.label),
            Column(
                "url",
                _("address"),
                lambda i: request.build_absolute_uri(
                    page.item_url(getattr(i, self.key))
                ),
            ),
        ]

    def list_context(self, page: Page, entries: list, groups: list) -> dict:
        """What the list's template shows besides the entries, their groups and the
        filters."""
        return {}

    def filter_links(self, page: Page, filters: dict[str, str]) -> dict:
        """Links that set one filter, with what each means (the duty list's
        handling classes)."""
        return {}

    def download_meta(self, page: Page) -> dict:
        """What a JSON download says about the list besides the common fields."""
        return {}

    def filtered(
        self, request: HttpRequest, page: Page
    ) -> tuple[ListFilterForm, list, dict[str, str]]:
        form = self.filter_form(request, page)
        entries, filters = filter_entries(form, todays_entries(page), self.text_of)
        return form, entries, filters

    def list_view(
        self, request: HttpRequest, page: Page, printing: bool = False
    ) -> HttpResponse:
        form, entries, filters = self.filtered(request, page)
        categories = related_rows(page, "categories")
        groups = group_entries(
            categories,
            entries,
            filters=filters,
            opened=opened_category(
                request.GET, [category.code for category in categories]
            ),
            open_all=printing or narrows(filters),
        )
        context = {
            "form": form,
            "entries": entries,
            "groups": groups,
            "filters": filters,
            "narrowed": narrows(filters),
            "printing": printing,
            "today": timezone.localdate(),
            "has_errors": bool(form.errors),
            **list_links(page, filters),
            **self.filter_links(page, filters),
            **self.list_context(page, entries, groups),
        }
        response = page.render(
            request, template=self.template, context_overrides=context
        )
        if form.errors:
            response.status_code = 400
        return limit_cache_to_today(response)

    def download_view(self, request: HttpRequest, page: Page, fmt: str) -> HttpResponse:
        form, entries, filters = self.filtered(request, page)
        if form.errors:
            problems = clauses(
                gettext("%(field)s: %(errors)s")
                % {"field": name, "errors": " ".join(errors)}
                for name, errors in form.errors.items()
            )
            return HttpResponse(
                gettext("Invalid filter: %(problems)s") % {"problems": problems},
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        latest = ListVersion.objects.filter(page=page).order_by("-number").first()
        today = timezone.localdate().isoformat()
        payload = {
            "list": page.title,
            "language": translation.get_language(),
            "date": today,
            "version": latest.number if latest else None,
            "filters": filters,
            "count": len(entries),
            "url": request.build_absolute_uri(page.url),
            **self.download_meta(page),
        }
        return download_response(
            fmt,
            f"{page.slug}-{today}",
            self.columns(request, page),
            entries,
            payload,
        )

    def item_view(self, request: HttpRequest, page: Page, key: str) -> HttpResponse:
        entry = next(
            (item for item in todays_entries(page) if getattr(item, self.key) == key),
            None,
        )
        if entry is None:
            raise Http404
        response = page.render(
            request,
            template=self.item_template,
            context_overrides={
                "entry": entry,
                "today": timezone.localdate(),
                "list_url": page.url,
                "changes_url": page.url + page.reverse_subpage("changes_view"),
            },
        )
        return limit_cache_to_today(response)


class ChangesForm(ParamsForm):
    """Which two published versions to compare."""

    old = forms.TypedChoiceField(label=_("From version"), coerce=int)
    new = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, data, *, versions: Sequence[ListVersion], **kwargs):
        super().__init__(data, **kwargs)
        choices = [
            (
                version.number,
                gettext("Version %(number)d, published %(date)s")
                % {
                    "number": version.number,
                    "date": timezone.localdate(version.published_at),
                },
            )
            for version in versions
        ]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old") and cleaned.get("old") == cleaned.get("new"):
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned


def changes_view(request: HttpRequest, page: Page) -> HttpResponse:
    """What changed between two published versions (latest two by default)."""
    versions = list(ListVersion.objects.filter(page=page).order_by("number"))
    data = request.GET if {"old", "new"} & set(request.GET) else None
    if data is None and len(versions) >= 2:
        data = {"old": versions[-2].number, "new": versions[-1].number}
    form = ChangesForm(data, versions=versions)
    diffs, old, new = [], None, None
    if data is not None and form.is_valid():
        by_number = {version.number: version for version in versions}
        old, new = (
            by_number[form.cleaned_data["old"]],
            by_number[form.cleaned_data["new"]],
        )
        diffs = diff_versions(old, new)
    response = page.render(
        request,
        template="notices/list_changes.html",
        context_overrides={
            "form": form,
            "versions": versions,
            "diffs": diffs,
            "no_changes": bool(diffs) and all(diff.is_empty for diff in diffs),
            "old_version": old,
            "new_version": new,
            "list_url": page.url,
            "has_errors": bool(data is not None and form.errors),
        },
    )
    if data is not None and form.errors:
        response.status_code = 400
    return limit_cache_to_today(response)
