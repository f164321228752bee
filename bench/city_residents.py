"""What residents send in, at city scale, for bench/generate_city.py: reports and
volunteer sign-ups in bulk, numbered apart from the site's own references so that a
later run can top them up or cut them back."""

import hashlib
import random
import time
from datetime import timedelta

from city_content import bench_communities
from server import say

# Bench reports and sign-ups are numbered 0000001…: the site's own reference codes
# never start with 0 (their alphabet leaves out 0 and O).
BENCH_REFERENCE = "0"
# bench/run.py's and bench/multi_server.py's report posts say so in their text.
POSTED_MARK = "（基准测试提交）"
REPORT_SPAN_DAYS = 100


def report_rows(first: int, last: int, rng: random.Random) -> list:
    from django.utils import timezone
    from wagtail.models import Locale

    from notices.models import DutyItem
    from participation.models import Report

    communities = list(bench_communities().values_list("pk", flat=True))
    items = list(DutyItem.objects.current(locale=Locale.get_default()))
    if not communities or not items:
        raise SystemExit("Reports need stations and a duty list first.")
    now = timezone.now()
    rows = []
    for number in range(first, last):
        item = items[number % len(items)]
        created = now - timedelta(seconds=rng.randrange(REPORT_SPAN_DAYS * 86400))
        age_days = (now - created).days
        if age_days < 3:
            state = rng.choice(["submitted", "accepted", "dispatched", "in_progress"])
        else:
            state = rng.choices(
                ["closed", "resolved", "rejected", "duplicate", "referred"],
                weights=[70, 15, 5, 5, 5],
            )[0]
        finished = state not in ("submitted", "accepted", "dispatched", "in_progress")
        answered = created + timedelta(hours=rng.randrange(1, 20))
        rows.append(
            Report(
                reference=f"{BENCH_REFERENCE}{number:07d}",
                token_hash=hashlib.sha256(
                    f"bench-report-{number}".encode()
                ).hexdigest(),
                kind="suggestion" if number % 10 == 0 else "problem",
                community_id=communities[number % len(communities)],
                category_code=item.code,
                category_title=item.title,
                handling_class=item.handling_class,
                department=item.department,
                location=f"{number % 40 + 1}号楼附近",
                description="楼道堆放杂物，影响通行。（基准测试数据）",
                allow_publication=True,
                state=state,
                created_at=created,
                updated_at=answered if state != "submitted" else created,
                response_due=created + timedelta(days=1),
                completion_due=created + timedelta(days=3),
                first_response_at=answered if state != "submitted" else None,
                resolved_at=answered + timedelta(days=1) if finished else None,
                closed_at=answered + timedelta(days=2) if state == "closed" else None,
            )
        )
    return rows


def next_number(bench) -> int:
    """The number after the highest bench reference (numbers may have gaps)."""
    last = bench.order_by("-reference").values_list("reference", flat=True).first()
    return int(last[len(BENCH_REFERENCE) :]) + 1 if last else 0


def ensure_reports(total: int, rng: random.Random) -> None:
    from participation.models import Report

    posted = Report.objects.filter(description__contains=POSTED_MARK)
    if posted.exists():  # by an earlier run's submissions: not part of the city
        say(f"reports: removed {posted.delete()[1].get('participation.Report', 0)} "
            "posted by an earlier benchmark run")  # fmt: skip
    bench = Report.objects.filter(reference__startswith=BENCH_REFERENCE)
    have = bench.count()
    if have > total:  # back to the smaller size, to measure at both
        bench.filter(reference__gte=f"{BENCH_REFERENCE}{total:07d}")._raw_delete(
            Report.objects.db
        )
        say(f"reports: removed {have - total} ({Report.objects.count()} in all)")
        return
    if have == total:
        say(f"reports: {have} already")
        return
    started = time.perf_counter()
    start = next_number(bench)
    end = start + total - have
    for first in range(start, end, 10_000):
        rows = report_rows(first, min(first + 10_000, end), rng)
        Report.objects.bulk_create(rows, batch_size=2_000)
    say(
        f"reports: added {total - have} in {time.perf_counter() - started:.0f} s "
        f"({Report.objects.count()} in all)"
    )


def ensure_volunteers(total: int, rng: random.Random) -> None:
    from django.utils import timezone

    from participation.models import VolunteerSignUp, VolunteerTeam

    signups = VolunteerSignUp.objects.filter(reference__startswith=BENCH_REFERENCE)
    have = signups.count()
    if have >= total:
        say(f"volunteers: {have} already")
        return
    teams = list(VolunteerTeam.objects.filter(locale__language_code="zh-hans"))
    communities = list(bench_communities().values_list("pk", flat=True))
    if not teams or not communities:
        raise SystemExit("Volunteers need teams (demo data) and stations first.")
    started = time.perf_counter()
    now = timezone.now()
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    start = next_number(signups)
    end = start + total - have
    for first in range(start, end, 10_000):
        rows = []
        for number in range(first, min(first + 10_000, end)):
            status = rng.choices(
                ["approved", "pending", "declined", "withdrawn"],
                weights=[75, 15, 5, 5],
            )[0]
            rows.append(
                VolunteerSignUp(
                    team=teams[number % len(teams)],
                    community_id=communities[number % len(communities)],
                    status=status,
                    reference=f"{BENCH_REFERENCE}{number:07d}",
                    token_hash=hashlib.sha256(
                        f"bench-volunteer-{number}".encode()
                    ).hexdigest(),
                    name=f"{surnames[number % len(surnames)]}志愿者{number}",
                    phone=f"1{number:010d}",
                    days=[1 + number % 7],
                    time_slots=["morning"],
                    age_bracket="35_59" if number % 3 else "60_74",
                    honour_roll=number % 5 == 0,
                    consented_at=now - timedelta(days=number % 365),
                    decided_at=None if status == "pending" else now,
                )
            )
        VolunteerSignUp.objects.bulk_create(rows, batch_size=2_000)
    say(f"volunteers: added {total - have} in {time.perf_counter() - started:.0f} s")
