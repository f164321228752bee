"""Demo ranking: three past months of residents' problem reports in every demo
community, handled sooner or later, rated and given a handling mode, and the
station ranking of each month computed from them (never typed). Idempotent: each
report has a fixed one-time key and a kept month is not computed again. All
fictional, marked as demo."""

import zlib
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from notices.models import CommunityPage
from participation.rankings.computing import compute_month, previous_month
from participation.reports.categories import find_item
from participation.reports.demo import spread_times
from participation.reports.handling import record_mode
from participation.reports.models import HandlingMode, Report
from participation.reports.resident_actions import rate
from participation.reports.staff_actions import accept, resolve
from participation.reports.submitting import submit_report

MONTHS = 3
# (duty code, where, what) for the demo reports, taken in turn.
CASES = [
    ("SR-01", "菜场门口", "早上有流动摊贩占道经营。（演示数据）"),
    ("EH-01", "小区楼道", "楼道里堆放杂物，影响通行。（演示数据）"),
    ("SR-02", "沿街店铺", "商户把货架摆到店外，占了人行道。（演示数据）"),
]
DONE = "已到现场处理，并向居民反馈。（演示数据）"


def pick(key: str, choices: list):
    """The same choice for the same key on every install."""
    return choices[zlib.crc32(key.encode()) % len(choices)]


def handle(report: Report, key: str, staff, now: datetime) -> None:
    """Some stations answer fast and finish in time, others less so."""
    accept(report, by=staff)
    resolve(report, DONE, by=staff)
    answer = pick(key + "a", [0.5, 1, 2, 6, 30, 70])
    finish = answer + pick(key + "f", [4, 20, 48, 90, 200, 400])
    rate(report, pick(key + "r", [5, 5, 4, 4, 3, 2]), "（演示数据）")
    mode = pick(key + "m", [HandlingMode.SERVICE] * 7 + [HandlingMode.MANAGEMENT] * 2)
    if pick(key + "e", list(range(10))) == 0:
        mode = HandlingMode.ENFORCEMENT
    record_mode(report, mode, after=0)
    spread_times(report, answer, finish, now)
    # The rating came a day after the report was resolved.
    report.refresh_from_db()
    if report.resolved_at:
        Report.objects.filter(pk=report.pk).update(
            rated_at=report.resolved_at + timedelta(days=1)
        )


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    now = timezone.now()
    staff = get_user_model().objects.filter(username="admin").first()
    communities = list(
        CommunityPage.objects.live()
        .filter(locale=Locale.get_default())
        .order_by("path")
    )
    months = [previous_month(timezone.localdate(now))]
    for _i in range(MONTHS - 1):
        months.append(previous_month(months[-1]))
    created = 0
    zone = timezone.get_current_timezone()
    for month in months:
        for place in communities:
            count = pick(f"{month}{place.slug}", [2, 3, 4, 5, 6])
            for n in range(count):
                key = f"demo-rank-{month:%Y%m}-{place.slug}-{n}"
                if Report.objects.filter(submission_key=key).exists():
                    continue
                code, where, what = CASES[n % len(CASES)]
                item = find_item(code)
                if item is None:
                    continue
                day = month + timedelta(days=(3 + 5 * n) % 25)
                received = datetime.combine(day, time(9 + n % 8, 20), zone)
                report = submit_report(
                    community=place,
                    item=item,
                    description=what,
                    location=where,
                    submission_key=key,
                    now=received,
                ).report
                handle(report, key, staff, now)
                created += 1
    for month in reversed(months):
        compute_month(month, again=bool(created))
    if created:
        stdout_write(
            f"Created {created} demo reports for the station ranking of "
            f"{len(months)} months."
        )
