"""manage.py import_boundaries FILE.geojson [--dry-run]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from notices.maps.importing import BoundaryFileError, import_collection


class Command(BaseCommand):
    help = (
        "Import community boundaries from a GeoJSON FeatureCollection (WGS-84). "
        "Every feature is checked first; nothing is written unless all are valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every feature, write nothing."
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="Language of the messages (default: the site's default language).",
        )

    def handle(self, *args, file, dry_run, language, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        with translation.override(language):
            try:
                report = import_collection(file.read_bytes(), dry_run=dry_run)
            except BoundaryFileError as error:
                raise CommandError(str(error)) from error
            if report.errors:
                for error in report.errors:
                    self.stderr.write(str(error))
                raise CommandError(
                    f"{len(report.errors)} problem(s); nothing was written."
                )
            self.stdout.write(report.summary())
