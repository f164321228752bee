"""Spreadsheet downloads: one way to write CSV and XLSX for every export on the site
(the staff exports of reports, registrations and volunteers, the public duty list and
catalogue, the station directory).

CSV downloads start with a byte-order mark so that spreadsheet programs read the
Chinese as UTF-8. Text that residents or editors typed is defused so that a
spreadsheet program never runs it as a formula (CSV injection).
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# An XLSX sheet's title may hold at most 31 characters.
SHEET_TITLE_LENGTH = 31

Row = Sequence[object]
Sheet = tuple[str, Row, Iterable[Row]]  # title, header, rows


def defuse(value: object) -> object:
    """Typed text that a spreadsheet would read as a formula, quoted as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def local_minute(moment: datetime | None) -> str:
    """A moment as local date and time to the minute, as exports and lists show it."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def csv_bytes(header: Row, rows: Iterable[Row], encoding: str = "utf-8-sig") -> bytes:
    """The rows as CSV; "utf-8-sig" starts with the byte-order mark, "gb18030" suits
    older spreadsheet programs set up for Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one sheet per (title, header, rows)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:SHEET_TITLE_LENGTH])
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_response(
    fmt: str, filename: str, header: Row, rows: Iterable[Row], *, title: str = "list"
) -> HttpResponse:
    """The rows as a CSV or XLSX download named `filename`.`fmt`.

    Personal-data exports add `Cache-Control: no-store` themselves
    (`private_spreadsheet_response`); public lists set their own cache lifetime.
    """
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes([(title, header, rows)]), content_type=XLSX_CONTENT_TYPE
        )
    else:
        response = HttpResponse(
            csv_bytes(header, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def private_spreadsheet_response(
    fmt: str, filename: str, header: Row, rows: Iterable[Row], *, title: str = "list"
) -> HttpResponse:
    """A staff export: as `spreadsheet_response`, never kept by any cache."""
    response = spreadsheet_response(fmt, filename, header, rows, title=title)
    response["Cache-Control"] = "no-store, private"
    return response
