"""Administrators' screen: who works for which area. Station staff's page editing
follows each change (notices/stations/areas.py); every change is in the audit log."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from notices.models import AreaAssignment
from notices.stations import areas
from portal.audit import record
from portal.models import AuditAction

AREA_PAGE_TYPES = [
    "notices.StationIndexPage",
    "notices.DistrictPage",
    "notices.SubdistrictPage",
    "notices.CommunityPage",
]


class AssignmentCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        areas.apply_assignment(instance)
        record("area.assign", instance, action=AuditAction.ACCESS)
        return instance


class AssignmentEditView(generic.EditView):
    def save_instance(self):
        before = AreaAssignment.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        if (before.user_id, before.area_id) != (instance.user_id, instance.area_id):
            areas.revoke_assignment(before)
        areas.apply_assignment(instance)
        record("area.change", instance, action=AuditAction.ACCESS)
        return instance


class AssignmentDeleteView(generic.DeleteView):
    def delete_action(self):
        assignment = self.object
        record("area.remove", assignment, action=AuditAction.ACCESS)
        areas.revoke_assignment(assignment)
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
