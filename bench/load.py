"""Driving the served city with wrk: each address in turns, the first answer after a
content change, and a resident's report form as the browser would post it."""

import json
import os
import re
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

from server import ROOT, say
from stack import CACHE_PREFIX, REDIS_URL

WRK_SCRIPT = ROOT / "bench" / "wrk" / "bench.lua"
WRK_THREADS = 2
WRK_CONNECTIONS = 8
# Pages and yardsticks are measured in this many turns each (see drive_pages).
SLICES = 5


def fetch(url: str, cookie: str = "") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wrk(
    base: str,
    path: str,
    duration: int,
    env_extra: dict | None = None,
    warm: int = 5,
    connections: int = WRK_CONNECTIONS,
) -> dict:
    """Drive one address with wrk; returns its figures."""
    env_extra = env_extra or {}
    cache_state = ""
    for _ in range(warm):
        _status, headers, _body = fetch(base + path, env_extra.get("BENCH_COOKIE", ""))
        cache_state = headers.get("X-Portal-Cache", "")
    result = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout=10s",
            "-s",
            str(WRK_SCRIPT),
            base + path,
        ],
        env={**os.environ, "BENCH_THREADS": str(WRK_THREADS), **env_extra},
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(
        line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON ")
    )
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    figures["rps"] = figures["requests"] / figures["seconds"]
    figures["ok"] = figures["requests"] - figures["status_errors"]
    figures["cache"] = cache_state
    return figures


def first_after_change(base: str, pages: dict[str, str], times: int = 5) -> dict:
    """Median milliseconds of each page's first answer after a content change: the
    content generation is moved on (as a publish does), so every remembered lookup
    is built again, then the page is fetched once; `times` times."""
    import redis

    generation = redis.Redis.from_url(REDIS_URL)
    # portal.lookups.GENERATION_KEY under Django's key format (prefix:version:key).
    key = f"{CACHE_PREFIX}:1:portal:lookup:generation"
    medians = {}
    for name, path in pages.items():
        fetch(base + path)  # renditions and the like made once
        spent = []
        for _ in range(times):
            generation.incr(key)
            started = time.perf_counter()
            fetch(base + path)
            spent.append((time.perf_counter() - started) * 1000)
        medians[name] = sorted(spent)[len(spent) // 2]
        say(f"  {name:<20} first answer after a change: {medians[name]:6.1f} ms")
    return medians


def drive_pages(base: str, pages: dict[str, str], duration: int, yardsticks) -> dict:
    """Each address driven in SLICES turns of duration / SLICES seconds, the yardsticks
    and pages taking turns, so every figure spans the same minutes: on a shared
    machine whose speed drifts (hello-world measured 579 to 1,369 req/s within one
    session here), a yardstick measured minutes away from a page compared moments,
    not code. Requests per second: all requests over all seconds of an address's
    turns; p50 and p95: the median of its turns' figures."""
    addresses = {**yardsticks, **pages}
    turns: dict[str, list[dict]] = {name: [] for name in addresses}
    seconds = max(1, duration // SLICES)
    for _turn in range(SLICES):
        for name, path in addresses.items():
            turns[name].append(wrk(base, path, seconds))
    results = {}
    for name, measured in turns.items():
        requests = sum(figures["requests"] for figures in measured)
        spent = sum(figures["seconds"] for figures in measured)
        results[name] = figures = {
            "requests": requests,
            "seconds": spent,
            "rps": requests / spent,
            "ok": sum(figures["ok"] for figures in measured),
            "p50_ms": statistics.median(figures["p50_ms"] for figures in measured),
            "p95_ms": statistics.median(figures["p95_ms"] for figures in measured),
            "cache": measured[-1]["cache"],
            "turns": [round(figures["rps"]) for figures in measured],
        }
        say(
            f"  {name:<20} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:6.1f} "
            f"ms  p95 {figures['p95_ms']:6.1f} ms  {figures['cache']}  "
            f"turns {figures['turns']}"
        )
    return results


def report_form_post(base: str, form_path: str) -> tuple[str, str]:
    """The CSRF cookie and the URL-encoded form, as a resident's browser has them."""
    status, headers, body = fetch(base + form_path)
    if status != 200:
        raise SystemExit(f"bench: the report form answered {status}")
    cookie = SimpleCookie()
    cookie.load(headers.get("Set-Cookie", ""))
    csrf_cookie = cookie["csrftoken"].value
    html = body.decode()
    csrf_field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    community = re.search(r"community=(\d+)", form_path)[1]
    category = re.search(r'name="category"[^>]*>.*?<option value="([^"]+)"', html, re.S)
    fields = {
        "csrfmiddlewaretoken": csrf_field,
        "kind": "problem",
        "category": category[1] if category else "",
        "community": community,
        "location": "3号楼2单元门口",
        "description": "楼道里堆满了杂物，影响通行。（基准测试提交）",
        "allow_publication": "on",
        "name": "",
        "phone": "",
        "email": "",
        "website": "",
    }
    return f"csrftoken={csrf_cookie}", urllib.parse.urlencode(fields)
