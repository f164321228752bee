"""Fixtures the notices tests share."""

import copy

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


@pytest.fixture(scope="module")
def shared_tree(module_transaction):
    """A small station tree and an empty notice index, built once for the module
    inside its transaction (tests/conftest.py): each test's writes are rolled back
    before the next test."""
    stations = station_tree(module_transaction.home_zh)
    index = notice_index(module_transaction.home_zh)
    return stations, index


@pytest.fixture
def tree(db, shared_tree):
    """A copy of the module's station tree and notice index."""
    return copy.deepcopy(shared_tree)


# The role builders' city of two communities, built once per module (shared with the
# portal tests: roles and page scoping are tested on the same city).
from tests.portal.conftest import city, shared_city  # noqa: E402, F401
