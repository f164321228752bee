"""Events to register for: an index, a small event, and events of three kinds of
place for the staff screens."""

import pytest

from participation.registrations.rules import register
from tests.notices.event_builders import event_index, make_event, station_tree


@pytest.fixture
def events(bilingual_site):
    return event_index(bilingual_site.home_zh)


@pytest.fixture
def event(events):
    return make_event(events, capacity=5, max_party_size=3)


@pytest.fixture
def staffed(bilingual_site, events):
    """A registration at an event of the staff's community, one of a far community
    and one citywide (an address, no station)."""
    stations = station_tree(bilingual_site.home_zh)
    here = make_event(events, title="民主社区开放日", community=stations.community)
    there = make_event(events, title="彭城社区普法", community=stations.far)
    citywide = make_event(events, title="全市公益集市", address="市民广场")
    for event in (here, there, citywide):
        register(event, name="李小龙", phone="13700001111")
    return stations, here, there, citywide
