"""portal/admin_menu.py: menu labels the framework fixes once follow each reader's
language."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.menu import help_menu, reports_menu

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def labels_in(menu, language: str) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    with translation.override(language):
        return [str(item.label) for item in menu.menu_items_for_request(request)]


def test_the_translations_report_is_named_in_each_readers_language():
    assert "翻译" in labels_in(reports_menu, "zh-hans")
    english = labels_in(reports_menu, "en")
    assert "Translations" in english
    assert "翻译" not in english


def test_whats_new_in_wagtail_is_named_in_each_readers_language():
    chinese = [label for label in labels_in(help_menu, "zh-hans") if "Wagtail" in label]
    english = [label for label in labels_in(help_menu, "en") if "Wagtail" in label]
    assert any(label.endswith("的新功能") for label in chinese)
    assert any(label.startswith("What's new in Wagtail 8") for label in english)
