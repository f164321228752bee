"""Benchmark: relevance and latency of site search at city scale.

    .venv/bin/python bench/search_relevance.py [--notices 10000] [--reuse]
        [--repeat 5] [--trigram {keep,compare,drop}] [--compare OTHER.json]
        [--no-report]

1. Builds a scratch database (PostgreSQL database `portal_search_bench` on
   127.0.0.1 unless DATABASE_URL is set; `DATABASE_URL=sqlite:///…` works too) with
   `migrate` and `load_demo_data`: a fresh install, nothing inserted by the
   benchmark (the starter synonyms come with the migrations).
2. Adds N generated filler notices (80 % Chinese, 20 % English) as real NoticePage
   rows under the notice indexes, inserted in bulk with treebeard's path helpers
   because publishing 10,000 pages one by one through Wagtail takes hours. Each is
   then indexed through the real provider (`portal.search_index.reindex`), so the
   documents are exactly what publishing would have written.
3. Runs every query of bench/search_queries.py through the real view
   (`/<lang>/search/?q=` with Django's test client, production settings, page cache
   off) and scores the links in the order shown: recall@10 and MRR. It also scores
   the flat ranking of `portal.search.find` (what `?type=` pages show).
4. Times each query `--repeat` times through the view: median, p95, max.
5. Writes the figures to bench/REPORT.md ("Search relevance and latency") and the
   result lists to bench/out/search_results_<vendor>.json (`--compare` diffs them
   with another run's, e.g. SQLite against PostgreSQL).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_corpus import (  # noqa: E402
    add_filler,
    recreate_database,
    trigram_index,
    trigram_locale_note,
)
from bench.search_report import report  # noqa: E402
from bench.search_scoring import K, latency_line, measure, summary  # noqa: E402
from bench.server import (  # noqa: E402
    OUT,
    manage,
    production_env,
    write_report_section,  # noqa: E402
)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_search_bench"
TRIGRAM_NOTE = (
    "Chinese characters count as word characters in this locale (one trigram per "
    "character position, padded), so terms of three or more characters use the "
    "index; two-character terms and relaxed pieces cannot, and are scanned."
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notices", type=int, default=10_000)
    parser.add_argument("--reuse", action="store_true", help="keep the database")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--trigram",
        choices=["keep", "compare", "drop"],
        default="keep",
        help="PostgreSQL: leave any pg_trgm index as the migrations made it (keep), "
        "time without and with one (compare), or time without (drop)",
    )
    parser.add_argument("--compare", type=Path, help="another run's results JSON")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the search index first"
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE)
    env = production_env(DATABASE_URL=url, PORTAL_PAGE_CACHE_SECONDS="0")
    env.pop("REDIS_URL", None)
    vendor = "sqlite" if url.startswith("sqlite") else "postgresql"
    if not args.reuse:
        recreate_database(url)
    manage(env, "migrate", "--noinput", "-v0")
    if not args.reuse:
        started = time.perf_counter()
        manage(env, "load_demo_data")
        print(f"demo data: {time.perf_counter() - started:.0f} s")  # noqa: T201
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.test import Client

    from notices.models import NoticePage
    from portal.models import SearchDocument

    filler_seconds = add_filler(args.notices)
    if args.rebuild:
        from portal import search_index

        started = time.perf_counter()
        search_index.rebuild()
        print(f"index rebuilt in {time.perf_counter() - started:.0f} s")  # noqa: T201
    notices = NoticePage.objects.live().count()
    documents = SearchDocument.objects.count()
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{notices} notices, {documents} documents; measuring…")  # noqa: T201

    runs = []
    modes = {"keep": [None], "drop": [False], "compare": [False, True]}[args.trigram]
    locale_note = ""
    for with_trigram in modes:
        if vendor == "postgresql" and with_trigram is not None:
            trigram_index(with_trigram)
        label = {None: "as migrated", False: "LIKE scan", True: "pg_trgm GIN"}[
            with_trigram
        ]
        result = measure(client, args.repeat)
        runs.append((label, result))
        print(label, latency_line("", result["timings"]))  # noqa: T201
        slowest = sorted(result["rows"], key=lambda r: -r["ms"])[:8]
        print("  slowest:", [(r["query"], round(r["ms"])) for r in slowest])  # noqa: T201
    if vendor == "postgresql":
        locale_note = trigram_locale_note()

    rows = runs[-1][1]["rows"]
    result_file = OUT / f"search_results_{vendor}.json"
    OUT.mkdir(parents=True, exist_ok=True)
    result_file.write_text(
        json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    differences = []
    if args.compare:
        other = {
            (r["language"], r["query"]): r for r in json.loads(args.compare.read_text())
        }
        for row in rows:
            mine = row["shown"]
            theirs = other.get((row["language"], row["query"]), {}).get("shown")
            if theirs is not None and theirs != mine:
                differences.append(row["query"])
        print(f"differences from {args.compare.name}: {differences or 'none'}")  # noqa: T201

    figures = summary(rows)
    misses = [r for r in rows if r["recall"] < 1]
    for row in rows:
        if row["rr"] < 1 and row["recall"] == 1:
            print(f"LOW {row['query']!r}: rr {row['rr']:.2f} {row['shown'][:4]}")  # noqa: T201
    for row in misses:
        print(f"MISS {row['query']!r}: {row['expected']} vs {row['shown'][:K]}")  # noqa: T201
    print(  # noqa: T201
        f"recall@{K} {figures['recall']:.3f}  MRR {figures['mrr']:.3f}  "
        f"(flat ranking: {figures['ranked_recall']:.3f} / {figures['ranked_mrr']:.3f})"
    )
    if not args.no_report:
        write_report_section(
            "Search relevance and latency",
            report(args, vendor, notices, documents, filler_seconds, runs, differences)
            + (f"\n\npg_trgm: {locale_note}. {TRIGRAM_NOTE}" if locale_note else ""),
        )
        print(f"wrote bench/REPORT.md; results in {result_file}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
