"""Admin registrations for what the bureau publishes (registration only; views live in
each feature's room: notices/stations/, notices/lists/, notices/news/)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from notices import workflow_names
from notices.convenience import import_views as convenience_import
from notices.convenience.admin import ConveniencePointViewSet, PointPolicy
from notices.convenience.models import ConveniencePoint
from notices.demo import boundaries as demo_boundaries
from notices.demo import catalogue as demo_catalogue
from notices.demo import convenience as demo_convenience
from notices.demo import duties as demo_duties
from notices.demo import notices as demo_notices
from notices.demo import stations as demo_stations
from notices.lists.admin_views import ListImportView
from notices.lists.catalogue import LenientCataloguePage
from notices.lists.community_duties import (
    CommunityDutyItemViewSet,
    CommunityDutyPolicy,
)
from notices.lists.duties import CommunityDutyItem, DutyListPage
from notices.maps.views import BoundaryExportView, BoundaryImportView
from notices.merchants import admin as merchants_admin
from notices.merchants import demo as demo_merchants
from notices.merchants import import_views as merchant_imports
from notices.merchants.campaigns import Campaign
from notices.merchants.models import Inspection, Merchant, MerchantGroup
from notices.merchants.policies import InspectionPolicy, MerchantAreaPolicy
from notices.merchants.rankings import ListingEntry
from notices.stations import areas
from notices.stations.assignment_views import AreaAssignmentViewSet
from notices.stations.bulk import views as station_views
from notices.stations.staff_views import StaffViewSet
from portal import extensions as portal_extensions

# Whose community duties a user may touch: registered before any view asks for the
# model's policy (Wagtail would make a fallback one).
register_permission_policy(CommunityDutyItem, CommunityDutyPolicy(CommunityDutyItem))
register_permission_policy(ConveniencePoint, PointPolicy(ConveniencePoint))

# Merchants (issue 27): the register, groups, inspections, campaigns and the red
# and black ranking, each kept to the user's communities by its policy.
for _model in (Merchant, MerchantGroup, Campaign, ListingEntry):
    register_permission_policy(_model, MerchantAreaPolicy(_model))
register_permission_policy(Inspection, InspectionPolicy(Inspection))
register_snippet(merchants_admin.MerchantsGroup)
hooks.register("register_bulk_action", merchants_admin.ApproveListings)


@hooks.register("register_admin_urls")
def merchant_import_urls():
    return [
        path(
            "merchants/import/",
            merchant_imports.MerchantImportView.as_view(),
            name="notices_merchants_import",
        )
    ]


@hooks.register("register_permissions")
def merchant_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="notices",
        codename__in=[
            f"{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in (
                "merchant",
                "merchantgroup",
                "inspection",
                "campaign",
                "listingentry",
            )
        ]
        + [
            "view_merchant_contact",
            "approve_listingentry",
            "confirm_campaign_results",
        ],
    )


# Station directory: staff snippet, bulk import and export.


register_snippet(StaffViewSet)


class StationImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(station_views.IMPORT_PERMISSION)


@hooks.register("register_admin_urls")
def station_import_urls():
    return [
        path(
            "stations/import/",
            station_views.StationImportView.as_view(),
            name="notices_stations_import",
        ),
        path(
            "stations/boundaries/",
            BoundaryImportView.as_view(),
            name="notices_boundaries_import",
        ),
        path(
            "stations/boundaries/export/",
            BoundaryExportView.as_view(),
            name="notices_boundaries_export",
        ),
        path(
            "stations/export/",
            station_views.StationExportView.as_view(),
            name="notices_stations_export",
        ),
    ]


@hooks.register("register_admin_menu_item")
def station_import_menu_item():
    return StationImportMenuItem(
        gettext_lazy("Import / export stations"),
        "/admin/stations/import/",
        icon_name="upload",
        order=220,
    )


@hooks.register("register_admin_menu_item")
def boundary_import_menu_item():
    return StationImportMenuItem(
        gettext_lazy("Import community boundaries"),
        "/admin/stations/boundaries/",
        icon_name="site",
        order=221,
    )


# Duty lists and lenient catalogue: communities' own duties, and list import.


register_snippet(CommunityDutyItemViewSet)


@hooks.register("register_admin_urls")
def list_import_urls():
    return [
        path(
            "lists/<id:page_id>/import/",
            ListImportView.as_view(),
            name="notices_list_import",
        )
    ]


@hooks.register("register_page_header_buttons")
def list_import_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, DutyListPage | LenientCataloguePage) and (
        page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            gettext_lazy("Import from XLSX"),
            reverse("notices_list_import", args=[page.pk]),
            icon_name="upload",
            priority=80,
        )


# Convenience map: points by community, and their import.


register_snippet(ConveniencePointViewSet)


class PointImportMenuItem(MenuItem):
    def is_shown(self, request):
        return convenience_import.may_import(request.user)


@hooks.register("register_admin_urls")
def convenience_import_urls():
    return [
        path(
            "convenience/import/",
            convenience_import.PointImportView.as_view(),
            name="notices_convenience_import",
        ),
        path(
            "convenience/import/template.csv",
            convenience_import.PointTemplateView.as_view(),
            name="notices_convenience_template",
        ),
    ]


@hooks.register("register_admin_menu_item")
def convenience_import_menu_item():
    return PointImportMenuItem(
        gettext_lazy("Import convenience points"),
        "/admin/convenience/import/",
        icon_name="upload",
        order=241,
    )


# Sign-off: the Submit button names the workflow in the user's language.


@hooks.register("construct_page_action_menu")
def translated_page_submit(menu_items, request, context):
    workflow_names.translate_submit_item(menu_items)


@hooks.register("construct_snippet_action_menu")
def translated_snippet_submit(menu_items, request, context):
    workflow_names.translate_submit_item(menu_items)


# Staff areas: who works for which area (editors are kept inside theirs by the
# pages' permissions, notices/stations/scoping.py).


@hooks.register("construct_explorer_page_queryset")
def explorer_in_area(parent_page, pages, request):
    return areas.pages_in_area(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def chooser_in_area(pages, request):
    return areas.pages_in_area(request.user, pages)


@hooks.register("register_admin_viewset")
def register_area_assignments():
    return AreaAssignmentViewSet("area_assignments")


# What portal asks of notices (portal/extensions.py): demo steps after home's pages,
# and station staff's page editing re-applied whenever the roles are synced.

hooks.register(portal_extensions.DEMO_LOADERS, demo_stations.load, order=10)
hooks.register(portal_extensions.DEMO_LOADERS, demo_boundaries.load, order=10)
hooks.register(portal_extensions.DEMO_LOADERS, demo_duties.load, order=11)
hooks.register(portal_extensions.DEMO_LOADERS, demo_catalogue.load, order=12)
hooks.register(portal_extensions.DEMO_LOADERS, demo_notices.load, order=13)
hooks.register(portal_extensions.DEMO_LOADERS, demo_convenience.load, order=14)
hooks.register(portal_extensions.DEMO_LOADERS, demo_merchants.load, order=15)


@hooks.register(portal_extensions.AFTER_SYNC_ROLES)
def reapply_area_grants() -> str:
    count = areas.apply_area_grants()
    return f"station staff page editing re-applied for {count} area assignments"


@hooks.register(portal_extensions.FOOTER_ENTRIES)
def merchant_footer_entries():
    return [
        portal_extensions.MenuEntry(
            pgettext_lazy("menu", "Merchants and rankings"),
            "notices:merchant_directory",
            30,
        )
    ]
