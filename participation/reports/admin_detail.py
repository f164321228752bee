"""One report in the Wagtail admin: what the resident sent, its log, its photos and
the staff's actions, each a form posted to `ActionView` and carried out by the rules
in `staff_actions` and `publication`.

The page offers only the actions `states.available` allows this user on the report
as it is now; a posted action is checked again by `states.permit` (403 when the user
may not act, 400 when the report's state does not allow it) and refused as stale
when the report changed since the page was opened (the form's `seen`)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages

from notices.models import Staff
from participation.departments.models import Department
from participation.notifications.sending import for_item
from participation.reports.admin_forms import (
    AcceptForm,
    ActionForm,
    AssignForm,
    DepartmentForm,
    DuplicateForm,
    EscalateForm,
    MergeForm,
    PublishForm,
    ReasonForm,
    StateForm,
    TextActionForm,
    TriageForm,
    version,
)
from participation.reports.assignees import assignable_staff
from participation.reports.handling import last_event_id, record_mode
from participation.reports.log import describe
from participation.reports.merging import merge_by_reference
from participation.reports.models import Report
from participation.reports.permissions import (
    can_enter,
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
from participation.reports.states import ACTIONS, available, permit, targets
from participation.reports.support import support_count
from participation.reports.workflow import ReportError, lock
from participation.staff import RecordScreen, StaffScreen
from portal.params import parse_id


def scoped_report(user, pk) -> Report:
    """The report `pk` if the user may see it; another community's report answers
    403 exactly as a missing one does."""
    report = (
        reports_for(user)
        .select_related(
            "community", "assigned_station", "assigned_staff", "merged_into"
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise PermissionDenied
    return report


class ReportsMixin(StaffScreen):
    """A report's screens: only for those who may enter, and a report only through
    the permission policy (`reports_for`)."""

    header_icon = "warning"
    index_url_name = "participation_reports:list"
    index_label = gettext_lazy("Residents' reports")

    def may_enter(self, user) -> bool:
        return can_enter(user)

    def get_report(self) -> Report:
        return scoped_report(self.request.user, self.kwargs["pk"])


def station_choices(user) -> list[tuple[str, str]]:
    return [
        (str(page.pk), page.station_name or page.title)
        for page in visible_communities(user)
    ]


def staff_choices(report: Report) -> list[tuple[str, str]]:
    """The people the report can be given to (`assignees.assignable_staff`)."""
    return [
        (str(member.pk), f"{member.name} · {member.get_role_display()}")
        for member in assignable_staff(report)
    ]


def department_choices() -> list[tuple[str, str]]:
    """The active departments a station may call in (吹哨报到)."""
    return [
        (str(department.pk), department.display_name)
        for department in Department.objects.filter(active=True)
    ]


def own_station(report: Report, user) -> int | None:
    """The report's own community, if the user may dispatch to it."""
    if report.community_id is None:
        return None
    own = visible_communities(user).filter(pk=report.community_id)
    return report.community_id if own.exists() else None


def build_form(name: str, report: Report, user, data=None) -> forms.Form:
    """The form of one staff action, bound to `data` when given."""
    kwargs = {
        "prefix": name,
        "initial": {"seen": version(report), "handling_mode": report.handling_mode},
    }
    if name == "accept":
        return AcceptForm(data, **kwargs)
    if name == "triage":
        kwargs["initial"]["level"] = report.triage
        return TriageForm(data, **kwargs)
    if name == "assign":
        return AssignForm(
            data,
            stations=station_choices(user),
            staff=staff_choices(report),
            own_station=own_station(report, user),
            **kwargs,
        )
    if name in ("reply", "note", "resolve"):
        return TextActionForm(data, **kwargs)
    if name == "state":
        return StateForm(data, targets=targets(report), **kwargs)
    if name == "duplicate":
        return DuplicateForm(data, **kwargs)
    if name == "merge":
        return MergeForm(data, **kwargs)
    if name == "refer":
        return DepartmentForm(data, **kwargs)
    if name == "escalate":
        return EscalateForm(data, departments=department_choices(), **kwargs)
    if name == "close":
        return ReasonForm(data, **kwargs)
    if name == "publish":
        photos = [
            (str(photo.pk), _("Photo %(n)d") % {"n": n})
            for n, photo in enumerate(report.photos.all(), start=1)
        ]
        kwargs["initial"].update(
            title=report.public_title,
            text=report.public_text or redact(report.description, report),
            photos=[str(p.pk) for p in report.photos.all() if p.public],
        )
        return PublishForm(data, photo_choices=photos, **kwargs)
    if name in ("start", "unpublish"):
        return ActionForm(data, **kwargs)
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
        """The forms of the actions allowed now, in the table's order."""
        user = self.request.user
        forms_ = {
            name: build_form(name, self.report, user)
            for name in available(self.report, user)
        }
        forms_.update(bound or {})
        return forms_

    def get_context_data(self, bound: dict | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        events = list(
            report.events.select_related("actor").order_by("created_at", "pk")
        )
        for event in events:
            event.description = describe(event)
        action_forms = self.action_forms(bound)
        context.update(
            report=report,
            events=events,
            photos=list(report.photos.all()),
            show_personal_data=can_see_personal_data(self.request.user),
            late=report.is_overdue(),
            actions=[
                {"name": name, "label": ACTIONS[name].label, "form": form}
                for name, form in action_forms.items()
            ],
            duplicates=list(report.duplicates.all()),
            merged=list(report.merged.all()),
            support_count=support_count(report),
            supporters=list(report.supporters.all()),
            escalations=list(report.escalations.select_related("department")),
            notifications=for_item(report),
        )
        return context


def run_action(name: str, report: Report, form: forms.Form, user) -> str:
    """Apply one staff action and record its handling mode on what it logged and on
    the report; returns the success message, raises ReportError."""
    after = last_event_id(report)
    message = carry_out(name, report, form, user)
    record_mode(report, form.cleaned_data["handling_mode"], after=after)
    return message


def carry_out(name: str, report: Report, form: forms.Form, user) -> str:
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
            staff = Staff.objects.filter(pk=parse_id(data["staff"])).first()
        assign(report, by=user, station=station, staff=staff, reason=data["reason"])
        return _("Dispatched.")
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
    if name == "state":
        change_state(report, data["state"], by=user, reason=data["reason"])
        return _("State changed.")
    if name == "close":
        close(report, by=user, reason=data["reason"])
        return _("Closed.")
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
    if name == "merge":
        merge_by_reference(report, data["original"], by=user, reason=data["reason"])
        return _("Merged: this report now follows the other one.")
    if name == "refer":
        refer(report, department=data["department"], by=user, reason=data["reason"])
        return _("Referred.")
    if name == "escalate":
        department = Department.objects.filter(
            pk=int(data["department"]), active=True
        ).first()
        escalate(report, department=department, by=user, reason=data["reason"])
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


class ActionView(RecordScreen, DetailView):
    """POST one action. Not allowed for this user: 403; not possible in the report's
    state: 400 with the reason; a form error: 400 with the form; the report changed
    since the page was opened: 409 and the page as it is now. Nothing is changed
    in any of these."""

    http_method_names = ["post"]
    rule_error = ReportError

    def record_url(self) -> str:
        return reverse("participation_reports:detail", args=[self.report.pk])

    def refused(self, *, name: str, action_form: forms.Form, status=400):
        messages.error(self.request, _("The action was not carried out: see the form."))
        context = self.get_context_data(bound={name: action_form})
        context["failed_action"] = name
        context["failed_errors"] = [
            str(error) for errors in action_form.errors.values() for error in errors
        ]
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        name = kwargs["action"]
        if name not in ACTIONS:
            raise Http404
        form = build_form(name, self.report, request.user, request.POST)
        try:
            permit(self.report, name, request.user)  # PermissionDenied: 403
        except ReportError as error:
            error.show_on(form)
            return self.refused(name=name, action_form=form)
        if form.is_valid():
            with transaction.atomic():
                if form.cleaned_data["seen"] != version(lock(self.report)):
                    return self.stale()
                return self.act(
                    form,
                    lambda _data: run_action(name, self.report, form, request.user),
                    name=name,
                    action_form=form,
                )
        return self.refused(name=name, action_form=form)

    def stale(self) -> HttpResponse:
        messages.warning(
            self.request,
            _(
                "This report was changed by someone else since you opened it. "
                "Nothing was done: check it as it is now and act again."
            ),
        )
        return self.render_to_response(self.get_context_data(), status=409)


class PhotoView(ReportsMixin, View):
    def get(self, request, *args, **kwargs):
        report = self.get_report()
        photo = report.photos.filter(pk=kwargs["photo_id"]).first()
        if photo is None:
            raise Http404
        response = FileResponse(photo.file.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "no-store, private"
        return response
