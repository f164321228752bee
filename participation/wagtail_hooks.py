"""Admin registrations for what residents send in (registration only; the views live
in each feature's room: participation/reports/, api/, registrations/, volunteers/,
roundtables/)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from notices import extensions as notices_extensions
from participation import admin_home, log_actions, menu, policies
from participation.api import admin_views as api_admin
from participation.campaigns import admin as campaigns_admin
from participation.campaigns import demo as campaigns_demo
from participation.campaigns.models import Nomination
from participation.notifications.account import AlertSettingsPanel
from participation.rankings import demo as rankings_demo
from participation.registrations import admin_views as admin_registrations
from participation.registrations import seats
from participation.registrations.models import Registration
from participation.reports import admin_queue as report_queue
from participation.reports import bulk_actions as report_bulk_actions
from participation.reports import dashboard_panel as report_panel
from participation.reports import demo as reports_demo
from participation.reports import log as report_log
from participation.reports import permissions as report_permissions
from participation.reports import statistics as report_statistics
from participation.reports import suggestions as report_suggestions
from participation.reports.models import Report
from participation.roundtables import admin_proposals
from participation.roundtables import admin_views as admin_roundtables
from participation.roundtables import demo as roundtables_demo
from participation.roundtables.models import AgendaProposal, Roundtable
from participation.templatetags import participation_tags
from participation.volunteers import admin_views as admin_volunteers
from participation.volunteers import demo as volunteers_demo
from participation.volunteers.models import VolunteerSignUp, VolunteerTeam
from portal import extensions as portal_extensions

# One permission policy per model, registered before any viewset asks for it.
register_permission_policy(Registration, policies.RegistrationPolicy(Registration))
register_permission_policy(VolunteerTeam, policies.VolunteerTeamPolicy(VolunteerTeam))
register_permission_policy(Roundtable, policies.RoundtablePolicy(Roundtable))
register_permission_policy(
    AgendaProposal, policies.AgendaProposalPolicy(AgendaProposal)
)
register_permission_policy(
    VolunteerSignUp, policies.VolunteerSignUpPolicy(VolunteerSignUp)
)
register_permission_policy(Nomination, campaigns_admin.NominationPolicy(Nomination))


class FeatureMenuItem(MenuItem):
    """A menu item to a feature's first screen, shown only to those who may enter
    the feature (`may_enter(user)`, the same check its screens make)."""

    def __init__(self, label, url_name: str, may_enter, **kwargs):
        super().__init__(label, reverse(url_name), **kwargs)
        self.may_enter = may_enter

    def is_shown(self, request):
        return self.may_enter(request.user)


def participation_permissions(*codenames: str):
    """The participation permissions a feature offers on the group editor."""
    return Permission.objects.filter(
        content_type__app_label="participation", codename__in=codenames
    )


# Event registrations.

register_snippet(admin_registrations.RegistrationViewSet)
hooks.register("register_bulk_action", admin_registrations.CheckInRegistrations)


@hooks.register("register_account_settings_panel")
def alert_settings_panel(request, user, profile):
    return AlertSettingsPanel(request, user, profile)


@hooks.register("register_permissions")
def register_registration_permissions():
    return participation_permissions(
        "view_registration",
        "change_registration",
        "view_registration_personal_data",
    )


# Volunteers and roundtables: team snippets and the staff screens.


register_snippet(admin_volunteers.VolunteerSignUpViewSet)
hooks.register("register_bulk_action", admin_volunteers.ApproveSignUps)
hooks.register("register_bulk_action", admin_volunteers.DeclineSignUps)
register_snippet(admin_volunteers.VolunteerTeamViewSet)

register_snippet(admin_roundtables.RoundtableViewSet)
register_snippet(admin_proposals.AgendaProposalViewSet)
hooks.register("register_bulk_action", admin_proposals.DeclineProposals)


@hooks.register("register_permissions")
def register_volunteer_and_roundtable_permissions():
    return participation_permissions(
        "view_volunteersignup",
        "change_volunteersignup",
        "view_volunteer_personal_data",
        "view_roundtable",
        "add_roundtable",
        "change_roundtable",
        "change_agendaproposal",
        "view_proposer_contact",
    )


# Problem reports and suggestions, and the Open311 keys.

register_permission_policy(Report, report_permissions.policy)
register_snippet(report_queue.ReportViewSet)


@hooks.register("register_log_actions")
def audit_log_actions(actions):
    """The audit log's verbs of reports, volunteers and roundtables, in words."""
    report_log.register_log_actions(actions)
    log_actions.register_log_actions(actions)


# Registered after Wagtail's own (a later registration of the same action type
# wins), so reports' "Delete" is the one that asks the report policy.
for report_bulk_action in report_bulk_actions.BULK_ACTIONS:
    hooks.register("register_bulk_action", report_bulk_action, order=10)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "open311-keys/",
            api_admin.ApiKeysView.as_view(),
            name="participation_api_keys",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_api_keys_menu_item():
    return FeatureMenuItem(
        _("Open311 API keys"),
        "participation_api_keys",
        api_admin.can_manage_keys,
        icon_name="key",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_reports_panel(request, panels):
    if report_permissions.can_enter(request.user):
        panels.append(report_panel.ReportsPanel(request))


@hooks.register("register_permissions")
def register_api_key_permissions():
    # The report permissions are registered by ReportViewSet.
    return participation_permissions("add_apikey")


# What portal and notices ask of participation (portal/extensions.py,
# notices/extensions.py): the admin home's waiting work, demo steps after notices',
# and the residents' side of events and community pages.


hooks.register(portal_extensions.YOUR_WORK_ITEMS, admin_home.work_items)
hooks.register(portal_extensions.MAIN_MENU_ENTRIES, menu.menu_entries)
hooks.register(portal_extensions.FOOTER_ENTRIES, menu.footer_entries)
hooks.register(portal_extensions.DEMO_LOADERS, reports_demo.load, order=20)
hooks.register(portal_extensions.METHOD_SPLIT, report_statistics.method_split)
hooks.register(portal_extensions.DEMO_LOADERS, volunteers_demo.load, order=21)
hooks.register(portal_extensions.DEMO_LOADERS, roundtables_demo.load, order=22)
hooks.register(portal_extensions.DEMO_LOADERS, rankings_demo.load, order=23)
hooks.register(notices_extensions.EVENT_SEAT_COUNTS, seats.seat_counts)
hooks.register(notices_extensions.EVENT_ATTENDANCE, seats.attendance)
hooks.register(
    notices_extensions.RESIDENT_REQUESTS, report_suggestions.accepted_suggestions
)
hooks.register(
    notices_extensions.COMMUNITY_SECTIONS,
    participation_tags.community_roundtables_section,
)

# 吹哨报到: the departments stations call in (issue 24).
from participation.departments.admin import DepartmentViewSet  # noqa: E402

register_snippet(DepartmentViewSet)


# 最美商户: nominations and each campaign's results (issue 27).

register_snippet(campaigns_admin.NominationViewSet)
hooks.register("register_bulk_action", campaigns_admin.AcceptNominations)
hooks.register("register_bulk_action", campaigns_admin.DeclineNominations)


@hooks.register("register_admin_urls")
def campaign_results_urls():
    return [
        path(
            "campaigns/<id:campaign_id>/results/",
            campaigns_admin.CampaignResultsView.as_view(),
            name="participation_campaign_results",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def campaign_results_button(snippet, user, next_url=None):
    from wagtail.admin.widgets import ListingButton

    from notices.models import Campaign

    if isinstance(snippet, Campaign):
        yield ListingButton(
            _("Results"),
            reverse("participation_campaign_results", args=[snippet.pk]),
            icon_name="pick",
            priority=20,
        )


@hooks.register("register_permissions")
def register_nomination_permissions():
    return participation_permissions("view_nomination", "change_nomination")


hooks.register(portal_extensions.DEMO_LOADERS, campaigns_demo.load, order=24)
