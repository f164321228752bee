"""Administrators' screens: who works for which area, and the audit log."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from notices.models import AreaAssignment
from portal import roles
from portal.audit import record
from portal.models import AuditAction, AuditEntry

AREA_PAGE_TYPES = [
    "notices.StationIndexPage",
    "notices.DistrictPage",
    "notices.SubdistrictPage",
    "notices.CommunityPage",
]


class AssignmentCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        roles.apply_assignment(instance)
        record("area.assign", instance, action=AuditAction.ACCESS)
        return instance


class AssignmentEditView(generic.EditView):
    def save_instance(self):
        before = AreaAssignment.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        if (before.user_id, before.area_id) != (instance.user_id, instance.area_id):
            roles.revoke_assignment(before)
        roles.apply_assignment(instance)
        record("area.change", instance, action=AuditAction.ACCESS)
        return instance


class AssignmentDeleteView(generic.DeleteView):
    def delete_action(self):
        assignment = self.object
        record("area.remove", assignment, action=AuditAction.ACCESS)
        roles.revoke_assignment(assignment)
        super().delete_action()


class AreaAssignmentViewSet(ModelViewSet):
    """Assign staff users to the station directory (the whole city), a district, a
    subdistrict or a community; every staff list follows these assignments."""

    model = AreaAssignment
    icon = "site"
    menu_label = _("Area assignments")
    add_to_settings_menu = True
    menu_order = 610
    list_display = ["user", "area"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    copy_view_enabled = False
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    delete_view_class = AssignmentDeleteView
    panels = [
        FieldPanel("user"),
        PageChooserPanel("area", AREA_PAGE_TYPES),
    ]


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
        "object_repr",
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
        "object_repr",
        "rows",
        "personal_data",
        "detail",
    ]
