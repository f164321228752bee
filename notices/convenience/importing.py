"""Importing convenience points from a CSV file or an XLSX workbook: every row is
checked first, and the points are written only when no row has a problem (all or
nothing). A row names its community by name ("黄河社区"), or with its subdistrict
and district when two share a name ("黄河街道/黄河社区"). A point already on the map
(same community, category and name) is updated rather than added twice."""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from notices.convenience.admin import community_keys
from notices.convenience.models import (
    CATEGORY_ALIASES,
    Accessibility,
    Category,
    ConveniencePoint,
    city_box,
    location_problem,
)
from notices.stations.bulk.reading import decode_csv
from notices.stations.community import CommunityPage, RestStopFacility
from portal.spreadsheets import (
    ImportFileError,
    RowError,
    alias_table,
    check_row_count,
    open_xlsx,
    text_key,
)
from portal.text import clauses

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    required: bool = False
    max_length: int | None = None


COLUMNS = [
    Column("category", _("Category"), True),
    Column("name", pgettext_lazy("object", "Name"), True, 120),
    Column("community", _("Community"), True),
    Column("latitude", _("Latitude"), True),
    Column("longitude", _("Longitude"), True),
    Column("address", _("Address"), max_length=200),
    Column("hours", _("Opening hours")),
    Column("accessibility", _("Accessibility")),
    Column("facilities", _("Facilities")),
    Column("note", _("Note"), max_length=200),
]
LABELS = {column.key: column.label for column in COLUMNS}
SHEET = _("Convenience points")

ALL_DAY = {text_key(word) for word in ("全天", "24小时", "24h", "24/7", "全天开放")}
ALL_DAY |= {text_key(str(_("open day and night")))}
WEEKDAY_WORDS = {
    "周一": "1", "周二": "2", "周三": "3", "周四": "4", "周五": "5", "周六": "6",
    "周日": "7", "周天": "7", "星期一": "1", "星期二": "2", "星期三": "3",
    "星期四": "4", "星期五": "5", "星期六": "6", "星期日": "7", "星期天": "7",
    "mon": "1", "tue": "2", "wed": "3", "thu": "4", "fri": "5", "sat": "6", "sun": "7",
}  # fmt: skip
RANGE = r"\s*[-–~至到]\s*"
DAYS = rf"[1-7](?:{RANGE}[1-7])?(?:\s*[,，、]\s*[1-7](?:{RANGE}[1-7])?)*"
SHIFT = re.compile(
    rf"^(?:(?P<days>{DAYS})\s*)?(?P<opens>\d{{1,2}}[:：]\d{{2}}){RANGE}"
    rf"(?P<closes>\d{{1,2}}[:：]\d{{2}})$"
)


@dataclass
class Report:
    dry_run: bool
    rows: int = 0
    added: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            ngettext("%(n)d point added", "%(n)d points added", self.added)
            % {"n": self.added},
            ngettext("%(n)d point updated", "%(n)d points updated", self.updated)
            % {"n": self.updated},
        ]
        text = clauses(parts)
        if self.dry_run:
            text = gettext("Checked, nothing written: %(summary)s") % {"summary": text}
        return text


# Reading


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


# Headers people write besides the columns' labels.
HEADER_ALIASES = {"类别": "category", "种类": "category", "点位名称": "name"}


def header_aliases() -> dict[str, str]:
    aliases = alias_table((column.key, column.label) for column in COLUMNS)
    aliases.update({text_key(word): key for word, key in HEADER_ALIASES.items()})
    return aliases


def table_of(rows, sheet: str) -> tuple[list[tuple[int, dict]], list[str]] | None:
    """The rows (row number, values by column key) and the ignored headers of a
    sheet whose header row has every required column; None otherwise."""
    aliases = header_aliases()
    iterator = iter(rows)
    header, header_number = None, 0
    for number, row in enumerate(iterator, start=1):
        cells = [cell_text(cell) for cell in row]
        if any(cells):
            header, header_number = cells, number
            break
    if header is None:
        return None
    positions = {
        index: aliases[text_key(text)]
        for index, text in enumerate(header)
        if text_key(text) in aliases
    }
    required = {column.key for column in COLUMNS if column.required}
    if not required <= set(positions.values()):
        return None
    ignored = [text for text in header if text and text_key(text) not in aliases]
    data = []
    for row_number, row in enumerate(iterator, start=header_number + 1):
        values = {
            key: cell_text(row[index]) if index < len(row) else ""
            for index, key in positions.items()
        }
        if any(values.values()):
            data.append((row_number, values))
            check_row_count(sheet, len(data), MAX_ROWS)
    return data, ignored


def read_upload(data: bytes, name: str) -> tuple[str, list, list[str]]:
    """(sheet name, rows, ignored headers) of the first sheet with the columns."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(gettext("The file is larger than 5 MB."))
    if data[:2] == b"PK" or name.lower().endswith(".xlsx"):
        with open_xlsx(data) as worksheets:
            for sheet in worksheets:
                found = table_of(sheet.iter_rows(values_only=True), sheet.title)
                if found is not None:
                    return sheet.title, *found
    else:
        text = decode_csv(data)
        if "\x00" in text:
            raise ImportFileError(gettext("This is not a text CSV file."))
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as error:
            raise ImportFileError(
                gettext("This CSV file is malformed: %(reason)s") % {"reason": error}
            ) from error
        found = table_of(rows, Path(name).name)
        if found is not None:
            return Path(name).name, *found
    raise ImportFileError(
        gettext(
            "No sheet has the columns Category, Name, Community, Latitude and "
            "Longitude. Start from the template on this page."
        )
    )


# Checking one cell


class CellError(ValueError):
    pass


def choice(value: str, choices, extra: dict | None = None) -> str:
    table = alias_table(choices)
    table.update({text_key(word): key for word, key in (extra or {}).items()})
    key = table.get(text_key(value))
    if key is None:
        raise CellError(gettext("Unknown value: %(value)s") % {"value": value})
    return key


def choices_list(value: str, choices) -> list[str]:
    parts = [part for part in re.split(r"[,，、;；/\n]+", value) if part.strip()]
    return list(dict.fromkeys(choice(part.strip(), choices) for part in parts))


def coordinate(value: str) -> Decimal:
    try:
        number = Decimal(value.replace("，", "."))
    except InvalidOperation as error:
        raise CellError(
            gettext("Not a number: %(value)s") % {"value": value}
        ) from error
    if not number.is_finite() or abs(number) >= 1000:
        raise CellError(gettext("Not a coordinate: %(value)s") % {"value": value})
    return number.quantize(Decimal("0.000001"))


def clock(value: str) -> dt.time:
    hours, minutes = value.replace("：", ":").split(":")
    if hours == "24" and minutes == "00":
        return dt.time(23, 59)
    return dt.time(int(hours), int(minutes))


def day_numbers(text: str) -> list[str]:
    days: list[int] = []
    for part in re.split(r"\s*[,，、]\s*", text):
        ends = re.split(RANGE, part)
        first, last = int(ends[0]), int(ends[-1])
        if last < first:
            raise CellError(gettext("Weekdays run from 1 (Monday) to 7 (Sunday)."))
        days.extend(range(first, last + 1))
    return [str(day) for day in sorted(set(days))]


def hours(value: str) -> tuple[bool, list]:
    """(open day and night, shifts as StreamField data) from the hours cell:
    "全天", or shifts such as "1-5 08:00-18:00；6-7 09:00-12:00" (weekdays 1 =
    Monday … 7 = Sunday, 周一至周五 too; no weekdays: every day)."""
    if not value:
        return False, []
    if text_key(value) in ALL_DAY:
        return True, []
    text = value.casefold()
    for word, number in sorted(WEEKDAY_WORDS.items(), key=lambda w: -len(w[0])):
        text = text.replace(word, number)
    shifts = []
    for part in re.split(r"[;；\n]+", text):
        part = part.strip()
        if not part:
            continue
        match = SHIFT.match(part)
        try:
            opens, closes = clock(match["opens"]), clock(match["closes"])
        except (TypeError, ValueError) as error:
            raise CellError(
                gettext(
                    "Write hours as 08:00-18:00, with weekdays first if needed "
                    "(1-5 08:00-18:00; 6-7 09:00-12:00), or 全天 (day and night)."
                )
            ) from error
        if opens >= closes:
            raise CellError(gettext("Closing time must be after opening."))
        days = day_numbers(match["days"]) if match["days"] else list("1234567")
        shifts.append(("shift", {"days": days, "opens": opens, "closes": closes}))
    return False, shifts


# Communities by name


class Communities:
    """The live communities of the default language, found by name or by
    "subdistrict/community" or "district/subdistrict/community"."""

    def __init__(self, locale: Locale):
        pages = list(
            CommunityPage.objects.live()
            .filter(locale=locale)
            .only("title", "path", "translation_key")
        )
        paths = {page.path[: -Page.steplen] for page in pages}
        paths |= {path[: -Page.steplen] for path in paths}
        self.titles = dict(
            Page.objects.filter(path__in=paths).values_list("path", "title")
        )
        self.pages = pages

    def place(self, page) -> list[str]:
        parent = page.path[: -Page.steplen]
        return [
            self.titles.get(parent[: -Page.steplen], ""),
            self.titles.get(parent, ""),
            page.title,
        ]

    def find(self, value: str):
        parts = [part.strip() for part in re.split(r"[/／>]", value) if part.strip()]
        if not parts:
            raise CellError(gettext("Name a community."))
        found = [
            page for page in self.pages if self.place(page)[-len(parts) :] == parts[-3:]
        ]
        if not found:
            raise CellError(
                gettext("No community is called %(name)s.") % {"name": value}
            )
        if len(found) > 1:
            raise CellError(
                gettext(
                    "Two or more communities are called %(name)s: write "
                    "subdistrict/community."
                )
                % {"name": value}
            )
        return found[0]


# Checking and writing


def check_rows(rows, sheet: str, report: Report, user) -> list[dict]:
    locale = Locale.get_default()
    communities = Communities(locale)
    allowed = community_keys(user) if user is not None else None
    allowed = (
        None
        if allowed is None
        else set(allowed.values_list("translation_key", flat=True))
    )
    box = city_box()
    seen: dict[tuple, int] = {}
    places: dict[tuple, int] = {}
    planned = []

    def error(row, key, message):
        report.errors.append(RowError(sheet, row, str(LABELS[key]), str(message)))

    for number, values in rows:
        point: dict = {}
        bad = False
        for column in COLUMNS:
            value = values.get(column.key, "")
            if column.required and not value:
                error(number, column.key, gettext("This column is required."))
                bad = True
            elif column.max_length and len(value) > column.max_length:
                error(
                    number,
                    column.key,
                    gettext("At most %(n)d characters.") % {"n": column.max_length},
                )
                bad = True
        if bad:
            continue
        try:
            point["category"] = choice(
                values["category"], Category.choices, CATEGORY_ALIASES
            )
        except CellError as problem:
            error(number, "category", problem)
        try:
            community = communities.find(values["community"])
            if allowed is not None and community.translation_key not in allowed:
                raise CellError(gettext("Choose a community you work for."))
            point["community"] = community
        except CellError as problem:
            error(number, "community", problem)
        try:
            point["latitude"] = coordinate(values["latitude"])
            point["longitude"] = coordinate(values["longitude"])
        except CellError as problem:
            error(number, "latitude", problem)
        else:
            problem = location_problem(point["latitude"], point["longitude"], box)
            if problem:
                error(number, "latitude", problem)
        try:
            point["open_all_day"], point["hours"] = hours(values.get("hours", ""))
        except CellError as problem:
            error(number, "hours", problem)
        for key, options in (
            ("accessibility", Accessibility.choices),
            ("facilities", RestStopFacility.choices),
        ):
            try:
                point[key] = choices_list(values.get(key, ""), options)
            except CellError as problem:
                error(number, key, problem)
        point["name"] = values["name"]
        point["address"] = values.get("address", "")
        point["note"] = values.get("note", "")
        if "community" in point and "category" in point:
            same = (point["community"].pk, point["category"], point["name"])
            spot = (point["category"], point.get("latitude"), point.get("longitude"))
            if same in seen:
                error(
                    number,
                    "name",
                    gettext("The same point as row %(row)d.") % {"row": seen[same]},
                )
            elif "latitude" in point and spot in places:
                error(
                    number,
                    "latitude",
                    gettext("Row %(row)d puts a point of this category here.")
                    % {"row": places[spot]},
                )
            seen.setdefault(same, number)
            if "latitude" in point:
                places.setdefault(spot, number)
        point["row"] = number
        planned.append(point)
    return planned


def write(planned: list[dict], report: Report) -> None:
    locale = Locale.get_default()
    for values in planned:
        values = dict(values)
        row = values.pop("row")
        existing = ConveniencePoint.objects.filter(
            locale=locale,
            community=values["community"],
            category=values["category"],
            name=values["name"],
        ).first()
        point = existing or ConveniencePoint(locale=locale)
        for key, value in values.items():
            setattr(point, key, value)
        try:
            point.full_clean()
        except ValidationError as error:
            report.errors.append(RowError(str(SHEET), row, "", clauses(error.messages)))
            continue
        point.save()
        if existing:
            report.updated += 1
        else:
            report.added += 1


def import_points(data: bytes, name: str, dry_run: bool = True, user=None) -> Report:
    """Check every row of the upload; write them all (unless `dry_run`) only when
    none has a problem."""
    sheet, rows, ignored = read_upload(data, name)
    report = Report(dry_run=dry_run, rows=len(rows), ignored_columns=ignored)
    planned = check_rows(rows, sheet, report, user)
    if report.errors:
        return report
    with transaction.atomic():
        write(planned, report)
        if dry_run or report.errors:
            transaction.set_rollback(True)
    if report.errors:
        report.added = report.updated = 0
    return report
