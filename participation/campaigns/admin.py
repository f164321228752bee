"""Staff side of the model-merchant campaigns: the nominations (kept to the shops of
the user's communities, accepted onto the shortlist or declined in bulk), and one
campaign's results screen, where the counts are seen and confirmed once voting has
closed. Nominations hold no personal data."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.permissions import policy_registry

from notices.models import Campaign
from participation.campaigns import voting
from participation.campaigns.models import Nomination
from participation.policies import CommunityPolicy
from participation.staff import (
    RecordEditView,
    RecordScreen,
    ScopedBulkAction,
    ScopedViewSet,
    one_or_denied,
    policy_for,
)


class NominationPolicy(CommunityPolicy):
    """A nomination belongs to the nominated shop's community."""

    community = "merchant__community"


def campaigns_for(user):
    return policy_registry.get_by_type(Campaign).instances_user_has_any_permission_for(
        user, ["view", "change"]
    )


class NominationFilterSet(WagtailFilterSet):
    class Meta:
        model = Nomination
        fields = ["status", "campaign"]


class NominationViewSet(ScopedViewSet):
    model = Nomination
    icon = "pick"
    menu_label = gettext_lazy("Nominations")
    add_to_admin_menu = True
    menu_order = 245
    edit_view_class = RecordEditView
    list_display = ["merchant", "campaign", "status", "created_at"]
    list_export = ["merchant", "campaign", "status", "reason", "created_at"]
    filterset_class = NominationFilterSet
    inspect_view_fields = ["campaign", "merchant", "reason", "status", "created_at"]


class AcceptNominations(ScopedBulkAction):
    display_name = gettext_lazy("Put on the shortlist")
    action_type = "shortlist"
    aria_label = gettext_lazy("Put the selected shops on the shortlist")
    question = gettext_lazy(
        "Put these shops on their campaign's shortlist? Residents can vote for them "
        "once voting opens."
    )
    models = [Nomination]

    def act_on(self, record: Nomination) -> None:
        voting.accept(record)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("%(done)d shortlisted; %(left)d could not be.") % {
            "done": num_parent_objects,
            "left": num_child_objects,
        }


class DeclineNominations(ScopedBulkAction):
    display_name = gettext_lazy("Decline")
    action_type = "decline_nomination"
    aria_label = gettext_lazy("Decline the selected nominations")
    question = gettext_lazy("Decline these nominations?")
    models = [Nomination]

    def act_on(self, record: Nomination) -> None:
        voting.decline(record)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("%(done)d declined.") % {"done": num_parent_objects}


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I checked the counts: publish them."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


def may_confirm(user) -> bool:
    return user.is_superuser or user.has_perm("notices.confirm_campaign_results")


class CampaignResultsView(RecordScreen, TemplateView):
    """One campaign's counts (staff only) and the confirmation that publishes them."""

    template_name = "participation/campaign_admin_results.html"
    index_url_name = "wagtailsnippets_notices_campaign:list"
    index_label = gettext_lazy("Model merchant campaigns")
    header_icon = "pick"
    rule_error = voting.CampaignError

    def may_enter(self, user) -> bool:
        return policy_for(Campaign).user_has_any_permission(user, ["view", "change"])

    def load(self) -> None:
        self.campaign = one_or_denied(
            campaigns_for(self.request.user), self.kwargs["campaign_id"]
        )

    def get_page_title(self):
        return _("Results: %(title)s") % {"title": self.campaign.title}

    def record_url(self) -> str:
        return reverse("participation_campaign_results", args=[self.campaign.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaign=self.campaign,
            candidates=voting.tally(self.campaign),
            may_confirm=may_confirm(self.request.user),
            form=kwargs.get("confirm_form") or ConfirmForm(),
            action_url=self.record_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not may_confirm(request.user):
            raise PermissionDenied
        form = ConfirmForm(request.POST)

        def rule(_data):
            voting.confirm_results(self.campaign, request.user)
            return _("The results are confirmed and published.")

        return self.act(form, rule, confirm_form=form)
