"""Staff side of volunteering: sign-ups (with decisions, the service log, points and
redemptions on each one's page) and teams, as Wagtail viewsets.

Who sees what is the permission policies' (participation/policies.py): only the
sign-ups and teams of the user's communities; another community's answers 403
whatever the URL or bulk action, the same as one that does not exist. Approving,
declining, logging service and recording redemptions need "change volunteer
sign-up"; names, phones, emails and skills in full (on screen and in exports) need
"Can see volunteers' names and phones and export them".
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import (
    DecimalField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.models import Locale

from notices.models import communities_for
from participation.notifications.sending import for_item
from participation.staff import (
    SUBMISSION_HEADINGS,
    IdChoiceFilter,
    RecordEditView,
    ScopedBulkAction,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
    policy_for,
    submission_columns,
)
from participation.submissions import mask_name, mask_phone
from participation.volunteers.forms import (
    DecisionForm,
    RedemptionForm,
    ServiceEntryForm,
    TeamForm,
)
from participation.volunteers.models import (
    Redemption,
    ServiceEntry,
    SignUpStatus,
    VolunteerSignUp,
    VolunteerTeam,
)
from participation.volunteers.service import log_service, redeem, totals
from participation.volunteers.signups import VolunteerError, approve, decline


def can_enter(user) -> bool:
    return policy_for(VolunteerSignUp).user_has_any_permission(user, ["view", "change"])


def signups_for_staff(user) -> QuerySet:
    """The sign-ups of the user's communities; none for users who may not enter."""
    return policy_for(VolunteerSignUp).instances_user_has_any_permission_for(
        user, ["view", "change"]
    )


def pending_count(user) -> int:
    return signups_for_staff(user).filter(status=SignUpStatus.PENDING).count()


def with_totals(signups: QuerySet) -> QuerySet:
    """Hours served and points earned, redeemed and left, one subquery each (two
    joins would count each entry once per redemption)."""

    def summed(model, field, output):
        rows = model.objects.filter(signup=OuterRef("pk")).values("signup")
        total = rows.annotate(total=Sum(field)).values("total")
        return Coalesce(Subquery(total), Value(0), output_field=output)

    hours = summed(ServiceEntry, "hours", DecimalField(max_digits=8, decimal_places=1))
    earned = summed(ServiceEntry, "points", IntegerField())
    redeemed = summed(Redemption, "points", IntegerField())
    return signups.annotate(hours=hours, earned=earned, redeemed=redeemed).annotate(
        balance=earned - redeemed
    )


def default_teams(request) -> QuerySet:
    return policy_for(VolunteerTeam).scope(
        request.user, VolunteerTeam.objects.filter(locale=Locale.get_default())
    )


def default_communities(request) -> QuerySet:
    return (
        communities_for(request.user)
        .filter(locale=Locale.get_default())
        .order_by("path")
    )


class SignUpFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=SignUpStatus.choices
    )
    team = IdChoiceFilter(label=gettext_lazy("Team"), queryset=default_teams)
    community = IdChoiceFilter(
        label=gettext_lazy("Community"), queryset=default_communities
    )

    class Meta:
        model = VolunteerSignUp
        fields = ["status", "team", "community"]


class SignUpIndexView(ScopedIndexView):
    """Sign-ups of the user's communities, newest first; approved ones with their
    hours and points are the roster."""

    export_verb = "volunteers.export"
    personal_fields = {
        "name": mask_name,
        "phone": mask_phone,
        "email": lambda _value: "",
        "skills": lambda _value: "",
    }

    def get_base_queryset(self):
        signups = super().get_base_queryset().select_related("team", "community")
        return with_totals(signups)

    def get_edit_url(self, instance):
        # A sign-up is acted on from its page, not edited.
        return self.get_inspect_url(instance)


class SignUpInspectView(ScopedInspectView):
    """One sign-up: the answers, the decision, the service log and the points; the
    actions are posted here (`action` in the URL) and each goes through its rule."""

    template_name = "participation/volunteer_admin_detail.html"
    actions = ("decide", "service", "redeem")

    def get_page_title(self):
        return _("Volunteer %(reference)s") % {"reference": self.object.reference}

    @property
    def may_act(self) -> bool:
        return policy_for(VolunteerSignUp).user_has_permission_for_instance(
            self.request.user, "change", self.object
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        signup = self.object
        context.update(
            signup=signup,
            show_personal_data=policy_for(VolunteerSignUp).may_see_personal_data(
                self.request.user
            ),
            may_act=self.may_act,
            masked_name=mask_name(signup.name),
            masked_phone=mask_phone(signup.phone),
            totals=totals(signup),
            entries=signup.service_entries.select_related("recorded_by"),
            redemptions=signup.redemptions.select_related("recorded_by"),
            decision_form=kwargs.get("decision_form") or DecisionForm(),
            service_form=kwargs.get("service_form") or ServiceEntryForm(),
            redemption_form=kwargs.get("redemption_form") or RedemptionForm(),
            notifications=for_item(signup),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = kwargs.get("action")
        if action not in self.actions or not self.may_act:
            raise PermissionDenied
        form_class, rule, name = {
            "decide": (DecisionForm, self.decide, "decision_form"),
            "service": (ServiceEntryForm, self.add_service, "service_form"),
            "redeem": (RedemptionForm, self.add_redemption, "redemption_form"),
        }[action]
        form = form_class(request.POST)
        if form.is_valid():
            try:
                message = rule(form.cleaned_data)
            except VolunteerError as error:
                error.show_on(form)
            else:
                messages.success(request, message)
                return redirect(self.get_inspect_url())
        context = self.get_context_data(**{name: form})
        return self.render_to_response(context, status=400)

    def get_inspect_url(self) -> str:
        return reverse("participation_volunteers:inspect", args=[self.object.pk])

    def decide(self, data: dict) -> str:
        if data["decision"] == "approve":
            approve(self.object, by=self.request.user, reason=data["reason"])
            return _("Approved. The volunteer is told on their status page.")
        decline(self.object, data["reason"], by=self.request.user)
        return _("Declined. The volunteer sees the reason.")

    def add_service(self, data: dict) -> str:
        log_service(
            self.object,
            activity=data["activity"],
            day=data["date"],
            hours=data["hours"],
            points=data["points"],
            by=self.request.user,
        )
        return _("Service logged.")

    def add_redemption(self, data: dict) -> str:
        redeem(
            self.object,
            points=data["points"],
            reward=data["reward"],
            day=data["date"],
            by=self.request.user,
        )
        return _("Redemption recorded.")


class VolunteerSignUpViewSet(ScopedViewSet):
    """Volunteers' sign-ups: residents make them; staff decide and keep the log."""

    model = VolunteerSignUp
    icon = "user"
    menu_label = gettext_lazy("Volunteers")
    menu_order = 330
    add_to_admin_menu = True
    base_url_path = "volunteers"
    admin_url_namespace = "participation_volunteers"
    index_view_class = SignUpIndexView
    inspect_view_class = SignUpInspectView
    edit_view_class = RecordEditView
    filterset_class = SignUpFilterSet
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    export_filename = "volunteers"
    list_display = [
        "reference",
        *submission_columns(),
        Column("team", label=gettext_lazy("Team")),
        Column("community", label=gettext_lazy("Community")),
        Column("hours", label=gettext_lazy("Hours")),
        Column("balance", label=gettext_lazy("Points balance")),
        DateColumn("created_at", label=gettext_lazy("Signed up")),
    ]
    list_export = [
        "reference",
        "get_status_display",
        "community",
        "team",
        "name",
        "phone",
        "email",
        "get_age_bracket_display",
        "get_days_display",
        "get_time_slots_display",
        "skills",
        "hours",
        "earned",
        "redeemed",
        "balance",
        "created_at",
        "decided_at",
    ]
    export_headings = {
        **SUBMISSION_HEADINGS,
        "community": gettext_lazy("Community"),
        "team": gettext_lazy("Team"),
        "get_age_bracket_display": gettext_lazy("Age"),
        "get_days_display": gettext_lazy("Days available"),
        "get_time_slots_display": gettext_lazy("Times of day"),
        "skills": gettext_lazy("Skills"),
        "hours": gettext_lazy("Hours"),
        "earned": gettext_lazy("Points earned"),
        "redeemed": gettext_lazy("Points redeemed"),
        "balance": gettext_lazy("Points balance"),
        "created_at": gettext_lazy("Signed up"),
        "decided_at": gettext_lazy("Decided"),
    }

    def get_urlpatterns(self):
        # Actions on one sign-up are posted to its inspect view.
        return [
            *super().get_urlpatterns(),
            *(
                path(
                    f"{action}/<id:pk>/",
                    self.inspect_view,
                    {"action": action},
                    name=action,
                )
                for action in SignUpInspectView.actions
            ),
        ]


class DecideSignUps(ScopedBulkAction):
    """Approve or decline the chosen pending sign-ups at once, each through the same
    rule as on its own page; those that cannot be (no longer pending, team full)
    stay as they are and are counted out."""

    models = [VolunteerSignUp]

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("%(done)d decided; %(left)d could not be (see each one's page).") % {
            "done": num_parent_objects,
            "left": num_child_objects,
        }


class ApproveSignUps(DecideSignUps):
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Approve the selected sign-ups")
    question = gettext_lazy("Approve these sign-ups? Each volunteer is told.")

    def act_on(self, record: VolunteerSignUp) -> None:
        approve(record, by=self.request.user)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason or message for the volunteer"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Every volunteer declined sees it."),
    )


class DeclineSignUps(DecideSignUps):
    display_name = gettext_lazy("Decline")
    action_type = "decline"
    aria_label = gettext_lazy("Decline the selected sign-ups")
    question = gettext_lazy("Decline these sign-ups? Each volunteer sees the reason.")
    form_class = DeclineForm

    def act_on(self, record: VolunteerSignUp) -> None:
        reason = self.cleaned_form.cleaned_data["reason"]
        decline(record, reason, by=self.request.user)


# Volunteer teams.


class TeamIndexView(ScopedIndexView):
    """One row per team, in the default language (its translations are reached
    from the team), unless the user picks a language."""

    export_verb = "volunteer-teams.export"

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
    # What staff read about a team; the translation key is plumbing.
    inspect_view_fields_exclude = ["id", "translation_key"]
    edit_handler = ObjectList(VolunteerTeam.panels, base_form_class=TeamForm)
