"""Backups (portal/backups.py, `manage.py backup_site` / `restore_site`): a backup
taken, the database and the uploaded photos lost, the backup restored: the same
reports and byte-identical photos; a damaged or foreign archive changes nothing."""

import io
import json
import shutil
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from participation.models import Report, ReportPhoto
from participation.photos import clean_photo
from tests.participation.report_builders import build_world, jpeg_with_gps, make_report


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def reports_with_photos(site) -> list[Report]:
    world = build_world(site)
    made = []
    for colour in ((200, 30, 30), (30, 200, 30)):
        photo = clean_photo(io.BytesIO(jpeg_with_gps(colour=colour)))
        made.append(make_report(world.a, photos=[photo]).report)
    made.append(make_report(world.b, code="EH-01").report)
    return made


def photo_bytes() -> dict[str, bytes]:
    return {
        photo.file.name: photo.file.open("rb").read()
        for photo in ReportPhoto.objects.order_by("pk")
    }


def lose_everything(media) -> None:
    """The database emptied and the media folder deleted, as after a lost server."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_the_same_reports_and_identical_photos(
    bilingual_site, media, tmp_path
):
    made = reports_with_photos(bilingual_site)
    references = sorted(report.reference for report in made)
    photos = photo_bytes()
    assert len(photos) == 2
    archive = tmp_path / "backup.tar"

    call_command("backup_site", str(archive), stdout=io.StringIO())
    lose_everything(media)
    assert Report.objects.count() == 0 and not media.exists()
    call_command("restore_site", str(archive), "--yes", stdout=io.StringIO())

    assert sorted(Report.objects.values_list("reference", flat=True)) == references
    assert photo_bytes() == photos
    assert ReportPhoto.objects.filter(report__reference=made[0].reference).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_before_anything_changes(
    bilingual_site, media, tmp_path
):
    reports_with_photos(bilingual_site)
    archive = tmp_path / "backup.tar"
    call_command("backup_site", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    before = Report.objects.count()

    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("restore_site", str(damaged), "--yes")

    assert "media/reports/" in str(refused.value)
    assert "没有恢复任何内容" in str(refused.value)
    assert Report.objects.count() == before


@pytest.mark.django_db
def test_an_archive_from_another_kind_of_database_is_refused(media, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    foreign = tmp_path / "foreign.tar"
    manifest = {
        "format": 1,
        "database": other,
        "dump": {"name": "database.x", "sha256": "0"},
        "files": {},
    }
    with tarfile.open(foreign, "w") as target:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        target.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match=other):
        call_command("restore_site", str(foreign), "--yes")


def test_restoring_needs_to_be_confirmed_and_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_site", str(tmp_path / "any.tar"))
    with pytest.raises(CommandError, match="nothing.tar"):
        call_command("restore_site", str(tmp_path / "nothing.tar"), "--yes")
    not_tar = tmp_path / "notes.txt"
    not_tar.write_text("hello")
    with pytest.raises(CommandError, match="notes.txt"):
        call_command("restore_site", str(not_tar), "--yes")
