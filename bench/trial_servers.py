"""Two app servers under load for bench/publish_trials.py: gunicorn on fixed ports,
wrk keeping each busy, and a poller per server reading what it shows."""

import bisect
import contextlib
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from server import start_gunicorn, stop, wait_until_healthy
from stack import ensure_wrk

PORTS = {"A": 8240, "B": 8241}
MARKER = re.compile(rb"TRIAL-[a-z]+-\d{2}-[0-9a-f]{6}")


@contextlib.contextmanager
def app_server(env: dict[str, str], name: str, log: Path) -> Iterator[str]:
    port = PORTS[name]
    process = start_gunicorn(env, port, 2, stderr=log.open("w"))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(process, base, f"server {name} did not start: see {log}")
        yield base
    finally:
        stop(process)


@contextlib.contextmanager
def wrk_load(url: str, seconds: int, results: dict, name: str) -> Iterator[None]:
    """wrk on `url` until the block ends (at most `seconds`); its rate in `results`."""
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
