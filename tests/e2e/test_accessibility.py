"""Every public page type, in both languages and both display modes, at phone size:
no axe-core violation of WCAG 2.0/2.1/2.2 A and AA, no horizontal scrolling at
360 px, and touch targets of at least 24 px (44 px in elderly mode)."""

from pprint import pformat

import pytest

from tests.e2e.builders import current_site, everything, small_targets
from tests.e2e.conftest import PHONE


@pytest.fixture
def town(forms_site):
    return everything(current_site())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_public_page_type_is_accessible_in_both_display_modes(
    journey, live_site, town, language
):
    problems: dict[str, object] = {}
    for display, minimum in (("standard", 24), ("elderly", 44)):
        visit = journey(viewport=PHONE, name=f"a11y-{language}-{display}")
        visit.context.add_cookies(
            [{"name": "portal_display", "value": display, "url": live_site.url}]
        )
        for name, path in town.paths(language).items():
            response = visit.goto(path)
            expected = 404 if name == "not found" else 200
            where = f"{display} {name} {path}"
            if response.status != expected:
                problems[where] = f"status {response.status}"
                continue
            html = visit.page.locator("html")
            found = {
                "language": html.get_attribute("lang") != language,
                # The wall poster prints the same for everyone: no display modes.
                "display mode": name != "poster"
                and display not in (html.get_attribute("class") or ""),
                "axe": visit.axe_violations(),
                "overflow": visit.horizontal_overflow(),
                "small targets": small_targets(visit.page, minimum),
            }
            found = {key: value for key, value in found.items() if value}
            if found:
                problems[where] = found
        assert visit.outside == []
        assert visit.csp_errors == []
    assert not problems, pformat(problems, width=100)
