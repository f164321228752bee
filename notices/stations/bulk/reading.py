"""Reading an upload into tables: XLSX sheets or CSV files recognised by their headers,
and the photos that come with them (a ZIP or a folder), checked before use."""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext
from PIL import Image as PILImage

from notices.stations.bulk.columns import (
    ASSIGNMENTS,
    COLUMNS,
    COMMUNITIES,
    MAX_PHOTO_BYTES,
    MAX_PHOTO_PIXELS,
    MAX_ROWS,
    MAX_SPREADSHEET_BYTES,
    PHOTO_FORMATS,
    STAFF,
    header_aliases,
)
from portal.spreadsheets import (
    ImportFileError,
    check_row_count,
    open_xlsx,
    text_key,
)


@dataclass
class Table:
    kind: str
    sheet: str
    columns: dict[str, str]  # key → header as written in the file
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, values)
    ignored: list[str]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _table_from_rows(sheet: str, rows: Iterable[list]) -> Table | None:
    iterator = iter(rows)
    header = None
    header_number = 0
    for number, row in enumerate(iterator, start=1):
        if any(_cell_text(cell) for cell in row):
            header, header_number = [_cell_text(cell) for cell in row], number
            break
    if header is None:
        return None
    best = None
    for kind in (COMMUNITIES, STAFF, ASSIGNMENTS):
        aliases = header_aliases(kind)
        found = {aliases[text_key(h)]: h for h in header if text_key(h) in aliases}
        required = {c.key for c in COLUMNS[kind] if c.required}
        if required <= found.keys() and (best is None or len(found) > len(best[1])):
            best = (kind, found)
    if best is None:
        return None
    kind, columns = best
    aliases = header_aliases(kind)
    positions = {
        index: aliases[text_key(text)]
        for index, text in enumerate(header)
        if text_key(text) in aliases
    }
    ignored = [text for text in header if text and text_key(text) not in aliases]
    data = []
    for number, row in enumerate(iterator, start=header_number + 1):
        values = {
            key: _cell_text(row[index]) if index < len(row) else ""
            for index, key in positions.items()
        }
        if any(values.values()):
            data.append((number, values))
        check_row_count(sheet, len(data), MAX_ROWS)
    return Table(kind=kind, sheet=sheet, columns=columns, rows=data, ignored=ignored)


def read_xlsx(data: bytes) -> list[Table]:
    tables = []
    with open_xlsx(data) as worksheets:
        for sheet in worksheets:
            table = _table_from_rows(sheet.title, sheet.iter_rows(values_only=True))
            if table is not None:
                tables.append(table)
    return tables


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GBK/GB18030 as Excel saves in China."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        gettext("This CSV file is neither UTF-8 nor GBK. Save it as 'CSV UTF-8'.")
    )


def read_csv(data: bytes, name: str) -> list[Table]:
    text = decode_csv(data)
    if "\x00" in text:
        raise ImportFileError(gettext("This is not a text CSV file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise ImportFileError(
            gettext("This CSV file is malformed: %(reason)s") % {"reason": error}
        ) from error
    table = _table_from_rows(name, rows)
    return [table] if table else []


def read_spreadsheet(data: bytes, name: str) -> list[Table]:
    if len(data) > MAX_SPREADSHEET_BYTES:
        raise ImportFileError(gettext("The file is larger than 20 MB."))
    if data[:2] == b"PK" or name.lower().endswith(".xlsx"):
        tables = read_xlsx(data)
    else:
        tables = read_csv(data, Path(name).name)
    if not tables:
        raise ImportFileError(
            gettext(
                "No sheet with known columns was found. Start from an export: it "
                "has the columns this import expects."
            )
        )
    return tables


# Photos


class PhotoSource:
    """Photo files by name, from a ZIP archive or a folder."""

    def __init__(self, archive: bytes | None = None, folder: Path | None = None):
        self.folder = folder
        self.archive = None
        if archive:
            try:
                self.archive = zipfile.ZipFile(io.BytesIO(archive))
            except zipfile.BadZipFile as error:
                raise ImportFileError(
                    gettext("The photos file is not a ZIP archive.")
                ) from error
            self.names = {
                Path(info.filename).name: info
                for info in self.archive.infolist()
                if not info.is_dir()
            }

    @property
    def available(self) -> bool:
        return self.archive is not None or self.folder is not None

    def size(self, name: str) -> int | None:
        if self.archive is not None:
            info = self.names.get(name)
            return info.file_size if info else None
        if self.folder is not None:
            path = self.folder / Path(name).name
            return path.stat().st_size if path.is_file() else None
        return None

    def read(self, name: str) -> bytes:
        if self.archive is not None:
            return self.archive.read(self.names[name])
        return (self.folder / Path(name).name).read_bytes()


def check_photo(data: bytes) -> str | None:
    """Why these bytes cannot be a staff photo, or None when they can."""
    if len(data) > MAX_PHOTO_BYTES:
        return gettext("The photo is larger than 5 MB.")
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except Exception:
        return gettext("The photo is not an image file.")
    if image_format not in PHOTO_FORMATS:
        return gettext("Use a JPEG, PNG, WebP or GIF photo.")
    if width * height > MAX_PHOTO_PIXELS:
        return gettext("The photo has too many pixels.")
    return None
