"""Checking: every row and every column, before anything is written. The result is a
`Plan` of valid rows, or errors named by sheet, row and column."""

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from notices.stations.bulk.cells import (
    parse_choice,
    parse_coordinate,
    parse_days,
    parse_exceptions,
    parse_facilities,
    parse_hours,
    parse_phones,
)
from notices.stations.bulk.columns import (
    ASSIGNMENTS,
    COLUMNS,
    COMMUNITIES,
    MAX_PHOTO_BYTES,
    TEXT_COLUMNS,
    ImportReport,
)
from notices.stations.bulk.reading import (
    PhotoSource,
    Table,
    check_photo,
)
from notices.stations.community import CommunityPage
from notices.stations.geo import in_china
from notices.stations.pages import StationIndexPage
from notices.stations.staff import ServiceMode, Staff, StaffRole, phone_validator
from portal.spreadsheets import (
    CellError,
    RowError,
)


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


def check_communities(table: Table, plan: Plan, report: ImportReport) -> None:
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
        for name in TEXT_COLUMNS:
            parsed[name] = values.get(name, "")
        parsed["bureau_leader"] = values.get("bureau_leader", "")
        plan.communities[key] = CommunityRow(row=row, key=key, values=parsed)


def check_staff(
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


def check_assignments(table: Table, plan: Plan, report: ImportReport) -> None:
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


def check_references(
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
        existing = set(existing_community_keys(index)) if index else set()
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


def existing_community_keys(index: Page) -> dict[tuple, int]:
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
