"""Headless Chromium as the browser benchmarks drive it: Debian's build, at a phone's
size, with nothing of its own on the network (its background requests would count
as the page's)."""

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 360, "height": 740}


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
