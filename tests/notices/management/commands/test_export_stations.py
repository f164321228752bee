"""`manage.py export_stations`: the directory written to a workbook."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tests.notices.station_builders import full_workbook, run_import

pytestmark = pytest.mark.django_db


def test_export_command_writes_a_workbook(tmp_path, stations_root):
    run_import(full_workbook())
    call_command("export_stations", str(tmp_path / "out.xlsx"), stdout=io.StringIO())
    assert load_workbook(tmp_path / "out.xlsx").sheetnames[0] == "社区"
