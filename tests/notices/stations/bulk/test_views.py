"""The admin's station import and export: bad rows answered with 400, broken files
without a server error, the import permission required."""

import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from notices.models import CommunityPage
from tests.factories import UserFactory
from tests.notices.station_builders import community_row, full_workbook, run_import

pytestmark = pytest.mark.django_db


def admin_user(**fields):
    """A saved user (the factory's password is set after saving)."""
    user = UserFactory(**{"is_superuser": True, "is_staff": True, **fields})
    user.save()
    return user


def test_admin_import_reports_bad_rows_with_status_400(client, stations_root):
    client.force_login(admin_user())
    data = full_workbook(communities=[community_row(latitude="200")])
    upload = io.BytesIO(data)
    upload.name = "stations.xlsx"
    response = client.post(
        "/admin/stations/import/", {"spreadsheet": upload, "dry_run": ""}
    )
    assert response.status_code == 400
    rows = BeautifulSoup(response.content, "html.parser").select(".import-error")
    assert len(rows) == 1 and "2" in rows[0].text
    assert not CommunityPage.objects.exists()


def test_admin_import_refuses_a_broken_file_without_a_server_error(
    client, stations_root
):
    client.force_login(admin_user())
    upload = io.BytesIO(b"PK\x03\x04garbage")
    upload.name = "stations.xlsx"
    response = client.post("/admin/stations/import/", {"spreadsheet": upload})
    assert response.status_code == 400
    assert b"XLSX" in response.content


def test_admin_import_and_export_need_the_import_permission(client, stations_root):
    client.force_login(admin_user(is_superuser=False))
    assert client.get("/admin/stations/import/").status_code in {302, 403}
    assert client.get("/admin/stations/export/").status_code in {302, 403}


def test_admin_export_downloads_a_workbook(client, stations_root):
    run_import(full_workbook())
    client.force_login(admin_user())
    response = client.get("/admin/stations/export/", {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.worksheets[0].max_row == 2
