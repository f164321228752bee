"""Export: public fields only, in the shape the import reads, so a file exported
imports back unchanged."""

from wagtail.models import Locale, Page

from notices.stations.bulk.cells import (
    exceptions_from_page,
    format_days,
    format_exceptions,
    format_facilities,
    format_hours,
    format_phones,
    hours_from_page,
    phones_from_page,
)
from notices.stations.bulk.checking import directory_root
from notices.stations.bulk.columns import (
    ASSIGNMENTS,
    COLUMNS,
    COMMUNITIES,
    SHEET_LABELS,
    STAFF,
)
from notices.stations.community import CommunityPage
from notices.stations.staff import Staff
from portal.exports import csv_bytes, xlsx_bytes


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
