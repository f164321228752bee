"""Administrators' screen: the audit log (area assignments are notices' own, in
notices/stations/assignment_views.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from portal.models import AuditEntry


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing needs the view permission; nobody, superusers included, may add,
    change or delete an entry."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class AuditEntryViewSet(ModelViewSet):
    """The audit log, read only, for administrators (view permission on the log)."""

    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    add_to_settings_menu = True
    menu_order = 620
    list_display = [
        "at",
        "username",
        "action",
        "verb",
        "object_type",
        "object_name",
        "rows",
        "personal_data",
    ]
    list_filter = ["action", "personal_data", "at"]
    search_fields = ["username", "verb", "object_repr", "object_id", "detail"]
    copy_view_enabled = False
    # Never shown (the policy refuses add and change); ModelViewSet wants a form.
    form_fields = ["verb"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "at",
        "username",
        "action",
        "verb",
        "object_type",
        "object_id",
        "object_name",
        "rows",
        "personal_data",
        "detail_text",
    ]
