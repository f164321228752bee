"""Admin registrations for what the bureau publishes (registration only; views live in
each feature's room: notices/stations/, notices/lists/, notices/news/)."""


# Station directory (issue 3): staff snippet, bulk import and export.

from django.urls import path as _stations_path  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402
from wagtail import hooks as _stations_hooks  # noqa: E402
from wagtail.admin.menu import MenuItem as _StationsMenuItem  # noqa: E402
from wagtail.snippets.models import register_snippet as _stations_register  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet  # noqa: E402

from notices.stations.bulk import views as _station_views  # noqa: E402
from notices.stations.staff import Staff  # noqa: E402


class StaffViewSet(SnippetViewSet):
    model = Staff
    icon = "group"
    menu_label = gettext_lazy("Station staff")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "role", "unit", "work_phone", "code"]
    list_filter = ["role", "locale"]
    search_fields = ["name", "unit", "code"]


_stations_register(StaffViewSet)


class _StationImportMenuItem(_StationsMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(_station_views.IMPORT_PERMISSION)


@_stations_hooks.register("register_admin_urls")
def _station_import_urls():
    return [
        _stations_path(
            "stations/import/",
            _station_views.StationImportView.as_view(),
            name="notices_stations_import",
        ),
        _stations_path(
            "stations/export/",
            _station_views.StationExportView.as_view(),
            name="notices_stations_export",
        ),
    ]


@_stations_hooks.register("register_admin_menu_item")
def _station_import_menu_item():
    return _StationImportMenuItem(
        gettext_lazy("Import / export stations"),
        "/admin/stations/import/",
        icon_name="upload",
        order=220,
    )


# Duty lists and lenient catalogue (issue 4): communities' own duties and notes.

from notices.lists.duties import CommunityDutyItem  # noqa: E402


class CommunityDutyItemViewSet(SnippetViewSet):
    model = CommunityDutyItem
    icon = "list-ul"
    menu_label = gettext_lazy("Community duties")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["__str__", "community", "relates_to", "handling_class", "locale"]
    list_filter = ["handling_class", "locale"]
    search_fields = ["title", "note", "relates_to"]


_stations_register(CommunityDutyItemViewSet)


@_stations_hooks.register("register_admin_urls")
def _list_import_urls():
    from notices.lists.admin_views import ListImportView

    return [
        _stations_path(
            "lists/<id:page_id>/import/",
            ListImportView.as_view(),
            name="notices_list_import",
        )
    ]


@_stations_hooks.register("register_page_header_buttons")
def _list_import_button(page, user, view_name, next_url=None):
    from django.urls import reverse
    from wagtail.admin.widgets import Button

    from notices.lists.catalogue import LenientCataloguePage
    from notices.lists.duties import DutyListPage

    if isinstance(page.specific_deferred, DutyListPage | LenientCataloguePage) and (
        page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            gettext_lazy("Import from XLSX"),
            reverse("notices_list_import", args=[page.pk]),
            icon_name="upload",
            priority=80,
        )


# Staff areas (issue 8): who works for which area, and editors kept inside theirs.

from notices.stations import areas  # noqa: E402
from notices.stations.assignment_views import AreaAssignmentViewSet  # noqa: E402


@_stations_hooks.register("register_admin_viewset")
def _register_area_assignments():
    return AreaAssignmentViewSet("area_assignments")


@_stations_hooks.register("before_create_page")
def area_before_create(request, parent_page, page_class):
    areas.refuse_outside_area(request, page_class)


@_stations_hooks.register("before_edit_page")
def area_before_edit(request, page):
    specific = page.specific
    areas.refuse_outside_area(request, type(specific), current=specific)


@_stations_hooks.register("before_delete_page")
def area_before_delete(request, page):
    specific = page.specific
    areas.refuse_outside_area(request, type(specific), current=specific, saving=False)


# What portal asks of notices (portal/extensions.py): demo steps after home's pages,
# and station staff's page editing re-applied whenever the roles are synced.

from notices.demo import catalogue as _demo_catalogue  # noqa: E402
from notices.demo import duties as _demo_duties  # noqa: E402
from notices.demo import notices as _demo_notices  # noqa: E402
from notices.demo import stations as _demo_stations  # noqa: E402
from portal import extensions as _portal_extensions  # noqa: E402

_stations_hooks.register(_portal_extensions.DEMO_LOADERS, _demo_stations.load, order=10)
_stations_hooks.register(_portal_extensions.DEMO_LOADERS, _demo_duties.load, order=11)
_stations_hooks.register(
    _portal_extensions.DEMO_LOADERS, _demo_catalogue.load, order=12
)
_stations_hooks.register(_portal_extensions.DEMO_LOADERS, _demo_notices.load, order=13)


@_stations_hooks.register(_portal_extensions.AFTER_SYNC_ROLES)
def _reapply_area_grants() -> str:
    count = areas.apply_area_grants()
    return f"station staff page editing re-applied for {count} area assignments"
