"""Communities' own duties (一社区一策) in the admin: station staff draft those of their
communities only, and submit them to the legal review (the workflow `sync_roles`
assigns to the model); reviewers and citywide staff see every community's.

`CommunityDutyPolicy` is the one place that says whose items a user may touch; the
listing, the edit and delete views, and the form's choice of community all ask it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as views
from wagtail.snippets.views.snippets import SnippetViewSet

from notices.lists.duties import CommunityDutyItem
from notices.stations.assignments import communities_for
from notices.stations.scoping import impossible_ids_emptied, is_citywide
from notices.stations.staff_views import FirstEnteredLocaleFilter


def community_keys(user):
    """Translation keys of the communities whose items `user` may touch; None: all."""
    if is_citywide(user):
        return None
    return communities_for(user).values("translation_key")


class CommunityDutyPolicy(ModelPermissionPolicy):
    """The model's Django permissions, limited for area staff to the items of their
    own communities; and nobody publishes one directly: only its legal review does
    (`portal.roles.publish_signed_off`), as for the citywide list."""

    def user_has_permission(self, user, action):
        return action != "publish" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        actions = [action for action in actions if action != "publish"]
        return bool(actions) and super().user_has_any_permission(user, actions)

    def covers(self, user, instance) -> bool:
        keys = community_keys(user)
        return (
            keys is None
            or keys.filter(translation_key=instance.community.translation_key).exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(
            user, action, instance
        ) and self.covers(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and self.covers(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        keys = community_keys(user)
        if keys is None:
            return instances
        return instances.filter(community__translation_key__in=keys)


class CommunityDutyItemForm(WagtailAdminModelForm):
    """A station's staff choose only a community they work for."""

    def __init__(self, data=None, *args, **kwargs):
        data = impossible_ids_emptied(data, lambda name: name == "community")
        super().__init__(data, *args, **kwargs)

    def clean_community(self):
        community = self.cleaned_data.get("community")
        keys = community_keys(self.for_user)
        if community is not None and keys is not None:
            if not keys.filter(translation_key=community.translation_key).exists():
                raise ValidationError(_("Choose a community you work for."))
        return community


class OwnCommunityOnly:
    """For every snippet view of one item (edit, revert, preview, revisions, lock,
    history, usage, workflow): another community's item is refused."""

    def get_object(self, *args, **kwargs):
        try:
            item = super().get_object(*args, **kwargs)
        except ValueError as error:  # an id no database holds ("²", "nan")
            raise Http404 from error
        if not CommunityDutyPolicy(CommunityDutyItem).covers(self.request.user, item):
            raise PermissionDenied
        return item


class EditView(OwnCommunityOnly, views.EditView):
    pass


class DeleteView(OwnCommunityOnly, views.DeleteView):
    pass


class InspectView(OwnCommunityOnly, views.InspectView):
    pass


class HistoryView(OwnCommunityOnly, views.HistoryView):
    pass


class UsageView(OwnCommunityOnly, views.UsageView):
    pass


class RevisionView(OwnCommunityOnly, views.PreviewRevisionView):
    pass


class RevisionsCompareView(OwnCommunityOnly, views.RevisionsCompareView):
    pass


class UnpublishView(OwnCommunityOnly, views.UnpublishView):
    pass


class WorkflowHistoryView(OwnCommunityOnly, views.WorkflowHistoryView):
    pass


class WorkflowHistoryDetailView(OwnCommunityOnly, views.WorkflowHistoryDetailView):
    pass


class CopyView(OwnCommunityOnly, views.CopyView):
    pass


class PreviewOnEditView(OwnCommunityOnly, views.PreviewOnEditView):
    pass


class RevisionsUnscheduleView(OwnCommunityOnly, views.RevisionsUnscheduleView):
    pass


class LockView(OwnCommunityOnly, views.LockView):
    pass


class UnlockView(OwnCommunityOnly, views.UnlockView):
    pass


class WorkflowActionView(OwnCommunityOnly, views.WorkflowActionView):
    pass


class CollectWorkflowActionDataView(
    OwnCommunityOnly, views.CollectWorkflowActionDataView
):
    pass


class ConfirmWorkflowCancellationView(
    OwnCommunityOnly, views.ConfirmWorkflowCancellationView
):
    pass


class WorkflowPreviewView(OwnCommunityOnly, views.WorkflowPreviewView):
    pass


class CommunityDutyFilterSet(WagtailFilterSet):
    """Each duty once (as first entered) unless a language is chosen."""

    locale = FirstEnteredLocaleFilter(_("One row per duty"))

    class Meta:
        model = CommunityDutyItem
        fields = ["handling_class", "locale"]


class CommunityDutyItemViewSet(SnippetViewSet):
    model = CommunityDutyItem
    icon = "list-ul"
    menu_label = _("Community duties")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["__str__", "community", "relates_to", "handling_class", "locale"]
    filterset_class = CommunityDutyFilterSet
    search_fields = ["title", "note", "relates_to"]
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView
    revisions_view_class = RevisionView
    revisions_compare_view_class = RevisionsCompareView
    unpublish_view_class = UnpublishView
    workflow_history_view_class = WorkflowHistoryView
    # Every other view of one item is refused outside the user's communities too
    # (the revert view is built by Wagtail from `edit_view_class`).
    workflow_history_detail_view_class = WorkflowHistoryDetailView
    copy_view_class = CopyView
    preview_on_edit_view_class = PreviewOnEditView
    revisions_unschedule_view_class = RevisionsUnscheduleView
    lock_view_class = LockView
    unlock_view_class = UnlockView
    workflow_action_view_class = WorkflowActionView
    collect_workflow_action_data_view_class = CollectWorkflowActionDataView
    confirm_workflow_cancellation_view_class = ConfirmWorkflowCancellationView
    workflow_preview_view_class = WorkflowPreviewView
    edit_handler = ObjectList(
        CommunityDutyItem.panels, base_form_class=CommunityDutyItemForm
    )

    def get_queryset(self, request):
        policy = CommunityDutyPolicy(CommunityDutyItem)
        return policy.instances_user_has_any_permission_for(
            request.user, ["add", "change", "delete", "publish", "view"]
        ).select_related("community", "locale")
