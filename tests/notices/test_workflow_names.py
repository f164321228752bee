"""Workflow names in the admin user's language (notices/workflow_names.py)."""

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from notices.workflow_names import translate_names
from tests.portal.role_builders import logged_in, role_user

pytestmark = pytest.mark.django_db


def test_a_label_naming_a_workflow_reads_it_translated():
    with translation.override("zh-hans"):
        assert translate_names("Submit to Legal review") == "Submit to 法制审核"
        assert translate_names("Save draft") == "Save draft"


@pytest.mark.parametrize(
    "language, shown, hidden",
    [
        ("zh-hans", "通知与活动：审核签发", "Notices and events"),
        ("en", "Notices and events: sign-off", "通知与活动"),
    ],
)
def test_the_submit_button_names_the_workflow_in_the_users_language(
    city, language, shown, hidden
):
    editor = role_user("editor", city.a)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    body = logged_in(editor).get(f"/admin/pages/{city.notice['A'].pk}/edit/")
    html = body.content.decode()
    assert shown in html and hidden not in html
