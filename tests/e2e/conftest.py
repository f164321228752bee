"""Browser journeys: Playwright driving Debian's Chromium against a live server.

Skipped, with the reason printed, where /usr/bin/chromium or Playwright is missing.
Screenshots of key screens land in tests/e2e/screenshots/ for review.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# The journeys every resident path runs: a small phone with no JavaScript, and a
# desktop browser with it.
PHONE_WITHOUT_JS_AND_DESKTOP = pytest.mark.parametrize(
    ("viewport", "javascript"),
    [(PHONE, False), (DESKTOP, True)],
    ids=["phone-no-js", "desktop"],
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

MISSING = None
if sync_playwright is None:
    MISSING = "Playwright for Python is not installed"
elif not shutil.which(CHROMIUM):
    MISSING = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if MISSING:
                item.add_marker(
                    pytest.mark.skip(reason=f"browser journeys skipped: {MISSING}")
                )


def pytest_terminal_summary(terminalreporter):
    if MISSING:
        terminalreporter.write_line(
            f"NOTE: browser journeys (tests/e2e) were skipped: {MISSING}", yellow=True
        )


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def live_site(live_server, transactional_db):
    """The live server over the session's bilingual site (tests/conftest.py puts it
    back after each of these transactional tests)."""
    return live_server


@pytest.fixture
def forms_site(live_site, settings):
    """The live site with forms a browser may send at once and SMS kept in memory."""
    settings.PORTAL_FORM_MIN_SECONDS = 0
    settings.PORTAL_SMS_BACKEND = "participation.notifications.sms.RecordingSmsSender"
    return live_site


class Journey:
    """A browser context at one size that records outside requests and screenshots."""

    def __init__(
        self, browser, base_url: str, name: str, viewport: dict, javascript=True
    ):
        self.base_url = base_url
        self.name = name
        self.javascript = javascript
        self.context = browser.new_context(
            viewport=viewport, java_script_enabled=javascript, locale="zh-CN"
        )
        self.outside: list[str] = []
        self.csp_errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", self._check_request)
        self.page.on("console", self._check_console)
        self.shots = 0

    def _check_request(self, request):
        url = request.url
        if not url.startswith(self.base_url) and not url.startswith("data:"):
            self.outside.append(url)

    def _check_console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def open_menu(self) -> None:
        """On a phone the main menu and the text-size switch are folded into the
        header's 菜单 button (a <details>): tap it open, as a resident would. On a
        wide screen they are always shown and nothing is tapped."""
        button = self.page.locator(".phone-menu summary")
        if button.is_visible() and self.page.locator(".phone-menu[open]").count() == 0:
            button.click()

    def screenshot(self, label: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.shots += 1
        safe = re.sub(
            r"[^a-z0-9-]+", "-", f"{self.name}-{self.shots:02d}-{label}".lower()
        )
        path = SCREENSHOTS / f"{safe}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def axe_violations(self) -> list[dict]:
        """axe-core's WCAG A/AA violations on the current page."""
        if not AXE.exists():
            pytest.skip("axe-core not installed (npm install); accessibility unchecked")
        # Evaluated through the DevTools protocol, so the page's CSP does not block it.
        self.page.evaluate(AXE.read_text())
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        return [
            {
                "id": v["id"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]],
            }
            for v in result["violations"]
        ]

    def horizontal_overflow(self) -> int:
        root = "document.documentElement"
        return self.page.evaluate(f"{root}.scrollWidth - {root}.clientWidth")

    def close(self):
        self.context.close()


@pytest.fixture
def journey(browser, live_site, request):
    opened: list[Journey] = []

    def open_journey(viewport=PHONE, javascript=True, name=None) -> Journey:
        label = name or request.node.name
        item = Journey(browser, live_site.url, label, viewport, javascript)
        opened.append(item)
        return item

    yield open_journey
    for item in opened:
        item.close()
