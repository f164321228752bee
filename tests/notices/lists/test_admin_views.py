"""The admin's list import (notices/lists/admin_views.py): checked first, then saved
as a draft, only by editors of the page."""

import pytest
from bs4 import BeautifulSoup

from notices.lists.duties import DutyItem
from tests.factories import UserFactory
from tests.notices.list_builders import duty_list, duty_workbook

pytestmark = pytest.mark.django_db


def test_editors_import_a_workbook_in_the_admin_checking_first(client, bilingual_site):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = duty_list(bilingual_site.home_zh)
    admin = UserFactory(is_superuser=True)
    admin.save()  # the factory sets the password after saving
    client.force_login(admin)
    url = f"/admin/lists/{page.pk}/import/"
    good = duty_workbook(
        [["SR-01", "SR", "占道经营劝导", "立即办", "执法中队", 30, "分钟"]]
    )
    checked = client.post(
        url, {"workbook": SimpleUploadedFile("l.xlsx", good), "dry_run": "on"}
    )
    assert checked.status_code == 200
    assert page.revisions.count() == 1
    bad = duty_workbook(
        [["SR-01", "ZZ", "占道经营劝导", "立即办", "执法中队", 30, "分钟"]]
    )
    rejected = client.post(url, {"workbook": SimpleUploadedFile("l.xlsx", bad)})
    assert rejected.status_code == 400
    assert (
        "ZZ"
        in BeautifulSoup(rejected.content, "html.parser")
        .select_one("tr.import-error")
        .text
    )
    saved = client.post(url, {"workbook": SimpleUploadedFile("l.xlsx", good)})
    assert saved.status_code == 302 and page.revisions.count() == 2
    assert DutyItem.objects.filter(page=page).count() == 2  # a draft, not live yet
    editor = UserFactory()
    editor.save()
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)


def test_importing_a_duty_list_then_goes_to_the_legal_review_not_live(
    client, bilingual_site
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = duty_list(bilingual_site.home_zh)
    admin = UserFactory(is_superuser=True)
    admin.save()
    client.force_login(admin)
    good = duty_workbook(
        [["SR-01", "SR", "占道经营劝导", "立即办", "执法中队", 30, "分钟"]]
    )
    response = client.post(
        f"/admin/lists/{page.pk}/import/",
        {"workbook": SimpleUploadedFile("l.xlsx", good), "go_on": "on"},
    )
    page.refresh_from_db()
    assert response.status_code == 302
    assert page.workflow_in_progress and page.has_unpublished_changes
    assert DutyItem.objects.filter(page=page).count() == 2  # live rows unchanged
