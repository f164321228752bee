"""How soon the report form is usable on a slow phone connection.

Headless Chromium at 360×740, throttled through the DevTools protocol to "slow 3G"
(Network.emulateNetworkConditions: 400 kbit/s down, 400 kbit/s up, 400 ms round trip),
opens the report form the way a station poster's QR code does
(`/<lang>/report/?community=<id>`) and records, from the start of navigation:

- DOMContentLoaded (the HTML parsed, the deferred enhancement script run),
- first contentful paint (the stylesheet arrived; the form is on screen),
- the submit button in the page, visible and enabled, as Playwright sees it,
- "usable": the latest of those three, when a person can fill in and send the form,
- load (every asset).

Each figure is the median of several cold visits (new browser context, empty cache)
and of warm visits (same context, assets cached). Budget: usable within 3 s.
Figures go to bench/REPORT.md (section "Slow network").

Usage: .venv/bin/python bench/slow_network.py [runs]
"""

import argparse
import datetime
import re
import statistics
import sys
import time
import urllib.request

from browser import VIEWPORT, launch
from playwright.sync_api import sync_playwright
from server import prepare, production_env, serve, write_report_section

BUDGET_SECONDS = 3.0
KBIT = 1000 / 8  # bytes per second in one kbit/s
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * KBIT,
    "uploadThroughput": 400 * KBIT,
}
SUBMIT = "form.report-form button[type=submit]"
TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          fcp: paint ? paint.startTime : null, bytes: nav.transferSize};
}"""


def community_id(base: str) -> str:
    """The first community /report/ offers to choose (the id a poster's QR code
    carries)."""
    with urllib.request.urlopen(f"{base}/zh-hans/report/", timeout=10) as response:  # noqa: S310
        html = response.read().decode()
    return re.search(r'href="\?community=(\d+)', html).group(1)


def visit(page, url: str) -> dict:
    started = time.monotonic()
    page.goto(url, wait_until="commit")
    button = page.locator(SUBMIT)
    button.wait_for(state="visible", timeout=60_000)
    while not button.is_enabled():
        time.sleep(0.01)
    button_shown = (time.monotonic() - started) * 1000
    page.wait_for_load_state("load")
    figures = page.evaluate(TIMINGS)
    figures["button"] = button_shown
    figures["usable"] = max(button_shown, figures["dcl"], figures["fcp"] or 0)
    return figures


def throttled_page(context):
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_3G)
    return page


def measure(base: str, runs: int) -> list[dict]:
    url_of = {
        language: f"{base}/{language}/report/?community={community_id(base)}"
        for language in ("zh-hans", "en")
    }
    rows = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for language, url in url_of.items():
            for display in ("standard", "elderly"):
                cold, warm = [], []
                for _ in range(runs):
                    context = browser.new_context(viewport=VIEWPORT)
                    context.add_cookies(
                        [{"name": "portal_display", "value": display, "url": base}]
                    )
                    page = throttled_page(context)
                    cold.append(visit(page, url))
                    warm.append(visit(page, url))
                    context.close()
                for visits, cache in ((cold, "cold"), (warm, "warm")):
                    rows.append(
                        {
                            "language": language,
                            "display": display,
                            "cache": cache,
                            **{
                                key: statistics.median(v[key] or 0 for v in visits)
                                for key in (
                                    "dcl",
                                    "fcp",
                                    "button",
                                    "usable",
                                    "load",
                                    "bytes",
                                )
                            },
                            "worst": max(v["usable"] for v in visits),
                        }
                    )
        browser.close()
    return rows


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number above 0")
    return int(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "runs",
        nargs="?",
        type=positive,
        default=5,
        help="visits per language, display and cache state (default 5)",
    )
    runs = parser.parse_args().runs
    env = production_env()
    prepare(env)
    with serve(env) as base:
        rows = measure(base, runs)
    lines = [
        f"Measured {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}: headless "
        "Chromium at 360×740 throttled to slow 3G through the DevTools protocol "
        "(400 kbit/s down and up, 400 ms round trip), gunicorn + whitenoise, demo "
        "data, the report form opened as from a poster's QR code "
        "(`/<lang>/report/?community=<id>`). Milliseconds from the start of "
        f"navigation, median of {runs} visits; cold = empty cache, warm = the same "
        "browser again. Usable = DOMContentLoaded, first paint and the submit "
        "button visible and enabled, whichever comes last. "
        f"Budget: usable within {BUDGET_SECONDS:.0f} s.",
        "",
        "| language | display | cache | HTML bytes | DOMContentLoaded | first paint "
        "| button shown | usable (median) | usable (worst) | load | within budget |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    failed = False
    for row in rows:
        within = row["worst"] <= BUDGET_SECONDS * 1000
        failed |= not within
        lines.append(
            f"| {row['language']} | {row['display']} | {row['cache']} | "
            f"{row['bytes']:.0f} | {row['dcl']:.0f} | {row['fcp']:.0f} | "
            f"{row['button']:.0f} | {row['usable']:.0f} | {row['worst']:.0f} | "
            f"{row['load']:.0f} | "
            f"{'yes' if within else 'NO'} |"
        )
    report = write_report_section("Slow network", "\n".join(lines))
    print("\n".join(lines))
    print(f"written to {report}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
