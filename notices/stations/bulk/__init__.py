"""Bulk import and export of the station directory: districts, subdistricts,
communities, staff and who serves where, from XLSX workbooks or CSV files.

The rules an editor can rely on:
- every row is checked first; each problem is reported with its sheet, row number,
  column and reason, in the editor's language;
- nothing is written unless the whole file is valid (one transaction);
- importing the same file again changes nothing (no new revisions, no new images);
- an export holds public fields only and imports back unchanged.

Sheets are recognised by their headers, in English or Chinese, so a workbook's sheet
names and column order do not matter; unknown columns (a personal mobile, say) are
ignored, never stored, and listed in the report.
"""
