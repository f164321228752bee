"""Fixtures the notices tests share."""

import pytest

from tests.notices.event_builders import event_index, notice_index, station_tree
from tests.notices.station_builders import directory


@pytest.fixture
def stations_root(bilingual_site):
    """An empty station directory under the Chinese home page."""
    return directory(bilingual_site.home_zh)


@pytest.fixture
def events(bilingual_site):
    """An empty event index under the Chinese home page."""
    return event_index(bilingual_site.home_zh)


@pytest.fixture
def tree(bilingual_site):
    """A small station tree and an empty notice index."""
    stations = station_tree(bilingual_site.home_zh)
    index = notice_index(bilingual_site.home_zh)
    return stations, index
