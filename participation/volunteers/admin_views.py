"""Staff side of volunteering: sign-ups, decisions, roster, service log, points,
redemptions and exports.

Who sees what (the rule, in one place):

- Entering needs the "view volunteer sign-up" permission (or superuser).
- Every list, detail, export and action covers only sign-ups of the user's
  communities (`notices.models.communities_for`); another community's sign-up
  answers 403 whatever the URL, the same as one that does not exist.
- Approving, declining, logging service and recording redemptions need the
  "change volunteer sign-up" permission.
- Names, phones, emails and skills in full need "Can see volunteers' names and phones
  and export them"; everyone else sees masked names and phones and a masked export.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet, Sum
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from notices.models import communities_for
from participation.submissions import mask_name, mask_phone
from participation.volunteers.forms import (
    DecisionForm,
    RedemptionForm,
    ServiceEntryForm,
)
from participation.volunteers.models import (
    SignUpStatus,
    VolunteerSignUp,
    VolunteerTeam,
)
from participation.volunteers.service import log_service, redeem, totals
from participation.volunteers.signups import VolunteerError, approve, decline
from portal import audit
from portal.exports import defuse, local_minute, private_spreadsheet_response
from portal.params import (
    FilterChoiceField,
    IdField,
    PageNumberField,
    ParamsForm,
    check_params,
)

PERSONAL_DATA_PERMISSION = "participation.view_volunteer_personal_data"


def can_enter(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.has_perm("participation.view_volunteersignup")
    )


def can_act(user) -> bool:
    return user.is_superuser or user.has_perm("participation.change_volunteersignup")


def can_see_personal_data(user) -> bool:
    return user.is_superuser or user.has_perm(PERSONAL_DATA_PERMISSION)


def signups_for_staff(user) -> QuerySet:
    """The sign-ups of the user's communities; none for users who may not enter."""
    if not can_enter(user):
        return VolunteerSignUp.objects.none()
    return VolunteerSignUp.objects.filter(community__in=communities_for(user))


def annotate_totals(signups: QuerySet) -> QuerySet:
    return signups.annotate(
        hours=Sum("service_entries__hours"),
    )


class StaffMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_signup(self) -> VolunteerSignUp:
        signup = (
            signups_for_staff(self.request.user)
            .filter(pk=self.kwargs["signup_id"])
            .select_related("team", "community")
            .first()
        )
        if signup is None:
            # Outside the user's communities, or no such sign-up: the same answer.
            raise PermissionDenied
        return signup

    def index_breadcrumbs(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("participation_volunteers:index"),
                "label": _("Volunteers"),
            },
        ]


class SignUpFilters(ParamsForm):
    status = FilterChoiceField(choices=SignUpStatus.choices)
    team = IdField()
    community = IdField()
    p = PageNumberField()


def filter_signups(request, signups: QuerySet) -> tuple[QuerySet, dict]:
    """Apply the list filters (status, team, community) from the query string."""
    chosen = {}
    # A filter that cannot be read is ignored, as an unknown status always was.
    params, _errors = check_params(SignUpFilters, request.GET)
    if params["status"]:
        signups = signups.filter(status=params["status"])
        chosen["status"] = params["status"]
    for name in ("team", "community"):
        if params[name]:
            signups = signups.filter(**{f"{name}_id": params[name]})
            chosen[name] = params[name]
    return signups, chosen


def filter_choices(user) -> dict:
    return {
        "statuses": SignUpStatus.choices,
        "teams": VolunteerTeam.objects.filter(locale=Locale.get_default()),
        "communities": communities_for(user)
        .filter(locale=Locale.get_default())
        .order_by("path"),
    }


class SignUpListView(StaffMixin, TemplateView):
    """Sign-ups of the user's communities, newest first, pending ones on top."""

    page_title = gettext_lazy("Volunteers")
    template_name = "participation/volunteer_admin_list.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        signups, chosen = filter_signups(
            self.request,
            signups_for_staff(user).select_related("team", "community"),
        )
        signups = annotate_totals(signups).order_by("-created_at", "-pk")
        page = Paginator(signups, 50).get_page(
            check_params(SignUpFilters, self.request.GET)[0]["p"]
        )
        context.update(
            page_obj=page,
            signups=page.object_list,
            chosen=chosen,
            query=self.request.GET.urlencode(),
            show_personal_data=can_see_personal_data(user),
            pending=signups_for_staff(user).filter(status=SignUpStatus.PENDING).count(),
            **filter_choices(user),
        )
        return context


class RosterView(StaffMixin, TemplateView):
    """Approved volunteers per community and team, with hours and points."""

    page_title = gettext_lazy("Volunteer roster")
    template_name = "participation/volunteer_admin_roster.html"

    def get_breadcrumbs_items(self):
        return [*self.index_breadcrumbs(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        signups, chosen = filter_signups(
            self.request,
            signups_for_staff(user).filter(status=SignUpStatus.APPROVED),
        )
        rows = list(
            signups.select_related("team", "community")
            .annotate(
                hours=Sum("service_entries__hours"),
                earned=Sum("service_entries__points"),
            )
            .order_by("community__path", "team__sort_order", "team__name", "name")
        )
        redeemed = dict(
            signups.filter(redemptions__isnull=False)
            .values("pk")
            .annotate(total=Sum("redemptions__points"))
            .values_list("pk", "total")
        )
        groups: dict = {}
        for row in rows:
            row.redeemed = redeemed.get(row.pk, 0)
            row.balance = (row.earned or 0) - row.redeemed
            groups.setdefault((row.community, row.team), []).append(row)
        context.update(
            groups=[
                {"community": key[0], "team": key[1], "members": members}
                for key, members in groups.items()
            ],
            chosen=chosen,
            query=self.request.GET.urlencode(),
            show_personal_data=can_see_personal_data(user),
            **filter_choices(user),
        )
        return context


class SignUpDetailView(StaffMixin, TemplateView):
    """One sign-up: the answers, the decision, the service log and the points."""

    template_name = "participation/volunteer_admin_detail.html"

    def get_page_title(self):
        return _("Volunteer %(reference)s") % {"reference": self.signup.reference}

    def get_breadcrumbs_items(self):
        return [*self.index_breadcrumbs(), {"url": "", "label": self.signup.reference}]

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user):
            raise PermissionDenied
        self.signup = self.get_signup()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        signup = self.signup
        context.update(
            signup=signup,
            show_personal_data=can_see_personal_data(user),
            may_act=can_act(user),
            masked_name=mask_name(signup.name),
            masked_phone=mask_phone(signup.phone),
            totals=totals(signup),
            entries=signup.service_entries.select_related("recorded_by"),
            redemptions=signup.redemptions.select_related("recorded_by"),
            decision_form=kwargs.get("decision_form") or DecisionForm(),
            service_form=kwargs.get("service_form") or ServiceEntryForm(),
            redemption_form=kwargs.get("redemption_form") or RedemptionForm(),
        )
        return context

    # Actions (POST), each answering 400 with the form's errors when refused.

    def post(self, request, *args, **kwargs):
        if not can_act(request.user):
            raise PermissionDenied
        action = kwargs.get("action")
        handler = {
            "decide": self.decide,
            "service": self.add_service,
            "redeem": self.add_redemption,
        }.get(action)
        if handler is None:
            raise PermissionDenied
        return handler(request)

    def refused(self, **forms) -> HttpResponse:
        return self.render_to_response(self.get_context_data(**forms), status=400)

    def done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect("participation_volunteers:detail", self.signup.pk)

    def decide(self, request) -> HttpResponse:
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.refused(decision_form=form)
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                approve(self.signup, by=request.user, reason=data["reason"])
                message = _("Approved. The volunteer is told on their status page.")
            else:
                decline(self.signup, data["reason"], by=request.user)
                message = _("Declined. The volunteer sees the reason.")
        except VolunteerError as error:
            error.show_on(form)
            return self.refused(decision_form=form)
        return self.done(message)

    def add_service(self, request) -> HttpResponse:
        form = ServiceEntryForm(request.POST)
        if not form.is_valid():
            return self.refused(service_form=form)
        data = form.cleaned_data
        try:
            log_service(
                self.signup,
                activity=data["activity"],
                day=data["date"],
                hours=data["hours"],
                points=data["points"],
                by=request.user,
            )
        except VolunteerError as error:
            error.show_on(form)
            return self.refused(service_form=form)
        return self.done(_("Service logged."))

    def add_redemption(self, request) -> HttpResponse:
        form = RedemptionForm(request.POST)
        if not form.is_valid():
            return self.refused(redemption_form=form)
        data = form.cleaned_data
        try:
            redeem(
                self.signup,
                points=data["points"],
                reward=data["reward"],
                day=data["date"],
                by=request.user,
            )
        except VolunteerError as error:
            error.show_on(form)
            return self.refused(redemption_form=form)
        return self.done(_("Redemption recorded."))


EXPORT_COLUMNS = [
    ("reference", gettext_lazy("Reference code")),
    ("status", gettext_lazy("Status")),
    ("community", gettext_lazy("Community")),
    ("team", gettext_lazy("Team")),
    ("name", gettext_lazy("Name")),
    ("phone", gettext_lazy("Mobile phone")),
    ("email", gettext_lazy("Email")),
    ("age_bracket", gettext_lazy("Age")),
    ("days", gettext_lazy("Days available")),
    ("time_slots", gettext_lazy("Times of day")),
    ("skills", gettext_lazy("Skills")),
    ("hours", gettext_lazy("Hours")),
    ("earned", gettext_lazy("Points earned")),
    ("redeemed", gettext_lazy("Points redeemed")),
    ("balance", gettext_lazy("Points balance")),
    ("created_at", gettext_lazy("Signed up")),
    ("decided_at", gettext_lazy("Decided")),
]
PERSONAL_COLUMNS = {"name", "phone", "email", "skills"}


def export_rows(signups: QuerySet, personal: bool) -> list[list]:
    rows = []
    for signup in signups.select_related("team", "community").order_by(
        "community__path", "team__name", "created_at"
    ):
        sums = totals(signup)
        values = {
            "reference": signup.reference,
            "status": signup.get_status_display(),
            "community": signup.community.title,
            "team": signup.team.name,
            "name": signup.name if personal else mask_name(signup.name),
            "phone": signup.phone if personal else mask_phone(signup.phone),
            "email": signup.email if personal else "",
            "age_bracket": signup.get_age_bracket_display(),
            "days": ", ".join(signup.get_days_display()),
            "time_slots": ", ".join(signup.get_time_slots_display()),
            "skills": signup.skills if personal else "",
            "hours": float(sums["hours"]),
            "earned": sums["earned"],
            "redeemed": sums["redeemed"],
            "balance": sums["balance"],
            "created_at": local_minute(signup.created_at),
            "decided_at": local_minute(signup.decided_at),
        }
        rows.append([defuse(values[key]) for key, _label in EXPORT_COLUMNS])
    return rows


class ExportView(StaffMixin, View):
    """CSV or XLSX of the (filtered) sign-ups in the user's communities.

    Full names, phones, emails and skills only for users allowed personal data;
    the others get the same sheet masked.
    """

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in ("csv", "xlsx"):
            raise PermissionDenied
        personal = can_see_personal_data(request.user)
        signups, _chosen = filter_signups(request, signups_for_staff(request.user))
        header = [str(label) for _name, label in EXPORT_COLUMNS]
        rows = export_rows(signups, personal)
        audit.record_export(
            "volunteers.export", rows=len(rows), personal_data=personal, detail=_chosen
        )
        return private_spreadsheet_response(
            fmt,
            f"volunteers-{timezone.localdate():%Y%m%d}",
            header,
            rows,
            title=_("Volunteers"),
        )


def pending_count(user) -> int:
    return signups_for_staff(user).filter(status=SignUpStatus.PENDING).count()
