"""Benchmark: import a city-sized station spreadsheet (600 communities, 1,800 staff with
photos, 1,800 assignments), then import it again (which must change nothing).

    .venv/bin/python bench/stations_import.py [--communities 600] [--no-photos]

Runs on a scratch SQLite database in bench/out/ unless DATABASE_URL is set; prints the
timings and writes them to bench/out/stations_import.txt.
"""

import argparse
import io
import os
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
FIRST = "黄淮彭云泉湖翟铜丰沛睢邳新贾鼓汉楚东西南北金银玉翠春秋和平安"
SECOND = "河海城龙山滨园林苑湾桥港溪岭泽源"


def city_position(index: int) -> tuple[str, str]:
    """Where the index-th bench community's station is (latitude, longitude), around
    the demo city (Loudi): each district of 60 a block of 6 by 10 stations, four
    blocks a row, each station ~1 km from its neighbours with a little jitter."""
    district, local = divmod(index, 60)
    sub, place = divmod(local, 10)
    column = (district % 4) * 6 + (sub % 3) * 2 + place % 2
    row = (district // 4) * 10 + (sub // 3) * 5 + place // 2
    jitter_lat = ((index * 7919) % 100 - 50) / 50 * 0.003
    jitter_lng = ((index * 104729) % 100 - 50) / 50 * 0.003
    return (
        f"{27.55 + row * 0.010 + jitter_lat:.6f}",
        f"{111.78 + column * 0.011 + jitter_lng:.6f}",
    )


def build_workbook(communities: int, photos: bool) -> tuple[bytes, bytes | None]:
    from openpyxl import Workbook
    from PIL import Image

    from notices.stations.bulk.columns import ASSIGNMENTS, COLUMNS, COMMUNITIES, STAFF

    book = Workbook(write_only=True)
    sheets = {
        kind: book.create_sheet(kind) for kind in (COMMUNITIES, STAFF, ASSIGNMENTS)
    }
    for kind, sheet in sheets.items():
        sheet.append([column.key for column in COLUMNS[kind]])
    archive_buffer = io.BytesIO()
    archive = zipfile.ZipFile(archive_buffer, "w") if photos else None
    roles = ["执法队员", "网格员", "联络员", "环卫", "市政", "园林", "站长"]
    number = 0
    for index in range(communities):
        district = f"{FIRST[index // 60 % len(FIRST)]}{SECOND[0]}区"
        subdistrict = f"{FIRST[index // 10 % len(FIRST)]}{SECOND[index // 10 % 5]}街道"
        stem = FIRST[index % len(FIRST)] + SECOND[index // len(FIRST) % len(SECOND)]
        name = f"{stem}{index}社区"
        sheets[COMMUNITIES].append(
            [
                district, subdistrict, name, f"{name}城管工作站", f"{name}党群服务中心",
                *city_position(index),
                "1-5 08:30-12:00,14:00-17:30; 6 09:00-12:00",
                "2026-10-01..2026-10-07 closed 国庆节",
                "值班电话: 0516-83000000; 服务热线: 12319",
                str(1500 + index), "1+N+X", "2,4", "每月不少于4天", "占道经营。",
                "", "water, charging" if index % 4 == 0 else "", "",
            ]
        )  # fmt: skip
        for member in range(3):
            number += 1
            code = f"B{number:05d}"
            photo = f"{code}.jpg" if photos else ""
            sheets[STAFF].append(
                [code, f"职员{number}", roles[number % len(roles)],
                 f"{subdistrict}中队", f"0516-8{number:06d}", "巡查、劝导。", photo]
            )  # fmt: skip
            sheets[ASSIGNMENTS].append(
                [code, district, subdistrict, name, ["常驻", "轮驻", "巡驻"][member],
                 "1-5" if member == 0 else "2,4"]
            )  # fmt: skip
            if archive is not None:
                buffer = io.BytesIO()
                colour = (number * 37 % 255, number * 91 % 255, 180)
                Image.new("RGB", (60, 75), colour).save(buffer, format="JPEG")
                archive.writestr(photo, buffer.getvalue())
    data = io.BytesIO()
    book.save(data)
    if archive is not None:
        archive.close()
    return data.getvalue(), archive_buffer.getvalue() if photos else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--communities", type=int, default=600)
    parser.add_argument("--no-photos", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "stations_import.sqlite3"
    if "DATABASE_URL" not in os.environ:
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("MEDIA_ROOT", str(OUT / "media"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    from home.demo import ensure_home
    from notices.models import CommunityPage, Staff, StationIndexPage
    from notices.stations.bulk.importing import import_tables
    from notices.stations.bulk.reading import PhotoSource, read_spreadsheet

    call_command("migrate", verbosity=0)
    home = ensure_home()
    if not StationIndexPage.objects.exists():
        home.add_child(instance=StationIndexPage(title="找驻点", slug="stations"))

    started = time.perf_counter()
    data, photos = build_workbook(args.communities, photos=not args.no_photos)
    built = time.perf_counter() - started
    lines = [
        f"stations import benchmark: {args.communities} communities, "
        f"{args.communities * 3} staff, {args.communities * 3} assignments, "
        f"photos: {'yes' if photos else 'no'}; database: "
        f"{os.environ['DATABASE_URL'].split(':')[0]}",
        f"workbook built in {built:.1f} s ({len(data) / 1024:.0f} KB"
        + (f", photos ZIP {len(photos) / 1024:.0f} KB)" if photos else ")"),
    ]
    for label, dry_run in (
        ("check (dry run)", True),
        ("import", False),
        ("re-import", False),
    ):
        started = time.perf_counter()
        tables = read_spreadsheet(data, "stations.xlsx")
        report = import_tables(
            tables, PhotoSource(archive=photos) if photos else None, dry_run=dry_run
        )
        elapsed = time.perf_counter() - started
        if report.errors:
            print("\n".join(str(error) for error in report.errors[:20]))  # noqa: T201
            return 1
        lines.append(f"{label}: {elapsed:.1f} s — {report.summary()}")
    lines.append(
        f"in the database: {CommunityPage.objects.count()} communities, "
        f"{Staff.objects.count()} staff, {Page.objects.count()} pages"
    )
    text = "\n".join(lines)
    print(text)  # noqa: T201
    (OUT / "stations_import.txt").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
