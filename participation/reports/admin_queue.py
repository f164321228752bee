"""The staff's queue of reports in the Wagtail admin: the user's communities' reports,
filtered from the address; bulk actions on the ticked ones; the CSV export of the
queue as filtered. Who sees what is decided in `permissions` (`reports_for`).
"""

from datetime import datetime, time

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages

from notices.lists.promises import HandlingClass
from participation.reports.models import OPEN_STATES, Report, ReportState, Triage
from participation.reports.permissions import (
    can_act,
    can_enter,
    can_see_personal_data,
    reports_for,
    visible_communities,
)
from participation.reports.staff_actions import accept, close, set_triage, start_work
from participation.reports.workflow import ReportError
from participation.staff import StaffScreen, audited_export
from portal.exports import defuse, local_minute
from portal.params import (
    FilterChoiceField,
    IdField,
    IdListField,
    PageNumberField,
    ParamsForm,
    check_params,
)
from portal.text import listing

PAGE_SIZE = 50


class ReportFilters(ParamsForm):
    state = forms.CharField(required=False)
    community = IdField()
    category = forms.CharField(required=False)
    handling_class = FilterChoiceField(choices=HandlingClass.choices)
    triage = FilterChoiceField(choices=Triage.choices)
    overdue = forms.CharField(required=False)
    date_from = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    q = forms.CharField(required=False)
    page = PageNumberField()


def filtered_reports(request) -> tuple[QuerySet, dict]:
    """The queue's reports for this user and the filters applied (from GET)."""
    user = request.user
    reports = reports_for(user).select_related("community")
    # A filter that cannot be read is ignored, as the queue always did.
    params, _errors = check_params(ReportFilters, request.GET)
    applied = {}
    state = params["state"] if "state" in request.GET else "open"
    if state == "open":
        reports = reports.filter(state__in=OPEN_STATES)
    elif state in ReportState.values:
        reports = reports.filter(state=state)
    else:
        state = "all"
    applied["state"] = state
    community = params["community"]
    if community:
        reports = reports.filter(community_id=community)
        applied["community"] = str(community)
    category = params["category"].strip()
    if category:
        reports = reports.filter(category_code=category[:20])
        applied["category"] = category[:20]
    handling = params["handling_class"]
    if handling:
        reports = reports.filter(handling_class=handling)
        applied["handling_class"] = handling
    triage = params["triage"]
    if triage:
        reports = reports.filter(triage=triage)
        applied["triage"] = triage
    if params["overdue"] == "1":
        reports = reports.overdue()
        applied["overdue"] = "1"
    zone = timezone.get_current_timezone()
    start = params["date_from"]
    if start:
        reports = reports.filter(created_at__gte=datetime.combine(start, time(), zone))
        applied["date_from"] = start.isoformat()
    end = params["date_to"]
    if end:
        reports = reports.filter(created_at__lte=datetime.combine(end, time.max, zone))
        applied["date_to"] = end.isoformat()
    query = params["q"].strip()[:100]
    if query:
        condition = (
            Q(reference__iexact=query)
            | Q(description__icontains=query)
            | Q(location__icontains=query)
            | Q(category_title__icontains=query)
        )
        if can_see_personal_data(user):
            condition |= Q(name__icontains=query) | Q(phone__icontains=query)
        reports = reports.filter(condition)
        applied["q"] = query
    return reports.order_by("-created_at", "-pk"), applied


class ReportsMixin(StaffScreen):
    """Every report screen of the admin (the queue's and one report's): only for
    those who may enter, and a report only through `reports_for`."""

    header_icon = "warning"
    index_url_name = "participation_reports:index"
    index_label = gettext_lazy("Residents' reports")

    def may_enter(self, user) -> bool:
        return can_enter(user)

    def get_report(self) -> Report:
        report = (
            reports_for(self.request.user)
            .select_related("community", "assigned_station", "assigned_staff")
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if report is None:
            # Another community's report, or none at all: the same answer.
            raise PermissionDenied
        return report


class QueueView(ReportsMixin, TemplateView):
    """The queue: the user's communities' reports, open ones first by default."""

    page_title = gettext_lazy("Residents' reports")
    template_name = "participation/report_admin_queue.html"
    is_index = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports, applied = filtered_reports(self.request)
        page = Paginator(reports, PAGE_SIZE).get_page(
            check_params(ReportFilters, self.request.GET)[0]["page"]
        )
        now = timezone.now()
        for report in page.object_list:
            report.late = report.is_overdue(now)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            reports=page,
            applied=applied,
            query=query.urlencode(),
            states=ReportState.choices,
            triages=Triage.choices,
            handling_classes=HandlingClass.choices,
            # Ids and titles only: a city has hundreds of stations to choose from.
            communities=visible_communities(self.request.user).values("pk", "title"),
            may_act=can_act(self.request.user),
            show_personal_data=can_see_personal_data(self.request.user),
        )
        return context


BULK_ACTIONS = {
    "accept": gettext_lazy("Accept"),
    "start": gettext_lazy("Start work"),
    "triage_small": gettext_lazy("Triage: small"),
    "triage_medium": gettext_lazy("Triage: medium"),
    "triage_large": gettext_lazy("Triage: large"),
    "close": gettext_lazy("Close"),
}


class BulkParams(ParamsForm):
    action = forms.CharField(required=False)
    ids = IdListField(max_count=500)
    query = forms.CharField(required=False)


class BulkActionView(ReportsMixin, View):
    """Apply one action to the ticked reports; each is logged like a single one."""

    def post(self, request, *args, **kwargs):
        if not can_act(request.user):
            raise PermissionDenied
        params, errors = check_params(BulkParams, request.POST)
        action, ids = params["action"], params["ids"]
        back = reverse("participation_reports:index")
        if params["query"]:
            back += "?" + params["query"]
        if errors or action not in BULK_ACTIONS or not ids:
            messages.error(request, _("Tick reports and choose an action."))
            return redirect(back)
        reports = list(reports_for(request.user).filter(pk__in=ids))
        if len(reports) != len(set(ids)):
            # Ids outside the user's communities: refuse the whole batch.
            raise PermissionDenied
        done, failed = 0, []
        for report in reports:
            try:
                if action == "accept":
                    accept(report, by=request.user)
                elif action == "start":
                    start_work(report, by=request.user)
                elif action == "close":
                    close(report, by=request.user)
                else:
                    set_triage(report, action.removeprefix("triage_"), by=request.user)
                done += 1
            except ReportError:
                failed.append(report.reference)
        messages.success(request, _("%(n)d reports changed.") % {"n": done})
        if failed:
            messages.warning(
                request,
                _("Not possible from their state: %(refs)s")
                % {"refs": listing(failed)},
            )
        return redirect(back)


EXPORT_COLUMNS = [
    ("reference", gettext_lazy("Reference")),
    ("kind", gettext_lazy("Kind")),
    ("state", gettext_lazy("State")),
    ("community", gettext_lazy("Community")),
    ("category_code", gettext_lazy("Category code")),
    ("category_title", gettext_lazy("Category")),
    ("handling_class", gettext_lazy("Handling class")),
    ("triage", gettext_lazy("Triage")),
    ("location", gettext_lazy("Where")),
    ("description", gettext_lazy("What happened")),
    ("created_at", gettext_lazy("Received")),
    ("response_due", gettext_lazy("Response due")),
    ("first_response_at", gettext_lazy("First response")),
    ("completion_due", gettext_lazy("Completion due")),
    ("resolved_at", gettext_lazy("Resolved")),
    ("closed_at", gettext_lazy("Closed")),
    ("rating", gettext_lazy("Rating")),
]
PERSONAL_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("phone", gettext_lazy("Phone")),
    ("email", gettext_lazy("Email")),
]


def export_value(report: Report, name: str):
    if name == "community":
        return report.community.title if report.community else ""
    if name == "state":
        return report.get_state_display()
    if name == "kind":
        return report.get_kind_display()
    if name == "triage":
        return report.get_triage_display() if report.triage else ""
    value = getattr(report, name)
    if isinstance(value, datetime):
        return local_minute(value)
    return "" if value is None else value


class ExportView(ReportsMixin, View):
    """CSV of the queue as filtered; personal columns only for those allowed."""

    def get(self, request, *args, **kwargs):
        reports, _applied = filtered_reports(request)
        columns = list(EXPORT_COLUMNS)
        personal = can_see_personal_data(request.user)
        if personal:
            columns += PERSONAL_COLUMNS
        rows = [
            [defuse(export_value(report, name)) for name, _label in columns]
            for report in reports[:10000].iterator()
        ]
        return audited_export(
            "csv",
            "reports",
            columns,
            rows,
            verb="reports.export",
            title="list",  # a CSV has no sheet to name
            personal_data=personal,
            detail=_applied,
        )
