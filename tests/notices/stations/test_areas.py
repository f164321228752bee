"""Staff areas (notices/stations/areas.py): an editor of one area is not a citywide
editor."""

import pytest

from notices.stations import areas
from tests.portal.role_builders import build_city, role_user

pytestmark = pytest.mark.django_db


def test_an_area_editor_is_not_citywide_but_a_bureau_editor_is(bilingual_site):
    city = build_city(bilingual_site)
    assert areas.is_area_editor(role_user("editor", city.a))
    assert not areas.is_area_editor(role_user("editor", city.directory, username="e2"))
