"""Admin registrations for what residents send in (registration only; the views live
in participation/views/)."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from participation.registrations import admin_views as admin_registrations

registration_urls = (
    [
        path("", admin_registrations.EventListView.as_view(), name="index"),
        path(
            "<id:event_id>/",
            admin_registrations.EventRegistrationsView.as_view(),
            name="event",
        ),
        path(
            "<id:event_id>/export.<str:fmt>",
            admin_registrations.ExportView.as_view(),
            name="export",
        ),
        path(
            "<id:event_id>/check-in/",
            admin_registrations.CheckInView.as_view(),
            name="check_in",
        ),
    ],
    "participation_registrations",
)


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [path("event-registrations/", include(registration_urls))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_registrations.can_enter(request.user)


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Event registrations"),
        reverse("participation_registrations:index"),
        icon_name="group",
        order=320,
    )


@hooks.register("register_permissions")
def register_registration_permissions():
    return Permission.objects.filter(
        content_type__app_label="participation",
        codename__in=[
            "view_registration",
            "change_registration",
            "view_registration_personal_data",
        ],
    )


# Volunteers and roundtables (issue 7): team snippets and the staff screens.

from wagtail.snippets.models import register_snippet as _register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet as _SnippetViewSet  # noqa: E402

from participation.roundtables import admin_views as _admin_roundtables  # noqa: E402
from participation.volunteers import admin_views as _admin_volunteers  # noqa: E402
from participation.volunteers.models import VolunteerTeam as _VolunteerTeam  # noqa: E402


class VolunteerTeamViewSet(_SnippetViewSet):
    model = _VolunteerTeam
    icon = "group"
    menu_label = _("Volunteer teams")
    menu_order = 335
    add_to_admin_menu = True
    list_display = ["name", "kind", "community", "places", "recruiting"]
    list_filter = ["kind", "recruiting", "locale"]


_register_snippet(VolunteerTeamViewSet)

_volunteer_urls = (
    [
        path("", _admin_volunteers.SignUpListView.as_view(), name="index"),
        path("roster/", _admin_volunteers.RosterView.as_view(), name="roster"),
        path("export.<str:fmt>", _admin_volunteers.ExportView.as_view(), name="export"),
        path(
            "<id:signup_id>/",
            _admin_volunteers.SignUpDetailView.as_view(),
            name="detail",
        ),
        path(
            "<id:signup_id>/<str:action>/",
            _admin_volunteers.SignUpDetailView.as_view(),
            name="action",
        ),
    ],
    "participation_volunteers",
)
_roundtable_urls = (
    [
        path("", _admin_roundtables.MeetingListView.as_view(), name="index"),
        path("add/", _admin_roundtables.MeetingFormView.as_view(), name="add"),
        path(
            "<id:meeting_id>/",
            _admin_roundtables.MeetingDetailView.as_view(),
            name="detail",
        ),
        path(
            "<id:meeting_id>/edit/",
            _admin_roundtables.MeetingFormView.as_view(),
            name="edit",
        ),
        path(
            "<id:meeting_id>/<str:action>/",
            _admin_roundtables.MeetingDetailView.as_view(),
            name="action",
        ),
        path(
            "proposal/<id:proposal_id>/<str:action>/",
            _admin_roundtables.ProposalActionView.as_view(),
            name="proposal",
        ),
        path(
            "resolution/<id:resolution_id>/update/",
            _admin_roundtables.ResolutionUpdateView.as_view(),
            name="resolution_update",
        ),
    ],
    "participation_roundtables",
)


@hooks.register("register_admin_urls")
def register_volunteer_and_roundtable_urls():
    return [
        path("volunteers/", include(_volunteer_urls)),
        path("roundtables/", include(_roundtable_urls)),
    ]


class VolunteersMenuItem(MenuItem):
    def is_shown(self, request):
        return _admin_volunteers.can_enter(request.user)


class RoundtablesMenuItem(MenuItem):
    def is_shown(self, request):
        return _admin_roundtables.can_enter(request.user)


@hooks.register("register_admin_menu_item")
def register_volunteers_menu_item():
    return VolunteersMenuItem(
        _("Volunteers"),
        reverse("participation_volunteers:index"),
        icon_name="user",
        order=330,
    )


@hooks.register("register_admin_menu_item")
def register_roundtables_menu_item():
    return RoundtablesMenuItem(
        _("Roundtables"),
        reverse("participation_roundtables:index"),
        icon_name="clipboard-list",
        order=340,
    )


@hooks.register("register_permissions")
def register_volunteer_and_roundtable_permissions():
    return Permission.objects.filter(
        content_type__app_label="participation",
        codename__in=[
            "view_volunteersignup",
            "change_volunteersignup",
            "view_volunteer_personal_data",
            "view_roundtable",
            "add_roundtable",
            "change_roundtable",
            "change_agendaproposal",
            "view_proposer_contact",
        ],
    )


# Problem reports and suggestions (issue 6).
from participation.views import admin_reports as _admin_reports  # noqa: E402

report_urls = (
    [
        path("", _admin_reports.QueueView.as_view(), name="index"),
        path("bulk/", _admin_reports.BulkActionView.as_view(), name="bulk"),
        path("export.csv", _admin_reports.ExportView.as_view(), name="export"),
        path("<id:pk>/", _admin_reports.DetailView.as_view(), name="detail"),
        path(
            "<id:pk>/photos/<id:photo_id>/",
            _admin_reports.PhotoView.as_view(),
            name="photo",
        ),
        path(
            "<id:pk>/<slug:action>/",
            _admin_reports.ActionView.as_view(),
            name="action",
        ),
    ],
    "participation_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/", include(report_urls)),
        path(
            "open311-keys/",
            _admin_reports.ApiKeysView.as_view(),
            name="participation_api_keys",
        ),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return _admin_reports.can_enter(request.user)


class ApiKeysMenuItem(MenuItem):
    def is_shown(self, request):
        return _admin_reports.can_manage_keys(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Residents' reports"),
        reverse("participation_reports:index"),
        icon_name="warning",
        order=310,
    )


@hooks.register("register_settings_menu_item")
def register_api_keys_menu_item():
    return ApiKeysMenuItem(
        _("Open311 API keys"),
        reverse("participation_api_keys"),
        icon_name="key",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_reports_panel(request, panels):
    if _admin_reports.can_enter(request.user):
        panels.append(_admin_reports.ReportsPanel(request))


@hooks.register("register_permissions")
def register_report_permissions():
    return Permission.objects.filter(
        content_type__app_label="participation",
        codename__in=[
            "view_report",
            "change_report",
            "view_report_personal_data",
            "publish_report",
            "add_apikey",
        ],
    )


# What portal and notices ask of participation (portal/extensions.py,
# notices/extensions.py): the admin home's waiting work, demo steps after notices',
# and the residents' side of events and community pages.

from notices import extensions as _notices_extensions  # noqa: E402
from participation import admin_home as _admin_home  # noqa: E402
from participation import demo_reports as _demo_reports  # noqa: E402
from participation.models import accepted_requests_for as _accepted  # noqa: E402
from participation.registrations import seats as _seats  # noqa: E402
from participation.roundtables import demo as _roundtables_demo  # noqa: E402
from participation.templatetags import participation_tags as _tags  # noqa: E402
from participation.volunteers import demo as _volunteers_demo  # noqa: E402
from portal import extensions as _portal_extensions  # noqa: E402

hooks.register(_portal_extensions.YOUR_WORK_ITEMS, _admin_home.work_items)
hooks.register(_portal_extensions.DEMO_LOADERS, _demo_reports.load, order=20)
hooks.register(_portal_extensions.DEMO_LOADERS, _volunteers_demo.load, order=21)
hooks.register(_portal_extensions.DEMO_LOADERS, _roundtables_demo.load, order=22)
hooks.register(_notices_extensions.EVENT_SEAT_COUNTS, _seats.seat_counts)
hooks.register(_notices_extensions.EVENT_ATTENDANCE, _seats.attendance)
hooks.register(_notices_extensions.RESIDENT_REQUESTS, _accepted)
hooks.register(
    _notices_extensions.COMMUNITY_SECTIONS, _tags.community_roundtables_section
)
