"""Admin registrations for site-wide records: search synonyms, holidays, the audit log,
2-step verification, the "your work" panel and the workflow panels that name
workflows and tasks in the reader's language (registration only)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import (
    admin_home,
    admin_menu,
    admin_workflow_panels,
    two_factor,
)
from portal.admin_views import AuditEntryViewSet, ReadOnlyPolicy
from portal.models import AuditEntry, Holiday, SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["term", "alternatives"]
    search_fields = ["term", "alternatives"]


register_snippet(SearchSynonymViewSet)


class HolidayViewSet(SnippetViewSet):
    """Public holidays and make-up working days: deadlines count working days."""

    model = Holiday
    icon = "date"
    menu_label = _("Holidays")
    add_to_settings_menu = True
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(HolidayViewSet)


# Roles, audit and 2-step verification.

register_permission_policy(AuditEntry, ReadOnlyPolicy(AuditEntry))


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet("audit_log")


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return two_factor.admin_urls()


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return two_factor.account_menu_item(request)


@hooks.register("register_user_listing_buttons")
def two_factor_user_button(user, request_user):
    if request_user.is_superuser or request_user.has_perm("auth.change_user"):
        yield Button(
            _("2-step verification"),
            reverse("portal_two_factor_user", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("construct_homepage_panels")
def add_your_work_panel(request, panels):
    admin_home.add_panel(request, panels)


@hooks.register("construct_homepage_panels")
def translate_workflow_panels(request, panels):
    admin_workflow_panels.replace_panels(panels)


@hooks.register("construct_reports_menu")
def relabel_reports_menu(request, menu_items):
    admin_menu.relabel_reports_menu(menu_items)


@hooks.register("construct_help_menu")
def relabel_help_menu(request, menu_items):
    admin_menu.relabel_help_menu(menu_items)
