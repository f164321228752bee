"""Page weight and outside requests, measured in headless Chromium.

For every page in PAGES: all requests the page makes (HTML, CSS, JS, images, fonts),
each body's gzip size (what a compressing reverse proxy sends; whitenoise also serves
pre-compressed static files), and any request that leaves the site. Figures go to
bench/REPORT.md. Budget: 60 KB compressed per page with all its assets.

Usage: .venv/bin/python bench/page_weight.py [path ...]
"""

import datetime
import gzip
import sys
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from server import prepare, production_env, serve, write_report_section

BUDGET_BYTES = 60 * 1024
CHROMIUM = "/usr/bin/chromium"
PAGES = ["/zh-hans/", "/en/"]
VIEWPORT = {"width": 360, "height": 740}


def measure(base: str, paths: list[str]) -> list[dict]:
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for display in ("standard", "elderly"):
            context = browser.new_context(viewport=VIEWPORT)
            if display == "elderly":
                context.add_cookies(
                    [{"name": "portal_display", "value": "elderly", "url": base}]
                )
            for path in paths:
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
                    sizes[response.url] = (len(body), len(gzip.compress(body, 6)))

                page.on("response", record)
                page.goto(base + path, wait_until="networkidle")
                outside = [
                    url
                    for url in requests
                    if not url.startswith(base) and urlsplit(url).scheme != "data"
                ]
                results.append(
                    {
                        "path": path,
                        "display": display,
                        "requests": len(requests),
                        "raw": sum(raw for raw, _ in sizes.values()),
                        "compressed": sum(packed for _, packed in sizes.values()),
                        "outside": outside,
                    }
                )
                page.close()
            context.close()
        browser.close()
    return results


def main() -> int:
    paths = sys.argv[1:] or PAGES
    env = production_env()
    prepare(env)
    with serve(env) as base:
        results = measure(base, paths)
    lines = [
        f"Measured {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} with "
        "headless Chromium at 360×740, gunicorn + whitenoise, demo data. "
        "Compressed = gzip -6 of each response body, summed over every request.",
        "",
        "| page | display | requests | raw KB | compressed KB | budget 60 KB "
        "| outside requests |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    failed = False
    for row in results:
        within = row["compressed"] <= BUDGET_BYTES
        failed |= not within or bool(row["outside"])
        lines.append(
            f"| `{row['path']}` | {row['display']} | {row['requests']} | "
            f"{row['raw'] / 1024:.1f} | {row['compressed'] / 1024:.1f} | "
            f"{'within' if within else 'OVER'} | {len(row['outside']) or 'none'} |"
        )
    report = write_report_section("Page weight", "\n".join(lines))
    print("\n".join(lines))
    print(f"written to {report}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
