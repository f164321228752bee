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
import bisect
import contextlib
import datetime
import json
import os
import queue
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "portal_trials"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/8"
PORTS = {"A": 8240, "B": 8241}
STAFF = "bench-moderator"  # bench/generate_city.py's signed-in superuser
MARKER = re.compile(rb"TRIAL-[a-z]+-\d{2}-[0-9a-f]{6}")
WITHIN = 1.0  # seconds: the acceptance bound
PATHS = {
    "edit": "an editor's publish: new revision, `revision.publish(user=…)`",
    "bulk": "Wagtail's bulk publish action, posted to A's admin",
    "workflow": "workflow approval: submitted, each task approved",
}


def say(text: str) -> None:
    print(text, flush=True)  # noqa: T201


# The publishing process: reads one JSON request a line, answers "TRIALS {json}".


def publisher() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    user = get_user_model().objects.get(username=STAFF)

    def fresh(page_id: int):
        """The notice as the editor's form would start from: its latest revision."""
        page = Page.objects.get(pk=page_id).specific
        state = page.current_workflow_state
        if state is not None:  # a run stopped halfway left it in a workflow
            state.cancel(user=user)
        return page.get_latest_revision_as_object()

    def edit(page_id: int, title: str) -> dict:
        page = fresh(page_id)
        page.title = title
        revision = page.save_revision(user=user, log_action=True)
        started = time.time()
        revision.publish(user=user)
        return {"started": started, "returned": time.time()}

    def draft(page_id: int, title: str) -> dict:
        page = fresh(page_id)
        page.title = title
        page.save_revision(user=user, log_action=True)
        return {}

    def workflow(page_id: int, title: str) -> dict:
        page = fresh(page_id)
        page.title = title
        page.save_revision(user=user, log_action=True)
        state = page.get_workflow().start(page, user)
        tasks = 0
        while state.status == state.STATUS_IN_PROGRESS:
            task_state = state.current_task_state.specific
            started = time.time()
            task_state.approve(user=user)
            returned = time.time()
            tasks += 1
            state.refresh_from_db()
        return {"started": started, "returned": returned, "tasks": tasks}

    actions = {"edit": edit, "draft": draft, "workflow": workflow}
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = actions[request["do"]](request["page"], request["title"])
        except Exception:  # reported to the driver, which stops the run
            answer = {"error": traceback.format_exc()}
        say("TRIALS " + json.dumps(answer))


class Publisher:
    """The publishing process, driven from here; its answers come back on a queue."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "publisher"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log.open("w"),
            text=True,
        )
        self.answers: queue.Queue = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("TRIALS "):
                self.answers.put(json.loads(line[len("TRIALS ") :]))

    def call(self, do: str, page: int, title: str) -> dict:
        self.process.stdin.write(
            json.dumps({"do": do, "page": page, "title": title}) + "\n"
        )
        self.process.stdin.flush()
        answer = self.answers.get(timeout=120)
        if "error" in answer:
            raise RuntimeError(f"publisher failed:\n{answer['error']}")
        return answer

    def stop(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


# Servers and load


@contextlib.contextmanager
def app_server(env: dict[str, str], name: str, log: Path) -> Iterator[str]:
    port = PORTS[name]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stderr=log.open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server {name} did not start: see {log}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def wrk_load(url: str, seconds: int, results: dict, name: str) -> Iterator[None]:
    """wrk on `url` until the block ends (at most `seconds`); its rate in `results`."""
    from run import ensure_wrk

    process = subprocess.Popen(
        [ensure_wrk(), "-t1", "-c4", f"-d{seconds}s", "--timeout", "10s", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # wrk stops and prints its figures
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        rate = re.search(r"Requests/sec:\s+([\d.]+)", output or "")
        results[name] = float(rate[1]) if rate else None


class Poller(threading.Thread):
    """Asks one server for the notice, anonymously, as fast as it answers; keeps
    (sent, received, markers shown, X-Portal-Cache) of every answer."""

    def __init__(self, name: str, url: str) -> None:
        super().__init__(daemon=True)
        self.name, self.url = name, url
        self.answers: list[tuple[float, float, frozenset, str]] = []
        self.errors = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            sent = time.time()
            try:
                with urllib.request.urlopen(self.url, timeout=10) as answer:  # noqa: S310
                    body, cache = answer.read(), answer.headers.get("X-Portal-Cache")
            except (OSError, urllib.error.HTTPError):
                self.errors += 1
                time.sleep(0.05)
                continue
            shown = frozenset(m.decode() for m in MARKER.findall(body))
            with self.lock:
                self.answers.append((sent, time.time(), shown, cache or "none"))

    def since(self, moment: float) -> list[tuple[float, float, frozenset, str]]:
        # One thread appends: the answers are in the order they were asked for.
        with self.lock:
            start = bisect.bisect_left(self.answers, moment, key=lambda a: a[0])
            return self.answers[start:]


# Trials


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


def bulk_publish(staff, base: str, page_id: int) -> float:
    """Post Wagtail's bulk publish for the page as the admin's form does; the moment
    the answer came back."""
    from multi_server import csrf_field

    action = f"{base}/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    _status, _headers, confirm = staff.request(action)
    status, _headers, _body = staff.request(
        action, {"csrfmiddlewaretoken": csrf_field(confirm)}, {"Referer": action}
    )
    returned = time.time()
    if status != 302:
        raise RuntimeError(f"bulk publish answered HTTP {status}")
    return returned


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
    from server import write_report_section

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


def ensure_database() -> str:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"{POSTGRES}/{DATABASE}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--hold", type=float, default=3.0)
    parser.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args()

    from multi_server import Browser
    from run import port_open, prepare
    from server import OUT, PYTHON, production_env, shell

    if not (port_open(5432) and port_open(6379)):
        raise SystemExit("publish trials: need PostgreSQL on :5432 and Redis on :6379")
    env = production_env(
        DATABASE_URL=ensure_database(),
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
    sys.path.insert(0, str(ROOT / "bench"))
    if sys.argv[1:] == ["publisher"]:
        publisher()
    else:
        sys.exit(main())
