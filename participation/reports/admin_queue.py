"""The staff's queue of reports in the Wagtail admin (/admin/reports/): a
`SnippetViewSet` with its filters (`ReportFilterSet`), the CSV/XLSX export of the
queue as filtered (audited like every export of personal data), an inspect view and
bulk actions (participation/reports/bulk_actions.py). What a user sees is decided by
the report permission policy (`permissions.policy`); the report's own page, where
staff act, is `admin_detail`, routed under the same prefix.
"""

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.widgets import SuffixedMultiWidget
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from notices.lists.promises import HandlingClass
from participation.reports import admin_detail, bulk_actions
from participation.reports.deadlines import lateness
from participation.reports.models import OPEN_STATES, Report, ReportState, Triage
from participation.reports.permissions import (
    CODENAMES,
    can_see_personal_data,
    reports_for,
    visible_communities,
)
from participation.reports.support import support_count, with_support_counts
from participation.staff import IdChoiceFilter, audited_export
from portal.exports import defuse, local_minute

STATE_CHOICES = [
    ("open", _("All open")),
    ("all", _("All")),
    *ReportState.choices,
]


class DateRangeWidget(SuffixedMultiWidget):
    """Two browser date inputs side by side, laid out as Wagtail's date range
    filter, without its inline script (the staff screens allow none)."""

    template_name = "wagtailadmin/widgets/range_input.html"
    suffixes = ["from", "to"]

    def __init__(self, attrs=None):
        widgets = (
            forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        super().__init__(widgets, attrs)

    def decompress(self, value):
        return [value.start, value.stop] if value else [None, None]


def user_communities(request):
    return visible_communities(request.user)


class ReportFilterSet(WagtailFilterSet):
    """The queue's filters; a value that cannot be read is shown as an error and
    the queue is not filtered by it."""

    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE_CHOICES, method="by_state", empty_label=None
    )
    community = IdChoiceFilter(
        label=_("Community"),
        queryset=user_communities,
        empty_label=_("All my communities"),
    )
    category = django_filters.CharFilter(
        label=_("Category code"), field_name="category_code", max_length=20
    )
    handling_class = django_filters.ChoiceFilter(
        label=_("Handling class"), choices=HandlingClass.choices
    )
    triage = django_filters.ChoiceFilter(label=_("Triage"), choices=Triage.choices)
    date = django_filters.DateFromToRangeFilter(
        label=_("Received"), field_name="created_at", widget=DateRangeWidget
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Late"),
        choices=[
            ("1", _("Late only")),
            ("response", _("Reply late")),
            ("completion", _("Completion late")),
        ],
        empty_label=_("All"),
        method="by_overdue",
    )
    q = django_filters.CharFilter(label=_("Search"), method="by_text", max_length=100)

    class Meta:
        model = Report
        fields = []

    def by_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(state__in=OPEN_STATES)
        if value in ReportState.values:
            return queryset.filter(state=value)
        return queryset

    def by_overdue(self, queryset, name, value):
        if value == "response":
            return queryset.response_overdue()
        if value == "completion":
            return queryset.completion_overdue()
        return queryset.overdue() if value == "1" else queryset

    def by_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = (
            Q(reference__iexact=value)
            | Q(description__icontains=value)
            | Q(location__icontains=value)
            | Q(category_title__icontains=value)
        )
        if self.request is not None and can_see_personal_data(self.request.user):
            condition |= Q(name__icontains=value) | Q(phone__icontains=value)
        return queryset.filter(condition)


EXPORT_COLUMNS = [
    ("reference", _("Reference")),
    ("kind", _("Kind")),
    ("state", _("State")),
    ("community", _("Community")),
    ("category_code", _("Category code")),
    ("category_title", _("Category")),
    ("handling_class", _("Handling class")),
    ("triage", _("Triage")),
    ("location", _("Where")),
    ("description", _("What happened")),
    ("created_at", _("Received")),
    ("response_due", _("Response due")),
    ("first_response_at", _("First response")),
    ("completion_due", _("Completion due")),
    ("resolved_at", pgettext_lazy("report export", "Resolved at")),
    ("closed_at", pgettext_lazy("report export", "Case closed at")),
    ("rating", _("Rating")),
]
PERSONAL_COLUMNS = [
    ("name", _("Name")),
    ("phone", _("Phone")),
    ("email", _("Email")),
]
LABELLED = {
    "kind": "get_kind_display",
    "state": "get_state_display",
    "triage": "get_triage_display",
}


def export_value(report: Report, name: str):
    """A cell of the export: choices in words, times to the minute."""
    if name == "community":
        return report.community.title if report.community else ""
    if name in LABELLED:
        return getattr(report, LABELLED[name])()
    if name == "handling_class":
        choices = dict(HandlingClass.choices)
        return str(choices.get(report.handling_class, report.handling_class))
    value = getattr(report, name)
    if hasattr(value, "tzinfo"):
        return local_minute(value)
    return "" if value is None else value


class ReportIndexView(IndexView):
    """The queue: open reports first by default; the reference opens the report's
    page; the export is the queue as filtered; the bulk actions offered are those
    the user may take (`bulk_actions.offered`), not every one registered."""

    export_filename = "reports"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = Report._meta
        context["bulk_buttons"] = [
            ListingButton(
                action.display_name,
                reverse(
                    "wagtail_bulk_action",
                    args=[meta.app_label, meta.model_name, action.action_type],
                ),
                attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
                priority=action.action_priority,
                classname=" ".join({*action.classes, "bulk-action-btn"}),
            )
            for action in bulk_actions.offered(self.request.user)
        ]
        return context

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "state" not in kwargs["data"]:
            data = kwargs["data"].copy()
            data["state"] = "open"
            kwargs["data"] = data
        return kwargs

    def get_edit_url(self, instance):
        return reverse("participation_reports:detail", args=[instance.pk])

    @cached_property
    def export_columns(self) -> list:
        if can_see_personal_data(self.request.user):
            return EXPORT_COLUMNS + PERSONAL_COLUMNS
        return EXPORT_COLUMNS

    def as_spreadsheet(self, queryset, spreadsheet_format):
        rows = [
            [defuse(export_value(report, name)) for name, _label in self.export_columns]
            for report in queryset[:10000]
        ]
        applied = {k: v for k, v in self.request.GET.items() if k != "export"}
        return audited_export(
            spreadsheet_format,
            "reports",
            self.export_columns,
            rows,
            verb="reports.export",
            title="list",
            personal_data=can_see_personal_data(self.request.user),
            detail=applied,
        )


class ReportInspectView(InspectView):
    """What was reported, read only, for any report the user may see (no contact
    data: that is on the report's page, for those allowed)."""

    def get_object(self, queryset=None):
        return admin_detail.scoped_report(self.request.user, self.pk)


def late_in_words(report: Report) -> str:
    return ", ".join(lateness(report))


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "warning"
    menu_label = _("Residents' reports")
    menu_order = 310
    add_to_admin_menu = True
    url_prefix = "reports"
    url_namespace = "participation_reports"
    index_view_class = ReportIndexView
    index_template_name = "participation/report_admin_index.html"
    inspect_view_class = ReportInspectView
    filterset_class = ReportFilterSet
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "kind",
        "state",
        "community",
        "category_code",
        "category_title",
        "triage",
        "assigned_station",
        "assigned_staff",
        "location",
        "description",
        "created_at",
        "response_due",
        "completion_due",
    ]
    list_display = [
        "reference",
        DateColumn("created_at", label=_("Received")),
        Column("community", label=_("Community")),
        Column("category_title", label=_("Category")),
        Column("state", label=_("State"), accessor="get_state_display"),
        Column("triage", label=_("Triage"), accessor="get_triage_display"),
        Column("assigned_staff", label=_("Assigned to")),
        DateColumn("completion_due", label=_("Completion due")),
        Column("late", label=_("Late"), accessor=late_in_words),
        Column("support", label=_("Same problem"), accessor=support_count),
    ]
    # Shows the export buttons; the columns exported depend on the user (the
    # index view's `export_columns`).
    list_export = [name for name, _label in EXPORT_COLUMNS]

    def get_queryset(self, request):
        return with_support_counts(
            reports_for(request.user).select_related("community", "assigned_staff")
        )

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type__app_label="participation", codename__in=CODENAMES.values()
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:pk>/", admin_detail.DetailView.as_view(), name="detail"),
            path(
                "<id:pk>/photos/<id:photo_id>/",
                admin_detail.PhotoView.as_view(),
                name="photo",
            ),
            path(
                "<id:pk>/<slug:action>/",
                admin_detail.ActionView.as_view(),
                name="action",
            ),
        ]
