"""Exporting the station directory: public fields only, in the shape the import reads,
so an export imports back unchanged."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from notices.stations.bulk.columns import COMMUNITIES
from notices.stations.bulk.exporting import export_csv, export_workbook
from tests.notices.station_builders import full_workbook, run_import

pytestmark = pytest.mark.django_db


def test_export_has_public_fields_only_and_imports_back_unchanged(stations_root):
    run_import(full_workbook())
    with translation.override("zh-hans"):
        data = export_workbook(stations_root.locale)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["社区", "人员", "驻点安排"]
    staff_headers = [cell.value for cell in book["人员"][1]]
    assert staff_headers == [
        "人员编号",
        "姓名",
        "岗位",
        "单位",
        "公开工作电话",
        "职责",
        "照片",
    ]
    report = run_import(data)
    assert report.errors == [] and not report.changed


def test_csv_export_in_english_reimports(stations_root):
    run_import(full_workbook())
    with translation.override("en"):
        data = export_csv(stations_root.locale, COMMUNITIES)
    assert data.startswith(b"\xef\xbb\xbfDistrict,Subdistrict,Community")
    assert run_import(data, name="communities.csv").changed is False


def test_pages_edited_in_the_admin_export_and_reimport_unchanged(bilingual_site):
    from tests.notices.station_builders import small_tree

    _index, _district, _sub, pages = small_tree(bilingual_site, communities=2)
    page = pages[0]
    page.rest_stop_facilities = ["water", "charging"]  # ticked in this order
    page.fixed_days = [4, 2]
    page.save_revision().publish()
    data = export_workbook(page.locale)
    report = run_import(data)
    assert report.errors == []
    assert not report.changed
