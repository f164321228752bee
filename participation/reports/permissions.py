"""Who sees what of reports, in one place: `ReportPermissionPolicy`, Wagtail's
permission policy for `Report` (registered in participation/wagtail_hooks.py), which
the report viewset, its filters, export, inspect view and bulk actions, the report's
page and the rules (`states.permit`) all ask.

- "view" (entering the staff screens) needs the "view report" permission;
  "act" needs "change report"; "publish" needs "publish report";
  "view_personal_data" (names, phones and emails, in full and in the export) needs
  "view report personal data"; superusers have them all.
- "delete" needs "delete report": residents' reports are removed by the retention
  purge, or by an administrator (the role holding every permission); station staff
  and moderators are never offered it, and a forged request is refused.
- "add" and "change" (Wagtail's generic create and edit forms) are refused to
  everyone: a report changes only through its rules.
- Every instance check keeps the reports of the communities `communities_for(user)`
  returns; another community's report answers exactly as a missing one does.
"""

from django.db.models import QuerySet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from notices.models import communities_for
from participation.reports.models import Report

CODENAMES = {
    "view": "view_report",
    "act": "change_report",
    "publish": "publish_report",
    "view_personal_data": "view_report_personal_data",
    "delete": "delete_report",
}


class ReportPermissionPolicy(ModelPermissionPolicy):
    """Reports' permissions, scoped to the user's communities."""

    def user_has_permission(self, user, action):
        codename = CODENAMES.get(action)
        if codename is None or not user.is_active:
            return False
        return user.is_superuser or user.has_perm(f"participation.{codename}")

    def users_with_any_permission(self, actions):
        known = [action for action in actions if action in CODENAMES]
        return self._get_users_with_any_permission_codenames(
            [CODENAMES[action] for action in known]
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not getattr(user, "is_authenticated", False):
            return Report.objects.none()
        if not self.user_has_any_permission(user, actions):
            return Report.objects.none()
        if user.is_superuser:
            return Report.objects.all()
        return Report.objects.filter(community__in=communities_for(user))

    def user_has_permission_for_instance(self, user, action, instance):
        reports = self.instances_user_has_permission_for(user, action)
        return reports.filter(pk=instance.pk).exists()


policy = ReportPermissionPolicy(Report)


def can_enter(user) -> bool:
    return policy.user_has_permission(user, "view")


def can_act(user) -> bool:
    return policy.user_has_permission(user, "act")


def can_see_personal_data(user) -> bool:
    return policy.user_has_permission(user, "view_personal_data")


def can_publish(user) -> bool:
    return policy.user_has_permission(user, "publish")


def reports_for(user) -> QuerySet:
    """The reports a staff user may list, open, export and act on."""
    return policy.instances_user_has_permission_for(user, "view")


def visible_communities(user) -> QuerySet:
    """The user's communities in the default language (the ones reports point to)."""
    return communities_for(user).filter(locale=Locale.get_default()).order_by("path")
