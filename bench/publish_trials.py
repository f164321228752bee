"""Publishing under load, two servers: is a publish seen on both at once, for good?

Two gunicorn servers, A and B (2 workers each, production settings), on one
PostgreSQL database (`portal_trials`, the demo data) and one Redis (db 8), as a load
balancer would have them. wrk keeps both busy on one notice's public address while a
poller per server asks for it anonymously, without cookies, again and again. Then,
for each of three ways of publishing, `--trials` times, the notice's title is changed
to a new marker and published:

- edit: an editor's publish, as the admin's edit view does it (a new revision, then
  `revision.publish(user=…)`), in a separate process with production settings;
- bulk: Wagtail's bulk publish action on a saved draft, through A's admin with a
  signed-in superuser's session (HTTP, as a browser would post it);
- workflow: the draft submitted to the notices' workflow and each task approved,
  the last approval publishing (`task_state.approve(user=…)`), in that same process.

From the moment the publish returns, the pollers' answers are read until both
servers show the new marker (the time is noted), and `--hold` seconds more: any
answer that shows an older title after a server had shown the new one is a revert.
A path passes when every trial was seen on both within 1 s and none reverted.
Writes the "Publishing under load, two servers" section of bench/REPORT.md; exits 1
when a path misses. Needs PostgreSQL and Redis on 127.0.0.1 and wrk; ports 8240-8241;
takes about 5 minutes with 20 trials of each:

    .venv/bin/python bench/publish_trials.py [--trials 20] [--hold 3]
"""

import argparse
import contextlib
import json
import secrets
import statistics
import subprocess
import sys
import time

from multi_server import Browser
from server import OUT, PYTHON, ROOT, production_env, say, shell
from stack import ensure_database, port_open, prepare
from trial_publisher import PATHS, Publisher, bulk_publish
from trial_report import seconds, summary, write_report
from trial_servers import PORTS, Poller, app_server, wrk_load

DATABASE = "portal_trials"
REDIS_URL = "redis://127.0.0.1:6379/8"


def watch(pollers: list[Poller], marker: str, returned: float, args) -> dict:
    """Answers asked for after the publish returned: when each server first showed
    `marker` alone, and what any server showed after that other than `marker`."""
    deadline = returned + args.timeout
    first: dict[str, float] = {}
    took: dict[str, float] = {}  # how long the first answer with the marker took
    while time.time() < deadline and len(first) < len(pollers):
        time.sleep(0.01)
        for poller in pollers:
            for sent, received, shown, _cache in poller.since(returned):
                if shown == {marker} and poller.name not in first:
                    first[poller.name], took[poller.name] = received, received - sent
                    break
    if len(first) == len(pollers):
        time.sleep(args.hold)
    seen = max(first.values()) - returned if len(first) == len(pollers) else None
    reverts, stale = [], []
    for poller in pollers:
        for sent, received, shown, cache in poller.since(returned):
            if shown == {marker}:
                continue
            what = f"{poller.name}: {'+'.join(sorted(shown)) or 'no marker'} ({cache})"
            if poller.name in first and sent > first[poller.name]:
                reverts.append(f"{what} {received - first[poller.name]:.2f} s after")
            else:
                stale.append(what)
    return {
        "seen": seen,
        "reverts": reverts,
        "stale_before": len(stale),
        "took": max(took.values(), default=None),
    }


def run_trials(args, publisher: Publisher, staff, a: str, notice: dict, pollers):
    results: dict[str, list[dict]] = {path: [] for path in PATHS}
    publisher.call(
        "edit", notice["id"], f"试验通知 TRIAL-warm-00-{secrets.token_hex(3)}"
    )
    time.sleep(1)
    for path in PATHS:
        for number in range(args.trials):
            marker = f"TRIAL-{path}-{number:02d}-{secrets.token_hex(3)}"
            title = f"试验通知 {marker}"
            if path == "bulk":
                publisher.call("draft", notice["id"], title)
                returned = bulk_publish(staff, a, notice["id"])
            else:
                returned = publisher.call(path, notice["id"], title)["returned"]
            outcome = watch(pollers, marker, returned, args)
            results[path].append(outcome)
            seen = outcome["seen"]
            say(
                f"{path} {number + 1:2d}: both in "
                + (
                    f"{seen:.3f} s"
                    if seen is not None
                    else f"NOT within {args.timeout} s"
                )
                + (f", REVERTS {outcome['reverts']}" if outcome["reverts"] else "")
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--hold", type=float, default=3.0)
    parser.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args()

    if not (port_open(5432) and port_open(6379)):
        raise SystemExit("publish trials: need PostgreSQL on :5432 and Redis on :6379")
    env = production_env(
        DATABASE_URL=ensure_database(DATABASE),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX="trials",
        # Workflow notices by mail would be printed on the publisher's stdout.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    prepare(env)
    credentials = OUT / "trials-credentials.json"
    subprocess.run(
        [
            PYTHON,
            "bench/generate_city.py",
            "credentials",
            str(credentials),
            "--tokens=1",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    session = json.loads(credentials.read_text())["session"]
    staff = Browser()
    staff.cookies[session["name"]] = session["value"]
    notice = json.loads(
        shell(
            env,
            "import json;from notices.models import NoticePage;"
            "p=NoticePage.objects.live().filter(locale__language_code='zh-hans')"
            ".order_by('pk').first();"
            "print(json.dumps({'id': p.pk, 'url': p.url}))",
        )
    )
    budget = int(len(PATHS) * args.trials * (args.timeout + args.hold + 5) + 60)
    load: dict = {}
    publisher = Publisher(env, OUT / "trials-publisher.log")
    pollers: list[Poller] = []
    try:
        with contextlib.ExitStack() as stack:
            bases = {
                name: stack.enter_context(
                    app_server(env, name, OUT / f"trials-server-{name}.log")
                )
                for name in PORTS
            }
            for name, base in bases.items():
                stack.enter_context(wrk_load(base + notice["url"], budget, load, name))
            pollers = [
                Poller(name, base + notice["url"]) for name, base in bases.items()
            ]
            for poller in pollers:
                poller.start()
            try:
                results = run_trials(
                    args, publisher, staff, bases["A"], notice, pollers
                )
            finally:
                for poller in pollers:
                    poller.stopping.set()
                for poller in pollers:
                    poller.join(timeout=15)
    finally:
        publisher.stop()
    rows = summary(results, args.timeout)
    polls = {
        poller.name: (
            len(poller.answers),
            statistics.median(
                [r - s for s, r, _shown, cache in poller.answers if cache == "hit"]
                or [0]
            ),
        )
        for poller in pollers
    }
    write_report(rows, load, polls, args)
    for row in rows:
        say(
            f"{row['path']:8s} trials {row['trials']}, median "
            f"{seconds(row['median'], args.timeout)} s, max "
            f"{seconds(row['max'], args.timeout)} s, later than 1 s {row['late']}, "
            f"reverts {row['reverts']}: {'passed' if row['passed'] else 'MISSED'}"
        )
    return 0 if all(row["passed"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
