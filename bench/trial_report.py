"""The "Publishing under load, two servers" section of bench/REPORT.md: each publish
path's trials summed up against the acceptance bound."""

import datetime
import os
import statistics

from server import write_report_section
from trial_publisher import PATHS

WITHIN = 1.0  # seconds: the acceptance bound


def summary(results: dict[str, list[dict]], timeout: float) -> list[dict]:
    rows = []
    for path, outcomes in results.items():
        times = [o["seen"] for o in outcomes if o["seen"] is not None]
        took = [o["took"] for o in outcomes if o["took"] is not None]
        late = sum(1 for o in outcomes if o["seen"] is None or o["seen"] > WITHIN)
        reverts = sum(len(o["reverts"]) for o in outcomes)
        rows.append(
            {
                "path": path,
                "trials": len(outcomes),
                "median": statistics.median(times) if times else None,
                "max": max(times) if len(times) == len(outcomes) else None,
                "late": late,
                "reverts": reverts,
                "stale_before": sum(o["stale_before"] for o in outcomes),
                "took": statistics.median(took) if took else None,
                "details": [r for o in outcomes for r in o["reverts"]][:5],
                "passed": late == 0 and reverts == 0 and bool(outcomes),
                "timeout": timeout,
            }
        )
    return rows


def seconds(value: float | None, timeout: float) -> str:
    return f"{value:.3f}" if value is not None else f"> {timeout:g}"


def write_report(rows: list[dict], load: dict, polls: dict, args) -> None:
    when = datetime.datetime.now().astimezone()
    lines = [
        f"Measured {when:%Y-%m-%d %H:%M %Z} by bench/publish_trials.py (load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, shared with other "
        "work): two gunicorn servers, A and B (2 workers each, production settings), "
        "on one PostgreSQL database and one Redis. Throughout, wrk kept 4 "
        "connections busy on each server's copy of one notice ("
        + ", ".join(
            f"{name} {rate:.0f} answers/s" if rate else f"{name} rate not read"
            for name, rate in load.items()
        )
        + ") and one anonymous poller per server asked for it again and again ("
        + ", ".join(
            f"{name} {count} answers, a cached one in {hit * 1000:.0f} ms median"
            for name, (count, hit) in polls.items()
        )
        + "). Each trial changed the notice's title to a new marker and published it; "
        "the time is from the publish returning to the first answer of the second "
        f"server that showed the new title; then {args.hold:g} s more of answers "
        "were read for an older title (a revert). A path passes when every trial "
        f"was seen on both within {WITHIN:g} s and nothing reverted. The last column "
        "is how long the slower server took over the first answer showing the new "
        "title, from the poller's asking: a page built afresh, as the publish moved "
        "the content generation on and the page cache missed.",
        "",
        "| publish path | trials | median s to both | max s to both | later than 1 s "
        "| reverts | result | median s of that first answer |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['path']}: {PATHS[row['path']]} | {row['trials']} | "
            f"{seconds(row['median'], args.timeout)} | "
            f"{seconds(row['max'], args.timeout)} | {row['late']} | "
            f"{row['reverts']} | {'passed' if row['passed'] else '**MISSED**'} | "
            f"{seconds(row['took'], args.timeout)} |"
        )
    lines.append("")
    lines.append(
        "Answers asked for after the publish returned that still showed the old title "
        "(before that server first showed the new one): "
        + ", ".join(f"{row['path']} {row['stale_before']}" for row in rows)
        + "."
    )
    if any(row["late"] and not row["stale_before"] for row in rows):
        lines.append(
            "Where a trial was later than 1 s with no such answer, no cache held an "
            "old copy: the time went on the servers' queue while they built pages "
            "afresh after the generation moved (every request in flight misses at "
            "once)."
        )
    for row in rows:
        if row["details"]:
            lines.append(f"Reverts on {row['path']}: " + "; ".join(row["details"]))
    write_report_section("Publishing under load, two servers", "\n".join(lines))
