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
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.panels import ObjectList
from wagtail.models import Locale

from notices.models import communities_for
from participation.staff import (
    RecordScreen,
    ScopedIndexView,
    ScopedViewSet,
    StaffScreen,
    audited_export,
    has_permission,
    in_communities,
    may_enter,
    one_or_denied,
)
from participation.submissions import mask_name, mask_phone
from participation.volunteers.forms import (
    DecisionForm,
    RedemptionForm,
    ServiceEntryForm,
    TeamForm,
)
from participation.volunteers.models import (
    SignUpStatus,
    VolunteerSignUp,
    VolunteerTeam,
)
from participation.volunteers.service import log_service, redeem, totals
from participation.volunteers.signups import VolunteerError, approve, decline
from portal.exports import defuse, local_minute
from portal.params import (
    FilterChoiceField,
    IdField,
    PageNumberField,
    ParamsForm,
    check_params,
)


def can_enter(user) -> bool:
    return may_enter(user, "view_volunteersignup")


def can_act(user) -> bool:
    return has_permission(user, "change_volunteersignup")


def can_see_personal_data(user) -> bool:
    return has_permission(user, "view_volunteer_personal_data")


def signups_for_staff(user) -> QuerySet:
    """The sign-ups of the user's communities; none for users who may not enter."""
    return in_communities(VolunteerSignUp.objects.all(), user, can_enter(user))


def annotate_totals(signups: QuerySet) -> QuerySet:
    return signups.annotate(
        hours=Sum("service_entries__hours"),
    )


class VolunteerScreen(StaffScreen):
    index_url_name = "participation_volunteers:index"
    index_label = gettext_lazy("Volunteers")

    def may_enter(self, user) -> bool:
        return can_enter(user)


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


class SignUpListView(VolunteerScreen, TemplateView):
    """Sign-ups of the user's communities, newest first, pending ones on top."""

    page_title = gettext_lazy("Volunteers")
    template_name = "participation/volunteer_admin_list.html"
    is_index = True

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


class RosterView(VolunteerScreen, TemplateView):
    """Approved volunteers per community and team, with hours and points."""

    page_title = gettext_lazy("Volunteer roster")
    template_name = "participation/volunteer_admin_roster.html"

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


class SignUpDetailView(VolunteerScreen, RecordScreen, TemplateView):
    """One sign-up: the answers, the decision, the service log and the points."""

    template_name = "participation/volunteer_admin_detail.html"
    rule_error = VolunteerError

    def load(self) -> None:
        signups = signups_for_staff(self.request.user).select_related(
            "team", "community"
        )
        self.signup = one_or_denied(signups, self.kwargs["signup_id"])

    def get_page_title(self):
        return _("Volunteer %(reference)s") % {"reference": self.signup.reference}

    def breadcrumb_label(self) -> str:
        return self.signup.reference

    def record_url(self) -> str:
        return reverse("participation_volunteers:detail", args=[self.signup.pk])

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

    def decide(self, request) -> HttpResponse:
        form = DecisionForm(request.POST)

        def rule(data: dict) -> str:
            if data["decision"] == "approve":
                approve(self.signup, by=request.user, reason=data["reason"])
                return _("Approved. The volunteer is told on their status page.")
            decline(self.signup, data["reason"], by=request.user)
            return _("Declined. The volunteer sees the reason.")

        return self.act(form, rule, decision_form=form)

    def add_service(self, request) -> HttpResponse:
        form = ServiceEntryForm(request.POST)

        def rule(data: dict) -> str:
            log_service(
                self.signup,
                activity=data["activity"],
                day=data["date"],
                hours=data["hours"],
                points=data["points"],
                by=request.user,
            )
            return _("Service logged.")

        return self.act(form, rule, service_form=form)

    def add_redemption(self, request) -> HttpResponse:
        form = RedemptionForm(request.POST)

        def rule(data: dict) -> str:
            redeem(
                self.signup,
                points=data["points"],
                reward=data["reward"],
                day=data["date"],
                by=request.user,
            )
            return _("Redemption recorded.")

        return self.act(form, rule, redemption_form=form)


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


class ExportView(VolunteerScreen, View):
    """CSV or XLSX of the (filtered) sign-ups in the user's communities.

    Full names, phones, emails and skills only for users allowed personal data;
    the others get the same sheet masked.
    """

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in ("csv", "xlsx"):
            raise PermissionDenied
        personal = can_see_personal_data(request.user)
        signups, chosen = filter_signups(request, signups_for_staff(request.user))
        return audited_export(
            fmt,
            "volunteers",
            EXPORT_COLUMNS,
            export_rows(signups, personal),
            verb="volunteers.export",
            title=_("Volunteers"),
            personal_data=personal,
            detail=chosen,
        )


def pending_count(user) -> int:
    return signups_for_staff(user).filter(status=SignUpStatus.PENDING).count()


class TeamIndexView(ScopedIndexView):
    """One row per team, in the default language (its translations are reached
    from the team), unless the user picks a language."""

    def get_base_queryset(self):
        teams = super().get_base_queryset().select_related("community")
        if not self.request.GET.get("locale"):
            teams = teams.filter(locale=Locale.get_default())
        return teams


class VolunteerTeamViewSet(ScopedViewSet):
    """Teams of the user's communities (citywide ones for the bureau)."""

    model = VolunteerTeam
    icon = "group"
    menu_label = gettext_lazy("Volunteer teams")
    menu_order = 335
    add_to_admin_menu = True
    index_view_class = TeamIndexView
    list_display = ["name", "kind", "community", "places", "recruiting"]
    list_filter = ["kind", "recruiting"]
    list_export = ["name", "kind", "community", "area", "places", "recruiting"]
    export_filename = "volunteer-teams"
    edit_handler = ObjectList(VolunteerTeam.panels, base_form_class=TeamForm)
