"""Who may do what with the records residents send in: one permission policy per
model, the only place the staff screens, exports and bulk actions ask.

Each policy answers as Django's model permissions do (the action's permission, or
superuser), and then keeps to the records of the user's communities
(`notices.models.communities_for`). A record with no community (a citywide team, an
event that is not held at a station) belongs to the bureau: only superusers and
staff assigned to the whole station directory (`is_bureau_wide`) reach it.

Registered with Wagtail in `participation/wagtail_hooks.py`, before the viewsets,
so Wagtail's own views and bulk actions use them too.
"""

from django.db.models import Model, Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from notices.models import AreaAssignment, StationIndexPage, communities_for


def is_bureau_wide(user) -> bool:
    """Superusers and staff assigned to the whole station directory."""
    if user.is_superuser:
        return True
    directory_keys = StationIndexPage.objects.values("translation_key")
    return AreaAssignment.objects.filter(
        user=user, area__translation_key__in=directory_keys
    ).exists()


class CommunityPolicy(ModelPermissionPolicy):
    """Model permissions, kept to the records of the user's communities.

    `community` is the lookup from the model to its community page; a record
    without one is the bureau's. `personal_data` names the permission that shows
    residents' names and phones in full (and in exports).
    """

    community = "community"
    personal_data = ""
    # What residents send in is never created or deleted from the admin: it comes
    # through the public forms, and is withdrawn, declined or erased by the rules
    # that keep its history.
    addable = False
    deletable = False

    def user_has_permission(self, user, action):
        if (action == "add" and not self.addable) or (
            action == "delete" and not self.deletable
        ):
            return False
        return user.is_active and super().user_has_permission(user, action)

    def scope(self, user, records: QuerySet) -> QuerySet:
        """The records among `records` that belong to the user's communities."""
        if user.is_superuser:
            return records
        mine = Q(**{f"{self.community}__in": communities_for(user)})
        if is_bureau_wide(user):
            mine |= Q(**{f"{self.community}__isnull": True})
        return records.filter(mine)

    def instances_user_has_any_permission_for(self, user, actions):
        records = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return records.none()
        return self.scope(user, records)

    def user_has_permission_for_instance(self, user, action, instance: Model):
        return self.user_has_permission(user, action) and self.in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance: Model):
        return self.user_has_any_permission(user, actions) and self.in_scope(
            user, instance
        )

    def in_scope(self, user, instance: Model) -> bool:
        records = self.model._default_manager.filter(pk=instance.pk)
        return self.scope(user, records).exists()

    def may_see_personal_data(self, user) -> bool:
        return bool(self.personal_data) and (
            user.is_superuser or user.has_perm(f"{self.app_label}.{self.personal_data}")
        )


class VolunteerTeamPolicy(CommunityPolicy):
    """A team of one community is its staff's; a citywide team the bureau's."""

    addable = True
    deletable = True


class VolunteerSignUpPolicy(CommunityPolicy):
    personal_data = "view_volunteer_personal_data"


class RegistrationPolicy(CommunityPolicy):
    """A registration is its event's: an event at a station belongs to that
    community (in any language), one elsewhere to the bureau."""

    personal_data = "view_registration_personal_data"

    def scope(self, user, records: QuerySet) -> QuerySet:
        if is_bureau_wide(user):
            return records
        keys = communities_for(user).values("translation_key")
        return records.filter(event__community__translation_key__in=keys)


class RoundtablePolicy(CommunityPolicy):
    """Meetings are called by their community's staff."""

    addable = True
    personal_data = "view_proposer_contact"


class AgendaProposalPolicy(CommunityPolicy):
    """A proposal is seen through its meeting."""

    community = "meeting__community"
    personal_data = "view_proposer_contact"
