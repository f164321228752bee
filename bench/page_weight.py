"""Page weight and outside requests, measured in headless Chromium.

For every page in PAGES: all requests the page makes (HTML, CSS, JS, images, fonts),
each body's gzip size (what a compressing reverse proxy sends; whitenoise also serves
pre-compressed static files), and any request that leaves the site. Figures go to
bench/REPORT.md. Budget: 60 KB compressed per page with all its assets.

Usage: .venv/bin/python bench/page_weight.py [--city] [--nginx] [path ...]
(default: every page type, demo data on SQLite; --city: the city-scale PostgreSQL
database that `make bench` builds, so lists and choices hold 600 communities;
--nginx: through nginx as deploy/ configures it, counting the bytes that reach the
phone, compression included, instead of estimating them)
"""

import argparse
import contextlib
import datetime
import gzip
import json
import subprocess
import sys
from urllib.parse import urlsplit

from browser import VIEWPORT, launch
from nginx import behind_nginx
from playwright.sync_api import sync_playwright
from server import (
    PYTHON,
    ROOT,
    prepare,
    production_env,
    serve,
    shell,
    write_report_section,
)

BUDGET_BYTES = 60 * 1024
# One page of every public type, found in the demo data (ids differ between
# databases): printed as JSON {type: path} by `manage.py shell`.
PAGES = r"""
import json
from wagtail.models import Locale
from home.models import StandardPage
from notices.models import (
    CommunityPage, ConvenienceMapPage, ConveniencePoint, DistrictPage,
    DutyListPage, EventIndexPage, EventPage,
    LenientCataloguePage, NoticeIndexPage, NoticePage, StationIndexPage,
    SubdistrictPage,
)
from participation.models import Roundtable
zh = Locale.get_default()
def first(model, **kw):
    return model.objects.live().filter(locale=zh, **kw).order_by("path").first()
community = first(CommunityPage)
c = community.pk
duties, catalogue = first(DutyListPage), first(LenientCataloguePage)
meeting = Roundtable.objects.filter(community=community).first()
meeting = meeting or Roundtable.objects.first()
notice = first(NoticePage, lead_image__isnull=False) or first(NoticePage)
event = first(EventPage, photos__isnull=False) or first(EventPage)
standard = first(StandardPage)
stations = first(StationIndexPage).url
convenience = first(ConvenienceMapPage)
# The district with the most points, and a rest stop (the longest point page).
biggest = max(
    DistrictPage.objects.live().filter(locale=zh),
    key=lambda d: ConveniencePoint.objects.filter(
        community__path__startswith=d.path
    ).count(),
)
rest_stop = ConveniencePoint.objects.filter(locale=zh, category="rest_stop").first()
from notices.models import Campaign
campaign = Campaign.objects.first()
pages = {
    "home": "/zh-hans/",
    "home (English)": "/en/",
    "standard page": standard.url if standard else None,
    "station directory": stations,
    "station map": stations + "map/",
    "district": first(DistrictPage).url,
    "subdistrict": first(SubdistrictPage).url,
    "community": community.url,
    "poster": community.url + "poster/",
    "three lists": f"/zh-hans/communities/{c}/lists/",
    "notice index": first(NoticeIndexPage).url,
    "notice": notice.url,
    "event index": first(EventIndexPage).url,
    "event": event.url,
    "duty list": duties.url,
    "duty item": f"{duties.url}items/{duties.items.first().code}/",
    "duty changes": duties.url + "changes/",
    "catalogue": catalogue.url,
    "catalogue item": f"{catalogue.url}items/{catalogue.items.first().number}/",
    "catalogue changes": catalogue.url + "changes/",
    "convenience map": convenience.url if convenience else None,
    "convenience district": f"{convenience.url}{biggest.slug}/"
    if convenience
    else None,
    "convenience point": f"{convenience.url}point/{rest_stop.pk}/"
    if convenience and rest_stop
    else None,
    "search": "/zh-hans/search/?q=%E5%8D%A0%E9%81%93",
    "report form": f"/zh-hans/report/?community={c}",
    "community reports": f"/zh-hans/report/community/{c}/",
    "report statistics": "/zh-hans/report/statistics/",
    "report map": "/zh-hans/report/map/",
    "volunteer sign-up": "/zh-hans/volunteer/",
    "volunteer teams": "/zh-hans/volunteer/teams/",
    "honour roll": "/zh-hans/volunteer/honour-roll/",
    "roundtables": "/zh-hans/roundtables/",
    "community roundtables": f"/zh-hans/roundtables/community/{c}/",
    "roundtable": f"/zh-hans/roundtables/{meeting.pk}/" if meeting else None,
    "roundtable follow-up": f"/zh-hans/roundtables/community/{c}/follow-up/",
    "merchant directory": "/zh-hans/merchants/",
    "red and black ranking": "/zh-hans/red-black-ranking/",
    "campaigns": "/zh-hans/campaigns/",
    "campaign": f"/zh-hans/campaigns/{campaign.pk}/" if campaign else None,
    "campaign vote": f"/zh-hans/campaigns/{campaign.pk}/vote/" if campaign else None,
    "campaign results": f"/zh-hans/campaigns/{campaign.pk}/results/"
    if campaign
    else None,
}
print(json.dumps({kind: path for kind, path in pages.items() if path}))
"""


# What the city database holds, as the report states it.
CITY_COUNTS = r"""
import json
from notices.models import CommunityPage, EventPage, NoticePage
from participation.models import Report, VolunteerSignUp
zh = {"locale__language_code": "zh-hans"}
print(json.dumps({
    "communities": CommunityPage.objects.live().filter(**zh).count(),
    "notices": NoticePage.objects.live().count(),
    "events": EventPage.objects.live().count(),
    "reports": Report.objects.count(),
    "volunteers": VolunteerSignUp.objects.count(),
}))
"""


def discover(env: dict[str, str]) -> dict[str, str]:
    return json.loads(shell(env, PAGES))


def row(kind, path, display, base, requests, sizes) -> dict:
    """`sizes`: each response's (raw body, compressed body) bytes."""
    outside = [
        url
        for url in requests
        if not url.startswith(base) and urlsplit(url).scheme != "data"
    ]
    return {
        "kind": kind,
        "path": path,
        "display": display,
        "requests": len(requests),
        "raw": sum(raw for raw, _ in sizes.values()),
        "compressed": sum(packed for _, packed in sizes.values()),
        "outside": outside,
    }


def measure(base: str, paths: dict[str, str], on_the_wire: bool = False) -> list[dict]:
    results = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for display in ("standard", "elderly"):
            for kind, path in paths.items():
                # A first visit each time: nothing in the browser's cache yet.
                context = browser.new_context(viewport=VIEWPORT)
                if display == "elderly":
                    context.add_cookies(
                        [{"name": "portal_display", "value": "elderly", "url": base}]
                    )
                page = context.new_page()
                requests: list[str] = []
                sizes: dict[str, tuple[int, int]] = {}
                page.on(
                    "request", lambda request, seen=requests: seen.append(request.url)
                )

                def record(response, sizes=sizes):
                    try:
                        body = response.body()
                    except Exception:  # noqa: BLE001 (redirects have no body)
                        return
                    if on_the_wire:
                        # What arrived: the body as sent (compressed by nginx when
                        # it compresses) and its headers.
                        wire = response.request.sizes()
                        packed = wire["responseBodySize"] + wire["responseHeadersSize"]
                    else:
                        packed = len(gzip.compress(body, 6))
                    sizes[response.url] = (len(body), packed)

                page.on("response", record)
                page.goto(base + path, wait_until="networkidle")
                results.append(row(kind, path, display, base, requests, sizes))
                # The station map draws itself only when asked: weigh that too.
                offer = page.locator("[data-map-offer] button")
                if offer.count() and offer.is_visible():
                    offer.click()
                    page.locator("#station-map .leaflet-interactive").first.wait_for()
                    page.wait_for_load_state("networkidle")
                    shown = row(kind, path, display, base, requests, sizes)
                    results.append({**shown, "kind": f"{kind}, map shown"})
                page.close()
                context.close()
        browser.close()
    return results


def site_path(value: str) -> str:
    if not value.startswith("/"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a path on the site")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--city",
        action="store_true",
        help="measure the city-scale PostgreSQL database that `make bench` builds",
    )
    parser.add_argument(
        "--nginx",
        action="store_true",
        help="measure through nginx (deploy/), the bytes on the wire",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=site_path,
        help="site paths such as /zh-hans/ (default: one page of every type)",
    )
    args = parser.parse_args()
    city = args.city
    if city:
        from stack import DATABASE, POSTGRES, REDIS_URL

        env = production_env(DATABASE_URL=f"{POSTGRES}/{DATABASE}", REDIS_URL=REDIS_URL)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        counted = json.loads(shell(env, CITY_COUNTS))
        data = (
            "the city-scale data of `make bench` on PostgreSQL ({communities:,} "
            "communities, {notices:,} notices, {events:,} events, {reports:,} "
            "reports, {volunteers:,} volunteers)".format(**counted)
        )
    else:
        env = production_env()
        prepare(env)
        data = "demo data"
    paths = {path: path for path in args.paths} or discover(env)
    if args.nginx:
        how = "nginx (deploy/, gzip and brotli) in front of gunicorn"
        counted = (
            "Compressed = the bytes each response took on the wire (headers and body "
            "as sent, Chromium asking with gzip, deflate, br), summed over every "
            "request."
        )
    else:
        how = "gunicorn + whitenoise"
        counted = (
            "Compressed = gzip -6 of each response body, summed over every request."
        )
    with contextlib.ExitStack() as running:
        base = running.enter_context(serve(env))
        if args.nginx:
            base = running.enter_context(behind_nginx(base, env))
        results = measure(base, paths, on_the_wire=args.nginx)
    lines = [
        f"Measured {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} with "
        f"headless Chromium at 360×740, {how}, {data}. {counted}",
        "",
        "| page type | address | display | requests | raw KB | compressed KB "
        "| budget 60 KB | outside requests |",
        "| --- | --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    failed = False
    for row in results:
        within = row["compressed"] <= BUDGET_BYTES
        failed |= not within or bool(row["outside"])
        lines.append(
            f"| {row['kind']} | `{row['path']}` | {row['display']} "
            f"| {row['requests']} | "
            f"{row['raw'] / 1024:.1f} | {row['compressed'] / 1024:.1f} | "
            f"{'within' if within else 'OVER'} | {len(row['outside']) or 'none'} |"
        )
    section = "Page weight at city scale" if city else "Page weight"
    if args.nginx:
        section += " through nginx"
    report = write_report_section(section, "\n".join(lines))
    print("\n".join(lines))
    print(f"written to {report}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
