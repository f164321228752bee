"""Spreadsheets as editors upload them, for the station and list import tests."""

import io

from openpyxl import Workbook


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An XLSX file with one sheet per entry: its first row the headers."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
