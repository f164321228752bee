"""manage.py import_stations FILE [FILE …] [--photos ZIP|DIR] [--dry-run]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from notices.stations.bulk.importing import import_paths
from portal.spreadsheets import ImportFileError


class Command(BaseCommand):
    help = (
        "Import districts, subdistricts, communities, staff and assignments from an "
        "XLSX workbook or CSV files (UTF-8 or GBK). Every row is checked first; "
        "nothing is written unless all rows are valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--photos", type=Path, help="A ZIP or folder with the staff photos."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row, write nothing."
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="Language of the messages (default: the site's default language).",
        )

    def handle(self, *args, files, photos, dry_run, language, **options):
        for path in [*files, *([photos] if photos else [])]:
            if not path.exists():
                raise CommandError(f"{path}: no such file or folder")
        with translation.override(language):
            try:
                report = import_paths(files, photos=photos, dry_run=dry_run)
            except ImportFileError as error:
                raise CommandError(str(error)) from error
            for column in report.ignored_columns:
                self.stderr.write(f"ignored column: {column}")
            if report.errors:
                for error in report.errors:
                    self.stderr.write(str(error))
                raise CommandError(
                    f"{len(report.errors)} problem(s); nothing was written."
                )
            self.stdout.write(report.summary())
