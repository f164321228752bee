"""Departments in the admin: kept by the bureau (the model's add/change/delete
permissions, held by administrators); staff choose from them when they escalate."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from participation.departments.models import Department


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    add_to_settings_menu = True
    list_display = ["name", "contact_person", "channel", "active"]
    list_filter = ["channel", "active"]
    search_fields = ["name", "contact_person"]
