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

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from notices.stations.pages import (
    CommunityPage,
    CommunityStaff,
    DistrictPage,
    RestStopFacility,
    StationIndexPage,
    SubdistrictPage,
    in_china,
    pinyin_slug,
)
from notices.stations.staff import ServiceMode, Staff, StaffRole, phone_validator
from portal import search_index
from portal.exports import csv_bytes, xlsx_bytes
from portal.spreadsheets import (
    CellError,
    ImportFileError,
    RowError,
    alias_table,
    check_row_count,
    open_xlsx,
    text_key,
)

MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

# Columns

COMMUNITIES, STAFF, ASSIGNMENTS = "communities", "staff", "assignments"
SHEET_LABELS = {
    COMMUNITIES: _("Communities"),
    STAFF: _("Staff"),
    ASSIGNMENTS: _("Assignments"),
}


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy, translated
    required: bool = False
    max_length: int | None = None


COLUMNS: dict[str, list[Column]] = {
    COMMUNITIES: [
        Column("district", _("District"), True, 255),
        Column("subdistrict", _("Subdistrict"), True, 255),
        Column("community", _("Community"), True, 255),
        Column("station_name", _("Station name"), max_length=120),
        Column("address", _("Address"), max_length=200),
        Column("latitude", _("Latitude")),
        Column("longitude", _("Longitude")),
        Column("office_hours", _("Office hours")),
        Column("hours_exceptions", _("Exceptions")),
        Column("service_phones", _("Service phones")),
        Column("households_served", _("Households served")),
        Column("team_model", _("Team model"), max_length=40),
        Column("fixed_days", _("Fixed days")),
        Column("fixed_days_note", _("About the fixed days"), max_length=120),
        Column("duty_summary", _("Duty summary"), max_length=300),
        Column("bureau_leader", _("Linked bureau leader (staff code)")),
        Column("rest_stop_facilities", _("Rest stop facilities")),
        Column("rest_stop_note", _("About the rest stop"), max_length=120),
    ],
    STAFF: [
        Column("code", _("Staff code"), True, 32),
        Column("name", _("Name"), True, 60),
        Column("role", _("Role"), True),
        Column("unit", _("Unit"), max_length=80),
        Column("work_phone", _("Public work phone"), max_length=24),
        Column("duties", _("Duties"), max_length=400),
        Column("photo", _("Photo")),
    ],
    ASSIGNMENTS: [
        Column("staff_code", _("Staff code"), True),
        Column("district", _("District"), True),
        Column("subdistrict", _("Subdistrict"), True),
        Column("community", _("Community"), True),
        Column("mode", _("How they serve"), True),
        Column("days", _("Days")),
    ],
}


def header_aliases(kind: str) -> dict[str, str]:
    """Header text (normalised) → column key, for every language and the raw key."""
    return alias_table((column.key, column.label) for column in COLUMNS[kind])


# Reports


@dataclass
class ImportReport:
    dry_run: bool = True
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def summary(self) -> str:
        parts = []
        for kind, label in (
            ("district", gettext("districts")),
            ("subdistrict", gettext("subdistricts")),
            ("community", gettext("communities")),
            ("staff", gettext("staff")),
        ):
            parts.append(
                gettext(
                    "%(label)s: %(created)d new, %(updated)d changed, %(same)d same"
                )
                % {
                    "label": label,
                    "created": self.created[kind],
                    "updated": self.updated[kind],
                    "same": self.unchanged[kind],
                }
            )
        prefix = (
            gettext("Checked, nothing written.")
            if self.dry_run
            else gettext("Imported.")
        )
        return f"{prefix} " + "; ".join(parts) + "."


# Reading files


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


# Text formats of the structured cells: parse for import, format for export.

TIME_RANGE = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})")
DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
EXCEPTION = re.compile(
    rf"^{DATE}(?:\s*(?:\.\.|~|～|至|到|–|—)\s*{DATE})?\s*(.*)$", re.DOTALL
)
CLOSED_WORDS = ("closed", "close", "休息", "闭站", "关闭", "不开放", "暂停")
DAY_WORDS = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "七": 7,
    "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip
ALL_DAYS = ("daily", "everyday", "每天", "每日", "全天", "全周")


def _time(hour: str, minute: str) -> dt.time:
    try:
        return dt.time(int(hour), int(minute))
    except ValueError as error:
        raise CellError(
            gettext("%(time)s is not a time of day.") % {"time": f"{hour}:{minute}"}
        ) from error


def _split(text: str, separators: str = r"[;；\n]") -> list[str]:
    return [part.strip() for part in re.split(separators, text or "") if part.strip()]


def _day_token(token: str) -> int:
    token = token.strip().lower()
    for prefix in ("星期", "礼拜", "周"):
        if token.startswith(prefix):
            token = token[len(prefix) :]
    if token.isdigit() and 1 <= int(token) <= 7:
        return int(token)
    if token in DAY_WORDS:
        return DAY_WORDS[token]
    raise CellError(gettext("'%(day)s' is not a weekday.") % {"day": token})


def parse_days(text: str) -> list[int]:
    """'1-5', '1,3,5', '周一至周五', '周二、周四', 'Mon-Fri', 'daily' → ISO weekdays."""
    text = (text or "").strip()
    if not text:
        return []
    if text.lower() in ALL_DAYS:
        return list(range(1, 8))
    days: set[int] = set()
    for part in re.split(r"[,，、/\s]+", text):
        if not part:
            continue
        ends = re.split(r"\s*(?:-|–|—|~|～|至|到)\s*", part)
        if len(ends) == 1:
            days.add(_day_token(ends[0]))
        elif len(ends) == 2:
            first, last = _day_token(ends[0]), _day_token(ends[1])
            if first > last:
                raise CellError(
                    gettext("'%(range)s' runs backwards.") % {"range": part}
                )
            days.update(range(first, last + 1))
        else:
            raise CellError(gettext("'%(day)s' is not a weekday.") % {"day": part})
    return sorted(days)


def format_days(days: Iterable[int]) -> str:
    return ",".join(str(day) for day in sorted(set(days)))


Shift = tuple[tuple[int, ...], dt.time, dt.time]


def parse_hours(text: str) -> list[Shift]:
    """'1-5 08:30-12:00, 14:00-17:30; 6 09:00-12:00' → shifts (days, opens, closes)."""
    shifts = []
    for part in _split(text):
        first = TIME_RANGE.search(part)
        if first is None:
            raise CellError(
                gettext("'%(part)s' has no hours such as 08:30-12:00.") % {"part": part}
            )
        days = parse_days(part[: first.start()].strip(" :："))
        if not days:
            raise CellError(
                gettext("'%(part)s' does not say which weekdays.") % {"part": part}
            )
        for match in TIME_RANGE.finditer(part, first.start()):
            opens, closes = _time(*match.groups()[:2]), _time(*match.groups()[2:])
            if opens >= closes:
                raise CellError(
                    gettext("In '%(part)s' a shift closes before it opens.")
                    % {"part": part}
                )
            shifts.append((tuple(days), opens, closes))
    return sorted(shifts)


def hours_from_page(stream) -> list[Shift]:
    return sorted(
        (
            tuple(sorted(int(day) for day in block.value["days"])),
            block.value["opens"],
            block.value["closes"],
        )
        for block in stream
    )


def format_hours(shifts: list[Shift]) -> str:
    groups: dict[tuple, list[str]] = {}
    for days, opens, closes in sorted(shifts):
        groups.setdefault(days, []).append(f"{opens:%H:%M}-{closes:%H:%M}")
    parts = []
    for days, ranges in groups.items():
        parts.append(f"{format_days(days)} {','.join(ranges)}")
    return "; ".join(parts)


Exception_ = tuple[dt.date, dt.date | None, bool, dt.time | None, dt.time | None, str]


def _date(year: str, month: str, day: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError as error:
        raise CellError(
            gettext("%(date)s is not a date.") % {"date": f"{year}-{month}-{day}"}
        ) from error


def parse_exceptions(text: str) -> list[Exception_]:
    """'2026-10-01..2026-10-07 closed National Day; 2026-12-31 09:00-12:00'."""
    result = []
    for part in _split(text):
        match = EXCEPTION.match(part)
        if match is None:
            raise CellError(
                gettext("'%(part)s' does not start with a date such as 2026-10-01.")
                % {"part": part}
            )
        groups = match.groups()
        start = _date(*groups[0:3])
        end = _date(*groups[3:6]) if groups[3] else None
        if end is not None and end < start:
            raise CellError(
                gettext("'%(part)s' ends before it starts.") % {"part": part}
            )
        if end == start:
            end = None
        rest = groups[6].strip()
        hours = TIME_RANGE.match(rest)
        if hours:
            opens, closes = _time(*hours.groups()[:2]), _time(*hours.groups()[2:])
            if opens >= closes:
                raise CellError(
                    gettext("In '%(part)s' a shift closes before it opens.")
                    % {"part": part}
                )
            note = rest[hours.end() :].strip()
            result.append((start, end, False, opens, closes, note))
            continue
        word = next((w for w in CLOSED_WORDS if rest.lower().startswith(w)), None)
        if word is None:
            raise CellError(
                gettext("After the date in '%(part)s' write 'closed' or hours.")
                % {"part": part}
            )
        result.append((start, end, True, None, None, rest[len(word) :].strip()))
    return sorted(result, key=lambda item: item[0])


def exceptions_from_page(stream) -> list[Exception_]:
    return sorted(
        (
            (
                block.value["start_date"],
                block.value.get("end_date"),
                bool(block.value.get("closed")),
                None if block.value.get("closed") else block.value.get("opens"),
                None if block.value.get("closed") else block.value.get("closes"),
                block.value.get("note") or "",
            )
            for block in stream
        ),
        key=lambda item: item[0],
    )


def format_exceptions(exceptions: list[Exception_]) -> str:
    parts = []
    for start, end, closed, opens, closes, note in exceptions:
        text = start.isoformat() + (f"..{end.isoformat()}" if end else "")
        text += " closed" if closed else f" {opens:%H:%M}-{closes:%H:%M}"
        parts.append(f"{text} {note}".strip())
    return "; ".join(parts)


def parse_phones(text: str) -> list[tuple[str, str]]:
    """'Duty phone: 0516-12345678; Complaints: 12319' → [(label, number), …]."""
    phones = []
    for part in _split(text):
        match = re.match(r"^(.*?)[:：]\s*(.*)$", part)
        if match is None:
            raise CellError(
                gettext("Give each phone a label: 'Duty phone: 0516-12345678'.")
            )
        label, number = match.groups()
        label, number = label.strip(), number.strip()
        if not label or len(label) > 30:
            raise CellError(gettext("A phone label must have 1 to 30 characters."))
        try:
            phone_validator(number)
        except ValidationError as error:
            raise CellError(
                gettext("'%(number)s' is not a phone number.") % {"number": number}
            ) from error
        phones.append((label, number))
    return phones


def phones_from_page(stream) -> list[tuple[str, str]]:
    return [(block.value["label"], block.value["number"]) for block in stream]


def format_phones(phones: list[tuple[str, str]]) -> str:
    return "; ".join(f"{label}: {number}" for label, number in phones)


_CHOICE_LOOKUPS: dict[tuple, dict[str, str]] = {}


def _choice_lookup(choices) -> dict[str, str]:
    """Key, English or Chinese label (normalised) → key; built once per choice set."""
    cache_key = tuple(value for value, _label in choices)
    if cache_key not in _CHOICE_LOOKUPS:
        _CHOICE_LOOKUPS[cache_key] = alias_table(choices)
    return _CHOICE_LOOKUPS[cache_key]


def parse_choice(text: str, choices, what: str) -> str:
    value = _choice_lookup(choices).get(text_key(text))
    if value is None:
        raise CellError(
            gettext("'%(value)s' is not a known %(what)s. Use one of: %(options)s.")
            % {
                "value": text,
                "what": what,
                "options": ", ".join(str(label) for _value, label in choices),
            }
        )
    return value


def parse_facilities(text: str) -> list[str]:
    parts = [p for p in re.split(r"[,，、;；/\n]+", text or "") if p.strip()]
    keys = [
        parse_choice(part.strip(), RestStopFacility.choices, gettext("facility"))
        for part in parts
    ]
    return sorted(set(keys))


def format_facilities(keys: list[str]) -> str:
    labels = dict(RestStopFacility.choices)
    return ", ".join(str(labels[key]) for key in sorted(keys) if key in labels)


def parse_coordinate(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.strip()).quantize(Decimal("0.000001"))
    except InvalidOperation as error:
        raise CellError(
            gettext("'%(value)s' is not a number.") % {"value": text}
        ) from error
    return value


# Validation: every row, every column, before anything is written.


@dataclass
class CommunityRow:
    row: int
    key: tuple[str, str, str]
    values: dict


@dataclass
class StaffRow:
    row: int
    code: str
    values: dict
    photo_name: str = ""
    photo_data: bytes | None = None


@dataclass
class AssignmentRow:
    row: int
    staff_code: str
    community: tuple[str, str, str]
    mode: str
    days: list[int]


@dataclass
class Plan:
    communities: dict[tuple, CommunityRow] = field(default_factory=dict)
    staff: dict[str, StaffRow] = field(default_factory=dict)
    assignments: dict[tuple, list[AssignmentRow]] = field(default_factory=dict)


class Checker:
    def __init__(self, report: ImportReport, table: Table):
        self.report = report
        self.table = table
        self.sheet = table.sheet

    def error(self, row: int, key: str, message: str) -> None:
        header = self.table.columns.get(key) or str(
            next(c.label for c in COLUMNS[self.table.kind] if c.key == key)
        )
        self.report.errors.append(RowError(self.sheet, row, header, message))

    def basic(self, row: int, values: dict) -> bool:
        ok = True
        for column in COLUMNS[self.table.kind]:
            value = values.get(column.key, "")
            if column.required and not value:
                self.error(row, column.key, gettext("This column is required."))
                ok = False
            elif column.max_length and len(value) > column.max_length:
                self.error(
                    row,
                    column.key,
                    gettext("Too long: at most %(max)d characters.")
                    % {"max": column.max_length},
                )
                ok = False
        return ok


def _check_communities(table: Table, plan: Plan, report: ImportReport) -> None:
    check = Checker(report, table)
    for row, values in table.rows:
        check.basic(row, values)
        key = (values["district"], values["subdistrict"], values["community"])
        if not all(key):
            continue
        if key in plan.communities:
            check.error(
                row,
                "community",
                gettext("%(name)s is listed twice (first in row %(first)d).")
                % {"name": key[2], "first": plan.communities[key].row},
            )
            continue
        parsed: dict = {}
        for name, parser in (
            ("office_hours", parse_hours),
            ("hours_exceptions", parse_exceptions),
            ("service_phones", parse_phones),
            ("fixed_days", parse_days),
            ("rest_stop_facilities", parse_facilities),
            ("latitude", parse_coordinate),
            ("longitude", parse_coordinate),
        ):
            try:
                parsed[name] = parser(values.get(name, ""))
            except CellError as error:
                check.error(row, name, str(error))
        lat, lng = parsed.get("latitude"), parsed.get("longitude")
        if "latitude" in parsed and "longitude" in parsed:
            if (lat is None) != (lng is None):
                check.error(
                    row,
                    "longitude" if lng is None else "latitude",
                    gettext("Give both latitude and longitude, or neither."),
                )
            elif lat is not None and not in_china(lat, lng):
                check.error(
                    row,
                    "latitude",
                    gettext(
                        "These coordinates are outside China. Check that latitude "
                        "and longitude are not swapped."
                    ),
                )
        households = values.get("households_served", "")
        if households:
            if not households.isdigit():
                check.error(
                    row,
                    "households_served",
                    gettext("Write a whole number, e.g. 3200."),
                )
            else:
                parsed["households_served"] = int(households)
        else:
            parsed["households_served"] = None
        for name in (
            "station_name",
            "address",
            "team_model",
            "fixed_days_note",
            "duty_summary",
            "rest_stop_note",
        ):
            parsed[name] = values.get(name, "")
        parsed["bureau_leader"] = values.get("bureau_leader", "")
        plan.communities[key] = CommunityRow(row=row, key=key, values=parsed)


def _check_staff(
    table: Table, plan: Plan, report: ImportReport, photos: PhotoSource
) -> None:
    check = Checker(report, table)
    existing_titles = dict(
        Staff.objects.filter(
            locale=Locale.get_default(), photo__isnull=False
        ).values_list("code", "photo__title")
    )
    for row, values in table.rows:
        check.basic(row, values)
        code = values["code"]
        if not code:
            continue
        if code in plan.staff:
            check.error(
                row,
                "code",
                gettext("Staff code %(code)s is listed twice (first in row %(first)d).")
                % {"code": code, "first": plan.staff[code].row},
            )
            continue
        parsed = {name: values.get(name, "") for name in ("name", "unit", "duties")}
        if values.get("role"):
            try:
                parsed["role"] = parse_choice(
                    values["role"], StaffRole.choices, gettext("role")
                )
            except CellError as error:
                check.error(row, "role", str(error))
        phone = values.get("work_phone", "")
        if phone:
            try:
                phone_validator(phone)
            except ValidationError:
                check.error(
                    row,
                    "work_phone",
                    gettext("'%(number)s' is not a phone number.") % {"number": phone},
                )
        parsed["work_phone"] = phone
        entry = StaffRow(row=row, code=code, values=parsed)
        photo = values.get("photo", "")
        if photo:
            entry.photo_name = Path(photo).name
            size = photos.size(entry.photo_name) if photos.available else None
            if size is None:
                if existing_titles.get(code) != entry.photo_name:
                    check.error(
                        row,
                        "photo",
                        gettext("The photo %(name)s is not among the uploaded photos.")
                        % {"name": entry.photo_name},
                    )
            elif size > MAX_PHOTO_BYTES:
                check.error(row, "photo", gettext("The photo is larger than 5 MB."))
            else:
                try:
                    data = photos.read(entry.photo_name)
                except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
                    data = b""
                problem = check_photo(data)
                if problem:
                    check.error(row, "photo", problem)
                else:
                    entry.photo_data = data
        plan.staff[code] = entry


def _check_assignments(table: Table, plan: Plan, report: ImportReport) -> None:
    check = Checker(report, table)
    seen: dict[tuple, int] = {}
    for row, values in table.rows:
        check.basic(row, values)
        key = (values["district"], values["subdistrict"], values["community"])
        code = values["staff_code"]
        if not all(key) or not code or not values.get("mode"):
            continue
        try:
            mode = parse_choice(
                values["mode"], ServiceMode.choices, gettext("way of serving")
            )
            days = parse_days(values.get("days", ""))
        except CellError as error:
            check.error(row, "mode" if "mode" in str(error) else "days", str(error))
            continue
        if (code, key) in seen:
            check.error(
                row,
                "staff_code",
                gettext(
                    "%(code)s is assigned to this community twice "
                    "(first in row %(first)d)."
                )
                % {"code": code, "first": seen[(code, key)]},
            )
            continue
        seen[(code, key)] = row
        plan.assignments.setdefault(key, []).append(
            AssignmentRow(row=row, staff_code=code, community=key, mode=mode, days=days)
        )


def _check_references(
    plan: Plan, tables: dict[str, Table], report: ImportReport, index: Page | None
) -> None:
    """Staff codes and communities named in one sheet must exist in the file or in
    the directory already."""
    locale = Locale.get_default()
    known_staff = dict(Staff.objects.filter(locale=locale).values_list("code", "role"))
    known_staff.update(
        {code: row.values.get("role") for code, row in plan.staff.items()}
    )
    if COMMUNITIES in tables:
        check = Checker(report, tables[COMMUNITIES])
        for row in plan.communities.values():
            code = row.values["bureau_leader"]
            if not code:
                continue
            if code not in known_staff:
                check.error(
                    row.row,
                    "bureau_leader",
                    gettext("No staff member has the code %(code)s.") % {"code": code},
                )
            elif known_staff[code] != StaffRole.BUREAU_LEADER:
                check.error(
                    row.row,
                    "bureau_leader",
                    gettext("%(code)s is not a linked bureau leader.") % {"code": code},
                )
    if ASSIGNMENTS in tables:
        check = Checker(report, tables[ASSIGNMENTS])
        existing = set(_existing_community_keys(index)) if index else set()
        for key, rows in plan.assignments.items():
            for row in rows:
                if row.staff_code not in known_staff:
                    check.error(
                        row.row,
                        "staff_code",
                        gettext("No staff member has the code %(code)s.")
                        % {"code": row.staff_code},
                    )
                if key not in plan.communities and key not in existing:
                    check.error(
                        row.row,
                        "community",
                        gettext("There is no community %(name)s in %(place)s.")
                        % {"name": key[2], "place": f"{key[0]} / {key[1]}"},
                    )


def _existing_community_keys(index: Page) -> dict[tuple, int]:
    titles = dict(
        Page.objects.descendant_of(index)
        .filter(depth__in=[index.depth + 1, index.depth + 2])
        .values_list("path", "title")
    )
    keys = {}
    step = Page.steplen
    for path, title, pk in CommunityPage.objects.descendant_of(index).values_list(
        "path", "title", "pk"
    ):
        district = titles.get(path[: (index.depth + 1) * step])
        subdistrict = titles.get(path[: (index.depth + 2) * step])
        keys[(district, subdistrict, title)] = pk
    return keys


def directory_root(locale: Locale | None = None) -> StationIndexPage | None:
    locale = locale or Locale.get_default()
    return StationIndexPage.objects.filter(locale=locale).order_by("path").first()


# Writing


def _unique_slug(parent: Page, name: str, taken: set[str]) -> str:
    base = pinyin_slug(name)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _publish(page: Page, user) -> Page:
    page.save_revision(user=user, clean=False, log_action=True).publish(
        user=user, skip_permission_checks=True
    )
    return page


class Writer:
    def __init__(self, plan: Plan, report: ImportReport, index: Page, user=None):
        self.dry_run = report.dry_run
        self.plan = plan
        self.report = report
        self.index = index
        self.user = user
        self.locale = index.locale
        self.staff: dict[str, Staff] = {}
        self.touched: list = []

    def write(self) -> None:
        # Wagtail re-indexes references on every save (a page saves three times when
        # published): index each written object once at the end instead.
        with disable_reference_index_auto_update():
            self.write_staff()
            self.write_pages()
        for instance in self.touched:
            ReferenceIndex.create_or_update_for_object(instance)
            if isinstance(instance, Page):
                search_index.reindex(instance)

    def write_staff(self) -> None:
        existing = {
            staff.code: staff
            for staff in Staff.objects.filter(locale=self.locale).select_related(
                "photo"
            )
        }
        image_model = get_image_model()
        images_by_hash: dict[str, object] = {}
        for code, row in self.plan.staff.items():
            staff = existing.get(code) or Staff(code=code, locale=self.locale)
            changed = staff.pk is None
            for name, value in row.values.items():
                if getattr(staff, name) != value:
                    setattr(staff, name, value)
                    changed = True
            if row.photo_data is not None:
                digest = hashlib.sha1(row.photo_data).hexdigest()  # noqa: S324
                if staff.photo is None or staff.photo.file_hash != digest:
                    image = images_by_hash.get(digest) or (
                        image_model.objects.filter(file_hash=digest).first()
                    )
                    if image is None and self.dry_run:
                        # A check must not leave files behind in media storage.
                        image = staff.photo
                    elif image is None:
                        image = image_model(
                            title=row.photo_name,
                            file=ImageFile(
                                io.BytesIO(row.photo_data), name=row.photo_name
                            ),
                        )
                        image._set_image_file_metadata()
                        image.save()
                    images_by_hash[digest] = image
                    staff.photo = image
                    changed = True
            elif not row.photo_name and staff.photo_id:
                staff.photo = None
                changed = True
            if changed:
                self.report.created["staff"] += staff.pk is None
                self.report.updated["staff"] += staff.pk is not None
                staff.full_clean(exclude=["translation_key", "locale", "photo"])
                if not self.dry_run:
                    staff.save()
                    self.touched.append(staff)
            else:
                self.report.unchanged["staff"] += 1
            self.staff[code] = staff
        missing = {
            row.staff_code
            for rows in self.plan.assignments.values()
            for row in rows
            if row.staff_code not in self.staff
        }
        for community in self.plan.communities.values():
            if community.values["bureau_leader"] not in self.staff:
                missing.add(community.values["bureau_leader"])
        for staff in Staff.objects.filter(locale=self.locale, code__in=missing):
            self.staff[staff.code] = staff

    def _area(self, parent: Page, model, title: str, cache: dict, kind: str) -> Page:
        key = (parent.pk or id(parent), title)
        if key in cache:
            return cache[key]
        page = None
        if parent.pk is not None:
            page = model.objects.child_of(parent).filter(title=title).first()
        if page is None:
            page = model(title=title)
            self.report.created[kind] += 1
            if not self.dry_run:
                taken = set(parent.get_children().values_list("slug", flat=True))
                page.slug = _unique_slug(parent, title, taken)
                self._create(parent, page)
        cache[key] = page
        return page

    def _create(self, parent: Page, page: Page) -> None:
        """Add a new live page in one save; its first revision comes with its first
        edit. (Publishing a revision per page would triple the time of a city-sized
        import.)"""
        page.first_published_at = page.last_published_at = timezone.now()
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=self.user)
        self.touched.append(page)

    def write_pages(self) -> None:
        areas: dict = {}
        slugs: dict[int, set[str]] = {}
        existing_keys = _existing_community_keys(self.index)
        community_ids = set(existing_keys.values())
        pages = {
            page.pk: page
            for page in CommunityPage.objects.filter(
                pk__in=community_ids
            ).prefetch_related("staff_links")
        }
        keys = list(self.plan.communities) + [
            key for key in self.plan.assignments if key not in self.plan.communities
        ]
        for key in keys:
            district = self._area(self.index, DistrictPage, key[0], areas, "district")
            subdistrict = self._area(
                district, SubdistrictPage, key[1], areas, "subdistrict"
            )
            page = pages.get(existing_keys.get(key))
            row = self.plan.communities.get(key)
            if page is None:
                self.report.created["community"] += 1
                if self.dry_run:
                    continue
                taken = slugs.setdefault(
                    subdistrict.pk,
                    set(subdistrict.get_children().values_list("slug", flat=True)),
                )
                page = CommunityPage(
                    title=key[2], slug=_unique_slug(subdistrict, key[2], taken)
                )
                self._apply(page, row)
                self._apply_links(page, self.plan.assignments.get(key))
                self._create(subdistrict, page)
                continue
            changed = self._apply(page, row)
            changed |= self._apply_links(page, self.plan.assignments.get(key))
            if changed:
                if not self.dry_run:
                    self.touched.append(_publish(page, self.user))
                self.report.updated["community"] += 1
            else:
                self.report.unchanged["community"] += 1
        self.report.unchanged["district"] = (
            len({key[0] for key in keys}) - self.report.created["district"]
        )
        self.report.unchanged["subdistrict"] = (
            len({key[:2] for key in keys}) - self.report.created["subdistrict"]
        )

    def _apply(self, page: CommunityPage, row: CommunityRow | None) -> bool:
        if row is None:
            return False
        values = row.values
        changed = False
        plain = {
            name: values[name]
            for name in (
                "station_name",
                "address",
                "team_model",
                "fixed_days_note",
                "duty_summary",
                "rest_stop_note",
                "households_served",
                "latitude",
                "longitude",
                "fixed_days",
                "rest_stop_facilities",
            )
        }
        for name, value in plain.items():
            current = getattr(page, name)
            if name in {"latitude", "longitude"} and current is not None:
                current = Decimal(current).quantize(Decimal("0.000001"))
            elif name in {"fixed_days", "rest_stop_facilities"}:
                current = sorted(current or [])  # a set: order is not a change
            if current != value:
                setattr(page, name, value)
                changed = True
        leader = self.staff.get(values["bureau_leader"])
        if (leader.pk if leader else None) != page.bureau_leader_id:
            page.bureau_leader = leader
            changed = True
        if hours_from_page(page.office_hours) != values["office_hours"]:
            page.office_hours = [
                (
                    "shift",
                    {
                        "days": [str(day) for day in days],
                        "opens": opens,
                        "closes": closes,
                    },
                )
                for days, opens, closes in values["office_hours"]
            ]
            changed = True
        if exceptions_from_page(page.hours_exceptions) != values["hours_exceptions"]:
            page.hours_exceptions = [
                (
                    "exception",
                    {
                        "start_date": start,
                        "end_date": end,
                        "closed": closed,
                        "opens": opens,
                        "closes": closes,
                        "note": note,
                    },
                )
                for start, end, closed, opens, closes, note in values[
                    "hours_exceptions"
                ]
            ]
            changed = True
        if phones_from_page(page.service_phones) != values["service_phones"]:
            page.service_phones = [
                ("phone", {"label": label, "number": number})
                for label, number in values["service_phones"]
            ]
            changed = True
        return changed

    def _apply_links(self, page: CommunityPage, rows: list | None) -> bool:
        if rows is None:
            return False
        wanted = [
            (self.staff[row.staff_code].pk, row.mode, list(row.days)) for row in rows
        ]
        current = [
            (link.staff_id, link.mode, list(link.days or []))
            for link in page.staff_links.all()
        ]
        if wanted == current and page.pk:
            return False
        page.staff_links = [
            CommunityStaff(staff_id=staff_id, mode=mode, days=days, sort_order=order)
            for order, (staff_id, mode, days) in enumerate(wanted)
        ]
        return True


# Entry points


def import_tables(
    tables: list[Table],
    photos: PhotoSource | None = None,
    dry_run: bool = True,
    user=None,
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    photos = photos or PhotoSource()
    by_kind: dict[str, Table] = {}
    for table in tables:
        if table.kind in by_kind:
            raise ImportFileError(
                gettext("Two sheets hold %(kind)s; merge them into one.")
                % {"kind": SHEET_LABELS[table.kind]}
            )
        by_kind[table.kind] = table
        report.rows[table.kind] = len(table.rows)
        report.ignored_columns.extend(table.ignored)
    index = directory_root()
    if index is None:
        raise ImportFileError(
            gettext("Create the station directory page first, then import.")
        )
    plan = Plan()
    if STAFF in by_kind:
        _check_staff(by_kind[STAFF], plan, report, photos)
    if COMMUNITIES in by_kind:
        _check_communities(by_kind[COMMUNITIES], plan, report)
    if ASSIGNMENTS in by_kind:
        _check_assignments(by_kind[ASSIGNMENTS], plan, report)
    _check_references(plan, by_kind, report, index)
    report.errors.sort(key=lambda error: (error.sheet, error.row))
    if report.errors:
        return report
    try:
        with transaction.atomic():
            Writer(plan, report, index, user).write()
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as error:  # a model rule the row checks missed
        report.errors.append(RowError("", 0, "", "; ".join(error.messages)))
    return report


def import_upload(upload, photos=None, dry_run=True, user=None) -> ImportReport:
    """Import an uploaded spreadsheet (and optional ZIP of photos) from the admin."""
    tables = read_spreadsheet(upload.read(), upload.name)
    source = PhotoSource(archive=photos.read()) if photos else PhotoSource()
    return import_tables(tables, source, dry_run=dry_run, user=user)


def import_paths(
    paths: list[Path], photos: Path | None = None, dry_run=True, user=None
) -> ImportReport:
    tables = []
    for path in paths:
        tables.extend(read_spreadsheet(Path(path).read_bytes(), Path(path).name))
    if photos is None:
        source = PhotoSource()
    elif Path(photos).is_dir():
        source = PhotoSource(folder=Path(photos))
    else:
        source = PhotoSource(archive=Path(photos).read_bytes())
    return import_tables(tables, source, dry_run=dry_run, user=user)


# Export: public fields only, in the shape the import reads.


def export_rows(locale: Locale, kind: str) -> tuple[list[str], list[list]]:
    headers = [str(column.label) for column in COLUMNS[kind]]
    index = directory_root(locale)
    rows: list[list] = []
    if kind == STAFF:
        for staff in Staff.objects.filter(locale=locale).select_related("photo"):
            rows.append(
                [
                    staff.code,
                    staff.name,
                    str(staff.get_role_display()),
                    staff.unit,
                    staff.work_phone,
                    staff.duties,
                    staff.photo.title if staff.photo else "",
                ]
            )
        return headers, rows
    if index is None:
        return headers, rows
    titles = dict(
        Page.objects.descendant_of(index)
        .filter(depth__in=[index.depth + 1, index.depth + 2])
        .values_list("path", "title")
    )
    step = Page.steplen
    communities = (
        CommunityPage.objects.descendant_of(index)
        .select_related("bureau_leader")
        .prefetch_related("staff_links__staff")
        .order_by("path")
    )
    for page in communities:
        place = [
            titles.get(page.path[: (index.depth + 1) * step], ""),
            titles.get(page.path[: (index.depth + 2) * step], ""),
            page.title,
        ]
        if kind == ASSIGNMENTS:
            for link in page.staff_links.all():
                rows.append(
                    [
                        link.staff.code,
                        *place,
                        str(link.get_mode_display()),
                        format_days(link.days or []),
                    ]
                )
            continue
        rows.append(
            [
                *place,
                page.station_name,
                page.address,
                "" if page.latitude is None else f"{page.latitude:.6f}",
                "" if page.longitude is None else f"{page.longitude:.6f}",
                format_hours(hours_from_page(page.office_hours)),
                format_exceptions(exceptions_from_page(page.hours_exceptions)),
                format_phones(phones_from_page(page.service_phones)),
                "" if page.households_served is None else page.households_served,
                page.team_model,
                format_days(page.fixed_days or []),
                page.fixed_days_note,
                page.duty_summary,
                page.bureau_leader.code if page.bureau_leader else "",
                format_facilities(page.rest_stop_facilities or []),
                page.rest_stop_note,
            ]
        )
    return headers, rows


def export_workbook(locale: Locale) -> bytes:
    return xlsx_bytes(
        (SHEET_LABELS[kind], *export_rows(locale, kind))
        for kind in (COMMUNITIES, STAFF, ASSIGNMENTS)
    )


def export_csv(locale: Locale, kind: str, encoding: str = "utf-8-sig") -> bytes:
    return csv_bytes(*export_rows(locale, kind), encoding=encoding)
