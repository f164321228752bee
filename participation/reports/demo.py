"""Demo reports: a year of residents' reports across a few demo communities, in every
state, with replies, ratings, a published example and an accepted suggestion; the
2026 public holidays and make-up working days; the home page's "report a problem"
quick link. Idempotent (each demo report has a fixed one-time key). All fictional:
no real person, phone or place; every text is marked as demo.
"""

import math
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from home.demo import add_quick_links, home_pages
from notices.models import CommunityPage
from participation.departments.models import Department
from participation.reports.categories import find_item
from participation.reports.handling import record_mode
from participation.reports.merging import merge
from participation.reports.models import (
    EventKind,
    HandlingMode,
    Report,
    ReportKind,
    ReportSupporter,
)
from participation.reports.nearby import METRES_PER_DEGREE
from participation.reports.publication import publish
from participation.reports.resident_actions import rate
from participation.reports.staff_actions import (
    accept,
    assign,
    close,
    escalate,
    refer,
    reject,
    reply,
    resolve,
    start_work,
)
from participation.reports.submitting import submit_report
from participation.reports.support import add_support
from participation.reports.workflow import ReportError
from portal.models import DayKind, Holiday

# 2026 holidays as the State Council announced them (demo: check the official notice
# each year and enter it in the admin under Settings → Holidays).
HOLIDAYS_2026 = [
    ("2026-01-01", "2026-01-03", "元旦"),
    ("2026-02-15", "2026-02-23", "春节"),
    ("2026-04-04", "2026-04-06", "清明节"),
    ("2026-05-01", "2026-05-05", "劳动节"),
    ("2026-06-19", "2026-06-21", "端午节"),
    ("2026-09-25", "2026-09-27", "中秋节"),
    ("2026-10-01", "2026-10-07", "国庆节"),
]
MAKE_UP_DAYS_2026 = [
    ("2026-01-04", "元旦调休"),
    ("2026-02-14", "春节调休"),
    ("2026-02-28", "春节调休"),
    ("2026-05-09", "劳动节调休"),
    ("2026-09-20", "国庆节调休"),
    ("2026-10-10", "国庆节调休"),
]

# (key, community, duty code, kind, days ago, location, description, outcome)
# outcome: what staff did: "new", "accepted", "dispatched", "in_progress",
# "resolved", "closed:<rating>", "rejected", "referred", "escalated", "published"
REPORTS = [
    ("01", "黄河社区", "SR-01", "problem", 300, "黄河路与建国路交叉口",
     "早高峰有流动摊贩占用人行道，行人只能走机动车道。（演示数据）", "closed:5"),
    ("02", "黄河社区", "EH-01", "problem", 260, "黄河新村3号楼2单元",
     "楼道里堆放旧家具和纸箱，挡住了消防通道。（演示数据）", "published"),
    ("03", "滨湖社区", "SR-02", "problem", 220, "滨湖路菜场门口",
     "几家商户把货架摆到店外，占了半条人行道。（演示数据）", "closed:4"),
    ("04", "滨湖社区", "SR-01", "suggestion", 190, "滨湖小区南门",
     "建议在小区南门设一个早餐便民点，固定时间经营，方便上班族。（演示数据）",
     "suggestion"),
    ("05", "光明社区", "EH-01", "problem", 150, "光明里小区12号楼",
     "有住户从窗口拉电线给电动车充电，存在安全隐患。（演示数据）", "closed:3"),
    ("06", "光明社区", "SR-02", "problem", 120, "光明街夜市",
     "夜市收摊后垃圾没有清理，第二天早上满地油污。（演示数据）", "closed:2"),
    ("07", "新华社区", "SR-01", "problem", 90, "新华书店门前",
     "门前三包责任区长期堆放杂物。（演示数据）", "rejected"),
    ("08", "新华社区", "EH-01", "problem", 60, "新华小区地下车库入口",
     "入口处有一辆僵尸车停了半年多，轮胎都瘪了。（演示数据）", "referred"),
    ("09", "黄河社区", "SR-02", "problem", 40, "黄河路18号烧烤店",
     "烧烤店油烟直排，楼上住户开不了窗。（演示数据）", "escalated"),
    ("10", "滨湖社区", "EH-01", "problem", 20, "滨湖小区5号楼",
     "装修垃圾堆在绿化带里一周没人清运。（演示数据）", "resolved"),
    ("11", "光明社区", "SR-01", "problem", 6, "光明路地铁口",
     "地铁口周边共享单车乱停乱放。（演示数据）", "in_progress"),
    ("12", "黄河社区", "EH-01", "problem", 4, "黄河新村7号楼",
     "楼道堆放电动车电池，有异味。（演示数据）", "dispatched"),
    ("13", "新华社区", "SR-02", "problem", 2, "新华路口水果店",
     "水果摊占用盲道。（演示数据）", "accepted"),
    ("14", "滨湖社区", "SR-01", "problem", 1, "滨湖公园东门",
     "傍晚有流动摊贩叫卖，音响声音很大。（演示数据）", "new"),
    ("15", "黄河社区", "EH-01", "problem", 0, "黄河新村1号楼",
     "楼道灯坏了，晚上很黑。（演示数据）", "new"),
    ("16", "黄河社区", "EH-01", "problem", 3, "黄河新村7号楼2单元",
     "7号楼楼道里又堆了好几块电动车电池。（演示数据）", "new"),
]  # fmt: skip

# How staff handled each demo report (the 721 method): mostly service.
MODES = {
    "03": HandlingMode.MANAGEMENT,
    "06": HandlingMode.MANAGEMENT,
    "08": HandlingMode.MANAGEMENT,
    "09": HandlingMode.ENFORCEMENT,
}

REPLY = "工作站已安排人员到现场查看，会尽快处理。（演示数据）"
DONE = "已现场处理完毕，并与相关商户或物业约定长效管理。（演示数据）"


def ensure_holidays() -> None:
    for start, end, name in HOLIDAYS_2026:
        day, last = date.fromisoformat(start), date.fromisoformat(end)
        while day <= last:
            Holiday.objects.get_or_create(
                date=day, defaults={"name": f"{name}（演示）", "kind": DayKind.HOLIDAY}
            )
            day += timedelta(days=1)
    for day, name in MAKE_UP_DAYS_2026:
        Holiday.objects.get_or_create(
            date=date.fromisoformat(day),
            defaults={"name": f"{name}（演示）", "kind": DayKind.WORKDAY},
        )


def community(title: str) -> CommunityPage | None:
    return CommunityPage.objects.filter(
        title=title, locale=Locale.get_default()
    ).first()


def received_at(key: str, days_ago: int, now: datetime) -> datetime:
    """When a demo report came in: `days_ago` days before `now`, in office hours,
    and always some hours in the past (a report of today came in this morning or
    three hours ago, whichever is earlier)."""
    if days_ago == 0:
        earlier = now - timedelta(hours=3)
        return earlier.replace(
            minute=earlier.minute - earlier.minute % 5, second=0, microsecond=0
        )
    day = timezone.localdate(now) - timedelta(days=days_ago)
    hour = 8 + int(key) % 9
    return datetime.combine(day, time(hour, 15), timezone.get_current_timezone())


# Hours from receipt to the last step for outcomes whose steps are not timed below.
SPANS = {"accepted": 1, "dispatched": 3, "in_progress": 20}


def spread_times(
    report: Report, hours_to_answer: float, hours_to_finish: float, now: datetime
) -> None:
    """Give the log the times a real case would have had (the rules stamp "now"):
    the first answer `hours_to_answer` after receipt, the other steps evenly after
    it up to `hours_to_finish`, never later than ten minutes ago; the report's own
    times are then read from its log, so both always agree."""
    start = report.created_at
    latest = now - timedelta(minutes=10)
    finished = min(start + timedelta(hours=hours_to_finish), latest)
    answered = min(start + timedelta(hours=hours_to_answer), finished)
    events = list(report.events.order_by("pk"))
    later = events[1:]
    for index, event in enumerate(later):
        event.created_at = answered + (finished - answered) * index / max(
            len(later) - 1, 1
        )
        event.save(update_fields=["created_at"])
    if not later:
        return

    def last(**match) -> datetime | None:
        times = [
            event.created_at
            for event in later
            if all(getattr(event, name) == value for name, value in match.items())
        ]
        return times[-1] if times else None

    updates = {
        "first_response_at": later[0].created_at,
        "updated_at": later[-1].created_at,
    }
    if report.resolved_at:
        updates["resolved_at"] = last(to_state="resolved") or finished
    if report.closed_at:
        updates["closed_at"] = last(kind=EventKind.STATE) or finished
    if report.rated_at:
        updates["rated_at"] = last(kind=EventKind.RATED) or finished
    if report.published_at:
        updates["published_at"] = last(kind=EventKind.PUBLISHED) or finished
    Report.objects.filter(pk=report.pk).update(**updates)


def handle(report: Report, outcome: str, staff, now: datetime) -> None:
    if outcome == "new":
        return
    if outcome == "suggestion":
        accept(report, by=staff, public_title="滨湖小区南门设早餐便民点（演示）")
        spread_times(report, 3, 3, now)
        return
    if outcome == "rejected":
        reject(report, "经核实为商户自有院内，不在城管职责范围。（演示数据）", by=staff)
        spread_times(report, 5, 5, now)
        return
    if outcome == "referred":
        refer(report, department="交警大队（演示）", by=staff)
        spread_times(report, 20, 20, now)
        return
    accept(report, by=staff, note="已受理。（演示数据）")
    if outcome == "accepted":
        spread_times(report, 0.5, SPANS[outcome], now)
        return
    station = report.community
    assign(report, by=staff, station=station)
    if outcome == "escalated":
        department, _created = Department.objects.get_or_create(
            name="区生态环境局（演示）",
            defaults={"contact_person": "王科长", "email": "sthj@example.org"},
        )
        escalate(report, department=department, by=staff)
        reply(report, REPLY, by=staff)
        spread_times(report, 0.5, 30, now)
        return
    if outcome == "dispatched":
        spread_times(report, 0.5, SPANS[outcome], now)
        return
    start_work(report, by=staff)
    reply(report, REPLY, by=staff)
    if outcome == "in_progress":
        spread_times(report, 0.5, SPANS[outcome], now)
        return
    resolve(report, DONE, by=staff)
    if outcome.startswith("closed:"):
        rate(report, int(outcome.split(":")[1]), "处理及时。（演示数据）")
        hours = {"5": 4, "4": 20, "3": 60, "2": 100}[outcome.split(":")[1]]
        spread_times(report, 0.4, hours, now)
    elif outcome == "published":
        close(report, by=staff)
        publish(
            report,
            by=staff,
            title="楼道堆物挡住消防通道（演示）",
            text="居民反映楼道堆放旧家具和纸箱。工作站联系物业当天清理，并张贴了"
            "楼道禁放提示。（演示数据）",
        )
        spread_times(report, 1, 50, now)
    else:
        spread_times(report, 2, 40, now)


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    """Idempotent: safe to run any number of times."""
    ensure_holidays()
    home_zh, home_en = home_pages()
    add_quick_links(
        (home_zh, home_en),
        "/report/",
        "report",
        ("反映问题", "扫码或在线反映身边的问题，随时查进度"),
        ("Report a problem", "Report a problem near you and follow it"),
    )
    staff = get_user_model().objects.filter(username="admin").first()
    created = 0
    now = timezone.now()
    for key, title, code, kind, days_ago, where, text, outcome in REPORTS:
        submission_key = f"demo-report-{key}"
        if Report.objects.filter(submission_key=submission_key).exists():
            continue
        place, item = community(title), find_item(code)
        if place is None or item is None:
            continue
        report = submit_report(
            community=place,
            item=item,
            kind=ReportKind.SUGGESTION if kind == "suggestion" else ReportKind.PROBLEM,
            description=text,
            location=where,
            submission_key=submission_key,
            now=received_at(key, days_ago, now),
        ).report
        try:
            handle(report, outcome, staff, now)
            if outcome != "new":
                record_mode(report, MODES.get(key, HandlingMode.SERVICE), after=0)
        except ReportError as error:  # pragma: no cover - demo data is consistent
            stdout_write(f"Demo report {key}: {error.code}")
        created += 1
    place_and_support(now, staff, stdout_write)
    if created:
        stdout_write(f"Created {created} demo reports.")


# Where some demo reports are (metres north and east of their community's station),
# so the public map, the list of reports nearby and 我也遇到了 have something to show.
PLACES = {"02": (40, -25), "09": (-60, 30), "10": (20, 70), "12": (30, 0), "15": (0, 0)}
# Demo report 16, the same matter as 12, is merged into it; two residents support 12.
MERGED = {"16": "12"}
SUPPORTERS = {"12": 2}


def place_and_support(now: datetime, staff, stdout_write) -> None:
    """Coordinates, supporters and a merge on the demo reports (idempotent)."""
    for key, (north, east) in PLACES.items():
        report = Report.objects.filter(
            submission_key=f"demo-report-{key}", latitude__isnull=True
        ).first()
        if report is None or report.community is None:
            continue
        station = report.community
        if station.latitude is None or station.longitude is None:
            continue
        lat = float(station.latitude) + north / METRES_PER_DEGREE
        lng = float(station.longitude) + east / (
            METRES_PER_DEGREE * math.cos(math.radians(lat))
        )
        Report.objects.filter(pk=report.pk).update(
            latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lng:.6f}")
        )
    for key, count in SUPPORTERS.items():
        report = Report.objects.filter(submission_key=f"demo-report-{key}").first()
        for number in range(1, count + 1):
            submission_key = f"demo-support-{key}-{number}"
            if report is None or not report.is_open:
                break
            if ReportSupporter.objects.filter(submission_key=submission_key).exists():
                continue
            add_support(report, language="zh-hans", submission_key=submission_key)
    for key, into in MERGED.items():
        report = Report.objects.filter(submission_key=f"demo-report-{key}").first()
        survivor = Report.objects.filter(submission_key=f"demo-report-{into}").first()
        if report is None or survivor is None or report.merged_into_id:
            continue
        try:
            merge(report, survivor, by=staff, reason="同一楼道的同一问题。（演示数据）")
        except ReportError as error:  # pragma: no cover - demo data is consistent
            stdout_write(f"Demo merge {key}: {error.code}")
