"""A screenshot of a district's drawn base map (notices/maps/drawing.py), JavaScript
off, no tile server: what a resident sees on the district's page.

Usage: .venv/bin/python bench/map_screenshot.py BASE_URL PATH [OUT.png]
e.g.   .venv/bin/python bench/map_screenshot.py http://127.0.0.1:8000 \\
           /zh-hans/stations/huang-he-qu/ bench/screenshots/district_map.png
"""

import sys
from pathlib import Path

from browser import launch
from playwright.sync_api import sync_playwright

DEFAULT_OUT = "bench/screenshots/district_map.png"


def main() -> int:
    base, path = sys.argv[1], sys.argv[2]
    out = Path(sys.argv[3] if len(sys.argv) > 3 else DEFAULT_OUT)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(
            viewport={"width": 760, "height": 900}, java_script_enabled=False
        )
        page.goto(base.rstrip("/") + path)
        figure = page.query_selector("[data-area-map]")
        if figure is None:
            print("no drawn map on this page")
            return 1
        out.parent.mkdir(parents=True, exist_ok=True)
        figure.screenshot(path=str(out))
        browser.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
