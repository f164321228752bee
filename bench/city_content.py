"""What the bureau publishes, at city scale, for bench/generate_city.py: stations and
staff through the station importer, notices and events as live pages (indexed for
search), lenient-catalogue items in bulk."""

import random
import time
from datetime import timedelta

from server import say

BENCH_PREFIX = "bench-"


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


def ensure_boundaries() -> None:
    """Every community's boundary, made up from the stations (Voronoi cells clipped
    to the city: notices/maps/tiling.py), with subdistricts and districts joined;
    re-tiled when stations were added, unchanged otherwise."""
    from notices.maps.tiling import tile_directory

    started = time.perf_counter()
    written = tile_directory(replace=True)
    say(f"boundaries: {written} written in {time.perf_counter() - started:.0f} s")


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


def index_and_missing(index_model, page_model, total: int, kind: str):
    """The default language's index that bench pages of one kind go under, and the
    numbers of those still missing of `total` (none when they are all there)."""
    from wagtail.models import Locale

    index = index_model.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise SystemExit(f"No {kind} index: run `manage.py load_demo_data` first.")
    have = page_model.objects.filter(slug__startswith=BENCH_PREFIX).count()
    if have >= total:
        say(f"{kind}s: {have} already")
    return index, range(have, total)


def ensure_notices(total: int, rng: random.Random) -> None:
    from django.utils import timezone

    from notices.models import NoticeCommunity, NoticeIndexPage, NoticePage

    index, missing = index_and_missing(NoticeIndexPage, NoticePage, total, "notice")
    if not missing:
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
    for number in missing:
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

    from notices.models import EventIndexPage, EventPage

    index, missing = index_and_missing(EventIndexPage, EventPage, total, "event")
    if not missing:
        return
    communities = list(bench_communities().values_list("pk", flat=True))
    kinds = ["open-day", "law", "service-day", "summer-camp", "charity-market"]
    names = ["城管开放日", "普法讲座", "城管服务日", "少儿夏令营", "公益集市"]
    started = time.perf_counter()
    pages = []
    for number in missing:
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


def ensure_convenience_points() -> None:
    """The demo's mix of convenience points (notices/demo/convenience.py) in every
    bench community, in bulk and in Chinese only, placed from each station."""
    from decimal import Decimal

    from notices.convenience.models import ConveniencePoint
    from notices.demo.convenience import plans

    communities = list(bench_communities().filter(latitude__isnull=False))
    done = set(
        ConveniencePoint.objects.filter(community__in=communities).values_list(
            "community_id", flat=True
        )
    )
    started = time.perf_counter()
    points = []
    for number, community in enumerate(communities, start=1):
        if community.pk in done:
            continue
        for plan in plans(number, community):
            north, east = plan["offset"]
            points.append(
                ConveniencePoint(
                    locale=community.locale,
                    community=community,
                    category=plan["category"],
                    name=plan["name"],
                    latitude=community.latitude + Decimal(north) / 10000,
                    longitude=community.longitude + Decimal(east) / 10000,
                    open_all_day=plan.get("open_all_day", False),
                    hours=plan.get("hours", []),
                    accessibility=plan.get("accessibility", []),
                    facilities=plan.get("facilities", []),
                    note=plan.get("note", ""),
                )
            )
    ConveniencePoint.objects.bulk_create(points, batch_size=500)
    say(
        f"convenience points: {len(points)} added in "
        f"{time.perf_counter() - started:.0f} s"
    )
