"""Fixtures the notices tests share."""

import pytest

from tests.notices.station_builders import directory


@pytest.fixture
def stations_root(bilingual_site):
    """An empty station directory under the Chinese home page."""
    return directory(bilingual_site.home_zh)
