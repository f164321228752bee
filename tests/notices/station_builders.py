"""Builders for station-directory tests: a small published tree, staff with real
(tiny) photos, spreadsheets in the import's format and their import."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from notices.models import (
    CommunityPage,
    CommunityStaff,
    DistrictPage,
    Staff,
    StationIndexPage,
    SubdistrictPage,
)
from notices.stations.bulk.columns import ASSIGNMENTS, COLUMNS, COMMUNITIES, STAFF
from notices.stations.bulk.importing import import_tables
from notices.stations.bulk.reading import PhotoSource, read_spreadsheet
from tests.conftest import publish, translate
from tests.notices.workbook_builders import workbook

WEEKDAYS = ["1", "2", "3", "4", "5"]


def photo_bytes(colour=(200, 120, 80), size=(60, 75), image_format="JPEG") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def image(title: str = "photo.jpg", colour=(200, 120, 80)):
    model = get_image_model()
    picture = model(
        title=title, file=ImageFile(io.BytesIO(photo_bytes(colour)), name=title)
    )
    picture._set_image_file_metadata()
    picture.save()
    return picture


def staff(code: str, locale, **fields) -> Staff:
    values = {
        "name": f"队员{code}",
        "role": "law_enforcement",
        "unit": "黄河街道城管中队",
        "work_phone": "0516-80000001",
        "duties": "巡查占道经营。",
        **fields,
    }
    return Staff.objects.create(code=code, locale=locale, **values)


def hours() -> list:
    return [
        (
            "shift",
            {"days": WEEKDAYS, "opens": dt.time(8, 30), "closes": dt.time(12, 0)},
        ),
        (
            "shift",
            {"days": WEEKDAYS, "opens": dt.time(14, 0), "closes": dt.time(17, 30)},
        ),
    ]


def directory(home, title: str = "找驻点") -> StationIndexPage:
    page = StationIndexPage(title=title, slug="stations", show_in_menus=True)
    home.add_child(instance=page)
    return publish(page)


def area(parent, model, title: str, slug: str):
    page = model(title=title, slug=slug)
    parent.add_child(instance=page)
    return publish(page)


def community(parent, title: str, slug: str, members=(), **fields) -> CommunityPage:
    values = {
        "station_name": f"{title}城管工作站",
        "address": f"{title}党群服务中心",
        "latitude": Decimal("34.264100"),
        "longitude": Decimal("117.184100"),
        "office_hours": hours(),
        "service_phones": [
            ("phone", {"label": "值班电话", "number": "0516-83000000"}),
        ],
        "team_model": "1+N+X",
        **fields,
    }
    page = CommunityPage(title=title, slug=slug, **values)
    page.staff_links = [
        CommunityStaff(staff=member, mode="resident", days=[1, 2, 3, 4, 5])
        for member in members
    ]
    parent.add_child(instance=page)
    return publish(page)


def small_tree(site, communities: int = 2, staff_per_community: int = 2, photos=True):
    """One district, one subdistrict (黄河街道) and `communities` stations; the first
    is 黄河社区. Returns (directory, district, subdistrict, [communities])."""
    index = directory(site.home_zh)
    district = area(index, DistrictPage, "黄河区", "huanghe-qu")
    sub = area(district, SubdistrictPage, "黄河街道", "huanghe-jiedao")
    names = ["黄河社区", "滨湖社区", "建国社区", "民主社区", "光明社区", "和平社区"]
    pages = []
    for number in range(communities):
        title = names[number] if number < len(names) else f"第{number}社区"
        members = [
            staff(
                f"S{number:03d}{member}",
                site.zh,
                name=f"职员{number}-{member}",
                photo=image(f"s{number}-{member}.jpg") if photos else None,
            )
            for member in range(staff_per_community)
        ]
        pages.append(community(sub, title, f"c{number}", members=members))
    return index, district, sub, pages


def translate_tree(site, pages):
    """English translations of the given pages (parents first)."""
    return [translate(page, site.en, title=f"EN {page.title}") for page in pages]


def headers(kind: str) -> list[str]:
    return [column.key for column in COLUMNS[kind]]


def community_row(district="黄河区", sub="黄河街道", name="黄河社区", **values) -> list:
    defaults = {
        "district": district,
        "subdistrict": sub,
        "community": name,
        "station_name": f"{name}城管工作站",
        "address": f"{name}党群服务中心",
        "latitude": "34.2641",
        "longitude": "117.1841",
        "office_hours": "1-5 08:30-12:00,14:00-17:30; 6 09:00-12:00",
        "hours_exceptions": "2026-10-01..2026-10-07 closed 国庆节",
        "service_phones": "值班电话: 0516-83000000; 服务热线: 12319",
        "households_served": "3200",
        "team_model": "1+N+X",
        "fixed_days": "2,4",
        "fixed_days_note": "每月不少于4天",
        "duty_summary": "占道经营、飞线充电。",
        "bureau_leader": "",
        "rest_stop_facilities": "water, charging",
        "rest_stop_note": "",
        **values,
    }
    return [defaults[key] for key in headers("communities")]


def staff_row(code="S001", **values) -> list:
    defaults = {
        "code": code,
        "name": f"职员{code}",
        "role": "执法队员",
        "unit": "黄河街道城管中队",
        "work_phone": "0516-80000001",
        "duties": "巡查占道经营。",
        "photo": "",
        **values,
    }
    return [defaults[key] for key in headers("staff")]


def assignment_row(code="S001", name="黄河社区", **values) -> list:
    defaults = {
        "staff_code": code,
        "district": "黄河区",
        "subdistrict": "黄河街道",
        "community": name,
        "mode": "resident",
        "days": "1-5",
        **values,
    }
    return [defaults[key] for key in headers("assignments")]


def full_workbook(communities=None, staff=None, assignments=None) -> bytes:
    """A workbook with all three sheets: one community and two staff by default."""
    return workbook(
        {
            "社区": [headers(COMMUNITIES), *(communities or [community_row()])],
            "人员": [
                headers(STAFF),
                *(staff or [staff_row("S001"), staff_row("S002", role="网格员")]),
            ],
            "驻点安排": [
                headers(ASSIGNMENTS),
                *(
                    assignments
                    or [
                        assignment_row("S001"),
                        assignment_row("S002", mode="轮驻", days="周二、周四"),
                    ]
                ),
            ],
        }
    )


def run_import(data: bytes, name="stations.xlsx", dry_run=False, photos=None):
    """Import a file (and a ZIP of photos) as an upload would be imported."""
    source = PhotoSource(archive=photos) if photos else None
    return import_tables(read_spreadsheet(data, name), source, dry_run=dry_run)


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
