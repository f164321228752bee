"""`make bench`: the portal at city scale, on PostgreSQL + Redis, under load.

1. Builds (or tops up) a city in the PostgreSQL database `portal_bench` on 127.0.0.1:
   the demo data, then 600 communities, 1,800 staff, 2,000 notices, 500 events, 100
   catalogue items, 100,000 volunteers and, at first, 1,000 reports
   (bench/generate_city.py).
2. Serves it with gunicorn (2 workers, production settings, whitenoise) and drives it
   with wrk from a second process, each address for --duration seconds (pages and
   their yardsticks in turns of a fifth of it, taken in turn: see load.drive_pages):
   - the admin report queue (a signed-in moderator) at 1,000 reports, then again once
     the reports are topped up to 100,000;
   - home, station directory, a community page, the catalogue, a notice, search and the
     report form, with the anonymous page cache on and then off
     (PORTAL_PAGE_CACHE_SECONDS=0), each time next to a hello-world Django view and a
     static file served by whitenoise on the same stack;
   - report submissions without photos: valid form posts, each with its own one-time
     token and its own client address, then the stored reports are counted.
3. Counts the SQL queries of each page, writes bench/REPORT.md.
4. Two app servers on the same database and Redis, with media on S3-compatible
   storage (moto_server on 127.0.0.1 stands in): bench/multi_server.py.

Only 127.0.0.1 is used; every run is bounded in time. Needs wrk (Debian package
`wrk`: installed with apt-get when running as root, else install it yourself),
PostgreSQL and Redis on 127.0.0.1.

    .venv/bin/python bench/run.py [--duration 10] [--quick] [--skip multi]
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from load import drive_pages, first_after_change, report_form_post, wrk
from server import OUT, PYTHON, ROOT, production_env, say, serve, shell
from stack import (
    CACHE_PREFIX,
    REDIS_URL,
    ensure_database,
    ensure_wrk,
    port_open,
    prepare,
)
from throughput_report import write_report

SIZES = {
    "communities": 600,
    "notices": 2_000,
    "events": 500,
    "catalogue-items": 100,
    "volunteers": 100_000,
}
FEW_REPORTS, MANY_REPORTS = 1_000, 100_000


def city(env: dict[str, str], reports: int, sizes: dict[str, int]) -> None:
    options = [f"--{name}={count}" for name, count in sizes.items()]
    subprocess.run(
        [PYTHON, "bench/generate_city.py", *options, f"--reports={reports}"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def django_json(env: dict[str, str], *args: str) -> dict:
    result = subprocess.run(
        [PYTHON, "bench/generate_city.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def addresses(env: dict[str, str]) -> dict[str, str]:
    """The pages to drive, found in the bench database."""
    code = (
        "import json;"
        "from wagtail.models import Locale;"
        "from notices.models import StationIndexPage, LenientCataloguePage, NoticePage;"
        "from notices.models import CommunityPage;"
        "zh = Locale.get_default();"
        "live = lambda m: m.objects.live().filter(locale=zh);"
        "c = live(CommunityPage).filter(title__regex='[0-9]+社区$').order_by('path');"
        "n = live(NoticePage).filter(slug__startswith='bench-').order_by('-date');"
        "print(json.dumps({"
        "'home': '/zh-hans/',"
        "'station directory': live(StationIndexPage).first().url,"
        "'community page': c[len(c) // 2].url,"
        "'catalogue': live(LenientCataloguePage).first().url,"
        "'notice': n.first().url,"
        "'search': '/zh-hans/search/?q=%E5%8D%A0%E9%81%93',"  # 占道
        # The address on every station poster's QR code.
        "'report form': '/zh-hans/report/?community=%d' % c.first().pk,"
        "}))"
    )
    return json.loads(shell(env, code))


def static_address(env: dict[str, str]) -> str:
    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/portal.css"]


def count_reports(env: dict[str, str]) -> int:
    return int(
        shell(
            env,
            "from participation.models import Report; print(Report.objects.count())",
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per address")
    parser.add_argument("--quick", action="store_true", help="a small city, 3 s runs")
    parser.add_argument("--skip", action="append", default=[], choices=["multi"])
    args = parser.parse_args()
    if not (port_open(5432) and port_open(6379)):
        raise SystemExit(
            "bench: needs PostgreSQL on 127.0.0.1:5432 and Redis on :6379."
        )
    ensure_wrk()
    sizes, few, many, duration = dict(SIZES), FEW_REPORTS, MANY_REPORTS, args.duration
    if args.quick:
        sizes = {name: max(20, count // 100) for name, count in SIZES.items()}
        few, many, duration = 200, 2_000, 3
    env = production_env(
        DATABASE_URL=ensure_database(),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=CACHE_PREFIX,
        DJANGO_SETTINGS_MODULE="bench.settings",  # adds /bench/hello/
        PORTAL_PROXY_HOPS="1",
        MEDIA_ROOT=str(OUT / "media"),
    )
    started = time.monotonic()
    say("== preparing the city (demo data, stations, notices, events, volunteers)")
    prepare(env)
    city(env, few, sizes)
    subprocess.run(
        [
            PYTHON,
            "bench/generate_city.py",
            "credentials",
            str(OUT / "credentials.json"),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    credentials = json.loads((OUT / "credentials.json").read_text())
    session = credentials["session"]
    staff_cookie = f"{session['name']}={session['value']}"
    pages = addresses(env)
    pages["admin report queue"] = "/admin/reports/"
    yardsticks = {
        "hello-world view": "/bench/hello/",
        "static file": static_address(env),
    }
    queue = {"BENCH_COOKIE": staff_cookie}

    few = count_reports(env)  # the bench's own, plus demo and earlier posted ones
    say(f"== admin report queue at {few:,} reports")
    with serve(env) as base:
        admin_few = wrk(base, "/admin/reports/", duration, queue, connections=2)
    say(f"  p50 {admin_few['p50_ms']:.1f} ms, {admin_few['rps']:.0f} req/s")
    city(env, many, sizes)
    many = count_reports(env)

    measured: dict[str, dict] = {}
    public = {k: v for k, v in pages.items() if k != "admin report queue"}
    say("== page cache on")
    with serve(env) as base:
        measured["cached"] = drive_pages(base, public, duration, yardsticks)
        admin_many = wrk(base, "/admin/reports/", duration, queue, connections=2)
        say(f"  admin queue at {many:,}: p50 {admin_many['p50_ms']:.1f} ms")
    say("== report submissions")
    access_log = OUT / "submissions.log"
    access_log.unlink(missing_ok=True)
    with serve(env, access_log=access_log) as base:
        before = count_reports(env)
        csrf_cookie, body = report_form_post(base, pages["report form"])
        submissions = wrk(
            base,
            "/zh-hans/report/",
            duration,
            {
                "BENCH_MODE": "report",
                "BENCH_TOKENS": credentials["tokens_file"],
                "BENCH_BODY": body,
                "BENCH_COOKIE": csrf_cookie,
            },
            warm=0,
        )
        time.sleep(2)  # requests still in flight when wrk stopped finish now
        stored = count_reports(env) - before
    answered = [
        line
        for line in access_log.read_text().splitlines()
        if '"POST /zh-hans/report/ ' in line
    ]
    submissions["served_302"] = sum(1 for line in answered if '" 302 ' in line)
    submissions["served_other"] = len(answered) - submissions["served_302"]
    say(
        f"  {submissions['rps']:.1f} posts/s; the server answered "
        f"{submissions['served_302']} with 302 ({submissions['ok']} seen by wrk), "
        f"{submissions['served_other']} otherwise; {stored} stored"
    )
    say("== page cache off")
    with serve({**env, "PORTAL_PAGE_CACHE_SECONDS": "0"}) as base:
        measured["uncached"] = drive_pages(base, public, duration, yardsticks)
        say("== page cache off, first answer after a content change")
        measured["cold"] = first_after_change(base, public)

    uncached = {**env, "PORTAL_PAGE_CACHE_SECONDS": "0"}
    queries = django_json(uncached, "queries", *public.values())
    queries.update(
        django_json(uncached, "queries", "/admin/reports/", f"--cookie={staff_cookie}")
    )
    write_report(
        measured, queries, pages, admin_few, admin_many, submissions, stored,
        few, many, sizes, duration,
    )  # fmt: skip
    say(f"== done in {time.monotonic() - started:.0f} s; figures in bench/REPORT.md")
    if "multi" not in args.skip:
        subprocess.run(
            [PYTHON, "bench/multi_server.py"], cwd=ROOT, env=env, check=False
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
