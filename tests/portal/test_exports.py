"""The one spreadsheet writer every export uses: CSV that spreadsheet programs read
as UTF-8, XLSX with the same rows, formulas defused, staff exports never cached."""

import csv
import io

from openpyxl import load_workbook

from portal.exports import (
    defuse,
    private_spreadsheet_response,
    spreadsheet_response,
)

HEADER = ["编号", "姓名"]
ROWS = [["A1", "王秀英"], ["A2", defuse('=HYPERLINK("http://x")')]]


def test_a_csv_download_starts_with_a_byte_order_mark_and_keeps_the_chinese():
    response = spreadsheet_response("csv", "list-2026", HEADER, ROWS)
    assert response.content.startswith("\ufeff".encode())
    assert response["Content-Disposition"] == 'attachment; filename="list-2026.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [HEADER, ["A1", "王秀英"], ["A2", '\'=HYPERLINK("http://x")']]


def test_an_xlsx_download_holds_the_same_rows_on_a_named_sheet():
    title = "一个很长很长的工作表名称" * 4  # longer than XLSX allows
    response = spreadsheet_response("xlsx", "list", HEADER, ROWS, title=title)
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = workbook.worksheets[0]
    assert sheet.title == title[:31]
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        HEADER,
        ["A1", "王秀英"],
        ["A2", '\'=HYPERLINK("http://x")'],
    ]
    workbook.close()


def test_typed_text_that_looks_like_a_formula_is_quoted_and_numbers_are_not():
    assert [defuse(value) for value in ("=1+1", "+86", "-3", "@a", "王", 5, -3)] == [
        "'=1+1",
        "'+86",
        "'-3",
        "'@a",
        "王",
        5,
        -3,
    ]


def test_a_staff_export_is_never_kept_by_a_cache():
    response = private_spreadsheet_response("csv", "volunteers", HEADER, ROWS)
    assert response["Cache-Control"] == "no-store, private"
