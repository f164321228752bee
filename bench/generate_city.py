"""City-scale data for the benchmarks, on top of the demo data.

    .venv/bin/python bench/generate_city.py [--communities 600] [--notices 2000]
        [--events 500] [--catalogue-items 100] [--reports 100000]
        [--volunteers 100000]
    .venv/bin/python bench/generate_city.py credentials OUT.json [--tokens 20000]
    .venv/bin/python bench/generate_city.py queries URL [URL ...] [--cookie k=v]

Every count is a total to reach: a second run adds only what is missing, so the
benchmark can measure at 1,000 reports, then top up to 100,000 and measure again
(bench reports beyond the count asked for are removed, to measure at 1,000 again).
Stations and staff come through the station importer (600 communities and 1,800 staff
with photos, as bench/stations_import.py measures); notices and events are added as
live pages one by one (treebeard computes each tree path) and indexed for search;
catalogue items, reports and volunteers go in with bulk_create.

`credentials` prepares what the load tool needs to act like real visitors: a signed-in
staff session (2-step verification passed) for the admin report queue, and one-time
report-form tokens issued a minute ago, signed with the server's SECRET_KEY exactly as
the form issues them (so the minimum fill time and one-time keys stay as in
production).

Runs against DATABASE_URL with DJANGO_SETTINGS_MODULE (default: dev settings); the
demo data must be loaded first (`manage.py load_demo_data`).
"""

import argparse
import hashlib
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_PREFIX = "bench-"
BENCH_STAFF_USERNAME = "bench-moderator"
# Bench reports and sign-ups are numbered 0000001…: the site's own reference codes
# never start with 0 (their alphabet leaves out 0 and O).
BENCH_REFERENCE = "0"
# bench/run.py's and bench/multi_server.py's report posts say so in their text.
POSTED_MARK = "（基准测试提交）"
REPORT_SPAN_DAYS = 100


def say(text: str) -> None:
    print(text, flush=True)  # noqa: T201


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()


# Stations and staff


def bench_communities():
    from wagtail.models import Locale

    from notices.models import CommunityPage

    return CommunityPage.objects.filter(
        locale=Locale.get_default(), title__regex=r"[0-9]+社区$"
    )


def ensure_stations(communities: int) -> None:
    from stations_import import build_workbook

    from notices.stations.bulk.importing import import_tables
    from notices.stations.bulk.reading import PhotoSource, read_spreadsheet

    have = bench_communities().count()
    if have >= communities:
        say(f"stations: {have} communities already")
        return
    started = time.perf_counter()
    data, photos = build_workbook(communities, photos=True)
    report = import_tables(
        read_spreadsheet(data, "stations.xlsx"),
        PhotoSource(archive=photos),
        dry_run=False,
    )
    if report.errors:
        raise SystemExit("\n".join(str(error) for error in report.errors[:20]))
    say(
        f"stations: {report.summary()} in {time.perf_counter() - started:.0f} s; "
        f"{bench_communities().count()} bench communities"
    )


# Notices and events: live pages


def add_live_pages(parent, pages: list) -> None:
    """Live pages without revisions (editors never touch bench data), indexed for
    search, a hundred per transaction."""
    from django.db import transaction
    from django.utils import timezone

    from portal import search_index

    now = timezone.now()
    for first in range(0, len(pages), 100):
        with transaction.atomic():
            for page in pages[first : first + 100]:
                page.live = True
                page.first_published_at = page.last_published_at = now
                parent.add_child(instance=page)
                search_index.reindex(page)


def ensure_notices(total: int, rng: random.Random) -> None:
    from django.utils import timezone
    from wagtail.models import Locale

    from notices.models import NoticeCommunity, NoticeIndexPage, NoticePage

    zh = Locale.get_default()
    index = NoticeIndexPage.objects.filter(locale=zh).first()
    if index is None:
        raise SystemExit("No notice index: run `manage.py load_demo_data` first.")
    have = NoticePage.objects.filter(slug__startswith=BENCH_PREFIX).count()
    if have >= total:
        say(f"notices: {have} already")
        return
    communities = list(bench_communities().values_list("pk", flat=True))
    topics = [
        "占道经营整治",
        "垃圾分类宣传",
        "违规停车劝导",
        "户外广告规范",
        "油烟扰民治理",
    ]
    started = time.perf_counter()
    pages = []
    for number in range(have, total):
        topic = topics[number % len(topics)]
        page = NoticePage(
            title=f"{topic}通知（第{number + 1}号）",
            slug=f"{BENCH_PREFIX}notice-{number}",
            date=timezone.localdate() - timedelta(days=rng.randrange(730)),
            category=rng.choice(["announcement", "work-news", "policy", "service"]),
            summary=f"关于{topic}的通知，演示数据。",
            body=f"<p>为做好{topic}工作，现将有关事项通知如下。（基准测试数据）</p>",
            scope="citywide",
        )
        if communities and number % 4 == 0:
            page.scope = "communities"
            page.scope_communities = [
                NoticeCommunity(community_id=rng.choice(communities))
            ]
        pages.append(page)
    add_live_pages(index, pages)
    say(f"notices: added {len(pages)} in {time.perf_counter() - started:.0f} s")


def ensure_events(total: int, rng: random.Random) -> None:
    from django.utils import timezone
    from wagtail.models import Locale

    from notices.models import EventIndexPage, EventPage

    zh = Locale.get_default()
    index = EventIndexPage.objects.filter(locale=zh).first()
    if index is None:
        raise SystemExit("No event index: run `manage.py load_demo_data` first.")
    have = EventPage.objects.filter(slug__startswith=BENCH_PREFIX).count()
    if have >= total:
        say(f"events: {have} already")
        return
    communities = list(bench_communities().values_list("pk", flat=True))
    kinds = ["open-day", "law", "service-day", "summer-camp", "charity-market"]
    names = ["城管开放日", "普法讲座", "城管服务日", "少儿夏令营", "公益集市"]
    started = time.perf_counter()
    pages = []
    for number in range(have, total):
        start = timezone.now() + timedelta(days=rng.randrange(-300, 90), hours=2)
        start = start.replace(minute=0, second=0, microsecond=0)
        kind = number % len(kinds)
        pages.append(
            EventPage(
                title=f"{names[kind]}（第{number + 1}场）",
                slug=f"{BENCH_PREFIX}event-{number}",
                event_type=kinds[kind],
                start=start,
                end=start + timedelta(hours=2),
                community_id=rng.choice(communities) if communities else None,
                address="党群服务中心一楼",
                summary="演示数据：基准测试用活动。",
                body="<p>欢迎居民参加。（基准测试数据）</p>",
                capacity=50,
                max_party_size=3,
            )
        )
    add_live_pages(index, pages)
    say(f"events: added {len(pages)} in {time.perf_counter() - started:.0f} s")


# Catalogue items, reports and volunteers: bulk inserts


def ensure_catalogue_items(total: int) -> None:
    from wagtail.models import Locale

    from notices.models import LenientCataloguePage, LenientItem

    zh = Locale.get_default()
    page = LenientCataloguePage.objects.live().filter(locale=zh).first()
    if page is None:
        raise SystemExit("No lenient catalogue: run `manage.py load_demo_data` first.")
    items = list(page.items.all())
    if len(items) >= total:
        say(f"catalogue: {len(items)} items already")
        return
    batch = page.batches.first()
    category = page.categories.first()
    model = items[0] if items else None
    rows = []
    for number in range(len(items), total):
        rows.append(
            LenientItem(
                page=page,
                locale=zh,
                sort_order=number,
                number=f"B{number:03d}",
                batch=batch.code if batch else "",
                category=category.code if category else "",
                violation=f"轻微违法行为示例{number}（基准测试数据）",
                law=model.law if model else "《城市市容和环境卫生管理条例》",
                article=model.article if model else "第十四条",
                conditions="首次违法，危害轻微，及时改正",
                correction_days=3,
                measure="教育劝导，责令改正，不予处罚",
                kind=model.kind if model else "no_fine_first",
                scope="全市",
            )
        )
    LenientItem.objects.bulk_create(rows)
    say(f"catalogue: added {len(rows)} items")


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


def vacuum() -> None:
    """What autovacuum does some time after a bulk load: fresh planner statistics and
    visibility maps for every table, so the benchmark does not measure just-loaded
    tables (without statistics on the page tree, the planner took 3,000 pages for two
    and the home page's queries took 30 ms instead of 5)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def generate(args: argparse.Namespace) -> None:
    rng = random.Random(20261121)  # the same city every run
    started = time.perf_counter()
    ensure_stations(args.communities)
    ensure_notices(args.notices, rng)
    ensure_events(args.events, rng)
    ensure_catalogue_items(args.catalogue_items)
    ensure_reports(args.reports, rng)
    ensure_volunteers(args.volunteers, rng)
    vacuum()
    say(f"city ready in {time.perf_counter() - started:.0f} s")


# What the load tool needs


def staff_session() -> dict:
    """A signed-in moderator who passed 2-step verification, as a session cookie."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _created = get_user_model().objects.get_or_create(
        username=BENCH_STAFF_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "bench@localhost"},
    )
    user.set_unusable_password()  # reachable only through this session
    user.save()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key}


def credentials(args: argparse.Namespace) -> None:
    from participation.abuse import form_token

    issued = time.time() - 60  # past the minimum fill time, far from the day's limit
    tokens_file = Path(args.out).with_suffix(".tokens")
    tokens_file.write_text(
        "".join(form_token(issued_at=issued) + "\n" for _ in range(args.tokens))
    )
    Path(args.out).write_text(
        json.dumps(
            {
                "session": staff_session(),
                "tokens_file": str(tokens_file),
                "issued_at": datetime.fromtimestamp(issued).isoformat(),
            }
        )
    )
    say(f"credentials: a staff session and {args.tokens} form tokens in {args.out}")


def count_queries(args: argparse.Namespace) -> None:
    """SQL queries of each address, viewed the second time (renditions made and
    site-wide lookups remembered), and viewed first after a content change (every
    remembered lookup built again: "cold"), as JSON on stdout."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.lookups import forget_all

    client = Client(HTTP_HOST="127.0.0.1")
    if args.cookie:
        name, _sep, value = args.cookie.partition("=")
        client.cookies[name] = value
    counts = {}
    for url in args.urls:
        forget_all()
        with CaptureQueriesContext(connection) as cold:
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        counts[url] = {
            "queries": len(captured),
            "cold_queries": len(cold),
            "status": status,
        }
    print(json.dumps(counts))  # noqa: T201


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    parser.add_argument("--communities", type=int, default=600)
    parser.add_argument("--notices", type=int, default=2_000)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--catalogue-items", type=int, default=100)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--volunteers", type=int, default=100_000)
    issue = commands.add_parser("credentials", help="session and form tokens")
    issue.add_argument("out")
    issue.add_argument("--tokens", type=int, default=20_000)
    counting = commands.add_parser("queries", help="SQL queries per address")
    counting.add_argument("urls", nargs="+")
    counting.add_argument("--cookie", default="", help="name=value")
    args = parser.parse_args()
    setup_django()
    if args.command == "credentials":
        credentials(args)
    elif args.command == "queries":
        count_queries(args)
    else:
        generate(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
