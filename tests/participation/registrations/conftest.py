"""Events to register for: an index, a small event, and events of three kinds of
place for the staff screens."""

import pytest

from tests.notices.event_builders import event_index, make_event
from tests.participation.registration_builders import staffed_events


@pytest.fixture
def events(bilingual_site):
    return event_index(bilingual_site.home_zh)


@pytest.fixture
def event(events):
    return make_event(events, capacity=5, max_party_size=3)


@pytest.fixture
def staffed(bilingual_site):
    """Events of three kinds of place, a registration at each
    (registration_builders.staffed_events)."""
    return staffed_events(bilingual_site.home_zh)
