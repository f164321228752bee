"""Staff side of reports in the Wagtail admin: the queue, one report and its actions,
bulk actions, the export, the dashboard panel and the partners' API keys.

Who sees what (the rule, in one place: `participation.reports.reports_for`):

- Entering needs the "view report" permission (or superuser). Every list, page,
  photo, export and action reads the report through `reports_for(user)`, which keeps
  the reports of the communities `communities_for(user)` returns; any other report
  answers 403 exactly as a missing one does.
- Acting needs "change report"; publishing needs "publish report".
- Names, phones and emails, in full and in the export, need "view report personal
  data"; everyone else sees them masked.
"""

import secrets
from datetime import datetime, time

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from notices.lists.promises import HandlingClass
from notices.models import Staff, communities_for
from participation.models.reports import (
    OPEN_STATES,
    ApiKey,
    Report,
    ReportState,
    Triage,
)
from participation.report_forms import (
    AcceptForm,
    AssignForm,
    DepartmentForm,
    DuplicateForm,
    PublishForm,
    ReasonForm,
    StateForm,
    TextActionForm,
    TriageForm,
)
from participation.reports import (
    ReportError,
    accept,
    add_note,
    assign,
    can_act,
    can_enter,
    can_publish,
    can_see_personal_data,
    change_state,
    close,
    escalate,
    mark_duplicate,
    redact,
    refer,
    reply,
    reports_for,
    resolve,
    set_triage,
    start_work,
    unpublish,
)
from participation.reports import publish as publish_report
from participation.submissions import hash_token
from portal import audit
from portal.exports import defuse, local_minute, private_spreadsheet_response
from portal.params import (
    FilterChoiceField,
    IdField,
    IdListField,
    PageNumberField,
    ParamsForm,
    check_params,
    read_params,
)

PAGE_SIZE = 50


def visible_communities(user) -> QuerySet:
    """The user's communities in the default language (the ones reports point to)."""
    return communities_for(user).filter(locale=Locale.get_default()).order_by("path")


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


class ReportsMixin(WagtailAdminTemplateMixin):
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

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

    def index_breadcrumbs(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("participation_reports:index"),
                "label": _("Residents' reports"),
            },
        ]


class QueueView(ReportsMixin, TemplateView):
    """The queue: the user's communities' reports, open ones first by default."""

    page_title = gettext_lazy("Residents' reports")
    template_name = "participation/report_admin_queue.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

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


def station_choices(user) -> list[tuple[str, str]]:
    return [
        (str(page.pk), page.station_name or page.title)
        for page in visible_communities(user)
    ]


def staff_choices(report: Report) -> list[tuple[str, str]]:
    if report.community is None:
        return []
    staff = Staff.objects.filter(
        community_links__page__translation_key=report.community.translation_key,
        locale=Locale.get_default(),
    ).distinct()
    return [
        (str(member.pk), f"{member.name} · {member.get_role_display()}")
        for member in staff
    ]


FORM_ACTIONS = (
    "accept",
    "triage",
    "assign",
    "reply",
    "note",
    "resolve",
    "state",
    "duplicate",
    "refer",
    "escalate",
    "close",
    "publish",
)


def build_form(name: str, report: Report, user, data=None) -> forms.Form:
    """The form of one staff action, bound to `data` when given."""
    if name == "accept":
        return AcceptForm(data, prefix=name)
    if name == "triage":
        return TriageForm(data, prefix=name, initial={"level": report.triage})
    if name == "assign":
        return AssignForm(
            data,
            prefix=name,
            stations=station_choices(user),
            staff=staff_choices(report),
        )
    if name in ("reply", "note", "resolve"):
        return TextActionForm(data, prefix=name)
    if name == "state":
        return StateForm(data, prefix=name)
    if name == "duplicate":
        return DuplicateForm(data, prefix=name)
    if name in ("refer", "escalate"):
        return DepartmentForm(data, prefix=name)
    if name == "close":
        return ReasonForm(data, prefix=name)
    if name == "publish":
        photos = [
            (str(photo.pk), _("Photo %(n)d") % {"n": n})
            for n, photo in enumerate(report.photos.all(), start=1)
        ]
        return PublishForm(
            data,
            prefix=name,
            photo_choices=photos,
            initial={
                "title": report.public_title,
                "text": report.public_text or redact(report.description, report),
                "photos": [str(p.pk) for p in report.photos.all() if p.public],
            },
        )
    raise Http404


class DetailView(ReportsMixin, TemplateView):
    """One report: what the resident sent, the log, and the actions."""

    template_name = "participation/report_admin_detail.html"

    def get_page_title(self):
        return _("Report %(reference)s") % {"reference": self.report.reference}

    def get_breadcrumbs_items(self):
        return [*self.index_breadcrumbs(), {"url": "", "label": self.report.reference}]

    def get(self, request, *args, **kwargs):
        self.report = self.get_report()
        return super().get(request, *args, **kwargs)

    def action_forms(self, bound: dict | None = None) -> dict:
        forms_ = {
            name: build_form(name, self.report, self.request.user)
            for name in FORM_ACTIONS
        }
        forms_.update(bound or {})
        return forms_

    def get_context_data(self, bound: dict | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        user = self.request.user
        events = list(
            report.events.select_related("actor").order_by("created_at", "pk")
        )
        context.update(
            report=report,
            events=events,
            photos=list(report.photos.all()),
            show_personal_data=can_see_personal_data(user),
            may_act=can_act(user),
            may_publish=can_publish(user) and report.allow_publication,
            late=report.is_overdue(),
            forms=self.action_forms(bound) if can_act(user) else {},
            duplicates=list(report.duplicates.all()),
        )
        return context


def run_action(name: str, report: Report, form: forms.Form, user) -> str:
    """Apply one staff action; returns the success message, raises ReportError."""
    data = form.cleaned_data
    if name == "accept":
        accept(report, by=user, note=data["note"], public_title=data["public_title"])
        return _("Accepted.")
    if name == "triage":
        set_triage(report, data["level"], by=user)
        return _("Triage saved.")
    if name == "assign":
        station = staff = None
        if data["station"]:
            station = visible_communities(user).filter(pk=int(data["station"])).first()
        if data["staff"]:
            staff = Staff.objects.filter(pk=int(data["staff"])).first()
        assign(report, by=user, station=station, staff=staff)
        return _("Assigned.")
    if name == "reply":
        reply(report, data["text"], by=user)
        return _("Reply sent to the resident.")
    if name == "note":
        add_note(report, data["text"], by=user)
        return _("Note saved.")
    if name == "resolve":
        resolve(report, data["text"], by=user)
        return _("Marked as resolved.")
    if name == "start":
        start_work(report, by=user)
        return _("Work started.")
    if name in ("state", "close"):
        to = data["state"] if name == "state" else ReportState.CLOSED
        if to == ReportState.CLOSED:
            close(report, by=user, reason=data["reason"])
        else:
            change_state(report, to, by=user, reason=data["reason"])
        return _("State changed.")
    if name == "duplicate":
        original = reports_for(user).filter(reference=data["original"].strip().upper())
        original = original.first()
        if original is None:
            raise ReportError(
                "original",
                _("No report with this reference in your communities."),
                "original",
            )
        mark_duplicate(report, original, by=user, reason=data["reason"])
        return _("Marked as duplicate.")
    if name == "refer":
        refer(report, department=data["department"], by=user, reason=data["reason"])
        return _("Referred.")
    if name == "escalate":
        escalate(report, department=data["department"], by=user, reason=data["reason"])
        return _("Escalated.")
    if name == "publish":
        publish_report(
            report,
            by=user,
            title=data["title"],
            text=data["text"],
            public_photo_ids=[int(pk) for pk in data["photos"]],
        )
        return _("Published.")
    if name == "unpublish":
        unpublish(report, by=user)
        return _("Withdrawn from publication.")
    raise Http404


FORMLESS_ACTIONS = {"start", "unpublish"}


class ActionView(DetailView):
    """POST one action; errors show the report again with the form's errors (400)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not can_act(request.user):
            raise PermissionDenied
        self.report = self.get_report()
        name = kwargs["action"]
        if name in ("publish", "unpublish") and not can_publish(request.user):
            raise PermissionDenied
        if name in FORMLESS_ACTIONS:
            form = forms.Form(request.POST)
        elif name in FORM_ACTIONS:
            form = build_form(name, self.report, request.user, request.POST)
        else:
            raise Http404
        if form.is_valid():
            try:
                message = run_action(name, self.report, form, request.user)
            except ReportError as error:
                error.show_on(form)
            else:
                messages.success(request, message)
                return redirect("participation_reports:detail", self.report.pk)
        messages.error(request, _("The action was not carried out: see the form."))
        context = self.get_context_data(bound={name: form})
        context["failed_action"] = name
        context["failed_errors"] = [
            str(error) for errors in form.errors.values() for error in errors
        ]
        return self.render_to_response(context, status=400)


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
                % {"refs": ", ".join(failed)},
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
        audit.record_export(
            "reports.export", rows=len(rows), personal_data=personal, detail=_applied
        )
        return private_spreadsheet_response(
            "csv",
            f"reports-{timezone.localdate():%Y%m%d}",
            [str(label) for _name, label in columns],
            rows,
        )


class PhotoView(ReportsMixin, View):
    def get(self, request, *args, **kwargs):
        report = self.get_report()
        photo = report.photos.filter(pk=kwargs["photo_id"]).first()
        if photo is None:
            raise Http404
        response = FileResponse(photo.file.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "no-store, private"
        return response


# The dashboard panel.


class ReportsPanel(Component):
    """New and late reports of the user's communities on the admin home page."""

    order = 40
    template_name = "participation/report_dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        visible = reports_for(self.request.user)
        now = timezone.now()
        overdue = visible.overdue(now)
        new = visible.filter(state=ReportState.SUBMITTED)
        return {
            "new_count": new.count(),
            "overdue_count": overdue.count(),
            "new": new.select_related("community").order_by("created_at")[:5],
            "overdue": overdue.select_related("community").order_by("completion_due")[
                :5
            ],
            "queue_url": reverse("participation_reports:index"),
        }

    def render_html(self, parent_context=None):
        return render_to_string(
            self.template_name, self.get_context_data(parent_context), self.request
        )


# Partners' API keys.


def can_manage_keys(user) -> bool:
    return user.is_superuser or user.has_perm("participation.add_apikey")


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Partner"), max_length=80)


class RevokeParams(ParamsForm):
    revoke = IdField(required=True)


class ApiKeysView(WagtailAdminTemplateMixin, TemplateView):
    """Issue and revoke Open311 keys; a key is shown once, only its hash is kept."""

    page_title = gettext_lazy("Open311 API keys")
    header_icon = "key"
    template_name = "participation/report_admin_api_keys.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_keys(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ApiKeyForm())
        context["keys"] = ApiKey.objects.all()
        return context

    def post(self, request, *args, **kwargs):
        if "revoke" in request.POST:
            revoke = read_params(RevokeParams, request.POST)["revoke"]
            ApiKey.objects.filter(pk=revoke, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            messages.success(request, _("Key revoked."))
            return redirect("participation_api_keys")
        form = ApiKeyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        key = secrets.token_urlsafe(32)
        ApiKey.objects.create(
            name=form.cleaned_data["name"],
            prefix=key[:8],
            key_hash=hash_token(key),
            created_by=request.user,
        )
        context = self.get_context_data(form=ApiKeyForm())
        context["new_key"] = key
        response = self.render_to_response(context)
        response["Cache-Control"] = "no-store, private"
        return response
