"""Admin registrations for site-wide records (registration only)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import Holiday, SearchSynonym


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


# Roles, audit and hardening (issue 8).

from django.core.exceptions import PermissionDenied  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.widgets import Button  # noqa: E402
from wagtail.permissions import register_permission_policy  # noqa: E402

from portal import admin_home, roles, two_factor  # noqa: E402
from portal.admin_views import (  # noqa: E402
    AreaAssignmentViewSet,
    AuditEntryViewSet,
    ReadOnlyPolicy,
)
from portal.models import AuditEntry  # noqa: E402

register_permission_policy(AuditEntry, ReadOnlyPolicy(AuditEntry))


@hooks.register("register_admin_viewset")
def register_area_and_audit_viewsets():
    return [
        AreaAssignmentViewSet("area_assignments"),
        AuditEntryViewSet("audit_log"),
    ]


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


def _refuse_outside_area(request, page_class, current=None):
    """Editors bound to an area may not open, save or delete a notice or event
    outside it (see `portal.roles.area_allows`)."""
    user = request.user
    if not roles.is_area_editor(user):
        return
    if current is not None and not roles.area_allows(
        user, page_class, **roles.page_targets(current)
    ):
        raise PermissionDenied
    if request.method == "POST" and not roles.area_allows(
        user, page_class, **roles.posted_targets(page_class, request.POST)
    ):
        raise PermissionDenied


@hooks.register("before_create_page")
def area_before_create(request, parent_page, page_class):
    _refuse_outside_area(request, page_class)


@hooks.register("before_edit_page")
def area_before_edit(request, page):
    specific = page.specific
    _refuse_outside_area(request, type(specific), current=specific)


@hooks.register("before_delete_page")
def area_before_delete(request, page):
    specific = page.specific
    if roles.is_area_editor(request.user) and not roles.area_allows(
        request.user, type(specific), **roles.page_targets(specific)
    ):
        raise PermissionDenied
