"""Who may do what with the merchant register, the campaigns and the red and black
ranking: one permission policy per model, which every screen, export and bulk
action asks.

As for residents' records (participation/policies.py), the model's Django
permissions decide the action and the user's communities (`communities_for`) the
records: station staff see their communities' shops, groups, inspections and
listings; citywide staff (is_citywide: superusers, citywide roles, staff assigned
to the station directory) see all. A campaign without a community is citywide and
only citywide staff reach it. Licence numbers, addresses and contacts need
`notices.view_merchant_contact`.
"""

from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from notices.stations.assignments import communities_for
from notices.stations.scoping import is_citywide


class MerchantAreaPolicy(ModelPermissionPolicy):
    """Model permissions, kept to the records of the user's communities."""

    community = "community"

    def scope(self, user, records: QuerySet) -> QuerySet:
        if is_citywide(user):
            return records
        keys = communities_for(user).values("translation_key")
        return records.filter(Q(**{f"{self.community}__translation_key__in": keys}))

    def user_has_permission(self, user, action):
        return user.is_active and super().user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user, self.model._default_manager.all())

    def in_scope(self, user, instance) -> bool:
        records = self.model._default_manager.filter(pk=instance.pk)
        return self.scope(user, records).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.in_scope(
            user, instance
        )

    def may_see_personal_data(self, user) -> bool:
        return user.is_superuser or user.has_perm("notices.view_merchant_contact")


class InspectionPolicy(MerchantAreaPolicy):
    community = "merchant__community"


def policy_for(model) -> MerchantAreaPolicy:
    return policy_registry.get_by_type(model)
