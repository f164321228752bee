"""One report in the Wagtail admin: what the resident sent, its log, its photos and
the staff's actions, each a form posted to `ActionView` and carried out by the rules
in `staff_actions` and `publication`."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.models import Locale

from notices.models import Staff
from participation.reports.admin_forms import (
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
from participation.reports.admin_queue import ReportsMixin
from participation.reports.models import Report, ReportState
from participation.reports.permissions import (
    can_act,
    can_publish,
    can_see_personal_data,
    reports_for,
    visible_communities,
)
from participation.reports.publication import publish, redact, unpublish
from participation.reports.staff_actions import (
    accept,
    add_note,
    assign,
    change_state,
    close,
    escalate,
    mark_duplicate,
    refer,
    reply,
    resolve,
    set_triage,
    start_work,
)
from participation.reports.workflow import ReportError
from participation.staff import RecordScreen


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

    def load(self) -> None:
        self.report = self.get_report()

    def breadcrumb_label(self) -> str:
        return self.report.reference

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
        publish(
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


class ActionView(RecordScreen, DetailView):
    """POST one action; errors show the report again with the form's errors (400)."""

    http_method_names = ["post"]
    rule_error = ReportError

    def record_url(self) -> str:
        return reverse("participation_reports:detail", args=[self.report.pk])

    def refused(self, *, name: str, action_form: forms.Form) -> HttpResponse:
        messages.error(self.request, _("The action was not carried out: see the form."))
        context = self.get_context_data(bound={name: action_form})
        context["failed_action"] = name
        context["failed_errors"] = [
            str(error) for errors in action_form.errors.values() for error in errors
        ]
        return self.render_to_response(context, status=400)

    def post(self, request, *args, **kwargs):
        if not can_act(request.user):
            raise PermissionDenied
        name = kwargs["action"]
        if name in ("publish", "unpublish") and not can_publish(request.user):
            raise PermissionDenied
        if name in FORMLESS_ACTIONS:
            form = forms.Form(request.POST)
        elif name in FORM_ACTIONS:
            form = build_form(name, self.report, request.user, request.POST)
        else:
            raise Http404
        return self.act(
            form,
            lambda _data: run_action(name, self.report, form, request.user),
            name=name,
            action_form=form,
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
