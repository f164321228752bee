"""manage.py export_stations OUT.xlsx, or OUT.csv --sheet communities|staff|…"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from wagtail.models import Locale

from notices.stations.bulk.columns import ASSIGNMENTS, COMMUNITIES, STAFF
from notices.stations.bulk.exporting import export_csv, export_workbook


class Command(BaseCommand):
    help = (
        "Export the station directory's public fields: an XLSX workbook with all "
        "sheets, or one sheet as CSV. The file imports back unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path)
        parser.add_argument(
            "--sheet",
            choices=[COMMUNITIES, STAFF, ASSIGNMENTS],
            help="Which sheet to write when the output is a CSV file.",
        )
        parser.add_argument(
            "--encoding",
            choices=["utf-8", "gbk"],
            default="utf-8",
            help="CSV encoding (UTF-8 with a byte-order mark, or GBK for old Excel).",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="Language of the column headers and labels.",
        )

    def handle(self, *args, output, sheet, encoding, language, **options):
        locale = Locale.get_default()
        with translation.override(language):
            if output.suffix.lower() == ".xlsx":
                output.write_bytes(export_workbook(locale))
            elif output.suffix.lower() == ".csv":
                if not sheet:
                    raise CommandError("Name the --sheet to write as CSV.")
                output.write_bytes(
                    export_csv(
                        locale,
                        sheet,
                        encoding="utf-8-sig" if encoding == "utf-8" else "gb18030",
                    )
                )
            else:
                raise CommandError("The output must end in .xlsx or .csv.")
        self.stdout.write(f"Wrote {output}")
