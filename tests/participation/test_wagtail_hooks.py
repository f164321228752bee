"""participation/wagtail_hooks.py: each feature's menu item shows only to those who
may enter its screens, and the group editor offers each feature's permissions."""

import pytest
from django.test import RequestFactory

from participation.registrations.models import Registration
from participation.reports.admin_queue import ReportViewSet
from participation.volunteers.models import VolunteerSignUp
from participation.wagtail_hooks import (
    register_registration_permissions,
)
from tests.participation.builders import staff_user

pytestmark = pytest.mark.django_db


def test_a_feature_menu_item_shows_only_to_those_who_may_enter_it():
    request = RequestFactory().get("/admin/")
    request.user = staff_user("view_registration")
    registrations = Registration.snippet_viewset.get_menu_item()
    assert registrations.url == "/admin/event-registrations/"
    assert registrations.is_shown(request)
    volunteers = VolunteerSignUp.snippet_viewset.get_menu_item()
    assert volunteers.url == "/admin/volunteers/"
    assert not volunteers.is_shown(request)
    request.user.is_active = False
    assert not registrations.is_shown(request)


def test_the_group_editor_offers_each_feature_its_own_permissions():
    offered = {p.codename for p in register_registration_permissions()}
    assert offered == {
        "view_registration",
        "change_registration",
        "view_registration_personal_data",
    }
    reports = {p.codename for p in ReportViewSet().get_permissions_to_register()}
    assert reports == {
        "view_report",
        "change_report",
        "publish_report",
        "view_report_personal_data",
        "delete_report",  # administrators: removing a report
    }


def test_the_volunteers_menu_item_shows_to_those_who_may_see_sign_ups():
    request = RequestFactory().get("/admin/")
    request.user = staff_user("view_volunteersignup")
    assert VolunteerSignUp.snippet_viewset.get_menu_item().is_shown(request)
