"""`manage.py import_stations`: CSV files imported; bad rows named, nothing written."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from notices.models import SubdistrictPage
from notices.stations.bulk.columns import ASSIGNMENTS, COMMUNITIES, STAFF
from notices.stations.bulk.exporting import export_csv
from tests.notices.station_builders import full_workbook, run_import

pytestmark = pytest.mark.django_db


def test_command_imports_csv_files_and_fails_on_bad_rows(tmp_path, stations_root):
    with translation.override("en"):
        run_import(full_workbook())
        (tmp_path / "c.csv").write_bytes(export_csv(stations_root.locale, COMMUNITIES))
        (tmp_path / "s.csv").write_bytes(export_csv(stations_root.locale, STAFF))
        (tmp_path / "a.csv").write_bytes(export_csv(stations_root.locale, ASSIGNMENTS))
    out = io.StringIO()
    call_command(
        "import_stations",
        str(tmp_path / "c.csv"),
        str(tmp_path / "s.csv"),
        str(tmp_path / "a.csv"),
        stdout=out,
        language="en",
    )
    assert "communities: 0 new, 0 changed, 1 same" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("District,Subdistrict,Community,Latitude,Longitude\nA,B,C,1,1\n")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_stations", str(bad), stderr=errors, language="en")
    assert "row 2" in errors.getvalue()
    assert not SubdistrictPage.objects.filter(title="B").exists()
