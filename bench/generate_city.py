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
with photos, as bench/stations_import.py measures), then every community's boundary
is made up from the stations (notices/maps/tiling.py); notices and events are added as
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
import os
import random
import sys
import time
from pathlib import Path

from city_content import (
    ensure_boundaries,
    ensure_catalogue_items,
    ensure_convenience_points,
    ensure_events,
    ensure_notices,
    ensure_stations,
)
from city_residents import ensure_reports, ensure_volunteers
from city_visitors import count_queries, credentials
from server import say

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()


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
    ensure_boundaries()
    ensure_notices(args.notices, rng)
    ensure_events(args.events, rng)
    ensure_catalogue_items(args.catalogue_items)
    ensure_convenience_points()
    ensure_reports(args.reports, rng)
    ensure_volunteers(args.volunteers, rng)
    vacuum()
    say(f"city ready in {time.perf_counter() - started:.0f} s")


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
